"""The dataset loader: what it accepts, and how it reports what it refuses."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from charts.dataset import DataError, PartialDate, ReadRows, load_dataset, parse_cell, reads_digest
from tests.sample_data import PROJECT, sample_rows, write_dataset

DATA = PROJECT / "data"
CHECK_QUOTES = PROJECT.parent / "shared" / "tools" / "check_quotes.py"


def problems_for(tmp_path: Path, edit) -> list[str]:
    """Write the sample with one edit applied and return the loader's problems as text."""
    rows = sample_rows()
    edit(rows)
    with pytest.raises(DataError) as caught:
        load_dataset(write_dataset(tmp_path / "data", rows))
    return [str(p) for p in caught.value.problems]


# --- the real dataset ---------------------------------------------------------------------------


def test_the_project_dataset_loads_without_problems():
    data = load_dataset(DATA)
    assert len(data.sources) == 5


def test_the_project_dataset_meets_the_issue_minimums():
    data = load_dataset(DATA)
    assert len(data.models) >= 30
    assert len(data.events) >= 25
    assert len(data.figures) >= 20


def test_the_external_layer_meets_the_issue_minimums_all_dated():
    data = load_dataset(DATA)
    assert len(data.external_events) >= 20
    assert len(data.external_models) >= 12
    assert all(row["date"] for row in data.external_events.values())
    assert all(row["release_date"] for row in data.external_models.values())


def test_every_external_row_cites_a_complete_reference():
    """Publisher, title, URL, date published, and the reference's own words with their translation."""
    data = load_dataset(DATA)
    for table in ("external_models", "external_events", "external_prices"):
        for key, row in data.table(table).items():
            ref = data.references[row["ref"]]
            for column in ("publisher", "title", "url", "published", "language", "excerpt"):
                assert ref[column], f"{table} {key}: reference {row['ref']} has no {column}"
            assert ref["excerpt_translation"], f"{table} {key}: {row['ref']} has no translation"
            assert len(ref["excerpt"]) <= 80, row["ref"]


def test_every_schema_column_is_documented_in_both_languages():
    tables = yaml.safe_load((DATA / "schema.yaml").read_text(encoding="utf-8"))["tables"]
    for table, spec in tables.items():
        for column, meta in spec["columns"].items():
            assert meta.get("description"), f"{table}.{column} has no description"
            assert meta.get("title", {}).get("zh") and meta["title"].get("en"), f"{table}.{column} title"


def test_rumoured_parameter_counts_are_marked_disputed_with_a_note():
    gpt4 = load_dataset(DATA).models["gpt-4"]
    assert gpt4["params_status"] == "disputed"
    assert gpt4["note_zh"] and gpt4["note_en"]


def test_values_from_outside_the_articles_cite_an_external_reference():
    data = load_dataset(DATA)
    external = [m for m in data.models.values() if m["ref"]]
    assert external, "some values (e.g. GPT-3's 175B) come from papers and must say so"
    for model in external:
        assert data.references[model["ref"]]["kind"] == "external"
        assert model["ref_fields"]


@pytest.mark.skipif(not CHECK_QUOTES.exists(), reason="the shared quote checker is not beside this checkout")
@pytest.mark.slow  # the shared checker reads all five articles for every quote (about 10 s)
def test_every_quote_stands_verbatim_in_its_article():
    result = subprocess.run(
        [sys.executable, str(CHECK_QUOTES), str(DATA)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- partial dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision"), [("2023", "year"), ("2023-03", "month"), ("2023-03-16", "day")]
)
def test_a_date_s_form_is_its_precision(text, precision):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.iso == text


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13", "23-03-16", "2023/03/16", "March 2023", "2023-3"])
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_a_month_precise_date_is_plotted_mid_month():
    assert PartialDate.parse("2023-03").as_datetime().day == 15


# --- bad input ----------------------------------------------------------------------------------


def test_the_sample_dataset_is_valid(tmp_path):
    data = load_dataset(write_dataset(tmp_path / "data"))
    assert list(data.models) == ["gpt-2", "gpt-3"]
    assert data.models["gpt-2"]["params_billion"] == 1.5
    assert data.models["gpt-3"]["ref_fields"] == ("release_date", "params_billion")


def test_every_problem_is_reported_at_once_naming_file_line_column_and_value(tmp_path):
    def break_many(rows):
        gpt2, gpt3 = rows["models"]
        gpt2["source"] = "nosuch"  # unknown source id
        gpt2["release_date"] = "2019-02-30"  # impossible date
        gpt3["params_billion"] = "-175"  # negative
        rows["events"][0]["category"] = "rumour"  # unknown category
        rows["figures"][0]["quote"] = ""  # missing quote
        rows["models"].append(dict(gpt2, source="shendu", release_date="2019"))  # duplicate id

    problems = problems_for(tmp_path, break_many)
    expected = [
        ("models.csv:2:", "source", "'nosuch'", "sources.csv"),
        ("models.csv:2:", "release_date", "'2019-02-30'", "real date"),
        ("models.csv:3:", "params_billion", "'-175'", "≥ 0"),
        ("events.csv:2:", "category", "'rumour'", "one of: model"),
        ("figures.csv:2:", "quote", "''", "required"),
        ("models.csv:4:", "id", "'gpt-2'", "unique id (already used on line 2)"),
    ]
    for where, column, value, hint in expected:
        assert any(where in p and f"'{column}'" in p and value in p and hint in p for p in problems), (
            f"no problem like {where} {column} {value} {hint} in:\n" + "\n".join(problems)
        )
    assert len(problems) == len(expected)


def test_a_non_numeric_parameter_count_is_refused(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["models"][0].update(params_billion="1.5B"))
    assert len(problems) == 1
    assert problems[0].endswith(
        "column 'params_billion': '1.5B' — expected a number ≥ 0 (no units or separators)"
    )


def test_a_quote_carrying_the_articles_noise_is_refused(tmp_path):
    def add_noise(rows):
        rows["models"][0]["quote"] = "大模型B体育训练"
        rows["models"][1]["quote"] = "國產(chǎn)大模型"

    problems = problems_for(tmp_path, add_noise)
    assert any("B体育" in p and "spam token" in p for p in problems)
    assert any("(chǎn)" in p and "pinyin" in p for p in problems)


def test_a_quote_longer_than_eighty_characters_is_refused(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["figures"][0].update(quote="很" * 81))
    assert any("at most 80 characters" in p for p in problems)


def test_a_disputed_number_without_a_note_is_refused(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["models"][1].update(params_status="disputed"))
    assert any("'note_zh'" in p and "disputed" in p for p in problems)


def test_an_unknown_parameter_status_cannot_carry_a_number(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["models"][0].update(params_status="unknown"))
    assert any("'params_status'" in p and "params_billion is given" in p for p in problems)


def test_an_external_value_must_name_its_fields(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["models"][1].update(ref_fields=""))
    assert any("'ref_fields'" in p and "together" in p for p in problems)


def test_a_model_release_event_must_match_the_model_s_date(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["events"][0].update(date="2020"))
    assert any("events.csv:2:" in p and "release_date of model 'gpt-2'" in p for p in problems)


def test_a_reference_that_an_external_row_rests_on_needs_its_excerpt(tmp_path):
    def edit(rows):
        ref = rows["references"][1]
        ref.update(excerpt="", excerpt_translation="")

    problems = problems_for(tmp_path, edit)
    assert any(
        "references.csv:3:" in p and "'excerpt'" in p and "external_models.csv row 'deepseek-v2'" in p
        for p in problems
    ), problems


def test_an_excerpt_needs_its_translation(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["references"][1].update(excerpt_translation=""))
    assert any("'excerpt_translation'" in p and "given together" in p for p in problems), problems


def test_an_external_row_without_a_reference_is_refused(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["external_events"][1].update(ref=""))
    assert any("external_events.csv:3:" in p and "'ref'" in p and "required" in p for p in problems)


def test_an_external_release_event_must_match_its_external_model_s_date(tmp_path):
    problems = problems_for(tmp_path, lambda rows: rows["external_events"][0].update(date="2024-05"))
    assert any(
        "external_events.csv:2:" in p and "release_date of model 'deepseek-v2'" in p for p in problems
    ), problems


def test_an_unexpected_or_missing_column_is_reported(tmp_path):
    folder = write_dataset(tmp_path / "data")
    path = folder / "figures.csv"
    text = path.read_text(encoding="utf-8").replace("measure_en,", "measure_english,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    messages = [str(p) for p in caught.value.problems]
    assert any("'measure_english'" in m and "one of the columns" in m for m in messages)
    assert any("'measure_en'" in m and "in the header" in m for m in messages)


def test_a_missing_table_file_is_reported(tmp_path):
    folder = write_dataset(tmp_path / "data")
    (folder / "events.csv").unlink()
    with pytest.raises(DataError, match=r"events\.csv: expected a CSV file for the table 'events'"):
        load_dataset(folder)


NUMBER_COLUMNS = ["params_billion", "training_tokens_billion"]
SCHEMA = yaml.safe_load((DATA / "schema.yaml").read_text(encoding="utf-8"))["tables"]


# The loader reads every cell with parse_cell (test_a_non_numeric_parameter_count_is_refused shows it is
# wired in, naming file, line, column and value); the properties
# below try many values on it directly, without writing a dataset per example.
@settings(max_examples=200, deadline=None)
@given(
    column=st.sampled_from(NUMBER_COLUMNS),
    bad=st.one_of(
        st.floats(max_value=-0.001, allow_nan=False, allow_infinity=False).map(repr),
        st.text(alphabet="abcxyz万亿B,%$ ", min_size=1, max_size=6).filter(lambda s: s.strip()),
        st.just("nan"),
        st.just("inf"),
    ),
)
def test_any_non_number_in_a_number_column_is_named_with_its_value(column, bad):
    problems: list = []
    parse_cell("models.csv", 2, column, bad.strip(), SCHEMA["models"]["columns"][column], problems)
    assert [(p.line, p.column, p.value) for p in problems] == [(2, column, bad.strip())]


@settings(max_examples=200, deadline=None)
@given(category=st.text(min_size=1, max_size=12).filter(lambda s: s.strip() and "\x00" not in s))
def test_any_category_outside_the_schema_is_refused(category):
    spec = SCHEMA["events"]["columns"]["category"]
    problems: list = []
    parsed = parse_cell("events.csv", 2, "category", category.strip(), spec, problems)
    if category.strip() in spec["values"]:
        assert parsed == category.strip() and problems == []
    else:
        assert [p.column for p in problems] == ["category"]


# --- what a page read of the dataset (hmw_site/memo.py keys pages on it) ---------------------------


def test_a_row_looked_up_is_read_as_that_row_and_a_table_gone_through_as_a_whole(data):
    reading = ReadRows(data)
    first, second = list(data.models)[:2]
    assert reading.models[first]["name_en"] == data.models[first]["name_en"]
    assert first in reading.table("models")
    assert reading.reads == [["models", [first], ["name_en"]]]
    assert len(reading.sources) == len(data.sources)
    assert [key for key, _ in reading.events.items()] == list(data.events)
    assert reading.reads == [["events", None, []], ["models", [first], ["name_en"]], ["sources", None, []]]
    assert reading.models.get("no-such-model") is None
    assert [key for key in reading.reads[1][1] if key not in data.models] == ["no-such-model"]
    assert second not in str(reading.reads)


def test_the_columns_read_of_a_row_are_noted_by_name_and_a_row_gone_through_as_every_column(data):
    reading = ReadRows(data)
    first = next(iter(data.models))
    row = reading.models[first]
    assert row.get("no_such_column") is None and "note_en" in row
    assert reading.reads == [["models", [first], ["no_such_column", "note_en"]]]
    assert dict(reading.models[first]) == data.models[first]
    assert reading.reads[0][2][0] == "*"


def changed(data, table: str, key: str, field: str, value) -> object:
    """The dataset with one cell changed."""
    rows = dict(data.table(table))
    rows[key] = rows[key] | {field: value}
    return replace(data, **{table: rows})


def test_the_reads_digest_follows_the_rows_and_columns_read_and_nothing_else(data):
    first, other = list(data.models)[:2]
    one_row, whole = [["models", [first], ["note_en"]]], [["models", None, ["note_en"]]]
    edited_other = changed(data, "models", other, "note_en", "edited")
    edited_first = changed(data, "models", first, "note_en", "edited")
    edited_unread = changed(data, "models", first, "note_zh", "已改")
    assert reads_digest(edited_other, one_row) == reads_digest(data, one_row)
    assert reads_digest(edited_first, one_row) != reads_digest(data, one_row)
    assert reads_digest(edited_other, whole) != reads_digest(data, whole)
    assert reads_digest(edited_unread, whole) == reads_digest(data, whole)
    assert reads_digest(edited_unread, [["models", None, ["*"]]]) != reads_digest(
        data, [["models", None, ["*"]]]
    )
    reordered = replace(data, models=dict(reversed(data.models.items())))
    assert reads_digest(reordered, [["models", None, []]]) != reads_digest(data, [["models", None, []]])
    missing = [["models", ["a-model-to-come"], []]]  # a row asked for and missing: its arrival counts
    arrived = replace(data, models=dict(data.models) | {"a-model-to-come": data.models[first]})
    assert reads_digest(arrived, missing) != reads_digest(data, missing)
