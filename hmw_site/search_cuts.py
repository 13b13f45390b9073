"""The Chinese of a `mkdocs build`'s search indexes, cut into words by a helper process.

Material's search plugin cuts the Chinese of every section of every page with jieba as it indexes
the page: with jieba's dictionary to load first, and the Traditional forms to teach it
(hmw_site/segmentation.py), four to five seconds of the build's interpreter time, which its page
rendering waits for. A build gives that work to ``python -m hmw_site.search_cuts``, which cuts
each text as it comes, on the other core, in the order the build sends them: the Simplified
site's, then (once told to learn the Traditional forms) the Traditional site's.

The index holds a ``Cut`` for each text meanwhile. Material writes the index with
``json.dumps(..., default=str)``, which asks each Cut for its string, by then long cut. Should the
helper fail, a Cut cuts its text here, as Material would have: the index is the same either way
(tests/site/test_search_cuts.py). `mkdocs serve` cuts in the build process, and keeps each cut
between rebuilds (hmw_site/memo.py).
"""

from __future__ import annotations

import itertools
import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

PROJECT = Path(__file__).resolve().parent.parent


def material_cut(text: str) -> str:
    """Material's own cut of a text: its Chinese in words, marked with zero-width spaces."""
    from material.plugins.search.plugin import SearchIndex

    return SearchIndex._segment_chinese(None, text)  # it does not use its index


def cut_texts(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The helper: cut each text read from stdin, in order, and write each cut, numbered, to stdout
    as soon as it is made; learn the Traditional forms when told. Ends with stdin."""
    import jieba

    from hmw_site.segmentation import teach_traditional_words

    jieba.setLogLevel(60)  # no "Building prefix dict" chatter in the build's log
    jieba.initialize()
    # A text met again (a page's title in two sections, a name in two languages) is cut as it was the
    # first time, as the build's own cuts are (hmw_site/memo.py remember_chinese_segmentation).
    cuts: dict[str, str] = {}
    for number in itertools.count():
        try:
            while (message := pickle.load(stdin)) is None:
                teach_traditional_words()
        except EOFError:
            return
        if message not in cuts:
            cuts[message] = material_cut(message)
        pickle.dump((number, cuts[message]), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


class CuttingHelper:
    """The build's side of the helper: texts go out as the pages are indexed (a thread writes
    them, so the build never waits for the pipe), cuts come back (a thread reads them)."""

    LEARN = None  # the message that teaches the helper the Traditional forms
    END: Any = object()  # no more messages (not sent: the writer closes the pipe)

    def __init__(self, command: tuple[str, ...] = (sys.executable, "-m", "hmw_site.search_cuts")) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=PROJECT)
        self.cuts: list[str] = []
        self.sent = 0
        self.traditional = False  # told to learn the Traditional forms
        self.ended = False  # the helper has gone: no more cuts will come
        self._outbox: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._arrived = threading.Condition()
        threading.Thread(target=self._write, name="hmw-cuts-out", daemon=True).start()
        threading.Thread(target=self._read, name="hmw-cuts-in", daemon=True).start()

    def cut(self, text: str) -> Cut:
        """Send a text; its Cut becomes its string once the helper has cut it."""
        self._outbox.put(text)
        self.sent += 1
        return Cut(self, self.sent - 1, text, self.traditional)

    def learn_traditional_forms(self) -> None:
        """Texts sent from now on are Traditional (the helper teaches jieba their forms first)."""
        if not self.traditional:
            self.traditional = True
            self._outbox.put(self.LEARN)

    def close(self) -> None:
        """No more texts: the helper ends once it has cut those sent."""
        self._outbox.put(self.END)

    def cut_number(self, number: int) -> str | None:
        """The helper's cut of the text sent as `number`; None when the helper ended without it."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.cuts) > number or self.ended)
            return self.cuts[number] if len(self.cuts) > number else None

    def _write(self) -> None:
        stdin = self.process.stdin
        try:
            while (message := self._outbox.get()) is not self.END:
                pickle.dump(message, stdin, protocol=pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
                if self._outbox.empty():
                    stdin.flush()  # type: ignore[union-attr]
            stdin.close()  # type: ignore[union-attr]
        except OSError:  # the helper has gone: _read says so
            pass

    def _read(self) -> None:
        stdout = self.process.stdout
        try:
            while True:
                number, cut = pickle.load(stdout)  # type: ignore[arg-type]
                if number != len(self.cuts):
                    raise ValueError("out of step: trust none of what follows")
                with self._arrived:
                    self.cuts.append(cut)
                    self._arrived.notify_all()
        except EOFError:  # the helper has ended
            pass
        except (OSError, pickle.UnpicklingError, TypeError, ValueError):
            self.process.kill()  # it may be waiting to write what no one will read
        self.process.wait()
        with self._arrived:
            self.ended = True  # a Cut still waiting cuts its own text
            self._arrived.notify_all()


class Cut:
    """A text sent to the helper, in the search index until the index is written; its string is
    the helper's cut (or, should the helper have failed, Material's, made here)."""

    __slots__ = ("helper", "number", "text", "traditional")

    def __init__(self, helper: CuttingHelper, number: int, text: str, traditional: bool) -> None:
        self.helper, self.number, self.text, self.traditional = helper, number, text, traditional

    def __str__(self) -> str:
        cut = self.helper.cut_number(self.number)
        if cut is None:
            if self.traditional:
                from hmw_site.segmentation import teach_traditional_words

                teach_traditional_words()
            cut = material_cut(self.text)
        return cut


_helper: CuttingHelper | None = None


def start() -> None:
    """Start a helper for the builds to come (the default language's build runs the others). One
    left by a build that failed is told to end: it may have learnt the Traditional forms."""
    global _helper
    finish()
    try:
        _helper = CuttingHelper()
    except OSError:  # no helper: the build cuts its own text, as `mkdocs serve` does
        _helper = None


def cut_in_helper(plugins: Any, *, traditional: bool) -> bool:
    """Have this build's search index (Material's search plugin made it before this plugin's
    on_config) send its Chinese to the helper. False when no helper was started."""
    indexes = [index for plugin in plugins.values() if (index := getattr(plugin, "search_index", None))]
    if _helper is None or not indexes:
        return False
    if traditional:
        _helper.learn_traditional_forms()
    for index in indexes:
        index._segment_chinese = _helper.cut  # in place of Material's method, for this index only
    return True


def finish() -> None:
    """Every index is written (or the build failed): let the helper end."""
    global _helper
    if _helper is not None:
        _helper.close()
        _helper = None


if __name__ == "__main__":
    cuts_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # whatever else prints must not mix with the cuts
    try:
        cut_texts(sys.stdin.buffer, cuts_out)
    except BrokenPipeError:  # the build ended (or failed) before reading every cut: no one asks
        sys.exit(1)
