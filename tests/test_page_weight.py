"""What each page loads of the handbook's own scripts and styles, as Chromium opens it:
a page without tools only the small loader, a tool page only its tool's modules, each
within the budget that keeps pages quick on a phone (sizes gzipped, as a server sends
them); and a tool on a page that instant navigation swapped in starts, once."""
import gzip
import re

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

JS = ROOT / "overrides" / "assets" / "js"
OWN = ("assets/js/", "assets/css/")

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


def with_imports(module: str) -> set[str]:
    """A module and every module it imports before it runs."""
    source = (JS / module).read_text(encoding="utf-8")
    found = {module}
    for name in re.findall(r'^import .* from "\./([\w.-]+\.js)";$', source, re.M):
        found |= with_imports(name)
    return found


def own_files(tab, site_url: str, built_site, path: str) -> dict[str, int]:
    """The handbook's own scripts and styles the page loads, each with its gzipped size."""
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(site_url + path)
    tab.wait_for_load_state("networkidle")
    files = {url.removeprefix(site_url) for url in requested
             if url.startswith(tuple(site_url + own for own in OWN))}
    return {name: len(gzip.compress((built_site / name).read_bytes())) for name in files}


def scripts(files: dict[str, int]) -> set[str]:
    return {name.removeprefix("assets/js/") for name in files if name.endswith(".js")}


@pytest.mark.parametrize("path", PAGES_WITHOUT_TOOLS)
def test_a_page_without_tools_loads_only_the_loader(page, site_url, built_site, path):
    files = own_files(page, site_url, built_site, path)
    # The "Embed this section" box loads its script only when opened.
    assert scripts(files) == with_imports("handbook.js")
    script_bytes = sum(size for name, size in files.items() if name.endswith(".js"))
    assert script_bytes <= SCRIPT_BUDGET_WITHOUT_TOOLS, files


@pytest.mark.parametrize("path", TOOL_PAGES)
def test_a_tool_page_loads_only_its_tools_modules(page, site_url, built_site, path):
    files = own_files(page, site_url, built_site, path)
    assert scripts(files) == with_imports("handbook.js") | with_imports(TOOL_PAGES[path])


def test_a_tool_reached_by_instant_navigation_starts_once(page, site_url):
    page.goto(site_url)
    page.evaluate("window.sameDocument = true")
    sheet = ("recruit/interview-sheet/", ".hb-sheet-tool", ".hb-sheet-tool .hb-storage-warning")
    checklist = ("onboard/onboarding-checklist/", '[data-tool="checklist"]', ".hb-toolbar")
    # What each start adds: one storage warning per sheet, one toolbar per checklist.
    for path, tools, started in [sheet, checklist, sheet]:
        page.locator(f"nav.md-nav--primary a[href$='{path}']").first.click()
        page.wait_for_url(f"**/{path}")
        page.locator(started).first.wait_for(state="attached")
        page.wait_for_load_state("networkidle")
        assert page.locator(started).count() == page.locator(tools).count() > 0, path
    # Every page was swapped in without a reload.
    assert page.evaluate("window.sameDocument") is True
