"""`mkdocs serve` (what scripts/serve runs) rebuilds when data, templates, code, theme or pages change."""
import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

import macros  # noqa: F401  (the project's own, which the builds below then use)
from conftest import copy_project

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


@pytest.fixture
def served_copy(tmp_path):
    copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_show_up_without_restarting(served_copy):
    project, url = served_copy
    values = url + "foundations/values/"
    wait_for(values, "Mutuality")

    edit(project / "data/values.yml", "name: Mutuality", "name: Mutuality edited in data")
    wait_for(values, "Mutuality edited in data")
    # Pages that name the value through a cross-reference are built again too.
    wait_for(url + "foundations/misconceptions/", "Mutuality edited in data", seconds=5)
    wait_for(url + "recruit/interviewing/", "Mutuality edited in data", seconds=5)

    # The visible title, not the comment above the macro that also names it.
    edit(project / "macros/templates/_parts.html", ">Sources differ<",
         ">Sources differ (template edited)<")
    wait_for(values, "Sources differ (template edited)")

    # A change to the Python code applies too, though the server process keeps running.
    edit(project / "macros/render.py", 'return "\\n".join(out).strip() + "\\n"',
         'return "\\n".join(out).strip() + "\\ncode edited\\n"')
    wait_for(values, "code edited")

    edit(project / "overrides/main.html", "{% block extrahead %}",
         "{% block extrahead %}<meta name=\"theme-edit\" content=\"overrides edited\">")
    wait_for(values, "overrides edited")

    edit(project / "docs/foundations/values.md", "# Peer values", "# Peer values, page edited")
    wait_for(values, "Peer values, page edited")


@pytest.fixture
def conversions(monkeypatch) -> list[str]:
    """The pages whose Markdown MkDocs converts to HTML, in the order it does."""
    converted = []
    convert = Page.render

    def render(page, config, files):
        converted.append(page.file.src_uri)
        convert(page, config, files)
    monkeypatch.setattr(Page, "render", render)
    # The macros plugin puts the project's folder first on the import path.
    monkeypatch.setattr(sys, "path", list(sys.path))
    return converted


def rebuild(project, site, converted: list[str], command: str = "serve") -> set[str]:
    """Build the project in this process as `mkdocs serve` rebuilds it (a new config each
    time, all in one process, so what the server keeps between rebuilds is kept), or as
    `mkdocs build` does. Returns the pages whose Markdown was converted."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=False)
    converted.clear()
    build(config, serve_url="http://127.0.0.1:8000/")
    return set(converted)


def site_files(site):
    """Every page, the search index and the JSON, by path (Word files and the sitemap
    record when they were written)."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
            if path.is_file() and path.suffix in {".html", ".json", ".js"}}


def test_a_rebuild_converts_again_only_the_pages_whose_markdown_changed(tmp_path, conversions):
    """Under serve, a page whose Markdown is unchanged keeps its conversion and search
    entries; a data edit converts again exactly the pages that show it, a page's new
    heading shows on the pages that link to it and in search, a file added to the theme
    is published, and every file is as a build from nothing makes it."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    assert len(rebuild(project, tmp_path / "site", conversions)) > 60
    assert rebuild(project, tmp_path / "site", conversions) == set()

    edit(project / "data/values.yml", "name: Mutuality\n", "name: Reciprocal learning\n")
    edit(project / "docs/foundations/index.md", "# Foundations\n", "# Groundwork\n")
    again = rebuild(project, tmp_path / "site", conversions)
    served = site_files(tmp_path / "site")
    showing = {path for path, text in served.items()
               if path.endswith("index.html") and b"Reciprocal learning" in text}
    assert {"foundations/values/index.html", "foundations/misconceptions/index.html",
            "recruit/interviewing/index.html"} <= showing
    # Embeds copy their page's article after the build; they are not pages.
    assert again == {"foundations/index.md"} | {
        path.removesuffix("/index.html") + ".md" for path in showing
        if not path.startswith("embed/")}

    # The renamed page, in the footer of the next page, which was not converted again.
    assert "foundations/peer-support.md" not in again
    assert b"Groundwork" in served["foundations/peer-support/index.html"]
    search = json.loads(served["search/search_docs.json"])
    assert {"location": "foundations/", "title": "Groundwork"}.items() <= next(
        d for d in search if d["location"] == "foundations/").items()
    assert any(d["location"].startswith("foundations/values/") and "Reciprocal learning"
               in d["text"] for d in search)

    (project / "overrides/assets/added.js").write_text("// A file added to the theme\n")
    rebuild(project, tmp_path / "site", conversions)
    served = site_files(tmp_path / "site")
    assert "assets/added.js" in served

    assert len(rebuild(project, tmp_path / "fresh", conversions, command="build")) > 60
    fresh = site_files(tmp_path / "fresh")
    assert sorted(served) == sorted(fresh)
    assert [path for path in served if served[path] != fresh[path]] == []
