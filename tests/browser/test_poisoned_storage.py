"""A poisoned browser: garbage in the theme's or the quiz's stored values breaks no page."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageLog

pytestmark = pytest.mark.browser
LANGS = ("es", "ru", "en")
GARBAGE = {
    "brace": "{",
    "huge": "x" * 100_000,
    "wrong shape": json.dumps({"index": "zero", "color": 5}),
}


def seed_script(value: str) -> str:
    """Before any page script: every stored key of the theme and of our quiz holds ``value``."""
    keys = [f"/{lang}/.__{name}" for lang in LANGS for name in ("palette", "tabs", "announce", "consent", "search")]
    keys += [f"/.__{name}" for name in ("palette", "tabs")] + ["redflags-quiz"]
    return (
        f"const v = {json.dumps(value)};"
        f"for (const k of {json.dumps(keys)}) {{ try {{ localStorage.setItem(k, v); sessionStorage.setItem(k, v); }}"
        " catch (e) {} }"
    )


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_pages_load_cleanly_with_garbage_in_storage(browser, base_url, kind) -> None:
    """Home, a guidance page and the quiz load without a page error in every language; palette
    toggle and search work; the quiz starts fresh."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(seed_script(GARBAGE[kind]))
    try:
        for lang in LANGS:
            for path in ("", "when-to-say-no/", "quiz/"):
                page = context.new_page()
                log = PageLog(page)
                page.goto(f"{base_url}/{lang}/{path}")
                page.wait_for_load_state("load")
                scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                page.locator("label[for=__palette_1], label[for=__palette_0]").locator("visible=true").first.click()
                expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
                if path == "quiz/":
                    expect(page.locator(".rf-quiz__count")).to_contain_text("1")
                    assert page.locator(".rf-quiz input[type=radio]:checked").count() == 0
                    page.locator(".rf-quiz fieldset[data-question] input[type=radio]").first.check()
                    page.locator("[data-action=next]").click()
                    expect(page.locator(".rf-quiz__count")).to_contain_text("2")
                    saved = json.loads(page.evaluate("localStorage.getItem('redflags-quiz')"))
                    assert len(saved["answers"]) == 1  # the garbage was replaced by real progress
                else:
                    page.keyboard.press("/")
                    query = page.locator("input.md-search__input")
                    query.fill({"es": "cliente", "ru": "клиентов", "en": "client"}[lang])
                    query.press("End")  # Material reads the query on keyup
                    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=20_000)
                assert log.errors == [], f"{lang}/{path}: {log.errors}"
                page.close()
    finally:
        context.close()
