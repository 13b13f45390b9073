"""A language as one object: its words (charts/strings.yaml), its numbers, dates and units.

The charts, the site and the decks hand a Locale around instead of a language code that every
helper branches on; formats.py reads the locale's tables, so a further language (say Traditional
Chinese) is one more Locale here and one more column in strings.yaml, not new branches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from charts import i18n

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, eq=False)  # one object per language: compared and hashed by identity
class Locale:
    """How one language writes words, numbers and dates."""

    code: str  # the strings' language and the dataset's column suffix: title_zh, title_en
    reads_sources: bool  # readers read the articles' language: quotes as they are, no translations
    html_lang: str  # the page's lang attribute: zh-Hans, en
    cased: bool  # has capital letters: a label is lower-cased inside a sentence, an alias matched in any case
    # Large-number units, largest first: (size, word, short form): 亿/亿, billion/B.
    units: tuple[tuple[float, str, str], ...]
    unit_space: str  # between a number and its unit word: "15亿", "15 billion"
    group_thousands: bool  # 170,000 rather than 170000 below the smallest unit
    usd: str  # "{n}美元" / "${n}"
    usd_short: str  # on an axis, whose title names the currency: "{n}" / "${n}"
    multiple: str  # "{n}倍" / "{n}×"
    year: str  # "{y}年" / "{y}"
    bounds: dict[str, str]  # at-least, about, at-most → "超过{text}" / "over {text}"
    year_bounds: dict[str, str]  # the same for a year: "{y}年以后" / "{y} or later"
    short_at_least: str | None  # a lower bound where space is short ("100B+"); None: as in prose
    count_at_least: str | None  # a count's lower bound ("200+"); None: as in prose
    dates: dict[str, str]  # day, month, year → "{y}年{m}月{d}日" / "{d} {month} {y}"; day_in_year
    month_tick: str  # "{y}年{m}月" / "{mon} {y}"
    tick_formats: dict[str, str]  # d3 formats by tick spacing: day, month, year
    months: tuple[str, ...] = field(default=EN_MONTHS)
    script: str = "Hans"  # how its Chinese is written (ISO 15924): a quote is shown in this script
    source: str = ""  # the dataset columns it reads (title_<source>); empty: its own code
    convert: Callable[[str], str] = field(default=str)  # what it does to those columns' text

    @property
    def columns(self) -> str:
        """The suffix of the dataset columns this language reads: zh for Traditional too."""
        return self.source or self.code

    def text(self, row: Mapping[str, Any], stem: str) -> str:
        """A row's text in this language: row['title_zh'] or row['title_en'], or for a generated
        language its source's column converted (Traditional: row['title_zh'] in Traditional);
        empty when the row has none."""
        return self.convert(row.get(f"{stem}_{self.columns}") or "")

    def pick(self, words: Mapping[str, str]) -> str:
        """This language's entry of a {zh: …, en: …} mapping (a generated language converts its
        source's)."""
        return words[self.code] if self.code in words else self.convert(words[self.columns])

    def t(self, key: str, **values: Any) -> str:
        """A word or sentence from the one vocabulary, in this language."""
        return i18n.t(key, self.code, **values)

    def in_sentence(self, text: str) -> str:
        """A label as it reads inside a sentence ("Reported" → "reported"); acronyms stay."""
        if self.cased and text[:1].isupper() and not text[1:2].isupper():
            return text[0].lower() + text[1:]
        return text


# One Locale per language: the two definitions below have the same shape on purpose (one table each).
ZH = Locale(
    code="zh",
    reads_sources=True,
    html_lang="zh-Hans",
    cased=False,
    units=((1e12, "万亿", "万亿"), (1e8, "亿", "亿"), (1e4, "万", "万")),
    unit_space="",
    group_thousands=False,
    usd="{n}美元",
    usd_short="{n}",
    multiple="{n}倍",
    year="{y}年",
    bounds={"at-least": "超过{text}", "about": "约{text}", "at-most": "至多{text}"},
    year_bounds={"at-least": "{y}年以后", "about": "约{y}年", "at-most": "{y}年以前"},
    short_at_least=None,
    count_at_least=None,
    dates={"day": "{y}年{m}月{d}日", "month": "{y}年{m}月", "year": "{y}年", "day_in_year": "{m}月{d}日"},
    month_tick="{y}年{m}月",
    tick_formats={"day": "%Y年%-m月%-d日", "month": "%Y年%-m月", "year": "%Y年"},
)

EN = Locale(
    code="en",
    reads_sources=False,
    html_lang="en",
    cased=True,
    units=((1e12, "trillion", "T"), (1e9, "billion", "B"), (1e6, "million", "M")),
    unit_space=" ",
    group_thousands=True,
    usd="${n}",
    usd_short="${n}",
    multiple="{n}×",
    year="{y}",
    bounds={"at-least": "over {text}", "about": "about {text}", "at-most": "up to {text}"},
    year_bounds={"at-least": "{y} or later", "about": "around {y}", "at-most": "by {y}"},
    short_at_least="{text}+",
    count_at_least="{text}+",
    dates={"day": "{d} {month} {y}", "month": "{month} {y}", "year": "{y}", "day_in_year": "{d} {month}"},
    month_tick="{mon} {y}",
    tick_formats={"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"},
    script="Latn",
)


def generated(base: Locale, code: str, html_lang: str, script: str, convert: Callable[[str], str]) -> Locale:
    """A language made from base by converting its words: every text of base's table converted."""

    def converted(value: Any) -> Any:
        if isinstance(value, str):
            return convert(value)
        if isinstance(value, tuple):
            return tuple(converted(item) for item in value)
        if isinstance(value, dict):
            return {key: converted(item) for key, item in value.items()}
        return value

    own = {"code": code, "html_lang": html_lang, "script": script, "source": base.code, "convert": convert}
    table = {f.name: converted(getattr(base, f.name)) for f in fields(base) if f.name not in own}
    return replace(base, **table, **own)


def _to_traditional(text: str) -> str:
    from charts import traditional  # OpenCC is loaded only when Traditional text is asked for

    return traditional.converter().convert(text)


# The generated languages, made on first use (OpenCC takes a moment to load). Traditional Chinese as
# Taiwan writes it is ZH's table converted, so 亿/万亿 become 億/萬億 (not 兆, which is 10^6 in some
# usage and 10^12 in Taiwan's, where 萬億 says what our Simplified text says).
MADE: dict[str, Callable[[], Locale]] = {
    "zh-Hant": lambda: generated(
        ZH, code="zh-Hant", html_lang="zh-Hant", script="Hant", convert=_to_traditional
    )
}
LOCALES: dict[str, Locale] = {locale.code: locale for locale in (ZH, EN)}
assert (*LOCALES, *MADE) == i18n.ALL_LANGS, "charts/locale.py has a Locale for every language of strings.yaml"


def locale_of(lang: str | Locale) -> Locale:
    """The Locale of a language code (a Locale is returned as it is); an unknown code is an error."""
    if isinstance(lang, Locale):
        return lang
    if isinstance(lang, str) and lang in MADE and lang not in LOCALES:
        LOCALES[lang] = MADE[lang]()
    try:
        return LOCALES[lang]
    except (KeyError, TypeError):
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(i18n.ALL_LANGS)}") from None
