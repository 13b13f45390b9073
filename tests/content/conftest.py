"""Fixtures of the content tests: the five source articles, read once per run (they are not in
this repository; tests/articles.py finds them or skips)."""

from __future__ import annotations

import pytest

from tests.articles import article_paths
from tests.content.rules import T2S, article_runs_of, clean_article, fold


@pytest.fixture(scope="session")
def article_runs() -> dict[str, set[str]]:
    """Every 20-character run of the five articles, for the tests that no page copies one."""
    return article_runs_of()


@pytest.fixture(scope="session")
def article_texts() -> list[str]:
    """Every article, cleaned of its noise, folded, as written and in Simplified characters."""
    texts = []
    for path in article_paths():
        text = clean_article(path.read_text(encoding="utf-8"))
        texts += [fold(text), fold(text.translate(T2S))]
    return texts
