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
