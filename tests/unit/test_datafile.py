"""Reading data/ (charts/datafile.py and the loaders over it): every way an editor's file can fail to
be read is a problem naming the file, the line (and, where it is one place, the character) and what
was expected; never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from charts import claims
from charts.datacheck import check_data
from charts.datafile import read_csv, read_yaml
from charts.dataset import load_dataset
from charts.glossary import load_glossary
from charts.i18n import t
from charts.records import DataError
from tests.sample_data import PROJECT, write_dataset

DATA = PROJECT / "data"


def problems(error: pytest.ExceptionInfo[DataError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


# --- encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_csv_saved_by_chinese_excel_is_named_with_its_line_and_how_to_save_it_as_utf8(
    tmp_path: Path, encoding: str
):
    path = tmp_path / "models.csv"
    path.write_bytes("id,name\ngpt-4,模型\n".encode(encoding))
    with pytest.raises(DataError) as caught:
        read_csv(path, "data/models.csv")
    [problem] = problems(caught)
    # 模's two GBK bytes happen to be valid UTF-8; 型's, at character 8, are the first that are not.
    assert problem.startswith("data/models.csv:2:8: the file is not UTF-8")
    assert "GBK/GB18030" in problem and problem.endswith("expected UTF-8 text")
    assert caught.value.notes == ["note.save_as_utf8"]
    message = str(caught.value)
    assert message.endswith(t("note.save_as_utf8", "en")) and message.count("To save as UTF-8") == 1


def test_a_utf16_file_is_named_as_such(tmp_path: Path):
    path = tmp_path / "events.csv"
    path.write_bytes("id,title\n".encode("utf-16"))
    with pytest.raises(DataError) as caught:
        read_csv(path, "data/events.csv")
    assert problems(caught) == [
        "data/events.csv:1: the file is UTF-16 (what Excel saves as “Unicode text”) — expected UTF-8 text"
    ]


def test_a_byte_order_mark_and_windows_line_ends_are_read_as_plain_utf8(tmp_path: Path):
    path = tmp_path / "models.csv"
    path.write_bytes("\ufeffid,name\r\ngpt-4,模型\r\n".encode())
    header, rows, structure = read_csv(path, "data/models.csv")
    assert header == ["id", "name"] and [(r.line, r.cells) for r in rows] == [(2, ["gpt-4", "模型"])]
    assert structure == []


# --- CSV structure ---------------------------------------------------------------------------------


def test_an_unbalanced_quote_is_reported_where_it_opens_and_the_rows_after_it_are_still_read(tmp_path: Path):
    path = tmp_path / "models.csv"
    path.write_text('id,name\na,"one\nb,two\nc,three\n', encoding="utf-8")
    _, rows, structure = read_csv(path, "data/models.csv")
    assert [r.cells[0] for r in rows] == ["b", "c"]
    assert [str(p) for p in structure] == [
        'data/models.csv:2: a cell opens with " here and does not close on this line — '
        'expected a closing " on the same line (a quote inside a quoted cell is written "")'
    ]


def test_a_stray_quote_after_a_quoted_cell_is_reported_on_its_line(tmp_path: Path):
    path = tmp_path / "models.csv"
    path.write_text('id,name\na,one\nb,"two"x\nc,three\n', encoding="utf-8")
    _, rows, structure = read_csv(path, "data/models.csv")
    assert [p.line for p in structure] == [3] and "stray quote" in str(structure[0])
    assert [r.cells[0] for r in rows] == ["a", "c"]


def test_a_row_with_too_many_cells_names_the_count_and_the_likely_cause(tmp_path: Path):
    data = write_dataset(tmp_path / "data")
    models = data / "models.csv"
    lines = models.read_text(encoding="utf-8").splitlines()
    lines[1] += ",extra"
    models.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    [problem] = [p for p in problems(caught) if "models.csv:2" in p]
    assert "cells (a comma inside a cell needs the cell in quotes)" in problem


def test_an_unreadable_table_is_reported_without_a_cascade_of_unknown_ids(tmp_path: Path):
    data = write_dataset(tmp_path / "data")
    models = data / "models.csv"
    models.write_bytes(models.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    assert len(caught.value.problems) == 1 and "not UTF-8" in problems(caught)[0]


# --- YAML ------------------------------------------------------------------------------------------


def test_a_yaml_slip_is_reported_at_its_line_and_column(tmp_path: Path):
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n  - id: rag\n    term_en: retrieval: augmented\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_yaml(path, "data/glossary.yaml")
    [problem] = problems(caught)
    assert problem.startswith(
        "data/glossary.yaml:3:23: YAML cannot read this: mapping values are not allowed"
    )
    assert "expected valid YAML" in problem


def test_yaml_mappings_know_their_line(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  - id: one\n  - id: two\n", encoding="utf-8")
    assert [item.line for item in read_yaml(path, "x.yaml")["a"]] == [2, 3]


def test_a_glossary_term_of_the_wrong_shape_is_reported_at_its_line(tmp_path: Path):
    text = (DATA / "glossary.yaml").read_text(encoding="utf-8")
    first = text.index("  - id: llm")
    line = text.count("\n", 0, first) + 1
    text = text.replace("  - id: llm\n    category: basics", "  - id: llm\n    category: nonsense", 1)
    text = text.replace("aliases_en: [large language model", "aliases_en: large language model [", 1)
    (tmp_path / "glossary.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_glossary(tmp_path / "glossary.yaml")
    found = problems(caught)
    assert any(
        f"glossary.yaml:{line}: field 'category': 'nonsense' — expected one of basics" in p for p in found
    )
    assert any(f"glossary.yaml:{line}: field 'aliases_en'" in p and "a list such as" in p for p in found)


def test_a_claim_without_its_id_is_reported_at_its_line(tmp_path: Path):
    text = (DATA / "claims.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: ", text.index("claims:"))
    line = text.count("\n", 0, start) + 1
    (tmp_path / "claims.yaml").write_text(text[:start] + "  - idd: " + text[start + 8 :], encoding="utf-8")
    with pytest.raises(DataError) as caught:
        claims.load(tmp_path)
    assert [p for p in problems(caught) if f"claims.yaml:{line}: field 'id'" in p], problems(caught)


def test_the_problems_of_every_file_of_data_are_reported_together(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "glossary.yaml").write_text("terms: [\n", encoding="utf-8")
    models = data / "models.csv"
    models.write_bytes(models.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(DataError) as caught:
        check_data(data)
    found = problems(caught)
    assert len(found) == 2
    assert "models.csv:" in found[0] and "glossary.yaml:" in found[1]
