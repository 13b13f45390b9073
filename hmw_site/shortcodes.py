"""Shortcodes: ``[[table:id:field]]``, ``[[count:…]]`` and ``[[mark:…]]`` in a page's prose become the
dataset's values, linked to their rows (the syntax is in hmw_site/__init__.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from charts.dataset import Dataset
from charts.i18n import t
from charts.locale import locale_of
from charts.records import EXTERNAL_TABLES
from hmw_site.context import DEFAULT_FIELD, FIELDS, MARKS, ROW_PAGES, Context, ShortcodeError
from hmw_site.external import render_external
from hmw_site.markdown import SHORTCODE, prose_segments
from hmw_site.values import (
    describe,
    fmt_count,
    fmt_date,
    fmt_figure,
    fmt_params,
    fmt_tokens,
    legend_mark,
    link_html,
)

# --- shortcodes -------------------------------------------------------------------------------


def render_shortcode(code: str, ctx: Context) -> str:
    """Render the inside of one [[...]] shortcode; raise ShortcodeError naming page and code."""
    parts = code.strip().split(":")
    table = parts[0]

    def fail(why: str) -> ShortcodeError:
        return ShortcodeError(f"{ctx.page}: shortcode [[{code}]]: {why}")

    if table == "count":
        return render_count(parts[1:], ctx, fail)
    if table == "mark":
        if len(parts) != 2 or parts[1] not in MARKS:
            raise fail(f"mark needs one of {', '.join(MARKS)}, e.g. [[mark:disputed]]")
        return legend_mark(parts[1], ctx.lang)
    if table not in FIELDS:
        known = ", ".join([*FIELDS, "count", "mark"])
        return _raise(fail(f"unknown table {table!r}; known: {known}"))
    if len(parts) < 2 or not parts[1]:
        return _raise(fail(f"needs an id: [[{table}:ID{':FIELD' if table != 'figures' else ''}]]"))
    key = parts[1]
    rows = ctx.data.table(table)
    if key not in rows:
        close = [k for k in rows if k.startswith(key[:4])][:5]
        hint = f"; similar ids: {', '.join(close)}" if close else ""
        return _raise(fail(f"no row {key!r} in data/{ctx.data.schema[table]['file']}{hint}"))
    name = parts[2] if len(parts) > 2 else DEFAULT_FIELD.get(table)
    if len(parts) > 3 or name not in FIELDS[table]:
        return _raise(fail(f"unknown field {name!r} for {table}; known: {', '.join(FIELDS[table])}"))
    row = rows[key]
    if table in EXTERNAL_TABLES:
        return render_external(table, row, name, ctx, fail)
    if ctx.usage is not None:
        ctx.usage.setdefault(row["source"], set()).add(ctx.page)
    return {"figures": render_figure, "models": render_model, "events": render_event}[table](
        row, name, ctx, fail
    )


def _raise(error: Exception) -> str:
    raise error


def render_figure(row: dict[str, Any], name: str, ctx: Context, fail: Callable[[str], Exception]) -> str:
    page, prefix, _ = ROW_PAGES["figures"]
    note = ctx.loc.text(row, "note")
    status = row["status"]
    if name == "value":
        text, kind = fmt_figure(row, ctx.lang), status if status in MARKS else None
    elif name == "date":
        if row["date"] is None:
            raise fail(f"figure {row['id']!r} has no date")
        text, kind = fmt_date(row["date"], ctx.lang), None
    else:
        text, kind = ctx.loc.text(row, "subject"), None
    title = describe(ctx, row["source"], status if name == "value" else None, note, None)
    return link_html(ctx, page, prefix + row["id"], text, title, kind)


def render_model(row: dict[str, Any], name: str, ctx: Context, fail: Callable[[str], Exception]) -> str:
    page, prefix, _ = ROW_PAGES["models"]
    lang = ctx.lang
    note = locale_of(lang).text(row, "note")
    ref_fields = row["ref_fields"] or ()
    column = {
        "params": "params_billion",
        "date": "release_date",
        "context": "context_tokens",
        "tokens": "training_tokens_billion",
        "name": "name",
    }[name]
    external = row["ref"] if column in ref_fields else None
    status: str | None = None
    if name == "name":
        text = locale_of(lang).text(row, "name")
    elif row[column] is None:
        raise fail(f"model {row['id']!r} has no {column} (empty in data/models.csv)")
    elif name == "params":
        status = row["params_status"]
        text = fmt_params(row, lang)
    elif name == "date":
        text = fmt_date(row[column], lang)
    elif name == "context":
        text = fmt_tokens(row[column], lang)
    else:
        text = fmt_tokens(row[column] * 1e9, lang)
    kind = status if status in MARKS else ("external" if external else None)
    title = describe(ctx, row["source"], status, note if name == "params" else "", external)
    return link_html(ctx, page, prefix + row["id"], text, title, kind)


def render_event(row: dict[str, Any], name: str, ctx: Context, fail: Callable[[str], Exception]) -> str:
    page, prefix, _ = ROW_PAGES["events"]
    ref_fields = row["ref_fields"] or ()
    external = row["ref"] if "date" in ref_fields and name == "date" else None
    text = fmt_date(row["date"], ctx.lang) if name == "date" else ctx.loc.text(row, "title")
    title = describe(ctx, row["source"], None, "", external)
    return link_html(ctx, page, prefix + row["id"], text, title, "external" if external else None)


def countries(data: Dataset) -> list[str]:
    """The country codes the schema allows, in its order."""
    return list(data.schema["models"]["columns"]["country"]["values"])


def count_rows(data: Dataset, table: str, flt: str | None) -> tuple[int, str]:
    """Count a table's rows, optionally filtered; return (count, words for the filter)."""
    rows = data.table(table).values()
    if flt is None:
        return len(data.table(table)), ""
    if table == "models" and flt in countries(data):
        return sum(1 for r in rows if r["country"] == flt), f"country.{flt}"
    if table == "models" and flt == "open":
        return sum(1 for r in rows if r["open_weights"] == "yes"), "count.open"
    if table in ("events", "external_events") and re.fullmatch(r"\d{4}", flt):
        return sum(1 for r in rows if r["date"].year == int(flt)), f"year:{flt}"
    if table in ("events", "external_events") and flt in data.schema[table]["columns"]["category"]["values"]:
        return sum(1 for r in rows if r["category"] == flt), f"category.{flt}"
    if table == "figures" and flt in data.schema["figures"]["columns"]["group"]["values"]:
        return sum(1 for r in rows if r["group"] == flt), f"group:{flt}"
    raise KeyError(flt)


def render_count(args: list[str], ctx: Context, fail: Callable[[str], Exception]) -> str:
    tables = ("models", "events", "figures", "sources", *EXTERNAL_TABLES)
    if not args or args[0] not in tables or len(args) > 2:
        raise fail(f"count needs one of {', '.join(tables)}, e.g. [[count:models]] or [[count:models:CN]]")
    table, flt = args[0], (args[1] if len(args) > 1 else None)
    try:
        count, words = count_rows(ctx.data, table, flt)
    except KeyError:
        raise fail(
            f"unknown filter {flt!r} for {table}; models take a country "
            f"({', '.join(countries(ctx.data))}) or 'open', "
            "events a year or a category, figures a group"
        ) from None
    if table == "sources" and flt:
        raise fail("sources cannot be filtered")
    page, _, anchor = ROW_PAGES[table]
    title = t(f"count.{table}", ctx.lang)
    if words:
        label = words.split(":", 1)[1] if ":" in words else t(words, ctx.lang)
        title += t("count.filtered", ctx.lang, filter=label)
    return link_html(ctx, page, anchor, fmt_count(count, ctx.lang), title, None)


# --- fences: rendered before Markdown, so headings they write reach the table of contents -----


def replace_shortcodes(markdown: str, ctx: Context) -> str:
    """Replace every [[...]] outside code with its rendered link."""
    return "".join(
        SHORTCODE.sub(lambda m: render_shortcode(m.group(1), ctx), text) if prose else text
        for prose, text in prose_segments(markdown)
    )
