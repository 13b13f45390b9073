"""Per-chart download bundles: one zip with the images, the data, the standalone page and a README.

A chart copied into a slide loses its page: the bundle makes sure the numbers travel with their
provenance. ``<id>-<lang>.zip`` sits next to the chart's other files and holds

    <id>-<lang>-light.png / -dark.png / .svg   (and the -transparent variants when they were built)
    <id>-<lang>.csv                            the plotted data
    <id>-<lang>.html                           the interactive chart, works offline
    README.md                                  in the chart's language: title, sources (outlet, date,
                                               URL), the verbatim quote and its translation for every
                                               plotted row, licence and how to cite

Everything in the README is derived from the chart's meta.json and the dataset, never typed.
Zips are deterministic (fixed timestamps and permissions, sorted entries), so rebuilding from the
same files gives the same bytes. ``write_bundles`` runs after ``charts.build.write_outputs`` (it
reads the files that build wrote) and adds ``"zip"`` to each chart's meta.json ``files``.

Public API:
    write_bundles(data, out_dir, chart_ids=None, langs=None) -> list[Path]
    bundle_bytes(folder, meta, data) -> bytes
    readme(meta, data) -> str
    plotted_rows(meta, data) -> list[PlottedRow]
    deterministic_zip(entries) -> bytes            also used by charts.deck
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charts import citation, quotes
from charts.files import atomic_write

# 1980-01-01 is the earliest time a zip entry can hold; any fixed value makes the bytes stable.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
STORED_SUFFIXES = (".png", ".zip", ".pptx")  # already compressed
README = "README.md"
LICENCE_URLS = {
    "cc-by": {"zh": "https://creativecommons.org/licenses/by/4.0/deed.zh-hans", "en": "https://creativecommons.org/licenses/by/4.0/"},
    "mit": {"zh": "https://opensource.org/license/mit", "en": "https://opensource.org/license/mit"},
}  # fmt: skip

# The README's words, one flat key -> {zh, en} table (a test checks both languages are complete).
STRINGS: dict[str, dict[str, str]] = {
    "about": {
        "zh": "本图出自中英双语解读站「百模大战」，数据来自五篇中文报道与评论，每个数字都注明出处。",
        "en": "A chart from The Hundred-Model War (百模大战), a bilingual explainer of China's "
        "large-model race built from five Chinese articles, in which every number carries its source.",
    },
    "files": {"zh": "文件", "en": "Files"},
    "file.png": {
        "zh": "PNG 图片，1920×1080，正好一页 16:9 幻灯片（{scheme}）",
        "en": "PNG image, 1920×1080, one 16:9 slide ({scheme})",
    },
    "file.svg": {
        "zh": "SVG 矢量图，放大不失真（{scheme}）",
        "en": "SVG vector image, sharp at any size ({scheme})",
    },
    "file.csv": {
        "zh": "图中画出的数据（UTF-8 编码，Excel 可直接打开）",
        "en": "the plotted data (UTF-8, opens in Excel)",
    },
    "file.html": {
        "zh": "可交互的独立网页，断网也能打开；可嵌入 iframe，见下文",
        "en": "the interactive chart as one web page that works offline; embed it in an iframe, see below",
    },
    "scheme.light": {"zh": "浅色", "en": "light"},
    "scheme.dark": {"zh": "深色", "en": "dark"},
    "scheme.light-transparent": {"zh": "浅色配色，透明背景", "en": "light colours, transparent background"},
    "scheme.dark-transparent": {"zh": "深色配色，透明背景", "en": "dark colours, transparent background"},
    "sources": {"zh": "来源", "en": "Sources"},
    "articles": {"zh": "来源文章", "en": "Source articles"},
    "article": {"zh": "{citation}。{url}", "en": "{citation}{original}. {url}"},
    "article.original": {"zh": "", "en": " (original title: {original})"},
    "no_url": {"zh": "原文未给出网址。", "en": "The copy gives no URL."},
    "references": {"zh": "外部参考", "en": "External references"},
    "references.help": {
        "zh": "文章没有给出、取自公开论文或官方页面的数值，出处如下：",
        "en": "Values the articles do not give come from these public papers and pages:",
    },
    "reference": {
        "zh": "{publisher}（{year}）：{title}。{url}",
        "en": "{publisher} ({year}): {title}. {url}",
    },
    "quotes": {"zh": "原文引语", "en": "Quotes"},
    "quotes.help": {
        "zh": "图中每一项数据都出自下面的原文（逐字摘录），附英文译文。",
        "en": "Every plotted item rests on these verbatim quotes from the articles (in Chinese), "
        "each with our English translation.",
    },
    "quote": {
        "zh": "- **{label}**：「{quote}」{exact}\n  英译：{quote_en}\n  ——{source}",
        "en": "- **{label}**: “{quote_en}”\n  Original: 「{quote}」{exact}\n  — {source}",
    },
    "quote.exact": {"zh": "\n  原文照录：「{quote}」", "en": ""},
    "notes": {"zh": "说明", "en": "Notes"},
    "embed": {"zh": "嵌入网页或 reveal.js 幻灯片", "en": "Embed in a web page or reveal.js slides"},
    "embed.help": {
        "zh": "把 `{html}` 放在网页或演示文稿旁边，用 iframe 引用。`?bare` 只显示图表，"
        "`?scheme=dark` 固定深色，`?transparent` 透明背景；图表在幻灯片切换到可见时会按实际大小重绘。",
        "en": "Put `{html}` next to your page or presentation and load it in an iframe. `?bare` shows the "
        "chart alone, `?scheme=dark` fixes the dark colours, `?transparent` clears the background; the "
        "chart redraws at its real size when its slide becomes visible.",
    },
    "licence": {"zh": "许可", "en": "Licence"},
    "licence.text": {
        "zh": "文字与数据采用 [CC BY 4.0]({cc}) 许可，代码采用 [MIT]({mit}) 许可。"
        "可以自由使用、修改和转载，请注明出处（见下）。原文引语的版权归原作者和原媒体所有。",
        "en": "Text and data are under [CC BY 4.0]({cc}); code is under the [MIT licence]({mit}). "
        "Use, adapt and share freely with credit (see below). The quoted articles remain their "
        "authors' and outlets' copyright.",
    },
    "cite": {"zh": "如何引用", "en": "How to cite"},
    "cite.text": {
        "zh": "百模大战（The Hundred-Model War）：《{title}》，图表，CC BY 4.0。{caption}",
        "en": "The Hundred-Model War (百模大战), “{title}”, chart, CC BY 4.0. {caption}",
    },
    "cite.help": {
        "zh": "引用具体数字时，请同时注明上面列出的原始文章；网上引用请附上本图所在页面的网址和访问日期。",
        "en": "When you use a particular number, cite the original article listed above as well; online, "
        "add the address of the page where you found the chart and the date you accessed it.",
    },
}


def s(key: str, lang: str, **values: Any) -> str:
    """A README string in the chart's language; an unknown key is a bug, so it raises."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


# --- which dataset rows a chart plots --------------------------------------------------------------


@dataclass(frozen=True)
class PlottedRow:
    """A dataset row behind one line of a chart's table."""

    table: str  # models, events or figures
    row: dict[str, Any]
    label: str  # how the table names it (model name, event title, figure subject)


# How the README names a row: a model's name, an event's title, a figure's subject.
_LABELS: dict[str, Callable[[dict[str, Any], str], str]] = {
    "models": lambda row, lang: row[f"name_{lang}"],
    "events": lambda row, lang: row[f"title_{lang}"],
    "figures": lambda row, lang: row[f"subject_{lang}"],
}


def plotted_rows(meta: dict[str, Any], data: Any) -> list[PlottedRow]:
    """The dataset rows the chart plots, as its meta.json lists them (``"rows"``: ids by table):
    models, then events, then figures, each in the chart's table order.

    An id the dataset does not hold (a meta.json from older data) is an error naming the chart,
    table and id, so a README never quotes the wrong row.
    """
    lang = meta["lang"]
    listed = meta.get("rows")
    if listed is None:
        raise ValueError(f'chart {meta["id"]} ({lang}): meta.json has no "rows"; rebuild the charts')
    found: list[PlottedRow] = []
    missing = []
    for table in ("models", "events", "figures"):
        rows = data.table(table)
        for key in listed.get(table, []):
            if key not in rows:
                missing.append(f"{table}:{key}")
                continue
            found.append(PlottedRow(table, rows[key], _LABELS[table](rows[key], lang)))
    if missing:
        raise ValueError(
            f"chart {meta['id']} ({lang}): meta.json lists rows the dataset does not have: "
            + ", ".join(missing)
        )
    return found


# --- README ----------------------------------------------------------------------------------------


def _articles(meta: dict[str, Any], data: Any) -> list[str]:
    lang = meta["lang"]
    lines = []
    for item in meta["sources"]:
        source = data.sources[item["id"]]
        original = citation.original_title(source) if lang != "zh" else ""
        text = s(
            "article",
            lang,
            citation=citation.full(source, lang),
            original=s("article.original", lang, original=original) if original else "",
            url=source["url"] or s("no_url", lang),
        )
        lines.append(f"- {text.strip()}")
    return lines


def readme(meta: dict[str, Any], data: Any) -> str:
    """The bundle's README.md, in the chart's language, from its meta and the dataset."""
    lang = meta["lang"]
    files = meta["files"]
    out = [f"# {meta['title']}", ""]
    if meta.get("subtitle"):
        out += [meta["subtitle"], ""]
    out += [s("about", lang), "", f"## {s('files', lang)}", ""]
    for fmt in ("png", "svg"):
        for scheme, name in _by_scheme(files.get(fmt, {})):
            out.append(f"- `{name}`: {s(f'file.{fmt}', lang, scheme=s(f'scheme.{scheme}', lang))}")
    for fmt in ("csv", "html"):
        if fmt in files:
            out.append(f"- `{files[fmt]}`: {s(f'file.{fmt}', lang)}")
    out += ["", f"## {s('sources', lang)}", "", meta["caption"], "", f"### {s('articles', lang)}", ""]
    out += _articles(meta, data)
    if meta["references"]:
        out += ["", f"### {s('references', lang)}", "", s("references.help", lang), ""]
        for ref in meta["references"]:
            fields = {k: ref[k] for k in ("publisher", "year", "title")}
            out.append(("- " + s("reference", lang, url=ref["url"] or "", **fields)).strip())
    rows = [p for p in plotted_rows(meta, data) if p.row.get("quote")]
    if rows:
        out += ["", f"## {s('quotes', lang)}", "", s("quotes.help", lang), ""]
        for plotted in rows:
            row = plotted.row
            source = _source_line(data.sources[row["source"]], lang)
            out.append(
                s(
                    "quote",
                    lang,
                    label=plotted.label,
                    quote=row["quote"] if lang == "en" else quotes.marked_reading(row["quote"]),
                    exact=s("quote.exact", lang, quote=row["quote"])
                    if quotes.reading(row["quote"]) != row["quote"]
                    else "",
                    quote_en=row["quote_en"],
                    source=source,
                )
            )
    if meta.get("notes"):
        out += ["", f"## {s('notes', lang)}", ""] + [f"- {note}" for note in meta["notes"]]
    if "html" in files:
        out += ["", f"## {s('embed', lang)}", "", s("embed.help", lang, html=files["html"]), ""]
        out += [
            "```html",
            f'<iframe src="{files["html"]}?bare" title="{meta["title"]}" width="960" height="540" '
            'style="border:0; max-width:100%"></iframe>',
            "```",
        ]
    out += [
        "",
        f"## {s('licence', lang)}",
        "",
        s("licence.text", lang, cc=LICENCE_URLS["cc-by"][lang], mit=LICENCE_URLS["mit"][lang]),
        "",
        f"## {s('cite', lang)}",
        "",
        "> " + s("cite.text", lang, title=meta["title"], caption=meta["caption"]),
        "",
        s("cite.help", lang),
        "",
    ]
    return "\n".join(out)


def _source_line(source: dict[str, Any], lang: str) -> str:
    """A quote's source: the outlet (or title) and date, as in the chart's source line."""
    return citation.name_with_date(source, lang)


# --- zips ------------------------------------------------------------------------------------------


def deterministic_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, bytes) entries with fixed timestamps and permissions, in name order, so the
    same contents always give the same bytes. PNGs (already compressed) are stored, the rest deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _by_scheme(names: dict[str, str]) -> list[tuple[str, str]]:
    """(scheme, file name) pairs, light before dark, plain before transparent."""
    order = ["light", "dark", "light-transparent", "dark-transparent"]
    return sorted(names.items(), key=lambda item: (order.index(item[0]) if item[0] in order else 99, item[0]))


def bundle_members(meta: dict[str, Any]) -> list[str]:
    """The chart files a bundle carries (besides README.md), as listed in meta['files']."""
    files = meta["files"]
    names = [name for fmt in ("png", "svg") for _, name in _by_scheme(files.get(fmt, {}))]
    return names + [files[fmt] for fmt in ("csv", "html") if fmt in files]


def bundle_bytes(folder: Path, meta: dict[str, Any], data: Any) -> bytes:
    """The zip for one chart in one language, from the files in its folder."""
    entries = [(name, (folder / name).read_bytes()) for name in bundle_members(meta)]
    entries.append((README, readme(meta, data).encode("utf-8")))
    return deterministic_zip(entries)


def zip_name(chart_id: str, lang: str) -> str:
    return f"{chart_id}-{lang}.zip"


def write_bundles(
    data: Any, out_dir: Path | str, chart_ids: Sequence[str] | None = None, langs: Sequence[str] | None = None
) -> list[Path]:
    """Write <id>-<lang>.zip next to each chart's files in out_dir (as written by write_outputs)
    and list it in the chart's meta.json. Returns the zips written.

    Charts or languages not given are found in out_dir. A chart folder without its meta.json is an
    error naming the folder (build the charts first).
    """
    out_dir = Path(out_dir)
    written = []
    for lang in langs or sorted(
        p.name for p in out_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        lang_dir = out_dir / lang
        ids = chart_ids or sorted(p.name for p in lang_dir.iterdir() if p.is_dir())
        for chart_id in ids:
            folder = lang_dir / chart_id
            meta_path = folder / f"{chart_id}-{lang}.meta.json"
            if not meta_path.exists():
                raise FileNotFoundError(
                    f"{meta_path} is missing: build the charts first (python build_charts.py)"
                )
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            meta["files"].pop("zip", None)
            zip_path = folder / zip_name(chart_id, lang)
            atomic_write(zip_path, bundle_bytes(folder, meta, data))
            meta["files"]["zip"] = zip_path.name
            text = json.dumps(meta, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
            atomic_write(meta_path, text)
            written.append(zip_path)
    return written
