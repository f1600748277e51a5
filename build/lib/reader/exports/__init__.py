"""Exports: the references of the edition as files for reference managers.

| module | what |
| --- | --- |
| ``bibtex`` | BibTeX (bibtexparser's writer), ``write_atomically`` |
| ``biblatex`` | BibTeX types and fields renamed to biblatex's |
| ``csl`` | CSL-JSON |
| ``ris`` | RIS |
| ``values`` | BibTeX values as plain text, names and dates (for CSL-JSON and RIS) |
| ``formats`` | the formats by name: ``render(name, entries, header)`` |
| ``edition`` | the edition itself as citable entries, from conf.py |
| ``cite`` | LaTeX, pandoc and note forms of a citation (``--quotation``) |
| ``scopes`` | what an export holds: all, a text, a chapter, a key, a quotation, the edition |
| ``files`` | the files of ``reader build``'s bib step beside refs.bib |
"""
