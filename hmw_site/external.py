"""The external layer on a page: a value of external_models, external_events or external_prices is
always marked ‡ and linked to its row on the context page, and every row shows the reference it rests
on (title, publisher, date, link) with the reference's own words and their translation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from charts import citation, formats, quotes
from charts.i18n import t
from charts.locale import locale_of
from hmw_site.context import ROW_PAGES, Context
from hmw_site.html import render
from hmw_site.values import fmt_date, fmt_tokens, link_html, mark_html


def reference_words(ctx: Context, ref_id: str, note: str = "") -> str:
    """The title attribute of an external value: which reference it comes from, and any caveat."""
    lang = ctx.lang
    colon = t("sep.colon", lang)
    ref = ctx.data.references[ref_id]
    parts = [f"{t('label.external', lang)}{colon}{citation.reference(ref, lang)}"]
    if note:
        parts.append(f"{t('label.note', lang)}{colon}{note}")
    return t("sep.list", lang).join(parts)


def excerpt_html(ctx: Context, ref: dict[str, Any]) -> Markup:
    """The reference's own words, marked as a quote in their language, with our translation where the
    page's reader may not read them. A Chinese page shows a Traditional excerpt in its Simplified
    reading, marked as converted, with the exact words one click away (as the articles' quotes); a
    Traditional page shows a Simplified excerpt converted by character, marked the same way."""
    language, script = ref["language"], ctx.loc.script
    chinese = language.startswith("zh")
    return render(
        "values_excerpt.html",
        lang=ctx.lang,
        loc=ctx.loc,
        exact=ref["excerpt"],
        language=language,
        reading=quotes.reading(ref["excerpt"], script) if chinese else ref["excerpt"],
        converted=chinese and quotes.is_converted(ref["excerpt"], script),
        translation=ctx.loc.convert(ref["excerpt_translation"] or ""),
        translated=(language == "en") == ctx.loc.reads_sources,
    )


def reference_evidence(ctx: Context, ref_id: str, note: str = "") -> Markup:
    """A table cell's evidence for an external row: folded, its summary naming the publisher; the
    row's caveat, if any, below the reference's words."""
    ref = ctx.data.references[ref_id]
    return render(
        "values_reference.html",
        lang=ctx.lang,
        mark=mark_html("external", ctx.lang),
        url=ref["url"],
        title=citation.reference_title(ref, ctx.lang),
        publisher=citation.reference_publisher(ref, ctx.lang),
        published=fmt_date(ref["published"], ctx.lang),
        excerpt=excerpt_html(ctx, ref) if ref["excerpt"] else "",
        note=note,
    )


def _model_value(row: dict[str, Any], name: str, lang: str) -> str | None:
    column = {"params": "params_billion", "active": "active_params_billion", "context": "context_tokens"}
    if name in column and row[column[name]] is None:
        return None
    return {
        "params": lambda: formats.format_model_params(row, lang, long=True),
        "active": lambda: formats.format_params(row["active_params_billion"], lang, long=True),
        "context": lambda: fmt_tokens(row["context_tokens"], lang),
        "date": lambda: fmt_date(row["release_date"], lang),
        "name": lambda: locale_of(lang).text(row, "name"),
        "org": lambda: locale_of(lang).text(row, "org"),
    }[name]()


def _event_value(row: dict[str, Any], name: str, lang: str) -> str | None:
    return fmt_date(row["date"], lang) if name == "date" else locale_of(lang).text(row, "title")


def _price_value(row: dict[str, Any], name: str, lang: str) -> str | None:
    columns = {
        "after": "input_after",
        "before": "input_before",
        "output_after": "output_after",
        "output_before": "output_before",
    }
    if name in columns:
        value = row[columns[name]]
        return None if value is None else formats.format_price(value, lang)
    if name == "date":
        return fmt_date(row["date"], lang)
    return locale_of(lang).text(row, "model") if name == "model" else locale_of(lang).text(row, "company")


VALUES: dict[str, Callable[[dict[str, Any], str, str], str | None]] = {
    "external_models": _model_value,
    "external_events": _event_value,
    "external_prices": _price_value,
}


def render_external(
    table: str, row: dict[str, Any], name: str, ctx: Context, fail: Callable[[str], Exception]
) -> Markup:
    """One external value in prose: formatted, marked ‡, its title naming the reference."""
    text = VALUES[table](row, name, ctx.lang)
    if text is None:
        raise fail(f"{table} row {row['id']!r} has no value for {name!r} (empty in data/{table}.csv)")
    page, prefix, _ = ROW_PAGES[table]
    note = ctx.loc.text(row, "note") if name == "params" else ""
    return link_html(ctx, page, prefix + row["id"], text, reference_words(ctx, row["ref"], note), "external")
