"""The handbook in a real Chromium: every page accessible and private (no cookie, no
request to another host), and searchable."""
from urllib.parse import urlsplit

import pytest

from conftest import PAGES, ROOT, assert_accessible
from macros.handbook import load_handbook

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_sets_no_cookie_and_asks_no_other_host(page, site_url, path):
    """Every page, checked once loaded and again after half a second without a request
    (by then the checker has run for longer than that), so that nothing the page's
    scripts ask for later escapes the guard."""
    page.goto(site_url + path)
    assert_accessible(page)
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests == []
    assert page.context.cookies() == []


def test_search_for_boundaries_lists_misconception_and_ethics(page, site_url):
    handbook = load_handbook(ROOT / "data", root=ROOT)
    misconception = next(m for m in handbook["misconceptions"].items
                         if "boundaries" in m["claim"].lower())
    page.goto(site_url)
    # Typed key by key: Material searches on each keystroke and when its index is ready,
    # so a query set in one go after the index is ready would never run.
    page.get_by_role("textbox", name="Search").press_sequentially("boundaries", delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    # Result links carry a highlight query (?h=boundaries) before the anchor.
    found = {(urlsplit(href).path, urlsplit(href).fragment)
             for href in (results.nth(i).get_attribute("href") for i in range(results.count()))}
    assert ("/foundations/misconceptions/", misconception["id"]) in found, found
    assert any(path == "/foundations/ethics/" and fragment for path, fragment in found), found
    # Following a result lands on the item's permanent anchor.
    page.locator(f"a[href$='#{misconception['id']}']").first.click()
    page.wait_for_url(f"**/foundations/misconceptions/**#{misconception['id']}")
    page.locator(f"#{misconception['id']}").wait_for(state="visible")


def test_the_search_dialog_has_a_name(page, site_url):
    """Assistive technology announces the search dialog by its name (axe's aria-dialog-name,
    a rule outside the WCAG tags)."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url)
    page.get_by_role("textbox", name="Search").click()
    assert page.get_by_role("dialog", name="Search").count() == 1
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}})
    assert results.response["violations"] == [], results.generate_report()


def test_abbreviation_tooltip_opens_from_the_keyboard(page, site_url):
    page.goto(site_url + "foundations/practices/")
    # Tab through the page as a keyboard user would, until an abbreviation has focus.
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    focused = page.locator("abbr:focus")
    assert focused.count() == 1, "no abbreviation can be reached with the Tab key"
    tooltip = page.locator(f"#{focused.get_attribute('aria-describedby')}")
    assert tooltip.get_attribute("role") == "tooltip"
    assert tooltip.is_visible()
    glossary = load_handbook(ROOT / "data", root=ROOT)["glossary"].items
    term = next(g["term"] for g in glossary if g.get("abbreviation") == focused.inner_text())
    assert tooltip.inner_text().startswith(f"{term}: ")
