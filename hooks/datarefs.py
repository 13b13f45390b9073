"""Numbers from the dataset in page text: shortcodes, data tables and source cards.

Every number a page shows comes from ``data/`` through this hook, so a page cannot drift from
the dataset: the value is formatted for the page's language by ``charts/formats.py``, linked to
its dataset row, and carries its source and status (disputed, reported, estimated and projected
values get a visible mark and an explanation; they are never shown as plain fact).

Shortcodes (anywhere in a page's Markdown except inside code spans and fenced code)::

    [[figures:ID]]            a figure's value, e.g. 6300万美元 / $63 million   (→ method.md#figure-ID)
    [[figures:ID:date]]       the date the figure holds for
    [[figures:ID:subject]]    what the figure is about (GPT-4)
    [[models:ID:params]]      a model's parameter count (1.8万亿 / 1.8 trillion) (→ atlas.md#model-ID)
    [[models:ID:date]]        a model's release date
    [[models:ID:name]]        the model's name in the page's language
    [[models:ID:context]]     its context window in tokens;  [[models:ID:tokens]]  its training tokens
    [[events:ID:date]]        an event's date                               (→ timeline.md#event-ID)
    [[events:ID:title]]       an event's title
    [[count:models]]  [[count:events]]  [[count:figures]]  [[count:sources]]   rows in a table
    [[count:models:CN]]       models of one country (CN, US, GB, AE);  [[count:models:open]] open weights
    [[count:events:2023]]     events in one year;  [[count:events:model]] events of one category
    [[count:figures:training-cost]]   figures of one group
    [[mark:disputed]]         a status mark on its own (reported, estimated, projected, disputed,
                              external), for prose that explains the marks

Fences (a fenced block whose info string is only the name; the body is the argument)::

    ```datatable        body: models | events | figures — the full table, rows anchored model-ID …
    ```eventlist        body empty — every event by year, with year headings (in the TOC), event-ID anchors
    ```source-card      body: a source id — the bibliographic card from data/sources.csv
    ```schema           body empty — every table and column of data/schema.yaml
    ```downloads        body empty — links to the dataset files this hook serves under data/
    ```citations        body empty — how to cite the site and each source article
    ```marks            body empty — the legend of status marks used by the shortcodes

An unknown table, id, field, filter or fence argument fails the build with an error that names
the page and the shortcode. After the build, every link this hook wrote is checked against the
anchors its fences wrote, so a page that links to ``atlas.md#model-x`` fails the build if the
atlas lost its table.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
# MkDocs puts hooks/ first on sys.path while it loads a hook, and hooks/charts.py would then shadow
# the charts package: the project root must come first.
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))

from charts import citation, formats, quotes  # noqa: E402
from charts.dataset import Dataset, PartialDate, load_dataset  # noqa: E402
from charts.i18n import in_sentence, t  # noqa: E402

ASSETS = Path(__file__).resolve().parent / "assets"
SITE_ASSETS = "assets/datarefs"
DATA_FILES = ("sources.csv", "references.csv", "models.csv", "events.csv", "figures.csv", "schema.yaml")
EXTRA_DATA_FILES = ("glossary.yaml", "claims.yaml")

# Where each table's rows live on the site: (page, anchor prefix, id of the whole table).
ROW_PAGES: dict[str, tuple[str, str, str]] = {
    "models": ("atlas.md", "model-", "models-table"),
    "events": ("timeline.md", "event-", "events"),
    "figures": ("method.md", "figure-", "figures-table"),
    "sources": ("sources/index.md", "source-", ""),
}
FIELDS: dict[str, tuple[str, ...]] = {
    "figures": ("value", "date", "subject"),
    "models": ("params", "date", "name", "context", "tokens"),
    "events": ("date", "title"),
}
DEFAULT_FIELD = {"figures": "value"}
# The words for a column taken from an external reference (ref_fields values).
FIELD_LABELS = {
    "release_date": "label.released",
    "params_billion": "label.params",
    "open_weights": "label.open_weights",
    "context_tokens": "label.context",
    "training_tokens_billion": "label.training_tokens",
    "org": "label.org",
    "date": "label.date",
}

SHORTCODE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*?)[ \t]*$")
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HREF = re.compile(r"""href=["']([^"']+)["']""")
H1 = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)

# --- words: every UI string comes from the one vocabulary (charts/strings.yaml) ------------------

LANGS = ("zh", "en")


def word(key: str, lang: str) -> str:
    """A status or category as it reads inside a sentence or a table cell ("reported", "研究")."""
    return in_sentence(t(key, lang), lang)


# The visible mark for each status that is not plain fact. External values get their own mark.
MARKS: dict[str, str] = {
    "reported": "†",
    "estimated": "≈",
    "projected": "↗",
    "disputed": "?",
    "external": "‡",
}


# --- rendering context ------------------------------------------------------------------------


class ShortcodeError(PluginError):
    """A page asked for something the dataset does not have; the message names page and code."""


@dataclass
class Context:
    """What rendering needs to know about the page being built, and what it records for checks."""

    data: Dataset
    lang: str
    page: str  # src_uri of the page being rendered, e.g. topics/scale.md
    url_for: Callable[[str, str], str]  # (target src_uri, anchor) -> href relative to the page
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (page, target, anchor)
    anchors: dict[str, set[str]] = field(default_factory=dict)  # page -> anchors written
    usage: dict[str, set[str]] | None = None  # source id -> pages that build on it

    def href(self, target: str, anchor: str = "") -> str:
        self.links.append((self.page, target, anchor))
        return self.url_for(target, anchor)

    def anchor(self, name: str) -> str:
        written = self.anchors.setdefault(self.page, set())
        if name in written:
            raise ShortcodeError(
                f"{self.page}: the anchor #{name} is written twice (two tables of one kind?)"
            )
        written.add(name)
        return name


def files_url_for(files: Files, page: Page) -> Callable[[str, str], str]:
    """Resolve a target page against the build's files, relative to the current page."""

    def url_for(target: str, anchor: str) -> str:
        found = files.get_file_from_path(target)
        if found is None:
            raise ShortcodeError(f"{page.file.src_uri}: links to {target}, which is not a page of this site")
        url = found.url_relative_to(page.file)
        return f"{url}#{anchor}" if anchor else url

    return url_for


# --- formatting (all number and date formats come from charts/formats.py) --------------------


# Characters Markdown (and its extensions: tilde, caret, mark) would read as markup in prose.
MARKDOWN_CHARS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]~^="})


def prose_text(value: Any) -> str:
    """Dataset text for the text of an element that a shortcode puts inside a paragraph: Markdown
    runs after the shortcodes, so its characters are written as character references too."""
    return esc(value).translate(MARKDOWN_CHARS)


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def fmt_date(value: PartialDate | None, lang: str) -> str:
    return formats.format_date(value, lang) if value is not None else t("label.no_date", lang)


def fmt_params(row: dict[str, Any], lang: str) -> str:
    """A model's parameter count with its bound (超过1000亿 / over 100 billion for a floor)."""
    return formats.format_model_params(row, lang, long=True)


def fmt_figure(row: dict[str, Any], lang: str) -> str:
    """A figure by its unit and bound, or in the article's own idiom where the row keeps one."""
    return formats.format_value(row, lang)


def fmt_count(count: int, lang: str) -> str:
    return formats.format_value(count, "count", lang)


def fmt_tokens(count: float, lang: str) -> str:
    return formats.format_value(count, "tokens", lang)


def date_key(value: PartialDate | None) -> tuple[int, int, int]:
    """Sort partial dates: a year-only date sorts before the months of that year."""
    if value is None:
        return (9999, 99, 99)
    return (value.year, value.month or 0, value.day or 0)


def zh_or_en(row: dict[str, Any], stem: str, lang: str) -> str:
    return row[f"{stem}_{lang}"] or row[f"{stem}_zh"] or ""


def source_name(src: dict[str, Any], lang: str) -> str:
    """A short name for a source: its outlet when the copy states one, else its title (citation.py)."""
    return citation.name(src, lang)


def source_line(ctx: Context, source_id: str) -> str:
    """'深渡Cross《…》，2023年11月16日' — plain text for a title attribute."""
    return citation.full(ctx.data.sources[source_id], ctx.lang)


def reference_line(ctx: Context, ref_id: str) -> str:
    ref = ctx.data.references[ref_id]
    return f"{ref['title']} ({ref['publisher']}, {ref['year']})"


def describe(ctx: Context, source_id: str, status: str | None, note: str, external: str | None) -> str:
    """The title attribute of a value: its status, where it comes from, and any caveat."""
    lang = ctx.lang
    sep = "；" if lang == "zh" else "; "
    colon = "：" if lang == "zh" else ": "
    parts = []
    if status:
        explain = t("explain." + status, lang).rstrip("。.")
        parts.append(f"{t('label.status', lang)}{colon}{word('status.' + status, lang)} — {explain}")
    if external:
        parts.append(f"{t('label.external', lang)}{colon}{reference_line(ctx, external)}")
        parts.append(f"{t('label.source', lang)}{colon}{source_line(ctx, source_id)}")
    else:
        parts.append(f"{t('label.source', lang)}{colon}{source_line(ctx, source_id)}")
    if note:
        parts.append(f"{t('label.note', lang)}{colon}{note}")
    return sep.join(parts)


def mark_html(kind: str | None, lang: str) -> str:
    """A visible superscript for a value that is not plain fact, with words for screen readers."""
    if kind not in MARKS:
        return ""
    words = word("status." + kind, lang)
    hidden = f"（{words}）" if lang == "zh" else f" ({words})"
    return (
        f'<sup class="dataref__mark dataref__mark--{kind}" aria-hidden="true">{MARKS[kind]}</sup>'
        f'<span class="dataref__sr">{esc(hidden)}</span>'
    )


def legend_mark(kind: str, lang: str) -> str:
    """A status mark on its own, for prose that explains the marks; its title says what it means."""
    status = word("status." + kind, lang)
    return (
        f'<span class="dataref__mark dataref__mark--{kind} dataref__mark--legend" '
        f'title="{esc(status + " — " + t("explain." + kind, lang))}">{MARKS[kind]}</span>'
        f'<span class="dataref__sr">{esc(status)}</span>'
    )


def link_html(ctx: Context, target: str, anchor: str, text: str, title: str, kind: str | None) -> str:
    classes = "dataref" + (f" dataref--{kind}" if kind else "")
    return (
        f'<a class="{classes}" href="{esc(ctx.href(target, anchor))}" title="{esc(title)}">'
        f"{prose_text(text)}{mark_html(kind, ctx.lang)}</a>"
    )


# --- shortcodes -------------------------------------------------------------------------------


def render_shortcode(code: str, ctx: Context) -> str:
    """Render the inside of one [[...]] shortcode; raise ShortcodeError naming page and code."""
    parts = code.strip().split(":")
    table = parts[0]

    def fail(why: str) -> ShortcodeError:
        return ShortcodeError(f"{ctx.page}: shortcode [[{code}]]: {why}")

    if table == "count":
        return render_count(parts[1:], ctx, fail)
    if table == "mark":
        if len(parts) != 2 or parts[1] not in MARKS:
            raise fail(f"mark needs one of {', '.join(MARKS)}, e.g. [[mark:disputed]]")
        return legend_mark(parts[1], ctx.lang)
    if table not in FIELDS:
        known = ", ".join([*FIELDS, "count", "mark"])
        return _raise(fail(f"unknown table {table!r}; known: {known}"))
    if len(parts) < 2 or not parts[1]:
        return _raise(fail(f"needs an id: [[{table}:ID{':FIELD' if table != 'figures' else ''}]]"))
    key = parts[1]
    rows = ctx.data.table(table)
    if key not in rows:
        close = [k for k in rows if k.startswith(key[:4])][:5]
        hint = f"; similar ids: {', '.join(close)}" if close else ""
        return _raise(fail(f"no row {key!r} in data/{table}.csv{hint}"))
    name = parts[2] if len(parts) > 2 else DEFAULT_FIELD.get(table)
    if len(parts) > 3 or name not in FIELDS[table]:
        return _raise(fail(f"unknown field {name!r} for {table}; known: {', '.join(FIELDS[table])}"))
    row = rows[key]
    if ctx.usage is not None:
        ctx.usage.setdefault(row["source"], set()).add(ctx.page)
    return {"figures": render_figure, "models": render_model, "events": render_event}[table](
        row, name, ctx, fail
    )


def _raise(error: Exception) -> str:
    raise error


def render_figure(row: dict[str, Any], name: str, ctx: Context, fail: Callable[[str], Exception]) -> str:
    page, prefix, _ = ROW_PAGES["figures"]
    note = row[f"note_{ctx.lang}"] or ""
    status = row["status"]
    if name == "value":
        text, kind = fmt_figure(row, ctx.lang), status if status in MARKS else None
    elif name == "date":
        if row["date"] is None:
            raise fail(f"figure {row['id']!r} has no date")
        text, kind = fmt_date(row["date"], ctx.lang), None
    else:
        text, kind = zh_or_en(row, "subject", ctx.lang), None
    title = describe(ctx, row["source"], status if name == "value" else None, note, None)
    return link_html(ctx, page, prefix + row["id"], text, title, kind)


def render_model(row: dict[str, Any], name: str, ctx: Context, fail: Callable[[str], Exception]) -> str:
    page, prefix, _ = ROW_PAGES["models"]
    lang = ctx.lang
    note = row[f"note_{lang}"] or ""
    ref_fields = row["ref_fields"] or ()
    column = {
        "params": "params_billion",
        "date": "release_date",
        "context": "context_tokens",
        "tokens": "training_tokens_billion",
        "name": "name",
    }[name]
    external = row["ref"] if column in ref_fields else None
    status: str | None = None
    if name == "name":
        text = zh_or_en(row, "name", lang)
    elif row[column] is None:
        raise fail(f"model {row['id']!r} has no {column} (empty in data/models.csv)")
    elif name == "params":
        status = row["params_status"]
        text = fmt_params(row, lang)
    elif name == "date":
        text = fmt_date(row[column], lang)
    elif name == "context":
        text = fmt_tokens(row[column], lang)
    else:
        text = fmt_tokens(row[column] * 1e9, lang)
    kind = status if status in MARKS else ("external" if external else None)
    title = describe(ctx, row["source"], status, note if name == "params" else "", external)
    return link_html(ctx, page, prefix + row["id"], text, title, kind)


def render_event(row: dict[str, Any], name: str, ctx: Context, fail: Callable[[str], Exception]) -> str:
    page, prefix, _ = ROW_PAGES["events"]
    ref_fields = row["ref_fields"] or ()
    external = row["ref"] if "date" in ref_fields and name == "date" else None
    text = fmt_date(row["date"], ctx.lang) if name == "date" else zh_or_en(row, "title", ctx.lang)
    title = describe(ctx, row["source"], None, "", external)
    return link_html(ctx, page, prefix + row["id"], text, title, "external" if external else None)


def countries(data: Dataset) -> list[str]:
    """The country codes the schema allows, in its order."""
    return list(data.schema["models"]["columns"]["country"]["values"])


def count_rows(data: Dataset, table: str, flt: str | None) -> tuple[int, str]:
    """Count a table's rows, optionally filtered; return (count, words for the filter)."""
    rows = data.table(table).values()
    if flt is None:
        return len(data.table(table)), ""
    if table == "models" and flt in countries(data):
        return sum(1 for r in rows if r["country"] == flt), f"country.{flt}"
    if table == "models" and flt == "open":
        return sum(1 for r in rows if r["open_weights"] == "yes"), "count.open"
    if table == "events" and re.fullmatch(r"\d{4}", flt):
        return sum(1 for r in rows if r["date"].year == int(flt)), f"year:{flt}"
    if table == "events" and flt in data.schema["events"]["columns"]["category"]["values"]:
        return sum(1 for r in rows if r["category"] == flt), f"category.{flt}"
    if table == "figures" and flt in data.schema["figures"]["columns"]["group"]["values"]:
        return sum(1 for r in rows if r["group"] == flt), f"group:{flt}"
    raise KeyError(flt)


def render_count(args: list[str], ctx: Context, fail: Callable[[str], Exception]) -> str:
    tables = ("models", "events", "figures", "sources")
    if not args or args[0] not in tables or len(args) > 2:
        raise fail(f"count needs one of {', '.join(tables)}, e.g. [[count:models]] or [[count:models:CN]]")
    table, flt = args[0], (args[1] if len(args) > 1 else None)
    try:
        count, words = count_rows(ctx.data, table, flt)
    except KeyError:
        raise fail(
            f"unknown filter {flt!r} for {table}; models take a country "
            f"({', '.join(countries(ctx.data))}) or 'open', "
            "events a year or a category, figures a group"
        ) from None
    if table == "sources" and flt:
        raise fail("sources cannot be filtered")
    page, _, anchor = ROW_PAGES[table]
    title = t(f"count.{table}", ctx.lang)
    if words:
        label = words.split(":", 1)[1] if ":" in words else t(words, ctx.lang)
        title += t("count.filtered", ctx.lang, filter=label)
    return link_html(ctx, page, anchor, fmt_count(count, ctx.lang), title, None)


# --- Markdown scanning helpers (shared with hooks/glossary.py) ---------------------------------


@dataclass
class Fence:
    start: int  # first line index
    end: int  # line index after the closing fence
    indent: str
    info: str
    body: str


def find_fences(lines: list[str]) -> list[Fence]:
    """Every fenced code block (``` or ~~~, any indentation), so code is never rewritten."""
    fences: list[Fence] = []
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        body = "\n".join(
            line[len(indent) :] if line.startswith(indent) else line for line in lines[i + 1 : j]
        )
        fences.append(Fence(i, min(j + 1, len(lines)), indent, info.strip(), body))
        i = j + 1
    return fences


def prose_segments(markdown: str) -> list[tuple[bool, str]]:
    """Split Markdown into (is_prose, text) pieces; fenced blocks and code spans are not prose."""
    lines = markdown.split("\n")
    pieces: list[tuple[bool, str]] = []
    cursor = 0
    for fence in find_fences(lines):
        if fence.start > cursor:
            pieces.extend(_split_inline_code("\n".join(lines[cursor : fence.start]) + "\n"))
        pieces.append((False, "\n".join(lines[fence.start : fence.end]) + "\n"))
        cursor = fence.end
    if cursor < len(lines):
        pieces.extend(_split_inline_code("\n".join(lines[cursor:])))
    elif pieces and pieces[-1][1].endswith("\n") and not markdown.endswith("\n"):
        pieces[-1] = (pieces[-1][0], pieces[-1][1][:-1])
    return pieces


def _split_inline_code(text: str) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    last = 0
    for match in INLINE_CODE.finditer(text):
        out.append((True, text[last : match.start()]))
        out.append((False, match.group(0)))
        last = match.end()
    out.append((True, text[last:]))
    return out


def strip_front_matter(markdown: str) -> str:
    return FRONT_MATTER.sub("", markdown, count=1)


def page_title(markdown: str, fallback: str) -> str:
    """A page's title as MkDocs would show it: front matter title, else the first H1."""
    front = FRONT_MATTER.match(markdown)
    if front:
        meta = yaml.safe_load(front.group(1)) or {}
        if isinstance(meta, dict) and meta.get("title"):
            return str(meta["title"])
    heading = H1.search(strip_front_matter(markdown))
    return heading.group(1).strip() if heading else fallback


def linked_pages(markdown: str, page: str) -> set[str]:
    """src_uris of the pages a page's Markdown links to (Markdown links and raw href=)."""
    found: set[str] = set()
    base = Path(page).parent
    for is_prose, text in prose_segments(markdown):
        if not is_prose:
            continue
        for target in [*MD_LINK.findall(text), *HREF.findall(text)]:
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            path = target.split("#", 1)[0]
            if not path.endswith(".md"):
                continue
            parts: list[str] = []
            for part in (base / path).parts:
                if part == "..":
                    if parts:
                        parts.pop()
                elif part != ".":
                    parts.append(part)
            found.add("/".join(parts))
    return found


def read_pages(docs_dir: Path) -> dict[str, str]:
    """Every Markdown page of one language, src_uri -> text, in a stable order."""
    return {
        p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(docs_dir.rglob("*.md"))
    }


def page_language(config: MkDocsConfig) -> str:
    language = str(config.theme.get("language") or "zh")
    return "zh" if language.startswith("zh") else "en"


# --- fences: rendered before Markdown, so headings they write reach the table of contents -----


def replace_shortcodes(markdown: str, ctx: Context) -> str:
    """Replace every [[...]] outside code with its rendered link."""
    return "".join(
        SHORTCODE.sub(lambda m: render_shortcode(m.group(1), ctx), text) if prose else text
        for prose, text in prose_segments(markdown)
    )


def expand_fences(markdown: str, ctx: Context, fences: dict[str, Callable[[str, Context], str]]) -> str:
    """Replace this hook's fences with their output (indented like the fence)."""
    lines = markdown.split("\n")
    out: list[str] = []
    cursor = 0
    for fence in find_fences(lines):
        if fence.info not in fences:
            continue
        out.extend(lines[cursor : fence.start])
        rendered = fences[fence.info](fence.body.strip(), ctx)
        block = ["", *rendered.strip("\n").split("\n"), ""]
        out.extend(fence.indent + line if line else "" for line in block)
        cursor = fence.end
    out.extend(lines[cursor:])
    return "\n".join(out)


def quote_html(ctx: Context, row: dict[str, Any]) -> str:
    """The quote, marked as such. A Chinese page shows its Simplified reading with Chinese
    punctuation (charts/quotes.py), marked when converted from a Traditional original, and keeps the
    exact words one click away; an English page shows our translation, then the exact original."""
    exact = row["quote"]
    script = ctx.data.sources[row["source"]]["script"]
    original = f'<q class="dataref-quote" lang="zh-{script}">{esc(exact)}</q>'
    if ctx.lang != "zh":
        return (
            f'<q class="dataref-quote">{esc(row["quote_en"])}</q> '
            f'<span class="dataref-original">({t("label.quote", "en")}: {original})</span>'
        )
    shown = f'<q class="dataref-quote" lang="zh-Hans">{esc(quotes.reading(exact))}</q>'
    if quotes.reading(exact) == exact:
        return shown
    mark = (
        f'<span class="dataref-converted">{t("quote.converted", "zh")}</span>'
        if quotes.is_converted(exact)
        else ""
    )
    summary = f"<summary>{t('label.exact_quote', 'zh')}</summary>"
    return f'{shown}{mark}<details class="dataref-exact">{summary}{original}</details>'


def source_link(ctx: Context, source_id: str) -> str:
    src = ctx.data.sources[source_id]
    href = esc(ctx.href(f"sources/{source_id}.md"))
    title = esc(citation.title(src, ctx.lang))
    return f'<a href="{href}" title="{title}">{esc(source_name(src, ctx.lang))}</a>'


def external_html(ctx: Context, row: dict[str, Any]) -> str:
    """Which of a row's values come from an external reference rather than its article."""
    if not row.get("ref"):
        return ""
    ref = ctx.data.references[row["ref"]]
    joiner = "、" if ctx.lang == "zh" else ", "
    labels = joiner.join(t(FIELD_LABELS[field], ctx.lang) for field in row["ref_fields"])
    colon = "：" if ctx.lang == "zh" else ": "
    return (
        f'<span class="dataref-external">{mark_html("external", ctx.lang)} '
        f"{t('label.external', ctx.lang)}{colon}"
        f'<a href="{esc(ref["url"])}" rel="noopener">{esc(ref["title"])}</a> '
        f"({esc(ref['publisher'])}, {ref['year']}) — "
        f"{t('label.external_fields', ctx.lang)}{colon}{esc(labels)}"
        "</span>"
    )


def status_html(ctx: Context, status: str) -> str:
    mark = f"{MARKS[status]} " if status in MARKS else ""
    return (
        f'<span class="dataref-status dataref-status--{status}" '
        f'title="{esc(t("explain." + status, ctx.lang))}">'
        f"{mark}{word('status.' + status, ctx.lang)}</span>"
    )


def evidence_html(ctx: Context, row: dict[str, Any], status: str | None) -> str:
    """Source, quote, status, note and external reference of one row, for a table cell: one block
    each (the quote may hold a <details> with the exact words, which phrasing content may not)."""
    colon = "：" if ctx.lang == "zh" else ": "
    parts = [
        f'<div class="dataref-source">{source_link(ctx, row["source"])}{colon}{quote_html(ctx, row)}</div>'
    ]
    if status:
        parts.append(f"<div>{t('label.status', ctx.lang)}{colon}{status_html(ctx, status)}</div>")
    note = row.get(f"note_{ctx.lang}")
    if note:
        parts.append(f'<div class="dataref-note">{t("label.note", ctx.lang)}{colon}{esc(note)}</div>')
    external = external_html(ctx, row)
    if external:
        parts.append(f"<div>{external}</div>")
    return "".join(parts)


def evidence_details(ctx: Context, row: dict[str, Any], status: str | None) -> str:
    """The evidence folded into a disclosure: the summary names the source and the status, so a
    table row stays one line high; opening it shows the quote, note and external reference."""
    lang = ctx.lang
    src = ctx.data.sources[row["source"]]
    summary = esc(source_name(src, lang))
    if status:
        summary += f" · {status_html(ctx, status)}"
    return (
        f'<details class="dataref-evidence"><summary>{summary}</summary>'
        f"{evidence_html(ctx, row, None)}</details>"
    )


def value_cell(label: str, text: str, sort_value: Any, extra: str = "") -> str:
    sort = f' data-sort-value="{esc(sort_value)}"' if sort_value is not None else ""
    return f'<td data-label="{esc(label)}"{sort}>{text}{extra}</td>'


def render_datatable(body: str, ctx: Context) -> str:
    renderers = {"models": models_table, "events": events_table, "figures": figures_table}
    if body not in renderers:
        raise ShortcodeError(
            f"{ctx.page}: ```datatable body {body!r}: expected one of {', '.join(renderers)}"
        )
    return renderers[body](ctx)


def _header(ctx: Context, columns: Iterable[tuple[str, str]]) -> str:
    """Header cells; `kind` is how the script sorts the column, and `filter:x` marks a filter column."""
    cells = []
    for key, kind in columns:
        sort, _, flt = kind.partition(":")
        extra = f' data-filter="{flt}"' if flt else ""
        cells.append(f'<th scope="col" data-sort-type="{sort}"{extra}>{esc(t(key, ctx.lang))}</th>')
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


def models_table(ctx: Context) -> str:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["models"]
    columns = [
        ("label.model", "text"),
        ("label.org", "text:org"),
        ("label.country", "text:country"),
        ("label.released", "date"),
        ("label.params", "number"),
        ("label.open_weights", "text:open"),
        ("label.evidence", "none"),
    ]
    rows = []
    for key, row in ctx.data.models.items():
        anchor = ctx.anchor(prefix + key)
        org = zh_or_en(row, "org", lang)
        date = row["release_date"]
        released = fmt_date(date, lang) if date else "—"
        if date and "release_date" in (row["ref_fields"] or ()):
            released += mark_html("external", lang)
        if row["params_billion"] is not None:
            kind = row["params_status"] if row["params_status"] in MARKS else None
            if kind is None and "params_billion" in (row["ref_fields"] or ()):
                kind = "external"
            params = f"{esc(fmt_params(row, lang))}{mark_html(kind, lang)}"
        else:
            params = f'<span class="dataref-unknown">{word("status.unknown", lang)}</span>'
        extras = []
        if row["context_tokens"]:
            extras.append(f"{t('label.context', lang)} {esc(fmt_tokens(row['context_tokens'], lang))}")
        if row["training_tokens_billion"]:
            extras.append(
                f"{t('label.training_tokens', lang)} "
                f"{esc(fmt_tokens(row['training_tokens_billion'] * 1e9, lang))}"
            )
        joined = ("；" if lang == "zh" else "; ").join(extras)
        extra = f'<br><span class="dataref-extra">{joined}</span>'
        rows.append(
            f'<tr id="{anchor}" data-country="{row["country"]}" data-org="{esc(org)}" '
            f'data-open="{row["open_weights"]}">'
            f'<th scope="row" data-label="{esc(t("label.model", lang))}">'
            f'<a class="datatable__self" href="#{anchor}">{esc(zh_or_en(row, "name", lang))}</a></th>'
            + value_cell(t("label.org", lang), esc(org), org)
            + value_cell(t("label.country", lang), esc(t("country." + row["country"], lang)), row["country"])
            + value_cell(t("label.released", lang), released, date.iso if date else "")
            + value_cell(
                t("label.params", lang),
                params,
                row["params_billion"] if row["params_billion"] is not None else "",
                extra if extras else "",
            )
            + value_cell(t("label.open_weights", lang), esc(t("open." + row["open_weights"], lang)), None)
            + value_cell(
                t("label.evidence", lang),
                evidence_details(
                    ctx, row, row["params_status"] if row["params_billion"] is not None else None
                ),
                None,
            )
            + "</tr>"
        )
    return _table(ctx, "models", table_id, columns, rows)


def _table(ctx: Context, kind: str, table_id: str, columns: list[tuple[str, str]], rows: list[str]) -> str:
    anchor = ctx.anchor(table_id)
    sortable = kind == "models"
    hint = f'<p class="datatable__hint">{esc(t("label.sort_hint", ctx.lang))}</p>' if sortable else ""
    return (
        f'<div class="datatable datatable--{kind}" id="{anchor}" data-no-glossary '
        f'data-shown-template="{esc(t("label.shown", ctx.lang))}" '
        f'data-all-label="{esc(t("label.all", ctx.lang))}" '
        f'data-filter-label="{esc(t("label.filters", ctx.lang))}">'
        + hint
        + f'<div class="datatable__scroll"><table class="datatable__table"'
        f"{' data-sortable' if sortable else ''}>"
        + _header(ctx, columns)
        + "<tbody>"
        + "".join(rows)
        + "</tbody></table></div></div>"
    )


def events_table(ctx: Context) -> str:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["events"]
    columns = [
        ("label.date", "date"),
        ("label.event", "text"),
        ("label.category", "text"),
        ("label.evidence", "none"),
    ]
    rows = []
    for key, row in sorted(ctx.data.events.items(), key=lambda kv: date_key(kv[1]["date"])):
        anchor = ctx.anchor(prefix + key)
        rows.append(
            f'<tr id="{anchor}"><th scope="row" data-label="{esc(t("label.date", lang))}">'
            f"{_event_date(ctx, row)}</th>"
            + value_cell(t("label.event", lang), _event_text(ctx, row), None)
            + value_cell(t("label.category", lang), esc(word("category." + row["category"], lang)), None)
            + value_cell(t("label.evidence", lang), evidence_html(ctx, row, None), None)
            + "</tr>"
        )
    return _table(ctx, "events", table_id, columns, rows)


def _event_date(ctx: Context, row: dict[str, Any]) -> str:
    text = esc(fmt_date(row["date"], ctx.lang))
    if "date" in (row["ref_fields"] or ()):
        text += mark_html("external", ctx.lang)
    return f'<time datetime="{row["date"].iso}">{text}</time>'


def _event_text(ctx: Context, row: dict[str, Any]) -> str:
    models = ""
    if row["models"]:
        page, prefix, _ = ROW_PAGES["models"]
        links = ", ".join(
            f'<a href="{esc(ctx.href(page, prefix + m))}">'
            f"{esc(zh_or_en(ctx.data.models[m], 'name', ctx.lang))}</a>"
            for m in row["models"]
        )
        colon = "：" if ctx.lang == "zh" else ": "
        models = f'<br><span class="dataref-extra">{t("label.models", ctx.lang)}{colon}{links}</span>'
    return (
        f"<strong>{esc(zh_or_en(row, 'title', ctx.lang))}</strong><br>"
        f"{esc(zh_or_en(row, 'description', ctx.lang))}{models}"
    )


def figures_table(ctx: Context) -> str:
    lang = ctx.lang
    _, prefix, table_id = ROW_PAGES["figures"]
    columns = [
        ("label.subject", "text"),
        ("label.measure", "text"),
        ("label.value", "number"),
        ("label.as_of", "date"),
        ("label.evidence", "none"),
    ]
    groups = ctx.data.schema["figures"]["columns"]["group"]["values"]
    rows = []
    ordered = sorted(ctx.data.figures.items(), key=lambda kv: groups.index(kv[1]["group"]))
    for key, row in ordered:
        anchor = ctx.anchor(prefix + key)
        kind = row["status"] if row["status"] in MARKS else None
        rows.append(
            f'<tr id="{anchor}" data-group="{row["group"]}">'
            f'<th scope="row" data-label="{esc(t("label.subject", lang))}">'
            f'<a class="datatable__self" href="#{anchor}">{esc(zh_or_en(row, "subject", lang))}</a></th>'
            + value_cell(t("label.measure", lang), esc(zh_or_en(row, "measure", lang)), None)
            + value_cell(
                t("label.value", lang), esc(fmt_figure(row, lang)) + mark_html(kind, lang), row["value"]
            )
            + value_cell(
                t("label.as_of", lang), esc(fmt_date(row["date"], lang)) if row["date"] else "—", None
            )
            + value_cell(t("label.evidence", lang), evidence_details(ctx, row, row["status"]), None)
            + "</tr>"
        )
    return _table(ctx, "figures", table_id, columns, rows)


def render_eventlist(body: str, ctx: Context) -> str:
    """Every event by year: a Markdown heading per year (so the TOC lists years), then a list."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```eventlist takes no body (found {body!r})")
    lang = ctx.lang
    _, prefix, list_id = ROW_PAGES["events"]
    by_year: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(ctx.data.events.values(), key=lambda r: date_key(r["date"])):
        by_year.setdefault(row["date"].year, []).append(row)
    out = [f'<div id="{ctx.anchor(list_id)}" class="eventlist-anchor"></div>']
    for year, rows in by_year.items():
        out.append(f"## {t('label.year_heading', lang, year=year)} {{#year-{year}}}")
        items = []
        for row in rows:
            anchor = ctx.anchor(prefix + row["id"])
            items.append(
                f'<li id="{anchor}" class="eventlist__item eventlist__item--{row["category"]}">'
                f'<div class="eventlist__when">{_event_date(ctx, row)}'
                f'<span class="eventlist__category">'
                f"{esc(word('category.' + row['category'], lang))}</span></div>"
                f'<div class="eventlist__what">{_event_text(ctx, row)}'
                f'<div class="eventlist__evidence">{evidence_html(ctx, row, None)}</div></div></li>'
            )
        out.append(f'<ol class="eventlist" data-no-glossary>{"".join(items)}</ol>')
    return "\n\n".join(out)


def render_source_card(body: str, ctx: Context) -> str:
    lang = ctx.lang
    if body not in ctx.data.sources:
        raise ShortcodeError(
            f"{ctx.page}: ```source-card body {body!r}: no such source; known: {', '.join(ctx.data.sources)}"
        )
    src = ctx.data.sources[body]
    anchor = ctx.anchor(f"source-{body}") if ctx.page == ROW_PAGES["sources"][0] else f"card-{body}"
    rows: list[tuple[str, str]] = []
    if not citation.is_titled(src):
        rows.append(
            (t("label.original_title", lang), esc(t("label.untitled", lang, label=src[f"title_{lang}"])))
        )
    elif lang == "zh":
        rows.append((t("label.original_title", lang), esc(citation.title(src, "zh"))))
        rows.append((t("label.title_translation", lang), f'<span lang="en">{esc(src["title_en"])}</span>'))
    else:
        rows.append(
            (t("label.original_title", lang), f'<span lang="zh">{esc(citation.title(src, "zh"))}</span>')
        )
        rows.append((t("label.title_translation", lang), esc(src["title_en"])))
    if not citation.outlet(src, lang):
        outlet = t("label.outlet_missing", lang)
    elif lang == "zh":
        outlet = esc(src["outlet_zh"])
    else:
        outlet = f'{esc(src["outlet_en"])} (<span lang="zh">{esc(src["outlet_zh"])}</span>)'
    rows.append((t("label.outlet", lang), outlet))
    author = src["author_zh"] if lang == "zh" else src["author_en"]
    rows.append((t("label.author", lang), esc(author) if author else t("label.author_missing", lang)))
    rows.append(
        (
            t("label.published", lang),
            f'<time datetime="{src["date"].iso}">{esc(fmt_date(src["date"], lang))}</time>'
            f'<br><span class="source-card__aside">{t("label.date_evidence", lang)}'
            f"{'：' if lang == 'zh' else ': '}{esc(src['date_evidence_' + lang])}</span>",
        )
    )
    rows.append((t("label.language", lang), t("script." + src["script"], lang)))
    if src["url"]:
        link = f'<a href="{esc(src["url"])}" rel="noopener" lang="zh">{esc(src["url"])}</a>'
    else:
        link = t("label.link_missing", lang)
    rows.append((t("label.link", lang), link))
    if src[f"noise_{lang}"]:
        rows.append((t("label.noise", lang), esc(src[f"noise_{lang}"])))
    # The summaries link to one another (how the articles relate); that is not building on an article.
    users = sorted(p for p in (ctx.usage or {}).get(body, set()) if not p.startswith("sources/"))
    if users:
        titles = TITLES.get(lang, {})
        items = "".join(f'<li><a href="{esc(ctx.href(p))}">{esc(titles.get(p, p))}</a></li>' for p in users)
        used = f'<ul class="source-card__pages">{items}</ul>'
    else:
        used = t("label.used_by_none", lang)
    rows.append((t("label.used_by", lang), used))
    cells = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<div class="source-card" id="{anchor}" data-no-glossary><dl>{cells}</dl>'
        f'<p class="source-card__aside">{t("label.not_republished", lang)}</p></div>'
    )


def plain_table(kind: str, headers: list[str], rows: list[tuple[str, list[str]]]) -> str:
    """A static table styled like the dataset tables (cards on a phone); rows are (row header, cells)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><th scope="row">{first}</th>'
        + "".join(
            f'<td data-label="{esc(label)}">{cell}</td>'
            for label, cell in zip(headers[1:], cells, strict=True)
        )
        + "</tr>"
        for first, cells in rows
    )
    return (
        f'<div class="datatable datatable--plain datatable--{kind}" data-no-glossary>'
        f'<div class="datatable__scroll"><table class="datatable__table">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></div>"
    )


def render_schema(body: str, ctx: Context) -> str:
    """Every table and column of data/schema.yaml, with meaning, type, unit and allowed values."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```schema takes no body")
    lang = ctx.lang
    colon = "：" if lang == "zh" else ": "
    sep = "；" if lang == "zh" else "; "
    out = []
    for name, spec in ctx.data.schema.items():
        out.append(f"### {spec['title'][lang]} · `{spec['file']}` {{#schema-{name}}}")
        description, desc_lang = _described(spec, lang)
        out.append(
            f'<p class="schema__about"{desc_lang}>{esc(description)}</p>\n\n'
            f'<p class="schema__meta">{t("schema.key", lang)}{colon}<code>{esc(spec["key"])}</code> · '
            f"{t('schema.rows', lang)}{colon}{esc(fmt_count(len(ctx.data.table(name)), lang))}</p>"
        )
        has_zh = lang == "en" or all(col.get("description_zh") for col in spec["columns"].values())
        headers = [
            t("schema.column", lang),
            t("schema.type", lang),
            t("schema.description" if has_zh else "schema.description_en", lang),
        ]
        rows = []
        for column, col in spec["columns"].items():
            facts = [t("type." + col["type"], lang)]
            if col["type"] == "ref":
                facts.append(t("schema.refers_to", lang, table=col["table"]))
            if col.get("multiple"):
                facts.append(t("schema.multiple", lang))
            if col.get("unit"):
                facts.append(f"{t('schema.unit', lang)}{colon}{col['unit']}")
            if col.get("max_length"):
                facts.append(f"≤ {col['max_length']}")
            facts.append(t("schema.required_yes" if col.get("required") else "schema.required_no", lang))
            kind = esc(sep.join(facts))
            if col.get("values"):
                values = ", ".join(f"<code>{esc(v)}</code>" for v in col["values"])
                kind += f'<br><span class="schema__values">{t("schema.values", lang)}{colon}{values}</span>'
            text, text_lang = _described(col, lang)
            first = (
                f'<code>{esc(column)}</code><br><span class="schema__title">{esc(col["title"][lang])}</span>'
            )
            rows.append((first, [kind, f"<span{text_lang}>{esc(text)}</span>"]))
        out.append(plain_table("schema", headers, rows))
    return "\n\n".join(out)


def _described(spec: dict[str, Any], lang: str) -> tuple[str, str]:
    """A schema entry's description in the page language, or the English one marked as English."""
    own = spec.get(f"description_{lang}") or (spec.get("description") if lang == "en" else None)
    if own:
        return own, ""
    return spec.get("description", ""), ' lang="en"'


def render_downloads(body: str, ctx: Context) -> str:
    if body:
        raise ShortcodeError(f"{ctx.page}: ```downloads takes no body")
    lang = ctx.lang
    rows = []
    for name in (*DATA_FILES, *EXTRA_DATA_FILES):
        path = DATA_DIR[0] / name
        if not path.exists():
            raise ShortcodeError(f"{ctx.page}: ```downloads: data/{name} does not exist")
        stem = name.rsplit(".", 1)[0]
        if stem in ctx.data.schema:
            spec = ctx.data.schema[stem]
            what = t(
                "downloads.rows",
                lang,
                title=spec["title"][lang],
                rows=fmt_count(len(ctx.data.table(stem)), lang),
            )
        else:
            what = t(f"downloads.{stem}", lang)
        size = f"{path.stat().st_size / 1024:.1f} KB"
        href = ctx.url_for(f"data/{name}", "")
        first = f'<a href="{esc(href)}" download><code>data/{esc(name)}</code></a>'
        rows.append((first, [esc(what), size]))
    headers = [t(k, lang) for k in ("downloads.file", "downloads.content", "downloads.size")]
    return plain_table("downloads", headers, rows)


def render_citations(body: str, ctx: Context) -> str:
    """A citation for each source article, built from data/sources.csv."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```citations takes no body")
    lang = ctx.lang
    site = SITE.get("url") or ""
    site_link = f' <a href="{esc(site)}">{esc(site)}</a>' if site else ""
    items = [f'<li class="citation-list__site">{t("cite.site", lang)}{site_link}</li>']
    for key, src in ctx.data.sources.items():
        author = src["author_zh"] if lang == "zh" else src["author_en"]
        date = esc(fmt_date(src["date"], lang))
        url = f' <a href="{esc(src["url"])}" rel="noopener">{esc(src["url"])}</a>' if src["url"] else ""
        outlet = citation.outlet(src, lang)
        if lang == "zh":
            who = f"{esc(author)}：" if author else ""
            where = f"{esc(outlet)}，" if outlet else ""
            text = f"{who}{esc(citation.title(src, 'zh'))}，{where}{date}。{url}"
        else:
            who = f"{esc(author)}. " if author else ""
            if citation.is_titled(src):
                named = f'<span lang="zh">{esc(citation.title(src, "zh"))}</span> [{esc(src["title_en"])}]'
            else:
                untitled = citation.title(src, "en")
                named = esc(untitled[:1].upper() + untitled[1:])
            text = f"{who}{named}. {esc(outlet) + ', ' if outlet else ''}{date}.{url}"
        summary = f' — <a href="{esc(ctx.href(f"sources/{key}.md"))}">{t("cite.summary", lang)}</a>'
        items.append(f"<li>{text}{summary}</li>")
    return f'<ol class="citation-list" data-no-glossary>{"".join(items)}</ol>'


def render_marks(body: str, ctx: Context) -> str:
    """The legend of the marks shortcodes put after values that are not plain fact."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```marks takes no body")
    lang = ctx.lang
    rows = [
        (f"{legend_mark(kind, lang)} {word('status.' + kind, lang)}", [t("explain." + kind, lang)])
        for kind in MARKS
    ]
    return plain_table("marks", [t("mark.legend", lang), t("mark.meaning", lang)], rows)


FENCES: dict[str, Callable[[str, Context], str]] = {
    "datatable": render_datatable,
    "eventlist": render_eventlist,
    "source-card": render_source_card,
    "schema": render_schema,
    "downloads": render_downloads,
    "citations": render_citations,
    "marks": render_marks,
}


def render_page(markdown: str, ctx: Context) -> str:
    """Expand fences, then shortcodes: the whole transformation of one page's Markdown."""
    return replace_shortcodes(expand_fences(markdown, ctx, FENCES), ctx)


# --- build state ------------------------------------------------------------------------------

DATA_DIR: list[Path] = [ROOT / "data"]
SITE: dict[str, str] = {}
STATE: dict[str, Any] = {}
TITLES: dict[str, dict[str, str]] = {}


def source_usage(pages: dict[str, str], data: Dataset) -> dict[str, set[str]]:
    """Which pages build on each source: they link to its summary or use a number from it."""
    usage: dict[str, set[str]] = {key: set() for key in data.sources}
    for page, markdown in pages.items():
        for target in linked_pages(markdown, page):
            match = re.fullmatch(r"sources/([a-z0-9.-]+)\.md", target)
            if match and match.group(1) in usage:
                usage[match.group(1)].add(page)
        for prose, text in prose_segments(markdown):
            if not prose:
                continue
            for code in SHORTCODE.findall(text):
                parts = code.split(":")
                if parts[0] in FIELDS and len(parts) > 1 and parts[1] in data.table(parts[0]):
                    usage[data.table(parts[0])[parts[1]]["source"]].add(page)
    return usage


# --- hooks ------------------------------------------------------------------------------------


# Load the dataset once per build, and add this hook's stylesheet and script to every page.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    DATA_DIR[0] = Path(config.config_file_path).resolve().parent / "data"
    STATE.clear()
    STATE["data"] = load_dataset(DATA_DIR[0])
    STATE["lang"] = page_language(config)
    SITE["url"] = config.site_url or ""
    STATE["links"] = []
    STATE["anchors"] = {}
    for css in (f"{SITE_ASSETS}/datarefs.css",):
        if css not in config.extra_css:
            config.extra_css.append(css)
    js = f"{SITE_ASSETS}/datatable.js"
    if js not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(js)
    return config


# Serve the dataset files and this hook's assets as generated files (nothing is written to docs/).
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name in (*DATA_FILES, *EXTRA_DATA_FILES):
        path = DATA_DIR[0] / name
        if path.exists():
            files.append(File.generated(config, f"data/{name}", abs_src_path=str(path)))
    for path in sorted(ASSETS.iterdir()):
        files.append(File.generated(config, f"{SITE_ASSETS}/{path.name}", abs_src_path=str(path)))
    return files


# Read every page once before rendering, so cards can list the pages that build on a source.
def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    pages = read_pages(Path(config.docs_dir))
    lang = STATE["lang"]
    TITLES[lang] = {uri: page_title(text, uri) for uri, text in pages.items()}
    STATE["usage"] = source_usage(pages, STATE["data"])
    return nav


# Replace fences and shortcodes in the page's Markdown with HTML built from the dataset.
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    ctx = Context(
        data=STATE["data"],
        lang=STATE["lang"],
        page=page.file.src_uri,
        url_for=files_url_for(files, page),
        links=STATE["links"],
        anchors=STATE["anchors"],
        usage=STATE.get("usage"),
    )
    return render_page(markdown, ctx)


# Fail the build if a link this hook wrote points at an anchor no fence wrote.
def on_post_build(config: MkDocsConfig) -> None:
    missing = sorted(
        {
            f"{page} → {target}#{anchor}"
            for page, target, anchor in STATE["links"]
            if anchor
            and target.endswith(".md")
            and anchor not in STATE["anchors"].get(target, set())
            and not target.startswith("sources/")
        }
    )
    if missing:
        raise PluginError(
            "datarefs: links to dataset rows whose anchors no page wrote (is the datatable/eventlist fence "
            "missing from the target page?):\n  " + "\n  ".join(missing)
        )
