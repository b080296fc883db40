"""Read one YAML file, keeping the line of every value so problems can point at it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Path_ = tuple[str | int, ...]
# Field names read as text (dates do too, see Loader); numbers, true/false or null do not.
TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")

# Bounds far above anything the handbook needs (its largest file is under 300 kB, its
# deepest nesting 6 levels), so that no file can make the build run out of memory or
# recursion.
MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 20
IN_FULL = "data files write every value out in full, without anchors or aliases"

LIBYAML = hasattr(yaml, "CSafeLoader")


class Loader(yaml.CSafeLoader if LIBYAML else yaml.SafeLoader):
    """Safe loading, with libyaml's parser when PyYAML was built with it (parsing is most
    of the load time). Dates stay as the text written, as JSON Schema expects, so
    `review_by: 2027-06-30` needs no quotes."""


Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _checked(construct, kind: str):
    """A scalar constructor that reports a value it cannot read (`!!int abc`, `!!bool
    maybe`, more digits than Python converts) at its line, instead of raising."""
    def construct_checked(loader: Loader, node: yaml.ScalarNode):
        try:
            return construct(loader, node)
        except (ValueError, KeyError):
            shown = node.value if len(node.value) <= 20 else node.value[:20] + "..."
            raise yaml.constructor.ConstructorError(
                None, None, f"could not read '{shown}' as {kind}", node.start_mark) from None
    return construct_checked


for _tag, _kind in (("int", "a whole number"), ("float", "a number"), ("bool", "true or false")):
    Loader.add_constructor(f"tag:yaml.org,2002:{_tag}",
                           _checked(getattr(yaml.SafeLoader, f"construct_yaml_{_tag}"), _kind))
# Only what JSON has: bytes, sets and ordered pairs would pass no schema and break exports.
for _tag in ("binary", "set", "omap", "pairs"):
    del Loader.yaml_constructors[f"tag:yaml.org,2002:{_tag}"]


def field_name(path: Path_) -> str:
    """Render a data path the way a contributor reads it: items[3].sources[0].where."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class YamlSource:
    """The parsed data of one file plus a map from each value's path to its line."""

    def __init__(self, path: Path, label: str):
        self.path = path
        self.label = label
        self.data: Any = None
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self._read()

    def line_of(self, path: Path_) -> int:
        """The line of the value at path, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: Path_, message: str) -> Problem:
        field = field_name(path)
        item_id = self._enclosing_id(path)
        if item_id:
            field += f" (item '{item_id}')"
        return Problem(self.label, self.line_of(path), field, message)

    def _enclosing_id(self, path: Path_) -> str | None:
        """The id of the innermost item the path runs through, to name it in messages."""
        found, value = None, self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                found = value["id"]
        return found

    def _read(self) -> None:
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                self._refuse(1, f"is {size / 1_000_000:.1f} MB; a data file may hold at most "
                                f"{MAX_FILE_BYTES / 1_000_000:.0f} MB")
                return
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            self._refuse(1, f"is not UTF-8 text ({err.reason})")
            return
        except OSError as err:
            self._refuse(1, f"cannot be read ({err.strerror})")
            return
        try:
            # The events are checked before anything is built from them, so an alias
            # bomb or deep nesting is refused before it costs memory or recursion.
            if refusal := _unbounded(text):
                self._refuse(*refusal)
                return
            loader = Loader(text)
            try:
                # This parse gives both the node tree (for lines) and the data built from it.
                node = loader.get_single_node()
                self.data = loader.construct_document(node) if node is not None else None
            finally:
                loader.dispose()
        except yaml.reader.ReaderError as err:
            # YAML itself refuses most control characters, before safe_text could. libyaml
            # counts the position in bytes of UTF-8, the pure-Python reader in characters.
            before = text.encode()[:err.position] if LIBYAML else text[:err.position].encode()
            line = before.count(b"\n") + 1
            self._refuse(line, f"contains the invisible character U+{err.character:04X}; text "
                               "may hold visible characters, spaces, tabs and line breaks only")
            return
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            line = mark.line + 1 if mark else 1
            context = err.context or ""
            if err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
                context += f" (started on line {err.context_mark.line + 1})"
            detail = ": ".join(filter(None, [context, err.problem]))
            self._refuse(line, f"is not valid YAML: {detail}; check indentation and quoting")
            return
        if node is not None:
            self._map_lines(node, ())

    def _refuse(self, line: int, message: str) -> None:
        self.data = None
        self.problems.append(Problem(self.label, line, "", message))

    def _map_lines(self, node: yaml.Node, path: Path_) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value
                line = key_node.start_mark.line + 1
                if key_node.tag not in TEXT_TAGS:
                    self._refuse(line, f"has a field name that is not text ({key}); field names "
                                       "are words such as 'name'")
                    continue
                if key in seen:
                    # PyYAML keeps the last value silently; a contributor would lose the first.
                    self.problems.append(
                        Problem(self.label, line, field_name((*path, key)),
                                f"appears twice in the same block (first on line {seen[key]})")
                    )
                seen[key] = line
                self._map_lines(value_node, (*path, key))
                self.lines[(*path, key)] = line
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                self._map_lines(child, (*path, index))


def _unbounded(text: str) -> tuple[int, str] | None:
    """(line, why) for the first thing in the file past the loader's bounds: an anchor
    or alias (data files never need them; an alias can repeat a block a billion times)
    or nesting deeper than MAX_DEPTH. (Long text is refused, with its field, by safe_text.)"""
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            return line, f"uses an alias ('*{event.anchor}'); {IN_FULL}"
        if getattr(event, "anchor", None):
            return line, f"uses an anchor ('&{event.anchor}'); {IN_FULL}"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return line, (f"nests lists and blocks more than {MAX_DEPTH} levels deep; "
                              f"data files nest at most {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None
