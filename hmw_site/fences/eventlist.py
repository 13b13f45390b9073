"""```eventlist: every event by year, with year headings (in the table of contents) and anchors."""

from __future__ import annotations

from typing import Any

from charts.i18n import t
from hmw_site.context import ROW_PAGES, Context, ShortcodeError
from hmw_site.fences.datatables import event_view
from hmw_site.html import render
from hmw_site.values import date_key


def render_eventlist(body: str, ctx: Context) -> str:
    """Every event by year: a Markdown heading per year (so the TOC lists years), then a list
    (eventlist_year.html). The headings are Markdown, so the parts are joined here, not in a template."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```eventlist takes no body (found {body!r})")
    lang = ctx.lang
    _, prefix, list_id = ROW_PAGES["events"]
    by_year: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(ctx.data.events.values(), key=lambda r: date_key(r["date"])):
        by_year.setdefault(row["date"].year, []).append(row)
    out = [render("eventlist_anchor.html", anchor=ctx.anchor(list_id))]
    for year, rows in by_year.items():
        out.append(f"## {t('label.year_heading', lang, year=year)} {{#year-{year}}}")
        views = [{"anchor": ctx.anchor(prefix + row["id"]), **event_view(ctx, row)} for row in rows]
        out.append(render("eventlist_year.html", lang=lang, rows=views))
    return "\n\n".join(out)
