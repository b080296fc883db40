"""Publish the collection schemas with the built site, at schema/<name>.schema.json.

Editors and intranet tools can then check handbook data against the schemas the build
used. Standard JSON Schema tools ignore the project's ``x-ref`` keyword, so in the
published copies each ``x-ref`` also gets an ``enum`` of the ids that exist in this
build: completion and checking of references then work anywhere. ``$ref`` values stay
relative to the file (``common.schema.json#/$defs/...``), and the shared definitions
are published beside the collections, so references resolve wherever the folder is
served or copied.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .handbook import Handbook

SCHEMA_DIR = "schema/"


def with_id_enums(node: Any, handbook: Handbook) -> Any:
    """A copy of a schema in which every x-ref also lists its target's current ids."""
    if isinstance(node, list):
        return [with_id_enums(child, handbook) for child in node]
    if not isinstance(node, dict):
        return node
    copy = {key: with_id_enums(value, handbook) for key, value in node.items()}
    if "x-ref" in node:
        target = node["x-ref"]
        if not handbook.has_target(target):
            raise ValueError(f"x-ref '{target}' names no collection or list of ids")
        copy["enum"] = handbook.ids(target)
    return copy


def publish_schemas(handbook: Handbook, site_dir: Path) -> list[Path]:
    """Write every schema the handbook was checked against into site_dir/schema/."""
    folder = Path(site_dir) / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(handbook.schema_dir.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        target = folder / path.name
        target.write_text(json.dumps(with_id_enums(schema, handbook), indent=2, ensure_ascii=False)
                          + "\n", encoding="utf-8")
        written.append(target)
    return written
