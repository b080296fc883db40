"""The handbook under the strict Content-Security-Policy that intranets set (the test
server sends it with every file): every kind of page runs with no violation and no
error, answers keep the storage key they have without the policy, and embed/resize.js
listens only to frames showing the handbook."""
import contextlib
import json
import re

import jinja2
import pytest
from bs4 import BeautifulSoup

from conftest import EDITION, ROOT, guarded_tab, run_mkdocs, saved_keys
from local_site import CONTENT_SECURITY_POLICY, HANDBOOK_HEADERS, serve
from macros.placement import page_url

# Every page the Tools page links to, and a sample of every other kind of page.
TOOL_PAGES = sorted({page_url(path) for path in re.findall(
    r"\]\(([\w/-]+\.md)", (ROOT / "docs" / "tools.md").read_text(encoding="utf-8"))})
OTHER_PAGES = ["", "tools/", "foundations/history/", "supervise/peer-drift/", "reference/sources/",
               "reference/glossary/", "reference/changes/", "reference/schemas/",
               "reference/licence/", "reference/differences/", "404.html",
               "embed/onboard-onboarding-checklist/", "embed/foundations-values/"]

# Runs in every document before its own scripts: each violation of the policy is kept
# on the page, so a test can read what the browser refused.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  `${event.effectiveDirective} refused ${event.blockedURI || "inline code"} ` +
  `(${event.sourceFile || location.href}:${event.lineNumber})`));
"""


@contextlib.contextmanager
def watched_tab(browser, site: str, *others: str):
    """A guarded tab that records policy violations, console errors and requests that
    failed or were answered with an error status."""
    with guarded_tab(browser, site, *others) as tab:
        tab.add_init_script(WATCH_VIOLATIONS)
        tab.console_errors = []
        tab.on("console", lambda message: message.type == "error"
               and tab.console_errors.append(f"{message.text} ({message.location['url']})"))
        tab.on("requestfailed", lambda request: request.url not in tab.foreign_requests
               and tab.console_errors.append(f"{request.url} failed: {request.failure}"))
        tab.on("response", lambda response: response.status >= 400
               and tab.console_errors.append(f"{response.url} answered {response.status}"))
        yield tab
        assert tab.foreign_requests == []


@pytest.fixture
def strict_tab(browser, site_url):
    # Built without mike, pages ask for no list of editions (mkdocs.editions.yml adds it).
    with watched_tab(browser, site_url) as tab:
        yield tab


def refusals(tab) -> list[str]:
    """What the browser refused on the page now shown, once it has settled."""
    tab.wait_for_load_state("networkidle")
    return tab.evaluate("window.__violations")


def problems(tab) -> list[str]:
    """What the browser refused on the page now shown, and every console error so far."""
    return refusals(tab) + tab.console_errors


def test_no_built_page_has_inline_script(built_site):
    """Every page, not only those the browser tests open: scripts come from files (a JSON
    block is data, which the policy lets through)."""
    inline = []
    for path in sorted(built_site.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in page.find_all(True):
            if element.name == "script" and not element.get("src") \
                    and element.get("type") != "application/json":
                inline.append(f"{path.relative_to(built_site)}: <script>{element.string[:60]}")
            inline += [f"{path.relative_to(built_site)}: {element.name} {name}="
                       for name in element.attrs if name.startswith("on")]
    assert inline == []


@pytest.mark.browser
def test_the_server_sends_the_policy_and_the_browser_enforces_it(strict_tab, site_url):
    response = strict_tab.goto(site_url)
    for name, value in HANDBOOK_HEADERS.items():
        assert response.headers[name.lower()] == value
    assert problems(strict_tab) == []
    # An inline script is refused and reported: the watch above sees what it should.
    strict_tab.evaluate("""document.body.append(Object.assign(
        document.createElement("script"), {textContent: "window.ran = true"}))""")
    strict_tab.wait_for_function("window.__violations.length > 0")
    assert strict_tab.evaluate("window.ran") is None
    [refused] = strict_tab.evaluate("window.__violations")
    assert refused.startswith("script-src-elem refused inline")


@pytest.mark.browser
@pytest.mark.parametrize("path", TOOL_PAGES + OTHER_PAGES)
def test_pages_run_under_the_policy(strict_tab, site_url, path):
    response = strict_tab.goto(site_url + path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert problems(strict_tab) == []
    if not path.startswith("embed/"):
        # Material's head script ran: the site's root is the storage scope.
        assert strict_tab.evaluate("__md_scope.pathname") == "/"


@pytest.mark.browser
def test_search_and_navigation_run_under_the_policy(strict_tab, site_url):
    # Each page loads whole, so each page's refusals are collected before leaving it.
    refused = []
    strict_tab.goto(site_url)
    # Typed as a reader would, once the page has fetched the search index.
    strict_tab.wait_for_load_state("networkidle")
    strict_tab.get_by_role("textbox", name="Search").press_sequentially("boundaries", delay=20)
    results = strict_tab.locator(".md-search-result__item a")
    results.first.wait_for()
    found = results.first.get_attribute("href")
    refused += refusals(strict_tab)
    results.first.click()
    strict_tab.wait_for_url(lambda url: url != site_url)
    refused += refusals(strict_tab)
    strict_tab.locator("nav.md-nav--primary a[href$='onboard/onboarding-checklist/']").first.click()
    strict_tab.wait_for_url("**/onboard/onboarding-checklist/")
    strict_tab.locator(".hb-toolbar").first.wait_for()
    refused += refusals(strict_tab)
    strict_tab.go_back()
    strict_tab.wait_for_url(lambda url: found.split("?")[0].split("#")[0] in url)
    refused += refusals(strict_tab)
    assert refused + strict_tab.console_errors == []


@pytest.fixture(scope="module")
def offline_site(offline_copy):
    """The offline copy, served as an intranet server with no internet would."""
    with serve(offline_copy) as url:
        yield url


@pytest.mark.browser
def test_the_offline_copy_runs_under_the_policy_when_served(browser, offline_site):
    with watched_tab(browser, offline_site) as tab:
        keys = saved_keys(tab, offline_site + "onboard/onboarding-checklist.html")
        assert keys == [f"/hb:{EDITION}:checklist:onboarding"]
        tab.wait_for_load_state("networkidle")
        tab.get_by_role("textbox", name="Search").press_sequentially("boundaries", delay=20)
        tab.locator(".md-search-result__item").first.wait_for()
        assert problems(tab) == []


@pytest.fixture(scope="module")
def edition_build(tmp_path_factory):
    """The handbook built as scripts/release.py publishes an edition with mike."""
    site = tmp_path_factory.mktemp("edition")
    result = run_mkdocs("build", "--strict", "--config-file", "mkdocs.editions.yml", "--site-dir", str(site))
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return site


@pytest.fixture
def editions_site(tmp_path, edition_build):
    """The built edition laid out as mike publishes editions, beside a newer one that is
    the latest: its pages are an older edition's. The root leads to it, through the
    page `mike set-default` makes from our template."""
    (tmp_path / EDITION).symlink_to(edition_build, target_is_directory=True)
    redirect = (ROOT / "overrides" / "redirect.html").read_text(encoding="utf-8")
    (tmp_path / "index.html").write_text(
        jinja2.Template(redirect, autoescape=True).render(href=f"{EDITION}/"))
    (tmp_path / "versions.json").write_text(json.dumps([
        {"version": "9999.1", "title": "Edition 9999.1", "aliases": ["latest"]},
        {"version": EDITION, "title": f"Edition {EDITION}", "aliases": []}]))
    with serve(tmp_path) as url:
        yield url


@pytest.mark.browser
def test_an_older_edition_shows_its_versions_and_banner_under_the_policy(browser, editions_site):
    edition = f"{editions_site}{EDITION}/"
    with watched_tab(browser, editions_site) as tab:
        tab.goto(editions_site + "?q=values#top")
        tab.wait_for_url(edition + "?q=values#top")
        assert problems(tab) == []
        tab.goto(edition + "foundations/values/")
        tab.locator(".md-version__current").wait_for()
        banner = tab.locator("[data-md-component=outdated]")
        banner.wait_for()
        assert f"You are reading edition {EDITION}, which is not the latest." in banner.inner_text()
        assert problems(tab) == []
        # On the next page of the visit the banner shows at once, before (here: without)
        # the version list being read again.
        tab.route("**/versions.json", lambda route: None)
        tab.goto(edition + "reference/glossary/", wait_until="domcontentloaded")
        banner.wait_for()
        assert tab.evaluate("window.__violations") == [] and tab.console_errors == []


# Cookies off, as many intranets set browsers: merely reading either storage throws.
BLOCK_ALL_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, { configurable: true,
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
}
"""


@pytest.mark.browser
def test_an_older_edition_with_storage_blocked_still_shows_its_banner(browser, editions_site):
    with watched_tab(browser, editions_site) as tab:
        tab.add_init_script(BLOCK_ALL_STORAGE)
        tab.goto(f"{editions_site}{EDITION}/onboard/onboarding-checklist/")
        tab.locator(".md-version__current").wait_for()
        tab.locator("[data-md-component=outdated]").wait_for()
        tab.locator(".hb-check__input").first.check()
        assert "cannot be saved in this browser" in tab.locator(".hb-toolbar").first.inner_text()
        assert problems(tab) == []


@pytest.mark.browser
def test_answers_keep_the_key_they_have_without_the_policy(strict_tab, browser, site_url,
                                                           built_site):
    strict_keys = saved_keys(strict_tab, site_url + "onboard/onboarding-checklist/")
    assert problems(strict_tab) == []
    with serve(built_site, headers={}) as plain_url, guarded_tab(browser, plain_url) as plain_tab:
        assert "content-security-policy" not in plain_tab.goto(plain_url).headers
        plain_keys = saved_keys(plain_tab, plain_url + "onboard/onboarding-checklist/")
    assert strict_keys == plain_keys == [f"/hb:{EDITION}:checklist:onboarding"]


@pytest.fixture
def host_page(tmp_path, site_url):
    """Another site's page, on another origin, framing a handbook section and a frame of
    its own, with the handbook's resize.js."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>'
        f'</head><body><iframe id="section" name="section" title="Values" '
        f'src="{site_url}embed/foundations-values/"></iframe>'
        '<iframe id="foreign" name="foreign" title="Other" srcdoc="<p>Not the handbook</p>">'
        '</iframe>'
        f'<script src="{site_url}embed/resize.js" defer></script></body></html>')
    with serve(tmp_path, headers={}) as url:
        yield url


def height_message(height: int) -> str:
    return f'parent.postMessage({{type: "peer-roles-handbook:height", height: {height}}}, "*")'


@pytest.mark.browser
def test_resize_listens_only_to_frames_showing_the_handbook(browser, site_url, host_page):
    with guarded_tab(browser, site_url, host_page) as tab:
        tab.goto(host_page)
        tab.wait_for_function("parseInt(document.getElementById('section').style.height) > 200")
        # Every height given to each frame from now on.
        tab.evaluate("""window.heights = {section: [], foreign: []};
            for (const frame of document.querySelectorAll("iframe"))
              new MutationObserver(() => heights[frame.id].push(frame.style.height))
                .observe(frame, {attributes: true, attributeFilter: ["style"]})""")
        # A frame of another origin asks first; the handbook's section asks after it.
        tab.frame(name="foreign").evaluate(height_message(4321))
        tab.frame(name="section").evaluate(height_message(777))
        tab.wait_for_function("heights.section.includes('777px')")
        assert tab.evaluate("heights.foreign") == []
        assert tab.evaluate("document.getElementById('foreign').style.height") == ""
        assert tab.foreign_requests == []


def test_readme_hosting_examples_send_the_tested_headers():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hosting = readme.split("\n## Hosting\n", 1)[1].split("\n## ", 1)[0]
    nginx = dict(re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$', hosting, re.M))
    apache = dict(re.findall(r'^Header always set ([\w-]+) "([^"]*)"$', hosting, re.M))
    assert nginx == apache == HANDBOOK_HEADERS
