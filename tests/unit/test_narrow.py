"""The phone layout has one browser implementation, overrides/assets/javascripts/narrow.js: the site
loads it before hmw.js and every standalone chart page inlines it. charts/narrow.py's ``apply`` is
its Python mirror, which the chart tests use to see what a phone draws; here they must agree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest
import yaml

from charts import narrow
from charts.build import SCHEMES, figure_dict, standalone_html
from tests.sample_data import PROJECT

HMW_JS = PROJECT / "overrides" / "assets" / "javascripts" / "hmw.js"
NODE = shutil.which("node")
# Runs narrow.js on [[figure, width], ...] from stdin and prints what hmwNarrow returns for each.
RUN_JS = """
const fs = require("fs");
eval(fs.readFileSync(process.argv[1], "utf8") + "\\nglobalThis.hmwNarrow = hmwNarrow;");
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([figure, width]) => hmwNarrow(figure, width))));
"""


@pytest.fixture(scope="module")
def figures(rendered_charts) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {key: figure_dict(chart.figure) for key, chart in rendered_charts.items()}


@pytest.mark.skipif(NODE is None, reason="needs node (npm ci installs plotly.js with it)")
def test_the_javascript_and_its_python_mirror_draw_every_chart_alike(figures):
    cases, names = [], []
    for key, figure in figures.items():
        max_width = figure["layout"]["meta"]["narrow"]["max_width"]
        for width in (narrow.PHONE_WIDTH, max_width - 1, max_width, 1280):
            cases.append((figure, width))
            names.append(f"{'-'.join(key)} at {width} px")
    out = subprocess.run(
        [NODE, "-e", RUN_JS, str(narrow.JS_FILE)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    drawn = json.loads(out.stdout)
    assert len(drawn) == len(cases)
    disagree = [
        name
        for name, (figure, width), browser in zip(names, cases, drawn, strict=True)
        if browser != narrow.apply(figure, width)
    ]
    assert disagree == []
    changed = [browser != figure for (figure, _), browser in zip(cases, drawn, strict=True)]
    assert sum(changed) == len(figures) * 2  # the two widths below max_width


def test_the_standalone_page_inlines_narrow_js(rendered_charts):
    html = standalone_html({s: rendered_charts["param-scale", "zh", s] for s in SCHEMES})
    code = narrow.narrow_js()
    assert code.startswith("function hmwNarrow(figure, width) {") and f"<script>\n{code}</script>" in html
    assert code in narrow.JS_FILE.read_text(encoding="utf-8")


def test_the_site_loads_narrow_js_before_hmw_js_which_has_no_copy_of_its_own():
    scripts = yaml.safe_load(
        re.search(r"^extra_javascript:\n(?:  - .*\n)+", (PROJECT / "config/base.yml").read_text(), re.M)[0]
    )["extra_javascript"]
    assert scripts.index("assets/javascripts/narrow.js") < scripts.index("assets/javascripts/hmw.js")
    assert (PROJECT / "overrides/assets/javascripts/narrow.js").samefile(narrow.JS_FILE)
    hmw = HMW_JS.read_text(encoding="utf-8")
    assert "hmwNarrow(figure, width)" in hmw
    assert "markers_only" not in hmw and "function set(" not in hmw


def test_the_phone_figure_is_what_a_phone_draws_at_its_width_and_height(figures):
    """The static SVG a phone sees first is the figure narrow.js would draw in a phone's column."""
    for key, figure in figures.items():
        phone = narrow.phone_figure(figure)
        drawn = narrow.apply(figure, narrow.PHONE_WIDTH)
        assert phone["data"] == drawn["data"], key
        height = figure["layout"]["meta"]["narrow"]["layout"].get("height") or figure["layout"]["height"]
        assert phone["layout"] == {**drawn["layout"], "width": narrow.PHONE_WIDTH, "height": height}, key
        assert "width" not in figure["layout"], "the page's figure itself is untouched"


def test_the_css_switches_to_the_phone_chart_where_narrow_js_switches_to_the_phone_figure():
    """hmw.css gives the box its phone height and shows the phone SVG in a column narrower than the
    figures' max_width, the width below which hmwNarrow draws the phone figure."""
    css = (PROJECT / "overrides/assets/stylesheets/hmw.css").read_text(encoding="utf-8")
    widths = {float(w) for w in re.findall(r"@container \(max-width: ([\d.]+)px\)", css)}
    assert widths == {narrow.MAX_WIDTH - 0.02}
