"""Build the whole site (both languages, `mkdocs build --strict`) into a folder of one's choosing.

The browser tests (tests/conftest.py) and the benchmarks (benchmarks/site_build.py, page_weight.py)
build it the same way, as a user does: the venv's mkdocs script on mkdocs.yml, which builds Chinese
into the folder and then, through hmw_site/languages.py, English into its en/. The charts go to their own
folder (never build/site-charts, which other builds share), and site_url says where the site will
be served (instant navigation needs the page's origin to match it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from devtools.chromium import CHROMIUM

PROJECT = Path(__file__).resolve().parent.parent
# The venv's mkdocs script, as a user runs it.
MKDOCS = Path(sys.executable).parent / "mkdocs"


class SiteBuildError(RuntimeError):
    """mkdocs build failed or took too long; the message ends with mkdocs' output."""


def build_site(
    site_dir: Path,
    charts_dir: Path,
    site_url: str = "http://127.0.0.1:8000/",
    *,
    image_cache: Path | None = None,
    timeout: float | None = None,
    cold_caches: Path | None = None,
    project: Path = PROJECT,
) -> float:
    """Build both languages strictly into site_dir, the charts into charts_dir; the wall time in
    seconds, of the whole process (Python's start and imports included). image_cache: an image
    cache folder instead of the project's (.cache/images); cold_caches: a folder for every other
    cache a build keeps (compiled templates, HMW_TEMPLATE_CACHE; jieba's dictionary, which it keeps
    in the temporary folder, TMPDIR), as on a machine that never built the site; project: another
    copy of the project to build (tests that break its data). Raises
    SiteBuildError with the end of mkdocs' output when the build fails or exceeds timeout."""
    env = os.environ | {
        "SITE_URL": site_url,
        "HMW_CHARTS_DIR": str(charts_dir),
        "NO_MKDOCS_2_WARNING": "1",
        # The project's own code first: the virtualenv's editable install names the checkout it was
        # made in, so a git worktree or a copy would otherwise build with that checkout's code.
        "PYTHONPATH": os.pathsep.join([str(project), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    if image_cache is not None:
        env["HMW_IMAGE_CACHE"] = str(image_cache)
    if cold_caches is not None:
        (cold_caches / "tmp").mkdir(parents=True, exist_ok=True)
        env |= {"HMW_TEMPLATE_CACHE": str(cold_caches / "templates"), "TMPDIR": str(cold_caches / "tmp")}
    env.setdefault("BROWSER_PATH", CHROMIUM)  # kaleido exports the chart images with it
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise SiteBuildError(f"mkdocs build --strict took over {timeout} s") from exc
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SiteBuildError(f"mkdocs build --strict failed:\n{(done.stdout + done.stderr)[-6000:]}")
    return seconds
