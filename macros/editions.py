"""Editions and what changed between them, item by item.

Releasing an edition saves a snapshot of every item (`data/editions/<edition>.json`):
its page, its label and a fingerprint of each field. A build compares the data with
the snapshot of the edition before it, so readers see what was added, changed (and in
which fields) and retired, and each changed item says so on its page.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from .differences import label, locate
from .handbook import Handbook
from .placement import Placements
from .render import fingerprint

SNAPSHOT_DIR = "editions"
# Review dates record upkeep, not content: a review that changes nothing is no update.
NOT_CONTENT = {"id", "reviewed", "review_by"}


def edition_key(edition: str) -> tuple:
    """Editions sort by their numbers: 2026.10 comes after 2026.9."""
    return tuple(int(part) if part.isdigit() else part for part in edition.split("."))


def record(entry: dict, label: str, url: str | None) -> dict:
    """What a snapshot keeps of one entry: its label, its page and a fingerprint of each
    field, enough to tell later which fields changed."""
    return {"label": label, "url": url,
            "fields": {key: fingerprint(value) for key, value in entry.items() if key not in NOT_CONTENT}}


def snapshot(book: Handbook, placements: Placements, edition: str, released: str) -> dict:
    """Every item of every collection, keyed "collection/id"."""
    items = {}
    for name, collection in book.collections.items():
        for item in collection.items:
            page = locate(placements, name, "items", item)
            items[f"{name}/{item['id']}"] = record(
                item, label(item, item["id"]), f"{page}#{item['id']}" if page is not None else None)
    return {"edition": edition, "released": released, "items": dict(sorted(items.items()))}


def write_snapshot(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def read_snapshots(folder: Path) -> list[dict]:
    """Every saved edition, oldest first."""
    records = [json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")]
    return sorted(records, key=lambda record: edition_key(record["edition"]))


@dataclass
class Change:
    key: str  # "collection/id"
    label: str
    url: str | None
    fields: list[str] = field(default_factory=list)  # for a changed item

    @property
    def collection(self) -> str:
        return self.key.split("/")[0]

    @property
    def id(self) -> str:
        return self.key.split("/", 1)[1]


@dataclass
class EditionChanges:
    edition: str
    released: str
    previous: str | None  # None: the first edition
    added: list[Change]
    changed: list[Change]
    retired: list[Change]
    total: int  # items in this edition


def compare_records(old: dict, new: dict) -> tuple[list[Change], list[Change], list[Change]]:
    """Records (as `record` makes them) keyed alike, compared: those added, those changed
    (naming the changed fields) and those retired, each sorted by key. Editions and the
    content diff of a pull request both compare this way."""
    def change(key, entry, fields=()):
        return Change(key, entry["label"], entry["url"], list(fields))

    added = [change(k, new[k]) for k in new if k not in old]
    retired = [change(k, old[k]) for k in old if k not in new]
    changed = []
    for key in new.keys() & old.keys():
        a, b = old[key]["fields"], new[key]["fields"]
        fields = sorted(f for f in a.keys() | b.keys() if a.get(f) != b.get(f))
        if fields:
            changed.append(change(key, new[key], fields))
    return tuple(sorted(found, key=lambda c: c.key) for found in (added, changed, retired))


def compare(before: dict | None, after: dict) -> EditionChanges:
    added, changed, retired = compare_records(before["items"] if before else {}, after["items"])
    # Everything in the first edition is new; listing it all would say nothing.
    return EditionChanges(after["edition"], after["released"], before["edition"] if before else None,
                          added if before else [], changed, retired, len(after["items"]))


def history(book: Handbook, placements: Placements, data_dir: Path, edition: str,
            today: str | None = None) -> list[EditionChanges]:
    """What changed in this edition (first) and in each earlier one, newest first."""
    snapshots = read_snapshots(data_dir / SNAPSHOT_DIR)
    saved = [s for s in snapshots if edition_key(s["edition"]) < edition_key(edition)]
    # A released edition keeps its release date; a draft is dated by its build.
    released = next((s["released"] for s in snapshots if s["edition"] == edition),
                    today or datetime.date.today().isoformat())
    current = snapshot(book, placements, edition, released)
    chain = [None] + saved + [current]
    return [compare(before, after) for before, after in zip(chain, chain[1:])][::-1]


def updated_in(changes: EditionChanges) -> dict[tuple[str, str], str]:
    """(collection, id) -> the note its page shows, for items new or changed in this edition."""
    notes = {(c.collection, c.id): f"New in edition {changes.edition}" for c in changes.added}
    notes.update({(c.collection, c.id): f"Updated in edition {changes.edition}" for c in changes.changed})
    return notes
