"""build_charts.py, as a user runs it: options, output, determinism, bad data, missing browser."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from charts.build import CHART_IDS
from charts.export import ImageJob, ImagePrefetch, export_images
from devtools.chromium import CHROMIUM
from tests.sample_data import PROJECT

SCRIPT = PROJECT / "build_charts.py"
DATA = PROJECT / "data"
FAST = ["--formats", "json,html,csv", "--no-progress"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder (hidden ones too) with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """JSON, HTML and CSV of every chart in both languages, built once for the module."""
    out = tmp_path_factory.mktemp("build") / "charts"
    result = run("--out", str(out), *FAST)
    assert result.returncode == 0, result.stderr
    return out


def test_help_explains_every_option_and_the_exit_codes():
    result = run("--help")
    assert result.returncode == 0
    for option in ("--out", "--charts", "--langs", "--formats", "--schemes", "--transparent", "--list"):
        assert option in result.stdout
    assert "exit status" in result.stdout and "chromium" in result.stdout


def test_list_names_every_chart():
    result = run("--list")
    assert result.returncode == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == CHART_IDS


def test_a_full_build_writes_every_chart_in_both_languages(built):
    for lang in ("zh", "en"):
        for chart_id in CHART_IDS:
            folder = built / lang / chart_id
            names = {p.name for p in folder.iterdir()}
            assert {
                f"{chart_id}-{lang}-light.json",
                f"{chart_id}-{lang}-dark.json",
                f"{chart_id}-{lang}.html",
                f"{chart_id}-{lang}.csv",
                f"{chart_id}-{lang}.meta.json",
            } <= names


def test_the_same_data_builds_byte_identical_json_html_and_csv(built, tmp_path):
    again = tmp_path / "again"
    assert run("--out", str(again), *FAST).returncode == 0
    assert snapshot(again) == snapshot(built)


def test_the_csv_is_excel_friendly_and_localised(built):
    raw = (built / "zh" / "param-scale" / "param-scale-zh.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads the Chinese"
    zh = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    en = list(
        csv.reader((built / "en" / "param-scale" / "param-scale-en.csv").read_text("utf-8-sig").splitlines())
    )
    assert zh[0][0] == "模型" and en[0][0] == "Model"
    assert any(cell.endswith("亿") for row in zh[1:] for cell in row)
    assert any(cell.endswith("billion") for row in en[1:] for cell in row)
    assert len(zh) == len(en)


def test_options_choose_charts_languages_and_formats(tmp_path):
    out = tmp_path / "subset"
    result = run("--out", str(out), "--charts", "timeline,training-cost", "--langs", "en", "--formats", "csv")
    assert result.returncode == 0, result.stderr
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name[0] != ".")
    assert files == [
        "en/timeline/timeline-en.csv",
        "en/timeline/timeline-en.meta.json",
        "en/training-cost/training-cost-en.csv",
        "en/training-cost/training-cost-en.meta.json",
    ]


def test_an_unknown_chart_is_a_usage_error_listing_the_valid_ones(tmp_path):
    result = run("--out", str(tmp_path / "x"), "--charts", "pie")
    assert result.returncode == 2
    assert "pie" in result.stderr and "timeline" in result.stderr
    assert not (tmp_path / "x").exists()


def test_bad_data_lists_every_problem_exits_1_and_leaves_the_output_untouched(built, tmp_path):
    out = tmp_path / "charts"
    shutil.copytree(built, out)
    before = snapshot(out)
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    models = data / "models.csv"
    rows = list(csv.DictReader(models.open(encoding="utf-8")))
    rows[0]["params_billion"] = "-5"
    rows[1]["source"] = "no-such-article"
    rows[2]["release_date"] = "2023-02-30"
    with models.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    result = run("--out", str(out), "--data", str(data), *FAST)

    assert result.returncode == 1
    for field, value in (
        ("params_billion", "-5"),
        ("source", "no-such-article"),
        ("release_date", "2023-02-30"),
    ):
        line = next(line for line in result.stderr.splitlines() if value in line)
        assert "models.csv" in line and field in line
    assert ":2:" in result.stderr and ":3:" in result.stderr and ":4:" in result.stderr  # CSV lines
    assert "unchanged" in result.stderr
    assert snapshot(out) == before


def test_a_folder_not_made_by_the_command_is_never_replaced(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    result = run("--out", str(tmp_path / "mine"), *FAST)
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_without_a_browser_the_command_says_what_to_install_and_writes_the_rest(tmp_path):
    out = tmp_path / "charts"
    # No browser anywhere: a BROWSER_PATH that does not exist, and a PATH that holds only fc-list
    # (so the Chinese-font check still works), no chrome or chromium.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "fc-list").symlink_to(shutil.which("fc-list"))
    no_browser = {"BROWSER_PATH": "/nonexistent/chromium", "PATH": str(bin_dir)}
    result = run(
        "--out", str(out), "--charts", "training-cost", "--formats", "json,csv,png",
        "--no-cache", "--no-progress", env=no_browser,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "sudo apt-get install -y chromium fonts-noto-cjk" in result.stderr
    assert "Google Chrome" in result.stderr and "BROWSER_PATH" in result.stderr
    assert "CJK" not in result.stderr, "the font check still found the Chinese font"
    for lang in ("zh", "en"):
        folder = out / lang / "training-cost"
        assert (folder / f"training-cost-{lang}-light.json").exists()
        assert (folder / f"training-cost-{lang}.csv").exists()
        assert not list(folder.glob("*.png"))
        assert '"png"' not in (folder / f"training-cost-{lang}.meta.json").read_text()


def test_without_a_chinese_font_only_images_showing_chinese_are_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr("charts.export.cjk_font_available", lambda: False)
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent")
    zh = ImageJob({"layout": {"title": {"text": "参数量"}}}, tmp_path / "zh.png", "png", 960, 540)
    en = ImageJob(
        {"data": [{"hovertext": ["原文"]}], "layout": {"title": {"text": "Parameters"}}},
        tmp_path / "en.png",
        "png",
        960,
        540,
    )
    assert zh.has_chinese and not en.has_chinese, "hover text never appears in an image"
    result = export_images([zh], progress=False, cache_dir=None)
    assert result.skipped == [tmp_path / "zh.png"]
    assert "fonts-noto-cjk" in result.messages[0]


# --- real image export (slow) ---------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def chinese_fonts() -> set[str]:
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return {name.strip() for line in out.stdout.splitlines() for name in line.split(",")}


@pytest.mark.slow  # exports PNG and SVG images in Chromium
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM} (or $HMW_CHROMIUM)")
def test_png_and_svg_export_as_1920x1080_slides_with_a_real_chinese_font(tmp_path):
    out = tmp_path / "charts"
    result = run(
        "--out", str(out), "--charts", "training-cost", "--formats", "png,svg", "--schemes", "light",
        "--no-cache", "--no-progress", env={"BROWSER_PATH": CHROMIUM},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for lang in ("zh", "en"):
        png = out / lang / "training-cost" / f"training-cost-{lang}-light.png"
        assert png_size(png) == (1920, 1080)
    svg = (out / "zh" / "training-cost" / "training-cost-zh-light.svg").read_text(encoding="utf-8")
    assert "训练一次要花多少钱" in svg, "the Chinese title is text in the SVG"
    # The font the SVG asks for first is installed and covers Chinese, so no empty boxes.
    assert "Noto Sans CJK SC" in svg
    assert "Noto Sans CJK SC" in chinese_fonts()


@pytest.mark.slow  # exports PNG images in Chromium
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM} (or $HMW_CHROMIUM)")
def test_images_share_one_page_load_per_tab_and_none_leaves_a_trace_on_the_next(tmp_path, monkeypatch):
    from kaleido._kaleido_tab._tab import _KaleidoTab

    reloads = []
    original = _KaleidoTab.reload

    async def counted(self):
        reloads.append(self)
        await original(self)

    monkeypatch.setattr(_KaleidoTab, "reload", counted)
    bars = {"data": [{"type": "bar", "x": ["a", "b"], "y": [1, 3]}], "layout": {"title": {"text": "A"}}}
    dots = {"data": [{"type": "scatter", "x": [1, 2], "y": [2, 1]}], "layout": {"title": {"text": "B"}}}
    jobs = [
        ImageJob(figure, tmp_path / f"{i}.png", "png", 300, 200)
        for i, figure in enumerate([bars, dots, bars, dots, bars])
    ]
    result = export_images(jobs, progress=False, cache_dir=None, browser=CHROMIUM)
    assert result.rendered == 5
    assert not reloads, "plotly.js is parsed once per tab, not once per image"
    first, again = (tmp_path / "0.png").read_bytes(), (tmp_path / "4.png").read_bytes()
    assert first == again == (tmp_path / "2.png").read_bytes()
    assert first != (tmp_path / "1.png").read_bytes()


@pytest.mark.slow  # exports PNG and SVG images in Chromium
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM} (or $HMW_CHROMIUM)")
def test_a_prefetch_renders_into_the_cache_the_images_an_export_then_only_copies(tmp_path):
    bars = {"data": [{"type": "bar", "x": ["a", "b"], "y": [1, 3]}], "layout": {"title": {"text": "A"}}}
    jobs = [ImageJob(bars, tmp_path / "out" / f"bars.{fmt}", fmt, 300, 200) for fmt in ("png", "svg")]
    prefetch = ImagePrefetch(tmp_path / "cache", CHROMIUM)
    prefetch.submit(jobs[:1])
    prefetch.submit(jobs)  # a job submitted twice is rendered once
    prefetch.wait()
    assert sorted(p.suffix for p in (tmp_path / "cache").iterdir()) == [".png", ".svg"]
    result = export_images(jobs, progress=False, cache_dir=tmp_path / "cache", browser="/nonexistent")
    assert (result.from_cache, result.rendered) == (2, 0)
    assert (tmp_path / "out" / "bars.png").read_bytes().startswith(b"\x89PNG")


def test_a_prefetch_with_nothing_to_do_starts_no_browser(tmp_path):
    prefetch = ImagePrefetch(tmp_path / "cache", "/nonexistent/chromium")
    prefetch.wait()  # no job: the browser was never asked for
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("open_now", [True, False])
def test_a_prefetch_told_to_open_now_starts_its_browser_before_any_job(tmp_path, open_now):
    started = tmp_path / "started"
    browser = tmp_path / "browser"  # stands in for Chromium: notes that it was started, then fails
    browser.write_text(f"#!/bin/sh\ntouch {started}\nexit 1\n")
    browser.chmod(0o755)
    prefetch = ImagePrefetch(tmp_path / "cache", str(browser), open_now=open_now)
    prefetch.wait()  # no job submitted
    assert started.exists() == open_now


def test_a_prefetch_draws_in_a_process_of_its_own(tmp_path):
    """Its browser session's Python does not take turns with the build's under one GIL."""
    started = tmp_path / "started"
    browser = tmp_path / "browser"
    browser.write_text(f"#!/bin/sh\necho $PPID > {started}\nexit 1\n")
    browser.chmod(0o755)
    prefetch = ImagePrefetch(tmp_path / "cache", str(browser), open_now=True)
    prefetch.wait()
    assert int(started.read_text()) != os.getpid()


def test_an_image_cache_with_nothing_in_it_is_empty(tmp_path):
    assert ImagePrefetch.cache_is_empty(tmp_path / "none")
    (tmp_path / "cache").mkdir()
    assert ImagePrefetch.cache_is_empty(tmp_path / "cache")
    (tmp_path / "cache" / "0123.png").write_bytes(b"")
    assert not ImagePrefetch.cache_is_empty(tmp_path / "cache")


def test_a_prefetch_that_cannot_start_its_browser_leaves_the_export_to_say_why(tmp_path):
    dots = {"data": [{"type": "scatter", "x": [1, 2], "y": [2, 1]}], "layout": {}}
    job = ImageJob(dots, tmp_path / "out" / "dots.png", "png", 300, 200)
    prefetch = ImagePrefetch(tmp_path / "cache", "/nonexistent/chromium")
    prefetch.submit([job])
    prefetch.wait()  # no exception here: the export that follows meets the same problem
    result = export_images(
        [job], progress=False, cache_dir=tmp_path / "cache", browser="/nonexistent/chromium"
    )
    assert result.skipped == [job.path] and "Could not start the browser" in result.messages[0]
