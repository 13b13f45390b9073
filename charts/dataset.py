"""Load the dataset in ``data/`` and validate it against ``data/schema.yaml``.

The schema file is the single description of every table and column; this module only
interprets it. Validation collects *every* problem (file, line, column, bad value, what was
expected) before raising, so an editor fixes a CSV in one pass instead of one error at a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Row = dict[str, Any]
Table = dict[str, Row]

TABLE_NAMES = ("sources", "references", "models", "events", "figures")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# The raw articles' noise must never travel into our quotes (see the developers' guide).
QUOTE_NOISE = (
    (re.compile(r"B体育"), "the injected spam token 'B体育'"),
    (re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)"), "a pinyin annotation such as '(chǎn)'"),
)
# Stands for a cell whose problem is already reported, so later rules do not report it twice.
INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()
# Optional text given in both languages or in neither.
BILINGUAL_PAIRS = ("note", "wording", "label")
# Fields whose value needs an explanation in both languages when it is not an official figure.
NOTE_REQUIRED = {
    "models": ("params_status", {"reported", "estimated", "disputed"}),
    "figures": ("status", {"disputed"}),
}


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
    """One thing wrong in one cell (or file), phrased so an editor can fix it without the code."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f" column '{self.column}':" if self.column else ""
        got = f" {self.value!r} —" if self.value is not None else ""
        return f"{where}:{what}{got} expected {self.expected}"


class DataError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the dataset:\n{lines}")


@dataclass(frozen=True)
class Dataset:
    """The validated tables, each an ordered mapping id -> typed row."""

    sources: Table
    references: Table
    models: Table
    events: Table
    figures: Table
    schema: dict[str, Any] = field(repr=False)

    def table(self, name: str) -> Table:
        if name not in TABLE_NAMES:
            raise KeyError(f"no table {name!r}; tables are {', '.join(TABLE_NAMES)}")
        return getattr(self, name)


def load_schema(data_dir: Path) -> dict[str, Any]:
    """Read schema.yaml; its `tables` mapping drives all validation."""
    path = data_dir / "schema.yaml"
    try:
        schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError([Problem(str(path), None, None, None, "the schema file data/schema.yaml")]) from exc
    return schema["tables"]


def load_dataset(data_dir: Path) -> Dataset:
    """Load and validate every table; raise DataError listing all problems."""
    data_dir = Path(data_dir)
    schema = load_schema(data_dir)
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    lines: dict[str, dict[str, int]] = {}
    for name in TABLE_NAMES:
        tables[name], lines[name] = _read_table(data_dir, name, schema[name], problems)
    _check_references(data_dir, schema, tables, lines, problems)
    _check_row_rules(data_dir, schema, tables, lines, problems)
    if problems:
        raise DataError(problems)
    return Dataset(**tables, schema=schema)


# --- reading one table --------------------------------------------------------------------------


def _read_table(
    data_dir: Path, name: str, spec: dict[str, Any], problems: list[Problem]
) -> tuple[Table, dict[str, int]]:
    """Parse one CSV into typed rows keyed by id; remember each row's line for later messages."""
    path = data_dir / spec["file"]
    shown = _shown(data_dir, path)
    columns: dict[str, dict[str, Any]] = spec["columns"]
    table: Table = {}
    line_of: dict[str, int] = {}
    if not path.exists():
        problems.append(Problem(shown, None, None, None, f"a CSV file for the table '{name}'"))
        return table, line_of
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        for column in header:
            if column not in columns:
                problems.append(Problem(shown, 1, column, None, f"one of the columns {', '.join(columns)}"))
        for column in columns:
            if column not in header:
                problems.append(
                    Problem(shown, 1, column, None, "this column in the header (see schema.yaml)")
                )
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(Problem(shown, line, None, None, f"{len(header)} cells, found {len(cells)}"))
                continue
            raw = {col: cell.strip() for col, cell in zip(header, cells, strict=True) if col in columns}
            row = {
                col: parse_cell(shown, line, col, raw.get(col, ""), columns[col], problems)
                for col in columns
            }
            key = raw.get(spec["key"], "")
            if not isinstance(row[spec["key"]], str):
                continue  # the missing or malformed id is already reported
            if key in table:
                problems.append(
                    Problem(
                        shown, line, spec["key"], key, f"a unique id (already used on line {line_of[key]})"
                    )
                )
                continue
            table[key] = row
            line_of[key] = line
    return table, line_of


def parse_cell(
    file: str, line: int, column: str, text: str, spec: dict[str, Any], problems: list[Problem]
) -> Any:
    """Turn one cell into its typed value, recording a problem (and returning None) if it is not valid."""
    if not text:
        if spec.get("required"):
            problems.append(Problem(file, line, column, text, f"a value ({_describe(spec)}); it is required"))
        return None
    if spec.get("multiple"):
        parts = [part.strip() for part in text.split(";")]
        if any(not part for part in parts):
            problems.append(Problem(file, line, column, text, f"a ;-separated list of {_describe(spec)}"))
            return INVALID
        values = [_parse_one(file, line, column, part, spec, problems) for part in parts]
        return INVALID if INVALID in values else tuple(values)
    return _parse_one(file, line, column, text, spec, problems)


def _parse_one(
    file: str, line: int, column: str, text: str, spec: dict[str, Any], problems: list[Problem]
) -> Any:
    parse = _PARSERS[spec["type"]]
    try:
        value = parse(text, spec)
    except ValueError:
        problems.append(Problem(file, line, column, text, _describe(spec)))
        return INVALID
    limit = spec.get("max_length")
    if limit and len(text) > limit:
        problems.append(Problem(file, line, column, text, f"at most {limit} characters (found {len(text)})"))
    if column == "quote" or column.endswith("_quote"):
        for pattern, noise in QUOTE_NOISE:
            if pattern.search(text):
                problems.append(Problem(file, line, column, text, f"a clean quote without {noise}"))
    return value


def _parse_number(text: str, spec: dict[str, Any]) -> float:
    value = float(text)
    if not math.isfinite(value) or value < 0:
        raise ValueError(text)
    return value


def _parse_integer(text: str, spec: dict[str, Any]) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def _parse_enum(text: str, spec: dict[str, Any]) -> str:
    if text not in spec["values"]:
        raise ValueError(text)
    return text


def _parse_pattern(pattern: re.Pattern[str]) -> Callable[[str, dict[str, Any]], str]:
    def parse(text: str, spec: dict[str, Any]) -> str:
        if not pattern.match(text):
            raise ValueError(text)
        return text

    return parse


_PARSERS: dict[str, Callable[[str, dict[str, Any]], Any]] = {
    "id": _parse_pattern(ID_PATTERN),
    "text": lambda text, spec: text,
    "date": lambda text, spec: PartialDate.parse(text),
    "number": _parse_number,
    "integer": _parse_integer,
    "enum": _parse_enum,
    "ref": _parse_pattern(ID_PATTERN),
    "url": _parse_pattern(URL_PATTERN),
}


def _describe(spec: dict[str, Any]) -> str:
    """What a valid value of this column looks like, in words."""
    kind = spec["type"]
    if kind == "enum":
        return "one of: " + ", ".join(spec["values"])
    return {
        "id": "a lowercase id of letters, digits, '-' or '.'",
        "text": "text",
        "date": "a real date written YYYY, YYYY-MM or YYYY-MM-DD",
        "number": "a number ≥ 0 (no units or separators)",
        "integer": "a whole number ≥ 0",
        "ref": f"an id from the table '{spec.get('table')}'",
        "url": "an http(s) URL",
    }[kind]


# --- rules across rows and tables ---------------------------------------------------------------


def _check_references(
    data_dir: Path,
    schema: dict[str, Any],
    tables: dict[str, Table],
    lines: dict[str, dict[str, int]],
    problems: list[Problem],
) -> None:
    """Every ref column must name an existing row of its target table."""
    for name in TABLE_NAMES:
        shown = _shown(data_dir, data_dir / schema[name]["file"])
        for column, spec in schema[name]["columns"].items():
            if spec["type"] != "ref":
                continue
            target = tables[spec["table"]]
            for key, row in tables[name].items():
                values = row[column] if isinstance(row[column], tuple) else (row[column],)
                for value in values:
                    if isinstance(value, str) and value not in target:
                        expected = f"an id from {schema[spec['table']]['file']} ({_some(target)})"
                        problems.append(Problem(shown, lines[name][key], column, value, expected))


def _check_row_rules(
    data_dir: Path,
    schema: dict[str, Any],
    tables: dict[str, Table],
    lines: dict[str, dict[str, int]],
    problems: list[Problem],
) -> None:
    """Rules that tie cells of a row together, or rows of two tables."""
    for name in TABLE_NAMES:
        shown = _shown(data_dir, data_dir / schema[name]["file"])
        columns = schema[name]["columns"]
        for key, row in tables[name].items():
            flag = _Flagger(shown, lines[name][key], problems)
            if "ref" in columns and bool(row["ref"]) != bool(row.get("ref_fields")):
                missing = "ref_fields" if row["ref"] else "ref"
                flag(missing, row[missing], "ref and ref_fields to be given together")
            for stem in BILINGUAL_PAIRS:
                zh, en = f"{stem}_zh", f"{stem}_en"
                if zh in columns and bool(row[zh]) != bool(row[en]):
                    missing = en if row[zh] else zh
                    flag(missing, row[missing], f"a {stem} in both languages ({zh} and {en})")
            if name in NOTE_REQUIRED:
                column, needs_note = NOTE_REQUIRED[name]
                if row[column] in needs_note and not (row["note_zh"] and row["note_en"]):
                    flag(
                        "note_zh", row["note_zh"], f"a note in both languages when {column} is {row[column]}"
                    )
            if name == "models":
                _check_params(row, flag)
            if name == "events":
                _check_event_date(row, tables["models"], flag)
                if row["priority"] == "key" and not row["label_zh"]:
                    flag("label_zh", None, "a short label (label_zh and label_en), since the event is key")


@dataclass(frozen=True)
class _Flagger:
    """Records a problem on one row's line; saves repeating file and line in every rule."""

    file: str
    line: int
    problems: list[Problem]

    def __call__(self, column: str, value: Any, expected: str) -> None:
        shown = None if value is None else str(value)
        self.problems.append(Problem(self.file, self.line, column, shown, expected))


def _check_params(row: Row, flag: _Flagger) -> None:
    """A parameter count and its status must agree: unknown means no number, anything else needs one."""
    if INVALID in (row["params_status"], row["params_billion"]):
        return
    if row["params_status"] == "unknown" and row["params_billion"] is not None:
        flag(
            "params_status",
            row["params_status"],
            "a status other than unknown, since params_billion is given",
        )
    if row["params_status"] not in (None, "unknown") and row["params_billion"] is None:
        flag("params_billion", None, f"a parameter count, since params_status is {row['params_status']}")
    if row["params_billion"] is not None and row["params_bound"] is None:
        flag("params_bound", None, "exact, at-least, about or at-most, since params_billion is given")
    if row["params_billion"] is None and row["params_bound"] not in (None, INVALID):
        flag("params_bound", row["params_bound"], "no bound, since params_billion is empty")


def _check_event_date(row: Row, models: Table, flag: _Flagger) -> None:
    """A model-release event and its model's release date must be the same date."""
    if row["category"] != "model" or not isinstance(row["models"], tuple) or len(row["models"]) != 1:
        return
    model = models.get(row["models"][0])
    dates = (row["date"], model["release_date"] if model else None)
    if all(isinstance(d, PartialDate) for d in dates) and dates[0] != dates[1]:
        flag("date", row["date"], f"the release_date of model '{row['models'][0]}' ({model['release_date']})")


def _some(table: Table, limit: int = 6) -> str:
    keys = list(table)
    return ", ".join(keys[:limit]) + (", …" if len(keys) > limit else "") if keys else "none defined"


def _shown(data_dir: Path, path: Path) -> str:
    """The path as an editor would type it from where they run the command (data/models.csv)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
