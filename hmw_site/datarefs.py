"""The dataset side of one build: load data/, serve its files, render every page's shortcodes and
fences, and check afterwards that every link to a dataset row found its anchor.

The shortcode and fence syntax is listed in hmw_site/__init__.py. An unknown table, id, field, filter
or fence argument fails the build with an error that names the page and the shortcode.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from charts import datapackage
from charts.dataset import Dataset, ReadRows, load_dataset
from hmw_site.context import DATA_FILES, EXTRA_DATA_FILES, FIELDS, Context, files_url_for
from hmw_site.fences import render_page
from hmw_site.languages import project_of
from hmw_site.markdown import SHORTCODE, linked_pages, prose_segments


def source_usage(pages: dict[str, str], data: Dataset) -> dict[str, set[str]]:
    """Which pages build on each source: they link to its summary or use a number from it."""
    usage: dict[str, set[str]] = {key: set() for key in data.sources}
    for page, markdown in pages.items():
        for target in linked_pages(markdown, page):
            match = re.fullmatch(r"sources/([a-z0-9.-]+)\.md", target)
            if match and match.group(1) in usage:
                usage[match.group(1)].add(page)
        for prose, text in prose_segments(markdown):
            if not prose:
                continue
            for code in SHORTCODE.findall(text):
                parts = code.split(":")
                if parts[0] in FIELDS and len(parts) > 1 and parts[1] in data.table(parts[0]):
                    source = data.table(parts[0])[parts[1]].get("source")  # none in the external layer
                    if source:
                        usage[source].add(page)
    return usage


class DataRefs:
    """Per build: the dataset, and the links and anchors the pages' shortcodes and fences wrote."""

    def __init__(self, config: MkDocsConfig, lang: str) -> None:
        self.data_dir = project_of(config) / "data"
        self.data = load_dataset(self.data_dir)
        self.lang = lang
        self.site_url = config.site_url or ""
        self.links: list[tuple[str, str, str]] = []
        self.anchors: dict[str, set[str]] = {}
        self.usage: dict[str, set[str]] = {}
        self.titles: dict[str, str] = {}
        self.reads: dict[str, ReadRows] = {}  # by page: what its shortcodes and fences read of the dataset

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Serve the dataset files under data/ as generated files (nothing is written to docs/)."""
        for name in (*DATA_FILES, *EXTRA_DATA_FILES):
            path = self.data_dir / name
            if path.exists():
                files.append(File.generated(config, f"data/{name}", abs_src_path=str(path)))
        # The Data Package as schema.yaml gives it now (never a stale committed copy), and its zip.
        for name, content in datapackage.site_files(self.data_dir).items():
            files.append(File.generated(config, f"data/{name}", content=content))

    def read(self, pages: dict[str, str], titles: dict[str, str]) -> None:
        """Know every page before rendering, so cards can list the pages that build on a source."""
        self.titles = titles
        self.usage = source_usage(pages, self.data)

    def render(self, markdown: str, page: Page, files: Files) -> str:
        """The page's Markdown with its fences and shortcodes replaced by HTML from the dataset."""
        reading = self.reads[page.file.src_uri] = ReadRows(self.data)
        ctx = Context(
            data=reading,  # type: ignore[arg-type]
            lang=self.lang,
            page=page.file.src_uri,
            url_for=files_url_for(files, page),
            links=self.links,
            anchors=self.anchors,
            usage=self.usage,
            titles=self.titles,
            site_url=self.site_url,
            data_dir=self.data_dir,
        )
        return render_page(markdown, ctx)

    def recorded(self, page: str) -> tuple[list[tuple[str, str, str]], set[str]]:
        """The links and anchors one page's fences and shortcodes recorded (to keep with the page)."""
        return [link for link in self.links if link[0] == page], set(self.anchors.get(page, ()))

    def rows_read(self, page: str) -> list[list[Any]]:
        """The dataset's rows and columns one page's fences and shortcodes read (ReadRows.reads;
        hmw_site/memo.py keys the page on them)."""
        reading = self.reads.get(page)
        return reading.reads if reading else []

    def record(self, page: str, links: list[tuple[str, str, str]], anchors: set[str]) -> None:
        """Record again what a page recorded when an earlier build rendered it (hmw_site/memo.py)."""
        self.links += links
        self.anchors.setdefault(page, set()).update(anchors)

    def check_links(self) -> None:
        """Fail if a link to a dataset row points at an anchor no fence wrote."""
        missing = sorted(
            {
                f"{page} → {target}#{anchor}"
                for page, target, anchor in self.links
                if anchor
                and target.endswith(".md")
                and anchor not in self.anchors.get(target, set())
                and not target.startswith("sources/")
            }
        )
        if missing:
            raise PluginError(
                "datarefs: links to dataset rows whose anchors no page wrote (is the datatable/eventlist "
                "fence missing from the target page?):\n  " + "\n  ".join(missing)
            )
