"""CITATION.cff: valid by cffconvert, and the one citation of the project that the site's "how to cite"
blocks, the chart bundles' READMEs and the data package all show."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest

from charts import citation, datapackage
from charts.build import CHART_IDS, file_names
from charts.bundle import readme
from charts.dataset import load_dataset
from charts.i18n import LANGS
from charts.registry import render
from charts.serialize import meta
from hmw_site.context import Context
from hmw_site.fences.sources import render_citations
from tests.sample_data import PROJECT

# make setup installs cffconvert in an environment of its own (devtools/requirements-tools.txt).
CFFCONVERT = PROJECT / ".venv-tools" / "bin" / "cffconvert"


def cffconvert(*args: str) -> subprocess.CompletedProcess[str]:
    if not CFFCONVERT.exists():
        pytest.fail(f"{CFFCONVERT} is missing: run `make setup`")
    return subprocess.run([str(CFFCONVERT), *args], capture_output=True, text=True, timeout=60)


def test_cffconvert_validates_the_citation_file():
    done = cffconvert("--validate", "-i", str(citation.CITATION_FILE))
    assert done.returncode == 0, done.stdout + done.stderr


def test_cffconvert_rejects_a_citation_file_without_authors(tmp_path: Path):
    broken = tmp_path / "CITATION.cff"
    text = citation.CITATION_FILE.read_text(encoding="utf-8")
    broken.write_text(text.replace("authors:", "people:"), encoding="utf-8")
    assert cffconvert("--validate", "-i", str(broken)).returncode != 0


def test_the_citation_file_gives_the_projects_version():
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    assert citation.project_metadata()["version"] == pyproject["project"]["version"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "百模大战项目组《百模大战 · The Hundred-Model War》（数据集，版本 0.1.0，CC BY 4.0 许可）"),
        (
            "en",
            "The Hundred-Model War project, 百模大战 · The Hundred-Model War, "
            "version 0.1.0 (dataset, CC BY 4.0)",
        ),
    ],
)
def test_the_project_is_cited_from_the_citation_file(lang: str, expected: str):
    assert citation.project(lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_the_site_and_every_bundle_readme_cite_the_project_the_same_way(lang: str):
    data = load_dataset(PROJECT / "data")
    block = render_citations(
        "", Context(data=data, lang=lang, page="method.md", url_for=lambda target, anchor: target)
    )
    assert citation.project(lang) in block
    for chart_id in CHART_IDS:
        chart = render(data, chart_id, lang, "light")
        cite = readme(meta(chart, data, file_names(chart_id, lang)), data).split("\n> ", 1)[1]
        assert citation.project(lang) in cite.split("\n", 1)[0], chart_id


def test_the_data_package_carries_the_same_title_version_and_licence():
    package = json.loads((PROJECT / "data" / datapackage.PACKAGE_FILE).read_text(encoding="utf-8"))
    cff = citation.project_metadata()
    assert (package["title"], package["version"]) == (cff["title"], cff["version"])
    assert package["licenses"][0]["name"] == cff["license"]
