"""Two languages from two builds of one configuration: twins, alternates, and one command for both.

The Chinese site (mkdocs.yml, docs/zh → site/) and the English site (mkdocs.en.yml, docs/en →
site/en/) are separate MkDocs builds that inherit config/base.yml, so each language has its own
search index, 404 page and interface strings. This hook ties them together:

- ``mkdocs build`` / ``mkdocs serve`` of mkdocs.yml also build English, in-process, into
  ``<site_dir>/en`` after the Chinese build (which cleans its own site_dir first), so one command
  gives the whole site and ``mkdocs serve`` previews both languages with live reload;
- every page must have its twin at the same path in the other language, and both navigations
  must list the same pages in the same order, or the build fails naming what is missing;
- each page gets hreflang alternates (``config.extra.alternate``, which Material writes into the
  head and our overrides/partials/alternate.html turns into the language switcher) that point at
  the same page in the other language, and overrides/sitemap.xml lists them for every URL;
- ``site_url`` names the site's root; the English build appends ``en/``;
- assets both languages use (plotly.js) are served once, from the root: the English build run
  from here is told the way there (``config.extra["hmw_shared_root"]``, read by hooks/charts.py).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
# MkDocs puts hooks/ first on sys.path while it loads a hook, and hooks/charts.py would then shadow
# the charts package: the project root must come first.
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))

log = logging.getLogger("mkdocs.hooks.i18n")

# The languages, the default first. prefix: where the language lives below the site's root.
LANGUAGES: dict[str, dict[str, str]] = {
    "zh": {"name": "中文", "hreflang": "zh", "locale": "zh_CN", "prefix": "", "config": "mkdocs.yml"},
    "en": {
        "name": "English",
        "hreflang": "en",
        "locale": "en_US",
        "prefix": "en/",
        "config": "mkdocs.en.yml",
    },
}
DEFAULT = "zh"

# --- helpers ---------------------------------------------------------------------------------------


def escaped_description(text: str) -> Markup:
    """A page description ready for an attribute in any template: escaped once, as Markup, so a
    template that prints it raw (Material's) and one that escapes it (ours, `| e`) print the same."""
    return Markup.escape(text)


def strings_under(prefix: str, lang: str) -> dict[str, str]:
    """Words from the one vocabulary (charts/strings.yaml), through the charts package as it is now."""
    from charts.i18n import strings_under as words

    return words(prefix, lang)


def language_of(config: MkDocsConfig) -> str:
    """The build's language from theme.language ("zh" or "en")."""
    language = str(config.theme.get("language") or DEFAULT)
    code = "zh" if language.startswith("zh") else language
    if code not in LANGUAGES:
        raise PluginError(f"i18n: theme.language {language!r} is not one of {sorted(LANGUAGES)}")
    return code


def root_url(site_url: str, lang: str) -> str:
    """The site's root (the default language's home) from one language's site_url."""
    url = site_url if site_url.endswith("/") else site_url + "/"
    prefix = LANGUAGES[lang]["prefix"]
    return url[: -len(prefix)] if prefix and url.endswith(prefix) else url


def language_roots(root: str) -> dict[str, str]:
    """Each language's home URL, from the site's root."""
    return {code: root + info["prefix"] for code, info in LANGUAGES.items()}


def docs_dir_of(lang: str) -> Path:
    return ROOT / "docs" / lang


def markdown_pages(docs_dir: Path) -> set[str]:
    """Every page of one language, as paths relative to its docs_dir."""
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}


def missing_twins(pages: dict[str, set[str]]) -> list[str]:
    """'docs/en/x.md (twin of docs/zh/x.md)' for every page that exists in only one language."""
    problems = []
    for lang, own in pages.items():
        for other, theirs in pages.items():
            if other != lang:
                problems += [
                    f"docs/{other}/{page} (twin of docs/{lang}/{page})" for page in sorted(own - theirs)
                ]
    return problems


def nav_pages(nav: Any) -> list[str]:
    """The pages a nav lists, in order (titles dropped), from the YAML structure."""
    found: list[str] = []
    if isinstance(nav, str):
        found.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            found += nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found += nav_pages(value)
    return found


def config_nav(lang: str) -> list[str]:
    """The pages listed in one language's config file (which holds only plain YAML)."""
    with open(ROOT / LANGUAGES[lang]["config"], encoding="utf-8") as fd:
        return nav_pages(yaml.safe_load(fd).get("nav") or [])


def counterpart_href(page_url: str, lang: str, other: str, target: str | None = None) -> str:
    """The same page (or `target`, a page URL) in another language, relative to the current page
    (works on any host)."""
    up = "../" * page_url.count("/")
    to_root = up + ("../" * LANGUAGES[lang]["prefix"].count("/"))
    return (to_root + LANGUAGES[other]["prefix"] + (page_url if target is None else target)) or "./"


def alternates(page_url: str, lang: str, roots: dict[str, str]) -> list[dict[str, Any]]:
    """Material's extra.alternate items for one page: absolute link (for hreflang), relative href
    (for the switcher), and x-default pointing at the default language."""
    items = [
        {
            "name": info["name"],
            "lang": info["hreflang"],
            "link": roots[code] + page_url,
            "href": counterpart_href(page_url, lang, code),
            "root": counterpart_href(page_url, lang, code, target=""),
            "current": code == lang,
        }
        for code, info in LANGUAGES.items()
    ]
    items.append({**items[0], "lang": "x-default", "hidden": True})
    return items


# --- hooks -----------------------------------------------------------------------------------------

STATE: dict[str, Any] = {}


# Work out the language and its URLs; check that both navigations list the same pages.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = language_of(config)
    root = root_url(config.site_url or "http://127.0.0.1:8000/", lang)
    roots = language_roots(root)
    config.site_url = roots[lang]
    STATE.clear()
    STATE.update(lang=lang, root=root, roots=roots)
    navs = {code: config_nav(code) for code in LANGUAGES}
    if len(set(map(tuple, navs.values()))) > 1:
        lines = [f"  {LANGUAGES[c]['config']}: {', '.join(p)}" for c, p in navs.items()]
        raise PluginError(
            "i18n: the navigations differ; list the same pages in the same order:\n" + "\n".join(lines)
        )
    # For templates: overrides/sitemap.xml, main.html (Open Graph) and partials/alternate.html.
    config.extra["hmw"] = {
        "lang": lang,
        "locale": LANGUAGES[lang]["locale"],
        "languages": [
            {"code": code, "hreflang": info["hreflang"], "root": roots[code], "locale": info["locale"]}
            for code, info in LANGUAGES.items()
        ],
        "default_root": roots[DEFAULT],
        # Words for our templates (theme.*) and for hmw.js (js.*), from the one vocabulary.
        "strings": strings_under("theme.", lang),
        "script_strings": strings_under("js.", lang),
    }
    # Material keeps the reader's choices (colour scheme…) per scope: one scope for both languages.
    config.extra["scope"] = urlsplit(root).path
    config.extra["alternate"] = alternates("", lang, roots)
    return config


# Fail when a page lacks its twin; give the root a robots.txt that names both sitemaps.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = {code: markdown_pages(docs_dir_of(code)) for code in LANGUAGES}
    pages[STATE["lang"]] = {f.src_uri for f in files.documentation_pages()}
    problems = missing_twins(pages)
    if problems:
        raise PluginError(
            "i18n: every page must exist in both languages at the same path; missing:\n  "
            + "\n  ".join(problems)
        )
    if STATE["lang"] == DEFAULT:
        sitemaps = "".join(f"Sitemap: {url}sitemap.xml\n" for url in STATE["roots"].values())
        files.append(File.generated(config, "robots.txt", content=f"User-agent: *\nAllow: /\n{sitemaps}"))
    return files


# Point the alternates (head hreflang links and the language switcher) at this page's twins.
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    config.extra["alternate"] = alternates(page.url, STATE["lang"], STATE["roots"])
    # Material prints the description into a <meta> attribute as it is (MkDocs' templates do not
    # autoescape), so a `"` in it would end the attribute: hand it over escaped, as Markup, which
    # our templates' `| e` leaves alone.
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = escaped_description(page.meta["description"])
    return context


# The 404 page is served for any missing URL, so its alternates are absolute paths to the homes.
def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "404.html":
        items = alternates("", STATE["lang"], STATE["roots"])
        for item in items:
            item["href"] = item["root"] = urlsplit(item["link"]).path
        config.extra["alternate"] = items
    return context


# After the Chinese build, build English into <site_dir>/en (same strictness, same root URL). Last of
# all post_build events: MkDocs loads a hook module once per process, so both builds share these
# modules and the English build resets their state; every Chinese post_build must be done by then.
@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    if STATE["lang"] != DEFAULT:
        return
    for code, info in LANGUAGES.items():
        if code == DEFAULT:
            continue
        site_dir = Path(config.site_dir) / info["prefix"]
        log.info(f"Building the {info['name']} site into {site_dir}")
        other = load_config(
            config_file=str(ROOT / info["config"]),
            site_dir=str(site_dir),
            site_url=STATE["root"],
            strict=config.strict,
        )
        # Assets both languages use (plotly.js) are served once, from this site's root; hooks/charts.py
        # points the other language at them ("../" from site/en/) instead of copying them again.
        other.extra["hmw_shared_root"] = "../" * info["prefix"].count("/")
        other.plugins.on_startup(command="build", dirty=False)
        try:
            build(other)
        finally:
            other.plugins.on_shutdown()
