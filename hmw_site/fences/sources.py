"""```source-card (one source article's card) and ```citations (how to cite the site and each article).

The HTML is in templates/card_source.html and templates/card_citations.html, which escape every value.
"""

from __future__ import annotations

from markupsafe import Markup

from charts import citation
from charts.locale import locale_of
from hmw_site.context import ROW_PAGES, Context, ShortcodeError
from hmw_site.html import render
from hmw_site.values import fmt_date


def render_source_card(body: str, ctx: Context) -> Markup:
    lang = ctx.lang
    if body not in ctx.data.sources:
        raise ShortcodeError(
            f"{ctx.page}: ```source-card body {body!r}: no such source; known: {', '.join(ctx.data.sources)}"
        )
    src = ctx.data.sources[body]
    anchor = ctx.anchor(f"source-{body}") if ctx.page == ROW_PAGES["sources"][0] else f"card-{body}"
    # The summaries link to one another (how the articles relate); that is not building on an article.
    users = sorted(p for p in (ctx.usage or {}).get(body, set()) if not p.startswith("sources/"))
    return render(
        "card_source.html",
        lang=lang,
        loc=ctx.loc,
        src=src,
        anchor=anchor,
        titled=citation.is_titled(src),
        title_zh=citation.title(src, lang if ctx.loc.reads_sources else "zh"),
        outlet=citation.outlet(src, lang),
        has_outlet=bool(citation.outlet(src, lang)),
        author=locale_of(lang).text(src, "author"),
        date=fmt_date(src["date"], lang),
        users=[(ctx.href(p), ctx.titles.get(p, p)) for p in users],
    )


def render_citations(body: str, ctx: Context) -> Markup:
    """A citation for each source article, built from data/sources.csv."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```citations takes no body")
    lang = ctx.lang
    items = []
    for key, src in ctx.data.sources.items():
        untitled = citation.title(src, "en")
        items.append(
            {
                "src": src,
                "author": locale_of(lang).text(src, "author"),
                "outlet": citation.outlet(src, lang),
                "titled": citation.is_titled(src),
                "title_zh": citation.title(src, lang if ctx.loc.reads_sources else "zh"),
                "untitled": untitled[:1].upper() + untitled[1:],
                "date": fmt_date(src["date"], lang),
                "summary": ctx.href(f"sources/{key}.md"),
            }
        )
    project = citation.project(lang)  # from CITATION.cff, as the bundles and the data package cite it
    return render(
        "card_citations.html", lang=lang, loc=ctx.loc, site=ctx.site_url, project=project, items=items
    )
