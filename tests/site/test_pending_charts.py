"""hmw_site/pending_charts.py: a build writes the chart folder on a thread while it renders the pages,
and the chart files join the site only once they are written, whatever happens to the write."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from charts.update import UpdateReport
from hmw_site.pending_charts import ChartFile, PendingCharts


class SlowPlan:
    """A planned update whose write makes the given files once it is let go (``release``)."""

    def __init__(self, files: dict[Path, bytes], error: Exception | None = None) -> None:
        self.langs = ["zh"]
        self.digests = {"zh/timeline": "digest"}
        self.files, self.error = files, error
        self.release = threading.Event()
        self.metas_read_before_writing = False

    def metas(self, lang: str) -> dict[str, Any]:
        self.metas_read_before_writing = not self.release.is_set()
        return {"timeline": {"meta": {"title": "T"}, "figure": {}}}

    def write(self) -> UpdateReport:
        assert self.release.wait(10)
        if self.error:
            raise self.error
        for path, content in self.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return UpdateReport(rebuilt=["zh/timeline"])


def chart_file(site: Path, source: Path, pending: PendingCharts | None) -> ChartFile:
    """A chart file as the site adds it (generated, from the chart folder)."""
    file = ChartFile(
        f"assets/charts/{source.name}", src_dir=None, dest_dir=str(site), use_directory_urls=True
    )
    file.abs_src_path = str(source)
    file.pending = pending
    return file


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tmp_path / "site"


def test_a_chart_file_is_copied_only_once_the_write_has_made_it(tmp_path: Path, site: Path):
    source = tmp_path / "charts" / "timeline-zh-light.png"
    plan = SlowPlan({source: b"png"})
    pending = PendingCharts(plan)  # type: ignore[arg-type]
    file = chart_file(site, source, pending)

    file.copy_file()  # MkDocs copies its static files while the write is still under way
    assert not Path(file.abs_dest_path).exists()

    plan.release.set()
    report = pending.finish()
    assert report.rebuilt == ["zh/timeline"]
    assert Path(file.abs_dest_path).read_bytes() == b"png"
    assert plan.metas_read_before_writing  # a chart left as it was is read before it is replaced


def test_an_error_in_the_write_fails_the_build_at_the_end_and_copies_nothing(tmp_path: Path, site: Path):
    source = tmp_path / "charts" / "timeline-zh-light.png"
    plan = SlowPlan({source: b"png"}, error=RuntimeError("disk full"))
    pending = PendingCharts(plan)  # type: ignore[arg-type]
    file = chart_file(site, source, pending)
    file.copy_file()
    plan.release.set()
    with pytest.raises(RuntimeError, match="disk full"):
        pending.finish()
    assert not Path(file.abs_dest_path).exists()


def test_an_image_the_export_could_not_make_is_left_out_not_a_crash(tmp_path: Path, site: Path):
    made = tmp_path / "charts" / "timeline-zh.csv"
    missing = tmp_path / "charts" / "timeline-zh-light.png"  # the export skipped it (its warning says why)
    plan = SlowPlan({made: b"csv"})
    pending = PendingCharts(plan)  # type: ignore[arg-type]
    files = [chart_file(site, made, pending), chart_file(site, missing, pending)]
    for file in files:
        file.copy_file()
    plan.release.set()
    pending.finish()
    assert Path(files[0].abs_dest_path).read_bytes() == b"csv"
    assert not Path(files[1].abs_dest_path).exists()


def test_without_a_pending_write_a_chart_file_is_copied_at_once(tmp_path: Path, site: Path):
    source = tmp_path / "charts" / "timeline-zh.csv"
    source.parent.mkdir()
    source.write_bytes(b"csv")
    file = chart_file(site, source, None)
    file.copy_file()
    assert Path(file.abs_dest_path).read_bytes() == b"csv"


def test_the_metas_come_from_the_plan(tmp_path: Path):
    plan = SlowPlan({})
    pending = PendingCharts(plan)  # type: ignore[arg-type]
    plan.release.set()
    pending.finish()
    assert pending.metas == {"zh": {"timeline": {"meta": {"title": "T"}, "figure": {}}}}
    assert pending.digests == {"zh/timeline": "digest"}
