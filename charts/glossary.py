"""data/glossary.yaml, read and checked: the terms, their names, aliases and definitions in both
languages. Every problem is reported at once with its line (charts/datafile.py reads the file);
hmw_site/glossary.py matches the terms in the pages and builds the glossary page."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from charts.datafile import LineMap, read_yaml
from charts.i18n import GENERATED, LANGS, t
from charts.records import DataError, Problem, shown_path

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TEXT_FIELDS = tuple(f"{field}_{lang}" for field in ("term", "definition") for lang in LANGS)
LIST_FIELDS = tuple(f"aliases_{lang}" for lang in LANGS)
REQUIRED = ("id", "category", *TEXT_FIELDS, *LIST_FIELDS)


def other_language(lang: str) -> str:
    """The language a term is also named in: English on a Chinese page, Chinese on an English one."""
    return next(code for code in LANGS if code != GENERATED.get(lang, lang))


@dataclass(frozen=True)
class Term:
    id: str
    category: str
    names: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    definitions: dict[str, str]
    related: tuple[str, ...]

    def title(self, lang: str) -> str:
        """The hover text: the term in this language (and the other), then its definition."""
        other = other_language(lang)
        term, definition = self.names[lang], self.definitions[lang]
        if term == self.names[other]:
            return t("glossary.hover_one_name", lang, term=term, definition=definition)
        return t("glossary.hover", lang, term=term, other=self.names[other], definition=definition)


@dataclass(frozen=True)
class Glossary:
    categories: dict[str, dict[str, str]]
    terms: tuple[Term, ...]

    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}


def _line(node: Any, fallback: int) -> int:
    return node.line if isinstance(node, LineMap) else fallback


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _entry_problems(shown: str, entry: Any, line: int, categories: dict[str, Any]) -> list[Problem]:
    """What is wrong with one term's fields (types included: a YAML slip often changes a type)."""
    if not isinstance(entry, dict):
        return [Problem(shown, line, None, repr(entry)[:40], "a term: a mapping with id, category, …")]
    problems = []
    for key in REQUIRED:
        if entry.get(key) in (None, "", []):
            problems.append(Problem(shown, line, key, None, "a value; every term has one"))
    for key in TEXT_FIELDS:
        if entry.get(key) and not isinstance(entry[key], str):
            problems.append(Problem(shown, line, key, repr(entry[key])[:40], "text"))
    for key in (*LIST_FIELDS, "related"):
        if entry.get(key) and not _is_text_list(entry[key]):
            problems.append(Problem(shown, line, key, repr(entry[key])[:40], "a list such as [一个, 两个]"))
    if entry.get("id") and not (isinstance(entry["id"], str) and ID.match(entry["id"])):
        problems.append(Problem(shown, line, "id", str(entry["id"]), "a lowercase slug such as rag"))
    if entry.get("category") and entry["category"] not in categories:
        problems.append(
            Problem(shown, line, "category", str(entry["category"]), f"one of {', '.join(categories)}")
        )
    return problems


def _term(entry: dict[str, Any]) -> Term:
    return Term(
        id=entry["id"],
        category=entry["category"],
        names={lang: entry[f"term_{lang}"] for lang in LANGS},
        aliases={lang: tuple(entry[f"aliases_{lang}"]) for lang in LANGS},
        definitions={lang: entry[f"definition_{lang}"].strip() for lang in LANGS},
        related=tuple(entry.get("related") or ()),
    )


def load_glossary(path: Path) -> Glossary:
    """Read and check data/glossary.yaml; raise DataError listing every problem found."""
    shown = shown_path(path.parent, path)
    raw = read_yaml(path, shown)
    if not isinstance(raw, dict) or not isinstance(raw.get("terms"), list):
        raise DataError([Problem(shown, 1, None, None, "two mappings, `categories:` and `terms:` (a list)")])
    categories = raw.get("categories") if isinstance(raw.get("categories"), dict) else {}
    problems: list[Problem] = []
    terms: list[Term] = []
    first_line: dict[str, int] = {}
    for entry in raw["terms"]:
        line = _line(entry, raw.line if isinstance(raw, LineMap) else 1)
        found = _entry_problems(shown, entry, line, categories)
        if not found and entry["id"] in first_line:
            used = f"a unique id (already used on line {first_line[entry['id']]})"
            found = [Problem(shown, line, "id", entry["id"], used)]
        problems += found
        if not found:
            first_line[entry["id"]] = line
            terms.append(_term(entry))
    problems += _shared_aliases(shown, terms, first_line)
    if problems:
        raise DataError(problems)
    return Glossary(categories=categories, terms=tuple(terms))


def _shared_aliases(shown: str, terms: list[Term], line_of: dict[str, int]) -> list[Problem]:
    """An alias may name one term only (which one would a page's word link to?)."""
    problems = []
    for lang in LANGS:
        owners: dict[str, str] = {}
        for term in terms:
            for alias in term.aliases[lang]:
                if owners.get(alias, term.id) != term.id:
                    problems.append(
                        Problem(
                            shown,
                            line_of[term.id],
                            f"aliases_{lang}",
                            alias,
                            f"an alias of one term only; alias {alias!r} also names {owners[alias]}",
                        )
                    )
                owners.setdefault(alias, term.id)
    return problems


def in_language(glossary: Glossary, lang: str) -> Glossary:
    """The glossary with a generated language's words added (its source's, converted): names,
    definitions, category titles, and aliases in both their converted and character-by-character
    forms, so a term is found however the page's conversion wrote it."""
    if lang not in GENERATED or not glossary.terms or lang in glossary.terms[0].names:
        return glossary
    from charts import traditional
    from charts.locale import locale_of

    loc, source = locale_of(lang), GENERATED[lang]

    def aliases(term: Term) -> tuple[str, ...]:
        forms = [
            form
            for alias in term.aliases[source]
            for form in (loc.convert(alias), traditional.characters(alias))
        ]
        return tuple(dict.fromkeys(forms))

    terms = tuple(
        replace(
            term,
            names={**term.names, lang: loc.convert(term.names[source])},
            aliases={**term.aliases, lang: aliases(term)},
            definitions={**term.definitions, lang: loc.convert(term.definitions[source])},
        )
        for term in glossary.terms
    )
    categories = {
        key: {**names, lang: loc.convert(names[source])} for key, names in glossary.categories.items()
    }
    return Glossary(categories=categories, terms=terms)
