"""Number and date formats for both languages, in one place.

The charts, the site's shortcodes (hmw_site/values.py) and the home page all format numbers here,
so 1750亿 on a chart and "175 billion" in the English prose cannot drift apart. The rules of each
language are data in its Locale (charts/locale.py): Chinese uses its own large-number units (万, 亿,
万亿) and 年/月/日 dates; English uses million/billion/trillion (or M/B/T where space is tight) and
"16 March 2023". Every function takes a language code or a Locale.

Stable API (other modules import these; keep the signatures):

    format_params(billions, lang, *, long=False) -> str
    format_model_params(row, lang, *, long=False) -> str   (a models.csv row, with its params_bound)
    format_usd(value, lang, *, short=False) -> str
    format_price(yuan, lang) -> str   (yuan per million tokens)
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

from charts.locale import Locale, locale_of

UNITS = ("usd", "count", "year", "percent", "multiple", "params", "tokens", "score")
BOUNDS = ("exact", "at-least", "about", "at-most")
Lang = str | Locale  # a language code ("zh", "en") or its Locale

# Log-axis decades for parameter counts, in billions; each locale labels them (1亿 / 100M).
PARAM_DECADES = (0.01, 0.1, 1, 10, 100, 1000, 10000, 100000)


class DateLike(Protocol):
    """A date known to the year, month or day (charts.dataset.PartialDate fits)."""

    year: int
    month: int | None
    day: int | None


def plain(value: float, decimals: int = 2) -> str:
    """A number without float noise or trailing zeros: 1750.0 → '1750', 1.170 → '1.17'."""
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _grouped(value: float, decimals: int = 2) -> str:
    """Digits with thousands separators: 170000 → '170,000', 4.6 → '4.6'."""
    text = plain(value, decimals)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + (f".{frac}" if frac else "")


def _small(value: float, loc: Locale) -> str:
    """A number below the locale's smallest unit: '9000' / '9,000'."""
    return _grouped(value) if loc.group_thousands else plain(value)


def _reaches(value: float, size: float, units: Sequence[tuple[Any, ...]]) -> bool:
    """Whether value reads as at least one ``size``, once rounded as the next smaller unit would
    write it (two decimals): 999999.999 is '1 million', never '1,000,000'; 9999.999亿 is '1万亿',
    never '10000亿'."""
    if abs(value) >= size:
        return True
    smaller = next((unit[0] for unit in units if unit[0] < size), 1)
    return float(plain(abs(value) / smaller)) * smaller >= size


def _in_units(value: float, loc: Locale, *, short: bool, at_least_smallest: bool = False) -> str | None:
    """value in the largest unit it reaches ('1.8万亿', '1.8 trillion', short '1.8T'); with
    at_least_smallest, values below every unit are written in the smallest one ('0.5万', '0.5M')."""
    smallest = loc.units[-1][0]
    for size, word, letter in loc.units:
        if _reaches(value, size, loc.units) or (at_least_smallest and size == smallest):
            scaled = plain(value / size)
            return f"{scaled}{letter}" if short else f"{scaled}{loc.unit_space}{word}"
    return None


def format_number(value: float, lang: Lang) -> str:
    """A bare quantity in the language's large-number units: zh '50亿', '17万', '9000'; en '5 billion'."""
    loc = locale_of(lang)
    return _in_units(value, loc, short=False) or _small(value, loc)


def format_params(billions: float, lang: Lang, *, long: bool = False) -> str:
    """A parameter count given in billions: zh '15亿', '1750亿', '1.8万亿'; en '1.5B', '175B', '1.8T'.

    ``long=True`` gives the prose form in English ('1.8 trillion', '175 billion'); Chinese has one form.
    """
    loc = locale_of(lang)
    return _in_units(billions * 1e9, loc, short=not long, at_least_smallest=True) or ""


def format_model_params(row: Mapping[str, Any], lang: Lang, *, long: bool = False) -> str:
    """A row of data/models.csv's parameter count with its bound (params_bound): a floor such as
    Tencent's 超千亿 reads 超过1000亿 / 'over 100 billion' ('100B+' when short), never as an estimate."""
    loc = locale_of(lang)
    text = format_params(row["params_billion"], loc, long=long)
    bound = row.get("params_bound") or "exact"
    if bound == "at-least" and loc.short_at_least and not long:
        return loc.short_at_least.format(text=text)
    return _bounded(text, bound, "params", loc)


def format_usd(value: float, lang: Lang, *, short: bool = False) -> str:
    """US dollars: zh '460万美元', '6300万美元', '12亿美元'; en '$4.6 million', '$1.2 billion'.

    ``short=True`` is for axis ticks: zh drops 美元 (the axis title carries it), en writes '$63M'.
    """
    loc = locale_of(lang)
    number = _in_units(value, loc, short=short) or _small(value, loc)
    return (loc.usd_short if short else loc.usd).format(n=number)


def format_price(yuan_per_million_tokens: float, lang: Lang, *, short: bool = False) -> str:
    """An API price: zh '0.5元/百万语元', en '0.5 yuan per million tokens'; 0 is 免费 / free.
    short: the yuan only ('0.5元', '0.5 yuan'), where an axis title gives the unit."""
    loc = locale_of(lang)
    if yuan_per_million_tokens == 0:
        return loc.t("price.free")
    number = (
        _grouped(yuan_per_million_tokens, 4) if loc.group_thousands else plain(yuan_per_million_tokens, 4)
    )
    return loc.t("price.yuan" if short else "price.per_million", n=number)


def _bounded(text: str, bound: str, unit: str, loc: Locale) -> str:
    """Put the bound into words: at-least 超过200 / 200+, about 约12亿美元 / about $1.2 billion."""
    if bound not in BOUNDS:
        raise ValueError(f"unknown bound {bound!r}; expected one of {', '.join(BOUNDS)}")
    if bound == "exact":
        return text
    if unit == "year":
        year = text.removesuffix(loc.year.format(y=""))
        return loc.year_bounds[bound].format(y=year)
    if bound == "at-least" and unit == "count" and loc.count_at_least:
        return loc.count_at_least.format(text=text)
    return loc.bounds[bound].format(text=text)


def format_count(value: float, bound: str = "exact", lang: Lang = "zh") -> str:
    """How many: zh '超过200', '50亿', '约1万'; en '200+', '5 billion', 'about 10,000'.

    No counter word (个/家/种): the sentence around the number supplies it.
    """
    loc = locale_of(lang)
    return _bounded(format_number(value, loc), bound, "count", loc)


def format_year(year: int | float, lang: Lang) -> str:
    """A calendar year: zh '2026年', en '2026'."""
    return locale_of(lang).year.format(y=int(year))


def _format_unit(value: float, unit: str, loc: Locale) -> str:
    if unit == "usd":
        return format_usd(value, loc)
    if unit in ("count", "tokens"):
        return format_number(value, loc)
    if unit == "year":
        return format_year(value, loc)
    if unit == "percent":
        return f"{plain(value, 1)}%"
    if unit == "multiple":
        return loc.multiple.format(n=plain(value))
    if unit == "params":
        return format_params(value / 1e9, loc, long=True)
    if unit == "score":
        return plain(value, 1)
    raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")


def format_value(
    value: float | Mapping[str, Any],
    unit: str | Lang | None = None,
    lang: Lang | None = None,
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
        if unit is None:
            raise TypeError("format_value(row, lang) needs a language")
        loc = locale_of(unit)
        row = value
        return loc.convert(row.get(f"wording_{loc.columns}") or "") or format_value(
            row["value"], row["unit"], loc, bound=row.get("bound") or "exact"
        )
    if unit is None or lang is None:
        raise TypeError("format_value(value, unit, lang) needs a unit and a language")
    loc = locale_of(lang)
    return _bounded(_format_unit(float(value), str(unit), loc), bound, str(unit), loc)


def format_figure(row: Mapping[str, Any], lang: Lang) -> str:
    """A row of data/figures.csv, formatted by its unit and bound (same as format_value(row, lang))."""
    return format_value(row, lang)


def format_date(date: DateLike, lang: Lang) -> str:
    """A date to its precision: zh '2023年3月16日', '2023年3月', '2023年'; en '16 March 2023',
    'March 2023'."""
    loc = locale_of(lang)
    precision = "day" if date.month and date.day else "month" if date.month else "year"
    month = loc.months[date.month - 1] if date.month else ""
    return loc.dates[precision].format(y=date.year, m=date.month, d=date.day, month=month)


def format_day(date: DateLike, lang: Lang) -> str:
    """A day without its year, where the year is said once nearby (a chart's title): zh '5月21日',
    en '21 May'."""
    loc = locale_of(lang)
    if not (date.month and date.day):
        raise ValueError(f"format_day needs a date to the day, not {date}")
    return loc.dates["day_in_year"].format(m=date.month, d=date.day, month=loc.months[date.month - 1])


def param_ticks(
    lang: Lang, lo: float | None = None, hi: float | None = None
) -> tuple[list[float], list[str]]:
    """Decade ticks for a log axis of parameters in billions: zh 1亿 … 10万亿, en 100M … 10T.

    With lo/hi (billions), only the decades inside [lo, hi] are returned.
    """
    loc = locale_of(lang)
    picked = [
        value
        for value in PARAM_DECADES
        if (lo is None or value >= lo * 0.999) and (hi is None or value <= hi * 1.001)
    ]
    if lo is None and hi is None:
        picked = picked[1:-1]  # the default axis: 1亿 … 10万亿 / 100M … 10T
    return picked, [format_params(value, loc) for value in picked]


def year_ticks(first: int, last: int, lang: Lang, step: int = 1) -> tuple[list[str], list[str]]:
    """One tick on 1 January of every ``step``-th year: values as ISO dates, labels '2015年' / '2015'."""
    years = range(first, last + 1, step)
    return [f"{year}-01-01" for year in years], [format_year(year, lang) for year in years]


def month_ticks(first: int, last: int, lang: Lang, step: int = 1) -> tuple[list[str], list[str]]:
    """A tick on the 1st of every ``step``-th month: labels '2023年3月' / 'Mar 2023'."""
    loc = locale_of(lang)
    values, labels = [], []
    for year in range(first, last + 1):
        for month in range(1, 13, step):
            values.append(f"{year}-{month:02d}-01")
            labels.append(loc.month_tick.format(y=year, m=month, mon=loc.months[month - 1][:3]))
    return values, labels


DAY_MS = 86_400_000


def date_tickformatstops(lang: Lang) -> list[dict[str, Any]]:
    """Tick label formats for a date axis with automatic ticks: '2023年3月16日' / '2023年3月' / '2023年'
    in Chinese, '16 Mar 2023' / 'Mar 2023' / '2023' in English, whichever matches the tick spacing, so
    the axis keeps readable labels at any width without repeating a year."""
    fmt = locale_of(lang).tick_formats
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
