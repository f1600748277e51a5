# A standard Sphinx project (conf.py beside the texts, as sphinx-quickstart makes it)
# that uses the reader's extension: no source_texts/, no reader command.
project = "Docs Layout"
extensions = ["reader.extension"]
bibtex_bibfiles = ["sources.bib"]
reader_publisher = "Layout Press"
reader_date = "2025"
html_baseurl = "https://docs.example.org/layout/"
reader_editors = ["Ada Lovelace", "Charles Babbage"]
