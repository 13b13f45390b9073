"""Number and date formats for both languages, in one place.

The charts, the site's shortcodes (hooks/datarefs.py) and the home page all format numbers here,
so 1750亿 on a chart and "175 billion" in the English prose cannot drift apart. Chinese uses its
own large-number units (万, 亿, 万亿) and 年/月/日 dates; English uses million/billion/trillion
(or M/B/T where space is tight) and "16 March 2023".

Stable API (other modules import these; keep the signatures):

    format_params(billions, lang, *, long=False) -> str
    format_model_params(row, lang, *, long=False) -> str   (a models.csv row, with its params_bound)
    format_usd(value, lang, *, short=False) -> str
    format_count(value, bound="exact", lang="zh") -> str
    format_number(value, lang) -> str
    format_value(value, unit, lang, *, bound="exact") -> str   (or format_value(row, lang))
    format_figure(row, lang) -> str
    format_date(date, lang) -> str
    format_year(year, lang) -> str
    param_ticks(lang, lo=None, hi=None) -> (tickvals in billions, ticktext)
    year_ticks(first, last, lang, step=1) -> (tickvals as ISO dates, ticktext)
    month_ticks(first, last, lang, step=1) -> (tickvals as ISO dates, ticktext)
    date_tickformatstops(lang) -> plotly tickformatstops: day, month or year labels by tick spacing
    linear_ticks(vmax, count=5) -> tick values from 0

Words that surround a number in a sentence ("parameters", "个模型", "tokens") belong to the
sentence, not to these functions: format_value(39, "count", "zh") is "39", not "39个".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

LANGS = ("zh", "en")
UNITS = ("usd", "count", "year", "percent", "multiple", "params", "tokens", "score")
BOUNDS = ("exact", "at-least", "about", "at-most")

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

# Chinese large-number units, largest first: (size, suffix).
ZH_UNITS = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
# English large-number words and their short forms, largest first: (size, word, letter).
EN_UNITS = ((1e12, "trillion", "T"), (1e9, "billion", "B"), (1e6, "million", "M"))

# Log-axis decades for parameter counts, in billions, with their labels.
PARAM_DECADES: tuple[tuple[float, str, str], ...] = (
    (0.01, "1000万", "10M"),
    (0.1, "1亿", "100M"),
    (1, "10亿", "1B"),
    (10, "100亿", "10B"),
    (100, "1000亿", "100B"),
    (1000, "1万亿", "1T"),
    (10000, "10万亿", "10T"),
    (100000, "100万亿", "100T"),
)


class DateLike(Protocol):
    """A date known to the year, month or day (charts.dataset.PartialDate fits)."""

    year: int
    month: int | None
    day: int | None


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")


def plain(value: float, decimals: int = 2) -> str:
    """A number without float noise or trailing zeros: 1750.0 → '1750', 1.170 → '1.17'."""
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _grouped(value: float, decimals: int = 2) -> str:
    """English digits with thousands separators: 170000 → '170,000', 4.6 → '4.6'."""
    text = plain(value, decimals)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + (f".{frac}" if frac else "")


def format_number(value: float, lang: str) -> str:
    """A bare quantity in the language's large-number units: zh '50亿', '17万', '9000'; en '5 billion'."""
    _check_lang(lang)
    if lang == "zh":
        for size, suffix in ZH_UNITS:
            if _reaches(value, size, ZH_UNITS):
                return f"{plain(value / size)}{suffix}"
        return plain(value)
    for size, word, _letter in EN_UNITS:
        if _reaches(value, size, EN_UNITS):
            return f"{plain(value / size)} {word}"
    return _grouped(value)


def _reaches(value: float, size: float, units: Sequence[tuple[Any, ...]]) -> bool:
    """Whether value reads as at least one ``size``, once rounded as the next smaller unit would
    write it (two decimals): 999999.999 is '1 million', never '1,000,000'; 9999.999亿 is '1万亿',
    never '10000亿'."""
    if abs(value) >= size:
        return True
    smaller = next((unit[0] for unit in units if unit[0] < size), 1)
    return float(plain(abs(value) / smaller)) * smaller >= size


def format_params(billions: float, lang: str, *, long: bool = False) -> str:
    """A parameter count given in billions: zh '15亿', '1750亿', '1.8万亿'; en '1.5B', '175B', '1.8T'.

    ``long=True`` gives the prose form in English ('1.8 trillion', '175 billion'); Chinese has one form.
    """
    _check_lang(lang)
    count = billions * 1e9
    if lang == "zh":
        for size, suffix in ZH_UNITS:
            if _reaches(count, size, ZH_UNITS) or size == 1e4:
                return f"{plain(count / size)}{suffix}"
    for size, word, letter in EN_UNITS:
        if _reaches(count, size, EN_UNITS) or size == 1e6:
            scaled = plain(count / size)
            return f"{scaled} {word}" if long else f"{scaled}{letter}"
    raise AssertionError("unreachable")  # pragma: no cover


def format_model_params(row: Mapping[str, Any], lang: str, *, long: bool = False) -> str:
    """A row of data/models.csv's parameter count with its bound (params_bound): a floor such as
    Tencent's 超千亿 reads 超过1000亿 / 'over 100 billion' ('100B+' when short), never as an estimate."""
    text = format_params(row["params_billion"], lang, long=long)
    bound = row.get("params_bound") or "exact"
    if bound == "at-least" and lang == "en" and not long:
        return f"{text}+"
    return _bounded(text, bound, "params", lang)


def format_usd(value: float, lang: str, *, short: bool = False) -> str:
    """US dollars: zh '460万美元', '6300万美元', '12亿美元'; en '$4.6 million', '$1.2 billion'.

    ``short=True`` is for axis ticks: zh drops 美元 (the axis title carries it), en writes '$63M'.
    """
    _check_lang(lang)
    if lang == "zh":
        return format_number(value, "zh") + ("" if short else "美元")
    for size, word, letter in EN_UNITS:
        if _reaches(value, size, EN_UNITS):
            scaled = plain(value / size)
            return f"${scaled}{letter}" if short else f"${scaled} {word}"
    return f"${_grouped(value)}"


def _bounded(text: str, bound: str, unit: str, lang: str) -> str:
    """Put the bound into words: at-least 超过200 / 200+, about 约12亿美元 / about $1.2 billion."""
    if bound not in BOUNDS:
        raise ValueError(f"unknown bound {bound!r}; expected one of {', '.join(BOUNDS)}")
    if bound == "exact":
        return text
    if unit == "year":
        year = text.removesuffix("年")
        words = {
            "zh": {"at-least": f"{year}年以后", "about": f"约{year}年", "at-most": f"{year}年以前"},
            "en": {"at-least": f"{year} or later", "about": f"around {year}", "at-most": f"by {year}"},
        }
        return words[lang][bound]
    if lang == "zh":
        return {"at-least": f"超过{text}", "about": f"约{text}", "at-most": f"至多{text}"}[bound]
    if bound == "at-least" and unit == "count":
        return f"{text}+"
    return {"at-least": f"over {text}", "about": f"about {text}", "at-most": f"up to {text}"}[bound]


def format_count(value: float, bound: str = "exact", lang: str = "zh") -> str:
    """How many: zh '超过200', '50亿', '约1万'; en '200+', '5 billion', 'about 10,000'.

    No counter word (个/家/种): the sentence around the number supplies it.
    """
    _check_lang(lang)
    return _bounded(format_number(value, lang), bound, "count", lang)


def format_year(year: int | float, lang: str) -> str:
    """A calendar year: zh '2026年', en '2026'."""
    _check_lang(lang)
    return f"{int(year)}年" if lang == "zh" else f"{int(year)}"


def _format_unit(value: float, unit: str, lang: str) -> str:
    if unit == "usd":
        return format_usd(value, lang)
    if unit == "count":
        return format_number(value, lang)
    if unit == "year":
        return format_year(value, lang)
    if unit == "percent":
        return f"{plain(value, 1)}%"
    if unit == "multiple":
        return f"{plain(value)}倍" if lang == "zh" else f"{plain(value)}×"
    if unit == "params":
        return format_params(value / 1e9, lang, long=True)
    if unit == "tokens":
        return format_number(value, lang)
    if unit == "score":
        return plain(value, 1)
    raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")


def format_value(
    value: float | Mapping[str, Any],
    unit: str | None = None,
    lang: str | None = None,
    *,
    bound: str = "exact",
) -> str:
    """Any figure by its unit and bound, e.g. ('usd', 'at-least') → zh '超过5亿美元', en 'over $500 million'.

    Two call forms: ``format_value(value, unit, lang, bound=...)`` for a bare number, and
    ``format_value(row, lang)`` for a row of data/figures.csv: its value, unit and bound, or the
    article's own idiom (``wording_zh``/``wording_en``: 上千, 200多, 三分之一到三分之二) where the row
    keeps one, since that is the honest form of a loose number.
    Units: usd, count, year, percent, multiple, params (a raw count, 7e10), tokens (a raw count), score.
    """
    if isinstance(value, Mapping):
        row, lang = value, unit
        if lang is None:
            raise TypeError("format_value(row, lang) needs a language")
        return row.get(f"wording_{lang}") or format_value(
            row["value"], row["unit"], lang, bound=row.get("bound") or "exact"
        )
    if unit is None or lang is None:
        raise TypeError("format_value(value, unit, lang) needs a unit and a language")
    _check_lang(lang)
    return _bounded(_format_unit(float(value), unit, lang), bound, unit, lang)


def format_figure(row: Mapping[str, Any], lang: str) -> str:
    """A row of data/figures.csv, formatted by its unit and bound (same as format_value(row, lang))."""
    return format_value(row, lang)


def format_date(date: DateLike, lang: str) -> str:
    """A date to its precision: zh '2023年3月16日', '2023年3月', '2023年'; en '16 March 2023',
    'March 2023'."""
    _check_lang(lang)
    if lang == "zh":
        text = f"{date.year}年"
        if date.month:
            text += f"{date.month}月"
            if date.day:
                text += f"{date.day}日"
        return text
    if date.month and date.day:
        return f"{date.day} {EN_MONTHS[date.month - 1]} {date.year}"
    if date.month:
        return f"{EN_MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


def param_ticks(lang: str, lo: float | None = None, hi: float | None = None) -> tuple[list[float], list[str]]:
    """Decade ticks for a log axis of parameters in billions: zh 1亿 … 10万亿, en 100M … 10T.

    With lo/hi (billions), only the decades inside [lo, hi] are returned.
    """
    _check_lang(lang)
    picked = [
        (value, zh if lang == "zh" else en)
        for value, zh, en in PARAM_DECADES
        if (lo is None or value >= lo * 0.999) and (hi is None or value <= hi * 1.001)
    ]
    if lo is None and hi is None:
        picked = picked[1:-1]  # the default axis: 1亿 … 10万亿 / 100M … 10T
    return [value for value, _ in picked], [label for _, label in picked]


def year_ticks(first: int, last: int, lang: str, step: int = 1) -> tuple[list[str], list[str]]:
    """One tick on 1 January of every ``step``-th year: values as ISO dates, labels '2015年' / '2015'."""
    years = range(first, last + 1, step)
    return [f"{year}-01-01" for year in years], [format_year(year, lang) for year in years]


def month_ticks(first: int, last: int, lang: str, step: int = 1) -> tuple[list[str], list[str]]:
    """A tick on the 1st of every ``step``-th month: labels '2023年3月' / 'Mar 2023'."""
    values, labels = [], []
    for year in range(first, last + 1):
        for month in range(1, 13, step):
            values.append(f"{year}-{month:02d}-01")
            labels.append(f"{year}年{month}月" if lang == "zh" else f"{EN_MONTHS[month - 1][:3]} {year}")
    return values, labels


# d3 time formats for a date axis whose tick spacing plotly chooses (fewer ticks on a phone), by the
# spacing's precision. "%-m" is the month without a leading zero.
DAY_MS = 86_400_000
DATE_TICK_FORMATS = {
    "zh": {"day": "%Y年%-m月%-d日", "month": "%Y年%-m月", "year": "%Y年"},
    "en": {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"},
}


def date_tickformatstops(lang: str) -> list[dict[str, Any]]:
    """Tick label formats for a date axis with automatic ticks: '2023年3月16日' / '2023年3月' / '2023年'
    in Chinese, '16 Mar 2023' / 'Mar 2023' / '2023' in English, whichever matches the tick spacing, so
    the axis keeps readable labels at any width without repeating a year."""
    _check_lang(lang)
    fmt = DATE_TICK_FORMATS[lang]
    # Plotly takes the first stop whose range (ends included) holds the spacing; date spacings are
    # days in milliseconds, then M1, M2, M3, M6, M12, M24 …
    return [
        {"dtickrange": [None, DAY_MS * 20], "value": fmt["day"]},
        {"dtickrange": ["M1", "M6"], "value": fmt["month"]},
        {"dtickrange": ["M12", None], "value": fmt["year"]},
    ]


def linear_ticks(vmax: float, count: int = 5) -> list[float]:
    """Round tick values from 0 up to at least vmax, about ``count`` of them (1, 2, 2.5 or 5 × 10^n)."""
    if vmax <= 0:
        return [0.0]
    raw = vmax / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < vmax:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks
