"""What `mkdocs serve` shows while data/ has problems: every page of both languages becomes a page
that lists them, in the page's language, instead of the build failing. A problem in one page (an
unknown shortcode or chart) is shown in place of that page (page_problem_markdown).

A failed rebuild would leave MkDocs' server waiting for a good build before it answers any request
("the server will appear stuck"), so the editor's browser would hang with no word of why. This
build succeeds instead, with one small self-contained page at the address of each page; MkDocs adds
its live-reload script to it, so when the file is fixed and saved the page reloads by itself and
the site comes back. (`mkdocs build` fails with the same list: hmw_site/plugin.py.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charts.i18n import LANGS, plural, t
from charts.records import DataError
from hmw_site.html import ENV
from hmw_site.languages import LANGUAGES, docs_dir_of, markdown_pages, project_of


def page_address(page: str) -> str:
    """Where a page's HTML is written below its language's root (index.md → index.html,
    topics/index.md → topics/index.html, atlas.md → atlas/index.html)."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def problems_page(error: DataError, lang: str) -> str:
    """The page listing the problems, in one language (the problems themselves as the terminal
    prints them; the notes, such as how to save as UTF-8, in the page's language)."""
    template = ENV.get_template("problems_page.html")
    return template.render(
        lang=lang,
        html_lang=LANGUAGES[lang]["hreflang"],
        problems=[str(problem) for problem in error.problems],
        notes=error.notes,
        plural=plural,
    )


def write_problem_pages(site_dir: Path, project: Path, error: DataError) -> int:
    """The problems page at every page's address of every language, and as 404.html; returns how
    many pages were written."""
    written = 0
    for lang in LANGS:
        root = site_dir / LANGUAGES[lang]["prefix"]
        html = problems_page(error, lang)
        addresses = [page_address(page) for page in sorted(markdown_pages(docs_dir_of(project, lang)))]
        for address in [*addresses, "404.html"]:
            (root / address).parent.mkdir(parents=True, exist_ok=True)
            (root / address).write_text(html, encoding="utf-8")
            written += 1
    return written


class ProblemsSite:
    """Stands in for hmw_site.site.Site in a `mkdocs serve` build whose data has problems: it
    renders no page of its own and, after the build, writes the problem pages."""

    def __init__(self, config: MkDocsConfig, error: DataError) -> None:
        self.error = error
        self.project = project_of(config)
        config.theme.static_templates.clear()  # Material's 404 and sitemap need the whole site layer

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        config.nav = []
        return Files([])

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return html

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
        return context

    def on_template_context(self, context: dict[str, Any], name: str, config: MkDocsConfig) -> dict[str, Any]:
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        write_problem_pages(Path(config.site_dir), self.project, self.error)


def page_problem_markdown(error: Exception, lang: str) -> str:
    """A page's Markdown in place of one that cannot be rendered: what is wrong, in a box."""
    title = t("problems.page_title", lang)
    message = "\n".join(f"    {line}" for line in str(error).splitlines())
    return f'# {title}\n\n!!! failure ""\n\n    ```text\n{message}\n    ```\n\n{t("problems.reload", lang)}\n'
