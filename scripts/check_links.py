"""Check a built handbook's internal links and anchors, from its files.

Every address in every page and stylesheet of the site that points into the site must name
a file the site has, and every #anchor on an address of a page must be an id (or an <a
name>) on that page. Addresses on other hosts are not checked: the handbook asks for none
(the privacy tests see to that) and cites many, which must not make a check depend on the
network. A folder's address stands for its index.html, as on the web server.

    python scripts/check_links.py SITE_DIR [--site-url URL]

prints one line per broken link (page, address, what is missing) and exits 1 if any.
"""
from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

# The attributes that hold an address the browser follows or loads, by element
# (srcset holds several, with their widths).
LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "track": ("src",), "embed": ("src",),
    "object": ("data",), "form": ("action",),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# An address made of a scheme other than http(s), such as mailto: or data:, is no file.
OTHER_SCHEME = re.compile(r"^(?!https?:)[a-z][a-z0-9+.-]*:", re.I)
# Where a page's own address starts when no site_url is given.
LOCAL = "http://site.invalid/"


class PageLinks(HTMLParser):
    """The addresses a page links to and the anchors it offers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()
        self.base: str | None = None
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        if tag == "base" and self.base is None and "href" in values:
            self.base = values["href"]
        if tag == "form" and values.get("method", "get").lower() != "get":
            return
        for name in LINK_ATTRIBUTES.get(tag, ()):
            if name not in values:
                continue
            if name == "srcset":
                self.links += [part.split()[0] for part in values[name].split(",") if part.strip()]
            else:
                self.links.append(values[name])
        if "style" in values:
            self.links += css_links(values["style"])
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.links += css_links(data)


def css_links(css: str) -> list[str]:
    return [match.group(2).strip() for match in CSS_URL.finditer(CSS_COMMENT.sub("", css))]


def target_file(site: Path, path: str) -> Path | None:
    """The file the web server sends for a path inside the site, if there is one."""
    file = site / unquote(path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() and site.resolve() in file.resolve().parents else None


def broken_links(site: Path, site_url: str = LOCAL) -> list[str]:
    """One line for each link in the site that leads to no file, or to no such anchor."""
    site_url = site_url.rstrip("/") + "/"
    origin = urlsplit(site_url)
    pages: dict[Path, PageLinks] = {}
    sources: dict[Path, tuple[str, list[str]]] = {}
    for file in sorted(site.rglob("*.html")):
        parser = PageLinks()
        parser.feed(file.read_text(encoding="utf-8"))
        pages[file.resolve()] = parser
        address = site_url + file.relative_to(site).as_posix()
        sources[file] = (urljoin(address, parser.base) if parser.base else address, parser.links)
    for file in sorted(site.rglob("*.css")):
        address = site_url + file.relative_to(site).as_posix()
        sources[file] = (address, css_links(file.read_text(encoding="utf-8")))

    problems = []
    for file, (address, links) in sources.items():
        where = file.relative_to(site).as_posix()
        for link in links:
            if not link or OTHER_SCHEME.match(link):
                continue
            url, anchor = urldefrag(urljoin(address, link))
            parts = urlsplit(url)
            if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                continue  # another host
            target = (target_file(site, parts.path[len(origin.path):])
                      if parts.path.startswith(origin.path) else None)
            if target is None:
                problems.append(f"{where}: {link} leads to no file")
            elif anchor and target.suffix == ".html" and unquote(anchor) not in pages[target.resolve()].anchors:
                problems.append(f"{where}: {link} has no anchor #{unquote(anchor)} on its page")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--site-url", default=LOCAL,
                        help="the address it was built for (site_url), if links name it")
    args = parser.parse_args()
    problems = broken_links(args.site, args.site_url)
    print("\n".join(problems) or "Every internal link and anchor resolves.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
