"""Simplified Chinese as readers in Taiwan, Hong Kong and Macau read it: Traditional characters and
Taiwan's words. The third language's text is generated from the Simplified, never kept by hand.

OpenCC's Taiwan phrase profile (s2twp) converts the characters and swaps mainland words for
Taiwan's (软件 → 軟體, 信息 → 資訊, 视频 → 影片). Two things stop it where it is wrong for us:

- names are their owners': a model, company or outlet named in the dataset (its name_zh, org_zh and
  outlet_zh columns) is converted character by character (s2tw), never phrase by phrase, so
  百川智能 stays 百川智能 (s2twp would make it 百川智慧) and 通义千问 becomes 通義千問;
- a title in 《》 is a published title: converted character by character too;
- charts/traditional.yaml, a reviewed table of the terms s2twp gets wrong in our field (参数 is a
  model's 參數, not a function's 引數), each with its Traditional form and the reason. An entry
  marked `in: quotes` applies inside an article's quoted words instead, which are converted
  character by character: it picks the character a Simplified one stands for where s2tw cannot
  tell (the verb 卷 is 捲), never another word.

Quotation marks become Taiwan's corner brackets, 「」 and 『』 inside them.

`python -m charts.traditional` lists every phrase s2twp replaces in our pages and dataset text, with
how often, so that a reviewer sees each choice it makes and adds to the table what it gets wrong.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import opencc

from charts.datafile import read_yaml
from charts.records import DataError, Problem

PROJECT = Path(__file__).resolve().parent.parent
OVERRIDES = Path(__file__).with_name("traditional.yaml")
TITLE = re.compile(r"(《[^《》]*》)")
NAME_COLUMNS = {
    "models": ("name_zh", "org_zh"),
    "external_models": ("name_zh", "org_zh"),
    "external_prices": ("model_zh", "company_zh"),
    "sources": ("outlet_zh",),
}


@cache
def _opencc(profile: str) -> opencc.OpenCC:
    return opencc.OpenCC(profile)


def taiwan(text: str) -> str:
    """OpenCC's Taiwan phrase profile alone: characters and words."""
    return _opencc("s2twp").convert(text)


def characters(text: str) -> str:
    """Traditional characters in Taiwan's standard forms (為, 裡), no word changed (OpenCC s2tw)."""
    return _opencc("s2tw").convert(text)


def _table(path: Path) -> dict[str, dict[str, str]]:
    """The reviewed table's entries by Simplified term. A malformed entry is a DataError naming the
    file, the term and what was expected; every problem is reported at once."""
    shown = path.relative_to(PROJECT).as_posix() if path.is_relative_to(PROJECT) else str(path)
    table = read_yaml(path, shown)
    if not isinstance(table, dict):
        found = type(table).__name__
        raise DataError([Problem(shown, None, None, None, "a mapping of Simplified terms", found)])
    lines = {  # each term's line, for the messages
        match.group(1): number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (match := re.match(r"([^\s#:]+):", line))
    }
    problems, found = [], {}
    for term, entry in table.items():
        term = str(term)
        if not isinstance(entry, dict) or not isinstance(entry.get("hant"), str) or not entry.get("why"):
            expected = (
                "{hant: <the Traditional form>, why: <the reason>} (and `in: quotes` for a quote's character)"
            )
            problems.append(Problem(shown, lines.get(term), term, str(entry), expected))
        elif entry.get("in", "quotes") != "quotes":
            problems.append(
                Problem(shown, lines.get(term), term, f"in: {entry['in']}", "in: quotes, or no `in`")
            )
        elif entry.get("in") and len(entry["hant"]) != len(term):
            expected = f"in a quote, as many characters as {term} (a character's form, not another word)"
            problems.append(Problem(shown, lines.get(term), term, entry["hant"], expected))
        else:
            found[term] = entry
    if problems:
        raise DataError(problems)
    return found


def load_overrides(path: Path = OVERRIDES) -> dict[str, str]:
    """The reviewed table for our own text: Simplified term -> its Traditional form."""
    return {term: entry["hant"] for term, entry in _table(path).items() if "in" not in entry}


def load_quote_characters(path: Path = OVERRIDES) -> dict[str, str]:
    """The reviewed table's entries for an article's quoted words (`in: quotes`)."""
    return {term: entry["hant"] for term, entry in _table(path).items() if entry.get("in") == "quotes"}


@cache
def _quote_characters() -> dict[str, str]:
    return load_quote_characters()


def quote_characters(text: str, table: Mapping[str, str] | None = None) -> str:
    """An article's words in Traditional characters, character by character (s2tw), with the
    table's choice where one Simplified character stands for two Traditional ones."""
    converted = characters(text)
    fixes = _quote_characters() if table is None else table
    if len(converted) != len(text):
        return converted  # no position-by-position map (never seen: s2tw keeps the length)
    out = list(converted)
    for term in sorted(fixes, key=len):  # a longer term has the last word where two overlap
        for match in re.finditer(re.escape(term), text):
            out[match.start() : match.end()] = fixes[term]
    return "".join(out)


def dataset_names(data: Any) -> set[str]:
    """Every name the dataset gives in Chinese: models, their makers, the articles' outlets."""
    return {
        row[column]
        for table, columns in NAME_COLUMNS.items()
        for row in data.table(table).values()
        for column in columns
        if row.get(column)
    }


def corner_quotes(text: str) -> str:
    """Quotation marks as Taiwan sets them: “…” becomes 「…」, and a quotation inside a quotation
    『…』 (「…『…』…」), counting the corner brackets already there. Single marks are left alone: ’ is
    also an apostrophe."""
    out, depth = [], 0
    for ch in text:
        if ch in "“「『":
            out.append("「" if depth % 2 == 0 else "『")
            depth += 1
        elif ch in "”」』" and depth:
            depth -= 1
            out.append("」" if depth % 2 == 0 else "』")
        else:
            out.append(ch)
    return "".join(out)


class Converter:
    """Simplified text to the Traditional our pages show: names by character, the reviewed terms as
    the table gives them, everything else by s2twp."""

    def __init__(self, overrides: Mapping[str, str], names: Iterable[str] = ()) -> None:
        self.fixed = {name: characters(name) for name in names} | dict(overrides)
        terms = sorted(self.fixed, key=len, reverse=True)  # the longest term where two overlap
        self._split = re.compile("(" + "|".join(map(re.escape, terms)) + ")") if terms else None

    def convert(self, text: str) -> str:
        parts = TITLE.split(text)  # odd indices: a published title, re-worded by no one
        return corner_quotes(
            "".join(characters(part) if i % 2 else self._words(part) for i, part in enumerate(parts))
        )

    def _words(self, text: str) -> str:
        if self._split is None:
            return taiwan(text)
        parts = self._split.split(text)  # odd indices: a fixed term
        return "".join(self.fixed[part] if i % 2 else taiwan(part) for i, part in enumerate(parts))


@cache
def converter() -> Converter:
    """The converter of everything we publish: the reviewed table, the names in the project's dataset."""
    from charts.dataset import load_dataset

    return Converter(load_overrides(), dataset_names(load_dataset(PROJECT / "data")))


def phrase_choices(text: str) -> dict[tuple[str, str], list[str]]:
    """Where s2twp replaces a word rather than its characters: (Simplified word, s2twp's word) ->
    the contexts it does so in. Words as jieba (the search's segmenter) cuts them."""
    import jieba

    jieba.setLogLevel(60)  # no "Building prefix dict" chatter in the list
    choices: dict[tuple[str, str], list[str]] = {}
    at = 0
    for word in jieba.cut(text):
        word_tw = taiwan(word)
        if word_tw != characters(word):
            context = text[max(0, at - 6) : at + len(word) + 6].replace("\n", " ")
            choices.setdefault((word, word_tw), []).append(context)
        at += len(word)
    return choices


def our_simplified_text(project: Path = PROJECT) -> list[str]:
    """Every Simplified text we publish: the Chinese pages, the dataset's _zh columns, our
    translations of English references and our labels of their publishers, the vocabulary, the
    glossary."""
    from charts import i18n
    from charts.dataset import load_dataset
    from charts.glossary import load_glossary
    from charts.quotes import simplified

    texts = [p.read_text(encoding="utf-8") for p in sorted((project / "docs" / "zh").rglob("*.md"))]
    data = load_dataset(project / "data")
    for name in data.schema:
        for row in data.table(name).values():
            texts += [str(v) for k, v in row.items() if k.endswith("_zh") and v]
    references = data.table("references").values()
    texts += [  # our translations of the references' English words
        ref["excerpt_translation"]
        for ref in references
        if ref["excerpt_translation"] and not ref["language"].startswith("zh")
    ]
    texts += [  # who published each reference, as we label it (Hugging Face（THUDM 账户）)
        ref["publisher"]
        for ref in references
        if ref["publisher"] and simplified(ref["publisher"]) == ref["publisher"]
    ]
    texts += list(i18n.strings_under("", "zh").values())
    glossary = load_glossary(project / "data" / "glossary.yaml")
    texts += [category["zh"] for category in glossary.categories.values()]
    for term in glossary.terms:  # the glossary page and every hover
        texts += [term.names["zh"], term.definitions["zh"], *term.aliases.get("zh", ())]
    return texts


def main() -> int:
    """Print each word s2twp swaps, how often, one example and how our converter shows it."""
    from charts.dataset import load_dataset

    choices: dict[tuple[str, str], list[str]] = {}
    for text in our_simplified_text():
        for choice, contexts in phrase_choices(text).items():
            choices.setdefault(choice, []).extend(contexts)
    converter = Converter(load_overrides(), dataset_names(load_dataset(PROJECT / "data")))
    for (simplified, word), contexts in sorted(choices.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        example = contexts[0]
        print(f"{len(contexts):4d}  {simplified} → {word}   e.g. {example} → {converter.convert(example)}")
    return 0


if __name__ == "__main__":  # pragma: no cover - the reviewer's list
    sys.exit(main())
