"""Per-chart download bundles: one zip with the images, the data, the standalone page and a README.

A chart copied into a slide loses its page: the bundle makes sure the numbers travel with their
provenance. ``<id>-<lang>.zip`` sits next to the chart's other files and holds

    <id>-<lang>-light.png / -dark.png / .svg   (and the -transparent variants when they were built)
    <id>-<lang>.csv                            the plotted data
    <id>-<lang>.html                           the interactive chart, works offline
    README.md                                  in the chart's language: title, sources (outlet, date,
                                               URL), the verbatim quote and its translation for every
                                               plotted row, licence and how to cite

Everything in the README is derived from the chart's meta.json and the dataset, never typed.
Zips are deterministic (fixed timestamps and permissions, sorted entries), so rebuilding from the
same files gives the same bytes. ``write_bundles`` runs after ``charts.build.write_outputs`` (it
reads the files that build wrote) and adds ``"zip"`` to each chart's meta.json ``files``.

Public API:
    write_bundles(data, out_dir, chart_ids=None, langs=None) -> list[Path]
    bundle_bytes(folder, meta, data) -> bytes
    readme(meta, data) -> str
    plotted_rows(meta, data) -> list[PlottedRow]
    deterministic_zip(entries) -> bytes            also used by charts.deck
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charts import citation, embed, quotes, templates
from charts.chart import ROW_TABLES, local
from charts.files import atomic_write
from charts.i18n import t
from charts.locale import locale_of

# 1980-01-01 is the earliest time a zip entry can hold; any fixed value makes the bytes stable.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
STORED_SUFFIXES = (".png", ".zip", ".pptx")  # already compressed
README = "README.md"
LICENCE_URLS = {
    "cc-by": {
        "zh": "https://creativecommons.org/licenses/by/4.0/deed.zh-hans",
        "en": "https://creativecommons.org/licenses/by/4.0/",
        "zh-Hant": "https://creativecommons.org/licenses/by/4.0/deed.zh-hant",
    },
    "mit": {lang: "https://opensource.org/license/mit" for lang in ("zh", "en", "zh-Hant")},
}  # fmt: skip


# --- which dataset rows a chart plots --------------------------------------------------------------


@dataclass(frozen=True)
class PlottedRow:
    """A dataset row behind one line of a chart's table."""

    table: str  # models, events, figures or one of the external_* tables
    row: dict[str, Any]
    label: str  # how the table names it (model name, event title, figure subject)


# How the README names a row: a model's name, an event's title, a figure's subject, a price's model.
_LABELS: dict[str, Callable[[dict[str, Any], str], str]] = {
    "models": lambda row, lang: local(row, "name", locale_of(lang)),
    "events": lambda row, lang: local(row, "title", locale_of(lang)),
    "figures": lambda row, lang: local(row, "subject", locale_of(lang)),
    "external_models": lambda row, lang: local(row, "name", locale_of(lang)),
    "external_events": lambda row, lang: local(row, "title", locale_of(lang)),
    "external_prices": lambda row, lang: local(row, "model", locale_of(lang)),
}


def plotted_rows(meta: dict[str, Any], data: Any) -> list[PlottedRow]:
    """The dataset rows the chart plots, as its meta.json lists them (``"rows"``: ids by table):
    models, events, figures, then the external tables, each in the chart's table order.

    An id the dataset does not hold (a meta.json from older data) is an error naming the chart,
    table and id, so a README never quotes the wrong row.
    """
    lang = meta["lang"]
    listed = meta.get("rows")
    if listed is None:
        raise ValueError(f'chart {meta["id"]} ({lang}): meta.json has no "rows"; rebuild the charts')
    found: list[PlottedRow] = []
    missing = []
    for table in ROW_TABLES:
        if not listed.get(table):
            continue  # a table the chart does not plot is not read (charts/update.py notes reads)
        rows = data.table(table)
        for key in listed[table]:
            if key not in rows:
                missing.append(f"{table}:{key}")
                continue
            found.append(PlottedRow(table, rows[key], _LABELS[table](rows[key], lang)))
    if missing:
        raise ValueError(
            f"chart {meta['id']} ({lang}): meta.json lists rows the dataset does not have: "
            + ", ".join(missing)
        )
    return found


# --- README ----------------------------------------------------------------------------------------


def _articles(meta: dict[str, Any], data: Any) -> list[str]:
    lang = meta["lang"]
    lines = []
    for item in meta["sources"]:
        source = data.sources[item["id"]]
        original = "" if locale_of(lang).reads_sources else citation.original_title(source)
        text = t(
            "bundle.entry",
            lang,
            citation=citation.full(source, lang),
            original=t("bundle.article.original", lang, original=original) if original else "",
            url=source["url"] or t("bundle.no_url", lang),
        )
        lines.append(f"- {text.strip()}")
    return lines


def _quotes(meta: dict[str, Any], data: Any) -> list[str]:
    """One entry per plotted row that has a quote: the row, the article's words (the exact text too
    when the reading differs), their translation and the source."""
    lang = meta["lang"]
    reads_sources, script = locale_of(lang).reads_sources, locale_of(lang).script
    entries = []
    for plotted in plotted_rows(meta, data):
        row = plotted.row
        if not row.get("quote"):
            continue
        entries.append(
            t(
                "bundle.quote",
                lang,
                label=plotted.label,
                quote=quotes.reading(row["quote"], script) if reads_sources else row["quote"],
                mark=quotes.mark(row["quote"], script) if reads_sources else "",
                exact=t("bundle.quote.exact", lang, quote=row["quote"])
                if quotes.reading(row["quote"], script) != row["quote"]
                else "",
                quote_en=row["quote_en"],
                source=_source_line(data.sources[row["source"]], lang),
            )
        )
    return entries


def _excerpts(meta: dict[str, Any], data: Any) -> list[str]:
    """One entry per plotted row from beyond the articles: the row (‡), its reference's own words
    (the Simplified reading of Traditional words on a Chinese page), their translation, and the
    reference."""
    lang = meta["lang"]
    reads_sources, script = locale_of(lang).reads_sources, locale_of(lang).script
    entries = []
    for plotted in plotted_rows(meta, data):
        if "quote" in plotted.row or not plotted.row.get("ref"):
            continue
        ref = data.references[plotted.row["ref"]]
        if not ref["excerpt"]:
            continue
        chinese = ref["language"].startswith("zh")
        shown = quotes.reading(ref["excerpt"], script) if chinese and reads_sources else ref["excerpt"]
        marked = quotes.mark(ref["excerpt"], script) if chinese and reads_sources else ""
        words = f"「{shown}」{marked}" if chinese else f"“{shown}”"
        translated = reads_sources != chinese  # the reader may not read the reference's language
        entries.append(
            t(
                "bundle.excerpt",
                lang,
                label=plotted.label,
                words=words,
                translation=t(
                    "bundle.excerpt.translation",
                    lang,
                    text=locale_of(lang).convert(ref["excerpt_translation"]),
                )
                if translated
                else "",
                reference=citation.reference(ref, lang),
                url=ref["url"] or t("bundle.no_url", lang),
            )
        )
    return entries


def readme(meta: dict[str, Any], data: Any) -> str:
    """The bundle's README.md, in the chart's language, from its meta and the dataset
    (charts/templates/README.md.j2)."""
    lang = meta["lang"]
    files = meta["files"]
    return templates.render(
        "README.md.j2",
        lang=lang,
        meta=meta,
        files=files,
        images=[
            (fmt, scheme, name) for fmt in ("png", "svg") for scheme, name in _by_scheme(files.get(fmt, {}))
        ],
        articles=_articles(meta, data),
        references=list(  # one document quoted in several places is listed once
            dict.fromkeys(
                (citation.reference(data.references[ref["id"]], lang), ref["url"])
                for ref in meta["references"]
            )
        ),
        quotes=_quotes(meta, data),
        excerpts=_excerpts(meta, data),
        iframe=embed.iframe(f"{files['html']}?bare", meta["title"]) if "html" in files else "",
        licence={name: urls[lang] for name, urls in LICENCE_URLS.items()},
        project=citation.project(lang),
    )


def _source_line(source: dict[str, Any], lang: str) -> str:
    """A quote's source: the outlet (or title) and date, as in the chart's source line."""
    return citation.name_with_date(source, lang)


# --- zips ------------------------------------------------------------------------------------------


def deterministic_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, bytes) entries with fixed timestamps and permissions, in name order, so the
    same contents always give the same bytes. PNGs (already compressed) are stored, the rest deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _by_scheme(names: dict[str, str]) -> list[tuple[str, str]]:
    """(scheme, file name) pairs, light before dark, plain before transparent."""
    order = ["light", "dark", "light-transparent", "dark-transparent"]
    return sorted(names.items(), key=lambda item: (order.index(item[0]) if item[0] in order else 99, item[0]))


def bundle_members(meta: dict[str, Any]) -> list[str]:
    """The chart files a bundle carries (besides README.md), as listed in meta['files']."""
    files = meta["files"]
    names = [name for fmt in ("png", "svg") for _, name in _by_scheme(files.get(fmt, {}))]
    return names + [files[fmt] for fmt in ("csv", "html") if fmt in files]


def bundle_bytes(folder: Path, meta: dict[str, Any], data: Any) -> bytes:
    """The zip for one chart in one language, from the files in its folder."""
    return bundle_from(lambda name: (folder / name).read_bytes(), meta, data)


def bundle_from(read: Callable[[str], bytes], meta: dict[str, Any], data: Any) -> bytes:
    """The zip for one chart in one language, its files' bytes given by name (from a folder, or
    from memory before the folder is written: charts/update.py)."""
    entries = [(name, read(name)) for name in bundle_members(meta)]
    entries.append((README, readme(meta, data).encode("utf-8")))
    return deterministic_zip(entries)


def write_bundle(folder: Path, meta: dict[str, Any], content: bytes) -> Path:
    """Write the chart's zip beside its files and list it in its meta.json (meta: as the folder
    holds it, without the zip)."""
    chart_id, lang = meta["id"], meta["lang"]
    zip_path = folder / zip_name(chart_id, lang)
    atomic_write(zip_path, content)
    listed = dict(meta, files=dict(meta["files"], zip=zip_path.name))
    text = json.dumps(listed, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    atomic_write(folder / f"{chart_id}-{lang}.meta.json", text)
    return zip_path


def zip_name(chart_id: str, lang: str) -> str:
    return f"{chart_id}-{lang}.zip"


def write_bundles(
    data: Any, out_dir: Path | str, chart_ids: Sequence[str] | None = None, langs: Sequence[str] | None = None
) -> list[Path]:
    """Write <id>-<lang>.zip next to each chart's files in out_dir (as written by write_outputs)
    and list it in the chart's meta.json. Returns the zips written.

    Charts or languages not given are found in out_dir. A chart folder without its meta.json is an
    error naming the folder (build the charts first).
    """
    out_dir = Path(out_dir)
    written = []
    for lang in langs or sorted(
        p.name for p in out_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        lang_dir = out_dir / lang
        ids = chart_ids or sorted(p.name for p in lang_dir.iterdir() if p.is_dir())
        for chart_id in ids:
            folder = lang_dir / chart_id
            meta_path = folder / f"{chart_id}-{lang}.meta.json"
            if not meta_path.exists():
                raise FileNotFoundError(
                    f"{meta_path} is missing: build the charts first (python build_charts.py)"
                )
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            meta["files"].pop("zip", None)
            written.append(write_bundle(folder, meta, bundle_bytes(folder, meta, data)))
    return written
