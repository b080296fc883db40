"""Reading grade of each page's prose in the built handbook (Flesch-Kincaid, via textstat).

Usage: .venv/bin/python scripts/readability.py [SITE_DIR]
Without SITE_DIR it builds the handbook into a temporary folder first. Prints one line
per page and the median across guidance pages (every page outside Reference and the
Tools index); the target is a median of 9 or lower.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import textstat
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
# Not prose: citations, permalinks, tables of tool data, headings (no sentences).
SKIP = "script, style, .hb-sources, .hb-research, .hb-cite, .headerlink, table, h1, h2, h3, h4, h5, h6, .hb-tag"
BLOCKS = "p, li, dd, dt"
NOT_GUIDANCE = ("reference/", "tools/")


def page_prose(html: str) -> str:
    """The sentences a reader reads on the page, each block ending as a sentence."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    if article is None:
        return ""
    for element in article.select(SKIP):
        element.decompose()
    sentences = []
    for block in article.select(BLOCKS):
        if block.find(BLOCKS.split(", ")):
            continue  # a container: its inner blocks are counted themselves
        text = " ".join(block.get_text(" ").split())
        if text:
            sentences.append(text if text[-1] in ".?!:" else text + ".")
    return " ".join(sentences)


def page_grades(site: Path) -> list[tuple[str, float, int]]:
    """(page URL, grade, words) for every page with prose."""
    rows = []
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        # Embeds are copies of pages for other sites; each page counts once.
        if url.startswith(("search/", "assets/", "embed/")) or url == "404/":
            continue
        prose = page_prose(path.read_text(encoding="utf-8"))
        words = textstat.lexicon_count(prose)
        if words:
            rows.append(("" if url == "./" else url, textstat.flesch_kincaid_grade(prose), words))
    return rows


def guidance_median(rows: list[tuple[str, float, int]]) -> float:
    return statistics.median(g for url, g, _ in rows if not url.startswith(NOT_GUIDANCE))


def main() -> None:
    if len(sys.argv) > 1:
        site = Path(sys.argv[1])
    else:
        site = Path(tempfile.mkdtemp()) / "site"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet",
                                "-d", str(site)], cwd=ROOT)
        if build.returncode != 0:
            sys.exit("readability: the build failed; its messages are above")
    rows = page_grades(site) if (site / "index.html").is_file() else []
    if not rows:
        sys.exit(f"readability: no built handbook pages in {site}; give the folder a build "
                 "wrote (./scripts/build), or nothing to build one")
    print(f"{'page':55} {'grade':>6} {'words':>7}")
    for url, grade, words in rows:
        print(f"{url or '(home)':55} {grade:6.1f} {words:7d}")
    print(f"median grade of guidance pages: {guidance_median(rows):.1f} (target 9 or lower)")


if __name__ == "__main__":
    main()
