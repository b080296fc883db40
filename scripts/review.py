"""Entries of the handbook that are due to be checked against their sources again.

Usage: .venv/bin/python scripts/review.py [--today YYYY-MM-DD] [--within DAYS] [--data DIR]

Any entry that cites sources may carry `reviewed` (when it was last checked) and
`review_by` (when it is next due). This prints one line per entry whose review_by date
has passed and, with --within, per entry due in the next DAYS days, then the counts.
A review date is a reminder, not an error: the exit code is 0 whatever is due, and 1
only when the data has problems (listed as the build lists them).
"""
from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from macros.differences import label  # noqa: E402
from macros.handbook import Handbook, entries_with_ids, load_handbook  # noqa: E402
from macros.problems import DataError  # noqa: E402


@dataclass(frozen=True)
class Dated:
    """One entry with a review_by date."""

    file: str
    line: int
    target: str  # 'values', or 'ethics/objectives' for another list, as x-ref names it
    entry_id: str
    label: str
    review_by: date
    reviewed: str | None

    def describe(self, today: date) -> str:
        tense = "was" if self.review_by < today else "is"
        return (f"{self.file}:{self.line}: {self.target} '{self.entry_id}' ({self.label}): "
                f"review {tense} due {self.review_by}; last reviewed {self.reviewed or 'never'}")


def review_dates(book: Handbook) -> tuple[list[Dated], int, int]:
    """Every entry with a review_by date, in file order; and of the entries that cite
    sources (the ones the schemas let carry dates), how many have none, out of how many."""
    dated, undated, sourced = [], 0, 0
    for name, collection in book.collections.items():
        for entry, path in entries_with_ids(collection.data):
            if "sources" not in entry:
                continue
            sourced += 1
            if "review_by" not in entry:
                undated += 1
                continue
            dated.append(Dated(
                file=collection.file,
                line=collection.line_of(path),
                target=name if path[0] == "items" else f"{name}/{path[0]}",
                entry_id=entry["id"],
                label=textwrap.shorten(label(entry, entry["id"]), 60, placeholder="..."),
                review_by=date.fromisoformat(entry["review_by"]),
                reviewed=entry.get("reviewed"),
            ))
    return sorted(dated, key=lambda d: (d.file, d.line)), undated, sourced


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--today", type=iso_date, default=date.today(),
                        help="the date to compare with (default: today)")
    parser.add_argument("--within", type=int, default=0, metavar="DAYS",
                        help="also list entries due in the next DAYS days")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder")
    args = parser.parse_args(argv)
    try:
        # Files are named from the data folder's parent, as the build names them.
        book = load_handbook(args.data, root=args.data.resolve().parent)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1

    dated, undated, sourced = review_dates(book)
    horizon = args.today + timedelta(days=args.within)
    overdue = [d for d in dated if d.review_by < args.today]
    soon = [d for d in dated if args.today <= d.review_by <= horizon] if args.within else []
    for entry in overdue + soon:
        print(entry.describe(args.today))
    counts = f"{len(overdue)} overdue"
    if args.within:
        counts += f", {len(soon)} due within {args.within} days"
    print(f"Reviews: {counts}.")
    print(f"{undated} of {sourced} entries that cite sources have no review date at all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
