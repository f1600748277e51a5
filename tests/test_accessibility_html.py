"""axe-core in a real browser: no violations on any page of the site, in light and dark,
on a phone and a desktop, and none with a popup or the Cite dialog open.

axe comes from axe-playwright-python's copy of axe.min.js, injected into each page,
so nothing is fetched.  One browser and one page per state keep the run short.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import browser, serve

SCHEMES = ("light", "dark")
WIDTHS = (375, 1280)
STATES = [(scheme, width) for scheme in SCHEMES for width in WIDTHS]
CHAPTER = "01-february.html"


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as instance:
        yield instance


@pytest.fixture(scope="module")
def site(edition) -> Iterator[str]:
    with serve(edition.html) as base:
        yield base


@pytest.fixture
def open_page(chromium) -> Iterator[Any]:
    """A factory: a page in a fresh context of the given scheme and width, axe loaded."""
    contexts: list[Any] = []
    script = axe_script()

    def make(scheme: str, width: int) -> Any:
        context = chromium.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme
        )
        context.set_default_timeout(10_000)
        context.add_init_script(script=script)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def violations(page: Any) -> list[dict[str, Any]]:
    """axe's violations on *page* as it is now (every rule axe runs by default)."""
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]


def describe(found: dict[str, list[dict[str, Any]]]) -> str:
    """Each page's violations: the rule, its impact, and the nodes with axe's summary."""
    lines = []
    for where, rules in found.items():
        for rule in rules:
            lines.append(f"{where}: {rule['id']} ({rule['impact']}), {len(rule['nodes'])} nodes")
            for node in rule["nodes"][:5]:
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize(("scheme", "width"), STATES)
def test_every_page_passes_axe(edition, site, open_page, scheme, width):
    pages = sorted(path.name for path in edition.html.glob("*.html"))
    assert len(pages) >= 20, pages
    page = open_page(scheme, width)
    found = {}
    for name in pages:
        page.goto(f"{site}/{name}")
        if rules := violations(page):
            found[name] = rules
    assert not found, describe(found)


@pytest.mark.parametrize(("scheme", "width"), STATES)
def test_open_popups_and_dialog_pass_axe(site, open_page, scheme, width):
    page = open_page(scheme, width)
    page.goto(f"{site}/{CHAPTER}")
    popup = page.locator("#reader-popup")
    found = {}
    page.locator(".reader-mention a").first.focus()  # an annotation, by keyboard
    assert popup.is_visible()
    found["annotation popup"] = violations(page)
    page.keyboard.press("Escape")
    page.locator("a.footnote-reference").first.hover()  # a note, by mouse
    assert popup.is_visible()
    found["note popup"] = violations(page)
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    page.locator(".reader-cite-button").first.click()
    assert page.locator("#reader-cite-dialog").is_visible()
    found["Cite dialog"] = violations(page)
    assert not any(found.values()), describe({k: v for k, v in found.items() if v})


#: Each name and mark of the timeline picture as drawn: its font size in px on the
#: screen, the box of its name, and the boxes of its mark (dot or bar).
DRAWN = """() => {
  const svg = document.querySelector(".reader-timeline-figure svg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const box = (el) => { const r = el.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom]; };
  return [...svg.querySelectorAll("text")].map((text) => ({
    name: text.textContent,
    px: parseFloat(getComputedStyle(text).fontSize) * scale,
    text: box(text),
    mark: [...text.parentNode.querySelectorAll("circle, rect")].map(box),
  }));
}"""


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_timeline_reads_on_a_phone_and_a_desktop(site, open_page):
    phone = open_page("light", 375)
    phone.goto(f"{site}/events.html")
    # no sideways scrolling; the picture gives way to the list, in the page's own type
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.locator(".reader-timeline-figure svg").is_hidden()
    assert phone.locator("ul.reader-timeline > li").first.is_visible()
    size = phone.locator("ul.reader-timeline > li").first.evaluate(
        "li => parseFloat(getComputedStyle(li).fontSize)"
    )
    assert size >= 12
    desktop = open_page("light", 1280)
    desktop.goto(f"{site}/events.html")
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1280
    assert desktop.locator(".reader-timeline-figure svg").is_visible()
    drawn = desktop.evaluate(DRAWN)
    assert len(drawn) > 20
    assert [d["name"] for d in drawn if d["px"] < 12] == []
    names = [d for d in drawn if d["mark"]]  # the years have none
    clashes = [
        (a["name"], b["name"])
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if overlap(a["text"], b["text"])
        or any(overlap(a["text"], m) for m in b["mark"])
        or any(overlap(b["text"], m) for m in a["mark"])
    ]
    assert clashes == []
