"""The site's search, in a real browser: the right page first, once, with a snippet
that marks the words, and a link that marks them on the page it opens."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest

from tests.browser import browser, serve

#: query → the page and entry that must come first
FIRST = {
    "Trotsky": ("people.html", "ann-person-trotsky"),
    "soviet": ("glossary.html", "ann-gloss-soviet"),
    "NEP": ("glossary.html", "ann-gloss-nep"),
    "Троцкий": ("people.html", "ann-person-trotsky"),  # his :original: spelling
}
ENTITY = re.compile(r"&(#x?[0-9a-f]+|[a-z]+);", re.IGNORECASE)
DONE = """() => {
    const status = document.querySelector("#search-results .search-summary");
    const items = [...document.querySelectorAll("ul.search > li")];
    return status?.textContent.startsWith("Search finished")
        && items.every((item) => item.querySelector("p.context"));
}"""


@pytest.fixture(scope="module")
def site(edition):
    with serve(edition.html) as base:
        yield base


@pytest.fixture
def page():
    with browser() as chromium:
        context = chromium.new_context()
        context.set_default_timeout(10000)
        yield context.new_page()
        context.close()


def search(page, url: str) -> list[dict[str, object]]:
    """Open the search page at *url*; each result's link, text, snippet and marked words."""
    page.goto(url)
    page.wait_for_function(DONE)
    return page.eval_on_selector_all(
        "ul.search > li",
        """items => items.map((item) => ({
            href: item.querySelector("a").getAttribute("href"),
            text: item.innerText,
            snippet: item.querySelector("p.context")?.innerText ?? "",
            marked: [...item.querySelectorAll("p.context .highlighted")].map((m) => m.textContent),
        }))""",
    )


@pytest.mark.parametrize("query", FIRST)
def test_the_right_page_comes_first_once_with_the_words_marked(page, site, query):
    results = search(page, f"{site}/search.html?q={quote(query)}")
    href = urlsplit(results[0]["href"])
    assert (href.path, href.fragment) == FIRST[query], results[0]
    assert query.lower() in [m.lower() for m in results[0]["marked"]], results[0]
    pages = [urlsplit(r["href"]).path for r in results]
    assert len(pages) == len(set(pages)), pages
    for result in results:
        assert result["snippet"], result
        assert not ENTITY.search(result["text"]), result["text"]


def test_a_result_marks_the_words_where_it_lands(page, site):
    results = search(page, f"{site}/search.html?q=Trotsky")
    page.locator("ul.search > li a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).fragment == "ann-person-trotsky"
    entry = page.locator("#ann-person-trotsky .highlighted").first
    entry.wait_for()
    assert entry.text_content() == "Trotsky"
    # a chapter's result lands on the paragraph (or mention) that has the word
    chapter = next(r["href"] for r in results if urlsplit(r["href"]).path.startswith("07-"))
    fragment = urlsplit(chapter).fragment
    assert fragment
    page.goto(f"{site}/{chapter}")
    marked = page.locator(f"[id='{fragment}'] .highlighted, [id='{fragment}'].highlighted")
    marked.first.wait_for()
    assert "Trotsky" in page.locator(f"[id='{fragment}']").inner_text()


def test_search_works_from_the_disk(page, edition):
    """Sphinx's index is a script, so a site opened from a folder searches too (without
    snippets: a browser does not let a page fetch files)."""
    page.goto((edition.html / "search.html").as_uri() + "?q=Trotsky")
    page.wait_for_function(
        "document.querySelector('#search-results .search-summary')"
        "?.textContent.startsWith('Search finished')"
    )
    first = page.locator("ul.search > li a").first
    assert first.get_attribute("href").endswith("people.html?highlight=trotsky#ann-person-trotsky")
    assert first.inner_text() == "People > Leon Trotsky (Лев Давидович Троцкий)"
