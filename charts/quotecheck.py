"""Does each quote of the dataset stand, verbatim, in its source's article? The same test as
../shared/tools/check_quotes.py (white space folded, the copies' noise ignored, a Simplified reading
of a Traditional passage accepted), made fast enough to run on every `make check`: each article is
read and folded once, not once per quote.

The articles are not ours to republish; they live beside the checkout (../shared/articles) or where
$HMW_ARTICLES points. Without them there is nothing to check against, and `articles_dir` says so.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from charts.dataset import Dataset
from charts.quotes import simplified
from charts.records import Problem

PROJECT = Path(__file__).resolve().parent.parent
PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}\)")
SPACE = re.compile(r"\s+")
QUOTED_TABLES = ("models", "events", "figures")


def articles_dir() -> Path | None:
    """Where the articles are, or None when they are not beside this checkout."""
    folder = Path(os.environ.get("HMW_ARTICLES") or PROJECT.parent / "shared" / "articles")
    return folder if any(folder.glob("*.txt")) else None


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("著", "着")  # the one pair t2s keeps apart
    return SPACE.sub("", text)


def readings(text: str) -> list[str]:
    """The forms a quote may match in: as written, and in Simplified characters."""
    return [fold(text), fold(simplified(text))]


def article_readings(raw: str) -> list[str]:
    """An article as written, without its noise, and without its noise in Simplified characters."""
    cleaned = PINYIN.sub("", raw.replace("B体育", ""))
    return [fold(raw), *readings(cleaned)]


def unfound_quotes(data: Dataset, folder: Path, data_dir: Path) -> list[Problem]:
    """A Problem for every quote not found in its source's article."""
    articles: dict[str, list[str]] = {}
    for source_id, source in data.sources.items():
        path = folder / source["file"]
        if path.exists():
            articles[source_id] = article_readings(path.read_text(encoding="utf-8"))
    problems = []
    for name in QUOTED_TABLES:
        shown = str((data_dir / data.schema[name]["file"]).as_posix())
        lines = _lines(data_dir / data.schema[name]["file"])
        for row_id, row in data.table(name).items():
            quote, source = row.get("quote"), row.get("source")
            if not quote or source not in articles:
                continue
            if not any(needle in text for needle in readings(quote) for text in articles[source]):
                expected = f"words found verbatim in the article of {source} ({data.sources[source]['file']})"
                problems.append(Problem(shown, lines.get(row_id), "quote", quote, expected))
    return problems


def _lines(path: Path) -> dict[str, int]:
    """The line of each row id in a CSV file (the id is the first cell)."""
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        found.setdefault(line.split(",", 1)[0], number)
    return found
