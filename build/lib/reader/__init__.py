"""reader: annotated reST texts to HTML, PDF and EPUB editions with footnoted citations.

The package follows the pipeline: ``sources`` (plain-Python readers of refs.bib and
citation markup) -> ``extension`` (the Sphinx extension) -> ``builders`` (running
Sphinx and LaTeX for each edition) -> ``exports`` (BibTeX and other citation files).
``styles`` holds the pybtex note style; ``cli`` the ``reader`` command.
"""

__version__ = "0.1.0"
