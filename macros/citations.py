"""Citations shared by a block: when most items of a tool cite the same place in the
same source, the page names it once for the block and, under each item, only what
differs."""
from __future__ import annotations

from collections import Counter
from typing import Any


def places(sources: list[dict[str, Any]]) -> tuple:
    """What a citation list points to: each source and the place in it. The `as` label
    (the source's own name for the item) is left out: it is the item's number or
    heading there, which the page already shows."""
    return tuple((c["source"], c["where"]) for c in sources)


def shared_sources(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The citations more than half of the items share (at least two items), without
    `as` labels; [] when there are none."""
    counts = Counter(places(item["sources"]) for item in items if item.get("sources"))
    if not counts:
        return []
    key, count = counts.most_common(1)[0]
    if count < 2 or count * 2 <= len(items):
        return []
    return [{"source": source, "where": where} for source, where in key]


def own_sources(sources: list[dict[str, Any]], shared: list[dict[str, str]]) -> list[dict[str, Any]]:
    """An item's citations to show under it: none when the block already names them."""
    return [] if shared and places(sources) == places(shared) else sources
