"""What `mkdocs serve` shows while data/ has problems (hmw_site/problems.py): a page in the reader's
language at the address of every page, listing every problem, escaped, with the notes translated."""

from __future__ import annotations

from pathlib import Path

import pytest

from charts.i18n import LANGS, t
from charts.records import DataError, Problem
from hmw_site.problems import page_address, page_problem_markdown, problems_page, write_problem_pages
from tests.browser.site import page_paths
from tests.sample_data import PROJECT

ERROR = DataError(
    [
        Problem("data/models.csv", 2, None, None, "UTF-8 text", char=8, found="the file is not UTF-8"),
        Problem("data/events.csv", 7, "title_en", "<script>alert(1)</script>", "text"),
    ],
    notes=["note.save_as_utf8"],
)


@pytest.mark.parametrize(
    ("page", "address"),
    [("index.md", "index.html"), ("atlas.md", "atlas/index.html"), ("topics/index.md", "topics/index.html"),
     ("topics/scale.md", "topics/scale/index.html")],
)  # fmt: skip
def test_each_page_has_its_problems_page_where_its_html_would_be(page: str, address: str):
    assert page_address(page) == address


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_lists_every_problem_escaped_in_the_reader_s_language(lang: str):
    html = problems_page(ERROR, lang)
    assert f"<title>{t('problems.title', lang)}</title>" in html
    assert t("problems.intro.other", lang, count=2) in html
    assert "data/models.csv:2:8: the file is not UTF-8 — expected UTF-8 text" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert t("note.save_as_utf8", lang) in html and t("problems.reload", lang) in html
    assert "http" not in html  # self-contained: nothing to fetch from anywhere
    assert html.rstrip().endswith("</html>") and "</body>" in html  # where live reload puts its script


def test_every_page_of_both_languages_and_the_404_page_show_the_problems(tmp_path: Path):
    written = write_problem_pages(tmp_path, PROJECT, ERROR)
    prefix = {"zh": "", "en": "en/"}
    for lang in LANGS:
        for path in [*page_paths(lang), "404.html"]:
            target = tmp_path / prefix[lang] / (path if path.endswith(".html") else path + "index.html")
            assert t("problems.title", lang) in target.read_text(encoding="utf-8"), target
    assert written == sum(len(page_paths(lang)) + 1 for lang in LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_that_cannot_be_rendered_shows_its_problem_in_its_place(lang: str):
    error = ValueError("atlas.md: shortcode [[models:nosuch:params]]: no row 'nosuch'\nsecond line")
    markdown = page_problem_markdown(error, lang)
    assert markdown.startswith(f"# {t('problems.page_title', lang)}\n")
    code = "    ```text\n    atlas.md: shortcode [[models:nosuch:params]]: no row 'nosuch'\n    second line\n"
    assert code in markdown
    assert markdown.rstrip().endswith(t("problems.reload", lang))
