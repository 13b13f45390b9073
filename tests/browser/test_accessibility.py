"""axe-core finds no serious or critical accessibility violation on any page of either language,
Material's own markup included, with every rule on and the charts drawn. The `survey` fixture runs
axe on each page at the desktop width once the page is quiet and its charts are drawn."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Survey
from tests.browser.site import WIDTHS, all_pages, page_id

BLOCKING = ("serious", "critical")


def describe(violation: dict) -> str:
    nodes = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:3])
    more = f" (+{len(violation['nodes']) - 3} more)" if len(violation["nodes"]) > 3 else ""
    return f"{violation['impact']} {violation['id']}: {violation['help']} — {nodes}{more}"


@pytest.mark.parametrize(("lang", "path"), all_pages(), ids=[page_id(*p) for p in all_pages()])
def test_axe_finds_no_serious_or_critical_violation(survey: Survey, lang: str, path: str):
    violations = survey[lang, path, max(WIDTHS)].violations
    assert violations is not None, "axe did not run"
    assert [describe(v) for v in violations if v["impact"] in BLOCKING] == []
