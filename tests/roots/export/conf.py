project = "Export Fixture"
subtitle = "A small reader for the export tests"
editors = "the Fixture editors"
edition = "Second edition"
edition_date = "2026"
publisher = "Fixture Press & Co"
html_baseurl = "https://example.org/reader/"
author = editors
language = "en"
extensions = ["reader.extension"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cmos"
reader_edition_basename = "export-fixture"
html_theme = "furo"
version = release = edition
