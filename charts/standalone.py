"""The standalone page: one chart in one language, light and dark, plotly.js inlined, works offline.

The page is charts/templates/standalone.html (with its standalone.css and standalone.js); this
module gathers what it shows.
"""

from __future__ import annotations

from markupsafe import Markup

from charts import narrow, plotly_js, templates, theme
from charts.chart import Chart
from charts.locale import locale_of
from charts.serialize import figure_dict


def standalone_html(charts: dict[str, Chart]) -> str:
    """A self-contained page for one chart in one language, holding its light and dark figures.

    Query options: ?theme=light|dark|auto (default auto: the reader's system setting; ?scheme= is
    its older name), ?transparent,
    ?bare (the chart alone, for an iframe in a slide). The chart redraws whenever its element
    changes size or becomes visible, so a chart on a hidden reveal.js slide is not left squeezed;
    a parent page may also post the message "chart:resize".

    Narrower than the figure's ``layout.meta.narrow.max_width`` (a phone), the page draws the
    narrow variant (charts/narrow.py: legend below, shorter labels) at the hint's height and
    scrolls; it switches back when the chart widens. With ?bare the chart keeps filling its frame.
    """
    chart = charts["light"]
    figures = {}
    for scheme, item in sorted(charts.items()):
        fig = figure_dict(item.figure)
        fig["layout"].pop("height", None)  # fill the page instead
        figures[scheme] = fig
    trace_types = {trace.get("type", "scatter") for fig in figures.values() for trace in fig["data"]}
    return templates.render(
        "standalone.html",
        chart=chart,
        dom_id=f"chart-{chart.chart_id}",
        html_lang=locale_of(chart.lang).html_lang,
        font=theme.FONT_STACK[chart.lang],
        light=theme.scheme_of("light"),
        dark=theme.scheme_of("dark"),
        figures=figures,
        # Code we ship (plotly.js, charts/narrow.py's narrow.js), printed as it is.
        plotly_js=Markup(plotly_js.script(trace_types)),
        narrow_js=Markup(narrow.narrow_js()),
    )
