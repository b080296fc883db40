"""The works cited: which handbook items rely on each one, found from the `works` lists
in the data (an item's own, and those of its "Sources differ" views), so that a work's
list of items is never typed by hand."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from .differences import label, locate
from .handbook import Handbook
from .placement import Placements

KINDS = (
    ("research", "Research"),
    ("guidance", "Guidance"),
    ("report", "Reports"),
    ("organisation", "Organisations"),
    ("website", "Websites and videos"),
)


def cited_works(entry: dict[str, Any]) -> list[str]:
    """The work ids an entry names: its own, then its views', each once."""
    ids = list(entry.get("works", []))
    for view in entry.get("views") or []:
        ids += view.get("works", [])
    return list(dict.fromkeys(ids))


def relying_items(book: Handbook, placements: Placements) -> dict[str, list[dict[str, Any]]]:
    """Work id -> the items that name it, each with its label and the page showing it."""
    relying: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, collection in book.collections.items():
        for key, value in collection.data.items():
            for entry in value if isinstance(value, list) else [value]:
                if not isinstance(entry, dict) or not cited_works(entry):
                    continue
                page = locate(placements, name, key, entry)
                title = label(entry, collection["title"])
                if page is None:
                    raise ValueError(f"{collection.file}: '{title}' names works cited but no "
                                     f"page shows its '{key}'")
                record = {"label": title, "page": page, "page_title": placements.titles[page],
                          "anchor": entry.get("id", "")}
                for work_id in cited_works(entry):
                    relying[work_id].append(record)
    return dict(relying)


def year_of(work: dict[str, Any]) -> str:
    """The four-digit year a work is filed under, or '' for 'n.d.' and no year."""
    year = work.get("year", "")[:4]
    return year if year.isdigit() else ""


def _by_year(work: dict[str, Any]) -> tuple:
    """Oldest first; works without a year last; then by name."""
    return year_of(work) or "9999", work["short"].lower(), work["id"]


class WorksCited:
    """What the Works cited page shows: the works by kind and by year, and the items
    that rely on each."""

    def __init__(self, book: Handbook, placements: Placements):
        items = sorted(book["bibliography"].items, key=_by_year)
        self.relying = relying_items(book, placements)
        self.by_kind = [(kind, title, [w for w in items if w["kind"] == kind])
                        for kind, title in KINDS]
        years: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for work in items:
            years[year_of(work) or "Undated"].append(work)
        self.by_year = list(years.items())
