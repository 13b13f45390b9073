"""```datatable external_models / external_events / external_prices: the external layer's rows on the
context page, laid out as the articles' tables are, every value marked ‡ and every row's evidence its
reference (hmw_site/external.py) instead of an article's quote.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from charts.formats import format_params, format_price
from charts.i18n import t
from charts.locale import locale_of
from hmw_site.context import ROW_PAGES, Context, word
from hmw_site.external import reference_evidence
from hmw_site.fences.datatables import MODEL_COLUMNS, columns, model_rows, model_view, render_models
from hmw_site.html import render
from hmw_site.values import date_key, fmt_date, fmt_tokens, mark_html

# The HTML lang of a reference's language (references.csv `language`).
LANG_TAGS = {"zh": "zh-Hans", "zh-Hant": "zh-Hant", "en": "en"}


def external_model_rows(ctx: Context) -> list[dict[str, Any]]:
    """The external layer's models as datatable_models.html shows them, by release date, every value
    marked ‡ and every row's evidence its reference."""
    lang = ctx.lang
    _, prefix, _ = ROW_PAGES["external_models"]
    external = mark_html("external", lang)
    rows = []
    for key, row in sorted(ctx.data.external_models.items(), key=lambda kv: date_key(kv[1]["release_date"])):
        extras = []
        if row["active_params_billion"] is not None:
            active = format_params(row["active_params_billion"], lang, long=True)
            extras.append((t("label.active_params", lang), active))
        if row["context_tokens"]:
            extras.append((t("label.context", lang), fmt_tokens(row["context_tokens"], lang)))
        rows.append(
            model_view(
                ctx,
                prefix + key,
                row,
                released_mark=external,
                params_mark=external,
                extras=extras,
                evidence=reference_evidence(ctx, row["ref"], locale_of(lang).text(row, "note")),
            )
        )
    return rows


def external_models_table(ctx: Context) -> Markup:
    _, _, table_id = ROW_PAGES["external_models"]
    return render_models(ctx, table_id, external_model_rows(ctx), MODEL_COLUMNS)


# The atlas's table: the articles' models and the external layer's, with a filter by origin.
ALL_MODEL_COLUMNS = [*MODEL_COLUMNS[:-1], *columns(("label.origin", "text:origin")), MODEL_COLUMNS[-1]]


def all_models_table(ctx: Context) -> Markup:
    """Every model of the dataset in one table (the atlas's): the articles' first, in file order,
    then those from beyond the articles (‡), each row saying which it is, so the reader can filter."""
    _, _, table_id = ROW_PAGES["models"]
    rows = [row | {"origin": "articles"} for row in model_rows(ctx)]
    rows += [row | {"origin": "external"} for row in external_model_rows(ctx)]
    return render_models(ctx, table_id, rows, ALL_MODEL_COLUMNS)


def external_event_view(ctx: Context, row: dict[str, Any]) -> dict[str, Any]:
    """What the event macros show of one external event, as datatables.event_view does for an
    article's event: its date is marked external, its evidence is its reference."""
    lang = ctx.lang
    page, prefix, _ = ROW_PAGES["external_models"]
    models = ctx.data.external_models
    return {
        "iso": row["date"].iso,
        "date": fmt_date(row["date"], lang),
        "mark": mark_html("external", lang),
        "title": locale_of(lang).text(row, "title"),
        "description": locale_of(lang).text(row, "description"),
        "models": [
            (ctx.href(page, prefix + m), locale_of(lang).text(models[m], "name")) for m in row["models"] or ()
        ],
        "category_id": row["category"],
        "category": word("category." + row["category"], lang),
        "evidence": reference_evidence(ctx, row["ref"]),
    }


def external_events_table(ctx: Context) -> Markup:
    _, prefix, table_id = ROW_PAGES["external_events"]
    rows = [
        {"anchor": ctx.anchor(prefix + key), **external_event_view(ctx, row)}
        for key, row in sorted(ctx.data.external_events.items(), key=lambda kv: date_key(kv[1]["date"]))
    ]
    return render(
        "datatable_events.html",
        lang=ctx.lang,
        anchor=ctx.anchor(table_id),
        columns=columns(
            ("label.date", "date"),
            ("label.event", "text"),
            ("label.category", "text"),
            ("label.evidence", "none"),
        ),
        rows=rows,
    )


def external_prices_table(ctx: Context) -> Markup:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["external_prices"]
    external = mark_html("external", lang)

    def price(value: float | None) -> dict[str, Any]:
        return {"text": format_price(value, lang), "sort": value} if value is not None else {"sort": ""}

    rows = [
        {
            "anchor": ctx.anchor(prefix + key),
            "model": locale_of(lang).text(row, "model"),
            "company": locale_of(lang).text(row, "company"),
            "date": fmt_date(row["date"], lang),
            "iso": row["date"].iso,
            "mark": external,
            "input_before": price(row["input_before"]),
            "input_after": price(row["input_after"]),
            "output_after": price(row["output_after"]),
            "as_published": row["as_published"],
            "as_published_lang": LANG_TAGS[ctx.data.references[row["ref"]]["language"]],
            "evidence": reference_evidence(ctx, row["ref"]),
        }
        for key, row in sorted(ctx.data.external_prices.items(), key=lambda kv: date_key(kv[1]["date"]))
    ]
    return render(
        "datatable_prices.html",
        lang=lang,
        anchor=ctx.anchor(table_id),
        columns=columns(
            ("label.model", "text"),
            ("label.company", "text:company"),
            ("label.date", "date"),
            ("label.input_before", "number"),
            ("label.input_after", "number"),
            ("label.output_after", "number"),
            ("label.evidence", "none"),
        ),
        rows=rows,
        unknown=word("status.not_stated", lang),
    )


EXTERNAL_DATATABLES = {
    "all_models": all_models_table,
    "external_models": external_models_table,
    "external_events": external_events_table,
    "external_prices": external_prices_table,
}
