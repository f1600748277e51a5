project = "Fixture Book"
author = "Fixture Editors"
extensions = ["reader.extension"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cmos"
reader_edition_basename = "fixture-book"
html_theme = "furo"
epub_basename = reader_edition_basename
epub_identifier = "urn:uuid:00000000-0000-4000-8000-000000000001"
epub_scheme = "uuid"
epub_publisher = epub_contributor = epub_copyright = author
epub_description = "A fixture book for the tests."
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "fixture-book.tex", project, author, "manual")]
version = release = "1"
