"""`make check` (python -m hmw_site.check): what an edit can break, checked without building anything,
in about a second — every file of data/ (charts/datacheck.py), every quote against its article when
the articles are beside the checkout (charts/quotecheck.py), every page's twin, the glossary's
related pages, and every shortcode, dataset fence and chart fence of every page of both languages,
each on its own, so one bad code does not hide the next.

Prints one line per problem (file:line: what is wrong — expected what), or what it checked; exits
with 1 when there is a problem, else 0.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

from charts import datapackage
from charts.datacheck import check_data
from charts.dataset import Dataset, load_dataset
from charts.glossary import load_glossary
from charts.i18n import LANGS
from charts.quotecheck import articles_dir, unfound_quotes
from charts.records import DataError
from charts.registry import CHART_IDS
from hmw_site.charts import FENCE as CHART_FENCE
from hmw_site.charts import GALLERY_FENCE
from hmw_site.context import Context, ShortcodeError
from hmw_site.datarefs import source_usage
from hmw_site.fences import FENCES, render_page
from hmw_site.glossary import missing_related_pages
from hmw_site.languages import docs_dir_of, markdown_pages, missing_twins
from hmw_site.markdown import SHORTCODE, find_fences, page_title, prose_segments, read_pages

PROJECT = Path(__file__).resolve().parent.parent


def page_codes(markdown: str) -> Iterator[tuple[int, str]]:
    """(line, Markdown to render on its own) for every shortcode and every fence of a page that the
    site layer expands (fences as a whole block, shortcodes as `[[code]]`)."""
    lines = markdown.split("\n")
    for fence in find_fences(lines):
        if fence.info in FENCES:
            yield fence.start + 1, "\n".join(lines[fence.start : fence.end])
    line = 1
    for prose, text in prose_segments(markdown):
        if prose:
            for match in SHORTCODE.finditer(text):
                yield line + text.count("\n", 0, match.start()), match.group(0)
        line += text.count("\n")


def chart_fence_problems(shown: str, markdown: str) -> list[str]:
    lines = markdown.split("\n")
    problems = []
    for fence in find_fences(lines):
        chart_id = " ".join(fence.body.split())
        if fence.info == CHART_FENCE and chart_id not in CHART_IDS:
            known = ", ".join(CHART_IDS)
            problems.append(
                f"{shown}:{fence.start + 1}: unknown chart {chart_id!r} — expected one of {known}"
            )
        elif fence.info == GALLERY_FENCE and chart_id:
            problems.append(f"{shown}:{fence.start + 1}: ```{GALLERY_FENCE} takes no body — expected none")
    return problems


def page_problems(data: Dataset, lang: str, project: Path = PROJECT) -> list[str]:
    """Every page of one language: its chart fences, and each of its shortcodes and dataset fences
    rendered on its own against the dataset."""
    docs = project / "docs" / lang
    pages = read_pages(docs)
    titles = {uri: page_title(text, uri) for uri, text in pages.items()}
    usage = source_usage(pages, data)
    problems = []
    for uri, markdown in pages.items():
        shown = f"docs/{lang}/{uri}"
        problems += chart_fence_problems(shown, markdown)

        def url_for(target: str, anchor: str, uri: str = uri) -> str:
            generated = target in {f"data/{name}" for name in datapackage.GENERATED_FILES}
            if (
                target not in pages
                and not generated
                and not (docs / target).exists()
                and not (project / target).exists()
            ):
                raise ShortcodeError(f"{uri}: links to {target}, which is not a page of this site")
            return f"{target}#{anchor}" if anchor else target

        for line, code in page_codes(markdown):
            ctx = Context(data=data, lang=lang, page=uri, url_for=url_for, usage=usage, titles=titles)
            try:
                render_page(code, ctx)
            except ShortcodeError as exc:
                problems.append(f"{shown}:{line}: {str(exc).removeprefix(f'{uri}: ')}")
    return problems


def site_problems(project: Path = PROJECT) -> list[str]:
    """What the build checks across pages: every page has its twin, every page the glossary names
    exists."""
    pages = {lang: markdown_pages(docs_dir_of(project, lang)) for lang in LANGS}
    problems = [f"{twin}: missing — expected every page in both languages" for twin in missing_twins(pages)]
    glossary = load_glossary(project / "data" / "glossary.yaml")
    for lang in LANGS:
        for page in missing_related_pages(glossary, pages[lang]):
            problems.append(f"data/glossary.yaml: related page {page} — expected a page of docs/{lang}/")
    return problems


def run(project: Path = PROJECT) -> int:
    started = time.perf_counter()
    data_dir = project / "data"
    try:
        check_data(data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        print("The pages were not checked: they need the data first.", file=sys.stderr)
        return 1
    data = load_dataset(data_dir)
    folder = articles_dir()
    problems = [str(p) for p in unfound_quotes(data, folder, data_dir)] if folder else []
    problems += site_problems(project)
    if not datapackage.is_current(data_dir):
        problems.append(
            f"data/{datapackage.PACKAGE_FILE}: out of date — expected the package that schema.yaml and "
            "sources.csv give now; run `make datapackage`"
        )
    for lang in LANGS:
        problems += page_problems(data, lang, project)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:", file=sys.stderr)
        print("\n".join(f"  {problem}" for problem in problems), file=sys.stderr)
        return 1
    quotes = f"quotes checked against {folder}" if folder else "quotes not checked: no articles found"
    seconds = time.perf_counter() - started
    print(f"data/ and the pages of both languages: no problem ({quotes}; {seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(run())
