"""A dark image is made from the light plot, recoloured, when its figure is the light figure with
each colour swapped for one dark colour (charts/recolour.py); it is then the image the dark figure's
own plot gives."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

import pytest

from charts.build import chart_plan, file_names, from_light_plots
from charts.export import RENDER_TIMEOUT, ImageJob, basic_plotly_js, draw, drawings
from charts.i18n import ALL_LANGS
from charts.image_session import ImageSession
from charts.recolour import recolouring
from charts.registry import CHART_IDS, SCHEMES, render
from devtools.chromium import CHROMIUM
from tests.charts.test_image_session import without_random_ids


def a_figure(hover: str = "#ffffff") -> dict:
    """Text; a marker and a bar in one blue, a marker in orange; a band; a hover label; a label's HTML."""
    return {
        "data": [
            {"type": "scatter", "x": [1, 2], "y": [3, 4], "marker": {"color": ["#0072B2", "#E69F00"]}},
            {
                "type": "bar",
                "x": [1],
                "y": [2],
                "marker": {"color": "#0072B2"},
                "hoverlabel": {"bgcolor": hover},
            },
        ],
        "layout": {
            "font": {"color": "#212121"},
            "shapes": [
                {"type": "rect", "fillcolor": "rgba(0, 114, 178, 0.07)", "x0": 0, "x1": 1, "y0": 0, "y1": 1}
            ],
            "annotations": [{"text": "GPT-4 <span style='color:#5f5f5f'>OpenAI</span>", "x": 1, "y": 3}],
        },
    }


def dark_of(figure: dict, swaps: dict[str, str]) -> dict:
    """The figure with some of its colour strings replaced, wherever they stand."""
    text = repr(figure)
    for light, dark in swaps.items():
        text = text.replace(light, dark)
    return eval(text)  # our own repr of plain data


def test_a_figure_swapped_colour_by_colour_is_a_recolouring_as_the_svg_writes_colours():
    light = a_figure()
    dark = dark_of(light, {"#212121": "#bfc0c7", "#0072B2": "#56B4E9", "#5f5f5f": "#9a9ba3"})
    swaps = dict(recolouring(light, dark) or {})
    assert swaps["rgb(33, 33, 33)"] == "rgb(191, 192, 199)"
    assert swaps["rgb(0, 114, 178)"] == "rgb(86, 180, 233)"
    assert swaps["#5f5f5f"] == "#9a9ba3", "a colour in a label's HTML reaches the SVG as written"
    assert swaps["rgb(230, 159, 0)"] == "rgb(230, 159, 0)", "a colour that stays is kept from other swaps"


def test_a_translucent_colour_is_swapped_with_its_opacity():
    light = a_figure()
    dark = dark_of(light, {"rgba(0, 114, 178, 0.07)": "rgba(86, 180, 233, 0.09)"})
    swaps = dict(recolouring(light, dark) or {})
    assert (
        swaps["fill: rgb(0, 114, 178); fill-opacity: 0.07"] == "fill: rgb(86, 180, 233); fill-opacity: 0.09"
    )
    assert swaps["rgb(0, 114, 178)"] == "rgb(0, 114, 178)", "the opaque blue is another colour"


def test_hover_labels_never_reach_an_image_so_their_colours_do_not_count():
    assert recolouring(a_figure(), a_figure(hover="#2e303e")) is not None


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f["data"][0].update(y=[3, 5]),  # a value
        lambda f: f["layout"]["annotations"][0].update(text="GPT-4"),  # a text
        lambda f: f["layout"].update(showlegend=False),  # a key
        lambda f: f["data"].pop(),  # a trace
        lambda f: f["data"][1]["marker"].update(color="#F0E442"),  # one blue, two dark colours
        lambda f: f["data"][1]["marker"].update(color="rgba(86, 180, 233, 0.3)"),  # made translucent
        lambda f: f["data"][1]["marker"].update(color="rgba(86, 180, 233, 50%)"),  # a form not read
    ],
)
def test_figures_that_differ_in_more_than_a_one_to_one_recolouring_are_not_one(change: Any):
    light = a_figure()
    dark = dark_of(light, {"#0072B2": "#56B4E9"})
    change(dark)
    assert recolouring(light, dark) is None


def test_a_dark_image_joins_the_light_plots_drawing_only_when_it_is_a_recolouring(tmp_path: Path):
    light, dark = a_figure(), dark_of(a_figure(), {"#0072B2": "#56B4E9"})
    not_a_recolouring = copy.deepcopy(dark)
    not_a_recolouring["data"][1]["marker"]["color"] = "#F0E442"
    names = file_names("c", "en")
    jobs = [
        ImageJob(light, Path(names["svg"]["light"]), "svg", 960, 540),
        ImageJob(dark, Path(names["svg"]["dark"]), "svg", 960, 540),
        ImageJob(light, Path(names["phone"]["light"]), "svg", 340, 500),
        ImageJob(not_a_recolouring, Path(names["phone"]["dark"]), "svg", 340, 500),
    ]
    made = from_light_plots(jobs, names)
    assert made[1].plotted is light and made[1].figure is dark
    assert made[3].recoloured_from is None, "one light blue for two dark colours"
    assert drawings(made) == [[made[0], made[1]], [made[2]], [made[3]]]


def test_every_chart_is_recoloured_in_every_language(data: Any):
    """Each scheme gives every role its own colour, so no dark image needs a plot of its own."""
    for lang in ALL_LANGS:
        for chart_id in CHART_IDS:
            by_scheme = {s: render(data, chart_id, lang, s) for s in SCHEMES}
            dark = [job for job in chart_plan(by_scheme).images if "-dark" in job.path.name]
            assert dark and all(job.recoloured_from for job in dark), (lang, chart_id)


@pytest.mark.slow  # plots every chart's dark figures in Chromium
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM} (or $HMW_CHROMIUM)")
def test_a_recoloured_dark_svg_is_the_one_the_dark_figures_own_plot_gives(data: Any):
    jobs = [
        job
        for lang in ALL_LANGS
        for chart_id in CHART_IDS
        for job in chart_plan({s: render(data, chart_id, lang, s) for s in SCHEMES}, transparent=True).images
        if job.recoloured_from and job.format == "svg"
    ]

    async def both(session: ImageSession, job: ImageJob) -> tuple[bytes, bytes]:
        own = await session.draw(job.figure, job.width, job.height, [("svg", 1, (), job.figure)])
        return own[0], (await draw(session, [job]))[0]

    async def run() -> list[tuple[bytes, bytes]]:
        session = ImageSession(tabs=2, timeout=RENDER_TIMEOUT, plotlyjs=basic_plotly_js([]), browser=CHROMIUM)
        await session.open()
        try:
            return await asyncio.gather(*(both(session, job) for job in jobs))
        finally:
            await session.close()

    assert (
        len(jobs) == len(ALL_LANGS) * len(CHART_IDS) * 3
    )  # the slide's SVG, its transparent one, the phone's
    for job, (own, recoloured) in zip(jobs, asyncio.run(run()), strict=True):
        assert without_random_ids(recoloured) == without_random_ids(own), job.path.name
