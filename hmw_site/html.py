"""HTML from templates that escape everything they print (Jinja2, autoescape on), so dataset text can
never become markup and no call site can forget to escape; a missing value is an error
(StrictUndefined), not an empty string.

Templates live in hmw_site/templates/. They are written one element per line for reading; render()
joins the lines without their indentation, because fence output goes into Markdown, where a blank
line or an indented line inside a block of HTML would be read as Markdown again. So a space between
two elements on separate lines must be written out (`{{ " " }}`).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from charts.i18n import t

ENV = Environment(
    loader=PackageLoader("hmw_site", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals["t"] = t


def render(template: str, **values: Any) -> Markup:
    """The template filled with values, as one line of HTML (safe to put into Markdown)."""
    text = ENV.get_template(template).render(**values)
    return Markup("".join(line.strip() for line in text.splitlines()))
