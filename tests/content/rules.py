"""What the content tests count as prose, a quote, noise and a copy, in one place (no tests here;
tests/content/test_content.py applies the rules to every page, the other content tests reuse the
definitions).

On a page's Markdown (front matter removed):

* *Prose* is everything outside fenced blocks (the ``source-card`` fence renders data/sources.csv,
  whose noise column describes the noise on purpose), code spans and link targets.
* A *marked quote* is text between curly quotes “…”, straight double quotes "…" or 「…」; a book
  or report title is text between 《…》. A quote holds at most one sentence.
* *Noise* is what our copies of the articles carry that the articles do not (NOISE below, from the
  noise columns of data/sources.csv): injected tokens, page furniture, garbled characters, pinyin
  annotations, Traditional characters on a Simplified page.
* *Copied* means: 20 or more consecutive characters (white space removed, punctuation width
  folded), at least ten of them Chinese, that also stand in an article, outside marked quotes and
  titles. The Traditional-Chinese article is compared in its Simplified rendering too.
"""

from __future__ import annotations

import re

from charts.quotes import fold
from hmw_site.markdown import SHORTCODE, find_fences, strip_front_matter
from tests.articles import article_paths

COPY_RUN = 20  # characters
COPY_MIN_CJK = 10  # of them Chinese: a long Latin run is a name (Retrieval-Enhanced Transformer), not prose

# OpenCC 1.4.2 't2s' for every character of the Traditional-Chinese article (guangzhui) that it
# changes, generated once; enough to compare our Simplified pages with that article.
TRADITIONAL = (
    "來個們備僅價億優儲內兩凱別則創劃動務勞勢匯區協卻參員問單嗎嘗嚴國圖執報場壓夠奮學實審寫將專尋對層崗帥"
    "師帶幾廠張強彥從復態慮憶應戰戶拋掃掛換揮搗擁擇擔據擬數斷時暫會東條楊業極構標樣機檢檻權毀決沒況減測準"
    "為無爭獲現環產畢畫異當發盡監眾確碼磚礎種稱積穩窮竅節篩簡簽紀約級紡細紹結絡給統經綜維網緊緒線編緩練縮"
    "總績織繪續羅義習聞聯職聽脫腦臨臺與興艷萬藝號術見規視覺觀計討訓記訪許評詞試詩話該詳認語誤說誰課調談請"
    "論謂證識譜議讀變讓豐負責貴買費貼資質賴購趨跡車軌較載輯輸轉這進運過達適選還邊醫釋針錐錯鍵長門閂開間閱"
    "閾關陳階際隨雖雙雜難電響項預領頻題類顯風養饋駕駛驗驚體點龐"
)
SIMPLIFIED = (
    "来个们备仅价亿优储内两凯别则创划动务劳势汇区协却参员问单吗尝严国图执报场压够奋学实审写将专寻对层岗帅"
    "师带几厂张强彦从复态虑忆应战户抛扫挂换挥捣拥择担据拟数断时暂会东条杨业极构标样机检槛权毁决没况减测准"
    "为无争获现环产毕画异当发尽监众确码砖础种称积稳穷窍节筛简签纪约级纺细绍结络给统经综维网紧绪线编缓练缩"
    "总绩织绘续罗义习闻联职听脱脑临台与兴艳万艺号术见规视觉观计讨训记访许评词试诗话该详认语误说谁课调谈请"
    "论谓证识谱议读变让丰负责贵买费贴资质赖购趋迹车轨较载辑输转这进运过达适选还边医释针锥错键长门闩开间阅"
    "阈关陈阶际随虽双杂难电响项预领频题类显风养馈驾驶验惊体点庞"
)
T2S = str.maketrans(TRADITIONAL, SIMPLIFIED)

# The articles' noise, as it stands in our copies (see the noise columns of data/sources.csv).
NOISE = (
    "B体育",  # injected spam token (sputnik)
    "英伟 达",  # a stray space inside a name (sputnik)
    "分享海报",  # page furniture (csdn-nine)
    "THE END",  # page furniture (csdn-nine)
    "ICLIn-Context",  # lost brackets (csdn-nine)
    "IlyaIlya",
    "RETRORetrieval",
    "蚉LATO",  # garbled characters (guangzhui)
    "?/p>",
    "(Dog)",  # an emoticon code left in the text (guangzhui)
    "下载界面新闻",  # page furniture (guangzhui), after t2s
    "本文为转载内容",
    "明火炊具",  # unrelated news after the shendu article
    "重庆公积金",
    "PA279CRV",
    "工业互联网标识解析",
)
PINYIN_AFTER_HANZI = re.compile(r"[\u3400-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}\)")
PINYIN_TONES = re.compile(r"[ǎǐǒǔǚǜǘǖěāēīōūńňǹ]")

QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|「[^」\n]*」")
TITLED = re.compile(r"《[^》\n]*》")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
INLINE_CODE = re.compile(r"`[^`\n]*`")
CJK = re.compile(r"[\u3400-\u9fff]")


def without_fences(markdown: str) -> str:
    lines = markdown.split("\n")
    drop = {i for fence in find_fences(lines) for i in range(fence.start, fence.end)}
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def prose(markdown: str) -> str:
    """A page's own words: no front matter, fences, code spans or link targets."""
    text = without_fences(strip_front_matter(markdown))
    return LINK_TARGET.sub("]", INLINE_CODE.sub(" ", text))


def punctuation_folded(text: str) -> str:
    """Full-width and half-width punctuation compare equal (the copies mix them)."""
    return fold(text).translate(str.maketrans("，：；？！（）", ",:;?!()"))


def clean_article(raw: str) -> str:
    text = raw.replace("B体育", "")
    return re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}\)", "", text)


# Our own romanisation of a Chinese phrase, in italics on an English page (*bǎi mó dà zhàn*), is not
# the articles' noise: the copies put bare pinyin in parentheses after characters.
ROMANISED = re.compile(r"\*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\*")


def noise(text: str) -> list[str]:
    """Every piece of the articles' noise in a page's prose: markers, pinyin after a character or
    with a tone mark outside an italic romanisation, Traditional characters."""
    return [
        *(marker for marker in NOISE if marker in text),
        *PINYIN_AFTER_HANZI.findall(text),
        *PINYIN_TONES.findall(ROMANISED.sub("", text)),
        *sorted({c for c in text if c in TRADITIONAL}),
    ]


def long_quotes(text: str) -> list[str]:
    """The marked quotes in a page's prose that hold more than one sentence."""
    found = []
    for quote in (m.group(0)[1:-1] for m in QUOTED.finditer(text)):
        inner = quote.rstrip("。！？.!?…")
        if re.search(r"[。！？]|[.!?]\s+[A-Z]", inner):
            found.append(quote)
    return found


def article_runs_of() -> dict[str, set[str]]:
    """Every COPY_RUN-character run of every article (and of its Simplified rendering), by file
    name; the ``article_runs`` fixture (tests/content/conftest.py) computes it once per run."""
    runs: dict[str, set[str]] = {}
    for path in article_paths():
        text = clean_article(path.read_text(encoding="utf-8"))
        found: set[str] = set()
        for variant in {fold(text), fold(text.translate(T2S))}:
            found.update(variant[i : i + COPY_RUN] for i in range(len(variant) - COPY_RUN + 1))
        runs[path.name] = found
    return runs


def copied_runs(markdown: str, runs: dict[str, set[str]]) -> list[str]:
    """Every COPY_RUN-character run of a page's prose, outside marked quotes and titles, with at
    least COPY_MIN_CJK Chinese characters, that also stands in an article."""
    text = SHORTCODE.sub("\n", prose(markdown))
    text = TITLED.sub("\n", QUOTED.sub("\n", text))
    found = []
    for piece in text.split("\n"):
        folded = fold(piece)
        for i in range(len(folded) - COPY_RUN + 1):
            window = folded[i : i + COPY_RUN]
            if len(CJK.findall(window)) >= COPY_MIN_CJK and any(window in r for r in runs.values()):
                found.append(window)
    return found
