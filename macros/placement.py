"""Where each block is shown: read from the macro calls in docs/, the one place pages
say what they contain. Used to link to any item from another page (the list of
differences) and by the tests to find every item's page."""
from __future__ import annotations

import re
from pathlib import Path

# {{ name() }} or {{ name("subset") }} in a page's Markdown
_CALL = re.compile(r"""\{\{\s*(\w+)\(\s*(?:"([^"]*)"|'([^']*)')?\s*\)\s*\}\}""")


def page_url(src_uri: str) -> str:
    """The URL MkDocs gives a page (directory URLs): 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
        return path
    return path + "/"


def page_file(src_uri: str) -> str:
    """The URL MkDocs gives a page without directory URLs (offline copies): 'a/b.md' ->
    'a/b.html'."""
    return src_uri.removesuffix(".md") + ".html"


_TITLE = re.compile(r"^# (.+)$", re.M)


class Placements:
    """(macro name, subset) -> URL of the page that calls it; each page's title and the
    macros it calls."""

    def __init__(self, docs_dir: Path):
        self.urls: dict[tuple[str, str | None], str] = {}
        self.titles: dict[str, str] = {}
        self.calls: dict[str, list[str]] = {}  # page URL -> macro names, in page order
        self.files: dict[str, str] = {}  # page URL -> its URL without directory URLs
        for page in sorted(Path(docs_dir).rglob("*.md")):
            src_uri = page.relative_to(docs_dir).as_posix()
            url = page_url(src_uri)
            self.files[url] = page_file(src_uri)
            text = page.read_text(encoding="utf-8")
            title = _TITLE.search(text)
            self.titles[url] = title.group(1).strip() if title else url
            self.calls[url] = []
            for match in _CALL.finditer(text):
                name, subset = match.group(1), match.group(2) or match.group(3)
                self.urls.setdefault((name, subset), url)
                self.calls[url].append(name)

    def page_of(self, name: str, subset: str | None = None) -> str | None:
        return self.urls.get((name, subset))
