"""One dataset value as a page shows it: formatted for the language (charts/formats.py), marked when
it is not plain fact, linked to its row, with its source, quote, status and note.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from charts import citation, formats, quotes
from charts.dataset import PartialDate
from charts.i18n import t
from hmw_site.context import FIELD_LABELS, MARKS, Context, word
from hmw_site.html import render

# --- formatting (all number and date formats come from charts/formats.py) --------------------


def fmt_date(value: PartialDate | None, lang: str) -> str:
    return formats.format_date(value, lang) if value is not None else t("label.no_date", lang)


def fmt_params(row: dict[str, Any], lang: str) -> str:
    """A model's parameter count with its bound (超过1000亿 / over 100 billion for a floor)."""
    return formats.format_model_params(row, lang, long=True)


def fmt_figure(row: dict[str, Any], lang: str) -> str:
    """A figure by its unit and bound, or in the article's own idiom where the row keeps one."""
    return formats.format_value(row, lang)


def fmt_count(count: int, lang: str) -> str:
    return formats.format_value(count, "count", lang)


def fmt_tokens(count: float, lang: str) -> str:
    return formats.format_value(count, "tokens", lang)


def date_key(value: PartialDate | None) -> tuple[int, int, int]:
    """Sort partial dates: a year-only date sorts before the months of that year."""
    if value is None:
        return (9999, 99, 99)
    return (value.year, value.month or 0, value.day or 0)


def source_name(src: dict[str, Any], lang: str) -> str:
    """A short name for a source: its outlet when the copy states one, else its title (citation.py)."""
    return citation.name(src, lang)


def source_line(ctx: Context, source_id: str) -> str:
    """'深渡Cross《…》，2023年11月16日' — plain text for a title attribute."""
    return citation.full(ctx.data.sources[source_id], ctx.lang)


def reference_line(ctx: Context, ref_id: str) -> str:
    return citation.reference(ctx.data.references[ref_id], ctx.lang)


def describe(ctx: Context, source_id: str, status: str | None, note: str, external: str | None) -> str:
    """The title attribute of a value: its status, where it comes from, and any caveat."""
    lang = ctx.lang
    sep, colon = t("sep.list", lang), t("sep.colon", lang)
    parts = []
    if status:
        explain = t("explain." + status, lang).rstrip("。.")
        parts.append(f"{t('label.status', lang)}{colon}{word('status.' + status, lang)} — {explain}")
    if external:
        parts.append(f"{t('label.external', lang)}{colon}{reference_line(ctx, external)}")
        parts.append(f"{t('label.source', lang)}{colon}{source_line(ctx, source_id)}")
    else:
        parts.append(f"{t('label.source', lang)}{colon}{source_line(ctx, source_id)}")
    if note:
        parts.append(f"{t('label.note', lang)}{colon}{note}")
    return sep.join(parts)


def mark_html(kind: str | None, lang: str) -> Markup:
    """A visible superscript for a value that is not plain fact, with words for screen readers."""
    if kind not in MARKS:
        return Markup("")
    return render(
        "values_mark.html", kind=kind, symbol=MARKS[kind], words=word("status." + kind, lang), lang=lang
    )


def legend_mark(kind: str, lang: str) -> Markup:
    """A status mark on its own, for prose that explains the marks; its title says what it means."""
    return render(
        "values_legend_mark.html",
        kind=kind,
        symbol=MARKS[kind],
        status=word("status." + kind, lang),
        lang=lang,
    )


def link_html(ctx: Context, target: str, anchor: str, text: str, title: str, kind: str | None) -> Markup:
    href = ctx.href(target, anchor)
    return render(
        "values_link.html", kind=kind, href=href, title=title, text=text, mark=mark_html(kind, ctx.lang)
    )


def quote_html(ctx: Context, row: dict[str, Any]) -> Markup:
    """The quote, marked as such. A Chinese page shows its reading in the page's script with Chinese
    punctuation (charts/quotes.py), marked when converted from the other script's original, and keeps
    the exact words one click away; an English page shows our translation, then the exact original."""
    exact = row["quote"]
    return render(
        "values_quote.html",
        lang=ctx.lang,
        loc=ctx.loc,
        exact=exact,
        script=ctx.data.sources[row["source"]]["script"],
        quote_en=row["quote_en"],
        reading=quotes.reading(exact, ctx.loc.script),
        converted=quotes.is_converted(exact, ctx.loc.script),
    )


def source_link(ctx: Context, source_id: str) -> Markup:
    src = ctx.data.sources[source_id]
    href = ctx.href(f"sources/{source_id}.md")
    return render(
        "values_source_link.html",
        href=href,
        title=citation.title(src, ctx.lang),
        name=source_name(src, ctx.lang),
    )


def external_html(ctx: Context, row: dict[str, Any]) -> Markup:
    """Which of a row's values come from an external reference rather than its article."""
    if not row.get("ref"):
        return Markup("")
    return render(
        "values_external.html",
        lang=ctx.lang,
        mark=mark_html("external", ctx.lang),
        ref=ctx.data.references[row["ref"]],
        title=citation.reference_title(ctx.data.references[row["ref"]], ctx.lang),
        publisher=citation.reference_publisher(ctx.data.references[row["ref"]], ctx.lang),
        labels=t("sep.items", ctx.lang).join(t(FIELD_LABELS[f], ctx.lang) for f in row["ref_fields"]),
    )


def status_html(ctx: Context, status: str) -> Markup:
    return render(
        "values_status.html",
        status=status,
        lang=ctx.lang,
        symbol=MARKS.get(status, ""),
        words=word("status." + status, ctx.lang),
    )


def evidence_html(ctx: Context, row: dict[str, Any], status: str | None) -> Markup:
    """Source, quote, status, note and external reference of one row, for a table cell."""
    return render(
        "values_evidence.html",
        lang=ctx.lang,
        source=source_link(ctx, row["source"]),
        quote=quote_html(ctx, row),
        status=status_html(ctx, status) if status else "",
        note=ctx.loc.text(row, "note"),
        external=external_html(ctx, row),
    )


def evidence_details(ctx: Context, row: dict[str, Any], status: str | None) -> Markup:
    """The evidence folded into a disclosure: the summary names the source and the status, so a
    table row stays one line high; opening it shows the quote, note and external reference."""
    return render(
        "values_evidence_details.html",
        name=source_name(ctx.data.sources[row["source"]], ctx.lang),
        status=status_html(ctx, status) if status else "",
        evidence=evidence_html(ctx, row, None),
    )
