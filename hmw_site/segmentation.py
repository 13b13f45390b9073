"""Chinese segmentation of a Traditional search index. Material's search plugin cuts Chinese into
words with jieba, whose dictionary is Simplified: on Traditional text it falls back to guessing, and
cuts 屬於 or 未經證實 apart where it keeps 属于 and 未经|证实 whole. So the Traditional build first
teaches jieba the Traditional forms of its dictionary's words, at the same frequencies: a Traditional
page is cut where its Simplified source is cut.

Working out the forms (two conversions of 350,000 words) takes a second and a half of interpreter
time. A build of the whole site gives it to a helper process (``python -m hmw_site.segmentation``)
as it starts, and the Traditional build, which comes last, only adds what the helper sends.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jieba

from charts.traditional import characters, taiwan

# Set on jieba's tokenizer once it knows the Traditional forms. The mark lives with the words it
# stands for: `mkdocs serve` drops this module when the project's code changes (hmw_site/plugin.py),
# but jieba stays loaded, and teaching it again would cost about 2 s of every such rebuild.
TAUGHT = "hmw_traditional_forms_taught"
PROJECT = Path(__file__).resolve().parent.parent

Forms = list[tuple[str, int]]  # a Traditional form and the frequency of the word it is a form of


@dataclass(frozen=True)
class Lesson:
    """What teaching jieba the forms changes: the entries its dictionary sets (the forms, and as 0
    the prefixes it looks words up by, in the order jieba.add_word would set them) and what its
    total of frequencies grows by. Worked out away from the dictionary, applied in one update."""

    entries: dict[str, int]
    total: int

    def teach(self, tokenizer: jieba.Tokenizer) -> None:
        """What tokenizer.add_word(form, count) does for each form (positive counts, no tags)."""
        tokenizer.FREQ.update(self.entries)
        tokenizer.total += self.total


def traditional_forms(frequencies: dict[str, int]) -> Forms:
    """Every dictionary word's Traditional forms (by character, and in Taiwan's words), each with
    its word's frequency, in the dictionary's order. Only forms with a Traditional-only character
    are kept, so that Simplified text, which never holds one, is cut exactly as before (a Simplified
    rebuild under `mkdocs serve` writes what a fresh build writes)."""
    words = [word for word, count in frequencies.items() if count > 0]
    joined = "\n".join(words)  # one conversion of the whole list, not one per word
    forms = zip(words, characters(joined).split("\n"), taiwan(joined).split("\n"), strict=True)
    chars = sorted(set(joined) - {"\n"})
    traditional_only = {
        new for old, new in zip(chars, characters("\n".join(chars)).split("\n"), strict=True) if old != new
    }
    return [
        (form, frequencies[word])
        for word, by_character, in_taiwans_words in forms
        for form in dict.fromkeys((by_character, in_taiwans_words))  # each once, in this order
        if form != word and not traditional_only.isdisjoint(form)
    ]


def lesson(frequencies: dict[str, int]) -> Lesson:
    """The Traditional forms of a dictionary (jieba's FREQ) as one Lesson."""
    entries: dict[str, int] = {}
    total = 0
    for form, count in traditional_forms(frequencies):
        entries[form] = count
        total += count
        for end in range(1, len(form)):
            prefix = form[:end]
            if prefix not in frequencies and prefix not in entries:
                entries[prefix] = 0
    return Lesson(entries, total)


class FormsHelper:
    """The helper process that works out the Traditional forms while the other languages build."""

    def __init__(self, command: Sequence[str] = (sys.executable, "-m", "hmw_site.segmentation")) -> None:
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=PROJECT)

    def lesson(self) -> Lesson | None:
        """The helper's lesson; None when it failed (the caller works it out itself)."""
        try:  # plain data: the helper's Lesson class is __main__'s, not this module's
            entries, total = pickle.load(self.process.stdout)  # type: ignore[arg-type]
            taught: Lesson | None = Lesson(entries, total)
        except (EOFError, pickle.UnpicklingError, ValueError):
            taught = None
        self.process.stdout.close()  # type: ignore[union-attr]
        return taught if self.process.wait() == 0 else None


_helper: FormsHelper | None = None


def start_working_out_forms() -> None:
    """Start the helper, once per process, unless jieba knows the forms already (or was given
    another dictionary than its own, which the helper reads)."""
    global _helper
    if _helper is None and not getattr(jieba.dt, TAUGHT, False) and jieba.dt.dictionary == jieba.DEFAULT_DICT:
        _helper = FormsHelper()


def teach_traditional_words() -> None:
    """Add every dictionary word's Traditional forms to jieba, once per process: the helper's, when
    one was started, else worked out here."""
    global _helper
    if getattr(jieba.dt, TAUGHT, False):
        return
    jieba.setLogLevel(60)  # no "Building prefix dict" chatter in the build's log
    jieba.initialize()
    helper, _helper = _helper, None
    taught = helper.lesson() if helper is not None else None
    (taught or lesson(jieba.dt.FREQ)).teach(jieba.dt)
    setattr(jieba.dt, TAUGHT, True)


if __name__ == "__main__":  # the helper: the lesson of jieba's default dictionary, pickled to stdout
    frequencies, _ = jieba.Tokenizer.gen_pfdict(jieba.dt.get_dict_file())
    taught = lesson(frequencies)
    try:
        pickle.dump((taught.entries, taught.total), sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    except BrokenPipeError:  # the build ended (or failed) before its Traditional part: no one asks
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(1)
