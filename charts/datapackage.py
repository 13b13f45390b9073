"""data/datapackage.json: the dataset as a Frictionless Data Package, derived from data/schema.yaml.

schema.yaml stays the one description an editor writes (two languages, the loader's own types);
this module translates it into the standard a reuser's tools read (Table Schema types, constraints,
enums, primary and foreign keys), so the two cannot disagree. The package is committed beside the
data so that `frictionless validate data/datapackage.json` works on a plain checkout; `make
datapackage` writes it again, and `make check` (and a test) say when it is out of date.

Our types in Table Schema terms:
- id, ref: a string matching the id pattern; a single ref is a foreign key to the table's id. A
  list of refs (`multiple`) is a ;-separated string: Table Schema's foreign keys take one value per
  cell, so the list is checked by its pattern here and by our loader for its targets.
- date: a string of the form YYYY, YYYY-MM or YYYY-MM-DD, since the form is the precision (a
  Table Schema date must have a day, which would invent one).
- number and integer: at least 0. enum: its values; a ;-separated list of them by a pattern.
- url: a string in the uri format. text: a string, its max_length kept.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from charts import citation, digest
from charts.dataset import ID_PATTERN, load_dataset, load_schema
from charts.files import atomic_write

PROJECT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT / "data"
PACKAGE_FILE = "datapackage.json"
ZIP_FILE = "hundred-model-war-data.zip"  # the package, its tables and CITATION.cff, for the data page
ZIP_FOLDER = "hundred-model-war-data"  # the folder the zip unpacks into
GENERATED_FILES = (ZIP_FILE, PACKAGE_FILE)  # what the site serves under data/ from a build, not a file

NAME = "hundred-model-war"
DESCRIPTION = (
    "The models, events and figures that five Chinese articles of 2023–2024 report about China's "
    "large-language-model race, each row with its source article and a short verbatim quote. Separate "
    "tables (external_*) add models, events and API prices from the same years, taken from public "
    "references beyond the articles. Text fields come in Chinese (_zh) and English (_en)."
)
LICENCE_PATHS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}  # CITATION.cff's licence
KEYWORDS = ["large language models", "China", "百模大战", "AI industry", "2023", "2024"]

ID = ID_PATTERN.pattern.removeprefix("^").removesuffix("$")
DATE = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
LIST_SEPARATOR = r"\s*;\s*"


def _list_of(item: str) -> str:
    """A pattern for a ;-separated list of items (spaces around a ; allowed, as the loader allows)."""
    return f"({item})({LIST_SEPARATOR}({item}))*"


def field(name: str, spec: Mapping[str, Any]) -> dict[str, Any]:
    """One column of schema.yaml as a Table Schema field."""
    kind = spec["type"]
    constraints: dict[str, Any] = {}
    if spec.get("required"):
        constraints["required"] = True
    out: dict[str, Any] = {"name": name, "type": "string"}
    if kind in ("number", "integer"):
        out["type"] = kind
        constraints["minimum"] = 0
    elif kind == "url":
        out["format"] = "uri"
    elif kind == "date":
        constraints["pattern"] = DATE
    elif kind in ("id", "ref"):
        constraints["pattern"] = _list_of(ID) if spec.get("multiple") else ID
    elif kind == "enum":
        values = [str(value) for value in spec["values"]]
        if spec.get("multiple"):
            constraints["pattern"] = _list_of("|".join(re.escape(value) for value in values))
        else:
            constraints["enum"] = values
    if spec.get("max_length"):
        constraints["maxLength"] = spec["max_length"]
    out["title"] = spec["title"]["en"]
    out["description"] = _description(spec)
    if constraints:
        out["constraints"] = constraints
    # Not Table Schema, allowed beside it: the Chinese title, as the site shows it.
    out["title_zh"] = spec["title"]["zh"]
    return out


def _description(spec: Mapping[str, Any]) -> str:
    text = str(spec.get("description", "")).strip()
    if spec.get("unit"):
        text += f" Unit: {spec['unit']}."
    if spec.get("type") == "date":
        text += " Written YYYY, YYYY-MM or YYYY-MM-DD: the form is the precision."
    if spec.get("multiple"):
        text += " A ;-separated list."
    return text


def resource(name: str, spec: Mapping[str, Any]) -> dict[str, Any]:
    """One table of schema.yaml as a tabular data resource."""
    columns: Mapping[str, Any] = spec["columns"]
    foreign_keys = [
        {"fields": column, "reference": {"resource": col["table"], "fields": "id"}}
        for column, col in columns.items()
        if col["type"] == "ref" and not col.get("multiple")
    ]
    schema: dict[str, Any] = {
        "fields": [field(column, col) for column, col in columns.items()],
        "primaryKey": [spec["key"]],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": name,
        "path": spec["file"],
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": spec["title"]["en"],
        "title_zh": spec["title"]["zh"],
        "description": str(spec.get("description", "")).strip(),
        "schema": schema,
    }


def package(schema: Mapping[str, Any], sources: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The whole package: every table of schema.yaml, the five articles as sources, and the title,
    version, authors and licence of CITATION.cff (the one place the project's citation is kept).
    sources: the rows of sources.csv."""
    cff = citation.project_metadata()
    licence = cff["license"]
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": cff["title"],
        "version": cff["version"],
        "description": DESCRIPTION,
        "keywords": KEYWORDS,
        "contributors": [{"title": author["name"], "role": "author"} for author in cff["authors"]],
        "licenses": [
            {"name": licence, "path": LICENCE_PATHS[licence], "title": citation.licence_name(licence)}
        ],
        "sources": [  # cited as the site cites them: our label for an untitled article is not a title
            {
                "title": f"{citation.full(row, 'zh')} — {citation.full(row, 'en')}",
                **({"path": row["url"]} if row["url"] else {}),
            }
            for row in sources
        ],
        "resources": [resource(name, spec) for name, spec in schema.items()],
    }


def package_json(data_dir: Path = DATA_DIR) -> str:
    """datapackage.json's text as derived from data_dir's schema.yaml and sources.csv."""
    sources = load_dataset(data_dir).sources.values()
    descriptor = package(load_schema(data_dir), list(sources))
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def package_zip(data_dir: Path = DATA_DIR, citation_file: Path = citation.CITATION_FILE) -> bytes:
    """The package as one download: datapackage.json as derived now, every table it describes and
    the citation file, in one folder; the same files always give the same bytes."""
    from charts.bundle import deterministic_zip

    entries = [(PACKAGE_FILE, package_json(data_dir).encode("utf-8"))]
    entries += [
        (spec["file"], (data_dir / spec["file"]).read_bytes()) for spec in load_schema(data_dir).values()
    ]
    if citation_file.is_file():
        entries.append((citation_file.name, citation_file.read_bytes()))
    return deterministic_zip((f"{ZIP_FOLDER}/{name}", content) for name, content in entries)


_MADE: dict[str, dict[str, bytes]] = {}  # the last build's files, by a digest of their inputs


def site_files(data_dir: Path = DATA_DIR) -> dict[str, bytes]:
    """What the site serves under data/ from the package (GENERATED_FILES: the zip, datapackage.json),
    made once for each content of their inputs: a build asks for them twice per language (the files,
    the sizes on the downloads table), and `mkdocs serve` on every save."""
    tables = digest.files_digest([data_dir / "schema.yaml", *sorted(data_dir.glob("*.csv"))], data_dir)
    key = digest.text_digest(tables, citation.CITATION_FILE.read_bytes())
    if key not in _MADE:
        _MADE.clear()
        _MADE[key] = {ZIP_FILE: package_zip(data_dir), PACKAGE_FILE: package_json(data_dir).encode("utf-8")}
    return _MADE[key]


def is_current(data_dir: Path = DATA_DIR) -> bool:
    """Whether data_dir's datapackage.json is what schema.yaml and sources.csv give now."""
    path = data_dir / PACKAGE_FILE
    return path.is_file() and path.read_text(encoding="utf-8") == package_json(data_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when out of date")
    args = parser.parse_args(argv)
    path = args.data / PACKAGE_FILE
    if args.check:
        if is_current(args.data):
            return 0
        print(
            f"{path}: out of date with schema.yaml and sources.csv; run `make datapackage`", file=sys.stderr
        )
        return 1
    atomic_write(path, package_json(args.data))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
