#!/usr/bin/env python3
"""Lighthouse's mobile scores for the site's key pages, every language (a measurement, not a test).

Builds the whole site (every language, `mkdocs build --strict`) into a temporary folder with its
site_url set to a local server that gzips text as GitHub Pages does (devtools/gzip_server.py), so
instant navigation works as it does online, then runs Lighthouse (the npm package, pinned in
package.json) on each page with its defaults: the mobile form factor and simulated throttling
(a mid-range phone on a slow 4G connection, CPU slowed four times), categories performance and
accessibility, in headless Debian's Chromium (devtools/chromium.py) or the browser that $CHROME_PATH
or $HMW_CHROMIUM names (Google Chrome on macOS or Windows). Pages run one after another: two at
once on two cores distort the throttled timings.

Floors, on every page: performance ≥ 95, total blocking time ≤ 200 ms, cumulative layout shift
≤ 0.02, accessibility 100. Prints a table, the failing accessibility audits of any page under 100,
and where the main thread of the worst page spends its time; exits with 1 when a page misses a floor.

    .venv/bin/python benchmarks/lighthouse.py [--site DIR] [--pages / /en/atlas/ ...] [--runs N]

--site measures an already built site (its instant navigation then falls back to full page loads
if it was built for another site_url; Lighthouse measures a first load, which differs little).
--runs N (3 unless told) runs every page N times and keeps, per page, the run with the median
performance score (Lighthouse's own advice for noisy scores: three runs in a row of one summary
page measured a blocking time of 205, 193 and 16 ms, so one run's verdict is a coin toss).
--out DIR keeps the JSON reports. Beside our pages it
measures a plain Material for MkDocs page (the theme's defaults, the text of one of our summaries:
build_reference), held to no floor: how much Material alone costs on this machine today, which the
CPU index and the load move as much as they move our pages.

Lighthouse 13 declares Node ≥ 22.19 but runs correctly on Node 20.20 (npm only warns, EBADENGINE);
it is pinned as 13.5.0. Other work on the machine (a test suite, a build) inflates the blocking
time: the load average is printed with the results, as is Lighthouse's own CPU benchmark index.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # devtools/, charts/
from devtools.chromium import CHROMIUM
from devtools.gzip_server import serve_gzipped
from devtools.site_build import MKDOCS, PROJECT, build_site

LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
# Home, the two data pages, a topic page with charts, an article summary, the glossary; each in every
# language (paths as in mkdocs.yml's nav, English under /en/, Traditional Chinese under /zh-hant/).
PAGES = [
    f"{prefix}{page}"
    for page in ("", "atlas/", "timeline/", "topics/scale/", "sources/shendu/", "glossary/")
    for prefix in ("/", "/en/", "/zh-hant/")
]
CHROME_FLAGS = "--headless=new --no-sandbox"
PERFORMANCE_FLOOR = 95
TBT_FLOOR_MS = 200.0
CLS_FLOOR = 0.02
ACCESSIBILITY_FLOOR = 100
# One-minute load average above which blocking times are not comparable; during the runs Lighthouse
# and its Chromium add about one of their own.
BUSY_LOAD = 1.5
# The plain Material page measured beside ours (build_reference); not held to the floors.
REFERENCE = "plain Material"
REFERENCE_TEXT = PROJECT / "docs" / "en" / "sources" / "shendu.md"
RUN_TIMEOUT_S = 240
TOP_ITEMS = 6


@dataclass(frozen=True)
class PageResult:
    """What one Lighthouse run says about one page; scores 0–100, None when not computed."""

    path: str
    performance: int | None
    accessibility: int | None
    tbt_ms: float
    cls: float
    lcp_ms: float
    weight_bytes: float
    benchmark_index: float
    error: str | None
    report: dict

    def misses(self) -> list[str]:
        """The floors this page misses, in words ('TBT 2672 ms > 200'); empty when it meets all."""
        if self.error:
            return [f"Lighthouse error: {self.error}"]
        missed = []
        if self.performance is None or self.performance < PERFORMANCE_FLOOR:
            missed.append(f"performance {self.performance} < {PERFORMANCE_FLOOR}")
        if self.tbt_ms > TBT_FLOOR_MS:
            missed.append(f"TBT {self.tbt_ms:.0f} ms > {TBT_FLOOR_MS:.0f}")
        if self.cls > CLS_FLOOR:
            missed.append(f"CLS {self.cls:.3f} > {CLS_FLOOR}")
        if self.accessibility is None or self.accessibility < ACCESSIBILITY_FLOOR:
            missed.append(f"accessibility {self.accessibility} < {ACCESSIBILITY_FLOOR}")
        return missed


def score(report: dict, category: str) -> int | None:
    """A category's score as Lighthouse shows it (0–100), None when it could not be computed."""
    value = report["categories"][category]["score"]
    return None if value is None else round(value * 100)


def numeric(report: dict, audit: str) -> float:
    return float(report["audits"][audit].get("numericValue") or 0.0)


def page_result(path: str, report: dict) -> PageResult:
    """The numbers of one report the table and the floors need."""
    error = report.get("runtimeError")
    return PageResult(
        path=path,
        performance=score(report, "performance"),
        accessibility=score(report, "accessibility"),
        tbt_ms=numeric(report, "total-blocking-time"),
        cls=numeric(report, "cumulative-layout-shift"),
        lcp_ms=numeric(report, "largest-contentful-paint"),
        weight_bytes=numeric(report, "total-byte-weight"),
        benchmark_index=float(report.get("environment", {}).get("benchmarkIndex") or 0.0),
        error=f"{error['code']}: {error.get('message', '')}" if error else None,
        report=report,
    )


def run_lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run with its defaults (mobile, simulated throttling); the parsed JSON report.
    Raises RuntimeError with Lighthouse's output when it writes no report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        f"--chrome-flags={CHROME_FLAGS}",
        "--disable-full-page-screenshot",  # megabytes of JSON that no score depends on
        "--quiet",
    ]
    env = {"CHROME_PATH": CHROMIUM} | os.environ  # a CHROME_PATH of the user's own wins
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if not out.is_file():
        raise RuntimeError(f"Lighthouse wrote no report for {url}:\n{(done.stdout + done.stderr)[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def median_run(runs: list[PageResult]) -> PageResult:
    """The run with the median performance score (the lower middle for an even count; a tie goes to
    the longer blocking time), so every number shown comes from one and the same load."""
    ordered = sorted(runs, key=lambda r: (r.performance or 0, -r.tbt_ms))
    return ordered[(len(ordered) - 1) // 2]


def failing_accessibility_audits(report: dict) -> list[str]:
    """Each accessibility audit that counts towards the score and fails: id, title, elements."""
    lines = []
    for ref in report["categories"]["accessibility"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] == 0 or audit.get("score") is None or audit["score"] >= 1:
            continue
        items = (audit.get("details") or {}).get("items") or []
        selectors = [item.get("node", {}).get("selector", "?") for item in items[:3]]
        more = f" … {len(items) - 3} more" if len(items) > 3 else ""
        lines.append(f"{ref['id']}: {audit['title']} ({len(items)}: {', '.join(selectors)}{more})")
    return lines


def main_thread_lines(result: PageResult, root: str) -> list[str]:
    """Where the main thread of one load spent its time: by kind of work, by script, longest tasks."""
    audits = result.report["audits"]

    def items(audit: str) -> list[dict]:
        return ((audits.get(audit) or {}).get("details") or {}).get("items") or []

    def short(url: str) -> str:
        return url.removeprefix(root.rstrip("/")) or url

    lines = ["  main thread by kind of work (ms):"]
    for item in items("mainthread-work-breakdown")[:TOP_ITEMS]:
        lines.append(f"    {item['duration']:>7.0f}  {item['groupLabel']}")
    lines.append("  JavaScript by script (ms total / scripting / parse+compile):")
    for item in items("bootup-time")[:TOP_ITEMS]:
        lines.append(
            f"    {item['total']:>7.0f} {item['scripting']:>7.0f} {item['scriptParseCompile']:>6.0f}"
            f"  {short(item['url'])}"
        )
    tasks = sorted(items("long-tasks"), key=lambda t: -t["duration"])[:TOP_ITEMS]
    if tasks:
        lines.append("  longest main-thread tasks (ms, start ms, script):")
        for task in tasks:
            lines.append(
                f"    {task['duration']:>7.0f} {task.get('startTime', 0):>7.0f}  {short(task['url'])}"
            )
    return lines


def print_results(results: list[PageResult], root: str, runs: int, loads: list[float]) -> int:
    """The table, the accessibility failures, the worst page's main thread; the number of pages that
    miss a floor."""
    print(
        f"Lighthouse mobile (simulated throttling), median of {runs} run(s); floors: performance ≥ "
        f"{PERFORMANCE_FLOOR}, TBT ≤ {TBT_FLOOR_MS:.0f} ms, CLS ≤ {CLS_FLOOR}, "
        f"accessibility {ACCESSIBILITY_FLOOR}"
    )
    header = (
        f"{'page':<22} {'perf':>4} {'TBT ms':>7} {'CLS':>6} {'a11y':>4} {'KiB':>6} {'LCP s':>6} "
        f"{'CPU':>5}  verdict"
    )
    print(header)
    print("-" * len(header))
    failed = 0
    for r in results:
        reference = r.path == REFERENCE
        missed = [] if reference else r.misses()
        failed += bool(missed)
        print(
            f"{r.path:<22} {r.performance if r.performance is not None else '-':>4} {r.tbt_ms:>7.0f} "
            f"{r.cls:>6.3f} {r.accessibility if r.accessibility is not None else '-':>4} "
            f"{r.weight_bytes / 1024:>6.0f} {r.lcp_ms / 1000:>6.1f} {r.benchmark_index:>5.0f}  "
            f"{'reference, no floors' if reference else '; '.join(missed) or 'ok'}"
        )
    for r in results:
        if r.path != REFERENCE and not r.error and (r.accessibility or 0) < ACCESSIBILITY_FLOOR:
            print(f"\naccessibility audits failing on {r.path}:")
            for line in failing_accessibility_audits(r.report):
                print(f"  {line}")
    measured = [r for r in results if not r.error and r.path != REFERENCE]
    if measured:
        worst = min(measured, key=lambda r: (r.performance or 0, -r.tbt_ms))
        print(f"\nworst page: {worst.path} (performance {worst.performance}, TBT {worst.tbt_ms:.0f} ms)")
        print("\n".join(main_thread_lines(worst, root)))
        print(
            "\nKiB: transfer size (total-byte-weight); CPU: Lighthouse's benchmark index of the machine"
            " during that run (higher is faster; it warns of a slow CPU below about 1000)"
        )
    start, during = loads[0], loads[1:]
    busy = start > BUSY_LOAD or max(during, default=0.0) > BUSY_LOAD + 1
    print(
        f"load average (1 min): {start:.2f} at the start, {min(during, default=0):.2f}–"
        f"{max(during, default=0):.2f} after each page"
        + ("  (busy machine: blocking times are inflated)" if busy else "")
    )
    print(f"{len(results) - 1} pages, {failed} miss a floor")
    return failed


def build_reference(folder: Path) -> Path:
    """A plain Material for MkDocs page to read the table against, built by the same mkdocs: the
    theme's defaults (no features, no colour toggle, no CSS or JavaScript of ours) and the text of one
    of our summaries, without its shortcodes and fences. What Material alone costs on this machine
    today: the CPU index and the load move every row, and this row with them. Returns its site."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    text = re.sub(r"```.*?```", "", REFERENCE_TEXT.read_text(encoding="utf-8"), flags=re.DOTALL)
    (docs / "index.md").write_text(re.sub(r"\[\[[^\]]*\]\]", "—", text), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Reference\ntheme:\n  name: material\n  font: false\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, footnotes, tables]\n",
        encoding="utf-8",
    )
    site = folder / "site"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    command = [str(MKDOCS), "build", "--quiet", "--site-dir", str(site)]
    subprocess.run(command, cwd=folder, env=env, check=True)
    return site


def measure(targets: list[tuple[str, str]], runs: int, out_dir: Path, loads: list[float]) -> list[PageResult]:
    """Every (name, URL) runs times, one Lighthouse at a time, taking turns; the median run of each.
    Appends the one-minute load average after each run to loads."""
    by_page: dict[str, list[PageResult]] = {name: [] for name, _ in targets}
    for run in range(runs):
        for name, url in targets:
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "home"
            zh = name.startswith("/") and not name.startswith("/en/")
            out = out_dir / f"{'zh-' + slug if zh else slug}-{run + 1}.json"
            print(f"lighthouse {name} (run {run + 1}/{runs}) …", file=sys.stderr, flush=True)
            by_page[name].append(page_result(name, run_lighthouse(url, out)))
            loads.append(os.getloadavg()[0])
    return [median_run(results) for results in by_page.values()]


def check_pages(site_dir: Path, paths: list[str]) -> list[str]:
    """The paths, each with its leading and trailing slash; exits naming any page the site lacks."""
    normal = ["/" + p.strip("/") + "/" if p.strip("/") else "/" for p in paths]
    missing = [p for p in normal if not (site_dir / p.lstrip("/") / "index.html").is_file()]
    if missing:
        sys.exit(f"no such page in {site_dir}: {', '.join(missing)}")
    return normal


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--pages", nargs="+", default=PAGES, help="URL paths (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is shown")
    parser.add_argument("--out", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # results in order with the progress on stderr
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make setup` (npm ci) first")
    if args.runs < 1:
        sys.exit("--runs must be at least 1")
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="hmw-lighthouse-") as tmp:
        site_dir = args.site or Path(tmp) / "site"
        site_dir.mkdir(parents=True, exist_ok=True)
        out_dir = args.out or Path(tmp) / "reports"
        out_dir.mkdir(parents=True, exist_ok=True)
        reference = build_reference(Path(tmp) / "reference")
        with serve_gzipped(site_dir) as root, serve_gzipped(reference) as reference_root:
            if args.site is None:
                seconds = build_site(site_dir, Path(tmp) / "charts", site_url=root)
                print(f"built every language in {seconds:.1f} s")
            paths = check_pages(site_dir, args.pages)
            targets = [(path, root + path.lstrip("/")) for path in paths] + [(REFERENCE, reference_root)]
            results = measure(targets, args.runs, out_dir, loads)
    return 1 if print_results(results, root, args.runs, loads) else 0


if __name__ == "__main__":
    sys.exit(main())
