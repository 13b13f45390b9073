"""Where the five source articles are, for the tests that compare our pages with them.

The articles are not ours to republish, so they live beside the checkout (../shared/articles), not
in it; $HMW_ARTICLES points elsewhere. Without them those tests skip with a reason that says so,
instead of passing on zero articles.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.sample_data import PROJECT

ARTICLES = Path(os.environ.get("HMW_ARTICLES") or PROJECT.parent / "shared" / "articles")
EXPECTED = 5


def article_paths() -> list[Path]:
    """The five article files, sorted; skips the calling test when they are not there."""
    paths = sorted(ARTICLES.glob("*.txt"))
    if len(paths) != EXPECTED:
        pytest.skip(f"the {EXPECTED} source articles are not in {ARTICLES} (set HMW_ARTICLES)")
    return paths
