"""An organisation's own items: additions to four of the handbook's collections, kept in
the overlay's data/ folder (data/checklists.yml, data/interview_questions.yml,
data/job_descriptions.yml, data/glossary.yml).

Each file is shaped like the handbook's file of that name but holds only the lists an
organisation may add to (EXTENDS), and only its additions. It is checked by the same
schema, the same text rule and the same id checks as the handbook's data, then merged
into the loaded collections before anything renders, so pages, tools, builders,
exports and search treat local items as they treat the handbook's own. Local items
cite the organisation, which the merge registers as a source with the id
`organisation`.
"""
from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import reads
from .handbook import Collection, Handbook, duplicate_ids, entries_with_ids, index_ids
from .problems import DataError, Problem
from .safe_text import text_problems
from .schemas import SchemaSet
from .yaml_source import YamlSource

FOLDER = "data"
# What a local file may add to: the entries of existing lists (a checklist's items and
# sections, the question bank, the statement library, the glossary). New checklists,
# groups or components would need pages of their own, which an overlay does not write.
EXTENDS = {
    "checklists": ("sections", "items"),
    "interview_questions": ("items",),
    "job_descriptions": ("items",),
    "glossary": ("items",),
}
SOURCE_ID = "organisation"
# The fields that say which group a local entry joins, most specific first.
GROUPS = ("section", "list", "group", "component")
# What an entry of each list is, one and several, to say what an edition added.
KINDS = {("checklists", "sections"): ("checklist section", "checklist sections"),
         ("checklists", "items"): ("checklist entry", "checklist entries"),
         ("interview_questions", "items"): ("interview question", "interview questions"),
         ("job_descriptions", "items"): ("job description statement", "job description statements"),
         ("glossary", "items"): ("glossary term", "glossary terms")}


def read(folder: Path, label: Callable[[Path], str]) -> tuple[list[YamlSource], list[Problem]]:
    """The overlay's data files, parsed (merge checks them against the handbook), and
    what is wrong with the folder or their YAML."""
    sources: list[YamlSource] = []
    problems: list[Problem] = []
    data_dir = folder / FOLDER
    if not data_dir.is_dir():
        return sources, problems
    allowed = [f"{name}.yml" for name in EXTENDS]
    for path in sorted(p for p in data_dir.iterdir() if not p.name.startswith(".")):
        if path.name not in allowed or not path.is_file():
            hint = difflib.get_close_matches(path.name, allowed, n=1)
            suggestion = f"did you mean '{hint[0]}'? " if hint else ""
            problems.append(Problem(label(path), 0, "", f"is not a file an overlay's data folder "
                                    f"may hold; {suggestion}it may hold {', '.join(allowed)}"))
            continue
        source = YamlSource(path, label(path))
        problems += source.problems
        if source.data is None and not source.problems:
            keys = " and ".join(f"'{key}:'" for key in EXTENDS[path.stem])
            problems.append(Problem(source.label, 1, "", f"is empty: list the organisation's own "
                                    f"entries under {keys}, or remove the file"))
        elif source.data is not None:
            sources.append(source)
    return sources, problems


def merge(book: Handbook, organisation: str, local: tuple[YamlSource, ...], schema_dir: Path,
          root: Path, subject: str) -> Handbook:
    """The handbook with the organisation's items added and the organisation registered
    as a source; raise DataError (headed by subject) listing every problem."""
    if not local:
        return book
    names = {source.path.stem: source for source in local}
    merged = {name: _added(book[name].data, source.data, EXTENDS[name])
              for name, source in names.items()}
    merged["sources"] = {**book["sources"].data, "items": [
        *book["sources"].items, own_source(organisation)]}
    # Local entries may refer to each other (an entry to a local section) and cite the
    # organisation, so they are checked against the merged ids.
    ids = index_ids({name: c.data for name, c in book.collections.items()} | merged)
    schemas = SchemaSet(schema_dir, lambda path: os.path.relpath(path, root))
    problems = []
    for name, source in names.items():
        problems += [*schemas.validate(name, source, ids, only=EXTENDS[name]),
                     *text_problems(source), *duplicate_ids(source),
                     *_clashes(source, book[name]), *_uncited(source, ids["sources"]),
                     *(_misplaced(source, merged[name]) if name == "checklists" else [])]
    if problems:
        raise DataError(problems, subject=subject)
    return book.extended({name: Collection(
        name, book[name].file, data, book[name].source,
        reads.digest([book[name].digest, names[name].data if name in names else organisation]))
        for name, data in merged.items()})


def added(local: tuple[YamlSource, ...]) -> list[str]:
    """What the local files add, in words: ['1 checklist entry', '2 interview questions']."""
    found = []
    for source in local:
        for key in EXTENDS[source.path.stem]:
            count = len(source.data.get(key, []))
            if count:
                one, several = KINDS[source.path.stem, key]
                found.append(f"{count} {one if count == 1 else several}")
    return found


def own_source(organisation: str) -> dict[str, Any]:
    """The source local items cite: the organisation itself."""
    return {"id": SOURCE_ID, "kind": "organisation", "short": organisation, "author": organisation,
            "title": f"{organisation}'s own additions to its edition of the handbook"}


def _added(data: dict[str, Any], local: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    """The collection's data with the local lists joined to its own (ill-formed local
    data is left out here and reported by the schema)."""
    if not isinstance(local, dict):
        return data
    return {**data, **{key: _joined(data[key], local[key]) for key in keys
                       if isinstance(local.get(key), list)}}


def _joined(entries: list, local: list) -> list:
    """Each local entry placed after the last entry of the group it joins (its section,
    checklist, question group or component), where tools list entries in file order;
    at the end when the group has none yet."""
    joined = list(entries)
    for entry in local:
        group = next(((field, entry[field]) for field in GROUPS
                      if isinstance(entry, dict) and field in entry), None)
        at = max((index + 1 for index, other in enumerate(joined) if group and isinstance(other, dict)
                  and other.get(group[0]) == group[1]), default=len(joined))
        joined.insert(at, entry)
    return joined


def _clashes(source: YamlSource, collection: Collection) -> list[Problem]:
    """Ids are anchors and keys of saved answers: a local id must be new to its collection."""
    taken = {entry["id"]: (*path, "id") for entry, path in entries_with_ids(collection.data)}
    return [source.problem((*path, "id"), f"'{entry['id']}' is already the id of an entry in "
                           f"{collection.file} (line {collection.line_of(taken[entry['id']])}); "
                           "give the organisation's entry an id of its own")
            for entry, path in entries_with_ids(source.data) if entry["id"] in taken]


def _misplaced(source: YamlSource, checklists: dict[str, Any]) -> list[Problem]:
    """A local entry joins a section of its own checklist where that checklist has
    sections, so it is shown among them, not after them."""
    sections = {s["id"]: s.get("list") for s in checklists["sections"]
                if isinstance(s, dict) and isinstance(s.get("id"), str)}
    entries = source.data.get("items") if isinstance(source.data, dict) else None
    problems = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not (isinstance(entry, dict) and isinstance(entry.get("list"), str)
                and isinstance(entry.get("section"), (str, type(None)))):
            continue  # the schema reports it
        checklist, section = entry["list"], entry.get("section")
        if section is None and checklist in sections.values():
            names = ", ".join(s for s, owner in sections.items() if owner == checklist)
            problems.append(source.problem(("items", index, "list"), (
                f"the checklist '{checklist}' has sections: add 'section:' naming one of {names}")))
        elif sections.get(section, checklist) != checklist:
            problems.append(source.problem(("items", index, "section"), (
                f"the section '{section}' belongs to the checklist '{sections[section]}', "
                f"not to '{checklist}'")))
    return problems


def _uncited(source: YamlSource, known: dict[str, Any]) -> list[Problem]:
    """A local entry is the organisation's own: it cites the organisation, so no reader
    takes it for the shared handbook's cited content. (A misspelt source is reported
    by the schema; then this would only repeat it.)"""
    if not isinstance(source.data, dict):
        return []
    problems = []
    for key, entries in source.data.items():
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            cited = entry.get("sources") if isinstance(entry, dict) else None
            named = [c.get("source") for c in cited if isinstance(c, dict)] \
                if isinstance(cited, list) else []
            if named and SOURCE_ID not in named and all(isinstance(n, str) and n in known for n in named):
                problems.append(source.problem((key, index, "sources"), (
                    f"a local entry cites the organisation: add {{source: {SOURCE_ID}, "
                    "where: \"<your policy or document, and its section>\"}")))
    return problems
