"""What each page loads of the handbook's own scripts and styles, as Chromium opens it:
a page without tools only the small loader, a tool page only its tool's modules and
styles, each within the budget that keeps pages quick on a phone (sizes gzipped, as a
server sends them); code for exports, imports and facilitators loads when a reader
uses it, and works; no script holds up a page's first paint; and a page reached by a
link loads whole, its tool styled and started once."""
import gzip
import json
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import ROOT

pytestmark = pytest.mark.browser

JS = ROOT / "overrides" / "assets" / "js"
CSS = ROOT / "overrides" / "assets" / "css"
# Our scripts and styles, and our part of the search worker (macros/search_split.py).
SEARCH_WORKER = "assets/javascripts/workers/handbook-search.js"
OWN = ("assets/js/", "assets/css/", SEARCH_WORKER)

# Each tool page and the module that runs its tool.
TOOL_PAGES = {
    "onboard/onboarding-checklist/": "checklist.js",
    "prepare/timeline/": "quiz.js",
    "prepare/role-star/": "role-star.js",
    "recruit/interview-sheet/": "interview-sheet.js",
    "recruit/job-description-builder/": "jd-builder.js",
    "supervise/role-clarity/": "role-clarity.js",
    "sustain/role-inventory/": "role-inventory.js",
}
# The home page, and a long guidance page (with its "Embed this section" box).
PAGES_WITHOUT_TOOLS = ["", "foundations/values/"]

SCRIPT_BUDGET_WITHOUT_TOOLS = 2 * 1024
# Scripts and styles together, on every tool page.
BUDGET_WITH_TOOLS = 12 * 1024


def with_imports(module: str) -> set[str]:
    """A module and every module it imports before it runs."""
    source = (JS / module).read_text(encoding="utf-8")
    found = {module}
    for name in re.findall(r'^import .* from "\./([\w.-]+\.js)";$', source, re.M):
        found |= with_imports(name)
    return found


def requests_from(tab, name=lambda url: url) -> list[str]:
    """A list that fills, as the tab works, with name(url) of every request it makes."""
    requested = []
    tab.on("request", lambda request: requested.append(name(request.url)))
    return requested


def own_files(tab, site_url: str, built_site, path: str) -> dict[str, int]:
    """The handbook's own scripts and styles the page loads, each with its gzipped size."""
    requested = requests_from(tab)
    tab.goto(site_url + path)
    tab.wait_for_load_state("networkidle")
    files = {url.removeprefix(site_url).split("?")[0] for url in requested
             if url.startswith(tuple(site_url + own for own in OWN))}
    return {name: len(gzip.compress((built_site / name).read_bytes())) for name in files}


def scripts(files: dict[str, int]) -> set[str]:
    return {name.removeprefix("assets/js/") for name in files if name.startswith("assets/js/")}


@pytest.mark.parametrize("path", PAGES_WITHOUT_TOOLS)
def test_a_page_without_tools_loads_only_the_loader(page, site_url, built_site, path):
    files = own_files(page, site_url, built_site, path)
    # The "Embed this section" box loads its script only when opened.
    assert scripts(files) == with_imports("handbook.js")
    assert SEARCH_WORKER in files
    script_bytes = sum(size for name, size in files.items() if name.endswith(".js"))
    assert script_bytes <= SCRIPT_BUDGET_WITHOUT_TOOLS, files


@pytest.mark.parametrize("path", TOOL_PAGES)
def test_a_tool_page_loads_only_its_tools_modules(page, site_url, built_site, path):
    files = own_files(page, site_url, built_site, path)
    assert scripts(files) == with_imports("handbook.js") | with_imports(TOOL_PAGES[path])
    # The every-page stylesheet and the tool's own.
    assert {name for name in files if name.endswith(".css")} == {
        "assets/css/site.css", "assets/css/" + TOOL_PAGES[path].replace(".js", ".css")}
    assert sum(files.values()) <= BUDGET_WITH_TOOLS, files


def classes_styled_by(sheet: str) -> set[str]:
    """The classes a stylesheet's selectors name, with those of the files it imports."""
    text = re.sub(r"/\*.*?\*/", "", (CSS / sheet).read_text(encoding="utf-8"), flags=re.S)
    found = set(re.findall(r"\.(hb-[\w-]+)", re.sub(r"\{[^{}]*\}", "{}", text)))
    for imported in re.findall(r'^@import "([\w.-]+)";$', text, re.M):
        found |= classes_styled_by(imported)
    return found


def test_every_page_links_the_styles_of_what_it_shows(built_site):
    """A class that only a block's stylesheet styles appears only on pages that link it."""
    sheets = {path.name: classes_styled_by(path.name) for path in CSS.glob("*.css")}
    every_page = {"site.css", "identity.css", "handbook.css", "embed.css"}
    only_blocks = set().union(*(sheets[name] for name in sheets.keys() - every_page)).difference(
        *(sheets[name] for name in every_page))
    pages = list(built_site.rglob("index.html"))
    assert len([p for p in pages if "embed" in p.parts]) > 20 and len(pages) > 100
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        linked = {link["href"].rsplit("/", 1)[-1] for link in soup.select('link[rel="stylesheet"]')
                  if "/assets/css/" in "/" + link["href"]}
        styled = set().union(*(sheets[name] for name in linked))
        used = {name for tag in soup.select("[class]") for name in tag["class"]}
        unstyled = sorted((used & only_blocks) - styled)
        assert not unstyled, f"{html.relative_to(built_site)} links {sorted(linked)}, not {unstyled}"


def test_no_script_holds_up_the_first_paint(built_site):
    """No page's head has a script that stops the page being drawn until it has loaded:
    Material's head script (storage.js) comes just before the theme's bundle, which
    needs what it defines."""
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 100
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        where = html.relative_to(built_site)
        blocking = soup.select("head script[src]:not([defer], [async], [type=module])")
        assert not blocking, f"{where}: {[script['src'] for script in blocking]}"
        bundle = soup.select_one("script[src*='assets/javascripts/bundle.']")
        if bundle:
            before = bundle.find_previous_sibling("script")
            assert before and before["src"].endswith("assets/theme/storage.js"), where


def test_import_and_export_code_loads_when_used_and_works(page, site_url, tmp_path):
    """The checklist's page loads no code for files; exporting and importing load it, and
    a file exported and imported again brings the reader's ticks back."""
    requested = requests_from(page, lambda url: url.rsplit("/", 1)[-1])
    page.goto(site_url + "onboard/onboarding-checklist/")
    page.locator(".hb-toolbar").first.wait_for()
    page.wait_for_load_state("networkidle")
    on_demand = {"answers-file.js", "answers-check.js", "csv.js"}
    assert not on_demand & set(requested)

    first = page.locator(".hb-check__input").first
    first.check()
    with page.expect_download() as spreadsheet:
        page.get_by_role("button", name="Save as a spreadsheet (CSV)").first.click()
    assert spreadsheet.value.suggested_filename == "checklist-onboarding-answers.csv"
    with page.expect_download() as exported:
        page.get_by_role("button", name="Export for importing later (JSON)").first.click()
    answers = tmp_path / exported.value.suggested_filename
    exported.value.save_as(answers)
    assert json.loads(answers.read_text(encoding="utf-8"))["answers"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear answers").first.click()
    assert not first.is_checked()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").first.click()
    chooser.value.set_files(answers)
    page.get_by_text("Answers imported.").first.wait_for()
    assert first.is_checked()
    assert on_demand <= set(requested)


def test_the_facilitators_view_loads_its_code_when_opened(page, site_url):
    requested = requests_from(page, lambda url: url.rsplit("/", 1)[-1])
    page.goto(site_url + "sustain/role-inventory/")
    page.locator(".hb-toolbar").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert "inventory-combine.js" not in requested
    page.locator("summary", has_text="facilitators").click()
    page.get_by_label("Responses to combine (CSV files)").wait_for()
    assert "inventory-combine.js" in requested


def test_a_tool_page_reached_by_a_link_loads_whole_and_its_tool_starts_once(page, site_url):
    """Pages load whole (mkdocs.yml: no instant navigation, whose start-up rewrote every
    link on every page): the checklist opened from the home page's navigation is a new
    page, its tool styled and started once, its links as the build wrote them."""
    page.goto(site_url)
    page.evaluate("window.sameDocument = true")
    page.locator("nav.md-nav--primary a[href$='onboard/onboarding-checklist/']").first.click()
    page.wait_for_url("**/onboard/onboarding-checklist/")
    page.locator(".hb-toolbar").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.sameDocument") is None
    # One toolbar per checklist: each started once.
    assert page.locator(".hb-toolbar").count() == page.locator('[data-tool="checklist"]').count() > 0
    assert page.locator("li.hb-check").first.evaluate("item => getComputedStyle(item).position") == "relative"
    hrefs = page.eval_on_selector_all("nav.md-nav--primary a[href]", "links => links.map(l => l.getAttribute('href'))")
    assert hrefs and not [href for href in hrefs if href.startswith(site_url)]


def test_search_loads_what_it_searches_only_once_a_reader_types(page, site_url):
    """Material asks its worker an empty query on every page; the answer (no results)
    must come without the documents or Material's search code (macros/search_split.py)."""
    requested = requests_from(page, lambda url: url.removeprefix(site_url))
    page.goto(site_url + "foundations/history/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("textbox", name="Search").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    loaded = [url for url in requested if url.startswith("search/search_docs.json")
              or url.startswith("assets/javascripts/workers/search.")]
    assert any(url.startswith(SEARCH_WORKER) for url in requested) and loaded == []
    page.keyboard.type("boundaries", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    assert "search/search_docs.json" in requested
