"""plotly.js: which copy draws our figures, and the check that it is the right version.

The Python plotly package writes the figure JSON for one plotly.js version, and plotly 7 writes
arrays as base64, which an older plotly.js draws as blank charts. The site, the standalone pages
and the image export therefore use the npm package ``plotly.js-basic-dist-min`` (pinned in
package.json, installed by ``npm ci``) only in that version. Its "basic" partial bundle draws
scatter, bar and pie traces at a quarter of the full bundle's size (1.2 MB vs 4.8 MB) and parses
four times faster; a figure with another trace type needs the full bundle inside the plotly package.

    versions() -> (python, pinned, installed)   the three versions that must agree
    check() -> str                               the version to serve, or PlotlyJsError saying the fix
    basic_bundle(trace_types) -> Path | None     the basic bundle's file, when it may draw these traces
    script(trace_types) -> str                   plotly.js code to inline in a page drawing them
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = "plotly.js-basic-dist-min"
PACKAGE_DIR = PROJECT / "node_modules" / PACKAGE
BUNDLE = PACKAGE_DIR / "plotly-basic.min.js"
PACKAGE_JSON = PROJECT / "package.json"
BASIC_TRACES = frozenset({"scatter", "bar", "pie"})


class PlotlyJsError(RuntimeError):
    """npm's plotly.js is missing or is not the version the Python plotly package writes for."""


def python_version() -> str:
    """The plotly.js version the Python plotly package writes figures for (and bundles)."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def installed_version() -> str | None:
    """The version of the basic bundle in node_modules; None when it is missing or unreadable."""
    try:
        return json.loads((PACKAGE_DIR / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def pinned_version() -> str | None:
    """The version package.json pins for the basic bundle; None when it pins none."""
    return json.loads(PACKAGE_JSON.read_text(encoding="utf-8")).get("dependencies", {}).get(PACKAGE)


def versions() -> tuple[str, str | None, str | None]:
    """(plotly.js inside the Python plotly package, version pinned in package.json, version installed
    in node_modules); None where missing."""
    return python_version(), pinned_version(), installed_version()


def check() -> str:
    """The plotly.js version to serve; PlotlyJsError, naming the versions and the command that fixes
    it, when npm's copy is missing or differs from the one the Python plotly package writes for."""
    python_js, pinned, installed = versions()
    if installed is None:
        raise PlotlyJsError(f"{PACKAGE_DIR} is missing; run `npm ci` in {PROJECT}")
    if not python_js == pinned == installed:
        differ = (
            f"plotly.js versions differ: the Python plotly package writes figures for plotly.js "
            f"{python_js}, package.json pins {PACKAGE} {pinned}, node_modules has {installed}."
        )
        if pinned == python_js:
            raise PlotlyJsError(f"{differ} Run `npm ci` in {PROJECT} to install the pinned version.")
        raise PlotlyJsError(f"{differ} Pin {python_js} in package.json and run `npm install`.")
    return installed


def basic_bundle(trace_types: Iterable[str] = ()) -> Path | None:
    """The basic bundle's file when it draws every one of these trace types and is installed in the
    Python plotly package's version, else None (use the plotly package's full bundle)."""
    if not set(trace_types) <= BASIC_TRACES:
        return None
    return BUNDLE if installed_version() == python_version() and BUNDLE.is_file() else None


@cache
def _read(path: Path | None) -> str:
    if path is None:
        from plotly.offline import get_plotlyjs

        return get_plotlyjs()
    return path.read_text(encoding="utf-8")


def script(trace_types: Iterable[str] = ()) -> str:
    """plotly.js to inline in a page drawing these trace types: the basic bundle when it may draw
    them (basic_bundle), else the full bundle inside the plotly package. Read once per process."""
    return _read(basic_bundle(trace_types))
