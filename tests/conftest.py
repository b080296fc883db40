"""Shared fixtures: the project's data, a built copy of the site, a local server, a browser."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(ROOT / "scripts"))
from local_site import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

# The edition being built, as mkdocs.yml names it.
EDITION = load_config(str(ROOT / "mkdocs.yml"))["extra"]["edition"]


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


def run_mkdocs(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=300,
    )


@pytest.fixture(scope="session")
def site_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> Path:
    """The real handbook, built once with --strict, as a reader would receive it. Its
    site_url names the test server, as Material's instant navigation expects."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs("build", "--strict", "--site-dir", str(site),
                        env={"SITE_URL": f"http://127.0.0.1:{site_port}/"})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int):
    """The built site served over HTTP on 127.0.0.1, as linkchecker and browsers need."""
    with serve(built_site, site_port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        "Chromium is missing: run scripts/test, which installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser tab that records every request to a host other than the site, and
    fails the test if the page's own JavaScript throws."""
    context = browser.new_context()
    tab = context.new_page()
    tab.foreign_requests = []

    def guard(route):
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            tab.foreign_requests.append(route.request.url)
            route.abort()

    tab.route("**/*", guard)
    script_errors = []
    tab.on("pageerror", lambda error: script_errors.append(error))
    yield tab
    context.close()
    assert script_errors == [], f"the page's JavaScript failed: {script_errors}"
