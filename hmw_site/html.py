"""HTML from templates that escape everything they print (Jinja2, autoescape on), so dataset text can
never become markup and no call site can forget to escape; a missing value is an error
(StrictUndefined), not an empty string.

Templates live in hmw_site/templates/. They are written one element per line for reading; the loader
joins each template's lines without their indentation before compiling it, because fence output goes
into Markdown, where a blank line or an indented line inside a block of HTML would be read as Markdown
again. So a space between two elements on separate lines must be written out (`{{ " " }}`), and a tag
or expression must not be split across lines. Only the template's own layout is joined: printed
values keep every character.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from charts.i18n import t
from charts.templates import escaped  # html.escape's entities, as the charts' pages use


class OneLineLoader(PackageLoader):
    """Templates from hmw_site/templates/, their lines joined without indentation."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return "".join(line.strip() for line in source.splitlines()), filename, uptodate


ENV = Environment(
    loader=OneLineLoader("hmw_site", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    finalize=escaped,
)
ENV.globals["t"] = t

# Characters Markdown (and its extensions: tilde, caret, mark) would read as markup in prose.
MARKDOWN_CHARS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]~^="})


def prose_text(value: Any) -> Markup:
    """Dataset text for the text of an element that a shortcode puts inside a paragraph: Markdown
    runs after the shortcodes, so its characters are written as character references too (the
    `|prose` filter of the templates)."""
    text = str(value) if hasattr(value, "__html__") else html.escape(str(value), quote=True)
    return Markup(text.translate(MARKDOWN_CHARS))


ENV.filters["prose"] = prose_text


def render(template: str, **values: Any) -> Markup:
    """The template filled with values, as one line of HTML (safe to put into Markdown)."""
    return Markup(ENV.get_template(template).render(**values))
