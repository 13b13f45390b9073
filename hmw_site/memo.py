"""What `mkdocs serve` remembers from one rebuild to the next, so that a save re-does only the work
it changed. MkDocs renders every page of a language on every rebuild; a save changes one page, and
the others' Markdown, search sections and Chinese segmentation come out as last time.

All of it is memoisation: a result is kept under a digest of everything it is made from (for a
page, what it read of the dataset too, by row and column: charts/dataset.py ReadRows) and used only for
the same inputs, so a rebuild that uses it writes the bytes a full build writes
(tests/site/test_page_memo.py). Only `mkdocs serve` uses it; `mkdocs build` renders everything.
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charts import digest
from charts.dataset import reads_digest

MEMO_LIMIT = 5000  # remembered search entries, of about a page each; more are forgotten

# --- Material's search index ------------------------------------------------------------------------


def remember_chinese_segmentation() -> None:
    """Material's search plugin segments the Chinese of every section of every page with jieba on
    every build. Keep each section's segmentation for the life of the process and look it up
    (same text, same dictionary: the same result)."""
    from material.plugins.search.plugin import SearchIndex

    original = getattr(SearchIndex, "_segment_chinese", None)
    if original is None or getattr(original, "remembered", False):
        return  # a Material release without this method: nothing to remember
    segmented: dict[str, str] = {}

    def segment(self: Any, data: str) -> str:
        if data not in segmented:
            segmented[data] = original(self, data)
        return segmented[data]

    segment.remembered = True  # type: ignore[attr-defined]
    SearchIndex._segment_chinese = segment  # type: ignore[method-assign]


def toc_outline(toc: Any) -> list[Any]:
    """A page's table of contents as plain data (ids, titles, levels, nesting)."""
    return [[item.id, item.title, item.level, toc_outline(item.children)] for item in toc or []]


def remember_search_entries() -> None:
    """Material's search plugin parses every page's HTML into sections on every build. Keep each
    page's entries under a digest of what they are made from (the page's URL, title, meta, HTML and
    table of contents, and the index's settings) and append a copy of them when they recur."""
    from material.plugins.search.plugin import SearchIndex

    original = getattr(SearchIndex, "add_entry_from_context", None)
    if original is None or getattr(original, "remembered", False):
        return
    entries: dict[str, list[dict[str, Any]]] = {}

    def add_entry_from_context(self: Any, page: Page) -> None:
        key = digest.text_digest(
            json.dumps(self.config, sort_keys=True, default=str),
            page.url,
            str(page.title),
            page.meta,
            page.content,
            toc_outline(page.toc),
        )
        if key in entries:
            self.entries.extend(copy.deepcopy(entries[key]))
            return
        before = len(self.entries)
        original(self, page)
        if len(entries) > MEMO_LIMIT:  # a long editing session: start afresh
            entries.clear()
        entries[key] = copy.deepcopy(self.entries[before:])

    add_entry_from_context.remembered = True  # type: ignore[attr-defined]
    SearchIndex.add_entry_from_context = add_entry_from_context  # type: ignore[method-assign]


# --- rendered pages ---------------------------------------------------------------------------------


@dataclass
class RenderedPage:
    """One page as MkDocs and this site's parts left it after rendering (render, on_page_content)."""

    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]]  # by the linked page's src_uri
    datarefs_links: list[tuple[str, str, str]]  # what hmw_site/datarefs.py recorded for the page
    datarefs_anchors: set[str]


@dataclass
class PageMemo:
    """One language's rendered pages, by digest; a build keeps only the pages it used or made."""

    kept: dict[str, RenderedPage] = field(default_factory=dict)
    used: dict[str, RenderedPage] = field(default_factory=dict)
    # What each page read of the dataset when it was last rendered (ReadRows.reads), by src_uri:
    # part of its key.
    reads: dict[str, list[list[Any]]] = field(default_factory=dict)

    def get(self, key: str) -> RenderedPage | None:
        found = self.kept.get(key) or self.used.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, rendered: RenderedPage) -> None:
        self.used[key] = rendered

    def end_build(self) -> None:
        """Forget the pages this build did not have (an older version of a page, a removed page)."""
        self.kept, self.used = self.used, {}


def page_key(build_key: str, page: Page, markdown: str, charts: dict[str, str], rows: str) -> str:
    """What a page's HTML is made from: the build's inputs and cross-page state (build_key), the
    page's own address, front matter and Markdown, the files of the charts it shows and what it
    reads of the dataset (rows: charts/dataset.py reads_digest)."""
    return digest.text_digest(build_key, page.file.src_uri, page.url, page.meta, markdown, charts, rows)


def kept_render(page: Page, rendered: RenderedPage) -> Any:
    """A stand-in for page.render that puts back what the kept rendering made (Page.render's
    attributes), for the page's render to be skipped."""

    def render(config: Any, files: Files) -> None:
        page.content = rendered.content
        page.toc = copy.deepcopy(rendered.toc)
        page._title_from_render = rendered.title
        page.present_anchor_ids = set(rendered.present_anchor_ids)
        linked = {uri: files.get_file_from_path(uri) for uri in rendered.links_to_anchors}
        page.links_to_anchors = {
            linked[uri]: dict(anchors)
            for uri, anchors in rendered.links_to_anchors.items()
            if linked[uri] is not None
        }

    return render


def rendered_page(
    page: Page, content: str, links: list[tuple[str, str, str]], anchors: set[str]
) -> RenderedPage:
    """What to keep of a page just rendered: its HTML after on_page_content, and the rest."""
    return RenderedPage(
        content=content,
        toc=copy.deepcopy(page.toc),
        title=page._title_from_render,
        present_anchor_ids=set(page.present_anchor_ids or ()),
        links_to_anchors={
            file.src_uri: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()
        },
        datarefs_links=list(links),
        datarefs_anchors=set(anchors),
    )


class PageReuse:
    """Per build under `mkdocs serve`: which pages come from the memo, and what to keep of the others.
    A page that logged a warning or an error is not kept, so it says so again on the next build."""

    def __init__(self, memo: PageMemo, build_key: str, data: Any) -> None:
        self.memo = memo
        self.build_key = build_key  # what every page is made from besides its own source ("": nothing)
        self.data = data  # the dataset now
        self.read_digests: dict[str, bytes] = {}  # of each read (rows and columns), this build
        # page -> what its key is made from but what it reads of the dataset, and the warnings before it
        self.pending: dict[str, tuple[str, dict[str, str], int]] = {}
        self.reused: set[str] = set()
        self.rendered = 0
        self.warnings = WarningCount()
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def kept(self, page: Page, markdown: str, charts: dict[str, str]) -> RenderedPage | None:
        """The page as an earlier build rendered it from the same inputs (charts: those it shows,
        with their files' digests); None: render it (and keep() it afterwards)."""
        if not self.build_key:
            return None
        src = page.file.src_uri
        read = self.memo.reads.get(src)  # none: rendered for the first time
        found = None if read is None else self.memo.get(self._key(page, markdown, charts, read))
        if found is None:
            self.pending[src] = (markdown, charts, self.warnings.count)
            return None
        page.render = kept_render(page, found)  # type: ignore[method-assign]
        self.reused.add(page.file.src_uri)
        return found

    def is_reused(self, page: Page) -> bool:
        return page.file.src_uri in self.reused

    def _key(self, page: Page, markdown: str, charts: dict[str, str], read: list[list[Any]]) -> str:
        rows = reads_digest(self.data, read, self.read_digests)
        return page_key(self.build_key, page, markdown, charts, rows)

    def keep(
        self,
        page: Page,
        content: str,
        links: list[tuple[str, str, str]],
        anchors: set[str],
        read: list[list[Any]],
    ) -> None:
        """Keep a page just rendered, under the key of what it was made from (read: what it read of
        the dataset this time, ReadRows.reads, which the next build looks up)."""
        self.rendered += 1
        src = page.file.src_uri
        if src not in self.pending:
            return
        markdown, charts, warnings = self.pending.pop(src)
        if self.warnings.count == warnings:
            self.memo.reads[src] = read
            self.memo.put(
                self._key(page, markdown, charts, read), rendered_page(page, content, links, anchors)
            )

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    def finish(self) -> str:
        """After the pages: forget the ones this build did not have; what was reused, for the log."""
        self.close()
        self.memo.end_build()
        return f"{self.rendered} rendered, {len(self.reused)} unchanged since the last build"


class WarningCount(logging.Handler):
    """Counts MkDocs' warnings and errors: a page that logged one is rendered again on every build,
    so its warning is printed again (a memoised page would hide it)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
