"""Fences: a fenced block whose info string names one of FENCES is replaced by HTML from the dataset
before Markdown runs, so the headings a fence writes reach the table of contents.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from hmw_site.context import Context, ShortcodeError
from hmw_site.fences.datatables import DATATABLES
from hmw_site.fences.eventlist import render_eventlist
from hmw_site.fences.external_tables import EXTERNAL_DATATABLES
from hmw_site.fences.reference import render_downloads, render_marks, render_schema
from hmw_site.fences.sources import render_citations, render_source_card
from hmw_site.markdown import find_fences
from hmw_site.shortcodes import replace_shortcodes


def expand_fences(markdown: str, ctx: Context, fences: dict[str, Callable[[str, Context], str]]) -> str:
    """Replace this hook's fences with their output (indented like the fence)."""
    lines = markdown.split("\n")
    out: list[str] = []
    cursor = 0
    for fence in find_fences(lines):
        if fence.info not in fences:
            continue
        out.extend(lines[cursor : fence.start])
        rendered = fences[fence.info](fence.body.strip(), ctx)
        block = ["", *rendered.strip("\n").split("\n"), ""]
        out.extend(fence.indent + line if line else "" for line in block)
        cursor = fence.end
    out.extend(lines[cursor:])
    return "\n".join(out)


def render_datatable(body: str, ctx: Context) -> Markup:
    """```datatable NAME: one table of the dataset, its rows anchored (fences/datatables.py for the
    articles' tables, fences/external_tables.py for the external layer's)."""
    renderers = DATATABLES | EXTERNAL_DATATABLES
    if body not in renderers:
        raise ShortcodeError(
            f"{ctx.page}: ```datatable body {body!r}: expected one of {', '.join(renderers)}"
        )
    return renderers[body](ctx)


FENCES: dict[str, Callable[[str, Context], str]] = {
    "datatable": render_datatable,
    "eventlist": render_eventlist,
    "source-card": render_source_card,
    "schema": render_schema,
    "downloads": render_downloads,
    "citations": render_citations,
    "marks": render_marks,
}


def render_page(markdown: str, ctx: Context) -> str:
    """Expand fences, then shortcodes: the whole transformation of one page's Markdown."""
    return replace_shortcodes(expand_fences(markdown, ctx, FENCES), ctx)
