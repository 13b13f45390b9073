"""Load the dataset in ``data/`` and validate it against ``data/schema.yaml``.

The schema file is the single description of every table and column; this module only
interprets it. Validation collects *every* problem (file, line, column, bad value, what was
expected) before raising, so an editor fixes a CSV in one pass instead of one error at a time.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charts.datafile import read_csv, read_yaml
from charts.dataset_rules import check_references, check_row_rules
from charts.records import INVALID, TABLE_NAMES, DataError, PartialDate, Problem, Table, shown_path

__all__ = ["DataError", "Dataset", "PartialDate", "Problem", "load_dataset", "parse_cell"]

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
# The raw articles' noise must never travel into our quotes (see the developers' guide).
QUOTE_NOISE = (
    (re.compile(r"B体育"), "the injected spam token 'B体育'"),
    (re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)"), "a pinyin annotation such as '(chǎn)'"),
)


@dataclass(frozen=True)
class Dataset:
    """The validated tables, each an ordered mapping id -> typed row."""

    sources: Table
    references: Table
    models: Table
    events: Table
    figures: Table
    external_models: Table
    external_events: Table
    external_prices: Table
    schema: dict[str, Any] = field(repr=False)

    def table(self, name: str) -> Table:
        if name not in TABLE_NAMES:
            raise KeyError(f"no table {name!r}; tables are {', '.join(TABLE_NAMES)}")
        return getattr(self, name)


class ReadRows:
    """A dataset that notes what was read of it: the rows looked up by id, the tables gone through
    as a whole (iterated, counted) and, of each table, the columns read. A page or chart made from
    a few rows and columns need not be made again when another row or column of their table
    changes (hmw_site/memo.py, charts/update.py); reads_digest says what those reads give on the
    dataset now."""

    def __init__(self, data: Any) -> None:
        self._data = data
        self.tables: set[str] = set()
        self.rows: set[tuple[str, str]] = set()
        self.columns: dict[str, set[str]] = {}  # by table; EVERY_COLUMN: a row gone through whole

    def __getattr__(self, name: str) -> Any:
        if name in TABLE_NAMES:
            return _RowsRead(self, name, getattr(self._data, name))
        return getattr(self._data, name)

    def table(self, name: str) -> Any:
        return _RowsRead(self, name, self._data.table(name))

    @property
    def reads(self) -> list[list[Any]]:
        """What was read, JSON-able and sorted, one entry per table: [table, None, columns] for
        the whole table (its ids, in order, and those columns of every row), [table, ids, columns]
        for some rows."""
        names = sorted(self.tables | {name for name, _ in self.rows} | set(self.columns))
        return [
            [
                name,
                None if name in self.tables else sorted(key for table, key in self.rows if table == name),
                sorted(self.columns.get(name, ())),
            ]
            for name in names
        ]


EVERY_COLUMN = "*"  # in ReadRows.columns: a row was gone through whole (iterated, copied, compared)


def reads_digest(data: Any, reads: Iterable[Sequence[Any]], known: dict[str, bytes] | None = None) -> str:
    """What these reads (ReadRows.reads) give on this dataset: the columns read of each row read,
    a missing row or column as missing, a whole table's ids in order. known: each read's digest
    already made from this dataset (a build keys every page on its reads, and many pages read the
    same)."""
    known = {} if known is None else known
    digest = hashlib.sha256()
    for read in reads:
        name, ids, columns = read
        label = json.dumps(read)
        if label not in known:
            table = data.table(name)

            def cells(row: Mapping[str, Any], columns: Sequence[str] = columns) -> dict[str, Any]:
                return dict(row) if EVERY_COLUMN in columns else {c: row[c] for c in columns if c in row}

            keys = list(table) if ids is None else ids  # a missing row is None
            value = [[key, cells(table[key]) if key in table else None] for key in keys]
            text = json.dumps([read, value], sort_keys=True, ensure_ascii=False, default=repr)
            known[label] = hashlib.sha256(text.encode()).digest()
        digest.update(known[label])
    return digest.hexdigest()


class _RowsRead(Mapping):
    """One table of a ReadRows: a row looked up is noted as that row, anything else (iterating,
    counting, listing) as the whole table. A Mapping, not a dict, so no C-level dict operation can
    read it unnoticed."""

    def __init__(self, reads: ReadRows, name: str, table: Table) -> None:
        self._reads, self._name, self._table = reads, name, table

    def __getitem__(self, key: str) -> Any:
        self._reads.rows.add((self._name, key))
        return _ColumnsRead(self._reads.columns.setdefault(self._name, set()), self._table[key])

    def __contains__(self, key: object) -> bool:
        self._reads.rows.add((self._name, str(key)))
        return key in self._table

    def __iter__(self) -> Iterator[str]:
        self._reads.tables.add(self._name)
        return iter(self._table)

    def __len__(self) -> int:
        self._reads.tables.add(self._name)
        return len(self._table)


class _ColumnsRead(Mapping):
    """One row of a _RowsRead: a column looked up is noted by name; anything else (iterating,
    copying, comparing) as every column. A Mapping, for the same reason as _RowsRead."""

    def __init__(self, read: set[str], row: Mapping[str, Any]) -> None:
        self._read, self._row = read, row

    def __getitem__(self, column: str) -> Any:
        self._read.add(column)
        return self._row[column]

    def __contains__(self, column: object) -> bool:
        self._read.add(str(column))
        return column in self._row

    def __iter__(self) -> Iterator[str]:
        self._read.add(EVERY_COLUMN)
        return iter(self._row)

    def __len__(self) -> int:
        self._read.add(EVERY_COLUMN)
        return len(self._row)

    def __or__(self, changes: Mapping[str, Any]) -> _ColumnsRead:
        """The row with some columns changed (as dict's |), still noting what is read of the rest."""
        return _ColumnsRead(self._read, ChainMap(dict(changes), self._row))


def load_schema(data_dir: Path) -> dict[str, Any]:
    """Read schema.yaml; its `tables` mapping drives all validation."""
    path = data_dir / "schema.yaml"
    schema = read_yaml(path, shown_path(data_dir, path))
    if not isinstance(schema, dict) or not isinstance(schema.get("tables"), dict):
        raise DataError([Problem(shown_path(data_dir, path), 1, None, None, "a mapping `tables:`")])
    return schema["tables"]


def load_dataset(data_dir: Path) -> Dataset:
    """Load and validate every table; raise DataError listing all problems."""
    data_dir = Path(data_dir)
    schema = load_schema(data_dir)
    problems: list[Problem] = []
    notes: list[str] = []
    unreadable: list[str] = []
    tables: dict[str, Table] = {}
    lines: dict[str, dict[str, int]] = {}
    for name in TABLE_NAMES:
        try:
            tables[name], lines[name] = _read_table(data_dir, name, schema[name], problems)
        except DataError as exc:  # not UTF-8, say: the other tables are still checked
            problems.extend(exc.problems)
            notes.extend(exc.notes)
            unreadable.append(name)
    if not unreadable:  # rows are checked against each other only when every table could be read
        check_references(data_dir, schema, tables, lines, problems)
        check_row_rules(data_dir, schema, tables, lines, problems)
    if problems:
        raise DataError(problems, notes)
    return Dataset(**tables, schema=schema)


# --- reading one table --------------------------------------------------------------------------


def _read_table(
    data_dir: Path, name: str, spec: dict[str, Any], problems: list[Problem]
) -> tuple[Table, dict[str, int]]:
    """Parse one CSV into typed rows keyed by id; remember each row's line for later messages."""
    path = data_dir / spec["file"]
    shown = shown_path(data_dir, path)
    columns: dict[str, dict[str, Any]] = spec["columns"]
    table: Table = {}
    line_of: dict[str, int] = {}
    if not path.exists():
        problems.append(Problem(shown, None, None, None, f"a CSV file for the table '{name}'"))
        return table, line_of
    header, rows, structure = read_csv(path, shown)
    problems.extend(structure)
    for column in header:
        if column not in columns:
            problems.append(Problem(shown, 1, column, None, f"one of the columns {', '.join(columns)}"))
    for column in columns:
        if column not in header:
            problems.append(Problem(shown, 1, column, None, "this column in the header (see schema.yaml)"))
    for row_of_cells in rows:
        line, cells = row_of_cells.line, row_of_cells.cells
        if len(cells) != len(header):
            problems.append(
                Problem(
                    shown,
                    line,
                    None,
                    None,
                    f"{len(header)} cells, one per column of the header",
                    found=f"{len(cells)} cells (a comma inside a cell needs the cell in quotes)",
                )
            )
            continue
        raw = {col: cell.strip() for col, cell in zip(header, cells, strict=True) if col in columns}
        row = {col: parse_cell(shown, line, col, raw.get(col, ""), columns[col], problems) for col in columns}
        key = raw.get(spec["key"], "")
        if not isinstance(row[spec["key"]], str):
            continue  # the missing or malformed id is already reported
        if key in table:
            problems.append(
                Problem(shown, line, spec["key"], key, f"a unique id (already used on line {line_of[key]})")
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
