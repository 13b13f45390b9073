"""What a chart module returns, and the helpers every chart uses to stay sourced.

A chart is more than a figure: it carries its title, the source line (derived from the rows it
plots, never typed), the table of exactly the plotted data, and the ids of the sources and
references behind it. The site, the CSV and the slide deck all read these, so a number never
travels without its provenance.
"""

from __future__ import annotations

import functools
import html
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from charts import citation, formats, quotes
from charts.i18n import plural
from charts.locale import Locale, locale_of

Row = Mapping[str, Any]


class ChartError(Exception):
    """The dataset is valid but lacks what a chart needs (e.g. no rows in a figures group)."""


@dataclass(frozen=True)
class Table:
    """The plotted data as text: localised headers and one row per plotted point or bar."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError(f"table row {row!r} has {len(row)} cells for {len(self.headers)} headers")


@dataclass
class Chart:
    """One chart in one language and colour scheme, with everything needed to cite it."""

    chart_id: str
    lang: str  # the language's code (zh, en), as meta.json and the file names give it
    scheme: str
    figure: go.Figure
    title: str
    caption: str
    table: Table
    source_ids: tuple[str, ...]
    reference_ids: tuple[str, ...] = ()
    subtitle: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    # The ids of the dataset rows the chart plots, by table, in the table's order (meta.json "rows").
    rows: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Changes for the exported image only (PNG/SVG, charts/frame.py): per trace index, attribute ->
    # value, e.g. point labels placed for the image's wider plot rather than the narrowest page.
    image_traces: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Layout changes for the exported image only, as Plotly attribute paths (annotations[2].ax -> value).
    image_layout: dict[str, Any] = field(default_factory=dict)

    @property
    def alt(self) -> str:
        """A text alternative for the image: its title and what it shows."""
        # A title that asks or exclaims needs no full stop before its subtitle.
        key = "chart.alt_after_question" if self.title.endswith(("?", "？", "!", "！")) else "chart.alt"
        return locale_of(self.lang).t(key, title=self.title, subtitle=self.subtitle).strip()


# --- localised fields -----------------------------------------------------------------------------


def local(row: Row, stem: str, loc: Locale) -> str:
    """The row's text in this language (Locale.text)."""
    return loc.text(row, stem)


def short_name(name: str, limit: int = 12) -> str:
    """A model name short enough for an axis: drop a trailing parenthesis when the name is long."""
    if text_width(name) <= limit * 2:
        return name
    for opener in ("（", " ("):
        if opener in name:
            return name.split(opener)[0].strip()
    return name


# --- source lines ---------------------------------------------------------------------------------


def source_label(source: Row, loc: Locale) -> str:
    """How a source is named in a caption or hover (see charts/citation.py)."""
    return citation.name(source, loc)


def source_with_date(source: Row, loc: Locale) -> str:
    return citation.name_with_date(source, loc)


def caption(
    data: Any,
    source_ids: Iterable[str],
    loc: Locale,
    *,
    reference_ids: Iterable[str] = (),
    external_reference_ids: Iterable[str] = (),
    external_rows: int = 0,
    notes: Iterable[str] = (),
) -> str:
    """The source line, built from the rows a chart used: each article (outlet, date); the
    references that complete article rows, grouped by publisher with their years; then the
    references of rows from beyond the articles (‡): listed the same way when they are few, else
    counted, since each is named in the chart's table; then any notes."""
    wanted = set(source_ids)
    sources = [row for key, row in data.sources.items() if key in wanted]  # in the table's order
    external = tuple(dict.fromkeys(external_reference_ids))
    if not sources and not external:
        raise ChartError("a chart must cite at least one source article or external reference")
    parts = []
    if sources:
        key = "caption.sources" if len(sources) > 1 else "caption.source"
        parts.append(loc.t(key, items=loc.t("sep.list").join(source_with_date(s, loc) for s in sources)))
    listed = _by_publisher(data, reference_ids, loc)
    if listed:
        parts.append(loc.t("caption.references", items=listed))
    if external:
        publishers = {citation.reference_publisher(data.references[r], loc) for r in external}
        if len(publishers) <= MAX_LISTED_PUBLISHERS:
            key = "caption.beyond" if sources else "caption.beyond_only"
            parts.append(loc.t(key, items=_by_publisher(data, external, loc)))
        else:
            count = formats.format_value(external_rows, "count", loc)
            parts.append(loc.t(plural("caption.beyond_count", external_rows), count=count))
    parts.extend(notes)
    return loc.t("sep.sentence").join(parts)


# Beyond this many publishers, a chart's source line counts its external references rather than
# naming them (the table names each one beside its row): a slide's source line stays a line or two.
MAX_LISTED_PUBLISHERS = 6


def _by_publisher(data: Any, reference_ids: Iterable[str], loc: Locale) -> str:
    """'Hugging Face（2023）；OpenAI（2019、2020）': references grouped by publisher, with years."""
    by_publisher: dict[str, list[int]] = {}
    for ref_id in dict.fromkeys(reference_ids):
        ref = data.references[ref_id]
        by_publisher.setdefault(citation.reference_publisher(ref, loc), []).append(ref["published"].year)
    return loc.t("sep.list").join(
        loc.t(
            "caption.reference",
            publisher=publisher,
            years=loc.t("sep.years").join(map(str, sorted(set(years)))),
        )
        for publisher, years in sorted(by_publisher.items())
    )


# --- hover text -----------------------------------------------------------------------------------


def esc(text: str) -> str:
    """Escape text for plotly's HTML-like labels."""
    return html.escape(str(text), quote=False)


@functools.lru_cache(maxsize=8192)  # wrap() measures the same characters and words again and again
def text_width(text: str) -> int:
    """Width in half-width units: a Chinese character counts 2, a Latin letter 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int = 56) -> list[str]:
    """Break text into lines of at most ``width`` half-width units, at spaces for Latin text and
    anywhere between Chinese characters (never inside a Latin word)."""
    lines: list[str] = []
    line, used = "", 0  # used: text_width(line), kept as the line grows
    for token in _tokens(text):
        if line and used + text_width(token) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
            used = text_width(line)
        else:
            line += token
            used += text_width(token)
    if line.strip():
        lines.append(line.rstrip())
    return lines


# Chinese line-breaking rules: no line starts with a closing mark or ends with an opening one.
CLOSERS = frozenset("）」』》】〕，。、；：！？”’")
OPENERS = frozenset("（「『《【〔“‘")


def _tokens(text: str) -> list[str]:
    """Split into wrappable pieces: single wide characters, or Latin words with their leading space;
    a closing mark stays with what it closes, an opening mark with what it opens."""
    pieces: list[str] = []
    for token in _pieces(text):
        if pieces and (token[0] in CLOSERS or pieces[-1][-1] in OPENERS):
            pieces[-1] += token
        else:
            pieces.append(token)
    return pieces


def _pieces(text: str) -> list[str]:
    tokens: list[str] = []
    current = ""
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in "WF"
        if wide or ch == " ":
            if current:
                tokens.append(current)
            current = "" if wide else ch
            if wide:
                tokens.append(ch)
        else:
            current += ch
    if current:
        tokens.append(current)
    return tokens


def wrapped(text: str, width: int = 56) -> str:
    """Escaped text with <br> line breaks, for hover labels and annotations."""
    return "<br>".join(esc(line) for line in wrap(text, width))


def quote_lines(row: Row, data: Any, loc: Locale) -> list[str]:
    """The hover lines that show where a row comes from: the quote (in Chinese its Simplified reading,
    see charts/quotes.py; in English the translation and the exact original), then the source."""
    source = data.sources[row["source"]]
    lines = []
    if loc.reads_sources:
        reading = quotes.reading(row["quote"], loc.script)
        lines.append(wrapped(loc.t("hover.quote", quote=reading) + quotes.mark(row["quote"], loc.script)))
    else:
        lines.append(wrapped(loc.t("hover.translation", quote=row["quote_en"])))
        lines.append(wrapped(loc.t("hover.quote", quote=row["quote"])))
    lines.append(esc(loc.t("hover.source", source=source_with_date(source, loc))))
    return lines


def reference_line(row: Row, data: Any, loc: Locale, fields: Sequence[str] | None = None) -> str | None:
    """A hover line naming the external reference a row's values come from, if any."""
    ref_id = row.get("ref")
    if not ref_id:
        return None
    used = [f for f in row.get("ref_fields") or () if fields is None or f in fields]
    if not used:
        return None
    ref = data.references[ref_id]
    words = [loc.t(f"field.{name}") for name in used]
    names = loc.t("sep.fields").join([words[0], *(loc.in_sentence(word) for word in words[1:])])
    if not loc.reads_sources and ref.get("title_en"):
        described = loc.t(
            "reference.translated",
            title=ref["title_en"],
            publisher=citation.reference_publisher(ref, loc),
            year=ref["published"].year,
        )
    elif not loc.reads_sources and citation.has_cjk(ref["title"]):
        described = loc.t(
            "reference.chinese_page", host=citation.reference_publisher(ref, loc), year=ref["published"].year
        )
    else:
        title = citation.reference_title(ref, loc)
        described = f"{title} ({citation.reference_publisher(ref, loc)}, {ref['published'].year})"
    return wrapped(loc.t("hover.reference", fields=names, ref=described))


def excerpt_lines(ref: Row, loc: Locale) -> list[str]:
    """The hover lines quoting an external reference's own words: a Chinese excerpt as the articles'
    quotes are shown (a Traditional one in its marked Simplified reading on a Chinese page); one in
    a language the reader may not read, our translation first and then the original."""
    words = ref["excerpt"]
    if not words:
        return []
    if ref["language"].startswith("zh"):
        translation = wrapped(loc.t("hover.translation", quote=loc.convert(ref["excerpt_translation"])))
        if loc.reads_sources:
            reading = quotes.reading(words, loc.script)
            return [wrapped(loc.t("hover.quote", quote=reading) + quotes.mark(words, loc.script))]
        return [translation, wrapped(loc.t("hover.quote", quote=words))]
    if loc.reads_sources:
        return [
            wrapped(loc.t("hover.translation", quote=loc.convert(ref["excerpt_translation"]))),
            wrapped(loc.t("hover.original", quote=words)),
        ]
    return [wrapped(loc.t("hover.original", quote=words))]


def beyond_lines(row: Row, data: Any, loc: Locale) -> list[str]:
    """The hover lines that show where a row from beyond the articles comes from: the reference's
    words, then the reference itself, marked ‡ as everywhere on the site."""
    ref = data.references[row["ref"]]
    named = loc.t("hover.beyond", ref=citation.reference(ref, loc))
    return [*excerpt_lines(ref, loc), wrapped(named)]


def beyond_cells(row: Row, data: Any, loc: Locale) -> tuple[str, str, str]:
    """A table's source, quote and translated-quote cells for a row from beyond the articles: the
    reference (marked ‡), its words, and their translation (or the words again when English)."""
    ref = data.references[row["ref"]]
    words = ref["excerpt"]
    chinese = ref["language"].startswith("zh")
    shown = quotes.marked_reading(words, loc.script) if chinese and loc.reads_sources else words
    translated = loc.convert(ref["excerpt_translation"]) if chinese else words
    source = loc.t("table.beyond", ref=citation.reference(ref, loc))
    return source, shown, translated


def note_line(row: Row, loc: Locale) -> str | None:
    note = local(row, "note", loc) if f"note_{loc.columns}" in row else ""
    return wrapped(loc.t("hover.note", note=note)) if note else None


def hover(title: str, *lines: str | None) -> str:
    """A hover label: a bold title, then the non-empty lines."""
    return "<br>".join([f"<b>{esc(title)}</b>", *(line for line in lines if line)])


def date_text(date: Any, loc: Locale) -> str:
    """A date in words with its precision spelled out when it is not a day ('2019年（只知年份）')."""
    text = formats.format_date(date, loc)
    if date.precision != "day":
        text += loc.t(f"precision.{date.precision}")
    return text


def iso_mid(date: Any) -> str:
    """The middle of a partial date's period as an ISO date string, for a date axis."""
    return date.as_datetime().strftime("%Y-%m-%d")


def rows_in_group(data: Any, group: str, chart_id: str, unit: str | None = None) -> list[Row]:
    """The figures rows of one group, in file order. A chart without rows, or (with ``unit``) a row
    in another unit, is a ChartError: a chart's axis has one unit."""
    rows = [row for row in data.figures.values() if row["group"] == group]
    if not rows:
        raise ChartError(
            f"chart '{chart_id}' needs rows in data/figures.csv with group '{group}'; there are none"
        )
    for row in rows:
        if unit is not None and row["unit"] != unit:
            raise ChartError(
                f"figures row '{row['id']}' in group {group} must have unit {unit}, not {row['unit']}"
            )
    return rows


ARTICLE_TABLES = ("models", "events", "figures")
# The layer beyond the articles (data/external_*.csv): rows resting on a reference, marked ‡.
EXTERNAL_TABLES = ("external_models", "external_events", "external_prices")
ROW_TABLES = (*ARTICLE_TABLES, *EXTERNAL_TABLES)


def plotted(**rows_by_table: Iterable[Row]) -> dict[str, tuple[str, ...]]:
    """The ids of the rows a chart plots, by dataset table (every table present, maybe empty)."""
    unknown = set(rows_by_table) - set(ROW_TABLES)
    if unknown:
        raise TypeError(f"no dataset table {', '.join(sorted(unknown))}; tables: {', '.join(ROW_TABLES)}")
    return {table: dedupe(row["id"] for row in rows_by_table.get(table, ())) for table in ROW_TABLES}


def chart_of(
    data: Any,
    loc: Locale,
    *,
    chart_id: str,
    scheme: str,
    figure: go.Figure,
    title: str,
    subtitle: str,
    table: Table,
    notes: Iterable[str] = (),
    **rows_by_table: Iterable[Row],
) -> Chart:
    """A Chart whose provenance is derived from the rows it plots (keyword per dataset table:
    models=, events=, figures=, external_events=, …), never typed: the source articles and the
    references of those rows (in the order given), the caption built from them, and the row ids
    meta.json lists."""
    rows = {table: tuple(given) for table, given in rows_by_table.items()}
    notes = tuple(notes)
    ids = plotted(**rows)
    articles = [row for table in ARTICLE_TABLES for row in rows.get(table, ())]
    external = [row for table in EXTERNAL_TABLES for row in rows.get(table, ())]
    source_ids = dedupe(row["source"] for row in articles)
    completing = dedupe(row.get("ref") for row in articles)
    beyond = dedupe(row["ref"] for row in external)
    return Chart(
        chart_id=chart_id,
        lang=loc.code,
        scheme=scheme,
        figure=figure,
        title=title,
        subtitle=subtitle,
        caption=caption(
            data,
            source_ids,
            loc,
            reference_ids=completing,
            external_reference_ids=beyond,
            external_rows=len(external),
            notes=notes,
        ),
        table=table,
        source_ids=source_ids,
        reference_ids=dedupe((*completing, *beyond)),
        notes=notes,
        rows=ids,
    )


def dedupe(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
