"""`mkdocs serve` (what scripts/serve runs) rebuilds when data, templates, code, theme or pages change."""
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

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
