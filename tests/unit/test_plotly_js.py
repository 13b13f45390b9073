"""charts/plotly_js.py: the one place that finds npm's plotly.js and checks its version."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

from charts import build, export, plotly_js
from hmw_site import charts as chart_hook


@pytest.fixture
def npm(tmp_path, monkeypatch):
    """A fake node_modules/plotly.js-basic-dist-min and package.json: call with the two versions."""

    def install(pinned: str | None, installed: str | None) -> Path:
        package_json = tmp_path / "package.json"
        package_json.write_text(json.dumps({"dependencies": {plotly_js.PACKAGE: pinned} if pinned else {}}))
        folder = tmp_path / "node_modules" / plotly_js.PACKAGE
        if installed:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "package.json").write_text(json.dumps({"version": installed}))
            (folder / "plotly-basic.min.js").write_text("/* basic */")
        monkeypatch.setattr(plotly_js, "PACKAGE_JSON", package_json)
        monkeypatch.setattr(plotly_js, "PACKAGE_DIR", folder)
        monkeypatch.setattr(plotly_js, "BUNDLE", folder / "plotly-basic.min.js")
        return folder

    return install


def test_the_installed_plotly_js_matches_the_python_package():
    python_js, pinned, installed = plotly_js.versions()
    assert python_js == pinned == installed
    assert plotly_js.check() == python_js
    assert plotly_js.BUNDLE.is_file()


def test_a_missing_bundle_says_to_run_npm_ci(npm):
    npm(pinned=plotly_js.python_version(), installed=None)
    with pytest.raises(plotly_js.PlotlyJsError, match=r"plotly\.js-basic-dist-min is missing; run `npm ci`"):
        plotly_js.check()
    assert plotly_js.basic_bundle({"scatter"}) is None


def test_a_stale_node_modules_names_both_versions_and_says_to_run_npm_ci(npm):
    python_js = plotly_js.python_version()
    npm(pinned=python_js, installed="0.0.1")
    with pytest.raises(plotly_js.PlotlyJsError) as failure:
        plotly_js.check()
    message = str(failure.value)
    assert f"plotly.js {python_js}" in message and "node_modules has 0.0.1" in message
    assert "`npm ci`" in message
    assert plotly_js.basic_bundle({"scatter"}) is None  # a wrong version draws blank charts


def test_a_wrong_pin_names_the_version_to_pin(npm):
    python_js = plotly_js.python_version()
    npm(pinned="0.0.1", installed="0.0.1")
    with pytest.raises(plotly_js.PlotlyJsError, match=rf"package.json pins .* 0\.0\.1.*Pin {python_js}"):
        plotly_js.check()


def test_the_basic_bundle_draws_only_scatter_bar_and_pie(npm):
    folder = npm(pinned=plotly_js.python_version(), installed=plotly_js.python_version())
    assert plotly_js.basic_bundle({"scatter", "bar", "pie"}) == folder / "plotly-basic.min.js"
    assert plotly_js.basic_bundle({"scatter", "heatmap"}) is None
    uri = export.basic_plotly_js([{"data": [{"type": "bar"}, {}]}])
    assert uri == (folder / "plotly-basic.min.js").as_uri()
    assert export.basic_plotly_js([{"data": [{"type": "sankey"}]}]) is None


def test_nothing_else_reads_node_modules():
    for module in (build, export, chart_hook):
        source = inspect.getsource(module)
        assert 'plotly.js-basic-dist-min"' not in source and "get_plotlyjs_version" not in source, module
