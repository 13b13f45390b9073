"""The look every chart shares: palette, country and category colours, marker symbols, fonts, schemes.

A chart module decides *what* to draw; this module decides how it looks, so changing a colour or
a font happens once. Colours are Okabe–Ito (safe for the common colour-vision deficiencies), and
no meaning is carried by colour alone: categories also get a lane and a symbol, open weights are
filled vs hollow, and a parameter count's status (official / reported / estimated / disputed)
gets its own symbol and a legend entry.

Backgrounds and text colours match Material for MkDocs' `default` (light) and `slate` (dark)
schemes, so a chart sits on the page without a visible box; `transparent=True` drops the
background for slides with their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from charts.formats import Lang
from charts.locale import locale_of

SCHEMES = ("light", "dark")

# Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable by most readers.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# Fonts that render Chinese on every platform, then the system's own. English puts Latin faces first,
# down to the ones Linux always has (Liberation, DejaVu): if an English chart fell through to a CJK
# font, its quotation marks and ≥ would take that font's full-width forms ("‘ emergence ’").
# Chinese characters in an English chart (the original quotes in hovers) fall back glyph by glyph
# to the CJK faces at the end of the list.
FONT_STACK = {
    "zh": '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
    "en": '"Noto Sans", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", '
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
    # Taiwan's glyph shapes first, then the Simplified faces (every Traditional character is in them).
    "zh-Hant": '"Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", '
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
}
# Latin faces that are not CJK fonts, in the English stack's order (tests check the stack keeps them first).
LATIN_FONTS = ("Noto Sans", "Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans", "DejaVu Sans")

# Font sizes in CSS pixels for the on-page figure; images are exported at scale 2 (960×540 → 1920×1080),
# so the same sizes read as 28 px body text on a slide.
FONT_SIZE = 13
SMALL_FONT_SIZE = 11
TITLE_FONT_SIZE = 19
MARKER_SIZE = 11

# The logical size of an exported image and its scale: 960×540 at 2× is a 1920×1080 slide.
IMAGE_WIDTH = 960
IMAGE_HEIGHT = 540
IMAGE_SCALE = 2


@dataclass(frozen=True)
class Scheme:
    """Colours of one background scheme (values from Material for MkDocs' palette)."""

    name: str
    background: str  # --md-default-bg-color
    text: str  # --md-default-fg-color
    muted: str  # --md-default-fg-color--light
    line: str  # --md-default-fg-color--lighter
    grid: str  # --md-default-fg-color--lightest
    band: str  # a reference band, faint on this background
    hover_background: str
    accent: str  # the colour for a single series with no category
    colors: dict[str, str]  # semantic name → colour, tuned for contrast on this background


LIGHT = Scheme(
    name="light",
    background="#ffffff",  # Material default scheme: #fff
    text="#212121",  # #000000de on white
    muted="#5f5f5f",  # a little darker than #0000008a so small text keeps 4.5:1
    line="#adadad",
    grid="#ededed",
    band="rgba(0, 114, 178, 0.07)",
    hover_background="#ffffff",
    accent=OKABE_ITO["blue"],
    colors={
        "CN": OKABE_ITO["vermillion"],
        "US": OKABE_ITO["blue"],
        "GB": OKABE_ITO["bluish_green"],
        "AE": OKABE_ITO["reddish_purple"],
        "model": OKABE_ITO["blue"],
        "open-source": OKABE_ITO["bluish_green"],
        "product": OKABE_ITO["orange"],
        "conference": OKABE_ITO["reddish_purple"],
        "research": OKABE_ITO["vermillion"],
        # Okabe & Ito's black, not the text's #212121: a colour of its own, so that the dark scheme
        # is this one recoloured role by role (charts/recolour.py) and one plot gives both images.
        "milestone": OKABE_ITO["black"],
        # Lanes only the layer beyond the articles has; its lane and symbol tell each apart too.
        "regulation": OKABE_ITO["reddish_purple"],
        "export-control": OKABE_ITO["vermillion"],
        "pricing": OKABE_ITO["orange"],
    },
)

# The same keys as LIGHT, for the slate scheme: one palette table per scheme, the same shape on purpose.
DARK = Scheme(
    name="dark",
    background="#1e2029",  # Material slate: hsla(232, 15%, 14%, 1)
    text="#bfc0c7",  # hsla(232, 15%, 90%, 0.82) on the slate background
    muted="#9a9ba3",
    line="#5d5e67",
    grid="#363740",
    band="rgba(86, 180, 233, 0.09)",
    hover_background="#2e303e",
    accent=OKABE_ITO["sky_blue"],
    colors={
        "CN": OKABE_ITO["vermillion"],
        "US": OKABE_ITO["sky_blue"],  # blue #0072B2 is only 3:1 on slate
        "GB": OKABE_ITO["bluish_green"],
        "AE": OKABE_ITO["reddish_purple"],
        "model": OKABE_ITO["sky_blue"],
        "open-source": OKABE_ITO["bluish_green"],
        "product": OKABE_ITO["orange"],
        "conference": OKABE_ITO["reddish_purple"],
        "research": OKABE_ITO["vermillion"],
        "milestone": OKABE_ITO["yellow"],
        "regulation": OKABE_ITO["reddish_purple"],
        "export-control": OKABE_ITO["vermillion"],
        "pricing": OKABE_ITO["orange"],
    },
)

_SCHEMES = {"light": LIGHT, "dark": DARK}

# Event categories: a symbol each, so a lane's points differ by shape as well as colour.
CATEGORY_SYMBOLS = {
    "model": "circle",
    "open-source": "diamond",
    "product": "square",
    "conference": "triangle-up",
    "research": "star",
    "milestone": "hexagon",
    "regulation": "pentagon",
    "export-control": "triangle-down",
    "pricing": "cross",
}

# A parameter count's status: a symbol each; disputed values are also drawn fainter and labelled "?".
PARAM_STATUS_SYMBOLS = {
    "official": "circle",
    "reported": "diamond",
    "estimated": "square",
    "disputed": "x",
}
DISPUTED_OPACITY = 0.7

# A figure's bound: an "at least" value points up; an "about" value is a diamond.
BOUND_SYMBOLS = {"exact": "circle", "at-least": "triangle-up", "about": "diamond", "at-most": "triangle-down"}

# Bars of a figure that is not an official or reported fact get a hatch, never just a lighter colour.
STATUS_PATTERNS = {"official": "", "reported": "", "estimated": "/", "projected": ".", "disputed": "x"}


def scheme_of(name: str) -> Scheme:
    """The Scheme for 'light' or 'dark'; anything else is an error, never a silent default."""
    try:
        return _SCHEMES[name]
    except KeyError:
        raise ValueError(f"unknown colour scheme {name!r}; expected one of {', '.join(SCHEMES)}") from None


def color(scheme: str, key: str) -> str:
    """The colour for a country code or event category in this scheme."""
    colors = scheme_of(scheme).colors
    if key not in colors:
        raise KeyError(f"no colour for {key!r} in theme.py; known: {', '.join(sorted(colors))}")
    return colors[key]


def symbol(table: dict[str, str], key: str) -> str:
    """A symbol from one of the symbol tables above, failing loudly for an unknown key."""
    if key not in table:
        raise KeyError(f"no symbol for {key!r} in theme.py; known: {', '.join(table)}")
    return table[key]


def model_marker(status: str, open_weights: str, fill: str, scheme: str) -> dict[str, Any]:
    """Marker of one model: symbol by parameter status, filled if its weights are open, hollow if not.

    Open weights 'unknown' is hollow with a dot in the middle, so 'not open' and 'not known' differ.
    """
    base = symbol(PARAM_STATUS_SYMBOLS, status)
    if open_weights == "yes":
        shape = base
    elif open_weights == "no":
        shape = f"{base}-open"
    else:
        shape = f"{base}-open-dot"
    return {
        "symbol": shape,
        "color": fill,
        "size": MARKER_SIZE + (2 if base == "x" else 0),
        "opacity": DISPUTED_OPACITY if status == "disputed" else 1.0,
        "line": {
            "width": 2 if shape != base else 1,
            "color": fill if shape != base else scheme_of(scheme).background,
        },
    }


def marker_arrays(markers: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-point marker dicts (from model_marker / figure_marker) as one trace's marker arrays."""
    arrays: dict[str, Any] = {
        key: [m[key] for m in markers] for key in ("symbol", "color", "size", "opacity")
    }
    arrays["line"] = {key: [m["line"][key] for m in markers] for key in ("width", "color")}
    return arrays


def figure_marker(status: str, bound: str, fill: str, scheme: str) -> dict[str, Any]:
    """Marker of one figure: symbol by bound (▲ = at least), hollow unless official or reported."""
    base = symbol(BOUND_SYMBOLS, bound)
    solid = status in ("official", "reported")
    return {
        "symbol": base if solid else f"{base}-open",
        "color": fill,
        "size": MARKER_SIZE + 3,
        "opacity": DISPUTED_OPACITY if status == "disputed" else 1.0,
        "line": {"width": 1 if solid else 2.5, "color": scheme_of(scheme).background if solid else fill},
    }


def bar_marker(status: str, fill: str, scheme: str) -> dict[str, Any]:
    """Bar of one figure: solid for official or reported, hatched (and outlined) otherwise."""
    shape = symbol(STATUS_PATTERNS, status)
    colors = scheme_of(scheme)
    if not shape:
        return {"color": fill, "line": {"width": 0}}
    return {
        "color": colors.background,
        "line": {"width": 2, "color": fill},
        "pattern": {
            "shape": shape,
            "fgcolor": fill,
            "bgcolor": colors.background,
            "size": 9,
            "solidity": 0.35,
        },
    }


def style(fig: go.Figure, lang: Lang, scheme: str, *, transparent: bool = False) -> go.Figure:
    """Apply the shared look in place and return the figure.

    template="none" plus explicit properties keeps the figure JSON small (plotly's default
    template alone is several kilobytes). The layout stays responsive: autosize, a horizontal
    legend above the plot (it wraps on a phone), axes that make room for their labels.
    """
    colors = scheme_of(scheme)
    fonts = FONT_STACK[locale_of(lang).code]
    background = "rgba(0,0,0,0)" if transparent else colors.background
    font = {"family": fonts, "size": FONT_SIZE, "color": colors.text}
    axis = {
        "color": colors.muted,
        "gridcolor": colors.grid,
        "linecolor": colors.line,
        "zeroline": False,
        "automargin": True,
        "tickfont": {"size": SMALL_FONT_SIZE + 1, "color": colors.muted},
        "title": {"font": {"size": SMALL_FONT_SIZE + 1, "color": colors.muted}, "standoff": 8},
        "fixedrange": True,
    }
    # The whole layout is assigned once: plotly's update_layout is slow (it validates and dispatches
    # per property), and building 32 figures must stay well under a second.
    current = fig.layout.to_plotly_json()
    axes = {"xaxis", "yaxis"} | {key for key in current if key.startswith(("xaxis", "yaxis"))}
    styled = dict(
        {name: axis for name in sorted(axes)},
        template="none",
        autosize=True,
        font=font,
        paper_bgcolor=background,
        plot_bgcolor=background,
        margin={"l": 8, "r": 16, "t": 8, "b": 8, "pad": 0, "autoexpand": True},
        separators=".,",
        hovermode="closest",
        dragmode=False,
        hoverlabel={
            "bgcolor": colors.hover_background,
            "bordercolor": colors.line,
            "font": {"family": fonts, "size": SMALL_FONT_SIZE + 1, "color": colors.text},
            "align": "left",
        },
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "bgcolor": "rgba(0,0,0,0)",
            "font": {"size": SMALL_FONT_SIZE + 1, "color": colors.text},
            "itemclick": "toggleothers",
            "itemdoubleclick": "toggle",
            "groupclick": "togglegroup",
            "tracegroupgap": 4,
        },
    )
    fig.layout = _merged(current, styled)
    return fig


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """base with override's values laid over it, recursing into nested dicts."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out
