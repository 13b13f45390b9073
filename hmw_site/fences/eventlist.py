"""```eventlist: every event by year, with year headings (in the table of contents) and anchors."""

from __future__ import annotations

from typing import Any

from charts.i18n import t
from hmw_site.context import ROW_PAGES, Context, ShortcodeError, word
from hmw_site.fences.datatables import _event_date, _event_text
from hmw_site.values import date_key, esc, evidence_html


def render_eventlist(body: str, ctx: Context) -> str:
    """Every event by year: a Markdown heading per year (so the TOC lists years), then a list."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```eventlist takes no body (found {body!r})")
    lang = ctx.lang
    _, prefix, list_id = ROW_PAGES["events"]
    by_year: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(ctx.data.events.values(), key=lambda r: date_key(r["date"])):
        by_year.setdefault(row["date"].year, []).append(row)
    out = [f'<div id="{ctx.anchor(list_id)}" class="eventlist-anchor"></div>']
    for year, rows in by_year.items():
        out.append(f"## {t('label.year_heading', lang, year=year)} {{#year-{year}}}")
        items = []
        for row in rows:
            anchor = ctx.anchor(prefix + row["id"])
            items.append(
                f'<li id="{anchor}" class="eventlist__item eventlist__item--{row["category"]}">'
                f'<div class="eventlist__when">{_event_date(ctx, row)}'
                f'<span class="eventlist__category">'
                f"{esc(word('category.' + row['category'], lang))}</span></div>"
                f'<div class="eventlist__what">{_event_text(ctx, row)}'
                f'<div class="eventlist__evidence">{evidence_html(ctx, row, None)}</div></div></li>'
            )
        out.append(f'<ol class="eventlist" data-no-glossary>{"".join(items)}</ol>')
    return "\n\n".join(out)
