"""The helpers the browser tests count and compare with (no browser needed): points plotly draws
for a figure, decoded typed arrays, CSS colours, and the page list."""

from __future__ import annotations

import base64
import struct

import pytest

from tests.browser.site import css_rgb, drawn_points, page_paths, values


def typed(code: str, dtype: str, numbers: list[float]) -> dict:
    packed = struct.pack(f"<{len(numbers)}{code}", *numbers)
    return {"dtype": dtype, "bdata": base64.b64encode(packed).decode()}


def test_values_decodes_plotly_base64_typed_arrays():
    assert values(typed("d", "f8", [1.5, 2.0])) == [1.5, 2.0]
    assert values(typed("i", "i4", [3, -4])) == [3, -4]


def test_drawn_points_counts_markers_and_bars_but_not_lines_text_or_missing_values():
    figure = {
        "data": [
            {"type": "scatter", "mode": "markers+text", "x": [1, 2, 3], "y": [1, None, 3]},
            {"type": "scatter", "mode": "lines", "x": [1, 2], "y": [1, 2]},
            {"type": "scatter", "mode": "text", "x": [1], "y": [1]},
            {"type": "scatter", "mode": "markers", "x": [None], "y": [None]},  # a legend entry
            {"type": "bar", "x": [["2022", "2023"], ["a", "b"]], "y": [5, 6]},  # multi-category axis
            {"type": "bar", "x": [None], "y": [None]},
            {"type": "scatter", "x": typed("d", "f8", [1.0, float("nan")]), "y": [1, 2]},  # mode default
            {"type": "scatter", "mode": "markers", "y": [7, 8], "visible": "legendonly"},
        ]
    }
    assert drawn_points(figure) == 2 + 2 + 1


def test_drawn_points_refuses_a_trace_type_it_does_not_know():
    with pytest.raises(AssertionError, match="pie"):
        drawn_points({"data": [{"type": "pie", "values": [1, 2]}]})


@pytest.mark.parametrize(
    ("css", "rgb"),
    [
        ("#1e2029", (30, 32, 41)),
        ("#fff", (255, 255, 255)),
        ("rgb(30, 32, 41)", (30, 32, 41)),
        ("rgba(30, 32, 41, 0.5)", (30, 32, 41)),
    ],
)
def test_css_rgb_reads_hex_and_rgb_colours(css: str, rgb: tuple[int, int, int]):
    assert css_rgb(css) == rgb


def test_page_paths_are_url_paths_of_every_markdown_page():
    paths = page_paths("en")
    assert "" in paths and "topics/" in paths
    assert all(path == "" or path.endswith("/") for path in paths)
    assert not any(path.endswith("index/") or ".md" in path for path in paths)
