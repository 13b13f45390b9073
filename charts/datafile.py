"""Read a file of data/ the one way every reader of it does, so that every way a file can fail to be
read — not UTF-8, a YAML slip, a CSV row of the wrong shape, an unbalanced quote — is a Problem that
names the file, the line and what was expected, never a traceback.

What an editor most often trips on is the encoding: on Chinese Windows, Excel's and WPS's plain
"CSV" is GBK (GB18030), and "Unicode text" is UTF-16. Those are recognised and named, with how to
save the file as UTF-8 instead (ENCODING_HELP, shown once below the list of problems).
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from charts.records import DataError, Problem
from charts.yamltext import SAFE_LOADER

ENCODING_HELP = "note.save_as_utf8"  # a key of charts/strings.yaml, in both languages
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_text(path: Path, shown: str) -> str:
    """The file's text, which must be UTF-8 (a byte-order mark is allowed and dropped)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(shown, None, None, None, "this file (it is missing)")]) from None
    except OSError as exc:
        raise DataError([Problem(shown, None, None, None, f"a readable file ({exc.strerror})")]) from None
    if raw.startswith(UTF16_BOMS):
        raise DataError(
            [
                Problem(
                    shown,
                    1,
                    None,
                    None,
                    "UTF-8 text",
                    found="the file is UTF-16 (what Excel saves as “Unicode text”)",
                )
            ],
            notes=[ENCODING_HELP],
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([_not_utf8(shown, raw, exc)], notes=[ENCODING_HELP]) from None


def _not_utf8(shown: str, raw: bytes, exc: UnicodeDecodeError) -> Problem:
    """Where the first byte that is not UTF-8 is, and which encoding the file is likely in."""
    line = raw.count(b"\n", 0, exc.start) + 1
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    # The column in characters, as an editor's status bar counts them (the line's start is UTF-8).
    column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
    try:
        raw.decode("gb18030")
        likely = "it looks like GBK/GB18030, what Excel and WPS save as “CSV” on Chinese Windows"
    except UnicodeDecodeError:
        likely = "its encoding is not one we recognise"
    return Problem(
        shown,
        line,
        None,
        None,
        "UTF-8 text",
        char=column,
        found=f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}; {likely})",
    )


# --- CSV -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvRow:
    line: int  # where the row starts
    cells: list[str]


def read_csv(path: Path, shown: str) -> tuple[list[str], list[CsvRow], list[Problem]]:
    """The header, the non-empty rows and the rows' structural problems (an unbalanced or stray
    quote). Every cell of our tables fits on one line, so each line is read on its own: a quote
    left open is reported on its own line, and the rows after it are still read."""
    text = read_text(path, shown)
    header: list[str] = []
    rows: list[CsvRow] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            cells = next(csv.reader([line], strict=True))
        except csv.Error as exc:
            problems.append(_csv_problem(shown, number, str(exc)))
            continue
        if not header and not rows:
            header = [cell.strip() for cell in cells]
        elif any(cell.strip() for cell in cells):
            rows.append(CsvRow(number, cells))
    return header, rows, problems


def _unclosed_quote(shown: str, line: int) -> Problem:
    return Problem(
        shown,
        line,
        None,
        None,
        'a closing " on the same line (a quote inside a quoted cell is written "")',
        found='a cell opens with " here and does not close on this line',
    )


def _csv_problem(shown: str, line: int, message: str) -> Problem:
    if "unexpected end of data" in message:
        return _unclosed_quote(shown, line)
    return Problem(
        shown,
        line,
        None,
        None,
        'a cell either without quotes or wholly inside them ("like this", a " inside written as "")',
        found=f"a stray quote ({message})",
    )


# --- YAML ------------------------------------------------------------------------------------------


class LineMap(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows the line it starts on, for messages about its content."""

    line: int = 0


class _LineLoader(SAFE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, with mappings that remember their line."""


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> Any:
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    yield mapping
    mapping.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def read_yaml(path: Path, shown: str) -> Any:
    """The file's YAML (the safe types; each mapping a LineMap)."""
    text = read_text(path, shown)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise DataError(
            [
                Problem(
                    shown,
                    mark.line + 1 if mark else None,
                    None,
                    None,
                    YAML_EXPECTED,
                    char=mark.column + 1 if mark else None,
                    found=f"YAML cannot read this: {what}",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(shown, None, None, None, YAML_EXPECTED, found=f"not YAML: {exc}")]) from None


YAML_EXPECTED = (
    "valid YAML: a value with a “: ” or a “#” in it inside quotes, items indented with spaces "
    "(not tabs) exactly as far as their neighbours"
)
