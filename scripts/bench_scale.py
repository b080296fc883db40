"""Synthetic handbooks N times the size of the real one, for `bench.py --scale`.

Every id-bearing list of every collection is repeated N times; copy k suffixes each id
it holds and each x-ref it makes with `-xk`, so it points at its own copies and the data
stays valid. Pages that show part of a collection (`guidance("topic")`) are copied with
the suffixed part; pages that show whole collections show all the copies already.
"""
from __future__ import annotations

import copy
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, ValidationError, validators

from bench import ROOT

sys.path.insert(0, str(ROOT))
from macros.handbook import entries_with_ids  # noqa: E402
from macros.placement import _CALL  # noqa: E402
from macros.schemas import SchemaSet, schema_names  # noqa: E402
from macros.yaml_source import Loader  # noqa: E402


def _xref_paths(schema: dict, data: Any) -> set[tuple]:
    """The path of every value the schema says is an x-ref."""
    def every_value(validator, target, instance, schema):
        yield ValidationError("x-ref")

    checker = validators.extend(Draft202012Validator, {"x-ref": every_value})(schema)
    found: set[tuple] = set()

    def collect(error: ValidationError) -> None:
        if error.validator == "x-ref":
            found.add(tuple(error.absolute_path))
        for sub in error.context or []:
            collect(sub)

    for error in checker.iter_errors(data):
        collect(error)
    return found


def _suffixed(entry: Any, path: tuple, refs: set[tuple], suffix: str) -> Any:
    """A copy of entry with its ids, and its x-refs, suffixed."""
    entry = copy.deepcopy(entry)
    for inner, _ in entries_with_ids(entry):
        inner["id"] += suffix

    def refs_in(value: Any, at: tuple) -> Any:
        if at in refs and isinstance(value, str):
            return value + suffix
        if isinstance(value, dict):
            return {key: refs_in(child, (*at, key)) for key, child in value.items()}
        if isinstance(value, list):
            return [refs_in(child, (*at, index)) for index, child in enumerate(value)]
        return value

    return refs_in(entry, path)


def scale_data(source: Path, target: Path, factor: int) -> None:
    shutil.copytree(source, target)
    schemas = SchemaSet(source / "schema")
    for name in schema_names(source / "schema"):
        data = yaml.load((source / f"{name}.yml").read_text(encoding="utf-8"), Loader=Loader)
        refs = _xref_paths(schemas.schemas[f"{name}.schema.json"], data)
        for key, entries in list(data.items()):
            if not (isinstance(entries, list) and entries
                    and all(isinstance(e, dict) and "id" in e for e in entries)):
                continue
            data[key] = entries + [_suffixed(entry, (key, index), refs, f"-x{k}")
                                   for k in range(2, factor + 1)
                                   for index, entry in enumerate(entries)]
        text = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                         allow_unicode=True, sort_keys=False)
        (target / f"{name}.yml").write_text(text, encoding="utf-8")


def scale_docs(source: Path, target: Path, factor: int) -> None:
    shutil.copytree(source, target)
    for page in sorted(source.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if not any(match.group(2) or match.group(3) for match in _CALL.finditer(text)):
            continue
        for k in range(2, factor + 1):
            def part(match: re.Match) -> str:
                subset = match.group(2) or match.group(3)
                # Whole collections are shown once, on the original page.
                return f'{{{{ {match.group(1)}("{subset}-x{k}") }}}}' if subset else ""
            copied = re.sub(r"^# (.+)$", rf"# \1 (copy {k})", _CALL.sub(part, text),
                            count=1, flags=re.M)
            (target / page.relative_to(source)).with_name(f"{page.stem}-x{k}.md").write_text(
                copied, encoding="utf-8")
