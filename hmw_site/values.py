"""One dataset value as a page shows it: formatted for the language (charts/formats.py), marked when
it is not plain fact, linked to its row, with its source, quote, status and note.
"""

from __future__ import annotations

import html
from typing import Any

from charts import citation, formats, quotes
from charts.dataset import PartialDate
from charts.i18n import t
from hmw_site.context import FIELD_LABELS, MARKS, Context, word

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
