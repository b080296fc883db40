"""Parsed and validated data files kept between builds, keyed by what they were made from.

Every build (and every rebuild under `mkdocs serve`) starts from the YAML, yet most
builds change none of it, and parsing and checking it is most of the data layer's cost.
A file's parse is kept under a hash of its text; the fact that it passed its checks,
under a hash of its text, the schemas and the ids every file defines (x-ref checks
depend on them). Both keys include the code that reads and checks data. Only files
without problems are kept, so a problem is reported by every build until it is fixed.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .problems import Problem
from .yaml_source import YamlSource

# The modules whose code decides what a file parses to and which problems it has.
CODE = [Path(__file__).with_name(name) for name in
        ("problems.py", "yaml_source.py", "schemas.py", "handbook.py", "cache.py")]


def _digest(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class DataCache:
    """The cache of one data folder, in the system's temporary folder."""

    def __init__(self, data_dir: Path):
        data_dir = Path(data_dir).resolve()
        self.folder = (Path(tempfile.gettempdir()) / "peer-roles-handbook-data"
                       / _digest(str(data_dir))[:16])
        self.folder.mkdir(parents=True, exist_ok=True)
        schemas = sorted((data_dir / "schema").glob("*.schema.json"))
        self.version = _digest(sys.version, *map(importlib.metadata.version, ("PyYAML", "jsonschema")),
                               *(p.read_bytes() for p in CODE),
                               *(part for p in schemas for part in (p.name, p.read_bytes())))
        self._text_keys: dict[str, str] = {}

    def source(self, path: Path, label: str) -> YamlSource:
        """The file parsed, from the cache when its text has been parsed before."""
        text = path.read_bytes()
        key = _digest(self.version, label, text)
        self._text_keys[label] = key
        cached = self._get(path.stem, "parsed", key)
        if cached is not None:
            return cached
        source = YamlSource(path, label)
        # Kept only if the file did not change while it was read.
        if not source.problems and path.read_bytes() == text:
            self._put(path.stem, "parsed", key, source)
        return source

    def check(self, source: YamlSource, ids: dict[str, dict],
              run_checks: Callable[[], list[Problem]]) -> list[Problem]:
        """The problems run_checks finds in source; none, without running them, when the
        same text passed them with the same ids before."""
        id_names = repr(sorted((target, sorted(known)) for target, known in ids.items()))
        key = _digest(self._text_keys[source.label], id_names)
        if self._get(source.path.stem, "valid", key) is not None:
            return []
        problems = run_checks()
        if not problems:
            self._put(source.path.stem, "valid", key, True)
        return problems

    def _file(self, stem: str, kind: str, key: str) -> Path:
        return self.folder / f"{stem}.{kind}.{key[:32]}.pickle"

    def _get(self, stem: str, kind: str, key: str):
        try:
            with self._file(stem, kind, key).open("rb") as file:
                return pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def _put(self, stem: str, kind: str, key: str, value) -> None:
        """Replace the file's earlier entry of this kind, so the cache stays one entry per
        file however often it is edited."""
        target = self._file(stem, kind, key)
        for old in self.folder.glob(f"{stem}.{kind}.*.pickle"):
            old.unlink(missing_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            with partial.open("wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, target)
        except OSError:
            # A cache that cannot be written only makes the next build slower.
            partial.unlink(missing_ok=True)
