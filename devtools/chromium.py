"""The Chromium the browser tests and the page-weight benchmark drive through Playwright, and how.

One definition, so the tests and the benchmark load pages under the same conditions. kaleido (image
export, charts/export.py) finds its browser itself, from $BROWSER_PATH.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from charts.export import DEBIAN_BROWSER

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

# Debian's Chromium; on macOS or Windows point $HMW_CHROMIUM at Google Chrome (README).
CHROMIUM = os.environ.get("HMW_CHROMIUM") or str(DEBIAN_BROWSER)
# Every host but the local server resolves to nothing, so a stray request fails at once (and is
# reported) instead of waiting for a network this machine may not have; no background traffic of
# Chromium's own adds to what a page is measured or checked for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def launch(playwright: Playwright) -> Browser:
    """Headless Chromium with the settings above."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
