#!/usr/bin/env python3
"""How long `make check` takes (a measurement, not a test): `python -m hmw_site.check` as a whole
process, Python's start and imports included, on the project's data and pages, N times; prints each
run and the median. The floor, 2 s, applies to the median. It reads the articles when they are
beside the checkout (../shared/articles): the quote check is part of the time. Other work on the
machine slows it down: the load average is printed with it. Exits with 1 when the median is over
the floor or a run finds a problem.

    .venv/bin/python benchmarks/check.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
FLOOR_SECONDS = 2.0


def one_run() -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "hmw_site.check"], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    return time.perf_counter() - started, done.returncode, (done.stdout + done.stderr).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs (default: %(default)s)")
    args = parser.parse_args(argv)
    seconds = []
    for run in range(1, args.repeat + 1):
        elapsed, code, output = one_run()
        print(f"run {run}: {elapsed:.2f} s (exit {code})")
        if code != 0:
            print(output)
            return 1
        seconds.append(elapsed)
    median = statistics.median(seconds)
    print(f"make check, median of {len(seconds)}: {median:.2f} s (floor {FLOOR_SECONDS:.0f} s)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if median <= FLOOR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
