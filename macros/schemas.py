"""Check data against the collection schemas in data/schema/, in a contributor's words.

The JSON Schema files are the one definition of each collection's shape: editors use
them for completion, and the build validates with them here. Two project keywords
extend the standard:

- ``x-ref``: the value must be the id of an item in another list, named
  ``collection`` (its items) or ``collection/list`` (another top-level list).
- ``x-expected``: a plain description used when a ``pattern`` or ``format`` does not match.

``format`` is checked too (the standard leaves that optional), so that a date such as
2027-02-30 is refused although its pattern fits.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .problems import DataError, Problem
from .yaml_source import YamlSource

if TYPE_CHECKING:
    from jsonschema import ValidationError

COMMON = "common.schema.json"
JSON_TYPES = {
    str: "text", bool: "true/false", int: "a number", float: "a number",
    list: "a list", dict: "a block of fields", type(None): "nothing",
}
EXPECTED_TYPES = {
    "string": "text", "array": "a list", "object": "a block of fields",
    "integer": "a whole number", "number": "a number", "boolean": "true or false",
}

IdIndex = dict[str, dict[str, Any]]


def schema_names(schema_dir: Path) -> list[str]:
    """Every collection the handbook has: one schema file each (plus the shared one)."""
    return sorted(p.name.removesuffix(".schema.json") for p in schema_dir.glob("*.schema.json")
                  if p.name != COMMON)


class SchemaSet:
    """All collection schemas, with their references to shared definitions resolved."""

    def __init__(self, schema_dir: Path, label: Callable[[Path], str] = str,
                 shared: tuple[Path, ...] = ()):
        """The schemas in schema_dir, plus `shared` files their references may name
        (the overlay's schema refers to ../common.schema.json)."""
        files, problems = {}, []
        for path in [*schema_dir.glob("*.schema.json"), *shared]:
            try:
                files[path.name] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                line = getattr(err, "lineno", 1)
                problems.append(Problem(label(path), line, "",
                                        f"is not a readable JSON schema ({err})"))
        # Resolving every $ref once up front makes validation several times faster
        # than following references through a registry for each value.
        self.schemas = {}
        for name, schema in files.items():
            try:
                self.schemas[name] = _inline_refs(schema, files, name)
            except (KeyError, TypeError) as err:
                problems.append(Problem(label(schema_dir / name), 1, "",
                                        f"has a $ref to {err} that does not exist"))
        if problems:
            raise DataError(problems)

    def validate(self, name: str, source: YamlSource, ids: IdIndex,
                 only: tuple[str, ...] = ()) -> list:
        """Problems with source as the collection name; with `only`, as additions to it
        (an organisation's own items): just those lists, each entry checked as usual."""
        schema = self.schemas[f"{name}.schema.json"]
        if only:
            schema = {**schema, "required": [],
                      "properties": {key: schema["properties"][key] for key in only}}
        # Imported here: most builds find every file already checked (cache.py), and
        # jsonschema takes longer to import than such a build spends on its data.
        from jsonschema import Draft202012Validator, validators

        validator_cls = validators.extend(Draft202012Validator, {"x-ref": _ref_checker(ids)})
        validator = validator_cls(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        problems = []
        for error in validator.iter_errors(source.data):
            for leaf in _leaves(error):
                problems += [source.problem(path, message) for path, message in _explain(leaf)]
        # A value can fail its pattern and its format for one reason: say it once.
        return list(dict.fromkeys(problems))


def _inline_refs(node: Any, files: dict[str, dict], current: str) -> Any:
    """Replace each {"$ref": "file#/pointer", ...} with the definition it points to."""
    if isinstance(node, list):
        return [_inline_refs(child, files, current) for child in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        # Schemas are known by file name, wherever the reference says they sit.
        target_file = Path(file).name if file else current
        target = files[target_file]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        return {**_inline_refs(target, files, target_file), **siblings}
    return {key: _inline_refs(value, files, current) for key, value in node.items() if key != "$defs"}


def _leaves(error: ValidationError) -> list[ValidationError]:
    """For 'none of these shapes matched', report what went wrong inside, not the summary."""
    if error.context:
        return [leaf for sub in error.context for leaf in _leaves(sub)]
    return [error]


def _ref_checker(ids: IdIndex) -> Callable:
    def check(validator, target: str, instance: Any, schema: dict):
        # A collection that failed to load is reported already; its ids are unknown.
        if not isinstance(instance, str) or target not in ids:
            return
        known = ids[target]
        if instance not in known:
            hint = difflib.get_close_matches(instance, list(known), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            kind = target.replace("/", " ").replace("_", " ")
            from jsonschema import ValidationError
            yield ValidationError(f"'{instance}' is not a known {kind} id{suggestion}")
    return check


def _describe(value: Any) -> str:
    kind = JSON_TYPES.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list)):
        return kind
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "...'"
    return f"{kind} ({shown})"


def _explain(error: ValidationError) -> list[tuple[tuple, str]]:
    """Turn a jsonschema error into (path of the field, what was expected) pairs."""
    path = tuple(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = ", ".join(f"'{name}'" for name in expected if name not in value)
        return [(path, f"missing required field {missing}")]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        found = []
        for key in (k for k in value if k not in allowed):
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"did you mean '{hint[0]}'? " if hint else ""
            found.append(((*path, key), f"unknown field '{key}'; {suggestion}"
                          f"allowed fields here: {', '.join(allowed)}"))
        return found
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        # A field that describes its values (x-expected) is described the same way here:
        # an unquoted "2026.1" or "#1b5e20" reads as a number or nothing in YAML.
        wanted = error.schema.get("x-expected") or " or ".join(EXPECTED_TYPES.get(t, t) for t in types)
        return [(path, f"expected {wanted}, got {_describe(value)}")]
    if kind in ("pattern", "format"):
        plain = f"text matching {expected}" if kind == "pattern" else f"a valid {expected}"
        wanted = error.schema.get("x-expected", plain)
        return [(path, f"expected {wanted}, got {_describe(value)}")]
    if kind == "minItems":
        if path == ("items",):
            return [(path, "the collection is empty: add at least one item")]
        return [(path, f"expected a list of at least {expected}, got an empty list")]
    if kind == "minLength":
        return [(path, "expected some text, got an empty value")]
    if kind in ("enum", "const"):
        options = expected if kind == "enum" else [expected]
        return [(path, f"expected one of {', '.join(repr(o) for o in options)}, got {_describe(value)}")]
    return [(path, error.message)]
