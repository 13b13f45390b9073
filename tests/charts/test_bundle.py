"""The per-chart download bundle: what the zip holds, what its README says, and that it is stable."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from charts import bundle
from charts.build import CHART_IDS, meta, render, write_outputs
from charts.chart import ROW_TABLES
from charts.i18n import LANGS

PROJECT = Path(__file__).resolve().parents[2]
# A chart of models (no quote column), one of figures with a derived baseline line, and the timeline.
SAMPLE_CHARTS = ["param-scale", "chinchilla-gopher", "training-cost"]


@pytest.fixture(scope="module")
def built(data, tmp_path_factory):
    """Charts built without images (fast), then bundled: (out_dir, zips)."""
    out = tmp_path_factory.mktemp("charts") / "out"
    write_outputs(data, out, chart_ids=SAMPLE_CHARTS, formats=["json", "csv", "html"], progress=False)
    return out, bundle.write_bundles(data, out, chart_ids=SAMPLE_CHARTS, langs=list(LANGS))


def _meta(out: Path, chart_id: str, lang: str) -> dict:
    return json.loads((out / lang / chart_id / f"{chart_id}-{lang}.meta.json").read_text(encoding="utf-8"))


def _open(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(path.read_bytes()))


def test_every_chart_and_language_gets_a_zip_listed_in_its_meta(built):
    out, zips = built
    assert sorted(z.name for z in zips) == sorted(f"{c}-{lang}.zip" for c in SAMPLE_CHARTS for lang in LANGS)
    for lang in LANGS:
        for chart_id in SAMPLE_CHARTS:
            files = _meta(out, chart_id, lang)["files"]
            assert files["zip"] == f"{chart_id}-{lang}.zip"
            assert (out / lang / chart_id / files["zip"]).is_file()


def test_zip_holds_the_csv_the_standalone_page_and_a_readme_identical_to_the_built_files(built):
    out, _ = built
    folder = out / "en" / "training-cost"
    with _open(folder / "training-cost-en.zip") as archive:
        names = set(archive.namelist())
        assert names == {"training-cost-en.csv", "training-cost-en.html", "README.md"}
        for name in names - {"README.md"}:
            assert archive.read(name) == (folder / name).read_bytes()


def test_rebuilding_the_bundles_gives_byte_identical_zips_with_fixed_timestamps(built, data):
    out, zips = built
    before = {z: z.read_bytes() for z in zips}
    again = bundle.write_bundles(data, out, chart_ids=SAMPLE_CHARTS, langs=list(LANGS))
    assert {z: z.read_bytes() for z in again} == before
    with _open(zips[0]) as archive:
        assert {info.date_time for info in archive.infolist()} == {bundle.ZIP_TIME}


@pytest.mark.parametrize("lang", LANGS)
def test_readme_quotes_every_plotted_row_verbatim_with_its_translation(built, data, lang):
    out, _ = built
    for chart_id in SAMPLE_CHARTS:
        with _open(out / lang / chart_id / f"{chart_id}-{lang}.zip") as archive:
            text = archive.read("README.md").decode("utf-8")
        rows = bundle.plotted_rows(_meta(out, chart_id, lang), data)
        assert rows, chart_id
        for plotted in rows:
            assert plotted.row["quote"] in text, (chart_id, plotted.row["id"])
            assert plotted.row["quote_en"] in text, (chart_id, plotted.row["id"])


@pytest.mark.parametrize("lang", LANGS)
def test_readme_names_title_sources_licence_and_citation_in_the_charts_language(built, data, lang):
    out, _ = built
    m = _meta(out, "param-scale", lang)
    with _open(out / lang / "param-scale" / f"param-scale-{lang}.zip") as archive:
        text = archive.read("README.md").decode("utf-8")
    assert text.startswith(f"# {m['title']}\n")
    assert m["caption"] in text
    for source in m["sources"]:
        assert data.sources[source["id"]][f"title_{lang}"] in text
        if source["url"]:
            assert source["url"] in text
    for ref in m["references"]:
        assert ref["title"] in text
    assert "CC BY 4.0" in text and "MIT" in text
    headings = {
        "zh": ["## 来源", "## 原文引语与英译", "## 许可", "## 如何引用"],
        "en": ["## Sources", "## Quotes and translations", "## Licence", "## How to cite"],
    }
    for heading in headings[lang]:
        assert f"\n{heading}\n" in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_the_readme_quotes_exactly_the_rows_the_meta_lists(data, rendered_charts, chart_id, lang):
    chart = rendered_charts[chart_id, lang, "light"]
    m = meta(chart, data, {})
    assert tuple(m["rows"]) == ROW_TABLES
    rows = bundle.plotted_rows(m, data)
    listed = [(table, key) for table in ROW_TABLES for key in m["rows"][table]]
    assert [(p.table, p.row["id"]) for p in rows] == listed and rows


def test_param_scale_bundle_quotes_the_emergence_thresholds_it_draws(built, data):
    out, _ = built
    thresholds = [r for r in data.figures.values() if r["group"] == "emergence-threshold"]
    for lang in LANGS:
        with _open(out / lang / "param-scale" / f"param-scale-{lang}.zip") as archive:
            text = archive.read("README.md").decode("utf-8")
            csv_text = archive.read(f"param-scale-{lang}.csv").decode("utf-8-sig")
        for row in thresholds:
            assert row["quote"] in text and row["quote_en"] in text
            assert row[f"subject_{lang}"] in csv_text


def test_a_meta_listing_a_row_the_dataset_lacks_is_an_error_naming_it(data):
    m = meta(render(data, "training-cost", "en", "light"), data, {})
    m["rows"]["figures"] = [*m["rows"]["figures"], "no-such-row"]
    with pytest.raises(ValueError, match=r"training-cost \(en\).*figures:no-such-row"):
        bundle.plotted_rows(m, data)


def test_deterministic_zip_stores_pngs_and_deflates_text():
    content = bundle.deterministic_zip([("b.txt", b"x" * 1000), ("a.png", b"\x89PNG" + b"y" * 1000)])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        infos = {i.filename: i for i in archive.infolist()}
        assert list(infos) == ["a.png", "b.txt"]  # sorted, whatever the input order
        assert infos["a.png"].compress_type == zipfile.ZIP_STORED
        assert infos["b.txt"].compress_type == zipfile.ZIP_DEFLATED
    assert bundle.deterministic_zip([("a.png", b"\x89PNG" + b"y" * 1000), ("b.txt", b"x" * 1000)]) == content


def test_missing_chart_build_is_an_error_naming_the_meta_file(data, tmp_path):
    (tmp_path / "en" / "timeline").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match=r"timeline-en\.meta\.json.*build the charts first"):
        bundle.write_bundles(data, tmp_path, chart_ids=["timeline"], langs=["en"])


@pytest.mark.slow  # exports PNG and SVG images in Chromium
def test_zip_carries_light_and_dark_png_and_svg_and_transparent_variants_when_built(data, tmp_path):
    out = tmp_path / "out"
    report = write_outputs(
        data, out, chart_ids=["training-cost"], langs=["zh"], transparent=True, progress=False
    )
    assert not report.images_skipped, report.images.messages
    (path,) = bundle.write_bundles(data, out, chart_ids=["training-cost"], langs=["zh"])
    with _open(path) as archive:
        names = set(archive.namelist())
        readme = archive.read("README.md").decode("utf-8")
    for fmt in ("png", "svg"):
        for scheme in ("light", "dark", "light-transparent", "dark-transparent"):
            assert f"training-cost-zh-{scheme}.{fmt}" in names
            assert f"`training-cost-zh-{scheme}.{fmt}`" in readme
