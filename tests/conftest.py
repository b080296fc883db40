"""Shared fixtures: the project's data, a built copy of the site, a local server, a browser."""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
# The example organisation's overlay, which the organisation tests build.
EXAMPLE = ROOT / "examples" / "example-health"
sys.path.insert(0, str(ROOT / "scripts"))
from local_site import CHROMIUM_ARGS, CHROMIUM_HEADLESS, serve  # noqa: E402
from pdf import PRINT_READY  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from macros.handbook import load_handbook  # noqa: E402
from macros.placement import page_url  # noqa: E402

# The edition being built, as mkdocs.yml names it.
EDITION = load_config(str(ROOT / "mkdocs.yml"))["extra"]["edition"]
# Every page of the handbook, from its Markdown sources, by its address in the site.
PAGES = sorted(page_url(p.relative_to(ROOT / "docs").as_posix()) for p in (ROOT / "docs").rglob("*.md"))


@pytest.fixture(scope="module")
def handbook():
    """The handbook's own data, loaded and checked as the build loads it."""
    return load_handbook(ROOT / "data", root=ROOT)


# scripts/test hands each test file whole to one of its parallel workers (pytest-xdist,
# --dist loadfile), in the order the files are collected: the files that take longest
# (measured with --durations, slowest first) go first, so no worker is left with a long
# one at the end; the other files follow in name order. test_pdf.py makes the PDFs
# that test_addresses.py reads too, so the two are far apart.
SLOWEST_FIRST = [
    "test_pdf.py", "test_release.py", "test_content_diff.py",
    "test_serve.py", "test_build_cache.py", "test_readability.py", "test_exports.py",
    "test_csp.py", "test_addresses.py", "test_embeds.py", "test_editions.py",
]
# Files of browser tests that set up nothing of their own, only what every worker has (the
# built site, its server, the browser): they come last, and their tests are handed out one
# by one to whichever worker is free, so that both workers finish together.
SPREAD_LAST = [
    "test_browser.py", "test_design.py", "test_hostile_browser.py", "test_layout_shift.py",
    "test_long_pages.py", "test_page_weight.py", "test_print.py", "test_tools.py",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        if name in SPREAD_LAST:
            return len(SLOWEST_FIRST) + 1
        return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: each file's tests keep their order


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, which -p no:xdist leaves out
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile, but with each test of the SPREAD_LAST files a unit of its own."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SpreadLastScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return nodeid if Path(file).name in SPREAD_LAST else file

    return SpreadLastScheduling(config, log)


def make_data_dir(target: Path, replacements: Path | None = None) -> Path:
    """A data folder: the small valid fixture set, the real schemas of those collections
    (and the shared one), and any replacement files."""
    data = target / "data"
    shutil.copytree(FIXTURES / "good", data)
    (data / "schema").mkdir()
    for name in ["common", *(p.stem for p in data.glob("*.yml"))]:
        shutil.copy(ROOT / "data" / "schema" / f"{name}.schema.json", data / "schema")
    if replacements:
        for path in replacements.iterdir():
            shutil.copy(path, data / path.name)
    return data


def search_documents(site: Path) -> list[dict]:
    """What search finds in a built site: the documents the search worker reads
    (macros/search_split.py)."""
    return json.loads((site / "search" / "search_docs.json").read_text(encoding="utf-8"))


def run_mkdocs(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=300,
    )


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder that make(folder) fills, made once per test run. With parallel workers
    (pytest-xdist) the first worker to ask makes it in the run's shared temporary folder;
    the others wait for it and use it as it is."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent
    folder, made = shared / name, shared / f"{name}.made"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            # A worker whose make failed left a partial folder: start again.
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def site_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> Path:
    """The real handbook, built once with --strict, as a reader would receive it. Its
    site_url names the test server, as the sitemap and search links expect."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs("build", "--strict", "--site-dir", str(site),
                        env={"SITE_URL": f"http://127.0.0.1:{site_port}/"})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int):
    """The built site served over HTTP on 127.0.0.1, as browsers need."""
    with serve(built_site, site_port) as url:
        yield url


@pytest.fixture(scope="session")
def org_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def org_site(tmp_path_factory, org_port) -> Path:
    """The example organisation's edition (examples/example-health), built once with
    --strict for every test file that reads it."""
    site = tmp_path_factory.mktemp("example-health-site")
    result = run_mkdocs("build", "--strict", "--site-dir", str(site),
                        env={"HANDBOOK_ORG": str(EXAMPLE), "SITE_URL": f"http://127.0.0.1:{org_port}/"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def org_url(org_site, org_port):
    with serve(org_site, org_port) as url:
        yield url


@pytest.fixture
def org_tab(browser, org_url):
    """A tab on the example organisation's edition, which may ask no other host for anything."""
    with guarded_tab(browser, org_url) as page:
        yield page
        assert page.foreign_requests == []


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> Path:
    """The offline copy as a reader gets it: scripts/offline.py's zip, unzipped."""
    def make(out: Path) -> None:
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "offline.py"), "--out", str(out)],
            capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        [archive] = out.glob("peer-roles-handbook-*.zip")
        assert f"{archive}:" in result.stdout and " MB." in result.stdout
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(out / "unzipped")

    return made_once(tmp_path_factory, "offline", make) / "unzipped" / "peer-roles-handbook"


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> tuple[Path, str]:
    """scripts/build run as someone would who never heard of SITE_URL: the site, and what
    the build wrote to stderr."""
    def make(out: Path) -> None:
        env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
        result = subprocess.run([str(ROOT / "scripts" / "build"), "--site-dir", str(out / "site")],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        (out / "stderr.txt").write_text(result.stderr, encoding="utf-8")

    folder = made_once(tmp_path_factory, "default-build", make)
    return folder / "site", (folder / "stderr.txt").read_text(encoding="utf-8")


def run_pdf_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "pdf.py"), *args],
                          capture_output=True, text=True, timeout=900)


# Where the PDFs made once for the tests say the handbook is published.
PRINTED_ADDRESS = "https://intranet.example.org/handbook/"


@pytest.fixture(scope="session")
def printed_pdfs(tmp_path_factory, default_build) -> tuple[Path, str]:
    """scripts/pdf.py run once over the default build, for PRINTED_ADDRESS (a whole run
    prints every page: the PDF tests share one): the folder it wrote and its summary."""
    def make(out: Path) -> None:
        result = run_pdf_script("--site", str(default_build[0]), "--out", str(out / "pdf"),
                                "--address", PRINTED_ADDRESS)
        assert result.returncode == 0, result.stderr
        (out / "summary.txt").write_text(result.stdout, encoding="utf-8")

    folder = made_once(tmp_path_factory, "printed-pdfs", make)
    return folder / "pdf", (folder / "summary.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM_HEADLESS).exists(), (
        "Chromium is missing: run scripts/test, which installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_HEADLESS, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def dict_nodes(value):
    """Every mapping inside a nested structure of mappings and lists, outermost first."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from dict_nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from dict_nodes(child)


@contextlib.contextmanager
def guarded_tab(browser, *allowed: str):
    """A fresh browser tab that may load only addresses starting with one of `allowed`,
    records any other request in `tab.foreign_requests` (and blocks it), and fails the
    test if a page's own JavaScript throws."""
    context = browser.new_context()
    tab = context.new_page()
    tab.foreign_requests = []

    def block(route):
        tab.foreign_requests.append(route.request.url)
        route.abort()

    # On the context, so requests from frames inside the page are guarded too. The browser
    # matches the address itself, so allowed requests go on without a round trip here.
    assert allowed, "a guarded tab needs at least one allowed address"
    context.route(re.compile(f"^(?!{'|'.join(map(re.escape, allowed))})"), block)
    # On the context, so errors in every tab a test opens in it count.
    script_errors = []
    context.on("weberror", lambda web_error: script_errors.append(web_error.error))
    yield tab
    context.close()
    assert script_errors == [], f"the page's JavaScript failed: {script_errors}"


@pytest.fixture
def page(browser, site_url):
    """A tab on the handbook alone."""
    with guarded_tab(browser, site_url) as tab:
        yield tab


def wait_until_printable(tab) -> None:
    """Wait, as scripts/pdf.py does, until the page would print as readers get it: stamped
    by the site's print script, with every tool on it started."""
    tab.wait_for_function(PRINT_READY)


def reach_activity(section):
    """Scroll a role-clarity activity (its section) into view, as a reader does, and wait
    for its form, which the exercise builds only as an activity nears the screen."""
    section.scroll_into_view_if_needed()
    section.locator(".hb-clarity__mine").wait_for()
    return section


def saved_keys(tab, checklist_page: str) -> list[str]:
    """The storage keys after ticking the onboarding checklist's first entry, which must
    still be ticked after a reload."""
    tab.goto(checklist_page)
    tab.locator(".hb-toolbar").first.wait_for()
    tab.locator(".hb-check__input").first.check()
    # Let the page finish what it fetches (the search index), so the reload cuts no
    # request short: a cut request would read as a failed one.
    tab.wait_for_load_state("networkidle")
    tab.reload()
    tab.locator(".hb-toolbar").first.wait_for()
    assert tab.locator(".hb-check__input").first.is_checked()
    return tab.evaluate("Object.keys(localStorage)")


# What a build of the handbook reads: copied whole by tests that edit it as a contributor would.
PROJECT_FILES = ["mkdocs.yml", "docs", "data", "macros", "overrides"]


def copy_project(target: Path) -> None:
    """Copy the files a build reads into target, so a test can edit them freely."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)


WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def assert_accessible(page) -> None:
    """No axe-core violation of WCAG 2.2 A or AA on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    # Items off screen are not laid out until a reader scrolls near them (handbook.css,
    # role-clarity.css), and axe cannot measure colours or target sizes without a
    # layout: lay every item out, as it is when on screen, so that all are checked.
    shown = page.add_style_tag(content="* { content-visibility: visible !important; }")
    # Only violations are reported in full: describing every passing element too takes
    # about a quarter of the run, and the test reads nothing else.
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA},
                                       "resultTypes": ["violations"]})
    shown.evaluate("style => style.remove()")
    assert results.response["violations"] == [], results.generate_report()
