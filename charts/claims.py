"""The articles' contested claims and the site's one name for each thing (data/claims.yaml), and the
checks that keep every page and dataset text field to them.

A debunked reading may appear only as the article's words: inside quotation marks, or in a sentence
that attributes or corrects it ("文章称……", "Richard says…", "…is not…"). Anything else is the site
restating it as its own statement, which ``restatements`` reports. ``variant_uses`` reports a name
the registry retires (阿尔特曼 for 奥特曼, Lightcone for Guangzhui) used outside a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charts.datafile import LineMap, read_yaml
from charts.records import DataError, Problem, shown_path

# Quoted spans: verbatim words of an article (or a title), which the checks leave alone.
QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|\"[^\"\n]*\"|<q\b[^>]*>.*?</q>", re.DOTALL)
SENTENCE_END = {"zh": re.compile(r"(?<=[。！？；])"), "en": re.compile(r"(?<=[.!?;])\s+")}
# Words that attribute a claim to someone else, and words that say it is wrong: a sentence with
# either reports the claim, it does not make it. (A claim that is itself a denial, such as "Microsoft
# built no model of its own", is marked `negative` and only attribution excuses it.)
ATTRIBUTION = {
    "zh": re.compile(r"文章|文中|作者|原文|称|说|声称|认为|宣称|据|所谓|号称|传闻"),
    "en": re.compile(
        r"\b(article|author|op-ed|piece|says?|said|claims?|claimed|according|calls?|called|argues?|"
        r"reports?|reported|rumou?r|supposedly|reportedly)\b",
        re.IGNORECASE,
    ),
}
CORRECTION = {
    "zh": re.compile(r"并非|不是|没有|并无|不对|误|夸张|未经证实|存疑"),
    "en": re.compile(
        r"\b(not|no|never|nothing|wrong|overstate[sd]?|exaggerat\w*|unconfirmed)\b", re.IGNORECASE
    ),
}


@dataclass(frozen=True)
class Claim:
    id: str
    sources: tuple[str, ...]
    said: dict[str, str]
    reading: dict[str, str]
    reference: str
    restated: dict[str, tuple[re.Pattern[str], ...]]
    negative: bool = False

    def excused(self, sentence: str, lang: str) -> bool:
        """Whether the sentence attributes the claim (or, unless the claim is a denial, corrects it)."""
        if ATTRIBUTION[lang].search(sentence):
            return True
        return not self.negative and bool(CORRECTION[lang].search(sentence))


@dataclass(frozen=True)
class Name:
    kind: str
    canonical: dict[str, str]
    variants: dict[str, tuple[re.Pattern[str], ...]]


@dataclass(frozen=True)
class Registry:
    claims: tuple[Claim, ...]
    names: tuple[Name, ...]


def _patterns(entry: dict[str, Any], key: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    return {lang: tuple(re.compile(p) for p in (entry[key] or {}).get(lang, ())) for lang in ("zh", "en")}


def _claim(c: dict[str, Any]) -> Claim:
    return Claim(
        id=c["id"],
        sources=tuple(c["sources"]),
        said=c["said"],
        reading=c["reading"],
        reference=c.get("reference") or "",
        restated=_patterns(c, "restated"),
        negative=bool(c.get("negative")),
    )


def _name(n: dict[str, Any]) -> Name:
    return Name(kind=n["kind"], canonical={"zh": n["zh"], "en": n["en"]}, variants=_patterns(n, "variants"))


def _build(shown: str, entries: list[Any], make: Any, what: str, problems: list[Problem]) -> tuple[Any, ...]:
    """Each entry made by `make`; a malformed one is a Problem at its line instead."""
    built = []
    for entry in entries:
        line = entry.line if isinstance(entry, LineMap) else None
        try:
            built.append(make(entry))
        except KeyError as exc:
            problems.append(Problem(shown, line, str(exc.args[0]), None, f"a value; every {what} has one"))
        except re.error as exc:
            problems.append(Problem(shown, line, None, exc.pattern, f"a regular expression ({exc})"))
        except (TypeError, AttributeError):
            problems.append(Problem(shown, line, None, None, f"a {what} as the file's header describes it"))
    return tuple(built)


def load(data_dir: Path) -> Registry:
    """data/claims.yaml, with its patterns compiled; a DataError names every malformed entry's line."""
    path = data_dir / "claims.yaml"
    shown = shown_path(data_dir, path)
    raw = read_yaml(path, shown)
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), list) for k in ("claims", "names")):
        raise DataError([Problem(shown, 1, None, None, "two lists, `claims:` and `names:`")])
    problems: list[Problem] = []
    claims = _build(shown, raw["claims"], _claim, "claim", problems)
    names = _build(shown, raw["names"], _name, "name", problems)
    if problems:
        raise DataError(problems)
    return Registry(claims, names)


def unquoted(text: str) -> str:
    """The text with every quoted span blanked out (kept as spaces, so sentences keep their shape)."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def sentences(text: str, lang: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END[lang].split(unquoted(text)) if s.strip()]


def restatements(text: str, lang: str, registry: Registry) -> list[tuple[str, str]]:
    """(claim id, sentence) for each sentence that states a debunked reading as fact."""
    found = []
    for sentence in sentences(text, lang):
        for claim in registry.claims:
            if any(p.search(sentence) for p in claim.restated[lang]) and not claim.excused(sentence, lang):
                found.append((claim.id, sentence))
    return found


def variant_uses(text: str, lang: str, registry: Registry) -> list[tuple[str, str]]:
    """(canonical name, variant found) for each retired name used outside a quotation."""
    plain = unquoted(text)
    return [
        (name.canonical[lang], match.group(0))
        for name in registry.names
        for pattern in name.variants[lang]
        for match in pattern.finditer(plain)
    ]
