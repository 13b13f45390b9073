"""A chart's PNG and SVG are drawn from one plot, and are the images kaleido itself would make."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from charts.export import ImageJob, drawings, export_images
from devtools.chromium import CHROMIUM

FIGURE = {
    "data": [
        {"type": "bar", "name": "训练", "x": ["a", "b"], "y": [1, 3]},
        {"type": "scatter", "name": "推理", "x": ["a", "b"], "y": [2, 1]},
    ],
    "layout": {"title": {"text": "参数 Parameters"}, "showlegend": True},
}


def kaleido_images(jobs: list[ImageJob]) -> list[bytes]:
    """What kaleido's public calc_fig makes of each job: a plot per image."""
    import kaleido

    async def run() -> list[bytes]:
        async with kaleido.Kaleido(n=1, path=CHROMIUM) as session:
            return [
                await session.calc_fig(
                    job.figure,
                    opts={"format": job.format, "width": job.width, "height": job.height, "scale": job.scale},
                )
                for job in jobs
            ]

    return asyncio.run(run())


RANDOM_ID = re.compile(r"(?<=[a-z-])[0-9a-f]{6}(?![0-9a-f])")  # clip7f3a2bxy, trace82075f, p3ed3b4-53802f


def without_random_ids(svg: bytes) -> str:
    """plotly names clip paths, traces and patterns with random hex ids, different on every draw
    (and a pattern's with a hash of its colours): each becomes ID<n>, n counting them in the order
    they first appear, so two plots of one figure compare equal."""
    named: dict[str, str] = {}
    return RANDOM_ID.sub(
        lambda found: named.setdefault(found.group(0), f"ID{len(named)}"), svg.decode("utf-8")
    )


def test_a_figures_png_and_svg_at_one_size_form_one_drawing_and_others_do_not(tmp_path):
    other = dict(FIGURE)
    png = ImageJob(FIGURE, tmp_path / "a.png", "png", 960, 540, 2)
    svg = ImageJob(FIGURE, tmp_path / "a.svg", "svg", 960, 540)
    phone = ImageJob(FIGURE, tmp_path / "phone.svg", "svg", 340, 500)
    copy = ImageJob(other, tmp_path / "b.png", "png", 960, 540, 2)
    assert drawings([png, phone, svg, copy]) == [[png, svg], [phone], [copy]]


@pytest.mark.slow  # exports images in Chromium
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM} (or $HMW_CHROMIUM)")
def test_one_plot_gives_the_png_and_svg_kaleido_would_draw_from_two(tmp_path, monkeypatch):
    import kaleido

    plots_by_kaleido = []
    original = kaleido.Kaleido.calc_fig

    async def counted(self, *args, **kwargs):
        plots_by_kaleido.append(args)
        return await original(self, *args, **kwargs)

    jobs = [
        ImageJob(FIGURE, tmp_path / "chart.png", "png", 960, 540, 2),
        ImageJob(FIGURE, tmp_path / "chart.svg", "svg", 960, 540),
    ]
    expected = kaleido_images(jobs)
    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", counted)
    result = export_images(jobs, progress=False, cache_dir=None, browser=CHROMIUM)
    assert result.rendered == 2 and not plots_by_kaleido, "both images came from the one drawing"
    png, svg = (tmp_path / "chart.png").read_bytes(), (tmp_path / "chart.svg").read_bytes()
    assert png == expected[0], "the PNG is kaleido's, byte for byte"
    assert svg != expected[1], "plotly's random ids differ between any two plots"
    assert without_random_ids(svg) == without_random_ids(expected[1])
    assert "参数 Parameters" in svg.decode("utf-8")
