"""What the browser tests know about the site without a browser: its pages and the chart figures
it serves. Fixtures live in conftest.py; this module holds plain helpers (Chromium's settings are
in devtools/chromium.py, shared with the benchmarks).
"""

from __future__ import annotations

import base64
import math
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charts.i18n import GENERATED
from hmw_site.languages import LANGUAGES

PROJECT = Path(__file__).resolve().parents[2]

# Where each language lives below the site's root, and what its <html lang> may say.
LANGS: dict[str, str] = {code: info["prefix"] for code, info in LANGUAGES.items()}
HTML_LANG: dict[str, tuple[str, ...]] = {
    "zh": ("zh", "zh-Hans", "zh-CN"),
    "en": ("en",),
    "zh-Hant": ("zh-Hant", "zh-TW"),
}
WIDTHS = (1280, 375)


def docs_of(lang: str) -> Path:
    """Where a language's Markdown is: docs/<lang>, or its source language's for a generated one."""
    return PROJECT / "docs" / GENERATED.get(lang, lang)


def page_paths(lang: str) -> list[str]:
    """Every page of one language as its URL path below the language's root ('' for the home page,
    'topics/' for topics/index.md, 'topics/scale/' for topics/scale.md), from docs/<lang>/ (a
    generated language's from its source's)."""
    docs = docs_of(lang)
    paths = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("").as_posix()
        if rel == "index":
            paths.append("")
        elif rel.endswith("/index"):
            paths.append(rel.removesuffix("index"))
        else:
            paths.append(rel + "/")
    return paths


def all_pages() -> list[tuple[str, str]]:
    """(language, path) of every page of the site."""
    return [(lang, path) for lang in LANGS for path in page_paths(lang)]


def page_id(lang: str, path: str) -> str:
    return f"{lang}:/{path}"


@dataclass(frozen=True)
class Site:
    """The built site, served over HTTP at `root` (ends with a slash) from the folder `dir`."""

    root: str
    dir: Path

    def url(self, lang: str, path: str = "") -> str:
        return f"{self.root}{LANGS[lang]}{path}"

    def html(self, lang: str, path: str) -> str:
        return (self.dir / LANGS[lang] / path / "index.html").read_text(encoding="utf-8")

    def language_of(self, url: str) -> str:
        """The language of one of the site's URLs: the one with the longest prefix it starts with."""
        prefixes = sorted(LANGS.items(), key=lambda item: -len(item[1]))
        return next(lang for lang, prefix in prefixes if url.startswith(self.root + prefix))

    def is_local(self, url: str) -> bool:
        return url.startswith(self.root) or url.split(":", 1)[0] in ("data", "blob", "about")


# --- figures ---------------------------------------------------------------------------------------

# plotly 7 writes numeric arrays as {"dtype": "f8", "bdata": "<base64>"}; struct codes of each dtype.
DTYPES = {"i1": "b", "u1": "B", "i2": "h", "u2": "H", "i4": "i", "u4": "I", "i8": "q", "u8": "Q"}
DTYPES |= {"f4": "f", "f8": "d"}


def values(array: Any) -> list[Any]:
    """A figure array as a Python list, decoding plotly's base64 typed arrays."""
    if isinstance(array, dict) and "bdata" in array:
        code = DTYPES[array["dtype"]]
        raw = base64.b64decode(array["bdata"])
        return list(struct.unpack(f"<{len(raw) // struct.calcsize(code)}{code}", raw))
    return list(array)


def missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def drawn_points(figure: dict[str, Any]) -> int:
    """How many markers and bars plotly draws for a figure: one per (x, y) pair in which neither is
    missing, in every visible scatter trace that shows markers and every bar trace. Lines and text
    draw no point. An unknown trace type fails, so the count is never a guess."""
    count = 0
    for trace in figure["data"]:
        kind = trace.get("type", "scatter")
        if trace.get("visible", True) in (False, "legendonly"):
            continue
        if kind == "scatter":
            mode = trace.get("mode", "markers")
            if "markers" not in mode.split("+"):
                continue
        elif kind != "bar":
            raise AssertionError(f"drawn_points does not know plotly trace type {kind!r}")
        ys = values(trace.get("y", []))
        xs = trace.get("x")
        if xs is None:
            xs = list(range(len(ys)))
        elif isinstance(xs, list) and xs and isinstance(xs[0], list):  # a multi-category axis
            xs = list(zip(*xs, strict=True))
        else:
            xs = values(xs)
        count += sum(1 for x, y in zip(xs, ys, strict=False) if not missing(x) and not missing(y))
    return count


def css_rgb(color: str) -> tuple[int, int, int]:
    """'#1e2029', '#fff', 'rgb(30, 32, 41)' or 'rgba(30, 32, 41, 1)' as (30, 32, 41)."""
    color = color.strip().lower()
    if color.startswith("#"):
        hexa = color[1:]
        if len(hexa) in (3, 4):
            hexa = "".join(c * 2 for c in hexa[:3])
        return (int(hexa[0:2], 16), int(hexa[2:4], 16), int(hexa[4:6], 16))
    if color.startswith("rgb"):
        parts = color[color.index("(") + 1 : color.index(")")].replace("/", ",").split(",")
        r, g, b = (round(float(p)) for p in parts[:3])
        return (r, g, b)
    raise ValueError(f"not a CSS colour this test understands: {color!r}")


def layout_colours(figure: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """The colours a figure's layout gives its paper, its plot area and its tick labels."""
    layout = figure["layout"]
    font = (layout.get("font") or {}).get("color")
    tick = ((layout.get("xaxis") or {}).get("tickfont") or {}).get("color") or font
    found = {"paper": layout.get("paper_bgcolor"), "plot": layout.get("plot_bgcolor"), "tick": tick}
    return {key: css_rgb(value) for key, value in found.items() if value}
