"""The built site is valid HTML: the Nu HTML Checker (vnu, as the W3C runs it) finds no error of ours.

Every page of both languages and every standalone chart page is checked. Material for MkDocs' own
markup has three errors we do not control; they are listed below by name, and recognised only on
Material's own elements (class md-…), so the same mistake in our markup still fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.helpers import BuiltSite
from tests.sample_data import PROJECT

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material 9.8.1's markup: message start → where it comes from.
MATERIAL_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is": (
        "the drawer and search toggles: <input class=md-toggle type=checkbox autocomplete=off>"
    ),
    "Bad value “” for attribute “tabindex” on element “label”": (
        "the navigation: <label class=md-nav__link … tabindex=''>"
    ),
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control": (
        "the table of contents' title: <label class=md-nav__title for=__toc>"
    ),
}


def material_error(message: dict) -> bool:
    known = message["message"].startswith(tuple(MATERIAL_ERRORS))
    return known and 'class="md-' in message.get("extract", "")


def vnu_errors(folder: str) -> list[dict]:
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs a Java runtime (Debian: apt-get install default-jre-headless)"
    assert VNU.exists(), f"{VNU} is missing: run `npm ci` (make setup)"
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", folder],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(run.stderr)["messages"]


def test_the_built_site_has_no_html_error_of_ours(built_site: BuiltSite):
    errors = vnu_errors(str(built_site.dir))
    ours = [
        f"{m['url'].removeprefix('file:' + str(built_site.dir))}:{m.get('lastLine')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()[:200]}"
        for m in errors
        if not material_error(m)
    ]
    assert errors, "vnu ran and reported Material's known errors"
    assert ours == [], "\n".join(ours[:40])


@pytest.mark.parametrize("message", list(MATERIAL_ERRORS))
def test_a_known_material_error_is_excused_only_on_materials_markup(message):
    theirs = '<input class="md-toggle" type="checkbox">'
    ours = '<label class="hmw-filter" tabindex="">'
    assert material_error({"message": f"{message} …", "extract": theirs})
    assert not material_error({"message": f"{message} …", "extract": ours})
