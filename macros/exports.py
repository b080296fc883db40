"""Every collection as JSON at a stable address, with an index, so an intranet can show
the handbook's content its own way. Each file holds the collection exactly as its YAML
does, so it validates against the published schema."""
from __future__ import annotations

import json
from pathlib import Path

from .handbook import Handbook

DATA_DIR = "data/"
INDEX = DATA_DIR + "index.json"


def _write(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Dates (review dates) become ISO text, as JSON has no date type.
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, default=str) + "\n",
                    encoding="utf-8")


def write_json(book: Handbook, site_dir: Path, *, edition: str, site_url: str,
               schema_dir: str) -> list[Path]:
    """One file per collection plus data/index.json; returns the files written."""
    written = []
    listing = []
    for name, collection in sorted(book.collections.items()):
        path = site_dir / DATA_DIR / f"{name}.json"
        _write(path, collection.data)
        written.append(path)
        listing.append({
            "name": name,
            "title": collection["title"],
            "items": len(collection.items),
            "url": f"{site_url}{DATA_DIR}{name}.json",
            "schema": f"{site_url}{schema_dir}{name}.schema.json",
            "source": collection.file,
        })
    index = site_dir / INDEX
    _write(index, {"edition": edition, "collections": listing})
    return written + [index]
