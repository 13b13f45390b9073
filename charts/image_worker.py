"""The image prefetch's worker: a process that draws into the image cache what the build sends it.

charts.export.ImagePrefetch runs it as ``python -m charts.image_worker CACHE BROWSER``. It opens the
browser session at once, then reads batches of ImageJobs (pickled, one after another) from stdin,
draws each into CACHE under its key as soon as it arrives, and prints each key on stdout once its
image is there (or has failed: export_images will meet the failure again and explain it).

Why a process and not a thread: the session's Python side (choreographer's pipe threads, the event
loop, decoding each PNG's base64) wakes for every message from the browser. On a thread of the build
it took turns with the page rendering under one GIL, and each turn waited for the interpreter's
switch interval: the browser stood idle, and a first build took two seconds longer.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import BinaryIO, TextIO

from charts.export import PREFETCH_TABS, RENDER_TIMEOUT, ImageJob, basic_plotly_js, draw, drawings
from charts.files import atomic_write
from charts.image_session import ImageSession


def read_batches(stdin: BinaryIO, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue) -> None:
    """Hand each batch read from stdin to the event loop; None once the build closes stdin."""
    while True:
        try:
            batch: list[ImageJob] | None = pickle.load(stdin)
        except EOFError:
            batch = None
        loop.call_soon_threadsafe(queue.put_nowait, batch)
        if batch is None:
            return


async def serve(cache_dir: Path, browser: str, stdin: BinaryIO, keys: TextIO) -> None:
    """Open the browser, then draw every batch that comes until stdin ends."""
    queue: asyncio.Queue[list[ImageJob] | None] = asyncio.Queue()
    threading.Thread(
        target=read_batches, args=(stdin, asyncio.get_running_loop(), queue), daemon=True
    ).start()
    session = ImageSession(
        tabs=PREFETCH_TABS, timeout=RENDER_TIMEOUT, plotlyjs=basic_plotly_js([]), browser=browser
    )
    await session.open()

    async def one(drawing: list[ImageJob]) -> None:
        try:
            for job, image in zip(drawing, await draw(session, drawing), strict=True):
                atomic_write(cache_dir / f"{job.key()}.{job.format}", image)
        finally:
            keys.write("".join(f"{job.key()}\n" for job in drawing))
            keys.flush()

    tasks = []
    try:
        while (jobs := await queue.get()) is not None:
            tasks += [asyncio.ensure_future(one(drawing)) for drawing in drawings(jobs)]
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        await session.close()


def main(argv: list[str]) -> int:
    cache_dir, browser = Path(argv[0]), argv[1]
    keys = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="ascii")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # whatever else prints must not mix with the keys
    try:
        asyncio.run(serve(cache_dir, browser, sys.stdin.buffer, keys))
    except Exception:  # no browser after all: export_images renders what is missing and says why
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
