"""The dataset's building blocks: rows and tables, dates known to some precision, and the problems
an editor is shown (every one at once, with file, line, column, value and what was expected).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charts.i18n import t

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
Row = dict[str, Any]
Table = dict[str, Row]

TABLE_NAMES = (
    "sources",
    "references",
    "models",
    "events",
    "figures",
    "external_models",
    "external_events",
    "external_prices",
)
# The external layer: rows from references outside the five articles, each with a reference.
EXTERNAL_TABLES = ("external_models", "external_events", "external_prices")
# Stands for a cell whose problem is already reported, so later rules do not report it twice.
INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; its form is its precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError for anything else or an impossible date."""
        match = DATE_PATTERN.match(text)
        if not match:
            raise ValueError(text)
        year, month, day = (int(part) if part else None for part in match.groups())
        dt.date(year, month or 1, day or 1)  # raises ValueError for month 13, 30 February …
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def as_datetime(self) -> dt.datetime:
        """The middle of the period, so a month-precise point is not drawn on its first day."""
        if self.day:
            return dt.datetime(self.year, self.month or 1, self.day)
        if self.month:
            return dt.datetime(self.year, self.month, 15)
        return dt.datetime(self.year, 7, 1)

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one cell (or file), phrased so an editor can fix it without the code:
    file:line[:character]: [column 'name':] what is there — expected what should be."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str
    found: str | None = None  # what is wrong, when the bad value alone does not say it
    char: int | None = None  # the character on the line, when the problem is at one place in it

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (f":{self.char}" if self.char else "")
        label = "field" if self.file.endswith((".yaml", ".yml")) else "column"
        what = f" {label} '{self.column}':" if self.column else ""
        got = f" {self.value!r} —" if self.value is not None else ""
        found = f" {self.found} —" if self.found else ""
        return f"{where}:{what}{got}{found} expected {self.expected}"


class DataError(Exception):
    """Raised with every problem found, never just the first. `notes` are keys of charts/strings.yaml
    (e.g. how to save a file as UTF-8), shown once after the list however many problems call for them."""

    def __init__(self, problems: Iterable[Problem], notes: Iterable[str] = ()):
        self.problems = list(problems)
        self.notes = list(dict.fromkeys(notes))
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        tail = "".join(f"\n{t(note, 'en')}" for note in self.notes)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the dataset:\n{lines}{tail}")

    @classmethod
    def joined(cls, errors: Iterable[DataError]) -> DataError:
        """One error with the problems and notes of all."""
        errors = list(errors)
        return cls([p for e in errors for p in e.problems], [n for e in errors for n in e.notes])


def some_ids(table: Table, limit: int = 6) -> str:
    keys = list(table)
    return ", ".join(keys[:limit]) + (", …" if len(keys) > limit else "") if keys else "none defined"


def shown_path(data_dir: Path, path: Path) -> str:
    """The path as an editor would type it from where they run the command (data/models.csv)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
