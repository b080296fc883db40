"""A data problem, and the error that carries every problem found in one build."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located precisely enough to fix it. Line 0 means
    the file or folder as a whole."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised once, after loading, with every problem in every data file."""

    def __init__(self, problems: list[Problem], subject: str = "The handbook data"):
        self.problems = sorted(problems)
        count = len(self.problems)
        heading = f"{subject} has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([heading, *(f"  - {p}" for p in self.problems)]))
