"""A kaleido browser session that draws each figure once for all the images made of it.

kaleido 1.x makes one image per call, and Plotly.toImage plots the figure afresh every time: a chart's
SVG and its PNG cost two plots, and plotting is most of an image's time. ``ImageSession.draw`` plots
a figure once and takes both from that plot, as Plotly.toImage does inside: the SVG is the plot
serialised (Plotly.Snapshot.toSVG), the PNG that same SVG rasterised (Plotly.Snapshot.svgToImg).
Each PNG is byte-identical to kaleido's own, each SVG the same document up to plotly's random ids
(which differ between any two runs anyway); a cold export takes about a tenth less browser time.
The same plot gives the dark images too when the dark figure is the light one recoloured: its SVG
with the colours swapped (charts/recolour.py), and the PNG that SVG rasterised.

It also keeps each tab's page loaded from one image to the next (kaleido reloads it, which parses
plotly.js again: 40 % of a cold export). Each image is drawn into a graph div of its own, purged
afterwards, so nothing carries over (PNGs are byte-identical with and without the reload).

Both lean on kaleido's private hooks (a tab from its queue, the tab's JavaScript context). Should a
kaleido release rename them, each image is made by kaleido's public ``calc_fig`` from its own
figure instead: slower, not wrong.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

# Plot once, then serialise and rasterise that plot, once per variant: the plot's own colours, or
# them swapped (charts/recolour.py: a dark image from the light plot). The layout and config are
# those Plotly.toImage gives its own plot (kaleido's defaults, then the figure's config, then the
# static export flags); plotGlPixelRatio only matters to WebGL traces, which the charts do not use.
DRAW_JS = r"""function(figure, width, height, variants) {
  const gd = document.createElement('div');
  gd.style.position = 'absolute';
  gd.style.left = '-5000px';
  document.body.appendChild(gd);
  const layout = Object.assign({}, figure.layout || {}, {width: width, height: height});
  const config = Object.assign({mapboxAccessToken: null, plotGlPixelRatio: 2}, figure.config || {},
      {_exportedPlot: true, staticPlot: true, setBackground: ''});
  const snapshot = Plotly.Snapshot;
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const recolour = (svg, colours) => {
    if (!colours.length) return svg;
    const swaps = new Map(colours);
    const keys = colours.map((pair) => pair[0]).sort((a, b) => b.length - a.length);
    return svg.replace(new RegExp(keys.map(escape).join('|'), 'g'), (found) => swaps.get(found));
  };
  return Plotly.newPlot(gd, figure.data || [], layout, config)
    .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
    .then(() => {
      const plotted = snapshot.toSVG(gd, 'svg', 1);
      const w = gd._fullLayout.width, h = gd._fullLayout.height;
      Plotly.purge(gd);
      document.body.removeChild(gd);
      return Promise.all(variants.map((variant) => {
        const svg = recolour(plotted, variant.colours);
        return Promise.all(variant.pngScales.map((scale) => snapshot.svgToImg({
          format: 'png', width: w, height: h, scale: scale, svg: svg,
          canvas: document.createElement('canvas'), promise: true,
        }))).then((pngs) => ({
          svg: svg, pngs: pngs.map((url) => url.replace(/^data:image\/\w+;base64,/, '')),
        }));
      })).then((drawn) => JSON.stringify(drawn));
    });
}"""

# What one image of a drawing is: its format, its scale, the colours swapped in the plot's SVG to
# make it (none: the plot's own), and its own figure (which a session without kaleido's hooks plots).
Wanted = tuple[str, float, tuple[tuple[str, str], ...], dict[str, Any]]


class DrawingFailed(RuntimeError):
    """plotly.js threw while drawing a figure."""


def kaleido_class() -> type:
    """kaleido.Kaleido that keeps a tab's page loaded between images and can draw a figure once
    for several images (see the module's docstring)."""
    import kaleido

    class OneLoadKaleido(kaleido.Kaleido):
        async def _return_kaleido_tab(self, tab: Any) -> None:
            await self.tabs_ready.put(tab)

    return OneLoadKaleido


class ImageSession:
    """One browser, ``tabs`` tabs: ``open``, ``draw`` as often as needed (concurrently), ``close``."""

    def __init__(self, *, tabs: int, timeout: float, plotlyjs: str | None, browser: str) -> None:
        self.timeout = timeout
        self._kaleido = kaleido_class()(
            n=tabs, timeout=timeout, mathjax=False, plotlyjs=plotlyjs, path=browser
        )

    async def open(self) -> None:
        await self._kaleido.open()

    async def close(self) -> None:
        await self._kaleido.close()

    async def draw(
        self, figure: dict[str, Any], width: int, height: int, wanted: Sequence[Wanted]
    ) -> list[bytes]:
        """The images of one figure plotted at one size, one per Wanted, in that order: from a
        single plot when, for each set of colours, they are at most one SVG (at scale 1) and PNGs,
        else one plot of each image's own figure."""
        svgs = Counter(colours for fmt, _, colours, _ in wanted if fmt == "svg")
        if max(svgs.values(), default=0) > 1 or any(
            (fmt, scale) != ("svg", 1) and fmt != "png" for fmt, scale, _, _ in wanted
        ):
            return [await self._one(own, width, height, fmt, scale) for fmt, scale, _, own in wanted]
        variants: dict[tuple[tuple[str, str], ...], list[float]] = {}  # colours -> PNG scales
        for fmt, scale, colours, _ in wanted:
            variants.setdefault(colours, []).extend([scale] if fmt == "png" else [])
        try:
            tab = await self._kaleido._get_kaleido_tab()
            js_context = tab._current_js_id
        except AttributeError:  # a kaleido without these hooks: one plot per image
            return [await self._one(own, width, height, fmt, scale) for fmt, scale, _, own in wanted]
        try:
            sent = [{"colours": colours, "pngScales": scales} for colours, scales in variants.items()]
            drawn = await asyncio.wait_for(
                self._run(tab.tab, js_context, figure, width, height, sent), self.timeout
            )
        finally:
            await self._kaleido._return_kaleido_tab(tab)
        by_colours = dict(zip(variants, drawn, strict=True))
        pngs = {
            colours: iter(base64.b64decode(png) for png in one["pngs"]) for colours, one in by_colours.items()
        }
        return [
            by_colours[colours]["svg"].encode("utf-8") if fmt == "svg" else next(pngs[colours])
            for fmt, _, colours, _ in wanted
        ]

    async def _one(self, figure: dict[str, Any], width: int, height: int, fmt: str, scale: float) -> bytes:
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        return await self._kaleido.calc_fig(figure, opts=opts)

    @staticmethod
    async def _run(
        tab: Any,
        js_context: int,
        figure: dict[str, Any],
        width: int,
        height: int,
        variants: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        from kaleido._kaleido_tab._devtools_utils import exec_js_fn

        response = await exec_js_fn(tab, js_context, DRAW_JS, figure, width, height, variants)
        result = response.get("result", {})
        if "error" in response or "exceptionDetails" in result:
            details = response.get("error") or result["exceptionDetails"]
            raise DrawingFailed(json.dumps(details, ensure_ascii=False)[:500])
        return json.loads(result["result"]["value"])
