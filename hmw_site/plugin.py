"""The `hmw` MkDocs plugin: the whole site layer, registered once in config/base.yml (`plugins:`).

MkDocs makes a new plugin object for every build, and `mkdocs serve` for every rebuild; each makes
a new hmw_site.site.Site, so no state outlives a build. MkDocs keeps imported modules for the whole
process, though: when the code of the charts or hmw_site packages has changed since it was imported,
both are imported afresh before the build, so pages, shortcodes and charts all use the saved code.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = ("charts", "hmw_site")
CODE_SUFFIXES = (".py", ".yaml", ".html", ".js")
# Compiled theme templates (on_env); $HMW_TEMPLATE_CACHE moves it (benchmarks/site_build.py --cold).
TEMPLATE_CACHE = Path(os.environ.get("HMW_TEMPLATE_CACHE") or PROJECT / ".cache" / "jinja")
log = logging.getLogger("mkdocs.plugins.hmw")


def newest_code_change() -> float:
    """The newest modification time of the packages' code, strings and templates."""
    return max(
        (
            p.stat().st_mtime
            for name in PACKAGES
            for p in (PROJECT / name).rglob("*")
            if p.suffix in CODE_SUFFIXES
        ),
        default=0.0,
    )


def forget_changed_code(imported_at: float) -> float:
    """Drop the packages' modules (all but this one) when their code changed after imported_at, so
    the next import reads the saved files; returns the time of the code now in use."""
    newest = newest_code_change()
    if newest > imported_at:
        for name in [n for n in sys.modules if n.split(".")[0] in PACKAGES and n != __name__]:
            del sys.modules[name]
    return newest


def serve_site_dir(site_dir: str) -> bool:
    """Whether site_dir is the temporary folder `mkdocs serve` builds into (mkdocs/commands/serve.py:
    tempfile.mkdtemp(prefix="mkdocs_")): the first build of `mkdocs serve` runs before on_serve."""
    path = Path(site_dir)
    return path.name.startswith("mkdocs_") and path.parent == Path(tempfile.gettempdir())


class HmwPlugin(BasePlugin):
    """Hands each MkDocs event to this build's Site."""

    code_time = newest_code_change()  # of the code imported so far; shared by every build in the process
    serving = False  # `mkdocs serve` is running (set by on_serve; like code_time, outlives its builds)
    # Under `mkdocs serve`, each language's rendered pages (hmw_site/memo.py), kept between builds.
    memos: ClassVar[dict[str, Any]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check every file of data/ first (the default language's build does: the builds it runs
        for the other languages follow at once), then set up the build. A problem in data/ fails
        `mkdocs build` with the list of problems (no traceback); under `mkdocs serve` it is shown
        in the browser instead (hmw_site/problems.py), and the site comes back once it is fixed."""
        HmwPlugin.code_time = forget_changed_code(HmwPlugin.code_time)
        # The first build of `mkdocs serve` comes before on_serve; the other language's build inside
        # it must know too.
        HmwPlugin.serving = serving = HmwPlugin.serving or serve_site_dir(config.site_dir)
        memo = importlib.import_module("hmw_site.memo")
        memo.remember_chinese_segmentation()
        if serving:
            memo.remember_search_entries()
        data_error = importlib.import_module("charts.records").DataError
        data_dir = Path(config.config_file_path).resolve().parent / "data"
        try:
            if not config.extra.get(importlib.import_module("hmw_site.languages").DATA_CHECKED):
                importlib.import_module("charts.datacheck").check_data(data_dir)
            self.site: Any = importlib.import_module("hmw_site.site").Site(
                config, serving=serving, memos=HmwPlugin.memos
            )
        except data_error as exc:
            if not serving:
                raise PluginError(f"{exc}\nNothing was built.") from None
            log.error("%s\nThe browser shows these problems until they are fixed.", exc)
            self.site = importlib.import_module("hmw_site.problems").ProblemsSite(config, exc)
        return config

    def on_build_error(self, *, error: Exception) -> None:
        importlib.import_module("hmw_site.search_cuts").finish()  # no later build may use its helper
        site = getattr(self, "site", None)
        if site is not None and hasattr(site, "close"):
            site.close()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        HmwPlugin.serving = True
        return server

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the theme's compiled templates on disk: MkDocs makes a new environment, and so compiles
        Material's templates again, for every build and rebuild. Jinja checks each template's source
        against what it compiled, so an edited template is compiled afresh."""
        TEMPLATE_CACHE.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(TEMPLATE_CACHE))
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return self.site.on_files(files, config)

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        return self.site.on_nav(nav, config, files)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.site.on_page_markdown(markdown, page, config, files)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.site.on_page_content(html, page, config, files)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> Any:
        return self.site.on_page_context(context, page, config)

    def on_template_context(self, context: dict[str, Any], template_name: str, config: MkDocsConfig) -> Any:
        return self.site.on_template_context(context, template_name, config)

    # Last of all post_build events (after search writes its index): the other language's build
    # runs inside this one.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        self.site.on_post_build(config)
