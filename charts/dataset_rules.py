"""Rules across cells, rows and tables of the dataset: references point at existing rows, paired
columns are given together, a count agrees with its status and bound, a model-release event has its
model's date, a key event has a short label, a row of the external layer cites a complete reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charts.records import (
    EXTERNAL_TABLES,
    INVALID,
    TABLE_NAMES,
    PartialDate,
    Problem,
    Row,
    Table,
    shown_path,
    some_ids,
)

# Optional text given in both languages or in neither.
BILINGUAL_PAIRS = ("note", "wording", "label")
# Fields whose value needs an explanation in both languages when it is not an official figure.
NOTE_REQUIRED = {
    "models": ("params_status", {"reported", "estimated", "disputed"}),
    "external_models": ("params_status", {"reported"}),
    "figures": ("status", {"disputed"}),
}
# Each events table and the models table its `models` column names.
EVENT_MODELS = {"events": "models", "external_events": "external_models"}


def check_references(
    data_dir: Path,
    schema: dict[str, Any],
    tables: dict[str, Table],
    lines: dict[str, dict[str, int]],
    problems: list[Problem],
) -> None:
    """Every ref column must name an existing row of its target table."""
    for name in TABLE_NAMES:
        shown = shown_path(data_dir, data_dir / schema[name]["file"])
        for column, spec in schema[name]["columns"].items():
            if spec["type"] != "ref":
                continue
            target = tables[spec["table"]]
            for key, row in tables[name].items():
                values = row[column] if isinstance(row[column], tuple) else (row[column],)
                for value in values:
                    if isinstance(value, str) and value not in target:
                        expected = f"an id from {schema[spec['table']]['file']} ({some_ids(target)})"
                        problems.append(Problem(shown, lines[name][key], column, value, expected))


# Same parameters as check_references: both are steps of dataset.load_dataset over the same tables.
def check_row_rules(
    data_dir: Path,
    schema: dict[str, Any],
    tables: dict[str, Table],
    lines: dict[str, dict[str, int]],
    problems: list[Problem],
) -> None:
    """Rules that tie cells of a row together, or rows of two tables."""
    for name in TABLE_NAMES:
        shown = shown_path(data_dir, data_dir / schema[name]["file"])
        columns = schema[name]["columns"]
        for key, row in tables[name].items():
            flag = _Flagger(shown, lines[name][key], problems)
            if "ref_fields" in columns and bool(row["ref"]) != bool(row["ref_fields"]):
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
            if "excerpt" in columns and bool(row["excerpt"]) != bool(row["excerpt_translation"]):
                missing = "excerpt_translation" if row["excerpt"] else "excerpt"
                flag(missing, row[missing], "an excerpt and its translation, given together")
            if name in ("models", "external_models"):
                _check_params(row, flag)
            if name in EVENT_MODELS:
                _check_event_date(row, tables[EVENT_MODELS[name]], flag)
                if row["priority"] == "key" and not row["label_zh"]:
                    flag("label_zh", None, "a short label (label_zh and label_en), since the event is key")
    _check_external_references(data_dir, schema, tables, lines, problems)


def _check_external_references(
    data_dir: Path,
    schema: dict[str, Any],
    tables: dict[str, Table],
    lines: dict[str, dict[str, int]],
    problems: list[Problem],
) -> None:
    """A reference that a row of the external layer rests on carries the excerpt that states the
    fact. Reported once per reference, naming the first row that cites it."""
    shown = shown_path(data_dir, data_dir / schema["references"]["file"])
    cited: dict[str, str] = {}
    for name in EXTERNAL_TABLES:
        for key, row in tables[name].items():
            cited.setdefault(row["ref"], f"{schema[name]['file']} row '{key}'")
    for ref_id, cited_by in cited.items():
        ref = tables["references"].get(ref_id)
        if ref is None:
            continue  # an unknown id is already reported by check_references
        flag = _Flagger(shown, lines["references"][ref_id], problems)
        if not ref["excerpt"]:
            flag("excerpt", None, f"an excerpt that states the fact, since {cited_by} cites this reference")


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
