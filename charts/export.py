"""PNG and SVG export: every image in one browser session, cached by content.

kaleido 1.x drives a real Chromium. Starting it costs about two seconds, so all images are
rendered by one browser session with two tabs, not one browser per image, and a chart's PNG and SVG
come from one plot of it (charts/image_session.py). Each image is cached
in ``.cache/images/`` under the hash of what determines it (figure JSON, format, size, scale,
kaleido and plotly versions), so rebuilding the site does not re-export unchanged charts.

Missing prerequisites never crash the build: without a usable browser every image is skipped with
a message that says exactly what to install, and without a CJK font the images that contain
Chinese are skipped (they would show empty boxes). The caller gets an ExportResult and decides
the exit status (build_charts.py exits 3).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import os
import pickle
import platform
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import plotly

from charts import image_session, plotly_js
from charts.files import atomic_write
from charts.image_session import ImageSession
from charts.recolour import NOT_DRAWN, Colours

PROJECT = Path(__file__).resolve().parent.parent
# Exported images by content hash; $HMW_IMAGE_CACHE moves it (benchmarks/site_build.py --cold).
CACHE_DIR = Path(os.environ.get("HMW_IMAGE_CACHE") or PROJECT / ".cache" / "images")
DEBIAN_BROWSER = Path("/usr/bin/chromium")
TABS = 2  # this machine has two cores; more tabs only queue
PREFETCH_TABS = 1  # a prefetch draws while the build renders its pages on the other core
RENDER_TIMEOUT = 90  # seconds for one image

INSTALL_BROWSER = (
    "PNG/SVG export needs Chrome or Chromium (kaleido drives it). Install one:\n"
    "  Debian/Ubuntu:  sudo apt-get install -y chromium fonts-noto-cjk\n"
    "  macOS/Windows:  install Google Chrome (https://www.google.com/chrome/)\n"
    "  anywhere:       .venv/bin/kaleido_get_chrome   (or plotly_get_chrome) downloads one for kaleido\n"
    "or point BROWSER_PATH at the browser's executable."
)
INSTALL_CJK_FONT = (
    "No Chinese (CJK) font found (`fc-list :lang=zh` lists none), so images with Chinese text "
    "were skipped: they would show empty boxes. Install one:\n"
    "  Debian/Ubuntu:  sudo apt-get install -y fonts-noto-cjk\n"
    "  macOS/Windows:  nothing to do, the system already has CJK fonts (PingFang SC / Microsoft YaHei)."
)


@dataclass(frozen=True)
class ImageJob:
    """One image to write: a plotly figure as a JSON-able dict, where, and how."""

    figure: dict[str, Any]
    path: Path
    format: str  # "png" or "svg"
    width: int
    height: int
    scale: float = 1
    # The same image made from another figure's plot, recoloured (charts/recolour.py): the light
    # figure of a dark one that differs from it only in colour, and the colours to swap.
    recoloured_from: tuple[dict[str, Any], Colours] | None = None

    @property
    def plotted(self) -> dict[str, Any]:
        """The figure the browser plots for this image."""
        return self.figure if self.recoloured_from is None else self.recoloured_from[0]

    @property
    def colours(self) -> Colours:
        """The colours swapped in the plot's SVG to make this image (none for its own plot)."""
        return () if self.recoloured_from is None else self.recoloured_from[1]

    def key(self) -> str:
        """The cache key: everything that changes the image's bytes."""
        return self._key

    @functools.cached_property
    def _key(self) -> str:  # the figure's JSON takes a while; the job never changes
        payload = json.dumps(
            {
                "figure": _without_keys(self.figure, NOT_DRAWN),
                "format": self.format,
                "width": self.width,
                "height": self.height,
                "scale": self.scale,
                # A recoloured image also depends on the script that swaps its colours.
                **({"recoloured": list(self.colours), "by": _swap_script()} if self.colours else {}),
                "kaleido": _kaleido_version(),
                "plotly": plotly.__version__,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @property
    def has_chinese(self) -> bool:
        """Whether the image shows Chinese text (hover labels never appear in an image, so the
        original quotes in an English chart's hovers do not count)."""
        return _has_cjk(json.dumps(_without_hovers(self.figure), ensure_ascii=False))


@dataclass
class ExportResult:
    """What happened: images written (from the cache or freshly rendered), skipped, and why."""

    written: list[Path] = field(default_factory=list)
    from_cache: int = 0
    rendered: int = 0
    skipped: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.skipped


@functools.cache
def _swap_script() -> str:
    return hashlib.sha256(image_session.DRAW_JS.encode("utf-8")).hexdigest()[:16]


def _kaleido_version() -> str:
    from importlib.metadata import version

    return version("kaleido")


HOVER_KEYS = frozenset({"hovertext", "hovertemplate", "hoverlabel", "meta"})
# NOT_DRAWN (charts/recolour.py) is left out of the cache key, so editing a hover-only note in the
# data does not export the same pixels again.


def _without_keys(value: Any, keys: frozenset[str]) -> Any:
    """value (a figure or a part of one) without the given keys, at any depth."""
    if isinstance(value, dict):
        return {k: _without_keys(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without_keys(v, keys) for v in value]
    return value


def _without_hovers(value: Any) -> Any:
    """The figure without what only the browser shows on hover."""
    return _without_keys(value, HOVER_KEYS)


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def find_browser() -> str | None:
    """The browser kaleido should drive: $BROWSER_PATH, Debian's chromium, then whatever kaleido finds
    (a Chrome it downloaded, or Chrome/Chromium on PATH). None when there is none."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access(DEBIAN_BROWSER, os.X_OK):
        return str(DEBIAN_BROWSER)
    try:
        from choreographer.browsers.chromium import Chromium

        return Chromium.find_browser(skip_local=False)
    except Exception:
        return None


def cjk_font_available() -> bool | None:
    """True if fontconfig lists a Chinese font, False if it lists none, None if it cannot tell
    (no fc-list, as on a stock macOS or Windows, which ship CJK fonts)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None if platform.system() in ("Darwin", "Windows") else False
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.stdout.strip())


def export_images(
    jobs: Sequence[ImageJob],
    *,
    progress: bool = True,
    cache_dir: Path | None = CACHE_DIR,
    browser: str | None = None,
) -> ExportResult:
    """Write every job's image, from the cache when possible, else rendering all misses in one
    browser session. ``cache_dir=None`` bypasses the cache (the benchmark measures cold exports)."""
    result = ExportResult()
    pending: list[tuple[ImageJob, str]] = []
    for job in jobs:
        key = job.key()
        cached = cache_dir / f"{key}.{job.format}" if cache_dir else None
        if cached and cached.exists():
            atomic_write(job.path, cached.read_bytes())
            result.written.append(job.path)
            result.from_cache += 1
        else:
            pending.append((job, key))
    if not pending:
        return result

    if any(job.has_chinese for job, _ in pending) and cjk_font_available() is False:
        result.messages.append(INSTALL_CJK_FONT)
        result.skipped += [job.path for job, _ in pending if job.has_chinese]
        pending = [(job, key) for job, key in pending if not job.has_chinese]
        if not pending:
            return result

    path = browser or find_browser()
    if not path:
        result.messages.append(INSTALL_BROWSER)
        result.skipped += [job.path for job, _ in pending]
        return result
    try:
        images = _render_all([job for job, _ in pending], path, progress)
    except BrowserUnavailable as exc:
        result.messages.append(f"Could not start the browser at {path}: {exc}\n{INSTALL_BROWSER}")
        result.skipped += [job.path for job, _ in pending]
        return result
    for (job, key), image in zip(pending, images, strict=True):
        atomic_write(job.path, image)
        if cache_dir:
            atomic_write(cache_dir / f"{key}.{job.format}", image)
        result.written.append(job.path)
        result.rendered += 1
    return result


def basic_plotly_js(figures: Sequence[dict[str, Any]]) -> str | None:
    """The basic plotly.js bundle as a file URI when it may draw every trace of these figures
    (charts.plotly_js.basic_bundle), else None: kaleido then uses the plotly package's full bundle.

    kaleido parses plotly.js once per tab (see charts.image_session): the basic bundle parses four times
    faster and draws the same pixels (PNGs byte-identical, SVGs identical but for their random ids)."""
    traces = {trace.get("type", "scatter") for figure in figures for trace in figure.get("data", [])}
    bundle = plotly_js.basic_bundle(traces)
    return bundle.as_uri() if bundle else None


class ImagePrefetch:
    """Images rendered into the cache while the caller is still planning the rest.

    A cold build renders its charts in Python (one core) and then waits on Chromium (the other).
    A prefetch starts a worker process (charts/image_worker.py) with the browser session and hands
    it each job submitted, which it renders into cache_dir at once, so the browser works while
    Python plans the next charts. export_images then finds every image in the cache. ``wait``
    returns when all submitted jobs are done; a failure (no browser after all) is left for
    export_images to meet and explain."""

    def __init__(self, cache_dir: Path, browser: str, *, open_now: bool = False) -> None:
        """open_now: start the browser at once rather than with the first job (starting it takes a
        second or two, which then overlaps the planning of the first charts)."""
        self.cache_dir = cache_dir
        self._browser = browser
        # The basic plotly.js bundle when installed (see basic_plotly_js); a job it cannot draw is
        # left to export_images.
        self._basic = basic_plotly_js([])
        self._worker: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._lock = threading.Lock()  # between submit and the thread that reads the worker's keys
        self._ended = False  # the worker has exited: nothing submitted now will be drawn
        self._seen: set[str] = set()
        self._done: dict[str, threading.Event] = {}  # by cache key: set once rendered (or failed)
        if open_now:
            self._start()

    @staticmethod
    def cache_is_empty(cache_dir: Path) -> bool:
        """No image cached yet (a first build on this machine): every chart will need the browser."""
        return not cache_dir.is_dir() or next(cache_dir.iterdir(), None) is None

    def submit(self, jobs: Sequence[ImageJob]) -> None:
        """Render these jobs' images into the cache (those not there yet), in the background."""
        batch = []
        with self._lock:
            for job in jobs:
                key = job.key()
                if key in self._seen or (self.cache_dir / f"{key}.{job.format}").exists():
                    continue
                if self._basic and not basic_plotly_js([job.figure]):
                    continue
                self._seen.add(key)
                self._done[key] = threading.Event()
                batch.append(job)
            if not batch:
                return
            if self._worker is None:
                self._start()
            if not self._ended:
                try:
                    pickle.dump(batch, self._worker.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                    self._worker.stdin.flush()
                    return
                except OSError:  # the worker has exited (no browser after all)
                    pass
            for job in batch:  # export_images renders them and says why they were not
                self._done[job.key()].set()

    def image(self, job: ImageJob) -> bytes | None:
        """The job's image once it is in the cache (waiting for it if it was submitted); None when
        it is not there (not submitted, or it failed: export_images will say why)."""
        key = job.key()
        if key in self._done:
            self._done[key].wait()
        cached = self.cache_dir / f"{key}.{job.format}"
        return cached.read_bytes() if cached.exists() else None

    def wait(self) -> None:
        """Every job submitted so far is in the cache (or failed); the browser is closed."""
        if self._worker is None:
            return
        with contextlib.suppress(OSError):  # the worker may have exited already
            self._worker.stdin.close()
        self._reader.join()
        self._worker.wait()

    def _start(self) -> None:
        """Start the worker, which opens the browser at once, and the thread that hears from it."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._worker = subprocess.Popen(
            [sys.executable, "-m", "charts.image_worker", str(self.cache_dir), self._browser],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=PROJECT,
        )
        self._reader = threading.Thread(target=self._hear_keys, name="hmw-images", daemon=True)
        self._reader.start()

    def _hear_keys(self) -> None:
        """Mark each key the worker reports as done; once it exits, every key (nobody waits for an
        image that will not come)."""
        for line in self._worker.stdout:
            done = self._done.get(line.decode("ascii").strip())
            if done is not None:
                done.set()
        with self._lock:
            self._ended = True
            for done in self._done.values():
                done.set()


class BrowserUnavailable(RuntimeError):
    """The browser exists on disk but kaleido could not start or talk to it."""


def _render_all(jobs: Sequence[ImageJob], browser: str, progress: bool) -> list[bytes]:
    """Render every job in one kaleido session, showing a progress bar on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (
        TextColumn("[bold]images"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, disable=not progress, transient=False) as bar:
        task = bar.add_task("starting the browser…", total=len(jobs))

        def done(job: ImageJob) -> None:
            bar.update(task, advance=1, description=job.path.name)

        return asyncio.run(_render(jobs, browser, done))


def drawings(jobs: Sequence[ImageJob]) -> list[list[ImageJob]]:
    """The jobs grouped by what one plot can give (charts.image_session): the same figure plotted
    at the same size. A chart's PNG and SVG share their figure, and a dark image recoloured from
    the light plot shares the light one's (charts.build.chart_plan)."""
    groups: dict[tuple[int, int, int], list[ImageJob]] = {}
    for job in jobs:
        groups.setdefault((id(job.plotted), job.width, job.height), []).append(job)
    return list(groups.values())


async def draw(session: ImageSession, drawing: Sequence[ImageJob]) -> list[bytes]:
    """The images of one drawing (see drawings), in its order, from one plot of its figure."""
    first = drawing[0]
    return await session.draw(
        first.plotted,
        first.width,
        first.height,
        [(job.format, job.scale, job.colours, job.figure) for job in drawing],
    )


async def _render(jobs: Sequence[ImageJob], browser: str, done: Any) -> list[bytes]:
    from choreographer.errors import ChromeNotFoundError

    try:
        session = ImageSession(
            tabs=min(TABS, len(jobs)),
            timeout=RENDER_TIMEOUT,
            plotlyjs=basic_plotly_js([job.figure for job in jobs]),
            browser=browser,
        )
        await session.open()
    except (TimeoutError, ChromeNotFoundError, OSError, RuntimeError) as exc:
        raise BrowserUnavailable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    images: dict[int, bytes] = {}
    try:

        async def one(drawing: list[ImageJob]) -> None:
            for job, image in zip(drawing, await draw(session, drawing), strict=True):
                images[id(job)] = image
                done(job)

        await asyncio.gather(*(one(drawing) for drawing in drawings(jobs)))
        return [images[id(job)] for job in jobs]
    finally:
        await session.close()


if __name__ == "__main__":  # pragma: no cover - a quick diagnosis: python -m charts.export
    print("browser:", find_browser() or "none found")
    print("CJK font:", {True: "yes", False: "no", None: "cannot tell"}[cjk_font_available()])
    sys.exit(0)
