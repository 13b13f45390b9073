"""The hmw plugin keeps no state between builds and never mixes old and new code under `mkdocs serve`.

MkDocs keeps imported modules for the whole process. When the code of charts/ or hmw_site/ changed
since it was imported, both packages are imported afresh before the next build, so a page's
shortcodes and its charts format numbers with the same, saved code. (Run in a child process: forgetting
modules here would leave this test run with two copies of them.)
"""

from __future__ import annotations

import subprocess
import sys

from tests.sample_data import PROJECT

CHILD = """
from hmw_site import plugin
import charts.formats, hmw_site.values
old_formats, old_values = charts.formats, hmw_site.values
imported = plugin.HmwPlugin.code_time

plugin.newest_code_change = lambda: imported  # nothing saved since
assert plugin.forget_changed_code(imported) == imported
import charts.formats, hmw_site.values
assert charts.formats is old_formats and hmw_site.values is old_values, "unchanged code is kept"

plugin.newest_code_change = lambda: imported + 5  # formats.py saved after the import
assert plugin.forget_changed_code(imported) == imported + 5
import charts.formats, hmw_site.values
assert charts.formats is not old_formats, "changed code is imported afresh"
assert hmw_site.values is not old_values, "and so is the site layer that uses it"
assert hmw_site.values.formats is charts.formats, "pages and charts use the same new code"
assert "hmw_site.plugin" in __import__("sys").modules, "the plugin itself stays"
print("ok")
"""


def test_changed_code_is_imported_afresh_for_charts_and_pages_alike():
    run = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr


SEGMENT_CHILD = """
import jieba
from material.plugins.search.plugin import SearchIndex
from hmw_site import memo

text = "国产大模型的追赶与短板 and 百模大战"
expected = SearchIndex._segment_chinese(None, text)
memo.remember_chinese_segmentation()
memo.remember_chinese_segmentation()  # every build asks; the second time changes nothing
assert SearchIndex._segment_chinese(None, text) == expected

calls = []
cut = jieba.cut
jieba.cut = lambda *args, **kwargs: calls.append(args) or cut(*args, **kwargs)
assert SearchIndex._segment_chinese(None, text) == expected
assert calls == [], "a section segmented before is looked up"
assert SearchIndex._segment_chinese(None, "开源模型") == "\\u200b".join(cut("开源模型"))
assert calls, "a new section is segmented by jieba"
print("ok")
"""


def test_a_rebuild_looks_up_the_chinese_segmentation_of_sections_it_has_seen():
    """Material's search segments every section with jieba on every build; under `mkdocs serve` the
    process remembers each section's result, which is the same string jieba gives."""
    done = subprocess.run(
        [sys.executable, "-c", SEGMENT_CHILD], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
