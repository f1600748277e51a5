"""Builders: run Sphinx for each edition, LaTeX for the PDF, and gather the editions."""
