"""What changed in the shared handbook that an organisation's edition should look at.

Usage: .venv/bin/python scripts/org_check.py DIR

DIR is an organisation's overlay folder. Its organisation.yml names, in
upstream.edition, the edition of the handbook it was last checked against. The
command compares that edition's snapshot (data/editions/<edition>.json) with the
handbook's data as it is now, item by item, as the "What changed" page does, and
lists the changes that touch the organisation, each with the overlay file and line
that refers to them:

- items it annotates (notes: ids), changed or retired;
- changed items whose changed text holds one of its terms (terms: keys, as whole
  words, in any case, singular or plural; a retired item's text is not kept, so
  retired items are named only through notes and lists);
- items added, changed or retired on the pages it leaves out (leave_out:), which its
  edition links to in the shared handbook, and pages it leaves out that are gone;
- the lists its own items join (the checklist of each of DIR/data/checklists.yml's
  items, the group of each interview question, the part of a job description of each
  statement), where the handbook added, changed or retired an entry.

Exit status: 0 when nothing that changed touches the organisation (then it says
which edition upstream.edition can name); 1 when something needs a look (the report
lists it, and says to set upstream.edition once all of it is reviewed); 2 when the
overlay cannot be read or names no edition the handbook has a snapshot of (one
message). The build checks the rest of the overlay.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mkdocs.config import load_config  # noqa: E402

from macros import editions, page_choice  # noqa: E402
from macros.handbook import Handbook, load_handbook  # noqa: E402
from macros.overlay import FILE  # noqa: E402
from macros.placement import Placements, page_url  # noqa: E402
from macros.problems import DataError, Problem  # noqa: E402
from macros.render import fingerprint  # noqa: E402
from macros.yaml_source import YamlSource  # noqa: E402

NEEDS_A_LOOK = 1
BAD_OVERLAY = 2
# The organisation's own items, by collection, and the field naming the handbook's
# list each one joins.
LIST_FIELDS = {"checklists": "list", "interview_questions": "group",
               "job_descriptions": "component"}
# Terms are never applied to citations or source titles, so changes there do not
# touch them.
NOT_WORDED = {"sources", "works"}
CITED = {"sources", "bibliography"}


@dataclass
class Finding:
    where: str  # the overlay file, line and field that refers to the changes
    what: str
    changes: list[str]


def at(source: YamlSource, path: tuple) -> str:
    """'file:line: field' of the value at path."""
    found = source.problem(path, "")
    return f"{found.file}:{found.line}: {found.field}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the organisation's overlay folder")
    args = parser.parse_args()
    try:
        report, status = check(args.folder)
    except DataError as error:
        print(f"org_check: {error}", file=sys.stderr)
        sys.exit(BAD_OVERLAY)
    print(report)
    sys.exit(status)


def label_of(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def check(folder: Path, data_dir: Path = ROOT / "data",
          docs_dir: Path = ROOT / "docs") -> tuple[str, int]:
    """The report and the exit status; raise DataError for an overlay that cannot be read."""
    path = folder / FILE
    source = _read(path)
    edition, snapshot = _edition(source, data_dir)
    book = load_handbook(data_dir, root=ROOT)
    placements = Placements(docs_dir)
    current = load_config(str(ROOT / "mkdocs.yml"))["extra"]["edition"]
    now = editions.snapshot(book, placements, current, "")
    added, changed, retired = editions.compare_records(snapshot["items"], now["items"])
    site = (source.data.get("upstream") or {}).get("site") or ""
    kinds = {"added": added, "changed": changed, "retired": retired}
    findings = (_notes(source, kinds, site) + _terms(source, book, changed, site)
                + _left_out(source, docs_dir, kinds, site)
                + _lists(folder, book, kinds, snapshot, site))
    name = source.data.get("name", folder.name)
    lines = [f"{name}: what changed in the shared handbook since edition {edition}",
             f"({len(added)} items added, {len(changed)} changed and {len(retired)} retired, "
             f"compared with the handbook's data now, edition {current}).", ""]
    edition_line = f"{source.label}:{source.line_of(('upstream', 'edition'))}"
    if not findings:
        lines.append(f"None of these touches {name}'s edition.")
        if current != edition:
            lines.append(f'Set upstream.edition to "{current}" ({edition_line}).')
        return "\n".join(lines), 0
    lines.append(f"{len(findings)} to look at:")
    for finding in findings:
        lines += ["", f"{finding.where}: {finding.what}",
                  *(f"  - {change}" for change in finding.changes)]
    lines.append("")
    lines.append(f'When all of it is reviewed, set upstream.edition to "{current}" '
                 f"({edition_line})." if current != edition else
                 f"These changes are not yet in a released edition (upstream.edition names "
                 f"{current}, the latest): when all of it is reviewed and the next edition is "
                 f"released, set upstream.edition to it ({edition_line}).")
    return "\n".join(lines), NEEDS_A_LOOK


def _read(path: Path) -> YamlSource:
    if not path.is_file():
        raise DataError([Problem(label_of(path.parent), 0, "", f"holds no {FILE}: an "
                                 "organisation's overlay is a folder holding organisation.yml")],
                        subject="The organisation overlay")
    source = YamlSource(path, label_of(path))
    if source.problems:
        raise DataError(source.problems, subject="The organisation overlay")
    if not isinstance(source.data, dict):
        raise DataError([Problem(source.label, 1, "", "is not a mapping of fields, such as "
                                 "'name: Example Health'")], subject="The organisation overlay")
    return source


def _edition(source: YamlSource, data_dir: Path) -> tuple[str, dict]:
    """upstream.edition and the snapshot of that edition."""
    upstream = source.data.get("upstream")
    edition = upstream.get("edition") if isinstance(upstream, dict) else None
    snapshots = {s["edition"]: s for s in editions.read_snapshots(data_dir / editions.SNAPSHOT_DIR)}
    known = ", ".join(snapshots) or "none"
    if not isinstance(edition, str):
        message = ("must be in quotes, such as \"2026.1\" (YAML reads 2026.10 as a number)"
                   if edition is not None else "is missing: name the edition of the shared "
                   "handbook last checked against, such as \"2026.1\"")
        raise DataError([source.problem(("upstream", "edition"), f"{message}; editions: {known}")],
                        subject="The organisation overlay")
    if edition not in snapshots:
        raise DataError([source.problem(("upstream", "edition"), (
            f"'{edition}' is not an edition of the handbook; editions: {known}"))],
            subject="The organisation overlay")
    return edition, snapshots[edition]


def _describe(change: editions.Change, kind: str, site: str) -> str:
    fields = f" ({', '.join(change.fields)})" if change.fields else ""
    where = f" <{site}{change.url}>" if change.url and kind != "retired" else ""
    return f"{kind} {change.key}{fields}: {change.label}{where}"


def _notes(source: YamlSource, kinds: dict, site: str) -> list[Finding]:
    notes = source.data.get("notes")
    found = []
    for item_id in notes if isinstance(notes, dict) else ():
        hits = [_describe(c, kind, site) for kind in ("changed", "retired")
                for c in kinds[kind] if c.id == item_id]
        if hits:
            found.append(Finding(at(source, ("notes", item_id)), "the item it annotates",
                                 hits))
    return found


def term_pattern(term: str) -> re.Pattern:
    """The handbook's word as a whole word, in any case, singular or plural (+s)."""
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"\b" + r"\s+".join(words) + r"s?\b", re.IGNORECASE)


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _terms(source: YamlSource, book: Handbook, changed: list, site: str) -> list[Finding]:
    terms = source.data.get("terms")
    found = []
    for term in terms if isinstance(terms, dict) else ():
        pattern = term_pattern(str(term))
        hits = []
        for change in (c for c in changed if c.collection not in CITED):
            item = book.lookup(change.collection, change.id)
            fields = [f for f in change.fields if f not in NOT_WORDED
                      and any(pattern.search(t) for t in _texts(item.get(f)))]
            if fields:
                hits.append(_describe(editions.Change(change.key, change.label, change.url, fields),
                                      "changed", site))
        if hits:
            found.append(Finding(at(source, ("terms", term)),
                                 f"'{term}' is in the changed text of {len(hits)} items", hits))
    return found


def _left_out(source: YamlSource, docs_dir: Path, kinds: dict, site: str) -> list[Finding]:
    entries = source.data.get(page_choice.FIELD)
    found = []
    all_pages = page_choice.pages(docs_dir)
    for index, entry in enumerate(entries if isinstance(entries, list) else ()):
        where = at(source, (page_choice.FIELD, index))
        pages = page_choice.chosen([str(entry)], all_pages)
        if not pages:
            found.append(Finding(where, f"the handbook has no page '{entry}' now: it was moved "
                                 "or removed (the build refuses it until leave_out names a page "
                                 "it has)", []))
            continue
        urls = {page_url(page) for page in pages}
        hits = [_describe(c, kind, site) for kind, changes in kinds.items() for c in changes
                if c.url and c.url.split("#")[0] in urls]
        if hits:
            found.append(Finding(where, f"'{entry}', which the edition links to in the shared "
                                 "handbook, has changes", hits))
    return found


def _lists(folder: Path, book: Handbook, kinds: dict, snapshot: dict, site: str) -> list[Finding]:
    """The handbook's lists the organisation's own items join, where they changed."""
    found = []
    for collection, field in LIST_FIELDS.items():
        path = folder / "data" / f"{collection}.yml"
        if not path.is_file():
            continue
        source = _read(path)
        items = source.data.get("items")
        for index, item in enumerate(items if isinstance(items, list) else ()):
            joined = item.get(field) if isinstance(item, dict) else None
            if not isinstance(joined, str):
                continue

            def in_list(change: editions.Change, kind: str) -> bool:
                if change.collection != collection:
                    return False
                if kind == "retired":  # only its fingerprints are kept
                    old = snapshot["items"][change.key]["fields"].get(field)
                    return old == fingerprint(joined)
                return book.lookup(collection, change.id).get(field) == joined
            hits = [_describe(c, kind, site) for kind, changes in kinds.items()
                    for c in changes if in_list(c, kind)]
            if hits:
                found.append(Finding(at(source, ("items", index, field)),
                                     f"the handbook's '{joined}' list, which this item joins, "
                                     "has changes", hits))
    return found


if __name__ == "__main__":
    main()
