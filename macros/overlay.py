"""Load and check an organisation's overlay: a folder, kept apart from the handbook,
holding organisation.yml, the logo it names and, in data/, the organisation's own items
(no MkDocs involved). Its notes and items are checked against the handbook when they
join it (local_notes.py, local_items.py).

organisation.yml is checked as data files are: against its schema
(data/schema/overlay/organisation.schema.json), by the one rule for text
(safe_text.py), then for what a schema cannot see: that the logo is there and is an
image, and that the colours keep their contrast where the theme uses them.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import colours, local_items, local_notes, page_choice, terminology
from .problems import DataError, Problem
from .safe_text import text_problems
from .schemas import COMMON, SchemaSet
from .yaml_source import YamlSource

FILE = "organisation.yml"
SCHEMA_DIR = "overlay"
SUBJECT = "The organisation overlay"
# A logo is a small mark in the header; anything larger is a mistake, not a logo.
MAX_LOGO_BYTES = 1_000_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What would make an SVG more than a picture when opened from the site: a script, an
# event attribute, or a link to a file on another host.
# (A data: address holds the file itself, so it may stay.)
_ELSEWHERE = rb"(?:(?!data:)[a-z][a-z0-9+.-]*:|//)"
SVG_ACTIVE = re.compile(rb"<script|\son[a-z]+\s*=|(?:href|src)\s*=\s*[\"']\s*" + _ELSEWHERE
                        + rb"|url\(\s*[\"']?\s*" + _ELSEWHERE, re.IGNORECASE)


@dataclass(frozen=True)
class Organisation:
    """A checked organisation.yml: what the branding, the terminology and, later, the
    other layers of the overlay (notes, pages left out) read."""

    folder: Path
    name: str
    logo: Path | None
    primary: str | None
    accent: str | None
    contact: str | None
    upstream_site: str | None
    upstream_edition: str | None
    # The pages it leaves out, as files under docs/ ('sustain/role-inventory.md').
    leave_out: tuple[str, ...]
    # Its notes on the handbook's items (local_notes.py) and its own items, read but
    # checked against the handbook only when merged into it (local_items.py).
    notes: tuple[local_notes.Note, ...]
    local_data: tuple[YamlSource, ...]
    # The organisation's words for the handbook's (terminology.py).
    terms: tuple[terminology.Term, ...]
    # A digest of the overlay's files: equal, every page made from them is too.
    digest: str


def load_organisation(folder: str | Path, schema_dir: Path, root: Path,
                      handbook_folders: tuple[Path, ...] = (),
                      docs_dir: Path | None = None) -> Organisation:
    """The overlay in folder, checked against the schema in schema_dir/overlay/; raise
    DataError listing every problem, naming files as seen from root (or in full when
    the overlay lies outside it). The overlay may not lie in handbook_folders (the
    handbook's data/ and docs/), which a new edition of the handbook replaces. Pages
    to leave out are checked against docs_dir (default: root/docs)."""
    folder = Path(folder)
    docs_dir = docs_dir or root / "docs"

    def label(path: Path) -> str:
        relative = os.path.relpath(path.resolve(), root.resolve())
        return path.resolve().as_posix() if relative.startswith("..") else relative

    for handbook_folder in handbook_folders:
        if folder.resolve().is_relative_to(handbook_folder.resolve()):
            raise DataError([Problem(label(folder), 0, "", f"lies inside the handbook's "
                                     f"{label(handbook_folder)}/: keep the overlay in a folder of "
                                     "its own, which a new edition of the handbook never touches")],
                            subject=SUBJECT)
    path = folder / FILE
    if not path.is_file():
        what = ("holds no organisation.yml" if folder.is_dir() else
                "is not a folder" if folder.exists() else "does not exist")
        raise DataError([Problem(label(folder), 0, "", f"{what}: an organisation's overlay is a "
                                 f"folder holding {FILE} (with at least its name) and its logo")],
                        subject=SUBJECT)
    source = YamlSource(path, label(path))
    local_data, local_problems = local_items.read(folder, label)
    problems = [*source.problems, *local_problems]
    terms: tuple[terminology.Term, ...] = ()
    if source.data is None and not source.problems:
        problems.append(Problem(source.label, 1, "", "is empty: it needs at least the "
                                "organisation's name, as 'name: Example Health'"))
    if source.data is not None:
        schemas = SchemaSet(schema_dir / SCHEMA_DIR, label, shared=(schema_dir / COMMON,))
        problems += schemas.validate("organisation", source, {})
        # One message a field: the text rule only where the schema found nothing wrong.
        refused = {problem.field for problem in problems}
        problems += [problem for problem in text_problems(source) if problem.field not in refused]
        # What a schema cannot see, checked in the fields it found well formed.
        reported = {problem.field for problem in problems}
        if isinstance(source.data, dict):
            problems += _logo_problems(source, folder, reported) + _colour_problems(source, reported)
            problems += page_choice.problems(source, docs_dir, reported)
            terms, found = terminology.read_terms(source, reported)
            problems += found
    if problems:
        raise DataError(problems, subject=SUBJECT)
    data = source.data
    logo = folder / data["logo"] if "logo" in data else None
    hues = data.get("colours", {})
    upstream = data.get("upstream", {})
    files = [path, *([logo] if logo else []), *(local.path for local in local_data)]
    return Organisation(
        folder=folder.resolve(), name=data["name"], logo=logo, primary=hues.get("primary"),
        accent=hues.get("accent"), contact=data.get("contact"), upstream_site=upstream.get("site"),
        upstream_edition=upstream.get("edition"),
        leave_out=tuple(page_choice.chosen(data[page_choice.FIELD], page_choice.pages(docs_dir))
                        if page_choice.FIELD in data else ()),
        notes=local_notes.read(source), local_data=tuple(local_data),
        terms=terms,
        digest=hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest())


def _logo_problems(source: YamlSource, folder: Path, reported: set[str]) -> list[Problem]:
    name = source.data.get("logo")
    if name is None or "logo" in reported:
        return []
    logo = folder / name
    if not logo.is_file():
        return [source.problem(("logo",), f"the file '{name}' is not in the overlay folder "
                               f"({source.label.removesuffix(FILE) or './'}); put the logo "
                               "beside organisation.yml, or leave out 'logo'")]
    size = logo.stat().st_size
    if size > MAX_LOGO_BYTES:
        return [source.problem(("logo",), f"'{name}' is {size / 1_000_000:.1f} MB; a logo may be "
                               f"at most {MAX_LOGO_BYTES / 1_000_000:.0f} MB")]
    content = logo.read_bytes()
    # An SVG may open with an XML declaration, a comment or a doctype before its element.
    if not (content.startswith(PNG_SIGNATURE) if logo.suffix == ".png" else b"<svg" in content[:4096]):
        kind = "an SVG" if logo.suffix == ".svg" else "a PNG"
        return [source.problem(("logo",), f"'{name}' is not {kind} image; the logo must be an "
                               "SVG or PNG file")]
    if logo.suffix == ".svg" and (found := SVG_ACTIVE.search(content)):
        return [source.problem(("logo",), f"'{name}' holds {found.group().decode(errors='replace')!r}; "
                               "a logo is a picture: no scripts, event attributes or files "
                               "from other hosts")]
    return []


def _colour_problems(source: YamlSource, reported: set[str]) -> list[Problem]:
    hues = source.data.get("colours")
    if not isinstance(hues, dict):
        return []
    primary, accent = (hues.get(field) if f"colours.{field}" not in reported else None
                       for field in ("primary", "accent"))
    refused = colours.contrast_problems(primary, accent)
    return [source.problem(("colours", field), message) for field, message in refused.items()]
