"""The glossary: one page built from data/glossary.yaml, and a definition on every term elsewhere.

The glossary page (docs/<lang>/glossary.md) holds an introduction and a fence::

    ```glossary
    ```

which the site replaces with every term, grouped by category (one heading per category, so the
table of contents lists them), each with its anchor ``#term-<id>``, its definition in the page's
language, the other language's name, the related pages named in the YAML and the pages that
actually use it (found by scanning every page's Markdown prose for the term's aliases).

On every other page, each occurrence of a term in running text gets its definition: the first
occurrence on a page becomes a link to the glossary entry (keyboard-focusable;
overrides/assets/javascripts/tooltips.js shows the title on hover, tap and focus, and a tap on the
link follows it to the definition), later ones an ``<abbr title>``. Headings, links, code,
``<abbr>``, figures (charts), table header cells, form controls and anything inside
``[data-no-glossary]`` (the dataset tables and cards, whose quotes must stay verbatim) are left
alone. Chinese has no word boundaries, so matching is our own: all aliases in one pattern, longest
first; an alias that starts or ends with a Latin letter or digit must not touch another one there
(so "RAG" does not match in "DRAGON").
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charts.glossary import Glossary, Term, in_language, load_glossary, other_language
from charts.locale import locale_of
from hmw_site.html import render
from hmw_site.markdown import find_fences, prose_segments, strip_front_matter

GLOSSARY_PAGE = "glossary.md"
# Elements whose text is never wrapped; void elements never need tracking.
SKIP_TAGS = {
    "a", "abbr", "code", "pre", "kbd", "samp", "script", "style", "svg", "button", "select", "option",
    "textarea", "label", "th", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "title", "iframe", "math",
}  # fmt: skip
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
MD_NOISE = re.compile(r"\]\([^)]*\)|<[^>]+>|\{[#.][^}]*\}|^\s*#+\s.*$", re.MULTILINE)


class GlossaryError(PluginError):
    """The glossary page is malformed or the glossary names a page that does not exist (problems
    of data/glossary.yaml itself are DataErrors, from charts/glossary.py)."""


# --- matching ---------------------------------------------------------------------------------


def alias_pattern(alias: str, lang: str) -> str:
    """One alias as a regex: Latin edges may not touch Latin letters; lowercase English is loose."""
    body = re.escape(alias).replace(r"\ ", r"[ \u00a0]")
    loose = locale_of(lang).cased and alias == alias.lower() and alias[-1].isalpha()
    if loose:
        body = f"(?i:{body})(?:s|es)?"
    start = r"(?<![A-Za-z0-9])" if alias[0].isascii() and alias[0].isalnum() else ""
    end = r"(?![A-Za-z0-9])" if alias[-1].isascii() and alias[-1].isalnum() else ""
    return f"{start}{body}{end}"


# What `(?i:…)` lets match an ASCII letter besides its other case (Python's re documentation).
CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def may_occur(alias: str, lang: str, spaced: str, folded: str) -> bool:
    """False only when alias_pattern(alias) cannot match anywhere in a text (spaced: the text with
    no-break spaces as spaces; folded: that, after CASE_TWINS, lowercased): a quick test that keeps
    the pattern small."""
    probe = alias.replace("\u00a0", " ")
    if locale_of(lang).cased and alias == alias.lower() and alias[-1].isalpha():  # loose, as alias_pattern
        return not alias.isascii() or probe in folded
    return probe in spaced


def term_matcher(
    glossary: Glossary, lang: str, text: str | None = None
) -> tuple[re.Pattern[str], dict[str, Term]]:
    """One pattern for every alias of every term, longest alias first, and alias -> term. Given the
    text it will search, only the aliases that may occur in it: an alias that cannot match changes
    no match, and a pattern of a few aliases runs many times faster than one of all of them."""
    owners: dict[str, Term] = {}
    for term in glossary.terms:
        for alias in term.aliases[lang]:
            owners[alias] = term
    ordered = sorted(owners, key=lambda a: (-len(a), a))
    if text is not None:
        spaced = text.replace("\u00a0", " ")
        folded = spaced.translate(CASE_TWINS).lower()
        ordered = [a for a in ordered if may_occur(a, lang, spaced, folded)]
        if not ordered:
            return re.compile("(?!)"), {}
    pattern = re.compile("|".join(f"(?P<a{i}>{alias_pattern(a, lang)})" for i, a in enumerate(ordered)))
    by_group = {f"a{i}": owners[a] for i, a in enumerate(ordered)}
    return pattern, by_group


def prose_text(markdown: str) -> str:
    """A page's running text: no front matter, code, link targets, HTML tags or headings."""
    text = "".join(chunk for prose, chunk in prose_segments(strip_front_matter(markdown)) if prose)
    return MD_NOISE.sub(" ", text)


def term_uses(glossary: Glossary, pages: dict[str, str], lang: str) -> dict[str, list[str]]:
    """For each term, the pages (other than the glossary) whose prose uses it."""
    uses: dict[str, list[str]] = {term.id: [] for term in glossary.terms}
    for page, markdown in pages.items():
        if page == GLOSSARY_PAGE:
            continue
        prose = prose_text(markdown)
        pattern, by_group = term_matcher(glossary, lang, prose)
        found = {by_group[m.lastgroup].id for m in pattern.finditer(prose) if m.lastgroup}
        for term_id in found:
            uses[term_id].append(page)
    return uses


class ProseRanges(HTMLParser):
    """The spans of an HTML fragment's source that are running text outside SKIP_TAGS and
    [data-no-glossary]: each span is all the text between two tags, found from the parser's
    positions, so the caller can rewrite the text and keep every other character of the source."""

    def __init__(self, content: str) -> None:
        super().__init__(convert_charrefs=False)  # text events in source order, entities unconverted
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", content)]
        self.size = len(content)
        self.stack: list[tuple[str, bool]] = []  # (tag, skips) for every open non-void element
        self.skipping = 0
        self.run: int | None = None  # where the text since the last tag starts
        self.ranges: list[tuple[int, int]] = []
        self.feed(str(content))  # as text: HTMLParser joins its input, and Markup would escape that
        self.close()
        self._end_run(self.size)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _text(self) -> None:
        if self.run is None:
            self.run = self._offset()

    def _end_run(self, end: int) -> None:
        if self.run is not None and not self.skipping:
            self.ranges.append((self.run, end))
        self.run = None

    def _markup(self) -> None:
        self._end_run(self._offset())

    def handle_data(self, data: str) -> None:
        self._text()

    def handle_entityref(self, name: str) -> None:
        self._text()

    def handle_charref(self, name: str) -> None:
        self._text()

    def handle_comment(self, data: str) -> None:
        self._markup()

    def handle_decl(self, decl: str) -> None:
        self._markup()

    def handle_pi(self, data: str) -> None:
        self._markup()

    def unknown_decl(self, data: str) -> None:
        self._markup()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._markup()  # <x/> opens nothing

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._markup()
        if tag in VOID_TAGS:
            return
        skips = tag in SKIP_TAGS or any(name == "data-no-glossary" for name, _ in attrs)
        self.stack.append((tag, skips))
        self.skipping += skips

    def handle_endtag(self, tag: str) -> None:
        self._markup()
        # A stray closing tag (e.g. the </p> Markdown leaves after a block of raw HTML) must not
        # unwind the stack past an open [data-no-glossary] container.
        if all(open_name != tag for open_name, _ in self.stack):
            return
        while self.stack:
            open_name, skips = self.stack.pop()
            self.skipping -= skips
            if open_name == tag:
                break


@lru_cache(maxsize=256)
def prose_ranges(content: str) -> tuple[tuple[int, int], ...]:
    """ProseRanges(content).ranges, remembered: parsing a page's HTML is most of the glossary's
    share of a build, and under `mkdocs serve` most pages come out the same on every save."""
    return tuple(ProseRanges(content).ranges)


def wrap_terms(content: str, glossary: Glossary, lang: str, glossary_url: str) -> str:
    """Give every term in running text its definition: a link the first time, <abbr> after."""
    ranges = prose_ranges(str(content))
    pattern, by_group = term_matcher(glossary, lang, "\n".join(content[start:end] for start, end in ranges))
    linked: set[str] = set()

    def wrap(match: re.Match[str]) -> str:
        term = by_group[match.lastgroup or ""]
        href = ""
        if term.id not in linked:
            linked.add(term.id)
            href = f"{glossary_url}#term-{term.id}"
        return render("glossary_term.html", href=href, title=term.title(lang), text=Markup(match.group(0)))

    out: list[str] = []
    cursor = 0
    for start, end in ranges:
        out.append(content[cursor:start])
        out.append(pattern.sub(wrap, content[start:end]))
        cursor = end
    out.append(content[cursor:])
    return "".join(out)


# --- the glossary page ------------------------------------------------------------------------


def render_glossary(
    glossary: Glossary, lang: str, uses: dict[str, list[str]], titles: dict[str, str], url_for: Any
) -> str:
    """The glossary page's body: Markdown headings (one per category, for the table of contents)
    between the HTML blocks of templates/glossary_*.html."""
    out = [
        render("glossary_count.html", lang=lang, n=len(glossary.terms)),
        render("glossary_index.html", lang=lang, terms=glossary.terms),
    ]
    for key, names in glossary.categories.items():
        members = [term for term in glossary.terms if term.category == key]
        if not members:
            continue
        out.append(f"## {names[lang]} {{#cat-{key}}}")
        entries = []
        for term in members:
            used = [p for p in uses.get(term.id, []) if p not in term.related]
            pages = [[(url_for(p), titles.get(p, p)) for p in group] for group in (term.related, used)]
            entries.append((term, *pages))
        out.append(render("glossary_entries.html", lang=lang, other=other_language(lang), entries=entries))
    return "\n\n".join(out)


def expand_glossary_fence(markdown: str, body: str) -> str:
    lines = markdown.split("\n")
    fences = [f for f in find_fences(lines) if f.info == "glossary"]
    if len(fences) != 1:
        raise GlossaryError(f"{GLOSSARY_PAGE} must hold exactly one ```glossary fence (found {len(fences)})")
    fence = fences[0]
    return "\n".join([*lines[: fence.start], "", body, "", *lines[fence.end :]])


# --- per build ----------------------------------------------------------------------------------


def missing_related_pages(glossary: Glossary, pages: dict[str, str] | set[str]) -> list[str]:
    """The pages the glossary's `related` fields name that are not pages of the site."""
    return sorted({p for term in glossary.terms for p in term.related if p not in pages})


class GlossaryPages:
    """Per build: the glossary, which pages use each term, and the pages' titles."""

    def __init__(self, project: Path, lang: str) -> None:
        self.glossary = in_language(load_glossary(project / "data" / "glossary.yaml"), lang)
        self.lang = lang
        self.uses: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}

    def read(self, pages: dict[str, str], titles: dict[str, str], docs_dir: str) -> None:
        """Which pages use which term; fail when the glossary names a page that does not exist."""
        self.uses = term_uses(self.glossary, pages, self.lang)
        self.titles = titles
        missing = missing_related_pages(self.glossary, pages)
        if missing:
            raise GlossaryError(
                f"data/glossary.yaml: related pages that do not exist in {docs_dir}: {missing}"
            )

    def render_page(self, markdown: str, page: Page, files: Files) -> str:
        """The glossary page's fence replaced with the entries; other pages unchanged."""
        if page.file.src_uri != GLOSSARY_PAGE:
            return markdown

        def url_for(target: str) -> str:
            found = files.get_file_from_path(target)
            if found is None:
                raise GlossaryError(f"data/glossary.yaml names {target}, which is not a page of this site")
            return found.url_relative_to(page.file)

        body = render_glossary(self.glossary, self.lang, self.uses, self.titles, url_for)
        return expand_glossary_fence(markdown, body)

    def wrap(self, content: str, page: Page, files: Files, docs_dir: str) -> str:
        """A definition on every term in running text of every page but the glossary itself."""
        if page.file.src_uri == GLOSSARY_PAGE:
            return content
        target = files.get_file_from_path(GLOSSARY_PAGE)
        if target is None:
            raise GlossaryError(f"the glossary page {GLOSSARY_PAGE} is missing from {docs_dir}")
        return wrap_terms(content, self.glossary, self.lang, target.url_relative_to(page.file))
