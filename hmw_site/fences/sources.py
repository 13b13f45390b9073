"""```source-card (one source article's card) and ```citations (how to cite the site and each article)."""

from __future__ import annotations

from charts import citation
from charts.i18n import t
from hmw_site.context import ROW_PAGES, Context, ShortcodeError
from hmw_site.values import esc, fmt_date


def render_source_card(body: str, ctx: Context) -> str:
    lang = ctx.lang
    if body not in ctx.data.sources:
        raise ShortcodeError(
            f"{ctx.page}: ```source-card body {body!r}: no such source; known: {', '.join(ctx.data.sources)}"
        )
    src = ctx.data.sources[body]
    anchor = ctx.anchor(f"source-{body}") if ctx.page == ROW_PAGES["sources"][0] else f"card-{body}"
    rows: list[tuple[str, str]] = []
    if not citation.is_titled(src):
        rows.append(
            (t("label.original_title", lang), esc(t("label.untitled", lang, label=src[f"title_{lang}"])))
        )
    elif lang == "zh":
        rows.append((t("label.original_title", lang), esc(citation.title(src, "zh"))))
        rows.append((t("label.title_translation", lang), f'<span lang="en">{esc(src["title_en"])}</span>'))
    else:
        rows.append(
            (t("label.original_title", lang), f'<span lang="zh">{esc(citation.title(src, "zh"))}</span>')
        )
        rows.append((t("label.title_translation", lang), esc(src["title_en"])))
    if not citation.outlet(src, lang):
        outlet = t("label.outlet_missing", lang)
    elif lang == "zh":
        outlet = esc(src["outlet_zh"])
    else:
        outlet = f'{esc(src["outlet_en"])} (<span lang="zh">{esc(src["outlet_zh"])}</span>)'
    rows.append((t("label.outlet", lang), outlet))
    author = src["author_zh"] if lang == "zh" else src["author_en"]
    rows.append((t("label.author", lang), esc(author) if author else t("label.author_missing", lang)))
    rows.append(
        (
            t("label.published", lang),
            f'<time datetime="{src["date"].iso}">{esc(fmt_date(src["date"], lang))}</time>'
            f'<br><span class="source-card__aside">{t("label.date_evidence", lang)}'
            f"{'：' if lang == 'zh' else ': '}{esc(src['date_evidence_' + lang])}</span>",
        )
    )
    rows.append((t("label.language", lang), t("script." + src["script"], lang)))
    if src["url"]:
        link = f'<a href="{esc(src["url"])}" rel="noopener" lang="zh">{esc(src["url"])}</a>'
    else:
        link = t("label.link_missing", lang)
    rows.append((t("label.link", lang), link))
    if src[f"noise_{lang}"]:
        rows.append((t("label.noise", lang), esc(src[f"noise_{lang}"])))
    # The summaries link to one another (how the articles relate); that is not building on an article.
    users = sorted(p for p in (ctx.usage or {}).get(body, set()) if not p.startswith("sources/"))
    if users:
        titles = ctx.titles
        items = "".join(f'<li><a href="{esc(ctx.href(p))}">{esc(titles.get(p, p))}</a></li>' for p in users)
        used = f'<ul class="source-card__pages">{items}</ul>'
    else:
        used = t("label.used_by_none", lang)
    rows.append((t("label.used_by", lang), used))
    cells = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<div class="source-card" id="{anchor}" data-no-glossary><dl>{cells}</dl>'
        f'<p class="source-card__aside">{t("label.not_republished", lang)}</p></div>'
    )


def render_citations(body: str, ctx: Context) -> str:
    """A citation for each source article, built from data/sources.csv."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```citations takes no body")
    lang = ctx.lang
    site = ctx.site_url
    site_link = f' <a href="{esc(site)}">{esc(site)}</a>' if site else ""
    items = [f'<li class="citation-list__site">{t("cite.site", lang)}{site_link}</li>']
    for key, src in ctx.data.sources.items():
        author = src["author_zh"] if lang == "zh" else src["author_en"]
        date = esc(fmt_date(src["date"], lang))
        url = f' <a href="{esc(src["url"])}" rel="noopener">{esc(src["url"])}</a>' if src["url"] else ""
        outlet = citation.outlet(src, lang)
        if lang == "zh":
            who = f"{esc(author)}：" if author else ""
            where = f"{esc(outlet)}，" if outlet else ""
            text = f"{who}{esc(citation.title(src, 'zh'))}，{where}{date}。{url}"
        else:
            who = f"{esc(author)}. " if author else ""
            if citation.is_titled(src):
                named = f'<span lang="zh">{esc(citation.title(src, "zh"))}</span> [{esc(src["title_en"])}]'
            else:
                untitled = citation.title(src, "en")
                named = esc(untitled[:1].upper() + untitled[1:])
            text = f"{who}{named}. {esc(outlet) + ', ' if outlet else ''}{date}.{url}"
        summary = f' — <a href="{esc(ctx.href(f"sources/{key}.md"))}">{t("cite.summary", lang)}</a>'
        items.append(f"<li>{text}{summary}</li>")
    return f'<ol class="citation-list" data-no-glossary>{"".join(items)}</ol>'
