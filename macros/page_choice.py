"""The pages an organisation's edition leaves out (organisation.yml's `leave_out`).

Pages left out are excluded the way MkDocs excludes any page (`exclude_docs`), so they
are not built, indexed, mapped or printed, and leave the navigation. Links to them,
wherever the pages that remain have them (prose, blocks, the tools list, links to
items on a page left out), go to the shared handbook's copy at `upstream.site`: the
hook upstream_links.py rewrites them in each page's HTML.
"""
from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable
from pathlib import Path

import pathspec

from .placement import page_url
from .problems import Problem
from .yaml_source import YamlSource

FIELD = "leave_out"
# What an edition cannot do without: its home, and what lets readers check and reuse
# the content (the licence an adaptation keeps, the sources every item cites).
REQUIRED = {
    "index.md": "the home page",
    "reference/licence.md": "the licence page, which says what the edition adapts",
    "reference/sources.md": "the sources page, which every citation links to",
}


def pages(docs_dir: Path) -> list[str]:
    """Every page of the handbook, as its file under docs/ ('a/b.md')."""
    return sorted(p.relative_to(docs_dir).as_posix() for p in Path(docs_dir).rglob("*.md"))


def chosen(entries: list[str], all_pages: list[str]) -> list[str]:
    """The pages that entries (files, or folders ending in /) name."""
    return [page for page in all_pages if any(
        page == entry or (entry.endswith("/") and page.startswith(entry)) for entry in entries)]


def problems(source: YamlSource, docs_dir: Path, reported: set[str]) -> list[Problem]:
    """What is wrong with `leave_out` beyond its schema: a page or folder the handbook
    does not have (with the nearest it has), a page no edition can do without, and no
    upstream site for the links to go to."""
    entries = source.data.get(FIELD)
    if not isinstance(entries, list) or any(field.startswith(FIELD) for field in reported):
        return []
    all_pages = pages(docs_dir)
    folders = sorted({posixpath.dirname(page) + "/" for page in all_pages if "/" in page})
    found = []
    for index, entry in enumerate(entries):
        taken = chosen([entry], all_pages)
        if not taken:
            known = folders if entry.endswith("/") else all_pages
            hint = difflib.get_close_matches(entry, known, n=1, cutoff=0.5)
            kind = "folder" if entry.endswith("/") else "page"
            found.append(source.problem((FIELD, index), (
                f"the handbook has no {kind} '{entry}' under docs/"
                + (f"; did you mean '{hint[0]}'?" if hint else
                   "; name a Markdown file under docs/ (such as sustain/role-inventory.md) "
                   "or a folder ending in / (such as sustain/)"))))
        for page in taken:
            if page in REQUIRED:
                found.append(source.problem((FIELD, index), (
                    f"'{entry}' would leave out {page}, {REQUIRED[page]}; every edition keeps "
                    + ", ".join(REQUIRED) + ": leave out other pages")))
    if "upstream" not in source.data and "upstream" not in reported:
        found.append(source.problem((FIELD,), (
            "links to the pages left out go to the shared handbook's copy: add "
            "'upstream:' with the shared handbook's 'site' (such as https://handbook.example.org/) "
            "and the 'edition' last checked against")))
    return found


def upstream(leave_out: tuple[str, ...], upstream_site: str | None) -> dict[str, str]:
    """Each page left out ('a/b.md') -> its address in the shared handbook."""
    return {page: upstream_site + page_url(page) for page in leave_out}


def address(site_url: str, left_out: dict[str, str]) -> Callable[[str], str]:
    """The full address of a page URL ('a/b/#x'): the shared handbook's for a page left
    out (left_out: as upstream gives it), else on site_url."""
    upstream_of = {page_url(page): upstream for page, upstream in left_out.items()}

    def full(url: str) -> str:
        path, mark, anchor = url.partition("#")
        return upstream_of.get(path, site_url + path) + mark + anchor
    return full


def exclude(config, left_out: dict[str, str]) -> None:
    """Leave the pages out of the build (MkDocs' exclude_docs) and out of the
    navigation, and tell the link hook where they went (config.extra.left_out)."""
    if not left_out:
        return
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines("/" + page for page in left_out)
    config["exclude_docs"] = config["exclude_docs"] + spec if config["exclude_docs"] else spec
    if config["nav"]:
        config["nav"] = _without(config["nav"], set(left_out))
    config["extra"]["left_out"] = left_out


def _without(nav: list, left_out: set[str]) -> list:
    """The nav setting without entries for pages left out, nor sections left empty."""
    kept = []
    for entry in nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(value, list):
            value = _without(value, left_out)
            if not value:
                continue
        elif value in left_out:
            continue
        kept.append({title: value} if title is not None else value)
    return kept

