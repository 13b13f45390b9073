"""One build of one language: the parts of the site layer, each with its state for this build only.

hmw_site/plugin.py creates a Site for every build (and `mkdocs serve` rebuild) and hands it MkDocs'
events; nothing outlives the build, so a rebuild starts from the saved files and code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charts import digest
from charts.i18n import GENERATED
from charts.locale import locale_of
from hmw_site import search_cuts
from hmw_site.charts import ChartPages, add_anchor_ids
from hmw_site.datarefs import DataRefs
from hmw_site.generated import GeneratedPages
from hmw_site.glossary import GlossaryPages
from hmw_site.languages import Languages
from hmw_site.markdown import page_title, read_pages
from hmw_site.memo import PageMemo, PageReuse
from hmw_site.problems import page_problem_markdown
from hmw_site.segmentation import teach_traditional_words

log = logging.getLogger("mkdocs.plugins.hmw")


class Site:
    """The languages, charts, dataset and glossary parts of one build, in the order they act."""

    def __init__(
        self, config: MkDocsConfig, *, serving: bool = False, memos: dict[str, PageMemo] | None = None
    ) -> None:
        self.serving = serving  # under `mkdocs serve`: a language is rebuilt only when it must be
        self.languages = Languages(config)
        lang = self.languages.lang
        self.languages.configure(config)  # sets this language's site_url, which the parts below use
        self.charts = ChartPages(config, lang, self.languages.project, serving=serving)
        self.charts.configure(config)
        self.datarefs = DataRefs(config, lang)
        self.glossary = GlossaryPages(self.languages.project, lang)
        # A generated language's pages: its source language's, converted as they are read.
        self.generated = GeneratedPages(locale_of(lang), self.datarefs.data) if lang in GENERATED else None
        # A whole-site build cuts its search indexes' Chinese in a helper process (hmw_site/search_cuts.py);
        # a Traditional index is cut where its Simplified source is (hmw_site/segmentation.py).
        traditional = self.generated is not None and self.generated.loc.script == "Hant"
        if self.languages.builds_others and not serving:
            search_cuts.start()
        if not search_cuts.cut_in_helper(config.plugins, traditional=traditional) and traditional:
            teach_traditional_words()
        self.pages: dict[str, str] | None = None
        # Under `mkdocs serve`, the pages rendered by earlier rebuilds (hmw_site/memo.py).
        self.memo = memos.setdefault(lang, PageMemo()) if serving and memos is not None else None
        self.reuse: PageReuse | None = None  # set once every page's Markdown is known (on_nav)

    def close(self) -> None:
        """The build is over (done or failed)."""
        if self.reuse is not None:
            self.reuse.close()

    @contextmanager
    def reported_while_serving(self) -> Iterator[None]:
        """A problem found while building fails `mkdocs build`; under `mkdocs serve` it is logged and
        the build goes on, since a failed rebuild leaves the browser waiting with no word of why."""
        try:
            yield
        except PluginError as exc:
            if not self.serving:
                raise
            log.error("%s", exc)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        with self.reported_while_serving():
            self.languages.check_twins_and_add_robots(files, config)
        if self.languages.skip_unchanged(config, self.charts.written, reuse=self.serving):
            # Nothing this language's site is made from changed (a save in the other language's
            # pages): render and copy nothing; on_post_build puts the last build back.
            config.nav = []
            return Files([])
        if self.generated is not None:
            self.pages = self.generated.convert_files(files)
        self.charts.add_files(files, config)
        self.datarefs.add_files(files, config)
        return files

    # Every page's Markdown is read once, before any is rendered: source cards list the pages that
    # build on a source, and the glossary lists the pages that use a term.
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        pages = self.pages if self.pages is not None else read_pages(Path(config.docs_dir))
        titles = {uri: page_title(text, uri) for uri, text in pages.items()}
        self.datarefs.read(pages, titles)
        with self.reported_while_serving():
            self.glossary.read(pages, titles, config.docs_dir)
        if self.memo is not None:
            inputs = self.languages.inputs(config, self.charts.written)
            # What every page is made from besides its own source ("" when the charts are not known
            # to be complete: nothing is reused).
            build_key = inputs and digest.text_digest(
                self.languages.lang,
                inputs,
                sorted(pages),
                titles,
                {key: sorted(value) for key, value in self.datarefs.usage.items()},
                self.glossary.uses,
            )
            self.reuse = PageReuse(self.memo, build_key, self.datarefs.data)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        kept = self.reuse.kept(page, markdown, self.charts.shown_in(markdown)) if self.reuse else None
        if kept is not None:  # rendered from the same inputs by an earlier rebuild: not rendered again
            self.datarefs.record(page.file.src_uri, kept.datarefs_links, kept.datarefs_anchors)
            return markdown
        try:
            self.charts.check_page(markdown, page)
            markdown = self.datarefs.render(markdown, page, files)
            return self.glossary.render_page(markdown, page, files)
        except PluginError as exc:
            if not self.serving:
                raise
            log.error("%s", exc)
            return page_problem_markdown(exc, self.languages.lang)  # shown in place of the page

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.reuse is not None and self.reuse.is_reused(page):
            return html  # as the kept rendering left it
        add_anchor_ids(html, page)
        html = self.glossary.wrap(html, page, files, config.docs_dir)
        if self.reuse is not None:
            src = page.file.src_uri
            self.reuse.keep(page, html, *self.datarefs.recorded(src), self.datarefs.rows_read(src))
        return html

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
        self.languages.page_context(page, config)
        return context

    def on_template_context(self, context: dict[str, Any], name: str, config: MkDocsConfig) -> dict[str, Any]:
        self.languages.template_context(name, config)
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.reuse is not None and not self.languages.skipped:
            log.info(f"pages ({self.languages.lang}): {self.reuse.finish()}")
        self.close()
        with self.reported_while_serving():
            self.datarefs.check_links()
        self.languages.build_others(config, self.charts.written, reuse=self.serving)
        if self.languages.builds_others:
            search_cuts.finish()  # every language's search index is written
        self.charts.finish()  # the chart files join every language's site last
