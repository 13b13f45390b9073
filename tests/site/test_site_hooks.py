"""The site layer without a build: hmw_site/languages.py (twins, alternates) and hmw_site/charts.py
(the chart fence, plotly.js version). The built site is tested in tests/browser/."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urljoin

import pytest

from charts import plotly_js
from hmw_site import charts as chart_hook
from hmw_site import languages as i18n
from tests.sample_data import PROJECT

ROOTS = i18n.language_roots("https://example.org/hmw/")


def test_language_roots_come_from_the_site_root_and_each_builds_site_url():
    assert ROOTS == {
        "zh": "https://example.org/hmw/",
        "en": "https://example.org/hmw/en/",
        "zh-Hant": "https://example.org/hmw/zh-hant/",
    }
    assert i18n.root_url("https://example.org/hmw/en/", "en") == "https://example.org/hmw/"
    assert i18n.root_url("https://example.org/hmw/zh-hant/", "zh-Hant") == "https://example.org/hmw/"
    assert i18n.root_url("https://example.org/hmw", "zh") == "https://example.org/hmw/"


@pytest.mark.parametrize(
    ("page", "lang", "other", "expected"),
    [
        ("", "zh", "en", "en/"),
        ("", "en", "zh", "../"),
        ("topics/scale/", "zh", "en", "../../en/topics/scale/"),
        ("topics/scale/", "en", "zh", "../../../topics/scale/"),
        ("atlas/", "zh", "zh", "../atlas/"),
        ("topics/scale/", "zh-Hant", "en", "../../../en/topics/scale/"),
        ("", "en", "zh-Hant", "../zh-hant/"),
    ],
)
def test_switcher_link_points_at_the_same_page_in_the_other_language(page, lang, other, expected):
    assert i18n.counterpart_href(page, lang, other) == expected


def test_alternates_give_absolute_hreflang_links_relative_roots_and_an_x_default():
    items = i18n.alternates("topics/scale/", "en", ROOTS)
    by_lang = {item["lang"]: item for item in items}
    assert by_lang["zh-Hans"]["link"] == "https://example.org/hmw/topics/scale/"
    assert by_lang["en"]["link"] == "https://example.org/hmw/en/topics/scale/"
    assert by_lang["zh-Hant"]["link"] == "https://example.org/hmw/zh-hant/topics/scale/"
    assert by_lang["x-default"]["link"] == by_lang["zh-Hans"]["link"] and by_lang["x-default"]["hidden"]
    # Each language's root relative to *this* page (hmw.js re-points the switcher from these).
    here = ROOTS["en"] + "topics/scale/"
    assert urljoin(here, by_lang["zh-Hans"]["root"]) == ROOTS["zh"]
    assert urljoin(here, by_lang["en"]["root"]) == ROOTS["en"]
    assert urljoin(here, by_lang["zh-Hant"]["root"]) == ROOTS["zh-Hant"]
    assert [item["current"] for item in items if not item.get("hidden")] == [False, True, False]


def test_a_page_without_its_twin_is_named_with_the_missing_file():
    problems = i18n.missing_twins({"zh": {"index.md", "atlas.md"}, "en": {"index.md", "slides.md"}})
    assert problems == [
        "docs/en/atlas.md (twin of docs/zh/atlas.md)",
        "docs/zh/slides.md (twin of docs/en/slides.md)",
    ]


def test_both_navigations_list_the_same_pages_in_the_same_order():
    assert i18n.config_nav(PROJECT, "zh") == i18n.config_nav(PROJECT, "en")


def test_chart_fences_are_found_at_any_indentation_and_other_fences_are_ignored():
    markdown = "\n".join(
        [
            "```chart",
            "timeline",
            "```",
            "```python",
            "chart = 1",
            "```",
            '=== "Tab"',
            "",
            "    ~~~~chart",
            "    param-scale",
            "    ~~~~",
        ]
    )
    assert chart_hook.fence_ids(markdown) == ["timeline", "param-scale"]


def test_an_unknown_chart_fails_the_build_naming_the_page_and_the_chart():
    charts = object.__new__(chart_hook.ChartPages)  # without writing the chart files
    charts.meta, charts.lang = {"timeline": {}}, "en"
    page = SimpleNamespace(file=SimpleNamespace(src_uri="topics/scale.md"))
    with pytest.raises(chart_hook.ChartFenceError) as failure:
        charts.check_page("```chart\ntimline\n```\n", page)
    message = str(failure.value)
    assert "docs/en/topics/scale.md" in message and "'timline'" in message and "timeline" in message


def test_the_served_plotly_js_is_the_version_the_python_plotly_package_writes_for():
    python_js, pinned, installed = plotly_js.versions()
    assert python_js == pinned == installed
    assert chart_hook.check_plotly_js() == python_js
    assert chart_hook.plotly_site_path(python_js).endswith(f"plotly-basic-{python_js}.min.js")


def test_a_plotly_js_mismatch_fails_the_build_with_the_check_s_message(monkeypatch):
    monkeypatch.setattr(plotly_js, "installed_version", lambda: None)
    with pytest.raises(chart_hook.PluginError, match=r"^charts: .* is missing; run `npm ci`"):
        chart_hook.check_plotly_js()


def test_a_language_built_inside_the_default_site_loads_plotly_js_from_the_root_copy():
    version = chart_hook.check_plotly_js()
    own = chart_hook.plotly_site_path(version)
    # hmw_site/languages.py gives the English build "../" (from site/en/ to the site's root).
    shared = chart_hook.plotly_href(version, "../")
    assert urljoin(ROOTS["en"], shared) == ROOTS["zh"] + own
    # Built on its own (`mkdocs build -f mkdocs.en.yml`, or the default language) it serves its copy.
    assert urljoin(ROOTS["en"], chart_hook.plotly_href(version, None)) == ROOTS["en"] + own
