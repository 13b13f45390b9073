"""Every output format of every chart, written into one folder at once: the charts package's build.

Public API (the site, the slides helper and build_charts.py use these; they are re-exported here
from charts.registry, charts.serialize and charts.standalone so callers need one import):

    CHART_IDS: list[str]                       the charts, in reading order
    render(data, chart_id, lang, scheme) -> Chart
    figure_json(chart) -> str                  the figure for the site (deterministic JSON)
    standalone_html(charts) -> str             the offline page of one chart in one language
    write_outputs(data, out_dir, chart_ids=None, langs=None, formats=None, progress=True,
                  *, schemes=None, transparent=False, cache_dir=CACHE_DIR) -> BuildReport

Output layout (``<out>/<lang>/<chart_id>/``):
    <id>-<lang>-light.json, <id>-<lang>-dark.json   figure JSON for the site (no title baked in)
    <id>-<lang>.html                                 standalone page, plotly.js inlined, works offline
    <id>-<lang>.csv                                  the plotted data, UTF-8 with BOM, localised headers
    <id>-<lang>-light.png / -dark.png (1920×1080), .svg; with transparent=True also -transparent variants
    <id>-<lang>-light-phone.svg / -dark-phone.svg    the chart as a phone draws it (charts/narrow.py
                                                     phone_figure): the page shows it before plotly.js
    <id>-<lang>.meta.json                            title, caption, sources, table, file names, and
                                                     "rows": the dataset row ids plotted, by table
                                                     ({"models": [...], "events": [...], "figures": [...]})

Everything is written into a temporary folder next to ``out_dir`` and swapped in at the end, so a
crash or bad data leaves the previous output untouched. JSON, HTML and CSV are byte-identical for
the same data (no random ids, no timestamps, sorted keys).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from charts import export, narrow, recolour, theme
from charts.files import atomic_write, swap_dir
from charts.frame import image_figure
from charts.i18n import ALL_LANGS
from charts.registry import CHART_IDS, SCHEMES, check_choices, render
from charts.serialize import dumps, figure_dict, figure_json, meta, table_csv
from charts.standalone import standalone_html

__all__ = [
    "CACHE_DIR",
    "CHART_IDS",
    "FORMATS",
    "SCHEMES",
    "BuildReport",
    "chart_plan",
    "figure_dict",
    "figure_json",
    "file_names",
    "meta",
    "render",
    "render_charts",
    "standalone_html",
    "table_csv",
    "write_outputs",
]

FORMATS: tuple[str, ...] = ("json", "html", "csv", "png", "svg", "phone")
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


def file_names(chart_id: str, lang: str, *, transparent: bool = False) -> dict[str, Any]:
    """Every file name of one chart in one language, by format (and scheme)."""
    names: dict[str, Any] = {
        "json": {s: f"{chart_id}-{lang}-{s}.json" for s in SCHEMES},
        "html": f"{chart_id}-{lang}.html",
        "csv": f"{chart_id}-{lang}.csv",
        "meta": f"{chart_id}-{lang}.meta.json",
    }
    names["phone"] = {s: f"{chart_id}-{lang}-{s}-phone.svg" for s in SCHEMES}
    for fmt in IMAGE_FORMATS:
        names[fmt] = {s: f"{chart_id}-{lang}-{s}.{fmt}" for s in SCHEMES}
        if transparent:
            names[fmt] |= {f"{s}-transparent": f"{chart_id}-{lang}-{s}-transparent.{fmt}" for s in SCHEMES}
    return names


# --- what one chart's files are, in memory ----------------------------------------------------------


def render_charts(
    data: Any, chart_ids: Sequence[str] | None = None, langs: Sequence[str] | None = None
) -> dict[tuple[str, str, str], Any]:
    """Every chosen chart in every language and scheme: (lang, chart id, scheme) -> Chart."""
    ids = chart_ids if chart_ids is not None else CHART_IDS
    return {
        (lang, cid, s): render(data, cid, lang, s)
        for lang in (langs if langs is not None else ALL_LANGS)
        for cid in ids
        for s in SCHEMES
    }


@dataclass
class ChartPlan:
    """One chart in one language before anything is written: the files made in memory (name ->
    bytes) and the images to export (ImageJob paths are file names, relative to the chart's folder)."""

    files: dict[str, bytes]
    images: list[export.ImageJob]


def image_job(figure: dict[str, Any], path: Path, fmt: str) -> export.ImageJob:
    """A slide-sized image (1920×1080 PNG, or SVG at the layout's size)."""
    scale = theme.IMAGE_SCALE if fmt == "png" else 1
    return export.ImageJob(figure, path, fmt, theme.IMAGE_WIDTH, theme.IMAGE_HEIGHT, scale)


def chart_plan(
    by_scheme: dict[str, Any],
    formats: Sequence[str] = FORMATS,
    schemes: Sequence[str] = SCHEMES,
    *,
    transparent: bool = False,
    memo: dict[tuple[str, str, str], Any] | None = None,
) -> ChartPlan:
    """What write_outputs writes for one chart in one language (its Charts by scheme), but the meta.
    memo: image figures by (lang, chart id, variant), shared between callers (they take a while)."""
    memo = {} if memo is None else memo
    light = by_scheme["light"]
    lang, cid = light.lang, light.chart_id
    names = file_names(cid, lang, transparent=transparent)
    files: dict[str, bytes] = {}
    images: list[export.ImageJob] = []
    plain = {s: figure_dict(by_scheme[s].figure) for s in schemes}  # for the JSON and the phone
    if "json" in formats:
        for s in schemes:
            files[names["json"][s]] = (dumps(plain[s]) + "\n").encode("utf-8")
    if "html" in formats:
        files[names["html"]] = standalone_html(by_scheme).encode("utf-8")
    if "csv" in formats:
        files[names["csv"]] = table_csv(light)
    for fmt in IMAGE_FORMATS:
        if fmt not in formats:
            continue
        for s in schemes:
            variants = [(s, False)] + ([(f"{s}-transparent", True)] if transparent else [])
            for key, clear in variants:
                if (lang, cid, key) not in memo:  # PNG and SVG share one
                    memo[(lang, cid, key)] = figure_dict(image_figure(by_scheme[s], transparent=clear))
                images.append(image_job(memo[(lang, cid, key)], Path(names[fmt][key]), fmt))
    if "phone" in formats:
        for s in schemes:
            phone = narrow.phone_figure(plain[s])  # a copy: plain stays as it is
            size = (phone["layout"]["width"], phone["layout"]["height"])
            images.append(export.ImageJob(phone, Path(names["phone"][s]), "svg", *size))
    return ChartPlan(files, from_light_plots(images, names))


def from_light_plots(images: list[export.ImageJob], names: dict[str, Any]) -> list[export.ImageJob]:
    """Each dark image whose figure differs from its light twin's only in colour made from the
    light plot, recoloured (charts/recolour.py): one plot less in the browser. A twin is the image
    of the same format (file_names) in the light scheme."""
    twins = {
        dark_name: names[fmt][key.replace("dark", "light")]
        for fmt in (*IMAGE_FORMATS, "phone")
        for key, dark_name in names[fmt].items()
        if key.startswith("dark")
    }
    by_name = {job.path.name: job for job in images}
    colours: dict[tuple[int, int], recolour.Colours | None] = {}  # by (light, dark) figure: once each
    made = []
    for job in images:
        twin = by_name.get(twins.get(job.path.name, ""))
        if twin is not None:
            pair = (id(twin.figure), id(job.figure))
            if pair not in colours:
                colours[pair] = recolour.recolouring(twin.figure, job.figure)
            if colours[pair] is not None:
                job = replace(job, recoloured_from=(twin.figure, colours[pair]))
        made.append(job)
    return made


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
    charts: Mapping[tuple[str, str, str], Any] | None = None,
    pairs: Collection[tuple[str, str]] | None = None,
    plans: Mapping[tuple[str, str], ChartPlan] | None = None,
) -> BuildReport:
    """Write the chosen charts × languages × formats × schemes into out_dir, atomically.

    A full build (no selection) replaces out_dir; a partial build keeps the previous files it does
    not rewrite. Images that cannot be made (no browser, no CJK font) are reported in
    ``report.images`` and every other format is still written.

    charts: the charts already rendered (render_charts), so they are not rendered twice; pairs:
    only these (language, chart id) of the selection are written, the rest kept (charts/update.py);
    plans: the ChartPlans already made for (language, chart id), in every format and scheme, so
    nothing is serialised twice (charts/update.py digests them first).
    """
    out_dir = Path(out_dir)
    full = chart_ids is None and langs is None and formats is None and schemes is None and pairs is None
    ids = check_choices("chart id", chart_ids if chart_ids is not None else CHART_IDS, CHART_IDS)
    langs_ = check_choices("language", langs if langs is not None else ALL_LANGS, ALL_LANGS)
    formats_ = check_choices("format", formats if formats is not None else FORMATS, FORMATS)
    schemes_ = check_choices("scheme", schemes if schemes is not None else SCHEMES, SCHEMES)
    _check_out_dir(out_dir)
    chosen = [(lang, cid) for lang in langs_ for cid in ids if pairs is None or (lang, cid) in pairs]

    # Render everything first: a chart that fails leaves no trace on disk.
    rendered = dict(charts or {})
    for lang, cid in chosen:
        for s in SCHEMES:
            if (lang, cid, s) not in rendered:
                rendered[(lang, cid, s)] = render(data, cid, lang, s)
    charts = rendered

    report = BuildReport(out_dir=out_dir)
    with swap_dir(out_dir, keep=not full) as tmp:
        atomic_write(
            tmp / MARKER, b"Written by build_charts.py; this whole folder is replaced on every full build.\n"
        )
        jobs: list[export.ImageJob] = []
        for lang, cid in chosen:
            folder = tmp / lang / cid
            by_scheme = {s: charts[(lang, cid, s)] for s in SCHEMES}
            plan = (plans or {}).get((lang, cid)) or chart_plan(
                by_scheme, formats_, schemes_, transparent=transparent
            )
            for name, content in plan.files.items():
                atomic_write(folder / name, content)
                report.written.append(str((folder / name).relative_to(tmp)))
            jobs += [replace(job, path=folder / job.path) for job in plan.images]
        if jobs:
            report.images = export.export_images(
                jobs, progress=progress, cache_dir=cache_dir, browser=browser
            )
            report.written += [str(p.relative_to(tmp)) for p in report.images.written]
        # Meta last: it lists the files that really exist for the chart.
        for lang, cid in chosen:
            folder = tmp / lang / cid
            names = file_names(cid, lang, transparent=transparent)
            present = _present(names, folder)
            content = dumps(meta(charts[(lang, cid, "light")], data, present), indent=2) + "\n"
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
