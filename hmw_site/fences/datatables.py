"""```datatable: the models, events or figures table, every row anchored, sortable and filterable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from charts.i18n import t
from hmw_site.context import MARKS, ROW_PAGES, Context, ShortcodeError, word
from hmw_site.values import (
    date_key,
    esc,
    evidence_details,
    evidence_html,
    fmt_date,
    fmt_figure,
    fmt_params,
    fmt_tokens,
    mark_html,
)


def value_cell(label: str, text: str, sort_value: Any, extra: str = "") -> str:
    sort = f' data-sort-value="{esc(sort_value)}"' if sort_value is not None else ""
    return f'<td data-label="{esc(label)}"{sort}>{text}{extra}</td>'


def render_datatable(body: str, ctx: Context) -> str:
    renderers = {"models": models_table, "events": events_table, "figures": figures_table}
    if body not in renderers:
        raise ShortcodeError(
            f"{ctx.page}: ```datatable body {body!r}: expected one of {', '.join(renderers)}"
        )
    return renderers[body](ctx)


def _header(ctx: Context, columns: Iterable[tuple[str, str]]) -> str:
    """Header cells; `kind` is how the script sorts the column, and `filter:x` marks a filter column."""
    cells = []
    for key, kind in columns:
        sort, _, flt = kind.partition(":")
        extra = f' data-filter="{flt}"' if flt else ""
        cells.append(f'<th scope="col" data-sort-type="{sort}"{extra}>{esc(t(key, ctx.lang))}</th>')
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


def models_table(ctx: Context) -> str:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["models"]
    columns = [
        ("label.model", "text"),
        ("label.org", "text:org"),
        ("label.country", "text:country"),
        ("label.released", "date"),
        ("label.params", "number"),
        ("label.open_weights", "text:open"),
        ("label.evidence", "none"),
    ]
    rows = []
    for key, row in ctx.data.models.items():
        anchor = ctx.anchor(prefix + key)
        org = row[f"org_{lang}"]
        date = row["release_date"]
        released = fmt_date(date, lang) if date else "—"
        if date and "release_date" in (row["ref_fields"] or ()):
            released += mark_html("external", lang)
        if row["params_billion"] is not None:
            kind = row["params_status"] if row["params_status"] in MARKS else None
            if kind is None and "params_billion" in (row["ref_fields"] or ()):
                kind = "external"
            params = f"{esc(fmt_params(row, lang))}{mark_html(kind, lang)}"
        else:
            params = f'<span class="dataref-unknown">{word("status.unknown", lang)}</span>'
        extras = []
        if row["context_tokens"]:
            extras.append(f"{t('label.context', lang)} {esc(fmt_tokens(row['context_tokens'], lang))}")
        if row["training_tokens_billion"]:
            extras.append(
                f"{t('label.training_tokens', lang)} "
                f"{esc(fmt_tokens(row['training_tokens_billion'] * 1e9, lang))}"
            )
        joined = ("；" if lang == "zh" else "; ").join(extras)
        extra = f'<br><span class="dataref-extra">{joined}</span>'
        rows.append(
            f'<tr id="{anchor}" data-country="{row["country"]}" data-org="{esc(org)}" '
            f'data-open="{row["open_weights"]}">'
            f'<th scope="row" data-label="{esc(t("label.model", lang))}">'
            f'<a class="datatable__self" href="#{anchor}">{esc(row[f"name_{lang}"])}</a></th>'
            + value_cell(t("label.org", lang), esc(org), org)
            + value_cell(t("label.country", lang), esc(t("country." + row["country"], lang)), row["country"])
            + value_cell(t("label.released", lang), released, date.iso if date else "")
            + value_cell(
                t("label.params", lang),
                params,
                row["params_billion"] if row["params_billion"] is not None else "",
                extra if extras else "",
            )
            + value_cell(t("label.open_weights", lang), esc(t("open." + row["open_weights"], lang)), None)
            + value_cell(
                t("label.evidence", lang),
                evidence_details(
                    ctx, row, row["params_status"] if row["params_billion"] is not None else None
                ),
                None,
            )
            + "</tr>"
        )
    return _table(ctx, "models", table_id, columns, rows)


def _table(ctx: Context, kind: str, table_id: str, columns: list[tuple[str, str]], rows: list[str]) -> str:
    anchor = ctx.anchor(table_id)
    sortable = kind == "models"
    hint = f'<p class="datatable__hint">{esc(t("label.sort_hint", ctx.lang))}</p>' if sortable else ""
    return (
        f'<div class="datatable datatable--{kind}" id="{anchor}" data-no-glossary '
        f'data-shown-template="{esc(t("label.shown", ctx.lang))}" '
        f'data-all-label="{esc(t("label.all", ctx.lang))}" '
        f'data-filter-label="{esc(t("label.filters", ctx.lang))}">'
        + hint
        + f'<div class="datatable__scroll"><table class="datatable__table"'
        f"{' data-sortable' if sortable else ''}>"
        + _header(ctx, columns)
        + "<tbody>"
        + "".join(rows)
        + "</tbody></table></div></div>"
    )


def events_table(ctx: Context) -> str:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["events"]
    columns = [
        ("label.date", "date"),
        ("label.event", "text"),
        ("label.category", "text"),
        ("label.evidence", "none"),
    ]
    rows = []
    for key, row in sorted(ctx.data.events.items(), key=lambda kv: date_key(kv[1]["date"])):
        anchor = ctx.anchor(prefix + key)
        rows.append(
            f'<tr id="{anchor}"><th scope="row" data-label="{esc(t("label.date", lang))}">'
            f"{_event_date(ctx, row)}</th>"
            + value_cell(t("label.event", lang), _event_text(ctx, row), None)
            + value_cell(t("label.category", lang), esc(word("category." + row["category"], lang)), None)
            + value_cell(t("label.evidence", lang), evidence_html(ctx, row, None), None)
            + "</tr>"
        )
    return _table(ctx, "events", table_id, columns, rows)


def _event_date(ctx: Context, row: dict[str, Any]) -> str:
    text = esc(fmt_date(row["date"], ctx.lang))
    if "date" in (row["ref_fields"] or ()):
        text += mark_html("external", ctx.lang)
    return f'<time datetime="{row["date"].iso}">{text}</time>'


def _event_text(ctx: Context, row: dict[str, Any]) -> str:
    models = ""
    if row["models"]:
        page, prefix, _ = ROW_PAGES["models"]
        links = ", ".join(
            f'<a href="{esc(ctx.href(page, prefix + m))}">{esc(ctx.data.models[m]["name_" + ctx.lang])}</a>'
            for m in row["models"]
        )
        colon = "：" if ctx.lang == "zh" else ": "
        models = f'<br><span class="dataref-extra">{t("label.models", ctx.lang)}{colon}{links}</span>'
    return (
        f"<strong>{esc(row['title_' + ctx.lang])}</strong><br>{esc(row['description_' + ctx.lang])}{models}"
    )


def figures_table(ctx: Context) -> str:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["figures"]
    columns = [
        ("label.subject", "text"),
        ("label.measure", "text"),
        ("label.value", "number"),
        ("label.as_of", "date"),
        ("label.evidence", "none"),
    ]
    groups = ctx.data.schema["figures"]["columns"]["group"]["values"]
    rows = []
    ordered = sorted(ctx.data.figures.items(), key=lambda kv: groups.index(kv[1]["group"]))
    for key, row in ordered:
        anchor = ctx.anchor(prefix + key)
        kind = row["status"] if row["status"] in MARKS else None
        rows.append(
            f'<tr id="{anchor}" data-group="{row["group"]}">'
            f'<th scope="row" data-label="{esc(t("label.subject", lang))}">'
            f'<a class="datatable__self" href="#{anchor}">{esc(row[f"subject_{lang}"])}</a></th>'
            + value_cell(t("label.measure", lang), esc(row[f"measure_{lang}"]), None)
            + value_cell(
                t("label.value", lang), esc(fmt_figure(row, lang)) + mark_html(kind, lang), row["value"]
            )
            + value_cell(
                t("label.as_of", lang), esc(fmt_date(row["date"], lang)) if row["date"] else "—", None
            )
            + value_cell(t("label.evidence", lang), evidence_details(ctx, row, row["status"]), None)
            + "</tr>"
        )
    return _table(ctx, "figures", table_id, columns, rows)
