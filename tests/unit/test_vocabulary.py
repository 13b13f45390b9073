"""One vocabulary: every word a reader sees comes from charts/strings.yaml through charts.i18n.t.

- Every key has every language, and asking for a missing key or language fails loudly.
- No other module keeps a table of words; every key the code, the templates and the browser script
  ask for exists, and so does a word for every value the schema allows.
- One concept has one wording: a text in one language never stands for two different texts in the
  other (only singular and plural may share a Chinese word, which does not mark the plural).
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from charts import i18n

PROJECT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("charts", "hmw_site")
WORD_FUNCTIONS = ("t", "word", "plural")


def python_files() -> list[Path]:
    return [p for d in CODE_DIRS for p in sorted((PROJECT / d).rglob("*.py"))] + [PROJECT / "build_charts.py"]


def test_every_string_exists_in_every_language():
    assert i18n.missing_keys() == []


def test_the_missing_key_check_catches_a_string_without_its_twin():
    assert i18n.missing_keys({"x": {"zh": "甲"}, "y": {"zh": "乙", "en": "y", "fr": "y"}}) == [
        "x: no en",
        "y: unknown language(s) fr",
    ]


def test_asking_for_a_missing_string_fails_loudly():
    with pytest.raises(KeyError, match="no UI string"):
        i18n.t("no.such.key", "en")
    with pytest.raises(KeyError, match="language"):
        i18n.t("table.date", "fr")


def test_a_malformed_strings_file_is_an_error_naming_the_key(tmp_path):
    bad = tmp_path / "strings.yaml"
    bad.write_text("ok:\n  zh: 好\n  en: ok\nbroken: just text\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"strings\.yaml: broken: expected a mapping"):
        i18n.load_strings(bad)


def test_no_module_keeps_a_table_of_words_of_its_own():
    tables = []
    for path in python_files():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            names = [getattr(target, "id", "") for target in targets]
            if any(name in ("STRINGS", "MESSAGES") for name in names) and path.name != "i18n.py":
                tables.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    script = (PROJECT / "overrides/assets/javascripts/hmw.js").read_text(encoding="utf-8")
    assert tables == [] and "MESSAGES" not in script


def called_by_name(node: ast.AST) -> bool:
    """t(...), word(...), plural(...) or a Locale's loc.t(...)."""
    func = getattr(node, "func", None)
    return getattr(func, "id", None) in WORD_FUNCTIONS or getattr(func, "attr", None) == "t"


def literal_keys() -> set[str]:
    """Every key the Python code and the templates pass to t(), word(), plural() or loc.t() as a literal."""
    used = set()
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and called_by_name(node):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    used.add(first.value)
    for folder in ("charts/templates", "hmw_site/templates"):
        for path in (PROJECT / folder).iterdir():
            used |= set(re.findall(r"\bt\(\s*[\"']([\w.-]+)[\"']\s*[,)]", path.read_text(encoding="utf-8")))
    return used


def test_every_literal_key_the_code_uses_is_in_the_table():
    used = literal_keys()
    plural_bases = {key.rsplit(".", 1)[0] for key in i18n.STRINGS if key.endswith((".one", ".other"))}
    assert len(used) > 100, "the scan found the t() calls"
    assert sorted(k for k in used if k not in i18n.STRINGS and k not in plural_bases) == []


def test_every_word_the_templates_and_the_browser_script_use_is_in_the_table():
    templates = "".join(p.read_text(encoding="utf-8") for p in (PROJECT / "overrides").rglob("*.html"))
    theme = set(re.findall(r"\b(?:s|hmw\.strings|config\.extra\.hmw\.strings)\.([a-z_]+)", templates))
    theme |= {f"home_{lang}" for lang in i18n.LANGS}  # s["home_" ~ alt.lang] in 404.html
    script = (PROJECT / "overrides/assets/javascripts/hmw.js").read_text(encoding="utf-8")
    words = set(re.findall(r"\bSTRINGS\.([a-z_]+)", script))
    assert theme and words
    assert sorted(f"theme.{k}" for k in theme if f"theme.{k}" not in i18n.STRINGS) == []
    assert sorted(f"js.{k}" for k in words if f"js.{k}" not in i18n.STRINGS) == []


def test_every_value_the_schema_allows_has_a_word(data):
    columns = {name: spec["columns"] for name, spec in data.schema.items()}
    needed = [f"category.{c}" for c in columns["events"]["category"]["values"]]
    needed += [f"country.{c}" for c in columns["models"]["country"]["values"]]
    needed += [f"status.{s}" for s in columns["models"]["params_status"]["values"]]
    needed += [f"status.{s}" for s in columns["figures"]["status"]["values"]]
    needed += [f"explain.{s}" for s in columns["figures"]["status"]["values"]]
    needed += [f"mark.{s}" for s in ("official", "reported", "estimated", "disputed")]
    needed += [f"weights.{w}" for w in columns["models"]["open_weights"]["values"]]
    needed += [f"open.{w}" for w in columns["models"]["open_weights"]["values"]]
    needed += [f"bound.{b}" for b in columns["figures"]["bound"]["values"]]
    needed += [f"unit.{u}" for u in columns["figures"]["unit"]["values"]]
    assert [key for key in needed if key not in i18n.STRINGS] == []


def wording(text: str, lang: str) -> str:
    """A text as a reader takes it: case does not matter, nor (in English) the plural."""
    text = text.strip().casefold()
    return re.sub(r"(?<=[a-z])s\b", "", text) if lang == "en" else text


def two_wordings(strings: dict[str, dict[str, str]]) -> list[str]:
    """Texts that stand for two different texts in another language, as readable lines."""
    problems = []
    for lang in i18n.LANGS:
        meanings: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for key, entry in strings.items():
            if not re.search(r"\w", entry[lang].replace("{", "").replace("}", "")):
                continue
            base = re.sub(r"\.(one|other)$", "", key)
            for other in i18n.LANGS:
                if other != lang and entry[other].strip():
                    meanings[wording(entry[lang], lang)][wording(entry[other], other)].add(base)
        for text, others in sorted(meanings.items()):
            bases = set().union(*others.values())
            if len(others) > 1 and len(bases) > 1:  # one key's .one/.other may differ
                shown = "; ".join(f"{o!r} ({', '.join(sorted(keys))})" for o, keys in sorted(others.items()))
                problems.append(f"{lang} {text!r} has two wordings: {shown}")
    return problems


def test_one_concept_has_one_wording():
    assert two_wordings(i18n.STRINGS) == []


def test_the_wording_check_catches_two_words_for_one_thing():
    strings = {
        "status.disputed": {"zh": "存疑", "en": "Disputed"},
        "atlas.disputed": {"zh": "传闻或有争议", "en": "disputed"},
        "table.source": {"zh": "来源", "en": "Source"},
        "bundle.sources": {"zh": "来源", "en": "Sources"},
    }
    assert two_wordings(strings) == [
        "en 'disputed' has two wordings: '传闻或有争议' (atlas.disputed); '存疑' (status.disputed)"
    ]
