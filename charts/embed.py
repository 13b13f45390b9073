"""The iframe snippet that embeds a chart's standalone page: one copy for the site and the bundles."""

from __future__ import annotations

from html import escape

EMBED_WIDTH, EMBED_HEIGHT = 960, 540  # a 16:9 frame, the size of the exported slide images


def iframe(src: str, title: str, *, lazy: bool = False) -> str:
    """An iframe of the page at src; every attribute is escaped, so dataset text cannot break it."""
    loading = ' loading="lazy"' if lazy else ""
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="{EMBED_WIDTH}" height="{EMBED_HEIGHT}" '
        f'style="border:0; max-width:100%"{loading}></iframe>'
    )
