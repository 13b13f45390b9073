"""The Traditional search index is cut into words where its Simplified source is cut
(hmw_site/segmentation.py), and the Simplified one as before."""

from __future__ import annotations

import jieba

from charts.traditional import characters
from hmw_site.segmentation import teach_traditional_words

SENTENCES = ["带 ? 的属于存疑，即未经证实或有争议的说法", "幻觉与检索增强生成", "开源软件的参数"]


def test_a_traditional_sentence_is_cut_where_its_simplified_source_is_cut():
    before = {text: list(jieba.cut(text)) for text in SENTENCES}
    teach_traditional_words()
    for text, words in before.items():
        assert list(jieba.cut(characters(text))) == [characters(word) for word in words]
        assert list(jieba.cut(text)) == words  # Simplified text is cut exactly as before
