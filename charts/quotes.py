"""How a verbatim quote is shown to a Chinese reader, in the script the reader reads.

The dataset keeps each quote exactly as it stands in the copy of its article — Traditional
characters, ASCII commas, stray spaces and all — because that is what lets a reader find it and
check it (../shared/tools/check_quotes.py). A Chinese page must not show the copies' artefacts,
though, so it shows a *reading* of the quote: in Simplified characters (OpenCC, Traditional to
Simplified) with Chinese punctuation and without the copies' stray spaces, marked when it was
converted from a Traditional original, with the exact words one click away. A Traditional page
(script "Hant") shows the Traditional article's quotes in their own characters and the Simplified
articles' quotes in Traditional characters, character by character (OpenCC s2tw: a quote's words
are the article's, so 软件 becomes 軟件, never Taiwan's 軟體), marked as converted from Simplified.
English pages show our translation and the exact original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import opencc

from charts.i18n import t

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# ASCII punctuation touching a Chinese character on either side becomes its full-width form.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
NEXT_TO_HAN = re.compile(rf"(?<=[{HAN}])([,:;?!()])|([,:;?!()])(?=[{HAN}])")
# A space the copies put between a number and a Chinese character (今年3 月16日, 2018 年, 约 200 步),
# but not the space inside a Latin name that ends in a number (Llama 2 开源 keeps it).
PAIR = re.compile(r"\(([^()]*)\)")  # a pair of ASCII brackets with nothing bracketed inside
SPACE = re.compile(r"\s+")
HAN_CHAR = re.compile(f"[{HAN}]")
NUMBER_BEFORE = re.compile(r"(?:^|[^A-Za-z\d.\-\s]|(?<![A-Za-z])\s)\d+(?:\.\d+)?$")
NUMBER_AFTER = re.compile(r"^\d+(?:\.\d+)?(?![A-Za-z\d.\-])")


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Names written with a character OpenCC would convert, which their owners write that way in
# Simplified Chinese too (Huawei's 昇腾 is not 升腾): they are kept as written.
NAMES_AS_WRITTEN = ("昇腾",)


def simplified(text: str) -> str:
    """Text in Simplified characters (OpenCC's Traditional-to-Simplified conversion), names kept."""
    parts = re.split(f"({'|'.join(NAMES_AS_WRITTEN)})", text)
    return "".join(part if part in NAMES_AS_WRITTEN else _to_simplified().convert(part) for part in parts)


def fold(text: str) -> str:
    """Text compared as a reader compares it: widths folded, no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def punctuated(text: str) -> str:
    """Chinese punctuation and spacing for a quote copied with ASCII commas and stray spaces."""
    text = PAIR.sub(_pair, text)
    text = NEXT_TO_HAN.sub(lambda m: FULL_WIDTH[m.group(1) or m.group(2)], text)
    return SPACE.sub(lambda m: _space(text, m.start(), m.end()), text)


def _pair(match: re.Match[str]) -> str:
    """A pair of ASCII brackets becomes full-width as a pair, when either bracket touches a Chinese
    character: (7 日) is （7 日）, never (7 日）."""
    text, start, end = match.string, match.start(), match.end()
    near = text[start - 1 : start] + match.group(1)[:1] + match.group(1)[-1:] + text[end : end + 1]
    return f"（{match.group(1)}）" if HAN_CHAR.search(near) else match.group(0)


def _space(text: str, start: int, end: int) -> str:
    """Keep a run of spaces unless it only splits a number, or a full-width bracket, from a Chinese
    character."""
    left, right = text[:start], text[end:]
    if (
        left
        and right
        and (
            (right[0] == "（" and HAN_CHAR.fullmatch(left[-1]))
            or (left[-1] == "）" and HAN_CHAR.fullmatch(right[0]))
        )
    ):
        return ""  # 週一 （7日） 證實 reads 週一（7日）證實
    if left and HAN_CHAR.fullmatch(left[-1]) and NUMBER_AFTER.match(right):
        return ""
    if right and HAN_CHAR.fullmatch(right[0]) and NUMBER_BEFORE.search(left):
        return ""
    return text[start:end]


def in_script(text: str, script: str = "Hans") -> str:
    """Text in a script's characters: Simplified (names kept), or Traditional character by character.
    Text already in Traditional characters stays as written: OpenCC would otherwise swap the
    Traditional article's variant forms (its 脫 for Taiwan's 脫) as if they were Simplified."""
    if script == "Hant":
        from charts import traditional

        return text if simplified(text) != text else traditional.quote_characters(text)
    return simplified(text)


def on_traditional_page(text: str, script: str) -> str:
    """A source's own words (a reported wording, a title) as a page shows them: as they stand, except
    on a Traditional page, which shows them in Traditional characters, character by character."""
    return in_script(text, "Hant") if script == "Hant" else text


# The language whose mark says a quote was converted into that script.
MARK_LANG = {"Hans": "zh", "Hant": "zh-Hant"}


def reading(quote: str, script: str = "Hans") -> str:
    """What a Chinese page shows for a quote: in the page's script, with Chinese punctuation."""
    return punctuated(in_script(quote, script))


def is_converted(quote: str, script: str = "Hans") -> bool:
    """Whether the reading changes the quote's characters (an original in the other script), not
    just its punctuation: such a reading is marked as converted wherever it is shown."""
    return in_script(quote, script) != quote


def mark(quote: str, script: str = "Hans") -> str:
    """（据繁体原文转换） when the reading is converted, else nothing: it follows the closing 」, so
    that it never reads as part of the quote."""
    return t("quote.converted", MARK_LANG[script]) if is_converted(quote, script) else ""


def marked_reading(quote: str, script: str = "Hans") -> str:
    """The reading followed by its mark, for plain-text places without quotation marks (a table's
    cell) where the exact original cannot be one click away."""
    return reading(quote, script) + mark(quote, script)
