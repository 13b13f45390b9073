"""How a source article or an external reference is named, everywhere the site, the charts, the
bundles and the decks cite it.

One article (``sputnik``) has no title: ``title_zh``/``title_en`` hold our own label for it, and a
label we made up must never look like a published headline. So an untitled article is always cited
as untitled, with our label in plain words and no 书名号 or quotation marks, while a real title keeps
its published punctuation inside 《》 (Chinese) or “” (English). Every citation goes through here, so
a caption, a hover, a README and a slide cannot disagree about how an article is called.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from charts import formats, quotes
from charts.formats import Lang
from charts.locale import locale_of

# How to cite this project: the one file a reuser's tools read (GitHub, Zenodo, cffconvert), and the
# one every citation of the project on the site, in the bundles and in the data package comes from.
CITATION_FILE = Path(__file__).resolve().parent.parent / "CITATION.cff"

Source = Mapping[str, Any]

# schema.yaml: outlet_zh is 未注明 (outlet_en "Not stated") when the copy names no outlet.
OUTLET_NOT_STATED = {"zh": "未注明", "en": "Not stated"}


def is_titled(source: Source) -> bool:
    """Whether the article was published with a title (title_is_given), rather than labelled by us."""
    return source["title_is_given"] == "yes"


def outlet(source: Source, lang: Lang) -> str:
    """The outlet in this language, or '' when the copy does not name one."""
    loc = locale_of(lang)
    name = source[f"outlet_{loc.columns}"] or ""
    return "" if name == OUTLET_NOT_STATED[loc.columns] else loc.convert(name)


def title(source: Source, lang: Lang) -> str:
    """The article's title as a reader should see it: 《大模型竞赛，赛点在哪？》 / “The large-model race:
    where is the match point?” for a titled article; 无标题文章（本站称斯普特尼克评论） / "untitled
    article (we call it the Sputnik op-ed)" for the untitled one."""
    loc = locale_of(lang)
    if loc.source:  # a generated language: the source language's title converted (《》 by character)
        return loc.convert(title(source, loc.source))
    text = source[f"title_{loc.code}"]
    return loc.t("cite.title", title=text) if is_titled(source) else loc.t("cite.untitled", label=text)


def title_text(source: Source, lang: Lang) -> str:
    """The article's title alone, as published (no 《》): a generated language converts it as it
    converts any title in 《》, character by character."""
    loc = locale_of(lang)
    text = source[f"title_{loc.columns}"]
    return loc.convert(f"《{text}》")[1:-1] if loc.source else text


def original_title(source: Source) -> str:
    """The Chinese title in 《》 for an English reader who wants the original; '' when untitled."""
    return locale_of("zh").t("cite.title", title=source["title_zh"]) if is_titled(source) else ""


def name(source: Source, lang: Lang) -> str:
    """A short name for a caption or hover: the outlet when the copy states one, else the title."""
    return outlet(source, lang) or title(source, lang)


def name_with_date(source: Source, lang: Lang) -> str:
    """'深渡Cross，2023年11月16日' / 'Shendu Cross, 16 November 2023'."""
    date = formats.format_date(source["date"], lang)
    return locale_of(lang).t("cite.with_date", name=name(source, lang), date=date)


def full(source: Source, lang: Lang) -> str:
    """Outlet, title and date in one line: '深渡Cross《AI原生时代，大模型创业有“捷径”》，2023年11月16日'."""
    date = formats.format_date(source["date"], lang)
    where = outlet(source, lang)
    key = "cite.full" if where else "cite.full_no_outlet"
    return locale_of(lang).t(key, outlet=where, title=title(source, lang), date=date)


# --- external references (data/references.csv) -----------------------------------------------------


def has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


def reference_publisher(ref: Source, lang: Lang) -> str:
    """Who published an external reference, in this language: a reader who does not read the articles'
    language gets publisher_en where the publisher is not English, else the website's name
    (``citmt.cn``), never Chinese."""
    loc = locale_of(lang)
    if not loc.reads_sources and ref.get("publisher_en"):
        return ref["publisher_en"]
    if loc.script == "Hant":  # our label of who published it (THUDM 账户): converted as our words are
        return (
            ref["publisher"]
            if quotes.simplified(ref["publisher"]) != ref["publisher"]
            else loc.convert(ref["publisher"])
        )
    if loc.reads_sources and ref.get("language") == "zh-Hant":
        return quotes.simplified(ref["publisher"])  # a Simplified page shows no Traditional character
    if not loc.reads_sources and has_cjk(ref["publisher"]):
        return (
            urlsplit(ref["url"]).hostname.removeprefix("www.") if ref["url"] else loc.t("reference.unnamed")
        )
    return ref["publisher"]


def reference_title(ref: Source, lang: Lang) -> str:
    """The reference's title in this language: its translation (title_en) where the title is not English."""
    loc = locale_of(lang)
    if not loc.reads_sources and ref.get("title_en"):
        return loc.t("cite.translated_title", title=ref["title_en"])
    if loc.script == "Hant":
        return quotes.in_script(ref["title"], "Hant")  # a title: character by character
    if loc.reads_sources and ref.get("language") == "zh-Hant":
        return quotes.simplified(ref["title"])  # as the Traditional article's title is shown
    return ref["title"]


def reference(ref: Source, lang: Lang) -> str:
    """'OpenAI（2020）：Language Models are Few-Shot Learners' / 'OpenAI (2020): Language Models …'."""
    loc = locale_of(lang)
    return loc.t(
        "cite.reference",
        publisher=reference_publisher(ref, loc),
        year=ref["published"].year,
        title=reference_title(ref, loc),
    )


# --- this project (CITATION.cff) -------------------------------------------------------------------


@cache
def project_metadata(path: Path = CITATION_FILE) -> dict[str, Any]:
    """CITATION.cff as data: title, authors, version, license …"""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def licence_name(spdx: str) -> str:
    """An SPDX licence id as people write it: CC-BY-4.0 → CC BY 4.0."""
    return spdx.replace("CC-", "CC ").replace("-", " ") if spdx.startswith("CC-") else spdx


def project(lang: Lang) -> str:
    """The project as CITATION.cff describes it, as a citation in this language: '百模大战项目组
    《百模大战 · The Hundred-Model War》（数据集，版本 0.1.0，CC BY 4.0 许可）' / 'The Hundred-Model War
    project, 百模大战 · The Hundred-Model War, version 0.1.0 (dataset, CC BY 4.0)'. An author's alias
    is its Chinese name."""
    cff = project_metadata()
    loc = locale_of(lang)
    names = [
        (author.get("alias") if loc.reads_sources else None) or author.get("name") or author["family-names"]
        for author in cff["authors"]
    ]
    return loc.t(
        "cite.project",
        authors=loc.convert(loc.t("sep.list").join(names)),
        title=loc.convert(cff["title"]),
        version=cff["version"],
        licence=licence_name(cff["license"]),
    )
