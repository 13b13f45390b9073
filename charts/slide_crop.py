"""Where the drawn title block of an exported chart image ends, so a slide can crop it off and show
the title as real text instead: the middle of the blank band between the subtitle and the plot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from PIL import Image, ImageChops

from charts.frame import image_figure
from charts.registry import render

BLANK_ROW_LEVEL = 8  # a row is blank when no pixel differs from the background by more than this
MIN_BAND = 12  # pixels: the blank band under the subtitle is at least this tall at 2× scale


def _blank_rows(image: Image.Image, rows: int) -> list[bool]:
    """For each of the first `rows` pixel rows: True when the row is only background (the top-left
    pixel's colour). Only the head of the image is looked at: the title block is above the plot.
    Done in Pillow's C code: a pixel is inked where a channel differs by more than BLANK_ROW_LEVEL,
    and the image's row projection says which rows hold an inked pixel."""
    rgb = image.crop((0, 0, image.width, min(rows, image.height))).convert("RGB")
    background = Image.new("RGB", rgb.size, rgb.getpixel((0, 0)))
    red, green, blue = ImageChops.difference(rgb, background).split()
    furthest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    inked = furthest.point(lambda level: 255 if level > BLANK_ROW_LEVEL else 0)
    _, rows_inked = inked.getprojection()
    return [not row for row in rows_inked]


def title_crop(png: Path | BinaryIO, plot_top: float) -> float:
    """The fraction of the image height taken by its drawn title and subtitle: the middle of the
    last blank band above the plot (``plot_top``, a fraction of the height). 0 when there is none."""
    with Image.open(png) as image:
        height = image.height
        limit = int(plot_top * height)
        blank = _blank_rows(image, limit + 1)
    bands, start = [], None
    for y, is_blank in enumerate(blank[: limit + 1]):
        if is_blank and start is None:
            start = y
        elif not is_blank and start is not None:
            bands.append((start, y))
            start = None
    if start is not None:
        bands.append((start, limit))
    inked = next((y for y, b in enumerate(blank) if not b), 0)
    bands = [(a, b) for a, b in bands if b - a >= MIN_BAND and a > inked]
    if not bands:
        return 0.0
    a, b = bands[-1]
    return (a + b) / 2 / height


def plot_top(meta: dict[str, Any], data: Any) -> float:
    """Where the plot area starts in the exported image, as a fraction of its height (from the
    layout charts/frame.py gives the image)."""
    chart = render(data, meta["id"], meta["lang"], "light")
    figure = image_figure(chart)
    return figure.layout.margin.t / figure.layout.height
