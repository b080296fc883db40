"""Sections of the handbook that other sites can show in an iframe.

Every page with a data block (each collection, tool and checklist) gets an embed
version at embed/<section-id>/: the page's article alone, with a small stylesheet of
its own, the tools' scripts, and a footer naming the handbook, edition and licence.
Links in it open the full handbook in the top window, never inside the frame.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markupsafe import Markup

from .blocks import BLOCKS
from .cache import OutputCache
from .placement import Placements

EMBED_DIR = "embed/"
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# Parts of a page that belong to the full site: its edit button and its source note.
_SITE_ONLY = re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>'
                        r'|<aside class="md-source-file hb-page-source".*?</aside>', re.S)
# Attributes holding addresses relative to the page, as the page's scripts read them too.
_ADDRESS = re.compile(r'\b(href|src|data-template|data-language-page)="([^"]+)"')


def section_id(page_url: str) -> str:
    """'recruit/interviewing/' -> 'recruit-interviewing': stable while the page stays put."""
    return page_url.strip("/").replace("/", "-")


def embeddable(placements: Placements) -> list[str]:
    """URLs of the pages that show data: collections, tools and checklists."""
    return [url for url, calls in placements.calls.items()
            if url and any(name in BLOCKS for name in calls)]


def _retarget(article: str, page_url: str) -> str:
    """Addresses relative to the page become relative to the embed (two folders below
    the site root); links leave the frame."""
    def rewrite(match: re.Match) -> str:
        name, value = match.groups()
        if value.startswith(("#", "http:", "https:", "mailto:", "data:")):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join("/" + page_url, value)).lstrip("/")
        if value.endswith("/") and not resolved.endswith("/"):
            resolved += "/"
        target = ' target="_top"' if name == "href" else ""
        return f'{name}="../../{resolved}"{target}'
    return _ADDRESS.sub(rewrite, article)


def article_of(html: str, page_url: str) -> Markup:
    match = _ARTICLE.search(html)
    if not match:
        raise ValueError(f"{page_url}: the built page has no article to embed")
    return Markup(_retarget(_SITE_ONLY.sub("", match.group(1)), page_url))


def write_embeds(site_dir: Path, placements: Placements, pages: set[str], render_page,
                 made: OutputCache) -> list[Path]:
    """Write embed/<section-id>/index.html for each of the embeddable pages built
    (pages); render_page(url, title, article) gives the embed's HTML, from the templates
    and settings that made's inputs are a digest of. made keeps embeds between builds,
    as most change few pages."""
    written = []
    for url in sorted(pages):
        built = (site_dir / url / "index.html").read_text(encoding="utf-8")
        title = placements.titles[url]
        embed = made.get(f"{url}\n{title}\n{built}", lambda: render_page(url, title, article_of(built, url)))
        target = site_dir / EMBED_DIR / section_id(url) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(embed, encoding="utf-8")
        written.append(target)
    made.save()
    return written
