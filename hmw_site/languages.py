"""The site's languages, one build of one configuration each: the language of a build and its
URLs, twin pages, the hreflang alternates and switcher, robots.txt, and the builds of the other
languages that run after the Chinese one (config/base.yml says why one build per language).

Traditional Chinese is generated: its build reads the Simplified pages (docs/zh) and the Simplified
configuration (mkdocs.zh-hant.yml inherits mkdocs.yml), and hmw_site/traditional_pages.py converts
them as they are read; it keeps no page of its own.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from charts import digest
from charts.files import atomic_write, link_or_copy, swap_dir
from charts.i18n import ALL_LANGS, DEFAULT_LANG, GENERATED, strings_under
from charts.locale import locale_of
from charts.records import TABLE_NAMES
from charts.registry import CHART_IDS, module_name
from charts.yamltext import load_yaml
from hmw_site.generated import converted_config

# config.extra key set on a language built inside the default language's site: that site's root
# relative to this language's root ("../"); shared assets (plotly.js) are served from it.
SHARED_ROOT = "hmw_shared_root"
# config.extra key naming the folder where the default language's build wrote every language's charts.
CHARTS_WRITTEN = "hmw_charts_written"
# Set for the builds build_others runs: the default language's build checked data/ a moment ago.
DATA_CHECKED = "hmw_data_checked"
# config.extra key: the chart folder's write still under way (hmw_site/pending_charts.py), if any.
CHARTS_PENDING = "hmw_charts_pending"

log = logging.getLogger("mkdocs.plugins.hmw")

# The languages, the default first. prefix: where the language lives below the site's root; theme:
# Material's interface language (zh-TW: Taiwan's words, as our Traditional text uses).
LANGUAGES: dict[str, dict[str, str]] = {
    "zh": {
        "name": "简体中文",
        "hreflang": "zh-Hans",
        "locale": "zh_CN",
        "prefix": "",
        "config": "mkdocs.yml",
        "theme": "zh",
    },
    "en": {
        "name": "English",
        "hreflang": "en",
        "locale": "en_US",
        "prefix": "en/",
        "config": "mkdocs.en.yml",
        "theme": "en",
    },
    "zh-Hant": {
        "name": "繁體中文",
        "hreflang": "zh-Hant",
        "locale": "zh_TW",
        "prefix": "zh-hant/",
        "config": "mkdocs.zh-hant.yml",
        "theme": "zh-TW",
    },
}
DEFAULT = DEFAULT_LANG
# The languages with pages of their own in docs/<lang>; the others are generated from one of them.
WRITTEN = tuple(code for code in LANGUAGES if code not in GENERATED)
assert tuple(LANGUAGES) == ALL_LANGS, "hmw_site/languages.py and charts/i18n.py list the same languages"

# --- helpers ---------------------------------------------------------------------------------------


def escaped_description(text: str) -> Markup:
    """A page description ready for an attribute in any template: escaped once, as Markup, so a
    template that prints it raw (Material's) and one that escapes it (ours, `| e`) print the same."""
    return Markup.escape(text)


def project_of(config: MkDocsConfig) -> Path:
    """The project's folder: where the configuration file is (data/, docs/, the language files)."""
    return Path(config.config_file_path).resolve().parent


def language_of(config: MkDocsConfig) -> str:
    """The build's language from theme.language ("zh", "en" or "zh-TW")."""
    language = str(config.theme.get("language") or DEFAULT)
    codes = {info["theme"]: code for code, info in LANGUAGES.items()}
    if language not in codes:
        raise PluginError(f"i18n: theme.language {language!r} is not one of {sorted(codes)}")
    return codes[language]


def root_url(site_url: str, lang: str) -> str:
    """The site's root (the default language's home) from one language's site_url."""
    url = site_url if site_url.endswith("/") else site_url + "/"
    prefix = LANGUAGES[lang]["prefix"]
    return url[: -len(prefix)] if prefix and url.endswith(prefix) else url


def language_roots(root: str) -> dict[str, str]:
    """Each language's home URL, from the site's root."""
    return {code: root + info["prefix"] for code, info in LANGUAGES.items()}


def docs_dir_of(project: Path, lang: str) -> Path:
    """Where a language's pages are written: a generated language reads its source's."""
    return project / "docs" / GENERATED.get(lang, lang)


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


def config_nav(project: Path, lang: str) -> list[str]:
    """The pages listed in one language's config file (which holds only plain YAML)."""
    with open(project / LANGUAGES[lang]["config"], encoding="utf-8") as fd:
        return nav_pages(load_yaml(fd).get("nav") or [])


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
            "code": code,
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


class Languages:
    """Per build: this build's language, the site's root and every language's home."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.project = project_of(config)
        self.lang = language_of(config)
        self.root = root_url(config.site_url or "http://127.0.0.1:8000/", self.lang)
        self.roots = language_roots(self.root)
        # Under `mkdocs serve`, the default language's site digest and whether this build skipped it.
        self.default_key = ""
        self.skipped = False
        self._inputs: str | None = None

    @property
    def builds_others(self) -> bool:
        """This build is the default language's, which builds the other languages after its own."""
        return self.lang == DEFAULT

    def inputs(self, config: MkDocsConfig, charts_written: Path | None) -> str:
        """site_inputs_digest for this build (computed once)."""
        if self._inputs is None:
            self._inputs = site_inputs_digest(self.project, self.root, config.strict, charts_written)
        return self._inputs

    def configure(self, config: MkDocsConfig) -> None:
        """Set this language's URL and the templates' data; check both navigations list the same pages."""
        lang, roots = self.lang, self.roots
        config.site_url = roots[lang]
        if lang in GENERATED:
            converted_config(config, locale_of(lang))
        navs = {code: config_nav(self.project, code) for code in WRITTEN}
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
        config.extra["scope"] = urlsplit(self.root).path
        config.extra["alternate"] = alternates("", lang, roots)

    def check_twins_and_add_robots(self, files: Files, config: MkDocsConfig) -> None:
        """Fail when a page lacks its twin; give the root a robots.txt that names both sitemaps."""
        pages = {code: markdown_pages(docs_dir_of(self.project, code)) for code in WRITTEN}
        pages[GENERATED.get(self.lang, self.lang)] = {f.src_uri for f in files.documentation_pages()}
        problems = missing_twins(pages)
        if problems:
            raise PluginError(
                "i18n: every page must exist in both languages at the same path; missing:\n  "
                + "\n  ".join(problems)
            )
        if self.lang == DEFAULT:
            sitemaps = "".join(f"Sitemap: {url}sitemap.xml\n" for url in self.roots.values())
            robots = f"User-agent: *\nAllow: /\n{sitemaps}"
            files.append(File.generated(config, "robots.txt", content=robots))

    def page_context(self, page: Page, config: MkDocsConfig) -> None:
        """Point the alternates at this page's twins; hand the description to templates escaped."""
        config.extra["alternate"] = alternates(page.url, self.lang, self.roots)
        # Material prints the description into a <meta> attribute as it is (MkDocs' templates do not
        # autoescape), so a `"` in it would end the attribute.
        if isinstance(page.meta.get("description"), str):
            page.meta["description"] = escaped_description(page.meta["description"])

    def template_context(self, template_name: str, config: MkDocsConfig) -> None:
        """The 404 page is served for any missing URL: its alternates are absolute paths to the homes."""
        if template_name == "404.html":
            items = alternates("", self.lang, self.roots)
            for item in items:
                item["href"] = item["root"] = urlsplit(item["link"]).path
            config.extra["alternate"] = items

    def skip_unchanged(self, config: MkDocsConfig, charts_written: Path | None, *, reuse: bool) -> bool:
        """Under `mkdocs serve` (reuse), whether this default-language build may render nothing:
        nothing its site is built from changed since its last build (site_digest), which is kept in
        build/serve/<lang>. Site.on_files then leaves every file and the navigation out, and
        build_others puts the kept copy back. A save in docs/en so rebuilds only the English site."""
        if not reuse or self.lang != DEFAULT:
            return False
        self.default_key = site_digest(
            self.project, DEFAULT, self.inputs(config, charts_written), charts_written
        )
        kept = kept_digest(serve_copy(self.project, DEFAULT))
        self.skipped = bool(self.default_key) and kept == self.default_key
        return self.skipped

    def build_others(self, config: MkDocsConfig, charts_written: Path | None, *, reuse: bool = False) -> None:
        """After the default language's build, build every other one into <site_dir>/<prefix>
        (same strictness, same root URL), handing over the chart files already written.

        reuse (under `mkdocs serve` only): a language whose inputs did not change since its last
        build (site_digest) is copied from that build (build/serve/<lang>) instead of built again;
        every build is kept there for the next save. The default language's own build, done or
        skipped (skip_unchanged), is kept or put back first."""
        if not self.builds_others:
            return
        if reuse:
            kept = serve_copy(self.project, DEFAULT)
            name = LANGUAGES[DEFAULT]["name"]
            if self.skipped:
                copy_site(kept, Path(config.site_dir))
                log.info(f"The {name} site is unchanged: copied from its last build ({kept})")
            else:
                keep_site(Path(config.site_dir), kept, self.default_key)
        for code, info in LANGUAGES.items():
            if code == DEFAULT:
                continue
            site_dir = Path(config.site_dir) / info["prefix"]
            inputs = self.inputs(config, charts_written) if reuse else ""
            key = site_digest(self.project, code, inputs, charts_written)
            kept = serve_copy(self.project, code)
            if reuse and kept_digest(kept) == key:
                copy_site(kept, site_dir)
                log.info(f"The {info['name']} site is unchanged: copied from its last build ({kept})")
                continue
            log.info(f"Building the {info['name']} site into {site_dir}")
            other = load_config(
                config_file=str(self.project / info["config"]),
                site_dir=str(site_dir),
                site_url=self.root,
                strict=config.strict,
            )
            # Assets both languages use (plotly.js) are served once, from this site's root; the other
            # language points at them ("../" from site/en/) instead of copying them again.
            other.extra[SHARED_ROOT] = "../" * info["prefix"].count("/")
            other.extra[DATA_CHECKED] = True
            if charts_written is not None:
                other.extra[CHARTS_WRITTEN] = str(charts_written)
                other.extra[CHARTS_PENDING] = config.extra.get(CHARTS_PENDING)
            other.plugins.on_startup(command="build", dirty=False)
            try:
                build(other)
            finally:
                other.plugins.on_shutdown()
            if reuse:
                keep_site(site_dir, kept, key)


# --- under `mkdocs serve`: a language only when it must be built ----------------------------------

# Below the project: the last build of each language under `mkdocs serve`, with KEPT_DIGEST.
SERVE_COPIES = Path("build") / "serve"
KEPT_DIGEST = ".hmw-site-digest"
# What a language's pages are made from besides its own docs/<lang>: the dataset, the code,
# the theme overrides, the configuration and the npm package's version.
SITE_INPUTS = (
    "data",
    "charts",
    "hmw_site",
    "overrides",
    "config",
    "mkdocs.yml",
    "mkdocs.en.yml",
    "mkdocs.zh-hant.yml",
    "package.json",
)
SITE_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jieba", "pygments")


def site_inputs_digest(project: Path, root: str, strict: bool, charts_written: Path | None) -> str:
    """What every page of a language is made from but the pages and the charts: the dataset, the
    code (not the charts' own modules, which reach the pages only through the charts' files),
    templates and configuration, the root URL and strictness, and the packages' versions. Contents,
    not times. The dataset's tables are left out: each page is kept with the tables it read
    (hmw_site/memo.py, table_digests). "" (never reuse) when the chart folder has no complete
    manifest (charts/digest.py)."""
    manifest = digest.read_manifest(charts_written) if charts_written else {}
    if not manifest.get("inputs"):
        return ""  # the charts are not known to be complete: never reuse
    return digest.text_digest(
        digest.shared_code_digest([module_name(cid) for cid in CHART_IDS], project),
        digest.files_digest(
            [project / name for name in SITE_INPUTS if name not in ("charts", "data")], project
        ),
        digest.files_digest(untracked_data_files(project / "data"), project),
        str(charts_written),
        root,
        bool(strict),
        {name: digest.package_version(name) for name in SITE_PACKAGES},
        digest.environment(),
    )


def table_digests(data_dir: Path) -> dict[str, str]:
    """Each table's CSV file, by table name (charts/digest.py data_digests, less the schema)."""
    return {
        name: value
        for name, value in digest.data_digests(data_dir, TABLE_NAMES).items()
        if name in TABLE_NAMES
    }


def untracked_data_files(data_dir: Path) -> list[Path]:
    """Every file of data/ but the tables' CSVs: what every page may be made from."""
    tables = {f"{name}.csv" for name in TABLE_NAMES}
    return sorted(
        p
        for p in data_dir.rglob("*")
        if p.is_file()
        and p.relative_to(data_dir).as_posix() not in tables
        and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(data_dir).parts)
    )


def site_digest(project: Path, lang: str, inputs: str, charts_written: Path | None) -> str:
    """Everything one language's site is built from: its pages, every language's page names (the
    twin check), site_inputs_digest ("" when that is "": never reuse) and the chart files (their
    digests in the manifest)."""
    if not inputs or charts_written is None:
        return ""
    manifest = digest.read_manifest(charts_written)
    return digest.text_digest(
        lang,
        digest.files_digest([docs_dir_of(project, lang)], project),
        {code: sorted(markdown_pages(docs_dir_of(project, code))) for code in LANGUAGES},
        inputs,
        table_digests(project / "data"),
        {part: manifest.get(part) for part in ("charts", "decks")},  # the files, not how they were made
    )


def serve_copy(project: Path, lang: str) -> Path:
    return project / SERVE_COPIES / lang


def kept_digest(kept: Path) -> str | None:
    try:
        return (kept / KEPT_DIGEST).read_text(encoding="utf-8") or None
    except OSError:
        return None


def copy_site(source: Path, target: Path) -> None:
    """A kept site into the served folder (hard links where possible: the builds never write into
    an existing file, they clean their folder first), without its digest. What a skipped build
    wrote there (an empty search index, a sitemap without pages) is replaced."""
    shutil.copytree(
        source,
        target,
        copy_function=link_or_copy,
        ignore=shutil.ignore_patterns(KEPT_DIGEST),
        dirs_exist_ok=True,
    )


def keep_site(site_dir: Path, kept: Path, key: str) -> None:
    """Keep a language's fresh build for the next save, swapped in whole, its digest written last."""
    if not key:
        shutil.rmtree(kept, ignore_errors=True)
        return
    with swap_dir(kept) as tmp:
        shutil.rmtree(tmp)
        shutil.copytree(site_dir, tmp, copy_function=link_or_copy)
        atomic_write(tmp / KEPT_DIGEST, key)
