"""The method page's reference fences: ```schema, ```downloads and ```marks."""

from __future__ import annotations

from typing import Any

from charts.i18n import t
from hmw_site.context import DATA_FILES, EXTRA_DATA_FILES, MARKS, Context, ShortcodeError, word
from hmw_site.values import esc, fmt_count, legend_mark


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
        size = f"{path.stat().st_size / 1024:.1f} KB"
        href = ctx.url_for(f"data/{name}", "")
        first = f'<a href="{esc(href)}" download><code>data/{esc(name)}</code></a>'
        rows.append((first, [esc(what), size]))
    headers = [t(k, lang) for k in ("downloads.file", "downloads.content", "downloads.size")]
    return plain_table("downloads", headers, rows)


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
