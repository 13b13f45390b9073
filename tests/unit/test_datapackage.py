"""data/datapackage.json: the dataset as a Frictionless Data Package, derived from data/schema.yaml,
which the standard's own validator accepts, and which catches a broken row."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from charts import citation, datapackage
from charts.dataset import load_schema
from hmw_site import check
from tests.sample_data import PROJECT

DATA = PROJECT / "data"
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def validate(descriptor: Path) -> dict[str, Any]:
    """`frictionless validate <descriptor> --json`, as a reuser runs it, and its report."""
    done = subprocess.run(
        [str(FRICTIONLESS), "validate", descriptor.name, "--json"],
        cwd=descriptor.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(done.stdout)
    assert (done.returncode == 0) == report["valid"], done.stderr
    return report


def errors(report: dict[str, Any]) -> list[tuple[str, str, int | None, str | None]]:
    """(table, error type, row number, field name) for every error of the report."""
    return [
        (task["name"], error["type"], error.get("rowNumber"), error.get("fieldName"))
        for task in report["tasks"]
        for error in task["errors"]
    ]


def edit_cells(data_dir: Path, table: str, edits: dict[tuple[int, str], str]) -> None:
    """Set cells of a table's CSV: (data row, 1-based, column) -> new text."""
    path = data_dir / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for (row, column), text in edits.items():
        rows[row - 1][column] = text
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def test_the_committed_package_is_what_the_schema_gives_now():
    assert datapackage.is_current(DATA), "run `make datapackage`"


def test_the_standard_validator_accepts_the_package_and_every_table():
    report = validate(DATA / datapackage.PACKAGE_FILE)
    assert report["valid"], errors(report)
    assert {task["name"] for task in report["tasks"]} == set(load_schema(DATA))


BROKEN = {
    "an unknown category": (
        "events",
        {(3, "category"): "rumour"},
        ("events", "constraint-error", 4, "category"),
    ),
    "a date with a made-up form": (
        "events",
        {(2, "date"): "2023-5-1"},
        ("events", "constraint-error", 3, "date"),
    ),
    "an unknown source article": ("models", {(1, "source"): "nosuch"}, ("models", "foreign-key", 2, None)),
    "a negative parameter count": (
        "models",
        {(2, "params_billion"): "-7"},
        ("models", "constraint-error", 3, "params_billion"),
    ),
    "a row id used twice": ("figures", {(5, "id"): "gpt4-params"}, ("figures", "primary-key", 6, None)),
    "a malformed list of models": (
        "events",
        {(1, "models"): "gpt-4;Not An Id"},
        ("events", "constraint-error", 2, "models"),
    ),
    "a quote too long": ("figures", {(1, "quote"): "长" * 81}, ("figures", "constraint-error", 2, "quote")),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_the_validator_rejects_a_broken_row_naming_its_table_row_and_field(data_copy: Path, case: str):
    table, edits, expected = BROKEN[case]
    if expected[1] == "primary-key":  # make the id one the table really has
        first = next(csv.DictReader((data_copy / f"{table}.csv").open(encoding="utf-8")))["id"]
        edits = {cell: first for cell in edits}
    edit_cells(data_copy, table, edits)
    report = validate(data_copy / datapackage.PACKAGE_FILE)
    assert not report["valid"]
    assert errors(report) == [expected]


def test_every_table_and_column_of_the_schema_is_described_with_its_keys():
    schema = load_schema(DATA)
    package = json.loads((DATA / datapackage.PACKAGE_FILE).read_text(encoding="utf-8"))
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == list(schema)
    for name, spec in schema.items():
        table = resources[name]["schema"]
        assert [field["name"] for field in table["fields"]] == list(spec["columns"])
        assert table["primaryKey"] == [spec["key"]]
        refs = {
            column: col["table"]
            for column, col in spec["columns"].items()
            if col["type"] == "ref" and not col.get("multiple")
        }
        assert {fk["fields"]: fk["reference"]["resource"] for fk in table.get("foreignKeys", [])} == refs
        for field in table["fields"]:
            col = spec["columns"][field["name"]]
            assert field.get("constraints", {}).get("required", False) == bool(col.get("required"))
            if col["type"] == "enum" and not col.get("multiple"):
                assert field["constraints"]["enum"] == [str(value) for value in col["values"]]
    assert resources["models"]["schema"]["foreignKeys"][0] == {
        "fields": "source",
        "reference": {"resource": "sources", "fields": "id"},
    }


def test_the_package_names_the_licence_version_and_authors_of_the_citation_file():
    package = json.loads((DATA / datapackage.PACKAGE_FILE).read_text(encoding="utf-8"))
    cff = citation.project_metadata()
    assert package["title"] == cff["title"] and package["version"] == cff["version"]
    assert [licence["name"] for licence in package["licenses"]] == [cff["license"]]
    assert [person["title"] for person in package["contributors"]] == [a["name"] for a in cff["authors"]]
    assert len(package["sources"]) == 5
    assert package["sources"][0]["title"].startswith("无标题文章")  # our label is never a title


def test_the_zip_holds_the_package_every_table_and_the_citation_and_validates(tmp_path: Path):
    content = datapackage.package_zip(DATA)
    assert content == datapackage.package_zip(DATA)  # the same files, the same bytes
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    folder = datapackage.ZIP_FOLDER
    tables = [spec["file"] for spec in load_schema(DATA).values()]
    assert sorted(names) == sorted(
        f"{folder}/{name}" for name in [datapackage.PACKAGE_FILE, *tables, "CITATION.cff"]
    )
    assert validate(tmp_path / folder / datapackage.PACKAGE_FILE)["valid"]


def test_a_schema_edit_leaves_the_package_stale_until_it_is_written_again(data_copy: Path, capsys):
    schema = data_copy / "schema.yaml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("Short stable id.", "A short stable id.", 1),
        encoding="utf-8",
    )
    assert datapackage.main(["--data", str(data_copy), "--check"]) == 1
    assert "make datapackage" in capsys.readouterr().err
    assert datapackage.main(["--data", str(data_copy)]) == 0
    assert datapackage.main(["--data", str(data_copy), "--check"]) == 0
    assert "A short stable id." in (data_copy / datapackage.PACKAGE_FILE).read_text(encoding="utf-8")


def test_make_check_names_a_stale_package_and_the_command_that_fixes_it(tmp_path: Path, capsys):
    for name in ("data", "docs"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    package = tmp_path / "data" / datapackage.PACKAGE_FILE
    package.write_text(package.read_text(encoding="utf-8").replace('"Source articles"', '"Articles"'))
    assert check.run(tmp_path) == 1
    assert "data/datapackage.json: out of date" in capsys.readouterr().err


def test_the_site_serves_the_package_made_from_the_data_as_it_is_now(data_copy: Path):
    first = datapackage.site_files(data_copy)
    assert first == {
        datapackage.ZIP_FILE: datapackage.package_zip(data_copy),
        datapackage.PACKAGE_FILE: datapackage.package_json(data_copy).encode("utf-8"),
    }
    edit_cells(data_copy, "events", {(1, "title_en"): "An edited title"})  # a save under `mkdocs serve`
    again = datapackage.site_files(data_copy)
    assert again[datapackage.ZIP_FILE] != first[datapackage.ZIP_FILE]
    assert again[datapackage.ZIP_FILE] == datapackage.package_zip(data_copy)
