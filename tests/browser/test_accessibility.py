"""axe-core (WCAG 2 A/AA and best practices) finds nothing on any page, in any language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_site import LANGS, page_paths

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations(built_site, base_url, browser, lang) -> None:
    """Every page of the language passes axe (the test injects axe, so it bypasses the page's CSP)."""
    assert AXE.is_file(), "axe-core missing: run scripts/bootstrap.sh (npm ci)"
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    found = []
    try:
        for path in [*page_paths(built_site, lang), f"/{lang}/404.html"]:
            page.goto(base_url + path)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(f"axe.run(document, {RULES})")
            found += [f"{path}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}" for v in result["violations"]]
    finally:
        context.close()
    assert found == []
