"""Charts in pages: a ```chart fence, the chart files, and plotly.js, all from our own packages.

An author places a chart with one fence whose body is the chart's id::

    ```chart
    timeline
    ```

and the site puts in that language's figure: a ``<figure id="chart-<id>" class="hmw-chart">``
with the chart's title and source line (from the chart's meta, never typed), a placeholder
``<div data-light=… data-dark=…>`` that overrides/assets/javascripts/hmw.js fills with plotly.js,
a static image for readers without JavaScript, the plotted data as a plain HTML table, downloads
(PNG and SVG in light and dark, CSV, standalone HTML) and an iframe snippet to embed the chart.
A chart with a view that adds the layer beyond the articles (``timeline`` and ``timeline-context``)
gets both figures under one switch, the fence's own id checked. An unknown id fails the build
naming the page and the id.

Once per build (not per page) the charts package brings the outputs up to date (charts/update.py:
no work when nothing they depend on changed, else only the charts that changed) in a folder outside
docs/ (build/site-charts/<lang>, or $HMW_CHARTS_DIR), and the plugin adds them to the site as
generated files under assets/charts/<id>/. `mkdocs build` writes that folder, images included, on
a thread while it renders the pages, which it builds from the metas planned in memory; the files
join the site at the end (hmw_site/pending_charts.py). The default language's build writes every language's
(the others are built right after it, by hmw_site/languages.py, in the same process), so all images are
exported in one browser session; a language built on its own writes only its own. Writing into
docs/ would make ``mkdocs serve`` rebuild in a loop; PNG/SVG exports are cached by content hash by
the charts package, so a warm build is fast. plotly.js comes from the npm package plotly.js-basic-dist-min
(package.json), whose version must equal the plotly.js inside the Python plotly package that
wrote the figure JSON (plotly 7 writes base64 arrays that older plotly.js draws as blank charts);
charts/plotly_js.py finds it and checks the versions for the site, the standalone pages and images.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from charts import digest, embed, narrow, plotly_js
from charts.build import CHART_IDS
from charts.deck import deck_name
from charts.export import CACHE_DIR, ImagePrefetch
from charts.i18n import ALL_LANGS, DEFAULT_LANG, t
from charts.registry import CONTEXT_VIEWS, views
from charts.update import UpdateReport, plan_update
from hmw_site import embed_pages
from hmw_site.html import render
from hmw_site.languages import CHARTS_PENDING, CHARTS_WRITTEN, SHARED_ROOT
from hmw_site.markdown import find_fences
from hmw_site.pending_charts import ChartFile, PendingCharts, images_browser

log = logging.getLogger("mkdocs.plugins.hmw")

FENCE = "chart"
GALLERY_FENCE = "chart-gallery"  # every chart as a thumbnail with its downloads (the slides page)
SITE_CHARTS = "assets/charts"  # where each chart's files live in a language's site
CHARTS_CACHE = Path("build") / "site-charts"  # below the project folder, unless $HMW_CHARTS_DIR
ANCHOR_ID = re.compile(r'\bid="([^"]+)"')


class ChartFenceError(PluginError):
    """A page asks for a chart that does not exist; the message names the page and the id."""


# --- helpers ---------------------------------------------------------------------------------------


def out_dir(project: Path, lang: str) -> Path:
    """This language's chart cache: build/site-charts/<lang> unless $HMW_CHARTS_DIR says otherwise."""
    return Path(os.environ.get("HMW_CHARTS_DIR") or project / CHARTS_CACHE) / lang


def check_plotly_js() -> str:
    """The plotly.js version to serve; fails the build when npm's copy is missing or differs from
    the one the Python plotly package writes for (charts/plotly_js.py, which names the fix)."""
    try:
        return plotly_js.check()
    except plotly_js.PlotlyJsError as exc:
        raise PluginError(f"charts: {exc}") from exc


def plotly_site_path(version: str) -> str:
    """plotly.js in the site, with its version in the name so browsers may cache it for good."""
    return f"assets/javascripts/plotly-basic-{version}.min.js"


def plotly_href(version: str, shared_root: str | None) -> str:
    """Where hmw.js finds plotly.js, relative to this language's root. A language built inside the
    default language's site (hmw_site/languages.py sets `shared_root`, that site's root relative to
    this language's, e.g. "../") uses the default language's copy, so a reader who switches language
    does not download plotly.js again; a build on its own (`mkdocs build -f mkdocs.en.yml`, or the
    default language) serves its own copy."""
    return (shared_root or "") + plotly_site_path(version)


def fence_ids(markdown: str) -> list[str]:
    """The chart ids named by the ```chart fences of a page's Markdown, in order."""
    return [
        " ".join(fence.body.split()) for fence in find_fences(markdown.split("\n")) if fence.info == FENCE
    ]


def download_links(files: dict[str, Any], rel: Callable[[str], str], lang: str) -> list[dict[str, Any]]:
    """The links to a chart's files (images light then dark, CSV, standalone page, zip), for the
    figure under a chart and for its card in the gallery (the macro in templates/chart_downloads.html)."""
    links = [
        {
            "href": rel(name),
            "label": t("figure.image_label", lang, format=fmt.upper(), scheme=t(f"figure.{scheme}", lang)),
            "download": True,
        }
        for fmt in ("png", "svg")
        for scheme, name in sorted(files.get(fmt, {}).items(), reverse=True)
        if scheme in ("light", "dark")
    ]
    for kind, download in (("csv", True), ("html", False), ("zip", True)):
        if kind in files:
            links.append({"href": rel(files[kind]), "label": t(f"figure.{kind}", lang), "download": download})
    return links


def with_heights(meta: dict[str, Any], figure: dict[str, Any]) -> dict[str, Any]:
    """A chart's meta with the heights its figure is drawn at, on a wide screen and on a phone."""
    meta = dict(meta)
    meta.setdefault("height", figure.get("layout", {}).get("height"))
    meta.setdefault("phone_height", narrow.phone_height(figure))
    return meta


def file_names_of(meta: dict[str, Any]) -> list[str]:
    """Every file of a chart's folder, as its meta lists them (the meta itself included)."""
    names = [meta["files"]["meta"]] if "meta" in meta["files"] else []
    for kind, value in meta["files"].items():
        if kind != "meta":
            names += sorted(value.values()) if isinstance(value, dict) else [value]
    return sorted(set(names))


def figure_html(chart_id: str, meta: dict[str, Any], lang: str, page_url: str, site_url: str) -> Markup:
    """The <figure> for one chart on one page (links relative to the page, embed URL absolute)."""
    files = meta["files"]
    folder = f"{SITE_CHARTS}/{chart_id}"

    def rel(name: str) -> str:
        return get_relative_url(f"{folder}/{name}", page_url)

    title = meta["title"]
    static = files.get("svg", {}).get("light") or files.get("png", {}).get("light")
    phone = files.get("phone", {})
    return render(
        "chart_figure.html",
        lang=lang,
        chart_id=chart_id,
        title=title,
        subtitle=meta.get("subtitle") or "",
        caption=meta["caption"],
        alt=meta.get("alt") or title,
        folder=folder,
        plots=files["json"],  # the figure JSON, light and dark
        height=int(meta.get("height") or 440),
        phone_height=int(meta.get("phone_height") or meta.get("height") or 440),
        phone_width=narrow.PHONE_WIDTH,
        narrow_below=narrow.MAX_WIDTH,
        # The chart as a phone draws it, per scheme: shown until plotly.js is asked for.
        phone={scheme: rel(name) for scheme, name in sorted(phone.items()) if scheme in ("light", "dark")},
        static=rel(static) if static else "",
        headers=meta["table"]["headers"],
        rows=meta["table"]["rows"],
        links=download_links(files, rel, lang),
        snippet=embed.iframe(embed_pages.embed_url(site_url, chart_id, lang), title, lazy=True),
        embed_options=embed_pages.embed_choices(site_url, chart_id),
    )


def views_html(
    views: tuple[str, ...],
    chosen: str,
    metas: dict[str, dict[str, Any]],
    lang: str,
    page_url: str,
    site_url: str,
) -> Markup:
    """A chart's views (charts/registry.py views: the articles' own, then the one with the layer
    beyond the articles) as one switch over their figures, the page's own choice shown first."""
    figures = [
        {
            "id": view,
            "label": t("figure.view_context" if view in CONTEXT_VIEWS else "figure.view_articles", lang),
            "html": figure_html(view, metas[view], lang, page_url, site_url),
        }
        for view in views
    ]
    return render("chart_views.html", lang=lang, figures=figures, chosen=chosen)


def gallery_html(metas: dict[str, dict[str, Any]], lang: str, page_url: str, site_url: str) -> Markup:
    """The ```chart-gallery fence (slides page): every chart as a light/dark SVG thumbnail with its
    title, source line, downloads and iframe snippet — static images, so the page stays light."""
    cards = []
    for chart_id, meta in metas.items():
        files, folder = meta["files"], f"{SITE_CHARTS}/{chart_id}"

        def rel(name: str, folder: str = folder) -> str:
            return get_relative_url(f"{folder}/{name}", page_url)

        cards.append(
            {
                "id": chart_id,
                "thumbs": [
                    f"{rel(name)}#only-{scheme}"
                    for scheme, name in sorted(files.get("svg", {}).items(), reverse=True)
                    if scheme in ("light", "dark")
                ],
                "alt": meta.get("alt") or meta["title"],
                "title": meta["title"],
                "caption": meta["caption"],
                "links": download_links(files, rel, lang),
                "snippet": embed.iframe(
                    embed_pages.embed_url(site_url, chart_id, lang, bare=True), meta["title"], lazy=True
                ),
                "embed_options": embed_pages.embed_choices(site_url, chart_id, bare=True),
            }
        )
    return render("chart_gallery.html", lang=lang, cards=cards)


# --- build state -----------------------------------------------------------------------------------


def log_warnings(report: UpdateReport) -> None:
    """Images that could not be exported and decks that could not be made are warnings."""
    for warning in report.warnings:
        log.warning(f"charts: {warning}")


def update_folder(project: Path, target: Path, lang: str, *, serving: bool) -> UpdateReport | PendingCharts:
    """Bring the chart folder up to date: written now (`mkdocs serve`, or when nothing changed, or
    when the images cannot be made), or on a thread while the pages are rendered (PendingCharts).

    The default language's build writes every language, exporting every image in one browser
    session (two sessions took twice as long on a cold cache); the others reuse its folder. Under
    `mkdocs serve` too, the browser draws each changed chart's images as soon as it is planned,
    while the next is planned (a data save's chart step: about 2.5 s before, 1.7-2.1 s after); the
    folder is still written before the pages are rendered."""
    langs = list(ALL_LANGS) if lang == DEFAULT_LANG else [lang]
    browser = images_browser()
    # A first build on this machine needs the browser for every chart: it starts at once.
    prefetch = (
        ImagePrefetch(CACHE_DIR, browser, open_now=ImagePrefetch.cache_is_empty(CACHE_DIR))
        if browser
        else None
    )
    planned = plan_update(project / "data", target, langs, prefetch=prefetch)
    if prefetch is not None and not planned.report.skipped and not serving:
        return PendingCharts(planned)
    report = planned.write()  # waits for the prefetch, if any
    log_warnings(report)
    return report


class ChartPages:
    """Per build: this language's chart files (written once for every language by the default
    language's build), the ```chart and ```chart-gallery fences, and plotly.js."""

    def __init__(self, config: MkDocsConfig, lang: str, project: Path, *, serving: bool = False) -> None:
        self.lang = lang
        self.site_url = config.site_url or "/"
        self.page: Page | None = None
        self.plotly = check_plotly_js()
        started = time.monotonic()
        written = config.extra.get(CHARTS_WRITTEN)
        self.update: UpdateReport | None = None  # what this build did to the chart folder, if anything
        # The chart folder's write under way (hmw_site/pending_charts.py), and whether this build
        # started it (and so finishes it, last).
        self.pending: PendingCharts | None = config.extra.get(CHARTS_PENDING) if written else None
        self.owns_pending = False
        if written:  # the default language's build wrote this language's files already, or is writing them
            target = Path(written)
        else:
            target = out_dir(project, lang)
            started_update = update_folder(project, target, lang, serving=serving)
            if isinstance(started_update, PendingCharts):
                self.pending = config.extra[CHARTS_PENDING] = started_update
                self.owns_pending = True
            else:
                self.update = started_update
        self.written = target
        self.dir = target / lang
        if self.pending is not None:
            self.digests: dict[str, str] = self.pending.digests
            found = self.pending.metas[lang]
        else:
            self.digests = digest.read_manifest(target).get("charts", {})  # of each chart's files
            found = {chart_id: self._read(chart_id) for chart_id in CHART_IDS}
        self.meta = {chart_id: with_heights(**found[chart_id]) for chart_id in CHART_IDS}
        if self.owns_pending:
            done = "planned; the files are being written while the pages are rendered"
        else:
            done = self.update.summary() if self.update else "written by the default language's build"
        seconds = time.monotonic() - started
        log.info(f"charts: {len(self.meta)} charts ({lang}) ready in {seconds:.1f} s: {done}")
        self.own_plotly = not config.extra.get(SHARED_ROOT)

    def _read(self, chart_id: str) -> dict[str, Any]:
        """A chart's meta and light figure, from the chart folder."""
        folder = self.dir / chart_id
        meta = json.loads((folder / f"{chart_id}-{self.lang}.meta.json").read_text(encoding="utf-8"))
        figure = json.loads((folder / meta["files"]["json"]["light"]).read_text(encoding="utf-8"))
        return {"meta": meta, "figure": figure}

    def finish(self) -> None:
        """At the end of the build that started the chart folder's write: wait for it, then copy the
        chart files that waited for it into every language's site."""
        if not self.owns_pending or self.pending is None:
            return
        started = time.monotonic()
        self.update = self.pending.finish()
        log_warnings(self.update)
        seconds = time.monotonic() - started
        log.info(f"charts: written ({seconds:.1f} s waited at the end): {self.update.summary()}")

    def configure(self, config: MkDocsConfig) -> None:
        """Register the fences; tell the templates where plotly.js is and which image Open Graph uses."""
        fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
        fences[:] = [f for f in fences if f.get("name") not in (FENCE, GALLERY_FENCE)]
        fences.append({"name": FENCE, "class": "hmw-chart", "format": partial(ChartPages.chart_fence, self)})
        fences.append(
            {"name": GALLERY_FENCE, "class": "hmw-gallery", "format": partial(ChartPages.gallery_fence, self)}
        )
        # hmw.js loads plotly.js only on pages with a chart; every page's Open Graph image is the timeline.
        config.extra["hmw_plotly"] = plotly_href(self.plotly, config.extra.get(SHARED_ROOT))
        timeline = self.meta.get("timeline", {}).get("files", {}).get("png", {}).get("light")
        if timeline:
            config.extra["hmw_og_image"] = f"{SITE_CHARTS}/timeline/{timeline}"

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Every chart file, the deck and plotly.js (unless the default language's site serves it),
        as generated files (nothing is written to docs/)."""
        for chart_id, meta in self.meta.items():
            for name in file_names_of(meta):
                self._add(files, config, f"{chart_id}/{name}", self.dir / chart_id / name)
        deck = self.written / deck_name(self.lang)
        if self.pending is not None or deck.exists():  # written unless the PNGs are missing
            self._add(files, config, deck.name, deck)
        titles = {chart_id: meta["title"] for chart_id, meta in self.meta.items()}
        embed_pages.add_files(files, config, self.lang, titles, SITE_CHARTS)
        if self.own_plotly:
            files.append(
                File.generated(config, plotly_site_path(self.plotly), abs_src_path=str(plotly_js.BUNDLE))
            )

    def _add(self, files: Files, config: MkDocsConfig, name: str, path: Path) -> None:
        """One file of the chart folder, copied once it is written (at once, unless pending)."""
        file = ChartFile.generated(config, f"{SITE_CHARTS}/{name}", abs_src_path=str(path))
        file.pending = self.pending
        files.append(file)

    def shown_in(self, markdown: str) -> dict[str, str]:
        """The charts a page shows (its ```chart fences; all of them for a gallery), each with the
        digest of its files (charts/digest.py): what the page's HTML takes from the charts."""
        gallery = any(fence.info == GALLERY_FENCE for fence in find_fences(markdown.split("\n")))
        shown = CHART_IDS if gallery else [view for cid in fence_ids(markdown) for view in views(cid)]
        return {cid: self.digests.get(f"{self.lang}/{cid}", "") for cid in shown}

    def check_page(self, markdown: str, page: Page) -> None:
        """Fail on a chart fence naming an unknown chart; remember the page for the fence formatter."""
        self.page = page
        unknown = [chart_id for chart_id in fence_ids(markdown) if chart_id not in self.meta]
        if unknown:
            raise ChartFenceError(
                "\n".join(self.unknown_chart_message(page.file.src_uri, c) for c in unknown)
            )

    def unknown_chart_message(self, page: str, chart_id: str) -> str:
        return (
            f"charts: docs/{self.lang}/{page}: unknown chart {chart_id!r} in a ```chart fence; "
            f"known charts: {', '.join(self.meta)}"
        )

    def chart_fence(
        self, source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any
    ) -> str:
        """pymdownx.superfences formatter of the ```chart fence."""
        chart_id = source.strip()
        if chart_id not in self.meta:
            raise ChartFenceError(
                self.unknown_chart_message(self.page.file.src_uri if self.page else "?", chart_id)
            )
        page_url = self.page.url if self.page else ""
        family = views(chart_id)
        if len(family) > 1:
            return views_html(
                family,
                chosen=chart_id,
                metas=self.meta,
                lang=self.lang,
                page_url=page_url,
                site_url=self.site_url,
            )
        return figure_html(chart_id, self.meta[chart_id], self.lang, page_url, self.site_url)

    def gallery_fence(
        self, source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any
    ) -> str:
        """pymdownx.superfences formatter of the ```chart-gallery fence (its body must be empty)."""
        if source.strip():
            raise ChartFenceError(f"charts: a ```chart-gallery fence takes no body, got {source.strip()!r}")
        return gallery_html(self.meta, self.lang, self.page.url if self.page else "", self.site_url)


def add_anchor_ids(html_text: str, page: Page) -> None:
    """MkDocs collects anchors before superfences' output is put back, so it cannot see the ids of
    our figures (or of any fence's HTML): add every id of the rendered page, so links validate."""
    page.present_anchor_ids = set(page.present_anchor_ids or ()) | set(ANCHOR_ID.findall(html_text))
