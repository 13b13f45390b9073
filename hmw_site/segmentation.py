"""Chinese segmentation of a Traditional search index. Material's search plugin cuts Chinese into
words with jieba, whose dictionary is Simplified: on Traditional text it falls back to guessing, and
cuts 屬於 or 未經證實 apart where it keeps 属于 and 未经|证实 whole. So the Traditional build first
teaches jieba the Traditional forms of its dictionary's words, at the same frequencies: a Traditional
page is cut where its Simplified source is cut.
"""

from __future__ import annotations

from charts.traditional import characters, taiwan

# Set on jieba's tokenizer once it knows the Traditional forms. The mark lives with the words it
# stands for: `mkdocs serve` drops this module when the project's code changes (hmw_site/plugin.py),
# but jieba stays loaded, and teaching it again would cost about 2 s of every such rebuild.
TAUGHT = "hmw_traditional_forms_taught"


def teach_traditional_words() -> None:
    """Add every dictionary word's Traditional forms (by character, and in Taiwan's words) to jieba,
    once per process. Only forms with a Traditional-only character are added, so that Simplified
    text, which never holds one, is cut exactly as before (a Simplified rebuild under `mkdocs serve`
    writes what a fresh build writes)."""
    import jieba

    if getattr(jieba.dt, TAUGHT, False):
        return
    jieba.setLogLevel(60)  # no "Building prefix dict" chatter in the build's log
    jieba.initialize()
    frequencies = jieba.dt.FREQ
    words = [word for word, count in frequencies.items() if count > 0]
    joined = "\n".join(words)  # one conversion of the whole list, not one per word
    forms = zip(words, characters(joined).split("\n"), taiwan(joined).split("\n"), strict=True)
    chars = sorted(set(joined) - {"\n"})
    traditional_only = {
        new for old, new in zip(chars, characters("\n".join(chars)).split("\n"), strict=True) if old != new
    }
    for word, by_character, in_taiwans_words in forms:
        for form in {by_character, in_taiwans_words}:
            if form != word and not traditional_only.isdisjoint(form):
                jieba.add_word(form, frequencies[word])
    setattr(jieba.dt, TAUGHT, True)
