"""`mkdocs serve` on a copy of the project, with every line it prints and when it arrived.

The serve test (tests/browser/test_serve.py) and the reload benchmark (benchmarks/serve_reload.py)
edit files while the server runs: they do it in a copy of the project in a temporary folder, so
the working tree is never touched. The image cache is shared with the project's (it is keyed by
content), so the first build costs what it costs a user who has built the charts before.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charts.export import CACHE_DIR
from devtools.chromium import CHROMIUM
from devtools.site_build import MKDOCS, PROJECT

COPIED = ["data", "charts", "docs", "hmw_site", "overrides", "config", "package.json", "CITATION.cff"]
LINKED = ["node_modules"]
STARTUP = 300  # s for the first build of every language (a cold image cache exports every image)
REBUILD = re.compile(r"Detected file changes")
RELOAD = re.compile(r"Reloading browsers")
SERVING = re.compile(r"Serving on (http://\S+)")


@dataclass
class Server:
    """A running `mkdocs serve` and every line it has printed, with the time it arrived."""

    process: subprocess.Popen
    lines: list[tuple[float, str]] = field(default_factory=list)
    arrived: queue.Queue = field(default_factory=queue.Queue)

    def read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.monotonic(), line.rstrip()))
            self.arrived.put(line)

    def wait_for(self, pattern: re.Pattern, timeout: float, since: float = 0.0) -> tuple[float, re.Match]:
        """The first line matching pattern that arrived at or after since: (its time, the match)."""
        deadline = time.monotonic() + timeout
        while True:
            for at, line in list(self.lines):
                if at >= since and (match := pattern.search(line)):
                    return at, match
            left = deadline - time.monotonic()
            if left <= 0:
                break
            with contextlib.suppress(queue.Empty):
                self.arrived.get(timeout=min(left, 0.2))
        raise AssertionError(f"mkdocs serve printed no {pattern.pattern!r} in {timeout} s:\n{self.log()}")

    def count(self, pattern: re.Pattern, since: float) -> int:
        return sum(1 for at, line in self.lines if at >= since and pattern.search(line))

    def between(self, since: float, until: float) -> list[str]:
        return [line for at, line in self.lines if since <= at <= until]

    def log(self) -> str:
        return "\n".join(line for _, line in self.lines[-60:])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(target: Path) -> None:
    """What `mkdocs serve` needs: sources and config copied, node_modules linked."""
    for name in COPIED:
        source, dest = PROJECT / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest)
    for config in PROJECT.glob("mkdocs*.yml"):
        shutil.copy2(config, target / config.name)
    for name in LINKED:
        (target / name).symlink_to(PROJECT / name)


@contextlib.contextmanager
def serving(project: Path, startup: float = STARTUP) -> Iterator[tuple[Server, str]]:
    """`mkdocs serve` of the project copy on a free port, after its first build: (server, root URL)."""
    env = {k: v for k, v in os.environ.items() if k not in ("HMW_CHARTS_DIR", "SITE_URL")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", "HMW_IMAGE_CACHE": str(CACHE_DIR)}
    # The copy's charts/ and hmw_site/, not the working tree's (which the editable install names).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(project), env.get("PYTHONPATH")]))
    env.setdefault("BROWSER_PATH", CHROMIUM)
    process = subprocess.Popen(
        [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Server(process)
    threading.Thread(target=running.read, name="mkdocs-serve-log", daemon=True).start()
    try:
        url = running.wait_for(SERVING, startup)[1][1]
        yield running, url if url.endswith("/") else url + "/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
