"""`mkdocs serve`: saving a file in data/ rebuilds the site once and reloads the open page once, with
the new value on it (the English page too: no stale numbers), and no rebuild loop; saving a Chinese
page then rebuilds no chart and copies the English site from its last build, and saving an English
page builds only the English site. Runs against a copy of
the project in a temporary folder (devtools/serve.py), so the working tree is never touched."""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from charts.i18n import t
from devtools.serve import REBUILD, RELOAD, Server, copy_project, serving

# Slow, marked by hand: `mkdocs serve` builds the whole site itself (not through `built_site`).
# Chromium is the package's `browser` fixture (tests/browser/conftest.py), which marks it `browser`.
pytestmark = pytest.mark.slow

# Waits poll on a timer, not on animation frames: of two pages open at once, the one in the
# background may get no frames while the live reload swaps its document.
POLL_MS = 250
QUIET = 20  # s after the save during which exactly one rebuild and one reload may happen
PAGE = "en/timeline/"  # lists every event with its English description (the eventlist fence)
MARKER = "Edited-while-serving"
ZH_MARKER = "编辑中的一行"
ZH_MARKER_HANT = "編輯中的一行"  # on the Traditional twin
EN_MARKER = "A line added while serving"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path, str]]:
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    with serving(project) as (running, root):
        yield running, project, root


def edit_an_event_description(project: Path) -> str:
    """Append MARKER to the English description of the first event whose description occurs once
    in events.csv, changing nothing else in the file; returns the new description."""
    path = project / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as fd:
        descriptions = [row["description_en"] for row in csv.DictReader(fd)]
    old = next(d for d in descriptions if d and '"' not in d and text.count(d) == 1)
    new = f"{old.rstrip('.')}; {MARKER}."
    path.write_text(text.replace(old, new), encoding="utf-8")
    return new


def append_and_wait(running: Server, page: Path, line: str) -> str:
    """Append a line to a Markdown page; what the server printed from the save to its reload."""
    saved = time.monotonic()
    page.write_text(page.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    reloaded = running.wait_for(RELOAD, QUIET * 3, since=saved)[0]
    return "\n".join(running.between(saved, reloaded))


def test_saving_a_data_file_rebuilds_once_and_reloads_the_page_once(
    server: tuple[Server, Path, str], browser: Browser
):
    running, project, root = server
    page = browser.new_page()
    try:
        loads: list[float] = []
        page.on("load", lambda _: loads.append(time.monotonic()))
        page.goto(root + PAGE, wait_until="load")
        assert MARKER not in page.inner_text("article")
        loads.clear()

        saved = time.monotonic()
        edit_an_event_description(project)
        reloaded = running.wait_for(RELOAD, QUIET * 3, since=saved)[0]
        rebuild = "\n".join(running.between(saved, reloaded))
        assert "Building the English site" in rebuild, rebuild  # a data edit: English built again
        page.wait_for_function(
            "marker => Boolean(document.querySelector('article')?.innerText.includes(marker))",
            arg=MARKER,
            polling=POLL_MS,
            timeout=15_000,
        )
        page.wait_for_load_state("load")
        # Watch for a loop: nothing more may happen until QUIET seconds after the save, and at
        # least QUIET / 2 after the reload (a rebuild on a busy machine can take most of QUIET).
        while time.monotonic() < max(saved + QUIET, reloaded + QUIET / 2):
            page.wait_for_timeout(500)
        assert running.count(REBUILD, saved) == 1, running.log()
        assert running.count(RELOAD, saved) == 1, running.log()
        assert len(loads) == 1, f"the page loaded {len(loads)} times after one save"

        # A Chinese page saved: no chart rebuilt, the English site copied from its last build, which
        # still shows the edited data; the Traditional site, made from the Chinese pages, rebuilt.
        page.goto("about:blank")  # no open page for the reload to navigate while we do
        rebuild = append_and_wait(running, project / "docs" / "zh" / "glossary.md", ZH_MARKER)
        assert "unchanged, nothing rebuilt" in rebuild and "The English site is unchanged" in rebuild, rebuild
        assert "Building the 繁體中文 site" in rebuild, rebuild
        page.goto(root + "glossary/", wait_until="load")
        assert ZH_MARKER in page.inner_text("article")
        page.goto(root + "zh-hant/glossary/", wait_until="load")
        assert ZH_MARKER_HANT in page.inner_text("article")
        page.goto(root + PAGE, wait_until="load")
        assert MARKER in page.inner_text("article")

        # An English page saved: only the English site is built; the Chinese one is put back from
        # its last build, with the Chinese edit and its search index.
        page.goto("about:blank")
        rebuild = append_and_wait(running, project / "docs" / "en" / "glossary.md", EN_MARKER)
        assert "The 简体中文 site is unchanged" in rebuild and "Building the English site" in rebuild, rebuild
        assert "The 繁體中文 site is unchanged" in rebuild, rebuild
        page.goto(root + "en/glossary/", wait_until="load")
        assert EN_MARKER in page.inner_text("article")
        page.goto(root + "glossary/", wait_until="load")
        assert ZH_MARKER in page.inner_text("article")
        index = page.request.get(root + "search/search_index.json").json()
        texts = [doc["text"].replace("\u200b", "") for doc in index["docs"]]  # jieba's word breaks
        assert any(ZH_MARKER in text for text in texts), "the kept search index is served"
    finally:
        page.close()
    assert running.process.poll() is None, running.log()


def wait_for_title(page: Page, title: str, shown: bool = True) -> None:
    """Wait until the page's title is (or, shown=False, is no longer) `title`."""
    check = "title => document.title === title" if shown else "title => document.title !== title"
    page.wait_for_function(check, arg=title, polling=POLL_MS, timeout=15_000)
    page.wait_for_load_state("load")


def test_a_bad_edit_shows_its_problems_in_the_browser_until_it_is_fixed(
    server: tuple[Server, Path, str], browser: Browser
):
    running, project, root = server
    models = project / "data" / "models.csv"
    good = models.read_bytes()
    pages = {lang: browser.new_page() for lang in ("zh", "en")}
    try:
        for lang, page in pages.items():
            page.goto(root + ("en/" if lang == "en" else "") + "atlas/", wait_until="load")

        # A data file saved as Excel's plain "CSV" on Chinese Windows: every page of both languages
        # lists the problem, in its language, with no traceback in the terminal.
        saved = time.monotonic()
        models.write_bytes(good.decode("utf-8").encode("gbk"))
        reloaded = running.wait_for(RELOAD, QUIET * 3, since=saved)[0]
        log = "\n".join(running.between(saved, reloaded))
        assert "Traceback" not in log, log
        assert re.search(r"data/models\.csv:\d+:\d+: the file is not UTF-8", log), log
        for lang, page in pages.items():
            wait_for_title(page, t("problems.title", lang))
            text = page.inner_text("main")
            assert "data/models.csv:" in text and t("note.save_as_utf8", lang) in text

        # Fixed: the site comes back by itself.
        saved = time.monotonic()
        models.write_bytes(good)
        running.wait_for(RELOAD, QUIET * 3, since=saved)
        for lang, page in pages.items():
            wait_for_title(page, t("problems.title", lang), shown=False)
            assert page.locator("article table").count() > 0, f"the {lang} atlas is back"

        # A shortcode naming no row, in one English page: that page shows the problem in its place.
        atlas = project / "docs" / "en" / "atlas.md"
        text = atlas.read_text(encoding="utf-8")
        saved = time.monotonic()
        atlas.write_text(text + "\n[[models:no-such-model:params]]\n", encoding="utf-8")
        running.wait_for(RELOAD, QUIET * 3, since=saved)
        pages["en"].wait_for_function(
            "words => Boolean(document.querySelector('article')?.innerText.includes(words))",
            arg="no-such-model",
            polling=POLL_MS,
            timeout=15_000,
        )
        assert t("problems.page_title", "en") in pages["en"].inner_text("article")
        saved = time.monotonic()
        atlas.write_text(text, encoding="utf-8")
        running.wait_for(RELOAD, QUIET * 3, since=saved)
        pages["en"].wait_for_function(
            # A page between two documents (the live reload) has no article yet: wait for the table.
            "words => Boolean(document.querySelector('article table'))"
            " && !document.querySelector('article').innerText.includes(words)",
            arg="no-such-model",
            polling=POLL_MS,
            timeout=15_000,
        )
        assert pages["en"].locator("article table").count() > 0
    finally:
        for page in pages.values():
            page.close()
    assert running.process.poll() is None, running.log()
