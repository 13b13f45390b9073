"""Under `mkdocs serve`, a save re-renders only the pages it changed, and the site it serves is the
site a full build makes (hmw_site/memo.py).

Run in a child process on a copy of the project, as the server runs: builds into one folder with the
plugin's memo, saves, rebuilds, and then a full `mkdocs build` of the same files into another
folder; every file of the two must be the same bytes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from charts.dataset import load_dataset
from charts.export import CACHE_DIR
from devtools.serve import copy_project
from tests.sample_data import PROJECT

pytestmark = pytest.mark.slow  # three builds of both languages

CHILD = r"""
import logging, shutil, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from hmw_site import plugin

project, out, NOTE = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
said = []
handler = logging.Handler()
handler.emit = lambda record: said.append(record.getMessage())
logging.getLogger("mkdocs.plugins.hmw").addHandler(handler)
logging.getLogger("mkdocs").setLevel(logging.INFO)

def build_into(site, serving):
    plugin.HmwPlugin.serving = serving  # as `mkdocs serve` sets it (on_serve)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve" if serving else "build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()

def append(page, text):
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")

def pages_line(lang):
    return [line for line in said if line.startswith(f"pages ({lang})")][-1]

build_into(out / "served", True)
append("zh/topics/scale.md", "编辑时新加的一段话。")
append("en/glossary.md", "A paragraph added while editing.")
said.clear()
build_into(out / "served", True)
print("plain edit:", pages_line("zh"), "|", pages_line("en"))
append("en/method.md", "See [the Sputnik article](sources/sputnik.md).")  # a page that builds on a source
said.clear()
build_into(out / "served", True)
print("cross-page edit:", pages_line("en"))
module = project / "charts" / "figures" / "openai_finance.py"
narrower = module.read_text(encoding="utf-8").replace("width=0.6,", "width=0.55,", 1)
module.write_text(narrower, encoding="utf-8")
said.clear()
build_into(out / "served", True)  # one chart draws differently: the pages that show it
print("chart edit:", pages_line("zh"))
models = project / "data" / "models.csv"
text = models.read_text(encoding="utf-8")
models.write_text(text.replace(NOTE, NOTE + " (edited)", 1), encoding="utf-8")
said.clear()
build_into(out / "served", True)  # a model's note: the pages that read the models table
print("data edit:", pages_line("zh"), "|", pages_line("en"))
shutil.rmtree(project / "build" / "serve")
build_into(out / "full", False)
"""


def shows_openai_finance(markdown: str) -> bool:
    """The page has the chart's fence, or the gallery of every chart."""
    return bool(re.search(r"```chart\s+openai-finance\s+```|```chart-gallery", markdown))


def a_model_note() -> str:
    """An English model note that appears once in data/models.csv."""
    text = (PROJECT / "data" / "models.csv").read_text(encoding="utf-8")
    data = load_dataset(PROJECT / "data")
    return next(note for row in data.models.values() if (note := row["note_en"]) and text.count(note) == 1)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_rebuild_that_reuses_pages_serves_the_site_a_full_build_makes(tmp_path: Path):
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    env = os.environ | {
        "HMW_IMAGE_CACHE": str(CACHE_DIR),
        "PYTHONPATH": str(project),
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("HMW_CHARTS_DIR", None)
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(project), str(tmp_path), a_model_note()],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    said = dict(line.split(": ", 1) for line in run.stdout.splitlines() if ": " in line)
    pages = len(list((PROJECT / "docs" / "zh").rglob("*.md")))
    assert said["plain edit"] == (
        f"pages (zh): 1 rendered, {pages - 1} unchanged since the last build | "
        f"pages (en): 1 rendered, {pages - 1} unchanged since the last build"
    )
    # A link to a source changes the source's card (the pages that build on it): all rendered again.
    assert said["cross-page edit"] == f"pages (en): {pages} rendered, 0 unchanged since the last build"
    showing = [
        p for p in (PROJECT / "docs" / "zh").rglob("*.md") if shows_openai_finance(p.read_text("utf-8"))
    ]
    assert 0 < len(showing) < pages
    assert said["chart edit"] == (
        f"pages (zh): {len(showing)} rendered, {pages - len(showing)} unchanged since the last build"
    )
    # An English note's edit renders again only the English pages that read that column (the
    # Chinese ones read the Chinese notes), and the served site is still the full build's (below):
    # no page keeps an old number.
    rendered = {
        part.split(")")[0].removeprefix("pages ("): int(re.search(r"(\d+) rendered", part).group(1))
        for part in said["data edit"].split(" | ")
    }
    assert rendered["zh"] == 0 and 0 < rendered["en"] < pages, said["data edit"]
    served, full = files(tmp_path / "served"), files(tmp_path / "full")
    assert served.keys() == full.keys()
    differ = [name for name in served if served[name] != full[name]]
    assert differ == []
