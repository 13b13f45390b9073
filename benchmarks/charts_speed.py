#!/usr/bin/env python3
"""How long the chart build takes on this machine (a measurement, not a test).

(a) JSON + HTML + CSV of every chart in every language — target under 3 s;
(b) every PNG and SVG, cold (no image cache) — target under 30 s, one browser session.
Each runs into a temporary folder; the project's build/ and .cache/ are not touched. The exit
status does not depend on the timings: a slow machine is information, not a failure.

    .venv/bin/python benchmarks/charts_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from charts.build import CHART_IDS, write_outputs  # noqa: E402
from charts.dataset import load_dataset  # noqa: E402

TARGETS = {"json+html+csv": 3.0, "png+svg (cold)": 30.0}


def measure(data, formats: list[str], repeat: int) -> tuple[float, int]:
    """Best wall time over `repeat` runs (each cold: fresh output folder, no image cache)."""
    best, files = float("inf"), 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            report = write_outputs(
                data, Path(tmp) / "charts", formats=formats, progress=False, cache_dir=None
            )
            best = min(best, time.perf_counter() - started)
            files = len(report.written)
            if report.images and report.images.skipped:
                print("\n".join(report.images.messages), file=sys.stderr)
    return best, files


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is shown")
    args = parser.parse_args()
    data = load_dataset(PROJECT / "data")
    load_before = os.getloadavg()[0]
    rows = []
    for (label, target), formats in zip(
        TARGETS.items(), (["json", "html", "csv"], ["png", "svg"]), strict=True
    ):
        seconds, files = measure(data, formats, args.repeat)
        rows.append((label, files, seconds, target))
    print(f"charts: {len(CHART_IDS)} × 2 languages × 2 schemes on {os.cpu_count()} CPU(s)")
    # Other work on the machine (a browser test suite, a site build) slows both measurements down.
    print(f"load average before / after: {load_before:.1f} / {os.getloadavg()[0]:.1f}")
    print(f"{'outputs':<16} {'files':>5} {'seconds':>8} {'target':>7}  verdict")
    for label, files, seconds, target in rows:
        verdict = "ok" if seconds < target else "SLOWER THAN TARGET"
        print(f"{label:<16} {files:>5} {seconds:>8.2f} {target:>7.0f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
