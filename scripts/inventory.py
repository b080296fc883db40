"""Role inventory calculations for facilitators who work with spreadsheets.

Each respondent's answers are one CSV file, as the role inventory page exports them:
    item_id,number,statement,version,stakeholder_group,rating
where version is development or audit, item_id is an item of data/role_inventory.yml and
rating is 1-4, dont-know, not-relevant, or empty (not answered). Files may be saved as
UTF-8, with or without a byte order mark (Excel's "CSV UTF-8"), or as Windows-1252
(Excel's plain "CSV" on Windows).

  summarise FILE...                 per item: responses, mean to one decimal (don't know
                                    and not relevant left out and counted separately),
                                    and a flag where ratings spread widely; all files
                                    must be of one version (development or audit)
  gaps --master MASTER AUDIT...     items the master development copy rates important
                                    (3 or more) that the audit says happen only
                                    occasionally or never (audit mean 2 or less)

The result is CSV on standard output. Cells that a spreadsheet would read as a formula
(starting with =, +, -, @, a tab or a carriage return) are written with a leading '.
Every problem in the files is reported on standard error, one line each, as
file:line: field: what is wrong; what is allowed. Nothing is written to standard output
when there is a problem.

Exit codes: 0 success; 1 problems in the input files (or in the handbook's data);
2 wrong usage (unknown command, missing argument).

The page's facilitator view does the same arithmetic in JavaScript; the tests check
that both give identical results on the same files.
Run: .venv/bin/python scripts/inventory.py summarise responses/*.csv
"""
from __future__ import annotations

import argparse
import codecs
import csv
import functools
import io
import re
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from macros.handbook import load_handbook  # noqa: E402
from macros.problems import DataError, Problem  # noqa: E402

COLUMNS = ["item_id", "number", "statement", "version", "stakeholder_group", "rating"]
HEADER = ",".join(COLUMNS)
VERSIONS = ("development", "audit")
NOT_RATED = {"dont-know", "not-relevant", ""}
RATINGS_ALLOWED = "1 to 4 (at most one decimal), dont-know, not-relevant or empty (not answered)"
ENCODINGS = "UTF-8 (with or without BOM, Excel's CSV UTF-8) or Windows-1252 (Excel's CSV)"
# A spread this wide (for example 1 and 3, or 2 and 4) is worth discussing.
WIDE_SPREAD = 2
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

EXIT_OK, EXIT_PROBLEMS = 0, 1  # argparse exits with 2 on wrong usage


class InventoryFileError(ValueError):
    """Every problem found in the files given; the message holds one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


@dataclass
class Row:
    item_id: str
    number: str
    statement: str
    version: str
    rating: str
    line: int


@functools.cache
def known_items() -> frozenset[str]:
    """The ids of the inventory's items, as the handbook's data defines them."""
    return frozenset(load_handbook(ROOT / "data", root=ROOT).ids("role_inventory"))


def read_file(path: Path, version: str | None = None, role: str = "") -> list[Row]:
    """One respondent's answers; refuse anything that is not an inventory export.

    version, if given, is the one version the file may hold; role says what the file is
    for (for example "the --master file"), to explain a refusal."""
    [rows], problems = check_files([path], version, role)
    if problems:
        raise InventoryFileError(problems)
    return rows


def check_files(paths: list[Path], version: str | None = None,
                role: str = "") -> tuple[list[list[Row]], list[Problem]]:
    """The rows of each file, and every problem found in any of them."""
    files, problems = [], []
    for path in paths:
        text = _read_text(path)
        if isinstance(text, Problem):
            files.append([])
            problems.append(text)
            continue
        rows, found = _read_rows(str(path), text, version, role)
        files.append(rows)
        problems += found
    return files, problems


def _read_text(path: Path) -> str | Problem:
    """The file's text, or what stops it being read."""
    def problem(line: int, message: str) -> Problem:
        return Problem(str(path), line, "", message)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return problem(1, "no such file; give the path of a role inventory CSV file")
    except IsADirectoryError:
        return problem(1, "is a folder, not a file; "
                          "give the CSV files in it (for example folder/*.csv)")
    except OSError as error:
        return problem(1, f"cannot be read ({error.strerror}); "
                          "give a role inventory CSV file you can open")
    # A byte order mark says UTF-8 for certain; without one, UTF-8 is tried first because
    # Windows-1252 would decode UTF-8's accented letters as two wrong characters.
    for encoding in ["utf-8-sig"] if data.startswith(codecs.BOM_UTF8) else ["utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            failure = error
    line = data.count(b"\n", 0, failure.start) + 1
    return problem(line, f"byte 0x{data[failure.start]:02x} is not text in UTF-8 or Windows-1252; "
                         f"save the file as {ENCODINGS}")


def _read_rows(label: str, text: str, version: str | None,
               role: str) -> tuple[list[Row], list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    rows: list[Row] = []
    try:
        header = next(reader, None)
        if header is None:
            return [], [Problem(label, 1, "", "the file is empty; a role inventory file starts "
                                              f"with the columns {HEADER}")]
        if header != COLUMNS:
            return [], [Problem(label, 1, "", "not a role inventory file: the columns are "
                                              f"{','.join(header)!r}; expected {HEADER}")]
        seen: dict[str, int] = {}
        start = reader.line_num + 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if len(record) != len(COLUMNS):
                problems.append(Problem(label, line, "", f"{len(record)} columns; "
                                        f"a role inventory row has {len(COLUMNS)} ({HEADER})"))
                continue
            cells = dict(zip(COLUMNS, record))
            row = Row(cells["item_id"], cells["number"], cells["statement"], cells["version"],
                      cells["rating"], line)
            problems += [Problem(label, line, field, message) for field, message in
                         _row_problems(row, rows[0] if rows else None, seen, version, role)]
            seen.setdefault(row.item_id, line)
            rows.append(row)
    except csv.Error as error:
        problems.append(Problem(label, reader.line_num, "", f"not readable as CSV ({error}); "
                                "save the file as CSV from the spreadsheet"))
    if not rows and not problems:
        problems.append(Problem(label, 2, "", "has the columns but no answers; a role inventory "
                                              "file has one row per item"))
    return rows, problems


def _row_problems(row: Row, first: Row | None, seen: dict[str, int], version: str | None,
                  role: str) -> Iterator[tuple[str, str]]:
    """(field, what is wrong; what is allowed) for each problem in one row."""
    if row.item_id not in known_items():
        yield "item_id", (f"{row.item_id!r} is not an item of the role inventory; use the ids in "
                          "data/role_inventory.yml, as the page exports them")
    elif row.item_id in seen:
        yield "item_id", (f"{row.item_id!r} is rated again (first on line {seen[row.item_id]}); "
                          "one respondent rates each item once")
    if row.version not in VERSIONS:
        yield "version", f"{row.version!r} is not a version; use development or audit"
    elif first is None and version and row.version != version:
        # The first row says what the file is; later rows must agree with it.
        yield "version", (f"this file holds {row.version} responses; "
                          f"{role} must hold {version} responses")
    elif first and first.version in VERSIONS and row.version != first.version:
        yield "version", (f"{row.version!r}, but line {first.line} is {first.version!r}; "
                          "one file holds one version")
    if row.rating not in NOT_RATED and not _is_rating(row.rating):
        yield "rating", f"{row.rating!r} is not a rating; use {RATINGS_ALLOWED}"


def _is_rating(text: str) -> bool:
    """1 to 4, with at most one decimal place (a master copy may hold means such as 3.3)."""
    return re.fullmatch(r"[1-3](\.\d)?|4(\.0)?", text) is not None


def mixed_versions(paths: list[Path], files: list[list[Row]]) -> list[Problem]:
    """Development and audit responses cannot be combined: their scales mean different
    things. One problem, at the first file of the second version, naming every file."""
    kinds: dict[str, list[str]] = {}
    for path, rows in zip(paths, files):
        if rows and rows[0].version in VERSIONS:
            kinds.setdefault(rows[0].version, []).append(str(path))
    if len(kinds) < 2:
        return []
    first, other = kinds
    path, rows = next((p, r) for p, r in zip(paths, files) if r and r[0].version == other)
    listing = "; ".join(f"{kind}: {', '.join(names)}" for kind, names in kinds.items())
    return [Problem(str(path), rows[0].line, "version", (
        f"{other} responses cannot be summarised with {first} responses ({listing}); "
        "summarise each version on its own"))]


def one_decimal(value: Fraction) -> str:
    """Round half up to one decimal place, exactly (no binary floating point)."""
    tenths = (value * 20 + 1) // 2  # floor(value * 10 + 1/2)
    return f"{tenths // 10}.{tenths % 10}"


def summarise(files: list[list[Row]]) -> list[dict]:
    """Per item, in the order of the first file."""
    order, by_item = [], {}
    for rows in files:
        for row in rows:
            if row.item_id not in by_item:
                order.append(row.item_id)
                by_item[row.item_id] = {"item_id": row.item_id, "number": row.number, "ratings": [],
                                        "dont_know": 0, "not_relevant": 0}
            entry = by_item[row.item_id]
            if row.rating == "dont-know":
                entry["dont_know"] += 1
            elif row.rating == "not-relevant":
                entry["not_relevant"] += 1
            elif row.rating:
                entry["ratings"].append(Fraction(row.rating))
    summary = []
    for item_id in order:
        entry = by_item[item_id]
        ratings = entry.pop("ratings")
        entry["responses"] = len(ratings)
        entry["mean"] = one_decimal(sum(ratings) / len(ratings)) if ratings else ""
        entry["wide_spread"] = bool(ratings) and max(ratings) - min(ratings) >= WIDE_SPREAD
        entry["exact_mean"] = sum(ratings) / len(ratings) if ratings else None
        summary.append(entry)
    return summary


def gaps(master: list[Row], audits: list[list[Row]]) -> list[dict]:
    """Items the master copy rates important that the audit says rarely happen."""
    audit = {entry["item_id"]: entry for entry in summarise(audits)}
    found = []
    for row in master:
        if row.rating in NOT_RATED or Fraction(row.rating) < 3:
            continue
        entry = audit.get(row.item_id)
        if entry and entry["exact_mean"] is not None and entry["exact_mean"] <= 2:
            found.append({"item_id": row.item_id, "number": row.number, "statement": row.statement,
                          "master": row.rating, "audit_mean": entry["mean"]})
    return found


def spreadsheet_safe(cell: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's advice)."""
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text


def table(args: argparse.Namespace) -> list[list[object]]:
    """The result, header first; raises InventoryFileError before anything is written."""
    if args.command == "summarise":
        files, problems = check_files(args.files)
        problems += mixed_versions(args.files, files)
        if problems:
            raise InventoryFileError(problems)
        return [["number", "item_id", "responses", "mean", "dont_know", "not_relevant", "wide_spread"],
                *([e["number"], e["item_id"], e["responses"], e["mean"], e["dont_know"],
                   e["not_relevant"], "yes" if e["wide_spread"] else ""] for e in summarise(files))]
    [master], problems = check_files([args.master], "development",
                                     "the --master file (the master copy)")
    audits, found = check_files(args.audits, "audit", "a file compared with the master copy")
    if problems + found:
        raise InventoryFileError(problems + found)
    return [["number", "item_id", "master", "audit_mean", "statement"],
            *([g["number"], g["item_id"], g["master"], g["audit_mean"], g["statement"]]
              for g in gaps(master, audits))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    summary_cmd = commands.add_parser("summarise", help="means, counts and spread flags per item")
    summary_cmd.add_argument("files", nargs="+", type=Path)
    gaps_cmd = commands.add_parser("gaps", help="important items the audit says rarely happen")
    gaps_cmd.add_argument("--master", required=True, type=Path)
    gaps_cmd.add_argument("audits", nargs="+", type=Path)
    args = parser.parse_args(argv)
    try:
        rows = table(args)
    except (InventoryFileError, DataError) as error:  # the handbook's data names the items
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    # CRLF as RFC 4180 has it (csv then also quotes a carriage return inside a cell),
    # written as is, whatever the platform's own line ending.
    sys.stdout.reconfigure(newline="")
    out = csv.writer(sys.stdout, lineterminator="\r\n")
    out.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
