"""Where a build's processor time goes: each part's CPU seconds, sampled from /proc while it runs.

A first build keeps both of a two-core machine's cores busy (the pages in Python, the chart images
in Chromium), so its wall time is bounded by its total processor time over the cores. It is bounded
too by the build process's own time: its threads take turns under one interpreter lock (but for
compression and image decoding, which let go of it). A part made faster shortens the build only
where it is on the longer of the two. benchmarks/site_build.py reports these parts with every cold
build. Linux only (/proc); elsewhere nothing is reported.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
# The parts, in the order they are reported.
PARTS = ("build main thread", "build other threads", "search helper", "image worker", "browser")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:  # the process or thread has just exited
        return None


def _stat_fields(stat: str) -> list[str]:
    """The fields of a /proc stat line after the command name (which may hold spaces)."""
    return stat[stat.rfind(")") + 2 :].split()


def _seconds(fields: list[str]) -> float:
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _children() -> dict[int, list[int]]:
    """Every process's children, by parent id."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (stat := _read(entry / "stat")) is not None:
            children.setdefault(int(_stat_fields(stat)[1]), []).append(int(entry.name))
    return children


@dataclass
class CpuUse:
    """Samples the processes below this one while in use (``with CpuUse() as use: build()``);
    ``use.parts`` then holds each part's CPU seconds. A process's last moments before it exits are
    not seen: the figures are low by up to one interval per process."""

    interval: float = 0.5
    parts: dict[str, float] = field(default_factory=dict)
    _seen: dict[tuple[int, int], tuple[str, float]] = field(default_factory=dict)
    _commands: dict[int, str] = field(default_factory=dict)  # by process id, read once
    _done: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    @staticmethod
    def available() -> bool:
        return (PROC / "self" / "task").is_dir()

    def __enter__(self) -> CpuUse:
        if self.available():
            self._thread = threading.Thread(target=self._sample_until_done, daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        self.parts = {part: 0.0 for part in PARTS} if self._seen else {}
        for part, seconds in self._seen.values():
            self.parts[part] += seconds

    def _sample_until_done(self) -> None:
        while not self._done.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        """Record the CPU time of every thread of every process below this one, by part."""
        children = _children()
        stack = list(children.get(os.getpid(), []))
        builds = {pid for pid in stack if "mkdocs" in self._command(pid)}
        while stack:
            pid = stack.pop()
            stack += children.get(pid, [])
            command = self._command(pid)
            for task in (PROC / str(pid) / "task").glob("*"):
                stat = _read(task / "stat")
                if stat is None:
                    continue
                tid = int(task.name)
                if pid in builds:
                    part = "build main thread" if tid == pid else "build other threads"
                elif "search_cuts" in command:
                    part = "search helper"
                elif "image_worker" in command:
                    part = "image worker"
                elif "chrom" in command:
                    part = "browser"
                else:
                    continue
                self._seen[(pid, tid)] = (part, _seconds(_stat_fields(stat)))

    def _command(self, pid: int) -> str:
        if pid not in self._commands:
            self._commands[pid] = (_read(PROC / str(pid) / "cmdline") or "").replace("\0", " ")
        return self._commands[pid]
