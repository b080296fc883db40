"""Role inventory calculations for facilitators who work with spreadsheets.

Each respondent's answers are one CSV file, as the role inventory page exports them:
    item_id,number,statement,version,stakeholder_group,rating
where rating is 1-4, dont-know, not-relevant, or empty (not answered).

  summarise FILE...                 per item: responses, mean to one decimal (don't know
                                    and not relevant left out and counted separately),
                                    and a flag where ratings spread widely
  gaps --master MASTER AUDIT...     items the master development copy rates important
                                    (3 or more) that the audit says happen only
                                    occasionally or never (audit mean 2 or less)

The page's facilitator view does the same arithmetic in JavaScript; the tests check
that both give identical results on the same files.
Run: .venv/bin/python scripts/inventory.py summarise responses/*.csv
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

COLUMNS = ["item_id", "number", "statement", "version", "stakeholder_group", "rating"]
NOT_RATED = {"dont-know", "not-relevant", ""}
# A spread this wide (for example 1 and 3, or 2 and 4) is worth discussing.
WIDE_SPREAD = 2


class InventoryFileError(ValueError):
    pass


@dataclass
class Row:
    item_id: str
    number: str
    statement: str
    rating: str


def read_file(path: Path, version: str | None = None) -> list[Row]:
    """One respondent's answers; refuse anything that is not an inventory export."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != COLUMNS:
            raise InventoryFileError(f"{path}: not a role inventory file (expected columns {', '.join(COLUMNS)})")
        rows = []
        for line, record in enumerate(reader, start=2):
            if len(record) != len(COLUMNS):
                raise InventoryFileError(f"{path}:{line}: expected {len(COLUMNS)} columns")
            row = dict(zip(COLUMNS, record))
            if version and row["version"] != version:
                raise InventoryFileError(f"{path}:{line}: this is a {row['version']} file, not {version}")
            if row["rating"] not in NOT_RATED and not _is_rating(row["rating"]):
                raise InventoryFileError(f"{path}:{line}: rating '{row['rating']}' is not 1-4, dont-know or not-relevant")
            rows.append(Row(row["item_id"], row["number"], row["statement"], row["rating"]))
    return rows


def _is_rating(text: str) -> bool:
    """1 to 4, with at most one decimal place (a master copy may hold means such as 3.3)."""
    return re.fullmatch(r"[1-3](\.\d)?|4(\.0)?", text) is not None


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    summary_cmd = commands.add_parser("summarise", help="means, counts and spread flags per item")
    summary_cmd.add_argument("files", nargs="+", type=Path)
    gaps_cmd = commands.add_parser("gaps", help="important items the audit says rarely happen")
    gaps_cmd.add_argument("--master", required=True, type=Path)
    gaps_cmd.add_argument("audits", nargs="+", type=Path)
    args = parser.parse_args(argv)
    out = csv.writer(sys.stdout, lineterminator="\n")
    try:
        if args.command == "summarise":
            out.writerow(["number", "item_id", "responses", "mean", "dont_know", "not_relevant", "wide_spread"])
            for e in summarise([read_file(f) for f in args.files]):
                out.writerow([e["number"], e["item_id"], e["responses"], e["mean"], e["dont_know"],
                              e["not_relevant"], "yes" if e["wide_spread"] else ""])
        else:
            master = read_file(args.master, "development")
            out.writerow(["number", "item_id", "master", "audit_mean", "statement"])
            for g in gaps(master, [read_file(f, "audit") for f in args.audits]):
                out.writerow([g["number"], g["item_id"], g["master"], g["audit_mean"], g["statement"]])
    except InventoryFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
