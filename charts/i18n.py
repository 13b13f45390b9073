"""Every word a reader sees, through one function: ``t(key, lang, **values)``.

The words live in one table, ``charts/strings.yaml`` (key → {zh, en}), read by the charts, the site's
plugin and templates, the browser script, the download bundles and the decks. No module keeps a table of
its own, so one concept cannot get two wordings (tests/unit/test_vocabulary.py checks this). A key missing
in either language is an error at once (``t`` raises) and in the test suite (``missing_keys()``), so an
English page can never fall back to Chinese silently. Values are ``str.format`` templates:
``t("cite.with_date", "en", name="Shendu Cross", date="16 November 2023")``.

A generated language (``GENERATED``: Traditional Chinese, ``zh-Hant``) has no column of its own: its
words are its source language's, converted (charts/traditional.py). An entry may still give it words
of its own where conversion cannot say the right thing: the mark on a quote converted *from*
Simplified is not the Simplified mark converted.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from charts.yamltext import load_yaml

LANGS = ("zh", "en")  # the languages written by hand, and the site's
GENERATED = {"zh-Hant": "zh"}  # a language made from another: code -> the language it is made from
ALL_LANGS = (*LANGS, *GENERATED)
DEFAULT_LANG = "zh"
STRINGS_FILE = Path(__file__).with_name("strings.yaml")


def load_strings(path: Path = STRINGS_FILE) -> dict[str, dict[str, str]]:
    """The table in path; a malformed entry is an error naming the file and the key."""
    table = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(table, dict):
        raise ValueError(f"{path}: expected a mapping of key → {{zh, en}}, found {type(table).__name__}")
    for key, entry in table.items():
        if not isinstance(entry, dict) or not all(isinstance(text, str) for text in entry.values()):
            raise ValueError(f"{path}: {key}: expected a mapping of language → text, found {entry!r}")
    return table


STRINGS: dict[str, dict[str, str]] = load_strings()


def t(key: str, lang: str, **values: Any) -> str:
    """The string for key in lang, formatted with values; raises KeyError naming what is missing."""
    text = _template(key, lang)
    return text.format(**values) if values else text


@cache
def _template(key: str, lang: str) -> str:
    if lang not in ALL_LANGS:
        raise KeyError(f"unknown language {lang!r}; expected one of {', '.join(ALL_LANGS)}")
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"no UI string {key!r} in {STRINGS_FILE.name}") from None
    text = entry.get(lang)
    if text is None and lang in GENERATED:
        from charts import traditional  # only a generated language needs OpenCC

        return traditional.converter().convert(_template(key, GENERATED[lang]))
    if text is None:
        raise KeyError(f"UI string {key!r} has no {lang!r} text in {STRINGS_FILE.name}")
    return text


def source_lang(lang: str) -> str:
    """The hand-written language a language's words come from: itself, or what it is made from."""
    return GENERATED.get(lang, lang)


def strings_under(prefix: str, lang: str) -> dict[str, str]:
    """Every string whose key starts with prefix, keyed by the rest (for templates and scripts)."""
    return {key.removeprefix(prefix): t(key, lang) for key in STRINGS if key.startswith(prefix)}


def plural(key: str, count: int) -> str:
    """The key of the singular or plural form: 'key.one' for exactly one, else 'key.other'."""
    return f"{key}.one" if count == 1 else f"{key}.other"


def missing_keys(strings: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Keys lacking a hand-written language or naming an unknown one, as 'key: problem' lines (a
    generated language's text is optional). An empty text is
    allowed: it means this language needs no words there (no mark for an official value; no
    "original title" note in Chinese, where the title is the original)."""
    problems = []
    for key, entry in sorted((strings if strings is not None else STRINGS).items()):
        problems.extend(f"{key}: no {lang}" for lang in LANGS if entry.get(lang) is None)
        extra = sorted(set(entry) - set(ALL_LANGS))
        if extra:
            problems.append(f"{key}: unknown language(s) {', '.join(extra)}")
    return problems
