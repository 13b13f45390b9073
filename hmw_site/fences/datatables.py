"""```datatable: the models, events or figures table, every row anchored, sortable and filterable.

Python gathers each row's values (formatted, with their marks and evidence); the templates
datatable_*.html lay them out and escape them.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from charts.i18n import t
from charts.locale import locale_of
from hmw_site.context import MARKS, ROW_PAGES, Context, word
from hmw_site.html import render
from hmw_site.values import (
    date_key,
    evidence_details,
    evidence_html,
    fmt_date,
    fmt_figure,
    fmt_params,
    fmt_tokens,
    mark_html,
)


def columns(*columns: tuple[str, str]) -> list[tuple[str, str, str]]:
    """Header columns as (label key, sort type, filter): `kind` is how the script sorts the column,
    and `text:x` also makes it a filter named x."""
    return [(key, *kind.partition(":")[::2]) for key, kind in columns]


# The models tables' columns: the articles' models (atlas) and the external layer's (context page).
MODEL_COLUMNS = columns(
    ("label.model", "text"),
    ("label.org", "text:org"),
    ("label.country", "text:country"),
    ("label.released", "date"),
    ("label.params", "number"),
    ("label.open_weights", "text:open"),
    ("label.evidence", "none"),
)


def model_view(
    ctx: Context,
    anchor: str,
    row: dict[str, Any],
    *,
    released_mark: Markup | str,
    params_mark: Markup | str,
    extras: list[tuple[str, str]],
    evidence: Markup,
) -> dict[str, Any]:
    """What datatable_models.html shows of one model; the marks and evidence are the caller's,
    since an article's model and an external one are marked and sourced differently."""
    lang = ctx.lang
    date, params = row["release_date"], row["params_billion"]
    return {
        "anchor": ctx.anchor(anchor),
        "name": locale_of(lang).text(row, "name"),
        "org": locale_of(lang).text(row, "org"),
        "country": row["country"],
        "open": row["open_weights"],
        "released": fmt_date(date, lang) if date else "—",
        "released_mark": released_mark,
        "iso": date.iso if date else "",
        "params": fmt_params(row, lang) if params is not None else None,
        "params_mark": params_mark,
        "params_sort": params if params is not None else "",
        "extras": extras,
        "evidence": evidence,
    }


def model_rows(ctx: Context) -> list[dict[str, Any]]:
    """The articles' models as datatable_models.html shows them, in file order."""
    lang = ctx.lang
    _, prefix, _ = ROW_PAGES["models"]
    rows = []
    for key, row in ctx.data.models.items():
        external = row["ref_fields"] or ()
        date, params = row["release_date"], row["params_billion"]
        kind = row["params_status"] if row["params_status"] in MARKS else None
        if kind is None and "params_billion" in external:
            kind = "external"
        extras = []
        if row["context_tokens"]:
            extras.append((t("label.context", lang), fmt_tokens(row["context_tokens"], lang)))
        if row["training_tokens_billion"]:
            tokens = fmt_tokens(row["training_tokens_billion"] * 1e9, lang)
            extras.append((t("label.training_tokens", lang), tokens))
        rows.append(
            model_view(
                ctx,
                prefix + key,
                row,
                released_mark=mark_html("external", lang) if date and "release_date" in external else "",
                params_mark=mark_html(kind, lang),
                extras=extras,
                evidence=evidence_details(ctx, row, row["params_status"] if params is not None else None),
            )
        )
    return rows


def models_table(ctx: Context) -> Markup:
    _, _, table_id = ROW_PAGES["models"]
    return render_models(ctx, table_id, model_rows(ctx), MODEL_COLUMNS)


def render_models(ctx: Context, table_id: str, rows: list[dict[str, Any]], header: list[Any]) -> Markup:
    """A models table: its rows (model_view), under the given columns."""
    return render(
        "datatable_models.html",
        lang=ctx.lang,
        anchor=ctx.anchor(table_id),
        columns=header,
        rows=rows,
        unknown=word("status.unknown", ctx.lang),
    )


def event_view(ctx: Context, row: dict[str, Any]) -> dict[str, Any]:
    """What the event macros (datatable_macros.html) show of one event: date, title, description,
    links to its models, category and evidence."""
    lang = ctx.lang
    page, prefix, _ = ROW_PAGES["models"]
    return {
        "iso": row["date"].iso,
        "date": fmt_date(row["date"], lang),
        "mark": mark_html("external", lang) if "date" in (row["ref_fields"] or ()) else "",
        "title": locale_of(lang).text(row, "title"),
        "description": locale_of(lang).text(row, "description"),
        "models": [
            (ctx.href(page, prefix + m), locale_of(lang).text(ctx.data.models[m], "name"))
            for m in row["models"] or ()
        ],
        "category_id": row["category"],
        "category": word("category." + row["category"], lang),
        "evidence": evidence_html(ctx, row, None),
    }


def events_table(ctx: Context) -> Markup:
    _, prefix, table_id = ROW_PAGES["events"]
    header = columns(
        ("label.date", "date"),
        ("label.event", "text"),
        ("label.category", "text"),
        ("label.evidence", "none"),
    )
    rows = []
    for key, row in sorted(ctx.data.events.items(), key=lambda kv: date_key(kv[1]["date"])):
        rows.append({"anchor": ctx.anchor(prefix + key), **event_view(ctx, row)})
    return render(
        "datatable_events.html", lang=ctx.lang, anchor=ctx.anchor(table_id), columns=header, rows=rows
    )


def figures_table(ctx: Context) -> Markup:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["figures"]
    header = columns(
        ("label.subject", "text"),
        ("label.measure", "text"),
        ("label.value", "number"),
        ("label.as_of", "date"),
        ("label.evidence", "none"),
    )
    groups = ctx.data.schema["figures"]["columns"]["group"]["values"]
    rows = []
    for key, row in sorted(ctx.data.figures.items(), key=lambda kv: groups.index(kv[1]["group"])):
        rows.append(
            {
                "anchor": ctx.anchor(prefix + key),
                "group": row["group"],
                "subject": locale_of(lang).text(row, "subject"),
                "measure": locale_of(lang).text(row, "measure"),
                "value": fmt_figure(row, lang),
                "mark": mark_html(row["status"], lang),
                "sort": row["value"],
                "date": fmt_date(row["date"], lang) if row["date"] else "—",
                "evidence": evidence_details(ctx, row, row["status"]),
            }
        )
    return render("datatable_figures.html", lang=lang, anchor=ctx.anchor(table_id), columns=header, rows=rows)


DATATABLES = {"models": models_table, "events": events_table, "figures": figures_table}
