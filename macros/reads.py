"""What each rendered block was made from, noted as it is read.

A block is reused by a later build (macros/cache.py) only while everything it read is
unchanged, so a data edit renders again just the blocks that read the edited collection.
The list is complete by construction: a block reaches data only through objects that
note what they hand out. The Handbook notes each collection a block asks for (by name,
by x-ref lookup or all of them); the renderer notes the values shared by every block as
a template reads them, and its own lookups (edition notes, page addresses, glossary
abbreviations). A note is a key and a digest of what was read; a later build finds the
digest again from the key (Renderer.digest_of) and compares.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator

# The notes of the blocks being rendered; a block inside another notes into both.
_open: list[dict[tuple, str]] = []


def note(key: tuple, digest: str) -> None:
    """The block being rendered (if any) read what key names, as it is now (digest)."""
    for reads in _open:
        reads.setdefault(key, digest)


@contextlib.contextmanager
def recording() -> Iterator[dict[tuple, str]]:
    """Collect the notes made until the block is rendered."""
    reads: dict[tuple, str] = {}
    _open.append(reads)
    try:
        yield reads
    finally:
        _open.pop()


def digest(value: object) -> str:
    """A digest of a value the build makes (data, records, dataclasses): equal values
    give equal digests in any process, however their parts were made or shared."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _plain(value: object) -> object:
    """What JSON cannot hold, as what it can, tagged with its type."""
    if isinstance(value, (set, frozenset)):
        return ["set", sorted(value, key=repr)]
    fields = getattr(value, "__dict__", None)
    return [type(value).__name__, fields if fields is not None else str(value)]
