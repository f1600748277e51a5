"""A small edition for the tests of `reader check`, `reader stats` and `reader new`.

It is clean: `reader check` finds no problem in it, and it builds without warnings.
The tests copy it and break one thing at a time.
"""

project = "Check Book"
author = "Check Editors"
extensions = ["reader.extension"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cmos"
reader_edition_basename = "check-book"
html_theme = "furo"
epub_basename = reader_edition_basename
epub_identifier = "urn:uuid:00000000-0000-4000-8000-000000000002"
epub_scheme = "uuid"
epub_publisher = epub_contributor = epub_copyright = author
epub_description = "A fixture book for the tests of reader check."
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "check-book.tex", project, author, "manual")]
version = release = "1"
reader_original_language = "ru"  # of the annotations' :original: forms
