"""One address per chart that opens it in any language, colour scheme and view, for an iframe or a
shared link: ``embed/<chart>/?lang=en&theme=dark&view=all``.

The page is a small router (templates/embed_page.html): it reads its query, keeps only values it
knows, and replaces itself with the chart's standalone page (charts/standalone.py) in that language
and view, passing the scheme on. Every standalone page already works offline, redraws at its real
size, and carries the title, sources and data table; so the router adds no second way to draw a
chart. An unknown or malformed value falls back to the default without a message; nothing read from
the URL is ever written into the page. Without JavaScript the page forwards to the chart in the
page's language (a <noscript> refresh) and lists every language's page as links.

Parameters: lang (each language the site has; default: the language of the site the page is in),
theme (auto, light, dark; default auto: the reader's system setting), view (articles, all: for the
charts with a view that adds the layer beyond the articles; default articles), and the standalone
page's flags bare and transparent, passed on as they are.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from charts.i18n import DEFAULT_LANG
from charts.locale import locale_of
from charts.registry import CHART_IDS, CONTEXT_VIEWS, views
from hmw_site.html import render
from hmw_site.languages import LANGUAGES, SHARED_ROOT

EMBED_DIR = "embed"
THEMES = ("auto", "light", "dark")
VIEW_ARTICLES, VIEW_ALL = "articles", "all"  # the view parameter's values
FLAGS = ("bare", "transparent")  # the standalone page's own switches, passed on
SCRIPT = "assets/javascripts/embed.js"  # overrides/assets/javascripts/embed.js, in every language's site


def embedded_ids() -> list[str]:
    """The charts with an embed address: every chart but the views of another."""
    return [cid for cid in CHART_IDS if cid not in CONTEXT_VIEWS]


def view_of(chart_id: str) -> str:
    """The view parameter that shows this chart or view."""
    return VIEW_ALL if chart_id in CONTEXT_VIEWS else VIEW_ARTICLES


def embed_path(chart_id: str) -> str:
    """Where a chart's (or view's) embed page lives below a language's site root."""
    return f"{EMBED_DIR}/{CONTEXT_VIEWS.get(chart_id, chart_id)}/"


def embed_url(site_url: str, chart_id: str, lang: str, **flags: bool) -> str:
    """The address that opens chart_id (a chart or one of its views) in lang, as the embed form
    writes it (hmw.js), e.g. https://…/embed/timeline/?lang=en&view=all&bare."""
    query: dict[str, str] = {"lang": lang}
    if len(views(chart_id)) > 1:
        query["view"] = view_of(chart_id)
    flags_on = [name for name in FLAGS if flags.get(name)]
    text = urlencode(query) + "".join(f"&{name}" for name in flags_on)
    return f"{site_url}{embed_path(chart_id)}?{text}"


def embed_choices(site_url: str, chart_id: str, *, bare: bool = False) -> dict[str, Any]:
    """What the embed form under a chart (templates/chart_embed.html) starts from: the address
    without its query, the languages, the chart's view when it has two, and whether it is bare."""
    return {
        "base": f"{site_url}{embed_path(chart_id)}",
        "langs": [(code, info["name"], info["hreflang"]) for code, info in LANGUAGES.items()],
        "view": view_of(chart_id) if len(views(chart_id)) > 1 else "",
        "bare": bare,
    }


def language_roots(lang: str, shared_root: str | None) -> dict[str, str]:
    """Each language whose charts this site holds, with its root relative to an embed page. The
    default language's site holds every language's (languages.py builds them into it), as does a
    language built inside it (shared_root); a language built on its own holds only its own."""
    up = "../" * embed_path("x").count("/")
    if lang != DEFAULT_LANG and shared_root is None:
        return {lang: up}
    to_root = up + ("../" * LANGUAGES[lang]["prefix"].count("/"))
    return {code: to_root + info["prefix"] for code, info in LANGUAGES.items()}


def embed_page(chart_id: str, lang: str, title: str, roots: dict[str, str], charts_folder: str) -> str:
    """The router page of one chart as the site of lang serves it: title, the chart's title in lang;
    roots, language_roots; charts_folder, where a language's site keeps the chart files."""
    links = [
        {
            "lang": code,
            "name": LANGUAGES[code]["name"],
            "html_lang": locale_of(code).html_lang,
            "href": f"{root}{charts_folder}/{chart_id}/{chart_id}-{code}.html",
        }
        for code, root in roots.items()
    ]
    up = "../" * embed_path(chart_id).count("/")
    return render(
        "embed_page.html",
        html_lang=locale_of(lang).html_lang,
        title=title,
        script=f"{up}{SCRIPT}",
        links=links,
        own=next(link["href"] for link in links if link["lang"] == lang),
        router={
            "lang": lang,
            "roots": roots,
            "views": {view_of(view): view for view in views(chart_id)},
            "themes": list(THEMES),
            "flags": list(FLAGS),
            "charts": charts_folder,
        },
    )


def add_files(
    files: Files, config: MkDocsConfig, lang: str, titles: dict[str, str], charts_folder: str
) -> None:
    """An embed page for every chart in this language's site; titles: each chart's, in lang."""
    roots = language_roots(lang, config.extra.get(SHARED_ROOT))
    for chart_id in embedded_ids():
        content = embed_page(chart_id, lang, titles[chart_id], roots, charts_folder)
        files.append(File.generated(config, f"{embed_path(chart_id)}index.html", content=content))
