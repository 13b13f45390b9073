"""Charts in pages: a ```chart fence, the chart files, and plotly.js, all from our own packages.

An author places a chart with one fence whose body is the chart's id::

    ```chart
    timeline
    ```

and this hook puts in that language's figure: a ``<figure id="chart-<id>" class="hmw-chart">``
with the chart's title and source line (from the chart's meta, never typed), a placeholder
``<div data-light=… data-dark=…>`` that overrides/assets/javascripts/hmw.js fills with plotly.js,
a static image for readers without JavaScript, the plotted data as a plain HTML table, downloads
(PNG and SVG in light and dark, CSV, standalone HTML) and an iframe snippet to embed the chart.
An unknown id fails the build naming the page and the id.

Once per build (not per page) the charts package writes the outputs into a cache folder outside
docs/ (build/site-charts/<lang>, or $HMW_CHARTS_DIR), and this hook adds them to the site as
generated files under assets/charts/<id>/. The default language's build writes every language's
(the others are built right after it, by hooks/i18n.py, in the same process), so all images are
exported in one browser session; a language built on its own writes only its own. Writing into
docs/ would make ``mkdocs serve`` rebuild in a loop; PNG/SVG exports are cached by content hash by
the charts package, so a warm build is fast. plotly.js comes from the npm package plotly.js-basic-dist-min
(package.json), whose version must equal the plotly.js inside the Python plotly package that
wrote the figure JSON (plotly 7 writes base64 arrays that older plotly.js draws as blank charts);
charts/plotly_js.py finds it and checks the versions for the site, the standalone pages and images.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
# MkDocs puts hooks/ first on sys.path while it loads a hook, and hooks/charts.py would then shadow
# the charts package: the project root must come first.
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))

log = logging.getLogger("mkdocs.hooks.charts")

FENCE = "chart"
DEFAULT_LANG = "zh"  # hooks/i18n.py builds the other languages after this one
GALLERY_FENCE = "chart-gallery"  # every chart as a thumbnail with its downloads (the slides page)
SITE_CHARTS = "assets/charts"  # where each chart's files live in a language's site
DEFAULT_OUT = ROOT / "build" / "site-charts"
# config.extra key that hooks/i18n.py sets on a language it builds inside the default language's
# site: that site's root relative to this language's root ("../"); shared assets are served from it.
SHARED_ROOT = "hmw_shared_root"
# An opening fence of a chart: ```chart or ~~~chart (any indentation, e.g. inside content tabs).
ANCHOR_ID = re.compile(r'\bid="([^"]+)"')
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*chart[ \t]*$")


def t(key: str, lang: str, **values: Any) -> str:
    """A word from the one vocabulary (charts/strings.yaml), looked up through the charts package as
    it is now (it is reloaded when its code changes under `mkdocs serve`)."""
    from charts.i18n import t as word

    return word(key, lang, **values)


class ChartFenceError(PluginError):
    """A page asks for a chart that does not exist; the message names the page and the id."""


# --- helpers ---------------------------------------------------------------------------------------


def language_of(config: MkDocsConfig) -> str:
    return "zh" if str(config.theme.get("language") or "zh").startswith("zh") else "en"


def out_dir(lang: str) -> Path:
    """This language's chart cache: build/site-charts/<lang> unless $HMW_CHARTS_DIR says otherwise."""
    return Path(os.environ.get("HMW_CHARTS_DIR") or DEFAULT_OUT) / lang


def check_plotly_js() -> str:
    """The plotly.js version to serve; fails the build when npm's copy is missing or differs from
    the one the Python plotly package writes for (charts/plotly_js.py, which names the fix)."""
    from charts import plotly_js

    try:
        return plotly_js.check()
    except plotly_js.PlotlyJsError as exc:
        raise PluginError(f"charts: {exc}") from exc


def plotly_site_path(version: str) -> str:
    """plotly.js in the site, with its version in the name so browsers may cache it for good."""
    return f"assets/javascripts/plotly-basic-{version}.min.js"


def plotly_href(version: str, shared_root: str | None) -> str:
    """Where hmw.js finds plotly.js, relative to this language's root. A language built inside the
    default language's site (hooks/i18n.py sets `shared_root`, that site's root relative to this
    language's, e.g. "../") uses the default language's copy, so a reader who switches language
    does not download plotly.js again; a build on its own (`mkdocs build -f mkdocs.en.yml`, or the
    default language) serves its own copy."""
    return (shared_root or "") + plotly_site_path(version)


def reload_charts_package() -> None:
    """Forget the charts package if its code changed since it was imported, so `mkdocs serve` uses
    the saved code (MkDocs keeps hook modules, and what they imported, for the whole process)."""
    newest = max((p.stat().st_mtime for p in (ROOT / "charts").rglob("*.py")), default=0.0)
    if newest > LOADED.get("charts", newest):
        for name in [n for n in sys.modules if n == "charts" or n.startswith("charts.")]:
            del sys.modules[name]
    LOADED["charts"] = newest


def fence_ids(markdown: str) -> list[str]:
    """The chart ids named by the ```chart fences of a page's Markdown, in order."""
    lines = markdown.split("\n")
    ids: list[str] = []
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        closing = re.compile(rf"^[ \t]*{re.escape(match['fence'][0])}{{{len(match['fence'])},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        ids.append(" ".join(line.strip() for line in lines[i + 1 : j]).strip())
        i = j + 1
    return ids


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def download_links(files: dict[str, Any], rel: Any, lang: str) -> list[str]:
    """The links to a chart's files (images light then dark, CSV, standalone page, zip), for the
    figure under a chart and for its card in the gallery."""
    links = [
        f'<a href="{esc(rel(name))}" download>'
        f"{esc(t('figure.image_label', lang, format=fmt.upper(), scheme=t(f'figure.{scheme}', lang)))}</a>"
        for fmt in ("png", "svg")
        for scheme, name in sorted(files.get(fmt, {}).items(), reverse=True)
        if scheme in ("light", "dark")
    ]
    for kind, download in (("csv", " download"), ("html", ""), ("zip", " download")):
        if kind in files:
            links.append(f'<a href="{esc(rel(files[kind]))}"{download}>{esc(t(f"figure.{kind}", lang))}</a>')
    return links


def figure_html(chart_id: str, meta: dict[str, Any], lang: str, page_url: str, site_url: str) -> str:
    """The <figure> for one chart on one page (links relative to the page, embed URL absolute)."""
    files = meta["files"]
    folder = f"{SITE_CHARTS}/{chart_id}"

    def rel(name: str) -> str:
        return get_relative_url(f"{folder}/{name}", page_url)

    title, subtitle = meta["title"], meta.get("subtitle") or ""
    height = int(meta.get("height") or 440)
    table = meta["table"]
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in table["headers"])
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in table["rows"])
    downloads = download_links(files, rel, lang)
    from charts import embed

    snippet = embed.iframe(f"{site_url}{folder}/{files['html']}", title, lazy=True)
    static = files.get("svg", {}).get("light") or files.get("png", {}).get("light")
    noscript = (
        f'<noscript><img src="{esc(rel(static))}" '
        f'alt="{esc(t("figure.static", lang, title=meta.get("alt") or title))}" '
        f'width="960" height="540" loading="lazy"></noscript>'
        if static
        else ""
    )
    subtitle_html = f'<span class="hmw-chart__subtitle">{esc(subtitle)}</span>' if subtitle else ""
    return (
        f'<figure id="chart-{chart_id}" class="hmw-chart" data-chart="{chart_id}">'
        f'<figcaption class="hmw-chart__caption">'
        f'<span class="hmw-chart__title">{esc(title)}</span>{subtitle_html}'
        f'<span class="hmw-chart__sources">{esc(meta["caption"])}</span>'
        f"</figcaption>"
        f'<div class="hmw-chart__plot" role="img" aria-label="{esc(meta.get("alt") or title)}" '
        f'data-light="{folder}/{files["json"]["light"]}" data-dark="{folder}/{files["json"]["dark"]}" '
        f'style="--hmw-chart-height: {height}px">{noscript}</div>'
        f'<details class="hmw-chart__data"><summary>{esc(t("figure.data", lang))}'
        f"{esc(t('figure.rows', lang, n=len(table['rows'])))}</summary>"
        f'<div class="hmw-chart__scroll" tabindex="0" role="region" '
        f'aria-label="{esc(t("figure.table_label", lang, title=title))}">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>"
        f'<p class="hmw-chart__downloads"><span>{esc(t("figure.downloads", lang))}:</span> '
        + " · ".join(downloads)
        + "</p>"
        f'<details class="hmw-chart__embed"><summary>{esc(t("figure.embed", lang))}</summary>'
        f"<p>{esc(t('figure.embed_help', lang))}</p>"
        f'<div class="highlight"><pre><code>{esc(snippet)}</code></pre></div></details>'
        f"</figure>"
    )


def gallery_html(metas: dict[str, dict[str, Any]], lang: str, page_url: str, site_url: str) -> str:
    """The ```chart-gallery fence (slides page): every chart as a light/dark SVG thumbnail with its
    title, source line, downloads and iframe snippet — static images, so the page stays light."""
    cards = []
    for chart_id, meta in metas.items():
        files, folder = meta["files"], f"{SITE_CHARTS}/{chart_id}"

        def rel(name: str, folder: str = folder) -> str:
            return get_relative_url(f"{folder}/{name}", page_url)

        thumbs = "".join(
            f'<img src="{esc(rel(name))}#only-{scheme}" alt="{esc(meta.get("alt") or meta["title"])}" '
            f'width="480" height="270" loading="lazy">'
            for scheme, name in sorted(files.get("svg", {}).items(), reverse=True)
            if scheme in ("light", "dark")
        )
        links = download_links(files, rel, lang)
        from charts import embed

        snippet = embed.iframe(f"{site_url}{folder}/{files['html']}?bare", meta["title"], lazy=True)
        cards.append(
            f'<li id="gallery-{chart_id}">{thumbs}'
            f"<p><strong>{esc(meta['title'])}</strong></p>"
            f'<p class="hmw-chart__downloads">{" · ".join(links)}</p>'
            # The full source line is long (it is drawn in every image too): folded, so cards stay short.
            f'<details class="hmw-chart__embed"><summary>{esc(t("figure.gallery_sources", lang))}</summary>'
            f"<p><small>{esc(meta['caption'])}</small></p></details>"
            f'<details class="hmw-chart__embed"><summary>{esc(t("figure.gallery_embed", lang))}</summary>'
            f'<div class="highlight"><pre><code>{esc(snippet)}</code></pre></div></details></li>'
        )
    return f'<div class="grid cards hmw-gallery" data-no-glossary><ul>{"".join(cards)}</ul></div>'


# --- build state -----------------------------------------------------------------------------------

STATE: dict[str, Any] = {}
# Languages whose chart files the default language's build wrote for the build that follows it in
# this process (hooks/i18n.py), and the folder holding them.
WRITTEN: dict[str, Path] = {}
LOADED: dict[str, float] = {}  # newest mtime of the charts package's code when it was imported


def fence_format(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    """pymdownx.superfences formatter of the ```chart fence."""
    chart_id = source.strip()
    page = STATE.get("page")
    if chart_id not in STATE["meta"]:
        raise ChartFenceError(unknown_chart_message(page.file.src_uri if page else "?", chart_id))
    return figure_html(
        chart_id, STATE["meta"][chart_id], STATE["lang"], page.url if page else "", STATE["site_url"]
    )


def gallery_format(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    """pymdownx.superfences formatter of the ```chart-gallery fence (its body must be empty)."""
    page = STATE.get("page")
    if source.strip():
        raise ChartFenceError(f"charts: a ```chart-gallery fence takes no body, got {source.strip()!r}")
    return gallery_html(STATE["meta"], STATE["lang"], page.url if page else "", STATE["site_url"])


def unknown_chart_message(page: str, chart_id: str) -> str:
    known = ", ".join(STATE["meta"])
    return (
        f"charts: docs/{STATE['lang']}/{page}: unknown chart {chart_id!r} in a ```chart fence; "
        f"known charts: {known}"
    )


def write_charts(target: Path, langs: list[str]) -> None:
    """Write the languages' chart files, zip bundles and slide decks into target (charts/build.py,
    bundle.py, deck.py); images that could not be exported are a warning."""
    from charts.build import CHART_IDS, write_outputs
    from charts.bundle import write_bundles
    from charts.dataset import load_dataset
    from charts.deck import DeckError, write_decks

    data = load_dataset(ROOT / "data")
    report = write_outputs(data, target, langs=langs, progress=False)
    if report.images and (report.images.skipped or report.images.messages):
        log.warning("charts: some images were not exported:\n" + "\n".join(report.images.messages))
    # Downloads for slide-makers: a zip per chart and each language's deck.
    write_bundles(data, target, chart_ids=CHART_IDS, langs=langs)
    for lang in langs:  # one language's deck failing leaves the others'
        try:
            write_decks(data, target, langs=[lang], chart_ids=CHART_IDS)
        except DeckError as exc:
            log.warning(f"charts: no slide deck ({lang}): {exc}")


# --- hooks -----------------------------------------------------------------------------------------


# Check plotly.js, write this language's chart files once, and register the ```chart fence.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = language_of(config)
    STATE.clear()
    reload_charts_package()
    from charts.build import CHART_IDS
    from charts.i18n import LANGS

    version = check_plotly_js()
    started = time.monotonic()
    target = WRITTEN.pop(lang, None)
    if target is None:
        # hooks/i18n.py builds every other language right after the default one, in this process:
        # the default language's build writes them all now, exporting every image in one browser
        # session (two sessions took twice as long on a cold cache), and their builds take the
        # files from WRITTEN.
        langs = list(LANGS) if lang == DEFAULT_LANG else [lang]
        target = out_dir(lang)
        WRITTEN.clear()
        write_charts(target, langs)
        WRITTEN.update({other: target for other in langs if other != lang})
    metas = {}
    for chart_id in CHART_IDS:
        path = target / lang / chart_id / f"{chart_id}-{lang}.meta.json"
        metas[chart_id] = json.loads(path.read_text(encoding="utf-8"))
        figure = json.loads(
            (target / lang / chart_id / metas[chart_id]["files"]["json"]["light"]).read_text()
        )
        metas[chart_id].setdefault("height", figure.get("layout", {}).get("height"))
    log.info(f"charts: {len(metas)} charts ({lang}) ready in {time.monotonic() - started:.1f} s")
    STATE.update(lang=lang, meta=metas, dir=target / lang, plotly=version, site_url=config.site_url or "/")
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    fences[:] = [f for f in fences if f.get("name") not in (FENCE, GALLERY_FENCE)]
    fences.append({"name": FENCE, "class": "hmw-chart", "format": fence_format})
    fences.append({"name": GALLERY_FENCE, "class": "hmw-gallery", "format": gallery_format})
    # For templates: where plotly.js is (hmw.js loads it only on pages with a chart), and the Open
    # Graph image of every page (the timeline).
    shared_root = config.extra.get(SHARED_ROOT)
    STATE["own_plotly"] = not shared_root
    config.extra["hmw_plotly"] = plotly_href(version, shared_root)
    timeline = metas.get("timeline", {}).get("files", {}).get("png", {}).get("light")
    if timeline:
        config.extra["hmw_og_image"] = f"{SITE_CHARTS}/timeline/{timeline}"
    return config


# Add every chart file and plotly.js (unless the default language's site serves it) to the site as
# generated files (nothing is written to docs/).
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for chart_id in STATE["meta"]:
        for path in sorted((STATE["dir"] / chart_id).iterdir()):
            files.append(
                File.generated(config, f"{SITE_CHARTS}/{chart_id}/{path.name}", abs_src_path=str(path))
            )
    deck = STATE["dir"].parent / f"deck-{STATE['lang']}.pptx"
    if deck.exists():  # written by on_config unless the PNGs are missing
        files.append(File.generated(config, f"{SITE_CHARTS}/{deck.name}", abs_src_path=str(deck)))
    if STATE["own_plotly"]:  # else the default language's site serves it (plotly_href)
        from charts.plotly_js import BUNDLE

        files.append(File.generated(config, plotly_site_path(STATE["plotly"]), abs_src_path=str(BUNDLE)))
    return files


# Fail on a chart fence naming an unknown chart; remember the page for the fence formatter.
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    STATE["page"] = page
    unknown = [chart_id for chart_id in fence_ids(markdown) if chart_id not in STATE["meta"]]
    if unknown:
        raise ChartFenceError("\n".join(unknown_chart_message(page.file.src_uri, c) for c in unknown))
    return markdown


# MkDocs collects anchors before superfences' output is put back, so it cannot see the ids of our
# figures (or of any fence's HTML); add every id of the rendered page so links to #chart-… validate.
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.present_anchor_ids = set(page.present_anchor_ids or ()) | set(ANCHOR_ID.findall(html_text))
    return html_text
