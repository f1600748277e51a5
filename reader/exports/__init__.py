"""Exports: the references of the edition as files for reference managers.

| module | what |
| --- | --- |
| ``bibtex`` | BibTeX (bibtexparser's writer) |
| ``writing`` | writing as ``>`` would: atomic for regular files, into FIFOs and devices |
| ``biblatex`` | BibTeX types and fields renamed to biblatex's |
| ``csl`` | CSL-JSON |
| ``ris`` | RIS |
| ``values`` | BibTeX values as plain text, names and dates (for CSL-JSON and RIS) |
| ``formats`` | the formats by name: ``render(name, entries, header)`` |
| ``edition`` | the edition itself as citable entries, from conf.py |
| ``cite`` | LaTeX, pandoc and note forms of a citation (``--quotation``) |
| ``how_to_cite`` | the notes and entries that cite the edition, a chapter, a paragraph |
| ``coins`` | COinS (OpenURL) spans for reference managers |
| ``records`` | an entry as the exports read it, from pybtex's reading of refs.bib |
| ``biblatex_model`` | biblatex's data model: which fields each type takes |
| ``pdf_pages`` | the pages of each text in the PDF, from the LaTeX build |
| ``scopes`` | what an export holds: all, a text, a chapter, a key, a quotation, the edition |
| ``files`` | the files of ``reader build``'s bib step beside refs.bib |
"""
