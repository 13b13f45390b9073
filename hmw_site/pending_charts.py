"""The chart folder written on a thread of its own while MkDocs renders the pages.

Most of a first build's chart time is the image export, and kaleido spends it waiting on Chromium,
which draws on the other core. So `mkdocs build` plans the update first (charts/update.py
plan_update: the charts that changed, rendered in memory), takes from the plan every meta the pages
need, and hands the writing (files, images, zips, decks, manifest) to a thread. The chart files
join the site last: a ChartFile's copy waits for the write, which the build that started it
finishes at its very end (Site.on_post_build, after the other languages' builds).

Only when the images are expected to be made (a browser, and a CJK font: charts/export.py checks
both before rendering anything): otherwise the metas could list images that never appear, and the
folder is written first, as before. `mkdocs serve` writes first too: its rebuilds change a few
charts, and a failed save must not leave the previous site half-replaced.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from mkdocs.structure.files import File

from charts import export
from charts.files import link_or_copy
from charts.update import PlannedUpdate, UpdateReport


def images_browser() -> str | None:
    """The browser to export the images with, when the export will find all it needs (else it is
    left to say what is missing)."""
    browser = export.find_browser()
    return browser if browser and export.cjk_font_available() is not False else None


class PendingCharts:
    """A planned chart update being written on a thread, and the copies waiting for it."""

    def __init__(self, planned: PlannedUpdate) -> None:
        # Read before the thread starts: a chart left as it was is read from the folder it replaces.
        self.metas: dict[str, dict[str, Any]] = {lang: planned.metas(lang) for lang in planned.langs}
        self.digests = planned.digests
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hmw-charts")
        self._written = self._executor.submit(planned.write)
        self._copies: list[Callable[[], None]] = []

    def after_written(self, copy: Callable[[], None]) -> None:
        self._copies.append(copy)

    def finish(self) -> UpdateReport:
        """Wait for the write (its exception, if any, is raised here), then make the copies that
        waited for it. Once only."""
        try:
            report = self._written.result()
        finally:
            self._executor.shutdown()
        copies, self._copies = self._copies, []
        for copy in copies:
            copy()
        return report


class ChartFile(File):
    """A chart file in the site that MkDocs copies only once the pending write has made it."""

    pending: PendingCharts | None = None

    def copy_file(self, dirty: bool = False) -> None:
        if self.pending is None:
            self._link(dirty)
        else:
            self.pending.after_written(partial(self._copy_if_made, dirty))

    def _copy_if_made(self, dirty: bool) -> None:
        """An image the export could not make after all is missing (its warning says why)."""
        if self.abs_src_path and os.path.exists(self.abs_src_path):
            self._link(dirty)

    def _link(self, dirty: bool) -> None:
        """The file into the site as a hard link where the file system allows (a copy elsewhere):
        every language's site, on every rebuild under `mkdocs serve`, holds the same 13 MB of
        chart files. Safe because no one writes into a chart file: the chart folder replaces a
        file whole (charts/files.py), and a build cleans its site folder first."""
        if dirty and not self.is_modified():
            return
        assert self.abs_src_path is not None
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        link_or_copy(self.abs_src_path, self.abs_dest_path)
