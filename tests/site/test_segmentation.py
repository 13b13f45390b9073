"""The Traditional search index is cut into words where its Simplified source is cut
(hmw_site/segmentation.py), and the Simplified one as before."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import jieba
import pytest

from charts.traditional import characters
from hmw_site import segmentation
from hmw_site.segmentation import lesson, teach_traditional_words

SENTENCES = ["带 ? 的属于存疑，即未经证实或有争议的说法", "幻觉与检索增强生成", "开源软件的参数"]


def test_a_traditional_sentence_is_cut_where_its_simplified_source_is_cut():
    before = {text: list(jieba.cut(text)) for text in SENTENCES}
    teach_traditional_words()
    for text, words in before.items():
        assert list(jieba.cut(characters(text))) == [characters(word) for word in words]
        assert list(jieba.cut(text)) == words  # Simplified text is cut exactly as before


def test_the_words_are_taught_once_though_serve_imports_the_module_afresh(monkeypatch: pytest.MonkeyPatch):
    """`mkdocs serve` drops the project's modules when its code changes (hmw_site/plugin.py), but
    jieba, and the words taught to it, stay: a fresh import of the module teaches nothing again."""
    teach_traditional_words()
    monkeypatch.delitem(sys.modules, "hmw_site.segmentation")
    fresh = importlib.import_module("hmw_site.segmentation")
    assert fresh.teach_traditional_words is not teach_traditional_words
    words, total = len(jieba.dt.FREQ), jieba.dt.total
    fresh.teach_traditional_words()
    assert (len(jieba.dt.FREQ), jieba.dt.total) == (words, total)


def a_dictionary(folder: Path) -> jieba.Tokenizer:
    """A small jieba dictionary, loaded: a word whose forms differ by character and in Taiwan's
    words (软件: 軟件, 軟體), one written the same in both scripts, and a Traditional word it has
    already (its form is taught its Simplified word's frequency)."""
    path = folder / "dict.txt"
    path.write_text("软件 30 n\n属于 200 v\n大 500 a\n屬於 7 v\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(path))
    tokenizer.tmp_dir = str(folder)  # its cache, too, stays in the test's folder
    tokenizer.initialize()
    return tokenizer


def test_a_lesson_teaches_what_adding_each_form_as_a_word_does(tmp_path: Path):
    """Lesson.teach is jieba.add_word for every form at once: the same dictionary, the same total."""
    taught, added = a_dictionary(tmp_path), a_dictionary(tmp_path)
    lesson(dict(taught.FREQ)).teach(taught)
    for form, count in segmentation.traditional_forms(dict(added.FREQ)):
        added.add_word(form, count)
    assert list(taught.FREQ.items()) == list(added.FREQ.items())
    assert taught.total == added.total
    assert taught.FREQ["屬於"] == 200 and taught.FREQ["軟件"] == taught.FREQ["軟體"] == 30
    assert taught.FREQ["軟"] == 0  # a prefix, for jieba's lookups
    assert taught.FREQ["大"] == 500 and taught.FREQ["软件"] == 30  # the Simplified words stay
