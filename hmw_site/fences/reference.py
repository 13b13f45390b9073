"""The method page's reference fences: ```schema, ```downloads and ```marks.

The HTML is in templates/reference_*.html (escaping every value); the table frame they share is
the plain_table macro of templates/reference_table.html.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from charts.i18n import t
from hmw_site.context import DATA_FILES, EXTRA_DATA_FILES, MARKS, Context, ShortcodeError, word
from hmw_site.html import render
from hmw_site.values import fmt_count, legend_mark

# schema.yaml writes its descriptions in English (`description`), with `description_zh` beside them.
SCHEMA_LANG = "en"


def render_schema(body: str, ctx: Context) -> str:
    """Every table and column of data/schema.yaml, with meaning, type, unit and allowed values."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```schema takes no body")
    lang = ctx.lang
    colon, sep = t("sep.colon", lang), t("sep.list", lang)
    out: list[str] = []
    for name, spec in ctx.data.schema.items():
        # A Markdown heading, so the table of contents lists the table.
        out.append(f"### {spec['title'][lang]} · `{spec['file']}` {{#schema-{name}}}")
        description, desc_lang = _described(spec, lang)
        rows = fmt_count(len(ctx.data.table(name)), lang)
        out.append(render("reference_schema_about.html", about=description, about_lang=desc_lang))
        out.append(render("reference_schema_meta.html", lang=lang, key=spec["key"], rows=rows))
        # The column of descriptions is in the page's language unless one of them falls back to English.
        complete = all(not _described(col, lang)[1] for col in spec["columns"].values())
        headers = [
            t("schema.column", lang),
            t("schema.type", lang),
            t("schema.description" if complete else "schema.description_en", lang),
        ]
        columns = []
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
            text, text_lang = _described(col, lang)
            columns.append(
                {
                    "name": column,
                    "title": col["title"][lang],
                    "facts": sep.join(facts),
                    "values": col.get("values") or [],
                    "text": text,
                    "text_lang": text_lang,
                }
            )
        out.append(render("reference_schema.html", lang=lang, headers=headers, columns=columns))
    return "\n\n".join(out)


def _described(spec: dict[str, Any], lang: str) -> tuple[str, str]:
    """A schema entry's description in the page language, or the English one and its language."""
    own = spec.get(f"description_{lang}") or (spec.get("description") if lang == SCHEMA_LANG else None)
    if own:
        return own, ""
    return spec.get("description", ""), SCHEMA_LANG


def render_downloads(body: str, ctx: Context) -> Markup:
    if body:
        raise ShortcodeError(f"{ctx.page}: ```downloads takes no body")
    lang = ctx.lang
    files = []
    for name in (*DATA_FILES, *EXTRA_DATA_FILES):
        path = ctx.data_dir / name
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
        files.append(
            {
                "name": name,
                "href": ctx.url_for(f"data/{name}", ""),
                "what": what,
                "size": f"{path.stat().st_size / 1024:.1f} KB",
            }
        )
    headers = [t(k, lang) for k in ("downloads.file", "downloads.content", "downloads.size")]
    return render("reference_downloads.html", headers=headers, files=files)


def render_marks(body: str, ctx: Context) -> Markup:
    """The legend of the marks shortcodes put after values that are not plain fact."""
    if body:
        raise ShortcodeError(f"{ctx.page}: ```marks takes no body")
    lang = ctx.lang
    marks = [
        (Markup(legend_mark(kind, lang)), word("status." + kind, lang), t("explain." + kind, lang))
        for kind in MARKS
    ]
    headers = [t("mark.legend", lang), t("mark.meaning", lang)]
    return render("reference_marks.html", headers=headers, marks=marks)
