"""The chart registry and the writer of every output format.

Public API (the site hook, the slides helper and build_charts.py use these):

    CHART_IDS: list[str]                       the charts, in reading order
    render(data, chart_id, lang, scheme) -> Chart
    figure_json(chart) -> str                  the figure for the site (deterministic JSON)
    write_outputs(data, out_dir, chart_ids=None, langs=None, formats=None, progress=True,
                  *, schemes=None, transparent=False, cache_dir=CACHE_DIR) -> BuildReport

Output layout (``<out>/<lang>/<chart_id>/``):
    <id>-<lang>-light.json, <id>-<lang>-dark.json   figure JSON for the site (no title baked in)
    <id>-<lang>.html                                 standalone page, plotly.js inlined, works offline
    <id>-<lang>.csv                                  the plotted data, UTF-8 with BOM, localised headers
    <id>-<lang>-light.png / -dark.png (1920×1080), .svg; with transparent=True also -transparent variants
    <id>-<lang>.meta.json                            title, caption, sources, table, file names, and
                                                     "rows": the dataset row ids plotted, by table
                                                     ({"models": [...], "events": [...], "figures": [...]})

Everything is written into a temporary folder next to ``out_dir`` and swapped in at the end, so a
crash or bad data leaves the previous output untouched. JSON, HTML and CSV are byte-identical for
the same data (no random ids, no timestamps, sorted keys).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from types import ModuleType
from typing import Any

import plotly.graph_objects as go

from charts import citation, export, narrow, plotly_js, theme
from charts.chart import Chart
from charts.figures import (
    china_model_count,
    chinchilla_gopher,
    data_exhaustion,
    openai_finance,
    param_scale,
    params_over_time,
    timeline,
    training_cost,
)
from charts.files import atomic_write, swap_dir
from charts.frame import image_figure
from charts.i18n import LANGS, t

_MODULES: dict[str, ModuleType] = {
    "timeline": timeline,
    "param-scale": param_scale,
    "params-over-time": params_over_time,
    "training-cost": training_cost,
    "china-model-count": china_model_count,
    "data-exhaustion": data_exhaustion,
    "openai-finance": openai_finance,
    "chinchilla-gopher": chinchilla_gopher,
}
CHART_IDS: list[str] = list(_MODULES)
SCHEMES: tuple[str, ...] = theme.SCHEMES
FORMATS: tuple[str, ...] = ("json", "html", "csv", "png", "svg")
IMAGE_FORMATS = ("png", "svg")
CACHE_DIR = export.CACHE_DIR
MARKER = ".charts-output"  # marks a folder this module may replace wholesale


@dataclass
class BuildReport:
    """What write_outputs did: files written (relative to out_dir) and the image export's result."""

    out_dir: Path
    written: list[str] = field(default_factory=list)
    images: export.ExportResult | None = None

    @property
    def images_skipped(self) -> bool:
        return bool(self.images and self.images.skipped)


# --- registry ---------------------------------------------------------------------------------------


def _check(kind: str, values: Iterable[str], valid: Sequence[str]) -> list[str]:
    chosen = list(values)
    unknown = [v for v in chosen if v not in valid]
    if unknown:
        noun = f"{kind}s" if len(unknown) > 1 else kind
        raise ValueError(f"unknown {noun} {', '.join(map(repr, unknown))}; valid {kind}s: {', '.join(valid)}")
    return chosen


def render(data: Any, chart_id: str, lang: str, scheme: str) -> Chart:
    """Build one chart. An unknown id is a ValueError that lists the valid ids."""
    _check("chart id", [chart_id], CHART_IDS)
    _check("language", [lang], LANGS)
    _check("scheme", [scheme], SCHEMES)
    return _MODULES[chart_id].build(data, lang, scheme)


# --- serialisation ----------------------------------------------------------------------------------


def _dumps(value: Any, *, indent: int | None = None) -> str:
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=separators, indent=indent)


def figure_dict(figure: go.Figure) -> dict[str, Any]:
    """The figure as plain JSON data (lists, not numpy arrays)."""
    return json.loads(figure.to_json(validate=False, engine="json"))


def figure_json(chart: Chart | go.Figure) -> str:
    """The figure as compact, key-sorted JSON: the same chart always gives the same bytes."""
    figure = chart.figure if isinstance(chart, Chart) else chart
    return _dumps(figure_dict(figure))


def table_csv(chart: Chart) -> bytes:
    """The plotted data as CSV, UTF-8 with a BOM so Excel reads the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(chart.table.headers)
    writer.writerows(chart.table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def file_names(chart_id: str, lang: str, *, transparent: bool = False) -> dict[str, Any]:
    """Every file name of one chart in one language, by format (and scheme)."""
    names: dict[str, Any] = {
        "json": {s: f"{chart_id}-{lang}-{s}.json" for s in SCHEMES},
        "html": f"{chart_id}-{lang}.html",
        "csv": f"{chart_id}-{lang}.csv",
        "meta": f"{chart_id}-{lang}.meta.json",
    }
    for fmt in IMAGE_FORMATS:
        names[fmt] = {s: f"{chart_id}-{lang}-{s}.{fmt}" for s in SCHEMES}
        if transparent:
            names[fmt] |= {f"{s}-transparent": f"{chart_id}-{lang}-{s}-transparent.{fmt}" for s in SCHEMES}
    return names


def meta(chart: Chart, data: Any, files: dict[str, Any]) -> dict[str, Any]:
    """What the site, the slides and a reader need to cite the chart, without opening it."""
    return {
        "id": chart.chart_id,
        "lang": chart.lang,
        "title": chart.title,
        "subtitle": chart.subtitle,
        "caption": chart.caption,
        "alt": chart.alt,
        "notes": list(chart.notes),
        "sources": [
            {
                "id": key,
                # An untitled article has no title to give, only our label inside its citation.
                "title": data.sources[key][f"title_{chart.lang}"]
                if citation.is_titled(data.sources[key])
                else None,
                "citation": citation.full(data.sources[key], chart.lang),
                "outlet": data.sources[key][f"outlet_{chart.lang}"],
                "date": data.sources[key]["date"].iso,
                "url": data.sources[key]["url"] or "",
            }
            for key in chart.source_ids
        ],
        "references": [
            {
                "id": key,
                "title": data.references[key]["title"],
                "publisher": data.references[key]["publisher"],
                "year": data.references[key]["year"],
                "url": data.references[key]["url"],
            }
            for key in chart.reference_ids
        ],
        "table": {"headers": list(chart.table.headers), "rows": [list(row) for row in chart.table.rows]},
        "rows": {table: list(ids) for table, ids in chart.rows.items()},
        "files": files,
    }


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return _dumps(value).replace("</", "<\\/").replace("<!--", "<\\!--")


def standalone_html(charts: dict[str, Chart]) -> str:
    """A self-contained page for one chart in one language, holding its light and dark figures.

    Query options: ?scheme=light|dark (default: the reader's system setting), ?transparent,
    ?bare (the chart alone, for an iframe in a slide). The chart redraws whenever its element
    changes size or becomes visible, so a chart on a hidden reveal.js slide is not left squeezed;
    a parent page may also post the message "chart:resize".

    Narrower than the figure's ``layout.meta.narrow.max_width`` (a phone), the page draws the
    narrow variant (charts/narrow.py: legend below, shorter labels) at the hint's height and
    scrolls; it switches back when the chart widens. With ?bare the chart keeps filling its frame.
    """
    chart = charts["light"]
    dom_id = f"chart-{chart.chart_id}"
    figures = {}
    for scheme, item in sorted(charts.items()):
        fig = figure_dict(item.figure)
        fig["layout"].pop("height", None)  # fill the page instead
        figures[scheme] = fig
    trace_types = {trace.get("type", "scatter") for fig in figures.values() for trace in fig["data"]}
    light, dark = theme.scheme_of("light"), theme.scheme_of("dark")
    html_lang = "zh-Hans" if chart.lang == "zh" else "en"
    table_head = "".join(f'<th scope="col">{escape(h)}</th>' for h in chart.table.headers)
    table_rows = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in chart.table.rows
    )
    font = theme.FONT_STACK[chart.lang]
    return f"""<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(chart.title)}</title>
<style>
:root {{ color-scheme: light dark; }}
html, body {{ margin: 0; height: 100%; }}
body {{ font-family: {font}; background: {light.background}; color: {light.text}; --muted: {light.muted}; }}
body[data-scheme="dark"] {{ background: {dark.background}; color: {dark.text}; --muted: {dark.muted}; }}
body.transparent {{ background: transparent; }}
.chart-page {{ box-sizing: border-box; display: flex; flex-direction: column; height: 100%;
  padding: 12px 16px; gap: 4px; }}
.chart-page h1 {{ font-size: 1.25rem; line-height: 1.3; margin: 0; }}
.chart-page .subtitle {{ font-size: .9rem; margin: 0; color: var(--muted); }}
.chart {{ flex: 1 1 auto; min-height: 260px; width: 100%; }}
.caption {{ font-size: .75rem; margin: 0; color: var(--muted); }}
details {{ font-size: .8rem; }}
table {{ border-collapse: collapse; margin: .5em 0; }}
th, td {{ border: 1px solid var(--muted); padding: 2px 6px; text-align: left; vertical-align: top; }}
body.bare .chart-page {{ padding: 0; }}
body.bare h1, body.bare .subtitle, body.bare .caption, body.bare details {{ display: none; }}
</style>
<script>{plotly_js.script(trace_types)}</script>
</head>
<body>
<main class="chart-page">
<h1>{escape(chart.title)}</h1>
<p class="subtitle">{escape(chart.subtitle)}</p>
<div id="{dom_id}" class="chart" role="img"
  aria-label="{escape(t("html.chart_label", chart.lang, title=chart.alt))}"></div>
<p class="caption">{escape(chart.caption)}</p>
<details><summary>{escape(t("html.data", chart.lang))}</summary>
<table><thead><tr>{table_head}</tr></thead><tbody>{table_rows}</tbody></table>
</details>
</main>
<script type="application/json" id="{dom_id}-figures">{_script_json(figures)}</script>
<script>
{narrow.narrow_js()}</script>
<script>
(function () {{
  "use strict";
  var el = document.getElementById("{dom_id}");
  var figures = JSON.parse(document.getElementById("{dom_id}-figures").textContent);
  var query = new URLSearchParams(window.location.search);
  var forced = query.get("scheme");
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var transparent = query.has("transparent");
  if (transparent) document.body.classList.add("transparent");
  if (query.has("bare")) document.body.classList.add("bare");
  var config = {{ responsive: true, displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d"] }};
  var bare = query.has("bare");
  var narrowNow = null;
  function isNarrow(figure) {{
    var hint = figure.layout.meta && figure.layout.meta.narrow;
    return Boolean(hint) && (el.clientWidth || document.documentElement.clientWidth) < hint.max_width;
  }}
  function draw() {{
    var scheme = forced === "light" || forced === "dark" ? forced : (dark && dark.matches ? "dark" : "light");
    document.body.setAttribute("data-scheme", scheme);
    var figure = hmwNarrow(figures[scheme], el.clientWidth || document.documentElement.clientWidth);
    narrowNow = figure !== figures[scheme];
    var layout = Object.assign({{}}, figure.layout);
    if (narrowNow && layout.height && !bare) {{
      el.style.flex = "none";
      el.style.height = layout.height + "px";
    }} else {{
      el.style.flex = "";
      el.style.height = "";
      delete layout.height;
    }}
    if (transparent) {{ layout.paper_bgcolor = "rgba(0,0,0,0)"; layout.plot_bgcolor = "rgba(0,0,0,0)"; }}
    Plotly.react(el, figure.data, layout, config);
  }}
  function redraw() {{
    if (!(el.offsetWidth > 0 && el.offsetHeight > 0 && el.data)) return;
    if (isNarrow(figures.light) !== narrowNow) draw();
    else Plotly.Plots.resize(el);
  }}
  draw();
  if (dark && dark.addEventListener) dark.addEventListener("change", draw);
  if ("ResizeObserver" in window) new ResizeObserver(redraw).observe(el);
  if ("IntersectionObserver" in window) {{
    new IntersectionObserver(function (entries) {{
      entries.forEach(function (entry) {{ if (entry.isIntersecting) redraw(); }});
    }}).observe(el);
  }}
  document.addEventListener("visibilitychange", redraw);
  window.addEventListener("resize", redraw);
  window.addEventListener("message", function (event) {{
    if (event.data === "chart:resize" || (event.data && event.data.type === "chart:resize")) redraw();
  }});
}})();
</script>
</body>
</html>
"""


# --- writing ----------------------------------------------------------------------------------------


def _check_out_dir(out_dir: Path) -> None:
    """Refuse to replace a folder that is not ours: swapping it would delete someone's files."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise ValueError(
            f"refusing to write into {out_dir}: it is not empty and was not made by build_charts.py "
            f"(no {MARKER} file); choose another --out folder"
        )


def write_outputs(
    data: Any,
    out_dir: Path | str,
    chart_ids: Sequence[str] | None = None,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    progress: bool = True,
    *,
    schemes: Sequence[str] | None = None,
    transparent: bool = False,
    cache_dir: Path | None = CACHE_DIR,
    browser: str | None = None,
) -> BuildReport:
    """Write the chosen charts × languages × formats × schemes into out_dir, atomically.

    A full build (no selection) replaces out_dir; a partial build keeps the previous files it does
    not rewrite. Images that cannot be made (no browser, no CJK font) are reported in
    ``report.images`` and every other format is still written.
    """
    out_dir = Path(out_dir)
    full = chart_ids is None and langs is None and formats is None and schemes is None
    ids = _check("chart id", chart_ids if chart_ids is not None else CHART_IDS, CHART_IDS)
    langs_ = _check("language", langs if langs is not None else LANGS, LANGS)
    formats_ = _check("format", formats if formats is not None else FORMATS, FORMATS)
    schemes_ = _check("scheme", schemes if schemes is not None else SCHEMES, SCHEMES)
    _check_out_dir(out_dir)

    # Render everything first: a chart that fails leaves no trace on disk.
    charts = {(lang, cid, s): render(data, cid, lang, s) for lang in langs_ for cid in ids for s in SCHEMES}

    report = BuildReport(out_dir=out_dir)
    with swap_dir(out_dir, keep=not full) as tmp:
        atomic_write(
            tmp / MARKER, b"Written by build_charts.py; this whole folder is replaced on every full build.\n"
        )
        jobs: list[export.ImageJob] = []
        image_figures: dict[tuple[str, str, str], dict[str, Any]] = {}  # PNG and SVG share one
        for lang in langs_:
            for cid in ids:
                folder = tmp / lang / cid
                names = file_names(cid, lang, transparent=transparent)
                by_scheme = {s: charts[(lang, cid, s)] for s in SCHEMES}

                def put(name: str, content: bytes, folder: Path = folder) -> None:
                    atomic_write(folder / name, content)
                    report.written.append(str((folder / name).relative_to(tmp)))

                if "json" in formats_:
                    for s in schemes_:
                        put(names["json"][s], (figure_json(by_scheme[s]) + "\n").encode("utf-8"))
                if "html" in formats_:
                    put(names["html"], standalone_html(by_scheme).encode("utf-8"))
                if "csv" in formats_:
                    put(names["csv"], table_csv(by_scheme["light"]))
                for fmt in IMAGE_FORMATS:
                    if fmt not in formats_:
                        continue
                    for s in schemes_:
                        variants = [(s, False)] + ([(f"{s}-transparent", True)] if transparent else [])
                        for key, clear in variants:
                            if (lang, cid, key) not in image_figures:
                                image_figures[(lang, cid, key)] = figure_dict(
                                    image_figure(by_scheme[s], transparent=clear)
                                )
                            figure = image_figures[(lang, cid, key)]
                            scale = theme.IMAGE_SCALE if fmt == "png" else 1
                            jobs.append(
                                export.ImageJob(
                                    figure,
                                    folder / names[fmt][key],
                                    fmt,
                                    theme.IMAGE_WIDTH,
                                    theme.IMAGE_HEIGHT,
                                    scale,
                                )
                            )
        if jobs:
            report.images = export.export_images(
                jobs, progress=progress, cache_dir=cache_dir, browser=browser
            )
            report.written += [str(p.relative_to(tmp)) for p in report.images.written]
        # Meta last: it lists the files that really exist for the chart.
        for lang in langs_:
            for cid in ids:
                folder = tmp / lang / cid
                names = file_names(cid, lang, transparent=transparent)
                present = _present(names, folder)
                content = _dumps(meta(charts[(lang, cid, "light")], data, present), indent=2) + "\n"
                atomic_write(folder / names["meta"], content)
                report.written.append(str((folder / names["meta"]).relative_to(tmp)))
    report.written.sort()
    return report


def _present(names: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The subset of file names that exist in folder, same shape."""
    present: dict[str, Any] = {}
    for kind, value in names.items():
        if kind == "meta":
            present[kind] = value
        elif isinstance(value, dict):
            found = {key: name for key, name in value.items() if (folder / name).exists()}
            if found:
                present[kind] = found
        elif (folder / value).exists():
            present[kind] = value
    return present
