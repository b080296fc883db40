"""Load, validate and cross-check every collection in data/, with no MkDocs involved."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from . import reads
from .cache import DataCache
from .problems import DataError, Problem
from .safe_text import text_problems
from .schemas import IdIndex, SchemaSet, schema_names
from .yaml_source import YamlSource


@dataclass(frozen=True)
class Collection:
    """One data file: its header fields, its items and any other id-bearing lists."""

    name: str
    file: str
    data: dict[str, Any]
    source: YamlSource = field(repr=False, compare=False)
    # A digest of the file's text (and of the code that reads it): equal, the data is too.
    digest: str = field(default="", repr=False, compare=False)
    _indexes: dict[tuple[str, str], dict] = field(default_factory=dict, repr=False, compare=False)

    @property
    def items(self) -> list[dict[str, Any]]:
        return self.data["items"]

    def having(self, field_name: str, value: Any, key: str = "items") -> list[dict[str, Any]]:
        """The entries of the list `key` whose field holds value (or lists it), in file
        order. Blocks group entries this way (a topic's guidance, a framework's
        competencies); an index built once keeps that from reading every entry for every
        group, which would grow with the square of the data."""
        if (key, field_name) not in self._indexes:
            index: dict[Any, list[dict[str, Any]]] = {}
            for entry in self.data.get(key, []):
                held = entry.get(field_name) if isinstance(entry, dict) else None
                for value_held in held if isinstance(held, list) else [held]:
                    if isinstance(value_held, (str, int)):
                        index.setdefault(value_held, []).append(entry)
            self._indexes[key, field_name] = index
        return self._indexes[key, field_name].get(value, [])

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def line_of(self, path: tuple) -> int:
        """The line in the file of the value at path, to point a contributor at it."""
        return self.source.line_of(path)


class Handbook:
    """Every collection, valid and cross-checked, plus lookup of any item by id.

    Each way in to the data notes which collections it read (macros/reads.py), so a
    rendered block is known to depend on just those."""

    def __init__(self, collections: dict[str, Collection], ids: IdIndex, schema_dir: Path):
        self._collections = collections
        self._ids = ids
        # The schemas the data was checked against, published with the site.
        self.schema_dir = schema_dir

    def _read(self, target: str) -> None:
        """Note the collection that holds target ('values', 'checklists/lists')."""
        name = target.split("/")[0]
        collection = self._collections.get(name)
        reads.note(("data", name), collection.digest if collection else "")

    @property
    def collections(self) -> dict[str, Collection]:
        for name in self._collections:
            self._read(name)
        return self._collections

    def __getitem__(self, name: str) -> Collection:
        self._read(name)
        return self._collections[name]

    def digest_of(self, name: str) -> str:
        """What _read notes for the collection now, without noting it."""
        collection = self._collections.get(name)
        return collection.digest if collection else ""

    def has(self, target: str, item_id: str | None) -> bool:
        self._read(target)
        return item_id in self._ids.get(target, {})

    def ids(self, target: str) -> list[str]:
        self._read(target)
        return list(self._ids.get(target, {}))

    def has_target(self, target: str) -> bool:
        """Whether target names a list of ids, as an x-ref must."""
        self._read(target)
        return target in self._ids

    def lookup(self, target: str, item_id: str) -> dict[str, Any]:
        """An item by id; target is 'collection' or 'collection/list' as in x-ref."""
        self._read(target)
        return self._ids[target][item_id]

    def extended(self, collections: dict[str, Collection]) -> Handbook:
        """This handbook with some collections replaced by larger ones (an organisation's
        own items merged in), every id indexed again."""
        merged = {**self._collections, **collections}
        return Handbook(merged, index_ids({name: c.data for name, c in merged.items()}),
                        self.schema_dir)


def load_handbook(data_dir: Path, root: Path | None = None) -> Handbook:
    """Read every collection named by data/schema/; raise DataError listing all problems.

    Problems name files relative to root (the project folder), as a contributor sees them.
    """
    data_dir = Path(data_dir)

    def relative(path: Path) -> str:
        return os.path.relpath(path, root or Path.cwd())

    if not schema_names(data_dir / "schema"):
        what = ("has no collection schemas in schema/" if data_dir.is_dir() else
                "is not a folder" if data_dir.exists() else "does not exist")
        raise DataError([Problem(relative(data_dir), 0, "", f"{what}: a data folder holds one YAML "
                                 "file per collection and its schema, schema/<name>.schema.json")])
    # Built only when a file needs checking: the build cache often has them all.
    schemas = functools.cache(lambda: SchemaSet(data_dir / "schema", relative))
    cache = DataCache(data_dir)
    problems: list[Problem] = []
    sources: dict[str, YamlSource] = {}
    for name in schema_names(data_dir / "schema"):
        path = data_dir / f"{name}.yml"
        label = relative(path)
        if not path.is_file():
            problems.append(Problem(label, 1, "", f"is missing: data/schema/{name}.schema.json "
                                    "describes a collection that needs this file"))
            continue
        source = cache.source(path, label)
        problems += source.problems
        if source.data is None and not source.problems:
            problems.append(Problem(label, 1, "", "is empty: a collection needs its header and items"))
        if source.data is not None:
            sources[name] = source

    ids = index_ids({name: source.data for name, source in sources.items()})
    for name, source in sources.items():
        problems += cache.check(source, ids, lambda: [*schemas().validate(name, source, ids),
                                                       *text_problems(source),
                                                       *duplicate_ids(source),
                                                       *_one_sided_views(source)])
    if problems:
        raise DataError(problems)
    collections = {name: Collection(name, s.label, s.data, s, cache.text_key(s.label))
                   for name, s in sources.items()}
    return Handbook(collections, ids, data_dir / "schema")


def index_ids(collections: dict[str, Any]) -> IdIndex:
    """Ids by target: 'values' for a collection's items, 'competencies/frameworks' for a
    list (collections maps each name to its data)."""
    ids: IdIndex = {}
    for name, data in collections.items():
        if not isinstance(data, dict):
            continue
        for key, value in data.items():
            if isinstance(value, list):
                ids[f"{name}/{key}"] = {
                    entry["id"]: entry for entry in value
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str)
                }
        ids[name] = ids.get(f"{name}/items", {})
    return ids


def mappings(value: Any, path: tuple = ()) -> Iterator[tuple[dict[str, Any], tuple]]:
    """Every mapping at any depth, outermost first, with its path in the data."""
    if isinstance(value, dict):
        yield value, path
        for key, child in value.items():
            yield from mappings(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from mappings(child, (*path, index))


def entries_with_ids(value: Any, path: tuple = ()) -> Iterator[tuple[dict[str, Any], tuple]]:
    """Every entry that has an id, at any depth, with its path in the data."""
    return ((entry, at) for entry, at in mappings(value, path) if isinstance(entry.get("id"), str))


# The lists that compare sources, and the note each one makes.
COMPARISONS = {"views": "a 'Sources differ' note", "positions": "a 'Sources agree' note"}


def _one_sided_views(source: YamlSource) -> list[Problem]:
    """A "Sources differ" or "Sources agree" note compares sources, so it needs two
    different ones."""
    problems = []
    for entry, path in mappings(source.data):
        for key, note in COMPARISONS.items():
            views = entry.get(key)
            if isinstance(views, list) and len(views) >= 2:
                named = {v.get("source") for v in views if isinstance(v, dict)}
                if len(named) < 2:
                    problems.append(source.problem((*path, key), f"{note} needs the views "
                                                   "of at least two different sources"))
    return problems


def duplicate_ids(source: YamlSource) -> list[Problem]:
    """Ids become anchors on one page, so every id in a file must be unique."""
    first: dict[str, tuple] = {}
    problems = []
    for entry, path in entries_with_ids(source.data):
        item_id, id_path = entry["id"], (*path, "id")
        if item_id in first:
            problems.append(source.problem(id_path, f"duplicate id '{item_id}': already used on "
                                           f"line {source.line_of(first[item_id])}"))
        else:
            first[item_id] = id_path
    return problems
