"""Every "Sources differ" note in the data, with the page it appears on, for the
reference page that lists them all."""
from __future__ import annotations

from typing import Any

from .blocks import BLOCKS
from .handbook import Handbook
from .placement import Placements

# The field that names an entry, in the order to try; the first one present wins.
LABEL_FIELDS = ("name", "title", "topic", "aspect", "claim", "principle", "pitfall", "term",
                "question", "activity", "statement", "closed", "summary", "finding", "text",
                "intro")


def label(entry: dict[str, Any], fallback: str) -> str:
    return next((entry[f] for f in LABEL_FIELDS if isinstance(entry.get(f), str)), fallback)


def locate(placements: Placements, collection: str, key: str, entry: dict[str, Any]) -> str | None:
    """The URL of the page that shows this entry of the collection's top-level `key`."""
    for name, block in BLOCKS.items():
        if block.collection != collection or key not in block.shows:
            continue
        subset = (entry.get(block.subset_field) or entry.get("id")) if block.subset else None
        page = placements.page_of(name, subset)
        if page is not None:
            return page
    return None


def collect(book: Handbook, placements: Placements) -> list[dict[str, Any]]:
    """One record per entry that carries `views`, in page order. The key differences
    are left out: they have a section of their own on the same page."""
    noted = []
    for name, collection in book.collections.items():
        if name == "differences":
            continue
        for key, value in collection.data.items():
            entries = value if isinstance(value, list) else [value]
            for entry in entries:
                if isinstance(entry, dict) and entry.get("views"):
                    page = locate(placements, name, key, entry)
                    title = label(entry, collection["title"])
                    if page is None:
                        raise ValueError(f"{collection.file}: '{title}' has a 'Sources differ' "
                                         f"note but no page shows its '{key}'")
                    noted.append({
                        "collection": name,
                        "label": title,
                        "page": page,
                        "page_title": placements.titles[page],
                        "anchor": entry.get("id", ""),
                        "sources": sorted({v["source"] for v in entry["views"]}),
                    })
    return sorted(noted, key=lambda n: (n["page"], n["label"]))
