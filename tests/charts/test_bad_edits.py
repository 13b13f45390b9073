"""The contract for a bad edit of data/, whatever the edit: `build_charts.py` and `make check` exit
with 1, name the file and the line of every problem, print no traceback and leave the output
folder as it was. Hypothesis makes the edits, the way editors make them: a file saved in another
encoding, a quote left open or stray, a row with a cell too many or too few, a bad value, a copied
row, an unknown id, a YAML slip in the glossary or the claims. `mkdocs build` keeps the same
contract (one run with two bad files at once)."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import build_charts
from charts.build import MARKER
from devtools.serve import copy_project
from devtools.site_build import SiteBuildError, build_site
from hmw_site import check
from tests.sample_data import PROJECT

DATA = PROJECT / "data"
TABLES = ("models.csv", "events.csv", "figures.csv", "sources.csv", "references.csv")
YAML_FILES = ("glossary.yaml", "claims.yaml")
# A problem line: indented, then file:line[:character]: …
PROBLEM = re.compile(r"^  \S+\.(csv|yaml):\d+(:\d+)?: \S")
Edit = Callable[[Path], None]


# --- the edits -------------------------------------------------------------------------------------


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def save(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines), encoding="utf-8")


def resave(name: str, encoding: str) -> Edit:
    def edit(data: Path) -> None:
        path = data / name
        # What a spreadsheet does with a character the encoding lacks (©): it writes "?".
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding, errors="replace"))

    return edit


def change_row(name: str, row: int, change: Callable[[str], str]) -> Edit:
    """Change one data row's line (row 0 is the first after the header)."""

    def edit(data: Path) -> None:
        lines = lines_of(data / name)
        rows = [i for i, line in enumerate(lines) if line.strip()][1:]
        index = rows[row % len(rows)]
        lines[index] = change(lines[index])
        save(data / name, lines)

    return edit


def copy_row(name: str, row: int) -> Edit:
    def edit(data: Path) -> None:
        lines = lines_of(data / name)
        rows = [i for i, line in enumerate(lines) if line.strip()][1:]
        lines.append(lines[rows[row % len(rows)]])
        save(data / name, lines)

    return edit


def set_cell(name: str, row: int, column: str, value: str) -> Edit:
    """Replace one cell (written as a quoted CSV cell, so any text is one cell)."""

    def change(line: str) -> str:
        import csv
        import io

        header = next(csv.reader(io.StringIO((DATA / name).read_text(encoding="utf-8-sig"))))
        cells = next(csv.reader([line]))
        cells[header.index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(cells)
        return out.getvalue()

    return change_row(name, row, change)


def yaml_slip(name: str, line: int, slip: str) -> Edit:
    """Break one line of a YAML file the way hands do."""

    def edit(data: Path) -> None:
        lines = lines_of(data / name)
        keyed = [i for i, text in enumerate(lines) if ": " in text and not text.lstrip().startswith("#")]
        index = keyed[line % len(keyed)]
        text = lines[index]
        lines[index] = {
            "colon": text + ": stray: colon",  # a second "key: value" in a value
            "bracket": text.replace(": ", ": [", 1),  # a list opened, never closed
            "tab": "\t" + text,  # a tab before a key
        }[slip]
        save(data / name, lines)

    return edit


rows = st.integers(min_value=0, max_value=200)
quoted_tables = st.sampled_from(("models.csv", "events.csv", "figures.csv"))
not_a_date = st.text(min_size=1, max_size=8).filter(
    lambda text: not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", text.strip())
)
slips = st.sampled_from(["colon", "bracket", "tab"])


def bad_cell(name: str, column: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[Edit]:
    return st.builds(set_cell, st.just(name), rows, st.just(column), values)


def bad_line(change: Callable[[str], str]) -> st.SearchStrategy[Edit]:
    return st.builds(change_row, st.sampled_from(TABLES), rows, st.just(change))


edits: st.SearchStrategy[Edit] = st.one_of(
    st.builds(resave, st.sampled_from(TABLES + YAML_FILES), st.sampled_from(["gbk", "gb18030", "utf-16"])),
    bad_line(lambda line: line.replace(",", ',"', 1)),  # a quote opened, never closed
    bad_line(lambda line: '"x"y,' + line),  # a stray quote after a quoted cell
    bad_line(lambda line: line + ",extra"),  # a cell too many
    bad_line(lambda line: line.rsplit(",", 1)[0]),  # a cell too few
    st.builds(copy_row, st.sampled_from(TABLES), rows),  # a duplicate id
    bad_cell("models.csv", "release_date", st.sampled_from(["2023-13", "去年", "23/5"])),
    bad_cell("models.csv", "params_billion", st.sampled_from(["-1", "70B", "七百亿"])),
    bad_cell("models.csv", "params_status", st.sampled_from(["rumour", "OFFICIAL"])),
    st.builds(set_cell, quoted_tables, rows, st.just("source"), st.just("nosuch")),
    bad_cell("events.csv", "date", not_a_date),
    st.builds(yaml_slip, st.sampled_from(YAML_FILES), st.integers(0, 400), slips),
)


# --- the contract ----------------------------------------------------------------------------------


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("  ")]


def assert_reported(code: int, output: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output, output
    problems = problem_lines(output)
    assert problems, output
    for line in problems:
        assert PROBLEM.match(line), f"a problem without its file and line: {line!r}\n{output}"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def project_with_data(root: Path) -> Path:
    """A project folder for `make check`: a copy of data/, the pages linked."""
    shutil.copytree(DATA, root / "data")
    (root / "docs").symlink_to(PROJECT / "docs")
    return root


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=edits)
def test_any_bad_edit_is_reported_by_file_and_line_with_nothing_written(edit: Edit, capsys):
    with tempfile.TemporaryDirectory() as tmp:
        root = project_with_data(Path(tmp))
        edit(root / "data")
        capsys.readouterr()
        assert_reported(check.run(root), capsys.readouterr().err)

        if all((root / "data" / name).read_bytes() == (DATA / name).read_bytes() for name in TABLES):
            return  # the glossary and the claims are not the charts' business
        out = Path(tmp) / "charts"
        out.mkdir()
        (out / MARKER).write_text("", encoding="utf-8")
        (out / "kept.txt").write_text("from the last good build", encoding="utf-8")
        before = snapshot(out)
        code = build_charts.main(["--data", str(root / "data"), "--out", str(out), "--no-progress"])
        assert_reported(code, capsys.readouterr().err)
        assert snapshot(out) == before


def test_mkdocs_build_reports_every_bad_file_at_once_and_writes_nothing(tmp_path: Path):
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    resave("models.csv", "gbk")(project / "data")
    yaml_slip("glossary.yaml", 30, "colon")(project / "data")
    with pytest.raises(SiteBuildError) as caught:
        build_site(tmp_path / "site", tmp_path / "charts", project=project)
    output = str(caught.value)
    assert "Traceback" not in output, output
    assert re.search(r"data/models\.csv:\d+:\d+: the file is not UTF-8", output), output
    assert re.search(r"data/glossary\.yaml:\d+:\d+: YAML cannot read this", output), output
    assert "To save as UTF-8:" in output and "Nothing was built." in output
    assert not (tmp_path / "site").exists() and not (tmp_path / "charts").exists()
