"""charts/update.py: the chart folder brought up to date with the least work, and the same bytes as a
build from scratch (what `mkdocs serve` relies on to rebuild fast on every save).

Images are made by a stand-in for the browser export (a small PNG or SVG that depends on the image's
cache key), so these tests need no Chromium and still see every image the pipeline asks for.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PIL import Image

from charts import digest, export, slide_crop
from charts.build import CHART_IDS
from charts.dataset import load_dataset
from charts.registry import module_name
from charts.update import _plot_top, plan_update, update_charts
from tests.sample_data import PROJECT

LANGS = ["zh", "en"]
ONE_CHART_ROW = ("openai-revenue-2022,openai-finance,", "30000000", "31000000")  # a figure only it plots


def fake_image(job: export.ImageJob) -> bytes:
    """The image as bytes that follow its cache key, as a real export follows the figure."""
    key = job.key()
    if job.format == "png":
        buffer = io.BytesIO()
        colour = tuple(bytes.fromhex(key[:6]))
        Image.new("RGB", (64, 36), colour).save(buffer, format="PNG")
        return buffer.getvalue()
    return f'<svg xmlns="http://www.w3.org/2000/svg"><!-- {key} --></svg>'.encode()


def fake_export(jobs: Sequence[export.ImageJob], **_: object) -> export.ExportResult:
    """Each image made by fake_image."""
    result = export.ExportResult()
    for job in jobs:
        job.path.parent.mkdir(parents=True, exist_ok=True)
        job.path.write_bytes(fake_image(job))
        result.written.append(job.path)
        result.rendered += 1
    return result


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every output file under folder (not the manifest or folder marker, hidden files): its inode
    and the hash of its bytes."""
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def edit_one_row(data_dir: Path) -> None:
    path = data_dir / "figures.csv"
    start, old, new = ONE_CHART_ROW
    text = path.read_text(encoding="utf-8")
    line = next(x for x in text.split("\n") if x.startswith(start))
    assert old in line
    path.write_text(text.replace(line, line.replace(old, new, 1)), encoding="utf-8")


@pytest.fixture(autouse=True)
def no_browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(export, "export_images", fake_export)
    yield


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the dataset, and the chart outputs built from it once for the module."""
    folder = tmp_path_factory.mktemp("first")
    shutil.copytree(PROJECT / "data", folder / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "export_images", fake_export)
        report = update_charts(folder / "data", folder / "out", LANGS, cache_dir=None)
    assert not report.skipped and len(report.rebuilt) == len(CHART_IDS) * len(LANGS)
    assert report.decks == LANGS
    return folder


@pytest.fixture
def project(first_build: Path, tmp_path: Path) -> Path:
    """The first build's data and outputs, copied for one test to change."""
    for name in ("data", "out"):
        shutil.copytree(first_build / name, tmp_path / name)
    return tmp_path


class FakePrefetch:
    """An ImagePrefetch whose images are fake_image's, as the browser draws them one by one."""

    def __init__(self, missing: str = "") -> None:
        self.submitted: list[Path] = []
        self.missing = missing  # a file name it fails to draw

    def submit(self, jobs: Sequence[export.ImageJob]) -> None:
        self.submitted += [job.path for job in jobs]

    def image(self, job: export.ImageJob) -> bytes | None:
        return None if job.path.name == self.missing else fake_image(job)

    def wait(self) -> None:
        pass


def contents(folder: Path) -> dict[str, str]:
    return {name: digest for name, (_, digest) in snapshot(folder).items()}


@pytest.mark.parametrize("missing", ["", "timeline-en-dark.png"])
def test_the_zips_and_decks_made_as_the_images_come_are_those_made_from_the_folder(
    first_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str
):
    import charts.update

    from_folder: list[tuple[str, list[str]]] = []
    for name in ("write_bundles", "write_decks"):
        made_from_folder = getattr(charts.update, name)

        def counted(*args, _name=name, _made=made_from_folder, **kwargs):
            from_folder.append((_name, kwargs["langs"]))
            return _made(*args, **kwargs)

        monkeypatch.setattr(charts.update, name, counted)
    prefetch = FakePrefetch(missing)
    planned = plan_update(first_build / "data", tmp_path / "out", LANGS, cache_dir=None, prefetch=prefetch)
    assert len(prefetch.submitted) == len(set(prefetch.submitted)) == len(CHART_IDS) * len(LANGS) * 6
    planned.write()
    # Only the chart missing an image, and its language's deck, are made from the folder.
    assert from_folder == ([("write_bundles", ["en"]), ("write_decks", ["en"])] if missing else [])
    assert contents(tmp_path / "out") == contents(first_build / "out"), "the same bytes"


def test_a_deck_is_not_made_ahead_from_the_old_version_of_a_changed_chart(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import charts.update

    edit_one_row(project / "data")
    plain = tmp_path / "plain"
    shutil.copytree(project / "out", plain)
    update_charts(project / "data", plain, LANGS, cache_dir=None)
    from_folder: list[list[str]] = []
    made_from_folder = charts.update.write_decks

    def counted(*args, **kwargs):
        from_folder.append(kwargs["langs"])
        return made_from_folder(*args, **kwargs)

    monkeypatch.setattr(charts.update, "write_decks", counted)
    prefetch = FakePrefetch("openai-finance-en-dark.png")  # the changed chart misses an image
    plan_update(project / "data", project / "out", LANGS, cache_dir=None, prefetch=prefetch).write()
    assert from_folder == [["en"]], "the English deck waits for the chart's new files"
    assert contents(project / "out") == contents(plain)


def test_when_no_input_changed_the_pipeline_does_nothing_at_all(project: Path):
    before = snapshot(project / "out")
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None)
    assert report.skipped and report.rebuilt == [] and report.decks == []
    assert snapshot(project / "out") == before  # not one file rewritten (same inodes, same bytes)


def test_editing_one_row_rewrites_only_the_charts_that_plot_it_and_the_decks(project: Path):
    before = snapshot(project / "out")
    edit_one_row(project / "data")
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None)
    assert sorted(report.rebuilt) == ["en/openai-finance", "zh/openai-finance"]
    assert report.decks == LANGS  # one file per language holds every chart
    after = snapshot(project / "out")
    rewritten = {name for name in after if after[name] != before.get(name)}
    touched_charts = {"/".join(Path(name).parts[:2]) for name in rewritten if len(Path(name).parts) > 2}
    assert touched_charts == {"zh/openai-finance", "en/openai-finance"}
    assert {name for name in rewritten if len(Path(name).parts) == 1} == {"deck-zh.pptx", "deck-en.pptx"}
    assert after.keys() == before.keys()


def edit_a_note(data_dir: Path) -> None:
    """A word more ("(edited)") in the first English model note: it reaches hovers, tables and
    standalone pages, not a slide."""
    path = data_dir / "models.csv"
    text = path.read_text(encoding="utf-8")
    note = next(row["note_en"] for row in load_dataset(data_dir).models.values() if row["note_en"])
    assert text.count(note) == 1
    path.write_text(text.replace(note, note + " (edited)"), encoding="utf-8")


def test_an_edit_no_slide_shows_rewrites_the_charts_that_show_it_and_no_deck(project: Path):
    before = snapshot(project / "out")
    edit_a_note(project / "data")
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None)
    assert report.rebuilt and all(key.startswith("en/") for key in report.rebuilt)
    assert report.decks == []
    after = snapshot(project / "out")
    assert after["deck-en.pptx"] == before["deck-en.pptx"] and after["deck-zh.pptx"] == before["deck-zh.pptx"]
    for key in report.rebuilt:  # each rewritten chart does show the new words (wrapped in its hover)
        lang, cid = key.split("/")
        figure = project / "out" / lang / cid / f"{cid}-{lang}-light.json"
        assert "(edited)" in figure.read_text(encoding="utf-8")


def tables_read(reads: dict) -> set[str]:
    """The tables one chart read, from its manifest entry (charts/dataset.py ReadRows.reads)."""
    return {table for table, _rows, _columns in reads["reads"]}


def test_an_edit_to_one_table_renders_again_only_the_charts_that_read_it(project: Path):
    reads = digest.read_manifest(project / "out")["reads"]
    assert "events" in tables_read(reads["zh/timeline"]) and "figures" not in tables_read(
        reads["zh/timeline"]
    )
    readers = sorted(key for key, value in reads.items() if "figures" in tables_read(value))
    assert "en/openai-finance" in readers and len(readers) < len(reads)
    edit_one_row(project / "data")
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None)
    assert sorted(report.rendered) == readers


def test_an_edit_to_one_column_renders_again_only_the_charts_that_read_that_column(project: Path):
    reads = digest.read_manifest(project / "out")["reads"]
    readers = sorted(
        key
        for key, value in reads.items()
        for table, _rows, columns in value["reads"]
        if table == "models" and {"note_en", "*"} & set(columns)
    )
    assert readers and all(key.startswith("en/") for key in readers)
    assert any(table == "models" for table, _, _ in reads["zh/param-scale"]["reads"])  # zh reads models...
    edit_a_note(project / "data")
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None)
    assert sorted(report.rendered) == readers  # ...but not the English notes: it is not rendered again


def code_copy(folder: Path) -> Path:
    """The charts package's files (and narrow.js) in folder, as a project to edit: its code is the
    code that runs (the imported package), so a comment changes the files and nothing they make."""
    shutil.copytree(PROJECT / "charts", folder / "charts", ignore=shutil.ignore_patterns("__pycache__"))
    for name in digest.EXTRA_CODE:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / name, folder / name)
    return folder


def test_a_save_in_one_charts_module_renders_that_chart_alone_and_rewrites_nothing(project: Path):
    code = code_copy(project / "code")
    before = snapshot(project / "out")
    module = code / "charts" / "figures" / "openai_finance.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None, project=code)
    assert sorted(report.rendered) == ["en/openai-finance", "zh/openai-finance"]
    assert report.rebuilt == [] and report.decks == []  # the same files: no chart, no deck written
    assert snapshot(project / "out") == before


def test_a_save_in_the_shared_code_renders_every_chart_again(project: Path):
    code = code_copy(project / "code")
    theme = code / "charts" / "theme.py"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None, project=code)
    assert len(report.rendered) == len(CHART_IDS) * len(LANGS) and report.rebuilt == []


@pytest.mark.slow  # two more updates of every chart
def test_an_incremental_update_gives_the_bytes_of_a_build_from_scratch(project: Path, tmp_path_factory):
    edit_one_row(project / "data")
    update_charts(project / "data", project / "out", LANGS, cache_dir=None)
    scratch = tmp_path_factory.mktemp("scratch") / "out"
    update_charts(project / "data", scratch, LANGS, cache_dir=None)
    ours, theirs = snapshot(project / "out"), snapshot(scratch)
    assert {k: v[1] for k, v in ours.items()} == {k: v[1] for k, v in theirs.items()}
    assert any(name.endswith(".meta.json") for name in ours) and any(name.endswith(".zip") for name in ours)


@pytest.mark.slow  # two more updates of every chart
def test_a_folder_changed_by_hand_or_a_half_finished_build_is_rebuilt(project: Path):
    shutil.rmtree(project / "out" / "en" / "timeline")
    (project / "out" / "deck-zh.pptx").unlink()
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None)
    assert not report.skipped and "en/timeline" in report.rebuilt and "zh" in report.decks
    assert (project / "out" / "en" / "timeline").is_dir() and (project / "out" / "deck-zh.pptx").is_file()
    (project / "out" / digest.MANIFEST).unlink()  # as a build that stopped half-way leaves it
    report = update_charts(project / "data", project / "out", LANGS, cache_dir=None)
    assert len(report.rebuilt) == len(CHART_IDS) * len(LANGS)


def test_the_deck_crops_charts_where_a_second_render_says_their_plot_starts(project: Path):
    from charts.build import chart_plan, render_charts

    data = load_dataset(project / "data")
    charts = render_charts(data, ["timeline", "openai-finance"], ["en"])
    memo: dict = {}
    for cid in ("timeline", "openai-finance"):
        chart_plan({s: charts[("en", cid, s)] for s in ("light", "dark")}, memo=memo)
        assert _plot_top(memo[("en", cid, "light")]) == slide_crop.plot_top({"id": cid, "lang": "en"}, data)


def written_metas(out: Path, lang: str) -> dict[str, dict]:
    """Each chart's meta and light figure as the folder holds them."""
    found = {}
    for cid in CHART_IDS:
        folder = out / lang / cid
        meta = json.loads((folder / f"{cid}-{lang}.meta.json").read_text(encoding="utf-8"))
        figure = json.loads((folder / meta["files"]["json"]["light"]).read_text(encoding="utf-8"))
        found[cid] = {"meta": meta, "figure": figure}
    return found


def test_the_plan_knows_every_meta_before_anything_is_written(project: Path):
    """The site builds its pages from the plan's metas while the folder is written (hmw_site/
    pending_charts.py): they must be the metas written, for charts rendered again and charts kept."""
    edit_one_row(project / "data")
    planned = plan_update(project / "data", project / "out", LANGS, cache_dir=None)
    assert 0 < len(planned.expected) < len(CHART_IDS) * len(LANGS)  # some rendered again, some kept
    promised = {lang: planned.metas(lang) for lang in LANGS}
    planned.write()
    assert promised == {lang: written_metas(project / "out", lang) for lang in LANGS}


def test_a_first_plan_knows_every_meta_too(tmp_path: Path):
    planned = plan_update(PROJECT / "data", tmp_path / "out", ["en"], cache_dir=None)
    promised = planned.metas("en")
    planned.write()
    assert promised == written_metas(tmp_path / "out", "en")
    assert all("zip" in found["meta"]["files"] for found in promised.values())


def test_bytecode_python_writes_on_import_is_not_code_that_changed(tmp_path: Path):
    """A first import writes __pycache__; were it counted, the next save would render every chart."""
    code = code_copy(tmp_path / "code")
    modules = [module_name(cid) for cid in CHART_IDS]
    before = digest.shared_code_digest(modules, code)
    (code / "charts" / "__pycache__").mkdir(exist_ok=True)
    (code / "charts" / "__pycache__" / "theme.cpython-311.pyc").write_bytes(b"compiled")
    assert digest.shared_code_digest(modules, code) == before
