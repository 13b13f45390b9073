"""Numbers and dates, as the charts, tables and pages write them in each language.

Chinese counts in 万 / 亿 / 万亿 and writes 2023年3月16日; English counts in million / billion /
trillion (M / B / T where space is tight) and writes 16 March 2023.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charts import formats
from charts.dataset import PartialDate

ZH_UNIT = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "": 1}
EN_LETTER = {"T": 1e12, "B": 1e9, "M": 1e6}
CJK = re.compile(r"[\u3400-\u9fff]")


def parse_zh(text: str) -> float:
    """'1.8万亿' → 1.8e12: the reading a Chinese reader gives the label."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(万亿|亿|万|)", text)
    assert match, f"{text!r} is not a number in Chinese units"
    return float(match[1]) * ZH_UNIT[match[2]]


def parse_en(text: str) -> float:
    """'1.8T' → 1.8e12."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([TBM])", text)
    assert match, f"{text!r} is not a number with an M/B/T suffix"
    return float(match[1]) * EN_LETTER[match[2]]


# --- parameter counts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("billions", "zh", "en", "en_long"),
    [
        (0.117, "1.17亿", "117M", "117 million"),
        (0.34, "3.4亿", "340M", "340 million"),
        (1.5, "15亿", "1.5B", "1.5 billion"),
        (13, "130亿", "13B", "13 billion"),
        (175, "1750亿", "175B", "175 billion"),
        (540, "5400亿", "540B", "540 billion"),
        (1800, "1.8万亿", "1.8T", "1.8 trillion"),
    ],
)
def test_parameter_counts_from_the_articles_read_naturally_in_both_languages(billions, zh, en, en_long):
    assert formats.format_params(billions, "zh") == zh
    assert formats.format_params(billions, "en") == en
    assert formats.format_params(billions, "en", long=True) == en_long


@pytest.mark.parametrize(
    ("billions", "zh", "en"),
    [
        (0.0999, "9990万", "99.9M"),  # just under 1亿: counted in 万
        (0.1, "1亿", "100M"),  # 1亿 is the first 亿
        (0.999, "9.99亿", "999M"),  # just under a billion
        (1, "10亿", "1B"),  # a billion is 10亿, not 1 of anything
        (999, "9990亿", "999B"),  # just under 1万亿: still 亿
        (1000, "1万亿", "1T"),  # 1万亿 = one trillion
    ],
)
def test_chinese_switches_unit_at_yi_and_wanyi_and_english_at_billion_and_trillion(billions, zh, en):
    assert formats.format_params(billions, "zh") == zh
    assert formats.format_params(billions, "en") == en


@pytest.mark.parametrize(
    ("billions", "zh", "en"),
    [(999.9999, "1万亿", "1T"), (0.9999999, "10亿", "1B"), (0.09999999, "1亿", "100M")],
)
def test_a_count_that_rounds_up_to_the_next_unit_is_written_in_that_unit(billions, zh, en):
    """Never '10000亿' or '1000B'."""
    assert formats.format_params(billions, "zh") == zh
    assert formats.format_params(billions, "en") == en


def test_plain_numbers_and_dollars_also_move_up_a_unit_when_rounding_reaches_it():
    assert formats.format_number(9999.999, "zh") == "1万"
    assert formats.format_number(999_999.999, "en") == "1 million"
    assert formats.format_number(999_996, "en") == "999,996"
    assert formats.format_usd(999_999_999, "en") == "$1 billion"


@given(st.floats(min_value=0.001, max_value=100_000, allow_nan=False, allow_infinity=False))
def test_a_parameter_label_reads_back_as_its_value_in_either_language(billions):
    count = billions * 1e9
    assert parse_zh(formats.format_params(billions, "zh")) == pytest.approx(count, rel=0.006)
    assert parse_en(formats.format_params(billions, "en")) == pytest.approx(count, rel=0.006)


@given(st.floats(min_value=0.001, max_value=100_000, allow_nan=False, allow_infinity=False))
def test_chinese_labels_never_use_latin_units_and_english_labels_never_use_chinese_ones(billions):
    zh = formats.format_params(billions, "zh")
    en = formats.format_params(billions, "en", long=True)
    assert not re.search(r"[A-Za-z]", zh)
    assert not CJK.search(en)


@given(st.floats(min_value=0.001, max_value=100_000, allow_nan=False, allow_infinity=False))
def test_the_chinese_number_before_its_unit_stays_below_ten_thousand(billions):
    """No '12000亿': from 1万亿 on, the unit is 万亿."""
    number = float(re.match(r"\d+(?:\.\d+)?", formats.format_params(billions, "zh"))[0])
    assert number < 10_000


def test_parameter_axis_ticks_are_decades_labelled_in_each_languages_units():
    values, zh = formats.param_ticks("zh")
    _, en = formats.param_ticks("en")
    assert all(b / a == pytest.approx(10) for a, b in itertools.pairwise(values))
    assert all(label.endswith(("亿", "万亿")) for label in zh)
    assert all(label[-1] in "MBT" for label in en)
    for value, zh_label, en_label in zip(values, zh, en, strict=True):
        assert parse_zh(zh_label) == pytest.approx(value * 1e9)
        assert parse_en(en_label) == pytest.approx(value * 1e9)


def test_parameter_axis_ticks_can_be_limited_to_the_plotted_range():
    values, labels = formats.param_ticks("zh", 1, 1000)
    assert values == [1, 10, 100, 1000]
    assert labels[0] == "10亿" and labels[-1] == "1万亿"


# --- other quantities -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (9999, "9999", "9,999"),
        (10_000, "1万", "10,000"),
        (170_000, "17万", "170,000"),
        (1e8, "1亿", "100 million"),
        (5e9, "50亿", "5 billion"),
        (1e12, "1万亿", "1 trillion"),
    ],
)
def test_plain_counts_use_wan_yi_wanyi_in_chinese_and_words_in_english(value, zh, en):
    assert formats.format_number(value, "zh") == zh
    assert formats.format_number(value, "en") == en


@pytest.mark.parametrize(
    ("usd", "zh", "en", "en_short"),
    [
        (4.6e6, "460万美元", "$4.6 million", "$4.6M"),
        (6.3e7, "6300万美元", "$63 million", "$63M"),
        (1.2e9, "12亿美元", "$1.2 billion", "$1.2B"),
    ],
)
def test_dollar_amounts_follow_each_languages_units(usd, zh, en, en_short):
    assert formats.format_usd(usd, "zh") == zh
    assert formats.format_usd(usd, "en") == en
    assert formats.format_usd(usd, "en", short=True) == en_short
    assert formats.format_usd(usd, "zh", short=True) == zh.removesuffix("美元")


@pytest.mark.parametrize(
    ("yuan", "zh", "en"),
    [
        (0.5, "0.5元/百万语元", "0.5 yuan per million tokens"),
        (0.8, "0.8元/百万语元", "0.8 yuan per million tokens"),
        (20, "20元/百万语元", "20 yuan per million tokens"),
        (1200, "1200元/百万语元", "1,200 yuan per million tokens"),
        (0, "免费", "free"),
    ],
)
def test_api_prices_read_per_million_tokens_and_a_zero_price_is_free(yuan, zh, en):
    assert formats.format_price(yuan, "zh") == zh
    assert formats.format_price(yuan, "en") == en


@pytest.mark.parametrize(
    ("value", "unit", "bound", "zh", "en"),
    [
        (200, "count", "at-least", "超过200", "200+"),
        (5e8, "usd", "at-least", "超过5亿美元", "over $500 million"),
        (1.2e9, "usd", "about", "约12亿美元", "about $1.2 billion"),
        (2026, "year", "about", "约2026年", "around 2026"),
        (4, "multiple", "exact", "4倍", "4×"),
        (7e10, "params", "exact", "700亿", "70 billion"),
    ],
)
def test_a_bound_is_put_into_words_in_both_languages(value, unit, bound, zh, en):
    assert formats.format_value(value, unit, "zh", bound=bound) == zh
    assert formats.format_value(value, unit, "en", bound=bound) == en


def test_a_figures_row_is_formatted_by_its_own_unit_and_bound():
    row = {"value": 200, "unit": "count", "bound": "at-least"}
    assert formats.format_value(row, "zh") == formats.format_figure(row, "zh") == "超过200"


def test_an_unknown_language_unit_or_bound_is_an_error_not_a_silent_default():
    with pytest.raises(ValueError, match="language"):
        formats.format_params(1, "fr")
    with pytest.raises(ValueError, match="unit"):
        formats.format_value(1, "furlongs", "en")
    with pytest.raises(ValueError, match="bound"):
        formats.format_value(1, "count", "en", bound="roughly")


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("2023-03-16", "2023年3月16日", "16 March 2023"),
        ("2023-11", "2023年11月", "November 2023"),
        ("2017", "2017年", "2017"),
    ],
)
def test_dates_are_written_to_their_precision_in_each_languages_style(text, zh, en):
    date = PartialDate.parse(text)
    assert formats.format_date(date, "zh") == zh
    assert formats.format_date(date, "en") == en


@given(st.dates(min_value=dt.date(1900, 1, 1)), st.sampled_from(["day", "month", "year"]))
def test_every_date_reads_in_the_expected_shape_and_never_claims_more_precision(day, precision):
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
    date = PartialDate.parse(text)
    zh, en = formats.format_date(date, "zh"), formats.format_date(date, "en")
    zh_shapes = {"day": r"\d{4}年\d{1,2}月\d{1,2}日", "month": r"\d{4}年\d{1,2}月", "year": r"\d{4}年"}
    en_shapes = {"day": r"\d{1,2} [A-Z][a-z]+ \d{4}", "month": r"[A-Z][a-z]+ \d{4}", "year": r"\d{4}"}
    assert re.fullmatch(zh_shapes[precision], zh)
    assert re.fullmatch(en_shapes[precision], en)
    assert str(day.year) in zh and str(day.year) in en


def test_years_carry_nian_in_chinese_only():
    assert formats.format_year(2026, "zh") == "2026年"
    assert formats.format_year(2026, "en") == "2026"


def test_date_axes_label_ticks_in_chinese_or_english_at_every_tick_spacing():
    zh = formats.date_tickformatstops("zh")
    en = formats.date_tickformatstops("en")
    assert [stop["dtickrange"] for stop in zh] == [stop["dtickrange"] for stop in en]
    assert all("%Y年" in stop["value"] for stop in zh)
    assert not any(CJK.search(stop["value"]) for stop in en)
    # The widest spacing (years) shows the year alone; the finer ones add the month, then the day.
    assert zh[-1]["value"] == "%Y年" and en[-1]["value"] == "%Y"
    assert "月" in zh[1]["value"] and "%b" in en[1]["value"]
    assert "日" in zh[0]["value"] and "%-d" in en[0]["value"]


def test_month_ticks_name_the_month_in_each_language():
    values, zh = formats.month_ticks(2023, 2023, "zh", step=3)
    _, en = formats.month_ticks(2023, 2023, "en", step=3)
    assert values == ["2023-01-01", "2023-04-01", "2023-07-01", "2023-10-01"]
    assert zh == ["2023年1月", "2023年4月", "2023年7月", "2023年10月"]
    assert en == ["Jan 2023", "Apr 2023", "Jul 2023", "Oct 2023"]


# --- helpers --------------------------------------------------------------------------------------


@given(st.floats(min_value=0.01, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_linear_ticks_start_at_zero_cover_the_maximum_and_are_evenly_spaced(vmax):
    ticks = formats.linear_ticks(vmax)
    assert ticks[0] == 0 and ticks[-1] >= vmax
    steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1 or max(steps) - min(steps) <= max(steps) * 1e-6
    assert 2 <= len(ticks) <= 8


def test_plain_numbers_have_no_float_noise_or_trailing_zeros():
    assert formats.plain(1750.0) == "1750"
    assert formats.plain(1.170) == "1.17"
    assert formats.plain(0.1 + 0.2) == "0.3"
    assert formats.plain(-0.001) == "0"


@pytest.mark.parametrize(
    ("bound", "zh", "en_long", "en_short"),
    [
        ("exact", "1000亿", "100 billion", "100B"),
        ("at-least", "超过1000亿", "over 100 billion", "100B+"),
        ("about", "约1000亿", "about 100 billion", "about 100B"),
    ],
)
def test_a_models_parameter_count_carries_its_bound(bound, zh, en_long, en_short):
    row = {"params_billion": 100, "params_bound": bound}
    assert formats.format_model_params(row, "zh") == zh
    assert formats.format_model_params(row, "en", long=True) == en_long
    assert formats.format_model_params(row, "en") == en_short


def test_a_figure_in_the_articles_own_idiom_is_shown_as_the_article_words_it():
    row = {
        "value": 200,
        "unit": "count",
        "bound": "at-least",
        "wording_zh": "200多",
        "wording_en": "more than 200",
    }
    assert formats.format_value(row, "zh") == "200多"
    assert formats.format_value(row, "en") == "more than 200"
    assert formats.format_value(row | {"wording_zh": "", "wording_en": ""}, "zh") == "超过200"
