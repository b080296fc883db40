"""PDFs of the built handbook, printed by headless Chromium.

Usage: ./scripts/build, then .venv/bin/python scripts/pdf.py [--site DIR] [--out DIR]
[--address URL]. Every printed page is stamped with the address readers find it at: URL,
or the site_url the site was built for (refused when that is the local default).
Writes OUT/handbook.pdf (every page in navigation order, with a table of contents and
bookmarks) and OUT/sheets/<page>.pdf for each page the Tools page lists. Needs the test
packages and Chromium, which ./scripts/setup --test installs.
"""
from __future__ import annotations

import argparse
import html
import io
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from local_site import CHROMIUM_ARGS, CHROMIUM_HEADLESS, serve

try:
    from bs4 import BeautifulSoup
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject
except ImportError as missing:
    sys.exit(f"pdf: the package {missing.name} is missing; run ./scripts/setup --test first")

ROOT = Path(__file__).resolve().parents[1]
# mkdocs.yml's site_url when SITE_URL is not set: an address only the builder can open.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# A page is ready to print once the site's print.js has added its stamp (as
# tests/test_print.py waits) and the loader (handbook.js) has started the page's tools.
PRINT_READY = ("() => [...document.querySelectorAll('style[media=print]')]"
               ".some(s => s.textContent.includes('Printed'))"
               " && document.documentElement.hasAttribute('data-tools-started')")
CONTENTS_STYLE = """
  @page { size: A4; margin: 2cm; }
  body { font: 11pt/1.4 system-ui, sans-serif; color: #222; }
  h1 { font-size: 20pt; margin: 0 0 0.2em; }
  p { margin: 0 0 1.5em; color: #555; }
  h2 { font-size: 14pt; margin: 0 0 0.8em; }
  a { display: flex; gap: 0.5em; color: inherit; text-decoration: none; padding: 0.15em 0; }
  a::before { content: ""; order: 1; flex: 1; margin-bottom: 0.35em;
              border-bottom: 1px dotted #999; }
  a span:last-child { order: 2; }
  .depth-0 { font-weight: 600; margin-top: 0.6em; }
"""


@dataclass
class Entry:
    """A line of the navigation: a page, or a section without a page of its own, which
    starts where its first page does. Depth counts the sections it sits in."""
    title: str
    depth: int
    path: str | None  # from the site root, e.g. "/recruit/interviewing/"


def read_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def read_navigation(home: BeautifulSoup) -> list[Entry]:
    """The home page's primary navigation, in order, without links to places on a page."""
    entries = []
    nav = home.select_one("nav.md-nav--primary")
    for element in nav.select("a.md-nav__link[href], .md-nav__item--nested > label.md-nav__link"):
        if element.get("href", "").startswith("#"):
            continue  # a heading of the home page, listed under it
        is_page = element.name == "a"
        # A section's own index page, or its label, stands at the section's depth.
        heads_section = not is_page or "md-nav__container" in element.parent.get("class", [])
        depth = len(element.find_parents("li", class_="md-nav__item--nested")) - heads_section
        path = urljoin("/", element["href"]) if is_page else None
        entries.append(Entry(" ".join(element.get_text().split()), depth, path))
    following = None
    for entry in reversed(entries):
        entry.path = entry.path or following
        following = entry.path
    return entries


def read_sheets(site: Path) -> list[str]:
    """Pages that the Tools page's table links to, each once, without #anchors."""
    links = read_html(site / "tools" / "index.html").select("article table a[href]")
    return list(dict.fromkeys(urldefrag(urljoin("/tools/", a["href"])).url for a in links))


def open_tab(browser, address: str, local: str):
    """A tab that opens pages at the address the site was built for, so printed links and
    page addresses name where readers find them; the local server answers instead."""
    tab = browser.new_page()

    def answer(route):
        path = route.request.url.removeprefix(address)
        if path == route.request.url:
            route.abort()  # the handbook asks no other host for anything
        else:
            route.fulfill(response=route.fetch(url=local + path))

    tab.route("**/*", answer)
    return tab


def print_page(tab, url: str) -> bytes:
    """The page as Chromium prints it, once the site's script has stamped it."""
    tab.goto(url)
    tab.locator("article").wait_for()
    tab.wait_for_function(PRINT_READY)
    return tab.pdf(format="A4")


def full_interview_sheet(site: Path, path: str) -> str:
    """For the interview sheet builder's page, the link fragment that chooses every
    question, so its sheet is a panel copy of the whole bank; otherwise nothing."""
    page = read_html(site / path.strip("/") / "index.html")
    questions = [entry["data-question"] for entry in page.select(".hb-bank__entry")]
    return "#questions=" + ",".join(questions) if questions else ""


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def contents_page(tab, title: str, entries: list[Entry], start: dict[str, int],
                  address: str) -> bytes:
    """The table of contents: each entry with the handbook page it starts on (start is
    0-based), linked to the page's web address, which becomes a jump within the PDF."""
    lines = "\n".join(
        f'<a class="depth-{e.depth}" style="margin-left: {e.depth * 1.5}em" '
        f'href="{html.escape(address + e.path[1:])}"><span>{html.escape(e.title)}</span>'
        f"<span>{start[e.path] + 1}</span></a>" for e in entries)
    tab.set_content(f"<!doctype html><html lang='en'><meta charset='utf-8'>"
                    f"<title>{html.escape(title)}</title><style>{CONTENTS_STYLE}</style>"
                    f"<h1>{html.escape(title)}</h1><p>{html.escape(address)}</p>"
                    f"<h2>Contents</h2>{lines}</html>")
    return tab.pdf(format="A4")


def make_handbook(tab, title: str, entries: list[Entry], printed: dict[str, bytes],
                  address: str) -> PdfWriter:
    """The contents, then every page in navigation order, with bookmarks and title."""
    first_page, pages = {}, 0  # 0-based, counted from the first page after the contents
    for path in dict.fromkeys(e.path for e in entries):
        first_page[path], pages = pages, pages + page_count(printed[path])
    # Page numbers depend on the contents' own length: print it until that settles.
    contents_length = 1
    while True:
        start = {path: contents_length + first for path, first in first_page.items()}
        contents = contents_page(tab, title, entries, start, address)
        if page_count(contents) == contents_length:
            break
        contents_length = page_count(contents)

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(contents)))
    for path in first_page:
        writer.append(PdfReader(io.BytesIO(printed[path])))
    link_contents_to_pages(writer, contents_length,
                           {address + path[1:]: n for path, n in start.items()})
    add_bookmarks(writer, entries, start)
    writer.add_metadata({"/Title": title})
    writer.page_mode = "/UseOutlines"
    return writer


def link_contents_to_pages(writer: PdfWriter, contents_length: int,
                           index: dict[str, int]) -> None:
    """Chromium prints the contents' links as web links; point each at its page instead."""
    for page in writer.pages[:contents_length]:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            target = index.get(annotation.get("/A", {}).get("/URI"))
            if target is not None:
                del annotation["/A"]
                annotation[NameObject("/Dest")] = ArrayObject(
                    [writer.pages[target].indirect_reference, NameObject("/Fit")])


def add_bookmarks(writer: PdfWriter, entries: list[Entry], index: dict[str, int]) -> None:
    """One bookmark per entry, nested inside the bookmark of its section."""
    parents = []  # the latest bookmark at each depth
    for entry in entries:
        del parents[entry.depth:]
        parent = parents[-1] if parents else None
        parents.append(writer.add_outline_item(title=entry.title, page_number=index[entry.path],
                                              parent=parent))


def published_address(given: str | None, built: str) -> str:
    """Where readers find the handbook, ending in "/": pages are opened there (the local
    server answering), so their stamps and printed links name it."""
    if given is None and built == DEFAULT_SITE_URL:
        sys.exit(f"pdf: the site was built without SITE_URL, so its address is {built}, which "
                 "only this computer can open; pass --address https://your.site/handbook/ "
                 "or build with SITE_URL set")
    address = given or built
    if not address.startswith(("http://", "https://")):
        sys.exit(f"pdf: --address {address} is not a web address; give one such as "
                 "https://your.site/handbook/")
    return address if address.endswith("/") else address + "/"


def sheet_name(path: str) -> str:
    return path.strip("/").replace("/", "-") + ".pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site",
                        help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "pdf",
                        help="where the PDFs go (default: pdf/)")
    parser.add_argument("--address", metavar="URL",
                        help="the address the handbook is published at, stamped on every "
                             "page (default: the site_url the site was built with)")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"pdf: no built site in {args.site}; run ./scripts/build first")
    if not Path(CHROMIUM_HEADLESS).exists():
        sys.exit("pdf: Chromium is missing; run ./scripts/setup --test, which installs it")
    began = time.perf_counter()

    home = read_html(args.site / "index.html")
    edition = home.select_one('meta[name="hb-edition"]')
    # The home page's canonical address is the site_url the site was built for.
    canonical = home.select_one('link[rel="canonical"]')
    if edition is None or canonical is None or not (args.site / "tools" / "index.html").is_file():
        sys.exit(f"pdf: {args.site} is not a built handbook (no edition, address or Tools page); "
                 "run ./scripts/build first")
    title = f"{home.title.get_text(strip=True)} — Edition {edition['content']}"
    address = published_address(args.address, canonical["href"])
    entries = read_navigation(home)
    sheets = read_sheets(args.site)
    pages = list(dict.fromkeys([e.path for e in entries] + sheets))

    with serve(args.site) as local, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_HEADLESS, args=CHROMIUM_ARGS)
        tab = open_tab(browser, address, local)
        print(f"pdf: printing {len(pages)} pages from {args.site}", file=sys.stderr)
        printed = {path: print_page(tab, address + path[1:]) for path in pages}
        handbook = make_handbook(tab, title, entries, printed, address)
        for path in sheets:
            if fragment := full_interview_sheet(args.site, path):
                printed[path] = print_page(tab, address + path[1:] + fragment)
        browser.close()

    args.out.mkdir(parents=True, exist_ok=True)
    written = [args.out / "handbook.pdf"]
    handbook.write(written[0])
    sheet_dir = args.out / "sheets"
    sheet_dir.mkdir(exist_ok=True)
    for old in sheet_dir.glob("*.pdf"):
        old.unlink()  # a sheet no longer on the Tools page must not linger
    for path in sheets:
        written.append(sheet_dir / sheet_name(path))
        written[-1].write_bytes(printed[path])

    for path in written:
        print(f"{path}  {len(PdfReader(path).pages)} pages")
    print(f"{len(written)} PDFs in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
