"""Text from templates (Jinja2, charts/templates/): the standalone chart page and the bundle README.

One environment for both. A ``.html`` template escapes everything it prints, so chart text can
never become markup; any other template (``.css``, ``.js``, ``README.md.j2``) prints values as
they are, because escaping would corrupt CSS, code or Markdown, and what it prints is ours (the
theme, chart ids) or already escaped (charts.embed.iframe). A missing value is an error
(StrictUndefined), not an empty string.

HTML is escaped the way ``html.escape`` does it (``&quot;``, ``&#x27;``) rather than markupsafe's
(``&#34;``, ``&#39;``), so the pages are the same bytes as the iframe snippet and as before the
templates. That is done in ``finalize``, which sees every ``{{ value }}``; markupsafe's own escaping
still applies to what filters such as ``join`` build, so join strings in Python, not in a template.
"""

from __future__ import annotations

import html
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_eval_context, select_autoescape
from jinja2.nodes import EvalContext
from markupsafe import Markup

from charts.i18n import t
from charts.serialize import script_json


@pass_eval_context
def escaped(context: EvalContext, value: Any) -> Any:
    """A printed value: escaped with html.escape in an autoescaping template, else unchanged."""
    if context.autoescape and not hasattr(value, "__html__"):
        return Markup(html.escape(str(value), quote=True))
    return value


def _script_json(value: Any) -> Markup:
    """JSON to print inside <script> (charts.serialize.script_json: ``</`` and ``<!--`` escaped)."""
    return Markup(script_json(value))


ENV = Environment(
    loader=PackageLoader("charts", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    finalize=escaped,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
ENV.globals["t"] = t
ENV.filters["script_json"] = _script_json


def render(template: str, **values: Any) -> str:
    """The template filled with values, exactly as written (whitespace and final newline kept)."""
    return ENV.get_template(template).render(**values)
