#!/usr/bin/env python3
"""Build the charts of 百模大战 · The Hundred-Model War from data/ into build/charts/.

A thin command line over charts.build: it parses options, loads and validates the dataset, and
reports. The work (and its documentation) lives in the charts package.

Exit status: 0 everything requested was written; 1 the dataset (or a chart's needs) is invalid and
nothing was written; 2 a usage error; 3 everything was written except images that could not be
made (no browser or no Chinese font; the message says what to install).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from charts.build import CHART_IDS, FORMATS, SCHEMES, write_outputs
from charts.chart import ChartError
from charts.dataset import DataError, load_dataset
from charts.export import CACHE_DIR
from charts.i18n import ALL_LANGS

PROJECT = Path(__file__).resolve().parent
DEFAULT_OUT = PROJECT / "build" / "charts"
DEFAULT_DATA = PROJECT / "data"
EXIT_OK, EXIT_BAD_DATA, EXIT_USAGE, EXIT_IMAGES_SKIPPED = 0, 1, 2, 3

EPILOG = f"""\
examples:
  python build_charts.py                         every chart, every language, every format
  python build_charts.py --charts timeline --langs en --formats json,html
  python build_charts.py --formats png --schemes dark --transparent --out /tmp/slides
  python build_charts.py --bundle --deck          also zip bundles and a .pptx deck per language
  python build_charts.py --list

output: <out>/<lang>/<chart>/<chart>-<lang>-<scheme>.json|.png|.svg, <chart>-<lang>.html|.csv|.meta.json
  with --bundle <chart>-<lang>.zip beside them; with --deck <out>/deck-<lang>.pptx

exit status: {EXIT_OK} all written; {EXIT_BAD_DATA} bad data, nothing written; {EXIT_USAGE} usage error;
  {EXIT_IMAGES_SKIPPED} written except the images (no browser or no CJK font: the message says what
  to install).
  PNG/SVG need Chrome or Chromium: on Debian `sudo apt-get install -y chromium fonts-noto-cjk`
  (or set BROWSER_PATH); on macOS/Windows install Google Chrome.
"""


def _choices(valid: list[str] | tuple[str, ...], kind: str):
    """An argparse type for comma-separated values, each checked against the valid ones."""

    def parse(text: str) -> list[str]:
        values = [v.strip() for v in text.split(",") if v.strip()]
        unknown = [v for v in values if v not in valid]
        if unknown:
            raise argparse.ArgumentTypeError(
                f"unknown {kind} {', '.join(unknown)}; valid: {', '.join(valid)}"
            )
        return values

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The parser; other commands (the slide deck) add their options to it."""
    parser = argparse.ArgumentParser(
        prog="build_charts.py",
        description="Build the charts from data/: figure JSON for the site, standalone offline HTML, "
        "CSV of the plotted data, and PNG (1920x1080) and SVG images for slides, in Chinese and English.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
        help="output folder, replaced atomically (default: build/charts), e.g. --out /tmp/charts",
    )  # fmt: skip
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, metavar="DIR", help="dataset folder (default: data)"
    )
    parser.add_argument(
        "--charts", type=_choices(CHART_IDS, "chart"), action="append", metavar="IDS",
        help="only these charts, comma-separated or repeated, e.g. --charts timeline,param-scale "
        "(see --list)",
    )  # fmt: skip
    parser.add_argument(
        "--langs", type=_choices(ALL_LANGS, "language"), action="append", metavar="LANGS",
        help=f"only these languages, e.g. --langs en (default: {','.join(ALL_LANGS)})",
    )  # fmt: skip
    parser.add_argument(
        "--formats", type=_choices(FORMATS, "format"), action="append", metavar="FORMATS",
        help=f"only these formats, e.g. --formats json,html (default: {','.join(FORMATS)}); "
        "a .meta.json is always written",
    )  # fmt: skip
    parser.add_argument(
        "--schemes", type=_choices(SCHEMES, "scheme"), action="append", metavar="SCHEMES",
        help="colour schemes for JSON and images, e.g. --schemes dark (default: light,dark)",
    )  # fmt: skip
    parser.add_argument(
        "--transparent", action="store_true",
        help="also write PNG/SVG with a transparent background (<chart>-<lang>-<scheme>-transparent.png)",
    )  # fmt: skip
    parser.add_argument(
        "--bundle", action="store_true",
        help="also write a download bundle per chart, <chart>-<lang>.zip: images, CSV, standalone HTML "
        "and a README with the sources, quotes, licence and how to cite",
    )  # fmt: skip
    parser.add_argument(
        "--deck", action="store_true",
        help="also write a 16:9 slide deck per language, <out>/deck-<lang>.pptx (title slide, one slide "
        "per chart from its light PNG, then the sources)",
    )  # fmt: skip
    parser.add_argument(
        "--no-cache", action="store_true", help="re-export every image instead of reusing .cache/images/"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the chart ids with what each shows, and exit"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar (e.g. in CI logs)")
    return parser


def _flatten(groups: list[list[str]] | None) -> list[str] | None:
    return list(dict.fromkeys(v for group in groups for v in group)) if groups else None


def list_charts() -> str:
    """One line per chart: its id and the first line of its module's docstring."""
    from charts.registry import describe

    width = max(map(len, CHART_IDS))
    return "\n".join(f"{chart_id:<{width}}  {describe(chart_id)}" for chart_id in CHART_IDS)


def _bundles_and_decks(args: argparse.Namespace, data: object) -> list[Path] | int:
    """--bundle and --deck, after the charts are written: the files written, or an exit status."""
    from charts.bundle import write_bundles
    from charts.deck import DeckError, write_decks

    chart_ids, langs = _flatten(args.charts) or CHART_IDS, _flatten(args.langs) or list(ALL_LANGS)
    written: list[Path] = []
    if args.bundle:
        written += write_bundles(data, args.out, chart_ids=chart_ids, langs=langs)
    if args.deck:
        try:
            written += write_decks(data, args.out, langs=langs, chart_ids=chart_ids)
        except DeckError as exc:
            print(f"build_charts.py: no slide deck: {exc}", file=sys.stderr)
            return EXIT_IMAGES_SKIPPED
    for path in written:
        print(f"  {path}")
    return written


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list:
        print(list_charts())
        return EXIT_OK
    started = time.perf_counter()
    try:
        data = load_dataset(args.data)
    except DataError as exc:
        print(f"{exc}\nNothing was written; {args.out} is unchanged.", file=sys.stderr)
        return EXIT_BAD_DATA
    try:
        report = write_outputs(
            data,
            args.out,
            chart_ids=_flatten(args.charts),
            langs=_flatten(args.langs),
            formats=_flatten(args.formats),
            progress=not args.no_progress,
            schemes=_flatten(args.schemes),
            transparent=args.transparent,
            cache_dir=None if args.no_cache else CACHE_DIR,
        )
    except ChartError as exc:
        print(f"{exc}\nNothing was written; {args.out} is unchanged.", file=sys.stderr)
        return EXIT_BAD_DATA
    except ValueError as exc:
        print(f"build_charts.py: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    extras = _bundles_and_decks(args, data)
    if isinstance(extras, int):
        return extras
    elapsed = time.perf_counter() - started
    print(f"Wrote {len(report.written) + len(extras)} files into {args.out} in {elapsed:.1f} s.")
    if report.images:
        images = report.images
        print(
            f"Images: {images.rendered} exported, {images.from_cache} from the cache, "
            f"{len(images.skipped)} skipped."
        )
        for message in images.messages:
            print(message, file=sys.stderr)
    return EXIT_IMAGES_SKIPPED if report.images_skipped else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
