"""Readers for the sources of the edition: refs.bib and the citation markup of the texts."""
