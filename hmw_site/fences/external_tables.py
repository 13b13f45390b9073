"""```datatable external_models / external_events / external_prices: the external layer's rows on the
context page, laid out as the articles' tables are, every value marked ‡ and every row's evidence its
reference (hmw_site/external.py) instead of an article's quote.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from charts.formats import format_params, format_price
from charts.i18n import t
from hmw_site.context import ROW_PAGES, Context, word
from hmw_site.external import reference_evidence
from hmw_site.fences.datatables import MODEL_COLUMNS, columns, model_view
from hmw_site.html import render
from hmw_site.values import date_key, fmt_date, fmt_tokens, mark_html

# The HTML lang of a reference's language (references.csv `language`).
LANG_TAGS = {"zh": "zh-Hans", "zh-Hant": "zh-Hant", "en": "en"}


def external_models_table(ctx: Context) -> Markup:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["external_models"]
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
                evidence=reference_evidence(ctx, row["ref"], row[f"note_{lang}"] or ""),
            )
        )
    return render(
        "datatable_models.html",
        lang=lang,
        anchor=ctx.anchor(table_id),
        columns=MODEL_COLUMNS,
        rows=rows,
        unknown=word("status.unknown", lang),
    )


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
        "title": row[f"title_{lang}"],
        "description": row[f"description_{lang}"],
        "models": [(ctx.href(page, prefix + m), models[m][f"name_{lang}"]) for m in row["models"] or ()],
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
            "model": row[f"model_{lang}"],
            "company": row[f"company_{lang}"],
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
    "external_models": external_models_table,
    "external_events": external_events_table,
    "external_prices": external_prices_table,
}
