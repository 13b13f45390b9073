"""A generated language's pages and configuration (Traditional Chinese), converted from its source
language's as the build reads them, so that no page of it is kept by hand.

- Prose is converted by the language's converter (charts/traditional.py: Taiwan's words, names and
  published titles by character, the reviewed table).
- Shortcodes, link targets, HTML tags and attribute lists are left alone: the dataset renders its own
  text in the page's language (hmw_site/shortcodes.py and the fences read it through the Locale).
  Code keeps its syntax; only its Chinese placeholders and the files it names take the language's.
- A quote (“…” or 「…」) is an article's words, never re-worded. Where the dataset holds the passage
  in a Traditional original (a row's verbatim quote of the Traditional article), the original's own
  characters are shown; any other quote is converted character by character, and a note at the
  page's end says so. (A sign on each quote was tried: the pages also quote labels, nicknames and
  terms, which a sign misreports as articles' words, and a page could carry thirty of them.)
- The configuration's words (site name, navigation titles, toggles) are converted too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from charts import quotes
from charts.dataset import Dataset
from charts.i18n import t
from charts.locale import Locale
from charts.traditional import corner_quotes
from hmw_site.markdown import FRONT_MATTER, SHORTCODE, prose_segments

# Left as they are inside prose: shortcodes, link targets, HTML tags, attribute lists, autolinks.
KEPT = (
    SHORTCODE.pattern,
    r"\]\([^)\n]*\)",  # a link's target: ](../atlas.md#chart-param-scale "title")
    r"\]\[[^\]\n]*\]",  # a reference link's label
    r"<[A-Za-z/!][^>\n]*>",  # an HTML tag or comment, attributes and all
    r"\{[#:.][^}\n]*\}",  # an attribute list: {#card} {: .class}
)
QUOTE = r"“[^“”\n]*”|「[^「」\n]*」"
# Files a page links to or names in its source language's version, and their generated twins: the
# deck, the charts' standalone files, Creative Commons' deed. Applied to link targets, HTML tags and
# code (an example file name on a Traditional page is the Traditional file's).
OWN_FILES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "zh-Hant": (
        (re.compile(r"(?<=-)zh(?=\.(?:pptx|html|png|svg|csv|zip|json)\b)"), "zh-Hant"),
        (re.compile(r"(?<=deed\.)zh-hans\b"), "zh-hant"),
    )
}
PIECES = re.compile(f"(?P<kept>{'|'.join(KEPT)})|(?P<quote>{QUOTE})")
CHINESE_RUN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+")  # in code: a placeholder, a title


class Originals:
    """The Traditional originals the dataset holds (its rows' verbatim quotes of Traditional
    sources): a quote found inside one is shown in the original's own characters."""

    def __init__(self, exact_quotes: Iterable[str]) -> None:
        # (the folded reading, the original, where in the original each folded character stands)
        self.index: list[tuple[str, str, list[int]]] = []
        for exact in exact_quotes:
            read = quotes.simplified(exact)
            pieces = [quotes.fold(ch) for ch in read]
            if len(read) != len(exact) or any(len(piece) > 1 for piece in pieces):
                continue  # a phrase conversion or a folded character changed the length: no map
            where = [i for i, piece in enumerate(pieces) if piece]
            self.index.append(("".join(pieces), exact, where))

    def find(self, simplified_quote: str) -> str | None:
        """The original's words for a quote written in Simplified, or None."""
        wanted = quotes.fold(simplified_quote)
        if not wanted:
            return None
        for folded, exact, where in self.index:
            at = folded.find(wanted)
            if at >= 0:
                return exact[where[at] : where[at + len(wanted) - 1] + 1]
        return None


def own_files(target: str, lang: str) -> str:
    """A link target or tag naming a file of the source language, naming the generated language's."""
    for pattern, replacement in OWN_FILES.get(lang, ()):
        target = pattern.sub(replacement, target)
    return target


def converted_code(code: str, loc: Locale) -> str:
    """A code span or fence with its syntax kept: its Chinese (a placeholder such as <图表>, a sample
    title) and the files it names in the generated language."""
    return CHINESE_RUN.sub(lambda run: loc.convert(run.group(0)), own_files(code, loc.code))


def converted_note(lang: str) -> str:
    """The note at a page's end that says its quotes were converted character by character (a
    paragraph of its own, after any block)."""
    return f'\n\n<p class="quotes-converted-note">{t("quote.converted_note", lang)}</p>\n'


def converted_quote(inner: str, loc: Locale, originals: Originals) -> str:
    """A quote's words in the language's script: the original's where the dataset has it, else
    converted character by character, with Chinese punctuation."""
    original = originals.find(inner)
    return quotes.punctuated(original) if original is not None else quotes.in_script(inner, loc.script)


def converted_prose(text: str, loc: Locale, originals: Originals) -> str:
    """One stretch of prose (no code in it) in the generated language."""
    out: list[str] = []
    last = 0
    for match in PIECES.finditer(text):
        out.append(loc.convert(text[last : match.start()]))
        if match["kept"]:
            out.append(own_files(match["kept"], loc.code))
        else:
            quote = match["quote"]
            out.append(quote[0] + converted_quote(quote[1:-1], loc, originals) + quote[-1])
        last = match.end()
    out.append(loc.convert(text[last:]))
    return "".join(out)


def converts_a_quote(markdown: str, loc: Locale, originals: Originals) -> bool:
    """Whether a page's prose quotes anything whose characters the conversion changes (and that
    the dataset does not hold in a Traditional original)."""
    return any(
        match["quote"]
        and quotes.is_converted(match["quote"][1:-1], loc.script)
        and originals.find(match["quote"][1:-1]) is None
        for is_prose, text in prose_segments(markdown)
        if is_prose
        for match in PIECES.finditer(text)
    )


def converted_markdown(markdown: str, loc: Locale, originals: Originals) -> str:
    """A page's Markdown (without its front matter) in the generated language, ending with the note
    on its quotes if it converts any. Quotation marks become the script's (「」, 『』 inside) in each
    stretch of prose."""
    marks = corner_quotes if loc.script == "Hant" else str
    body = "".join(
        marks(converted_prose(text, loc, originals)) if is_prose else converted_code(text, loc)
        for is_prose, text in prose_segments(markdown)
    )
    return body + converted_note(loc.code) if converts_a_quote(markdown, loc, originals) else body


def traditional_originals(data: Dataset) -> list[str]:
    """Every verbatim quote the dataset holds of a source written in Traditional characters."""
    return [
        row["quote"]
        for name in data.schema
        for row in data.table(name).values()
        if row.get("quote")
        and row.get("source") in data.sources
        and data.sources[row["source"]]["script"] == "Hant"
    ]


class GeneratedPages:
    """The pages of a generated language: its source language's, converted as the build reads them."""

    def __init__(self, loc: Locale, data: Dataset) -> None:
        self.loc = loc
        self.originals = Originals(traditional_originals(data) if loc.script == "Hant" else ())

    def source(self, text: str) -> str:
        """A page's file (front matter and Markdown) in the generated language."""
        front = FRONT_MATTER.match(text)
        head, body = (front.group(0), text[front.end() :]) if front else ("", text)
        marks = corner_quotes if self.loc.script == "Hant" else str
        return marks(converted_prose(head, self.loc, self.originals)) + converted_markdown(
            body, self.loc, self.originals
        )

    def convert_files(self, files: Files) -> dict[str, str]:
        """Every page of the build converted in place (MkDocs reads file.content_string); returns
        them by src_uri, in a stable order, as hmw_site/markdown.py read_pages does."""
        pages = {}
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            file.content_string = pages[file.src_uri] = self.source(file.content_string)
        return pages


def converted_value(value: Any, loc: Locale) -> Any:
    """A configuration value (a string, or lists and mappings of them, keys too) converted."""
    if isinstance(value, str):
        return loc.convert(value)
    if isinstance(value, list):
        return [converted_value(item, loc) for item in value]
    if isinstance(value, dict):
        return {converted_value(key, loc): converted_value(item, loc) for key, item in value.items()}
    return value


def converted_config(config: MkDocsConfig, loc: Locale) -> None:
    """The words a generated language's configuration inherits from its source's: the site's name,
    description, author and copyright line, the navigation's titles, the palette toggles' labels and the
    headings' permalink title."""
    for key in ("site_name", "site_description", "site_author", "copyright"):
        config[key] = converted_value(config[key], loc)
    config.nav = converted_value(config.nav, loc)
    for scheme in config.theme.get("palette") or []:
        if isinstance(scheme.get("toggle"), dict):
            scheme["toggle"] = converted_value(scheme["toggle"], loc)
    toc = config.mdx_configs.get("toc") or {}
    if isinstance(toc.get("permalink_title"), str):
        toc["permalink_title"] = loc.convert(toc["permalink_title"])
