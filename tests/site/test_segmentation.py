"""The Traditional search index is cut into words where its Simplified source is cut
(hmw_site/segmentation.py), and the Simplified one as before."""

from __future__ import annotations

import importlib
import sys

import jieba
import pytest

from charts.traditional import characters
from hmw_site.segmentation import teach_traditional_words

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
    taught: list[str] = []
    monkeypatch.setattr(jieba, "add_word", lambda word, *args, **kwargs: taught.append(word))
    fresh.teach_traditional_words()
    assert taught == []
