"""Sphinx configuration of the first edition: *Why the Russian Revolution Failed*.

Edition metadata is stated once here; the HTML, EPUB and PDF settings below are
derived from it.  Build with ``make`` (or ``reader build``), not sphinx-build:
the command also runs LaTeX and writes the BibTeX export.
"""

# -- The edition ---------------------------------------------------------------
project = "Why the Russian Revolution Failed"
reader_subtitle = "A study reader, from February 1917 to Stalin's bureaucracy"
reader_editors: list[str] = []  # a collective work: cited by its title
reader_edition = "First edition"
reader_date = "2026"
reader_publisher = "Reader Project"
reader_licence = (
    "The editors' texts and notes may be shared and adapted under the Creative Commons "
    "Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0). Quoted passages "
    "remain under the terms of their sources."
)
reader_description = (
    "An annotated study reader on why the Russian Revolution failed: February 1917 and "
    "the soviets, October, the civil war, isolation, the debates of the 1920s, the rise "
    "of the bureaucracy and the Left Opposition, with footnoted sources."
)
# the annotations' original forms are Russian unless their :lang: says otherwise
reader_original_language = "ru"
reader_keywords = ["Russian Revolution", "Bolsheviks", "Trotsky", "Lenin", "Stalinism", "soviets"]
author = reader_publisher
copyright = f"{reader_date}, {reader_publisher}"
release = version = reader_edition
language = "en"
today = reader_date

root_doc = "index"
exclude_patterns: list[str] = []
extensions = ["reader.extension", "sphinx_sitemap", "sphinxext.opengraph"]
nitpicky = True

# -- Sources -------------------------------------------------------------------
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cmos"
reader_note_style = "cmos"
reader_edition_basename = "why-the-russian-revolution-failed"

# -- The published address (Read the Docs builds it: .readthedocs.yaml) ----------
# Every citation's URL, the canonical links, the sitemap and the Open Graph tags
# follow from it.
html_baseurl = "https://why-the-russian-revolution-failed.readthedocs.io/en/latest/"
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_description_length = 200
ogp_type = "book"
ogp_social_cards = {"enable": False}  # no generated images: the editions have no cover art

# -- HTML ----------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_static_path: list[str] = []
templates_path: list[str] = []
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "reader/editions.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
html_show_sourcelink = False
html_copy_source = False

# -- EPUB ----------------------------------------------------------------------
epub_basename = reader_edition_basename
epub_title = project
epub_author = reader_publisher
epub_publisher = reader_publisher
epub_copyright = copyright
epub_contributor = reader_publisher
epub_language = language
epub_identifier = "urn:uuid:5b1f3c5e-7a44-4b8e-9d1e-1917a0c1f001"
epub_scheme = "uuid"
epub_uid = "reader-why-the-russian-revolution-failed"
epub_show_urls = "no"
epub_tocdepth = 2

# -- PDF (XeLaTeX) -------------------------------------------------------------
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", f"{reader_edition_basename}.tex", project, reader_publisher, "manual")]
latex_show_urls = "no"
# the book's design (title page, imprint, running heads) follows from the edition
