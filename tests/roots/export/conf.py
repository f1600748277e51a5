project = "Export Fixture"
reader_subtitle = "A small reader for the export tests"
reader_editors = ["the Fixture editors"]
reader_edition = "Second edition"
reader_date = "2026"
reader_publisher = "Fixture Press & Co"
html_baseurl = "https://example.org/reader/"
author = "the Fixture editors"
language = "en"
extensions = ["reader.extension"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cmos"
reader_edition_basename = "export-fixture"
html_theme = "furo"
version = release = reader_edition
