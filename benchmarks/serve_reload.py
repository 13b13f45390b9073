#!/usr/bin/env python3
"""How long `mkdocs serve` takes from a save to the browser's reload (a measurement, not a test).

Starts `mkdocs serve` on a copy of the project (devtools/serve.py; the working tree is never
touched), waits for its first build, then makes and undoes, one after the other:

    zh page     a line appended to docs/zh/glossary.md        floor 2 s, no chart rebuilt, no English build
    en page     a line appended to docs/en/glossary.md        floor 2 s, no chart rebuilt, no Chinese build
    data        a model's English note edited (data/models.csv) floor 6 s, only the charts showing it
    chart code  a comment appended to a chart module (charts/figures/openai_finance.py)   floor 6 s
    chart look  that chart's bars made narrower: its files, images and every deck change  floor 6 s

For each it prints the seconds from the save to mkdocs' "Reloading browsers", which charts were
rebuilt and which languages' sites were built (a site is copied from its last build when nothing it
depends on changed; the Traditional one is generated from the Simplified pages, so a zh page's save
builds both). The save-to-reload time includes MkDocs' own file polling (every 0.5 s).
The exit status is 1 when an edit is over its floor. Other work on the machine slows it down: the
load average is printed with it.

    .venv/bin/python benchmarks/serve_reload.py [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # devtools/, charts/
from devtools.serve import RELOAD, Server, copy_project, serving
from hmw_site.languages import DEFAULT, LANGUAGES

QUIET = 1.0  # s to let the server settle between edits
REBUILT = re.compile(r"charts: \d+ charts \(zh\) ready in [\d.]+ s: (.*)")


@dataclass
class Edit:
    name: str
    path: str
    change: Callable[[str], str]
    floor: float


def append_line(text: str) -> str:
    return text.rstrip("\n") + "\n\nEdited while serving.\n"


def edit_a_note(text: str) -> str:
    """The first model with an English note gets a word more in it (a valid change)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    note = next(
        row["note_en"]
        for row in rows
        if row.get("note_en") and '"' not in row["note_en"] and text.count(row["note_en"]) == 1
    )
    return text.replace(note, note.rstrip(".") + " (edited).")


def append_comment(text: str) -> str:
    return text + "\n# edited while serving\n"


def narrower_bars(text: str) -> str:
    """The chart's bars a little narrower: a code edit that changes what the chart draws."""
    if "width=0.6," not in text:
        raise SystemExit(
            "benchmarks/serve_reload.py: openai_finance.py no longer sets width=0.6; update the edit"
        )
    return text.replace("width=0.6,", "width=0.55,", 1)


EDITS = [
    Edit("zh page", "docs/zh/glossary.md", append_line, 2.0),
    Edit("en page", "docs/en/glossary.md", append_line, 2.0),
    Edit("data", "data/models.csv", edit_a_note, 6.0),
    Edit("chart code", "charts/figures/openai_finance.py", append_comment, 6.0),
    Edit("chart look", "charts/figures/openai_finance.py", narrower_bars, 6.0),
]


def save_and_wait(server: Server, path: Path, content: str) -> tuple[float, list[str]]:
    """Write content to path; the seconds until the reload and the lines printed meanwhile."""
    time.sleep(QUIET)
    saved = time.monotonic()
    path.write_text(content, encoding="utf-8")
    reloaded, _ = server.wait_for(RELOAD, 300, since=saved)
    return reloaded - saved, server.between(saved, reloaded)


def what_was_built(lines: list[str]) -> tuple[str, str]:
    """The charts rebuilt, and each language's site: built, or copied from its last build
    (hmw_site/languages.py logs which; the default language's build logs only a copy)."""
    charts = next((m[1] for line in lines if (m := REBUILT.search(line))), "?")
    sites = []
    for code, info in LANGUAGES.items():
        if any(f"The {info['name']} site is unchanged" in line for line in lines):
            sites.append(f"{code} copied")
        elif code == DEFAULT or any(f"Building the {info['name']} site" in line for line in lines):
            sites.append(f"{code} built")
        else:
            sites.append(f"{code} ?")
    return charts, ", ".join(sites)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="times each edit is made (the median is compared)"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results: dict[str, list[float]] = {edit.name: [] for edit in EDITS}
    details: dict[str, tuple[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="hmw-serve-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        copy_project(project)
        started = time.monotonic()
        with serving(project) as (server, _):
            print(f"first build (every language): {time.monotonic() - started:.1f} s", flush=True)
            for _ in range(max(1, args.repeat)):
                for edit in EDITS:
                    path = project / edit.path
                    original = path.read_text(encoding="utf-8")
                    seconds, lines = save_and_wait(server, path, edit.change(original))
                    results[edit.name].append(seconds)
                    details[edit.name] = what_was_built(lines)
                    save_and_wait(server, path, original)  # undone, and rebuilt, before the next edit
    print(
        f"mkdocs serve, save to reload, on {os.cpu_count()} CPU(s); load average before / after: "
        f"{load_before:.1f} / {os.getloadavg()[0]:.1f}"
    )
    print(f"{'edit':<11} {'median s':>8} {'floor':>6}  {'runs':<18} charts; languages")
    over = False
    for edit in EDITS:
        median = statistics.median(results[edit.name])
        over |= median > edit.floor
        runs = " ".join(f"{s:.2f}" for s in results[edit.name])
        charts, langs = details[edit.name]
        flag = "" if median <= edit.floor else "  OVER THE FLOOR"
        print(f"{edit.name:<11} {median:>8.2f} {edit.floor:>6.1f}  {runs:<18} {charts}; {langs}{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
