"""Every collection as JSON at a stable address, with an index, so an intranet can show
the handbook's content its own way. Each file holds the collection exactly as its YAML
does, so it validates against the published schema."""
from __future__ import annotations

import json
from pathlib import Path

from .cache import OutputCache
from .handbook import Handbook

DATA_DIR = "data/"
INDEX = DATA_DIR + "index.json"


def _json(value) -> str:
    # Dates (review dates) become ISO text, as JSON has no date type.
    return json.dumps(value, ensure_ascii=False, indent=1, default=str) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_json(book: Handbook, site_dir: Path, *, edition: str, site_url: str,
               schema_dir: str, made: OutputCache) -> list[Path]:
    """One file per collection plus data/index.json; returns the files written. made
    keeps each collection's JSON under its file's digest (writing JSON with indents is
    slow, and a collection changes far less often than a build runs)."""
    written = []
    listing = []
    for name, collection in sorted(book.collections.items()):
        path = site_dir / DATA_DIR / f"{name}.json"
        _write(path, made.get(collection.digest, lambda: _json(collection.data))
               if collection.digest else _json(collection.data))
        written.append(path)
        listing.append({
            "name": name,
            "title": collection["title"],
            "items": len(collection.items),
            "url": f"{site_url}{DATA_DIR}{name}.json",
            "schema": f"{site_url}{schema_dir}{name}.schema.json",
            "source": collection.file,
        })
    made.save()
    index = site_dir / INDEX
    _write(index, _json({"edition": edition, "collections": listing}))
    return written + [index]
