"""Chinese segmentation of a Traditional search index. Material's search plugin cuts Chinese into
words with jieba, whose dictionary is Simplified: on Traditional text it falls back to guessing, and
cuts 屬於 or 未經證實 apart where it keeps 属于 and 未经|证实 whole. So the Traditional build first
teaches jieba the Traditional forms of its dictionary's words, at the same frequencies: a Traditional
page is cut where its Simplified source is cut.

Working out the forms (two conversions of 350,000 words) takes two seconds. A `mkdocs build` has
them worked out, with all its Chinese cut, in a helper process (hmw_site/search_cuts.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import jieba

from charts.traditional import characters, taiwan

# Set on jieba's tokenizer once it knows the Traditional forms. The mark lives with the words it
# stands for: `mkdocs serve` drops this module when the project's code changes (hmw_site/plugin.py),
# but jieba stays loaded, and teaching it again would cost about 2 s of every such rebuild.
TAUGHT = "hmw_traditional_forms_taught"

Forms = list[tuple[str, int]]  # a Traditional form and the frequency of the word it is a form of


@dataclass(frozen=True)
class Lesson:
    """What teaching jieba the forms changes: the entries its dictionary sets (the forms, and as 0
    the prefixes it looks words up by, in the order jieba.add_word would set them) and what its
    total of frequencies grows by: one update, where add_word for each form took half a second."""

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


def teach_traditional_words() -> None:
    """Add every dictionary word's Traditional forms to jieba, once per process. (A `mkdocs build`
    cuts its search indexes in a helper process, which is taught there: hmw_site/search_cuts.py.)"""
    if getattr(jieba.dt, TAUGHT, False):
        return
    jieba.setLogLevel(60)  # no "Building prefix dict" chatter in the build's log
    jieba.initialize()
    lesson(jieba.dt.FREQ).teach(jieba.dt)
    setattr(jieba.dt, TAUGHT, True)
