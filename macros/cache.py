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

from . import reads
from .problems import Problem
from .yaml_source import YamlSource

# The modules whose code decides what a file parses to and which problems it has.
CODE = [Path(__file__).with_name(name) for name in
        ("problems.py", "yaml_source.py", "safe_text.py", "schemas.py", "handbook.py",
          "cache.py")]


def _digest(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def _read(path: Path):
    """What a cache file holds; None when it is missing or unreadable (a file from
    other code, or cut short), which only makes a build slower."""
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


class DataCache:
    """The cache of one data folder, in the system's temporary folder."""

    def __init__(self, data_dir: Path):
        data_dir = Path(data_dir).resolve()
        self.folder = self.folder_of(data_dir)
        schemas = sorted((data_dir / "schema").glob("*.schema.json"))
        versions = map(importlib.metadata.version, ("PyYAML", "jsonschema"))
        self.version = _digest(sys.version, *versions,
                               *(p.read_bytes() for p in CODE),
                               *(part for p in schemas for part in (p.name, p.read_bytes())))
        self._text_keys: dict[str, str] = {}

    @staticmethod
    def folder_of(data_dir: Path) -> Path:
        folder = (Path(tempfile.gettempdir()) / "peer-roles-handbook-data"
                  / _digest(str(Path(data_dir).resolve()))[:16])
        folder.mkdir(parents=True, exist_ok=True)
        return folder

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

    def text_key(self, label: str) -> str:
        """The digest the file was read under: its text and the code that reads it."""
        return self._text_keys[label]

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
        return _read(self._file(stem, kind, key))

    def _put(self, stem: str, kind: str, key: str, value) -> None:
        """Replace the file's earlier entry of this kind, so the cache stays one entry per
        file however often it is edited."""
        target = self._file(stem, kind, key)
        for old in self.folder.glob(f"{stem}.{kind}.*.pickle"):
            old.unlink(missing_ok=True)
        self._write(target, value)

    @staticmethod
    def _write(target: Path, value) -> None:
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            with partial.open("wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, target)
        except OSError:
            # A cache that cannot be written only makes the next build slower.
            partial.unlink(missing_ok=True)


class OutputCache:
    """Files a build writes besides its pages (JSON, embeds), each kept under a digest of
    what it is made from and reused by later builds while that is unchanged: every
    build is a new process, and writing them again costs more than reading them back.
    Only the entries the latest build used are kept. inputs is a digest of what every
    entry is made from besides its own key (inputs_digest: the code, templates and
    settings, an organisation's overlay among them)."""

    def __init__(self, data_dir: Path, name: str, inputs: str):
        self.file = DataCache.folder_of(data_dir) / f"{name}.pickle"
        self.inputs = inputs
        self.earlier: dict[str, str] = _read(self.file) or {}
        self.now: dict[str, str] = {}

    def get(self, key: str, make: Callable[[], str]) -> str:
        key = _digest(self.inputs, key)
        if key not in self.now:
            self.now[key] = self.earlier[key] if key in self.earlier else make()
        return self.now[key]

    def save(self) -> None:
        if self.now.keys() != self.earlier.keys():
            DataCache._write(self.file, self.now)


def inputs_digest(folders: list[Path], *settings: str) -> str:
    """A hash of every file in the folders and the settings given: with the library
    versions, what every block of a build is made from besides what it reads (reads.py)."""
    parts: list[bytes | str] = [sys.version, *map(importlib.metadata.version, (
        "Markdown", "Jinja2", "mkdocs-macros-plugin", "PyYAML", "jsonschema")), *settings]
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [str(path.relative_to(folder)), path.read_bytes()]
    return _digest(*parts)


class BlockCache:
    """The blocks each page showed in an earlier build, each reused while what it was
    made from is unchanged: the same inputs (code, templates, settings: inputs_digest),
    the same page text, and the same digest for everything it read (reads.py), which
    digest_of gives for this build. A data edit so renders again only the blocks that
    read the edited collection, however indirectly.

    A page's blocks are kept and reused together, in order, since a block's ids depend
    on the headings and blocks before it on the page: when any of them read something
    that changed, the whole page is rendered afresh."""

    KEPT = 4  # sets of inputs remembered: a build and the offline copy's, and a spare

    def __init__(self, data_dir: Path, inputs: str,
                 digest_of: Callable[[tuple], str | None]):
        self.file = DataCache.folder_of(data_dir) / "blocks.pickle"
        self.inputs = inputs
        self.digest_of = digest_of
        self.stored: dict[str, dict] = _read(self.file) or {}
        # (page URL, digest of its text) -> [(call, output, reads)], in page order
        self.earlier: dict[tuple, list] = self.stored.get(inputs, {})
        self.now: dict[tuple, list] = {}
        self._page: tuple = ()
        self._replay: list = []

    def start_page(self, page_url: str, page_markdown: str) -> None:
        self._page = (page_url, _digest(page_markdown))
        replay = self.earlier.get(self._page, [])
        unchanged = all(self.digest_of(read) == digest
                        for _, _, noted in replay for read, digest in noted.items())
        self._replay = replay if unchanged else []
        self.now[self._page] = []

    def block(self, call: tuple, render: Callable[[], str]) -> str:
        """The block's text as the earlier build rendered it, or rendered now."""
        done = self.now[self._page]
        index = len(done)
        if index < len(self._replay) and self._replay[index][0] == call:
            done.append(self._replay[index])
            return self._replay[index][1]
        # From here on the page is rendered afresh.
        self._replay = []
        with reads.recording() as read:
            output = render()
        done.append((call, output, read))
        return output

    def save(self) -> None:
        if self.now == self.earlier:
            return
        kept = {key: value for key, value in self.stored.items() if key != self.inputs}
        kept = dict(list(kept.items())[-(self.KEPT - 1):])
        kept[self.inputs] = self.now
        DataCache._write(self.file, kept)
