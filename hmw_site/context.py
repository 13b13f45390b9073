"""What rendering a page needs to know (the dataset, the language, the page, how to link) and what it
records for the build's checks (links written, anchors written).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charts.dataset import Dataset
from charts.i18n import t
from charts.locale import Locale, locale_of

ROW_PAGES: dict[str, tuple[str, str, str]] = {
    "models": ("atlas.md", "model-", "models-table"),
    "events": ("timeline.md", "event-", "events"),
    "figures": ("method.md", "figure-", "figures-table"),
    "sources": ("sources/index.md", "source-", ""),
    "external_models": ("context.md", "xmodel-", "external-models-table"),
    "external_events": ("context.md", "xevent-", "external-events-table"),
    "external_prices": ("context.md", "xprice-", "external-prices-table"),
}
FIELDS: dict[str, tuple[str, ...]] = {
    "figures": ("value", "date", "subject"),
    "models": ("params", "date", "name", "context", "tokens"),
    "events": ("date", "title"),
    "external_models": ("params", "active", "date", "name", "org", "context"),
    "external_events": ("date", "title"),
    "external_prices": ("after", "before", "output_after", "output_before", "date", "model", "company"),
}
DEFAULT_FIELD = {"figures": "value"}
# The words for a column taken from an external reference (ref_fields values).
FIELD_LABELS = {
    "release_date": "label.released",
    "params_billion": "label.params",
    "open_weights": "label.open_weights",
    "context_tokens": "label.context",
    "training_tokens_billion": "label.training_tokens",
    "org": "label.org",
    "date": "label.date",
}

PROJECT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT / "data"
# The dataset files the site serves under data/ (the downloads fence lists them).
DATA_FILES = (
    "sources.csv",
    "references.csv",
    "models.csv",
    "events.csv",
    "figures.csv",
    "external_models.csv",
    "external_events.csv",
    "external_prices.csv",
    "schema.yaml",
)
EXTRA_DATA_FILES = ("glossary.yaml", "claims.yaml")

# --- words: every UI string comes from the one vocabulary (charts/strings.yaml) ------------------

LANGS = ("zh", "en")


def word(key: str, lang: str) -> str:
    """A status or category as it reads inside a sentence or a table cell ("reported", "研究")."""
    return locale_of(lang).in_sentence(t(key, lang))


# The visible mark for each status that is not plain fact. External values get their own mark.
MARKS: dict[str, str] = {
    "reported": "†",
    "estimated": "≈",
    "projected": "↗",
    "disputed": "?",
    "external": "‡",
}

# --- rendering context ------------------------------------------------------------------------


class ShortcodeError(PluginError):
    """A page asked for something the dataset does not have; the message names page and code."""


@dataclass
class Context:
    """What rendering needs to know about the page being built, and what it records for checks."""

    data: Dataset
    lang: str
    page: str  # src_uri of the page being rendered, e.g. topics/scale.md
    url_for: Callable[[str, str], str]  # (target src_uri, anchor) -> href relative to the page
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (page, target, anchor)
    anchors: dict[str, set[str]] = field(default_factory=dict)  # page -> anchors written
    usage: dict[str, set[str]] | None = None  # source id -> pages that build on it
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> page title, this language
    site_url: str = ""  # this language's root URL
    data_dir: Path = DATA_DIR  # where the dataset files the downloads list live

    @property
    def loc(self) -> Locale:
        """The page's language as one object (its words, numbers and dates)."""
        return locale_of(self.lang)

    def href(self, target: str, anchor: str = "") -> str:
        self.links.append((self.page, target, anchor))
        return self.url_for(target, anchor)

    def anchor(self, name: str) -> str:
        written = self.anchors.setdefault(self.page, set())
        if name in written:
            raise ShortcodeError(
                f"{self.page}: the anchor #{name} is written twice (two tables of one kind?)"
            )
        written.add(name)
        return name


def files_url_for(files: Files, page: Page) -> Callable[[str, str], str]:
    """Resolve a target page against the build's files, relative to the current page."""

    def url_for(target: str, anchor: str) -> str:
        found = files.get_file_from_path(target)
        if found is None:
            raise ShortcodeError(f"{page.file.src_uri}: links to {target}, which is not a page of this site")
        url = found.url_relative_to(page.file)
        return f"{url}#{anchor}" if anchor else url

    return url_for
