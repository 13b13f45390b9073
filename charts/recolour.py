"""A dark image made from the light drawing, recoloured, when the two figures differ only in colour.

Every chart is exported in both colour schemes, and a plot is most of an image's cost in the
browser. Most charts' dark figure is their light figure with each colour swapped for its dark
counterpart (charts/theme.py gives every role a colour per scheme): the same marks, at the same
places, with the same text. For those, the light plot's SVG with its colours replaced is the dark
plot's SVG, so one plot gives both images (charts/image_session.py).

``recolouring(light, dark)`` says whether that holds and how, by walking the two figures side by
side: every value but a colour must be equal, and each light colour, as the SVG writes it, must
stand for one dark colour everywhere (a translucent one with its opacity: a band at 7 % in light
and 9 % in dark). What never reaches an image (hover labels) is not compared. Colours written
inside a label's HTML (``<span style='color:#5f5f5f'>``) reach the SVG as written, and are swapped
as written. Anything else gives None, and the dark figure is plotted itself.
tests/charts/test_recolour.py checks, chart by chart, that the recoloured SVG is the one the dark
figure's own plot gives; the swap itself is done in the browser (DRAW_JS in charts/image_session.py).
"""

from __future__ import annotations

import re
from typing import Any

COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\([^()]*\)")
# What a static image never draws: the hover texts and their styling (`meta` stays: a text template
# may print it). Neither a recolouring nor an image's cache key (charts/export.py) looks at them.
NOT_DRAWN = frozenset({"hovertext", "hovertemplate", "hoverlabel", "hoverinfo"})
Colours = tuple[tuple[str, str], ...]  # (light, dark) as the SVG writes them, sorted


class NotARecolouring(Exception):
    """The figures differ in more than colour."""


def _rgb_and_alpha(colour: str) -> tuple[str, float]:
    """A colour as plotly's SVG writes it: ``rgb(r, g, b)``, and its opacity. A form this does not
    read (a percentage) is not a recolouring."""
    try:
        if colour.startswith("#"):
            digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
            return f"rgb({', '.join(str(int(digits[i : i + 2], 16)) for i in (0, 2, 4))})", 1.0
        values = [v.strip() for v in colour[colour.index("(") + 1 : -1].split(",")]
        channels = [str(int(v)) for v in values[:3]]
        return f"rgb({', '.join(channels)})", float(values[3]) if len(values) == 4 else 1.0
    except ValueError:
        raise NotARecolouring from None


def _js_number(value: float) -> str:
    """A number as JavaScript prints it (plotly writes opacities so): 0.07, 1, 0."""
    return str(int(value)) if value.is_integer() else repr(value)


def _svg_swaps(light: tuple[str, float], dark: tuple[str, float]) -> list[tuple[str, str]]:
    """What to swap in the SVG for a colour given as a whole value: its ``rgb(r, g, b)``, or, for
    a translucent one, each of the declarations the SVG writes it as (the colour, then its opacity:
    ``fill: rgb(0, 114, 178); fill-opacity: 0.07``)."""
    (a, alpha_a), (b, alpha_b) = light, dark
    if alpha_a == 1:
        return [(a, b)]
    return [
        (
            f"{prop}: {a}; {prop}-opacity: {_js_number(alpha_a)}",
            f"{prop}: {b}; {prop}-opacity: {_js_number(alpha_b)}",
        )
        for prop in ("fill", "stroke")
    ]


def _pairs(light: Any, dark: Any, found: list[tuple[str, str, bool]]) -> None:
    """Every (light colour, dark colour, whole value?) at the same place in the two figures."""
    if isinstance(light, dict) and isinstance(dark, dict):
        if light.keys() != dark.keys():
            raise NotARecolouring
        for key in light:
            if key not in NOT_DRAWN:
                _pairs(light[key], dark[key], found)
    elif isinstance(light, list) and isinstance(dark, list):
        if len(light) != len(dark):
            raise NotARecolouring
        for a, b in zip(light, dark, strict=True):
            _pairs(a, b, found)
    elif isinstance(light, str) and isinstance(dark, str):
        if COLOUR.sub("", light) != COLOUR.sub("", dark):
            raise NotARecolouring
        whole = COLOUR.fullmatch(light) is not None
        found += [(a, b, whole) for a, b in zip(COLOUR.findall(light), COLOUR.findall(dark), strict=True)]
    elif light != dark or type(light) is not type(dark):
        raise NotARecolouring


def recolouring(light: dict[str, Any], dark: dict[str, Any]) -> Colours | None:
    """How the light figure's SVG becomes the dark figure's: (light, dark) colour strings to swap,
    as the SVG writes them; None when the figures differ in more than a one-to-one recolouring."""
    found: list[tuple[str, str, bool]] = []
    whole: dict[tuple[str, float], tuple[str, float]] = {}  # light colour and opacity -> dark
    inline: dict[str, str] = {}  # a colour in a label's HTML, as written -> dark
    try:
        _pairs(light, dark, found)
        for a, b, is_whole in found:
            if not is_whole:
                if inline.setdefault(a, b) != b:
                    return None  # one light colour stands for two dark ones
                continue
            parsed_a, parsed_b = _rgb_and_alpha(a), _rgb_and_alpha(b)
            if whole.setdefault(parsed_a, parsed_b) != parsed_b or (parsed_a[1] == 1) != (parsed_b[1] == 1):
                return None  # two dark ones, or an opaque colour made translucent (or back)
    except NotARecolouring:
        return None
    swaps = dict(inline)
    for parsed_a, parsed_b in whole.items():
        for key, value in _svg_swaps(parsed_a, parsed_b):
            if swaps.setdefault(key, value) != value:
                return None  # a label's HTML writes a colour as the SVG writes another
    # Colours that stay are swapped for themselves: a translucent black kept as it is must not be
    # taken for the opaque black that becomes yellow.
    return tuple(sorted(swaps.items()))
