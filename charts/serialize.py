"""Charts as data: figure JSON, the plotted table as CSV, and the meta.json that cites a chart.

Everything here is deterministic (sorted keys, no ids or timestamps): the same chart always gives
the same bytes, so a rebuild changes only what the data changed.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import plotly.graph_objects as go

from charts import citation
from charts.chart import Chart, local
from charts.locale import locale_of


def dumps(value: Any, *, indent: int | None = None) -> str:
    """JSON with sorted keys and the text as written (no \\u escapes): compact, or indented."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=separators, indent=indent)


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no ``</`` can close it and no ``<!--`` can open a comment."""
    return dumps(value).replace("</", "<\\/").replace("<!--", "<\\!--")


def figure_dict(figure: go.Figure) -> dict[str, Any]:
    """The figure as plain JSON data (lists, not numpy arrays), as ``figure.to_json`` gives it
    without trace uids. Encoded straight from the figure's own data, not from ``figure.to_dict()``:
    that deep-copies the figure and then walks it for numpy arrays, a fifth of the time it takes to
    plan the charts, for a copy the JSON round trip makes anyway."""
    from _plotly_utils.utils import PlotlyJSONEncoder

    plain: dict[str, Any] = {
        "data": [{key: value for key, value in trace.items() if key != "uid"} for trace in figure._data],
        "layout": figure._layout,
    }
    if figure._frame_objs:
        plain["frames"] = [frame._props for frame in figure._frame_objs]
    return json.loads(json.dumps(plain, cls=PlotlyJSONEncoder, separators=(",", ":")))


def figure_json(chart: Chart | go.Figure) -> str:
    """The figure as compact, key-sorted JSON: the same chart always gives the same bytes."""
    figure = chart.figure if isinstance(chart, Chart) else chart
    return dumps(figure_dict(figure))


def table_csv(chart: Chart) -> bytes:
    """The plotted data as CSV, UTF-8 with a BOM so Excel reads the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(chart.table.headers)
    writer.writerows(chart.table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def meta(chart: Chart, data: Any, files: dict[str, Any]) -> dict[str, Any]:
    """What the site, the slides and a reader need to cite the chart, without opening it."""
    return {
        "id": chart.chart_id,
        "lang": chart.lang,
        "title": chart.title,
        "subtitle": chart.subtitle,
        "caption": chart.caption,
        "alt": chart.alt,
        "notes": list(chart.notes),
        "sources": [
            {
                "id": key,
                # An untitled article has no title to give, only our label inside its citation.
                "title": citation.title_text(data.sources[key], chart.lang)
                if citation.is_titled(data.sources[key])
                else None,
                "citation": citation.full(data.sources[key], chart.lang),
                "outlet": local(data.sources[key], "outlet", locale_of(chart.lang)),
                "date": data.sources[key]["date"].iso,
                "url": data.sources[key]["url"] or "",
            }
            for key in chart.source_ids
        ],
        "references": [
            {
                "id": key,
                "title": data.references[key]["title"],
                "publisher": data.references[key]["publisher"],
                "year": data.references[key]["published"].year,
                "url": data.references[key]["url"],
            }
            for key in chart.reference_ids
        ],
        "table": {"headers": list(chart.table.headers), "rows": [list(row) for row in chart.table.rows]},
        "rows": {table: list(ids) for table, ids in chart.rows.items()},
        "files": files,
    }
