"""What the chart outputs depend on, as digests, and the manifest that records them beside the outputs.

The site rebuilds on every `mkdocs serve` save; most saves touch a page, not the charts. The chart
folder holds a manifest (``.hmw-charts.json``) naming what its files were made from:

    inputs    one digest of everything the pipeline reads (data/, the charts package's code,
              strings and templates, narrow.js, the versions of the packages that write or draw,
              the npm plotly.js, the languages, SOURCE_DATE_EPOCH): equal means
              nothing to do, not even loading the dataset.
    reads     per chart and language, the tables its rendering read and a digest of what it was
              rendered from (those tables, the schema, its own module, the shared code and the
              versions): equal means it would render the same, so it is not rendered again.
    charts    per chart and language, a digest of its outputs as rendered in memory (figure JSON,
              standalone page, CSV, meta, README, the image cache keys) plus the code that writes
              them: equal means its files on disk are already these.
    slides    per chart and language, a digest of what its slide shows (the light PNG, the meta).
    decks     per language, a digest of the deck's inputs (every chart's slide digest in that
              language, the sources and references, the code).

A digest is of file contents, never of modification times: a `git checkout` or a copied project
gives the same answer. When in doubt the answer is "changed": a missing or unreadable manifest, an
unknown version, a chart without its files all mean rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from charts import plotly_js
from charts.files import atomic_write

PROJECT = Path(__file__).resolve().parent.parent
CHARTS_DIR = Path(__file__).resolve().parent
MANIFEST = ".hmw-charts.json"
# Bump when the manifest's meaning changes: every output is then rebuilt once.
FORMAT = 4
# Python packages whose version changes the bytes of an output (figure JSON, images, zips, decks, quotes).
DISTRIBUTIONS = ("plotly", "kaleido", "python-pptx", "pillow", "jinja2", "pyyaml", "opencc")
# Files outside charts/ that the pipeline reads: the phone-layout script inlined into standalone pages,
# and the project's citation, which every bundle's README quotes.
EXTRA_CODE = ("overrides/assets/javascripts/narrow.js", "CITATION.cff")
# The modules that write outputs from what is rendered in memory: a change to one of them can change a
# file whose in-memory content did not change, so it changes every chart's digest.
WRITER_CODE = ("build.py", "bundle.py", "export.py", "files.py", "serialize.py", "digest.py")


def _skipped(path: Path) -> bool:
    return "__pycache__" in path.parts or path.suffix == ".pyc" or path.name.startswith(".")


def files_digest(paths: Iterable[Path], root: Path) -> str:
    """sha256 of every file under paths (folders recursively, caches and hidden files left out),
    each named by its path relative to root, in sorted order; a missing path counts as such."""
    digest = hashlib.sha256()
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in path.rglob("*") if p.is_file() and not _skipped(p.relative_to(path))]
        elif path.is_file():
            found.append(path)
        else:
            digest.update(f"missing {path.relative_to(root).as_posix()}\n".encode())
    for path in sorted(set(found)):
        content = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()} {len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


def text_digest(*parts: Any) -> str:
    """sha256 of JSON-able parts (bytes as their own sha256), in order."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            part = hashlib.sha256(part).hexdigest()
        text = json.dumps(part, sort_keys=True, ensure_ascii=False, default=str)
        digest.update(f"{len(text)}:{text}".encode())
    return digest.hexdigest()


def package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def environment() -> dict[str, Any]:
    """What outside the project changes the outputs: package versions, plotly.js, the decks' date.
    (Not the browser: the image cache, charts/export.py, does not depend on it either.)"""
    return {
        "python": sys.version.split()[0],
        "packages": {name: package_version(name) for name in DISTRIBUTIONS},
        "plotly.js": plotly_js.versions(),
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"),
    }


def code_digest(project: Path = PROJECT) -> str:
    """Every file of the charts package (code, strings, templates) and the files it reads elsewhere."""
    charts_dir = project / CHARTS_DIR.name
    return files_digest([charts_dir, *(project / name for name in EXTRA_CODE)], project)


def shared_code_digest(own_modules: Iterable[str], project: Path = PROJECT) -> str:
    """The charts package's code but the charts' own modules (charts/figures/<name>.py for each
    name in own_modules), with the files it reads elsewhere: what every chart and deck is made with."""
    charts_dir = project / CHARTS_DIR.name
    left_out = {charts_dir / "figures" / f"{name}.py" for name in own_modules}
    # Compiled bytecode left out: Python writes it as modules are first imported, so it would
    # change the digest (and render every chart again) with no code changed.
    paths = [
        p
        for p in charts_dir.rglob("*")
        if p.is_file() and p not in left_out and not _skipped(p.relative_to(charts_dir))
    ]
    return files_digest([*paths, *(project / name for name in EXTRA_CODE)], project)


def data_digests(data_dir: Path, tables: Iterable[str]) -> dict[str, str]:
    """Each table's CSV file, and the schema (every table's types, so read by every chart), by name."""
    files = {name: data_dir / f"{name}.csv" for name in tables} | {"schema": data_dir / "schema.yaml"}
    return {name: files_digest([path], data_dir) for name, path in files.items()}


def rendered_from(
    key: str,
    module: str,
    shared_code: str,
    schema: str,
    data_read: str,
    project: Path = PROJECT,
) -> str:
    """What one chart in one language ("lang/chart id") was rendered from: its own module
    (charts/figures/<module>.py), the shared code, the versions, the schema and what it read of the
    dataset (data_read: charts/dataset.py reads_digest, the rows and columns it read)."""
    own = files_digest([project / CHARTS_DIR.name / "figures" / f"{module}.py"], project)
    return text_digest(FORMAT, key, shared_code, own, environment(), schema, data_read)


def writer_digest(project: Path = PROJECT) -> str:
    """The modules that turn rendered charts into files (WRITER_CODE)."""
    return files_digest([project / CHARTS_DIR.name / name for name in WRITER_CODE], project)


def inputs_digest(data_dir: Path, langs: Sequence[str], project: Path = PROJECT) -> str:
    """One digest of everything the chart pipeline reads, for these languages."""
    return text_digest(
        FORMAT,
        files_digest([data_dir], data_dir),
        code_digest(project),
        environment(),
        list(langs),
    )


def deck_digest(slide_digests: Mapping[str, str], lang: str, data_dir: Path, shared_code: str) -> str:
    """A language's deck: what its charts' slides show (charts/update.py's slide digests: the light
    PNG and the meta, so the charts' own modules need not be named), the sources and references it
    lists, and the shared code (its words, layout and crop)."""
    own = {key: value for key, value in slide_digests.items() if key.startswith(f"{lang}/")}
    tables = files_digest(
        [data_dir / name for name in ("sources.csv", "references.csv", "schema.yaml")], data_dir
    )
    return text_digest(FORMAT, lang, own, tables, shared_code, environment())


# --- the manifest ----------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest in folder; {} when there is none or it cannot be read (so: rebuild)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) and manifest.get("format") == FORMAT else {}


def write_manifest(folder: Path, manifest: Mapping[str, Any]) -> None:
    atomic_write(
        folder / MANIFEST, json.dumps({**manifest, "format": FORMAT}, sort_keys=True, indent=1) + "\n"
    )


def forget_manifest(folder: Path) -> None:
    """Remove the manifest before any output changes: a build that stops half-way leaves none, so
    the next build trusts nothing it finds."""
    (folder / MANIFEST).unlink(missing_ok=True)
