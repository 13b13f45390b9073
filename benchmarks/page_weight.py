#!/usr/bin/env python3
"""What each page of the site weighs over the network (a measurement, not a test).

Builds the whole site (every language, `mkdocs build --strict`) into a temporary folder, serves it
from a small local server that gzips text as GitHub Pages does, opens every page in headless
Chromium (Debian's, through Playwright) with an empty cache, waits until the network is quiet, and
sums the bytes transferred for everything the page loaded: HTML, CSS, JavaScript, fonts, images,
figure JSON, headers included. That is the first view ("as loaded"): charts show as images and
plotly.js waits for the reader (hmw.js). Then it reaches for every chart, as a reader pointing at
each would, waits until all are drawn and counts again: the floors apply to this, the heavier case.

Floors, the weight the site allows itself per page: a page without charts at most 120 KB; a page
with charts (two at most) at most 600 KB. An embed address (embed/<chart>/) counts as a page
with a chart: it opens the chart's standalone page, which carries plotly.js inside it. Prints a
table and exits with 1 when a page is over its floor.

    .venv/bin/python benchmarks/page_weight.py [--site DIR] [--width PX]

--site measures an already built site instead of building one (its links may then point at the
site_url it was built with; only the weight is measured, so that does not matter).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # devtools/, charts/
from devtools.chromium import launch
from devtools.gzip_server import serve_gzipped
from devtools.site_build import build_site

FLOOR_NO_CHARTS = 120 * 1024
FLOOR_CHARTS = 600 * 1024
DRAW_TIMEOUT_MS = 30_000

# A reader reaching for every chart (a tap on a phone column's button, a pointer over a wide one),
# again until all are drawn; true once they are.
# The charts shown: a chart's other view (behind its switch) is drawn only when the reader picks it.
SHOWN_PLOTS = "[...document.querySelectorAll('figure.hmw-chart')].filter(f => f.offsetParent !== null)"
REACH_UNTIL_DRAWN = """n => {
  document.querySelectorAll('figure.hmw-chart .hmw-chart__plot').forEach(el => {
    if (el.closest('figure').offsetParent === null) return;
    const button = el.parentNode.querySelector('.hmw-chart__explore');
    if (button && button.offsetParent !== null) button.click();
    else el.dispatchEvent(new PointerEvent('pointerenter', {pointerType: 'mouse'}));
  });
  return document.querySelectorAll('.hmw-chart__plot--drawn').length >= n;
}"""


def transferred(responses: list, root: str) -> tuple[int, tuple[str, int]]:
    """Bytes of the finished requests, headers included, and the biggest one (path, bytes)."""
    total, biggest = 0, ("", 0)
    for request in responses:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        if size > biggest[1]:
            biggest = (request.url.removeprefix(root), size)
    return total, biggest


def page_urls(site_dir: Path) -> list[str]:
    """Every page of the built site as a URL path ('/', '/en/topics/scale/'), 404 pages left out."""
    paths = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    return sorted(paths, key=lambda p: (p.startswith("/en/"), p))


def measure(root: str, paths: list[str], width: int) -> list[dict]:
    """Load each page in a fresh browser context; bytes transferred, requests and charts."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for path in paths:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            responses = []
            page.on("requestfinished", lambda r, responses=responses: responses.append(r))
            failed = []
            page.on("requestfailed", lambda r, failed=failed: failed.append(r.url))
            page.goto(root + path.lstrip("/"), wait_until="networkidle")
            page.wait_for_load_state("load")
            first_view, _ = transferred(responses, root)
            # An embed address (embed/<chart>/) opens one chart's standalone page, drawn as it loads.
            standalone = "/assets/charts/" in page.url
            charts = 1 if standalone else page.evaluate(f"{SHOWN_PLOTS}.length")
            if charts and not standalone:
                page.wait_for_function(REACH_UNTIL_DRAWN, arg=charts, timeout=DRAW_TIMEOUT_MS, polling=250)
            page.wait_for_load_state("networkidle")
            total, biggest = transferred(responses, root)
            rows.append(
                {
                    "path": path,
                    "first_view": first_view,
                    "bytes": total,
                    "requests": len(responses),
                    "charts": charts,
                    "failed": failed,
                    "biggest": biggest,
                }
            )
            context.close()
        browser.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--width", type=int, default=1280, help="browser window width (default 1280)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hmw-page-weight-") as tmp:
        site_dir = args.site or Path(tmp) / "site"
        site_dir.mkdir(parents=True, exist_ok=True)
        with serve_gzipped(site_dir) as root:
            if args.site is None:
                seconds = build_site(site_dir, Path(tmp) / "charts", site_url=root)
                print(f"built every language in {seconds:.1f} s")
            rows = measure(root, page_urls(site_dir), args.width)
    over = 0
    print(f"page weight at {args.width} px, gzip, empty cache (KB = 1024 bytes)")
    print("first view: as loaded; drawn: every chart drawn (the floors apply to this)")
    print(
        f"{'page':<32} {'charts':>6} {'requests':>8} {'first view':>10} {'drawn KB':>8} {'floor':>6}  "
        "verdict   biggest file"
    )
    for row in rows:
        floor = FLOOR_CHARTS if row["charts"] else FLOOR_NO_CHARTS
        ok = row["bytes"] <= floor and not row["failed"]
        over += not ok
        verdict = "ok" if ok else ("FAILED REQUESTS" if row["failed"] else "OVER")
        name, size = row["biggest"]
        print(
            f"{row['path']:<32} {row['charts']:>6} {row['requests']:>8} {row['first_view'] / 1024:>10.1f} "
            f"{row['bytes'] / 1024:>8.1f} "
            f"{floor // 1024:>6}  {verdict:<8}  {name} ({size / 1024:.0f} KB)"
        )
        for url in row["failed"]:
            print(f"    failed request: {url}")
    heaviest = {
        kind: max((r for r in rows if bool(r["charts"]) == kind), key=lambda r: r["bytes"], default=None)
        for kind in (False, True)
    }
    for kind, row in heaviest.items():
        if row:
            label = "with charts" if kind else "without charts"
            print(f"heaviest page {label}: {row['path']} {row['bytes'] / 1024:.0f} KB")
    print(f"{len(rows)} pages, {over} over the floor")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
