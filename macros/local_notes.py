"""An organisation's own notes on the handbook's items (organisation.yml, `notes:`).

A note names its item by id ('mutuality'), or by collection and id
('checklists/onboard-mentor') where several collections use the id. Every block shows
a note beside its item (the `provenance` part of the templates), marked as the
organisation's own and kept apart from the item's cited text. A note on an id the
handbook does not have stops the build: that is how an organisation learns that a new
edition retired or renamed an item it annotated.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .handbook import Handbook, entries_with_ids
from .problems import DataError, Problem
from .yaml_source import YamlSource, field_name

KEY = "notes"


@dataclass(frozen=True)
class Note:
    """One note as organisation.yml writes it, with where it is written."""

    target: str
    text: str
    file: str
    line: int


@dataclass(frozen=True)
class LocalNotes:
    """The notes of an edition by the item they annotate, as the renderer shows them."""

    organisation: str
    by_item: dict[tuple[str, str], str]

    def get(self, collection: str, item_id: str) -> str | None:
        return self.by_item.get((collection, item_id))


def read(source: YamlSource) -> tuple[Note, ...]:
    """The notes of a checked organisation.yml, each with its line."""
    notes = source.data.get(KEY, {})
    return tuple(Note(target, text, source.label, source.line_of((KEY, target)))
                 for target, text in notes.items())


def resolve(book: Handbook, organisation: str, notes: tuple[Note, ...],
            subject: str) -> LocalNotes:
    """Each note's item among every collection's ids; raise DataError (headed by
    subject) naming every note whose id is unknown or names items of several collections."""
    owners: dict[str, list[str]] = {}
    for name, collection in book.collections.items():
        for entry, _ in entries_with_ids(collection.data):
            owners.setdefault(entry["id"], []).append(name)
    by_item, problems = {}, []
    for note in notes:
        collection, _, item_id = note.target.rpartition("/")
        message = (_bare_problem(item_id, owners) if not collection
                   else _qualified_problem(collection, item_id, owners))
        if message:
            problems.append(Problem(note.file, note.line, field_name((KEY, note.target)), message))
        else:
            by_item[(collection or owners[item_id][0], item_id)] = note.text
    if problems:
        raise DataError(problems, subject=subject)
    return LocalNotes(organisation, by_item)


def _bare_problem(item_id: str, owners: dict[str, list[str]]) -> str | None:
    if item_id not in owners:
        return _unknown(item_id, list(owners), "no item in the handbook")
    if len(owners[item_id]) > 1:
        choices = " or ".join(f"'{name}/{item_id}'" for name in owners[item_id])
        return (f"'{item_id}' is the id of items in {len(owners[item_id])} collections "
                f"({', '.join(owners[item_id])}): write {choices} to say which the note is on")
    return None


def _qualified_problem(collection: str, item_id: str, owners: dict[str, list[str]]) -> str | None:
    collections = sorted({name for names in owners.values() for name in names})
    if collection not in collections:
        hint = difflib.get_close_matches(collection, collections, n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        return (f"'{collection}' is not a collection of the handbook{suggestion}; before the "
                f"'/' comes one of {', '.join(collections)}")
    if collection not in owners.get(item_id, []):
        known = [known_id for known_id, names in owners.items() if collection in names]
        return _unknown(item_id, known, f"no item in {collection}")
    return None


def _unknown(item_id: str, known: list[str], where: str) -> str:
    hint = difflib.get_close_matches(item_id, known, n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    return (f"{where} has the id '{item_id}'{suggestion}; a note names its item by the id "
            "in the item's link (after the #). If a new edition of the handbook retired or "
            "renamed the item, move the note to the item that replaced it or remove it")
