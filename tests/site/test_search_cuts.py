"""A whole-site build cuts its search indexes' Chinese in a helper process (hmw_site/search_cuts.py):
the index holds the cuts Material's search plugin would have made in the build, Simplified pages
with jieba's own dictionary, Traditional ones once it knows their forms."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from charts.traditional import characters
from hmw_site.search_cuts import PROJECT, Cut, CuttingHelper, material_cut

SIMPLIFIED = ["带 ? 的属于存疑，即未经证实或有争议的说法", "幻觉与检索增强生成", "开源软件的参数 GPT-4"]
TRADITIONAL = [characters(text) for text in SIMPLIFIED]

# What `mkdocs serve` does in the build process: Simplified pages cut first, then the Traditional
# ones once jieba is taught (in a fresh interpreter: other tests teach this one's jieba).
IN_THE_BUILD = """
import json, sys
from hmw_site.search_cuts import material_cut
from hmw_site.segmentation import teach_traditional_words
simplified, traditional = json.load(sys.stdin)
cuts = [material_cut(text) for text in simplified]
teach_traditional_words()
print(json.dumps(cuts + [material_cut(text) for text in traditional]))
"""


def cuts_in_the_build() -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", IN_THE_BUILD],
        input=json.dumps([SIMPLIFIED, TRADITIONAL]),
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT,
    )
    return json.loads(done.stdout)


def test_the_helper_cuts_what_the_build_would_have_cut_in_the_same_order():
    helper = CuttingHelper()
    cuts: list[Cut] = [helper.cut(text) for text in SIMPLIFIED]
    helper.learn_traditional_forms()
    cuts += [helper.cut(text) for text in TRADITIONAL]
    cuts.append(helper.cut(SIMPLIFIED[0]))  # a text met again is cut as it was the first time
    helper.close()
    expected = cuts_in_the_build()
    assert [str(cut) for cut in cuts[:-1]] == expected
    assert str(cuts[-1]) == expected[0]
    assert "\u200b屬於\u200b" in str(cuts[3]), "a Traditional word is cut whole"
    assert helper.process.wait(timeout=30) == 0, "the helper ends once told there is no more"
    assert len(helper.cuts) == len(cuts), "every cut came from the helper"


def test_the_index_is_written_with_each_cuts_string():
    """Material writes its index with json.dumps(..., default=str): a Cut is written as its cut."""
    helper = CuttingHelper()
    entry = {"location": "glossary/", "title": helper.cut("幻觉"), "text": helper.cut("检索增强生成")}
    helper.close()
    written = json.dumps({"docs": [entry]}, separators=(",", ":"), default=str)
    assert json.loads(written)["docs"][0]["title"] == material_cut("幻觉")
    assert json.loads(written)["docs"][0]["text"] == material_cut("检索增强生成")


@pytest.mark.parametrize(
    "helper_script",
    [
        "import sys; sys.stdin.read(); sys.exit(3)",  # fails
        "import sys; print('not a cut', flush=True); sys.stdin.read()",  # says something else
    ],
)
def test_should_the_helper_fail_each_text_is_cut_in_the_build(helper_script: str):
    helper = CuttingHelper((sys.executable, "-c", helper_script))
    cut = helper.cut(SIMPLIFIED[1])
    helper.close()
    assert str(cut) == material_cut(SIMPLIFIED[1])
    assert helper.ended and helper.cuts == []
