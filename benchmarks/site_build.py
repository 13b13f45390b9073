#!/usr/bin/env python3
"""How long the whole site takes to build, both languages (a measurement, not a test).

Runs `mkdocs build --strict` of mkdocs.yml (Chinese into the site folder, then English into
<site>/en through hmw_site/languages.py) into a temporary folder, with the charts written into a fresh
temporary folder too (as on a clean checkout; the PNG/SVG image cache in .cache/images is used
when present, as it is on any machine that built the charts once; `--cold` gives each run an
empty image cache instead, as on the very first build). The floor is 15 s; the exit status is 1 when
the best run is over it, so `make benchmark` shows it.

    .venv/bin/python benchmarks/site_build.py [--repeat N] [--cold]

The project's own site/ and build/ folders are not touched. Other work on the machine (a test
suite, another build) slows the measurement down: the load average is printed with it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # devtools/, charts/
from devtools.site_build import PROJECT, build_site

FLOOR_SECONDS = 15.0


def count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("index.html"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs; the best is compared with the floor")
    parser.add_argument(
        "--cold", action="store_true", help="an empty image cache for every run (a first build)"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    times = []
    pages = 0
    for _ in range(max(1, args.repeat)):
        with tempfile.TemporaryDirectory(prefix="hmw-site-build-") as tmp:
            site_dir = Path(tmp) / "site"
            cache = Path(tmp) / "image-cache" if args.cold else None
            times.append(build_site(site_dir, Path(tmp) / "charts", image_cache=cache))
            pages = count_pages(site_dir)
    best = min(times)
    images = PROJECT / ".cache" / "images"
    warm = images.is_dir() and any(images.iterdir()) and not args.cold
    cache = "warm" if warm else "cold (every PNG/SVG exported)"
    print(f"site build: both languages, {pages} pages, mkdocs build --strict, on {os.cpu_count()} CPU(s)")
    print(f"image cache: {cache}; load average before / after: {load_before:.1f} / {os.getloadavg()[0]:.1f}")
    print(f"{'run':<6} {'seconds':>8}")
    for number, seconds in enumerate(times, 1):
        print(f"{number:<6} {seconds:>8.2f}")
    verdict = "ok" if best < FLOOR_SECONDS else "OVER THE FLOOR"
    print(f"best {best:.2f} s, floor {FLOOR_SECONDS:.0f} s: {verdict}")
    return 0 if best < FLOOR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
