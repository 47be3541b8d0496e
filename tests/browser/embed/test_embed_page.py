"""The site's "Embed the quiz" page: the generator writes pipeline.channels.embed.snippet()'s text for every
option, copy puts exactly that on the clipboard (or selects it when refused), and the live preview
is the real embed in the chosen language and theme. On the session's one built site."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pipeline.channels.embed import frame_heading, snippet
from pipeline.config import Config
from tests.browser.conftest import ROOT, PageLog

pytestmark = pytest.mark.browser
CONFIG = Config.load(ROOT)
"""The same base URL the session's build resolved (mkdocs.yml, or REDFLAGS_BASE_URL)."""
TRICKY_TITLE = 'Is "this" client <risky> & who\'s paying?'
STAGE = "#rf-embed-stage iframe"


def code_text(page) -> str:
    return page.locator("#rf-embed-snippet").text_content()


def test_each_language_page_shows_its_own_snippet_without_javascript(built_site: Path) -> None:
    """The server-rendered default is the page language's snippet, from the public base URL."""
    for lang in CONFIG.languages:
        html = (built_site / lang / "embed" / "index.html").read_text(encoding="utf-8")
        assert f'<code id="rf-embed-snippet">{escape(snippet(CONFIG, lang))}</code>' in html
        assert f'"siteUrl":"{CONFIG.url()}"' in html
        generator = html.split('id="rf-embed"', 1)[1].split("embed-generator.js", 1)[0]
        assert "<script>" not in generator, "the generator must need no inline script (CSP: 'self')"


def test_generator_follows_every_option(base_url: str, context) -> None:
    """Language, theme and title each change the snippet to exactly what snippet() writes."""
    page = context.new_page()
    log = PageLog(page)
    page.goto(base_url + "/ru/embed/")
    assert code_text(page) == snippet(CONFIG, "ru")
    seen = {code_text(page)}
    for lang in ("es", "en", "ru"):
        page.check(f"#rf-embed-lang-{lang}")
        for theme in ("light", "dark", "auto"):
            page.check(f"#rf-embed-theme-{theme}")
            text = code_text(page)
            assert text == snippet(CONFIG, lang, theme=theme), (lang, theme)
            seen.add(text)
    assert len(seen) == 9
    page.check("#rf-embed-theme-dark")
    page.fill("#rf-embed-title", f"  {TRICKY_TITLE} ")
    assert code_text(page) == snippet(CONFIG, "ru", theme="dark", title=TRICKY_TITLE)
    assert 'data-title="Is &quot;this&quot; client &lt;risky&gt; &amp; who&#x27;s paying?"' in code_text(page)
    page.fill("#rf-embed-title", "   ")
    assert code_text(page) == snippet(CONFIG, "ru", theme="dark")
    assert log.errors == []


def test_copy_puts_exactly_the_snippet_on_the_clipboard(base_url: str, browser) -> None:
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = ctx.new_page()
        log = PageLog(page)
        page.goto(base_url + "/es/embed/")
        page.check("#rf-embed-lang-en")
        page.check("#rf-embed-theme-light")
        page.fill("#rf-embed-title", "Quiz")
        page.click("#rf-embed-copy")
        expect(page.locator("#rf-embed-copy")).to_have_text("Copiado")
        expect(page.locator(".rf-embed__status")).to_have_text("Copiado")
        assert page.evaluate("navigator.clipboard.readText()") == snippet(CONFIG, "en", theme="light", title="Quiz")
        expect(page.locator("#rf-embed-copy")).to_have_text("Copiar el código", timeout=5000)
        assert log.errors == []
    finally:
        ctx.close()


def test_refused_clipboard_leaves_the_snippet_selected(base_url: str, browser) -> None:
    ctx = browser.new_context()
    ctx.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));"
    )
    try:
        page = ctx.new_page()
        page.goto(base_url + "/en/embed/")
        page.check("#rf-embed-theme-dark")
        page.click("#rf-embed-copy")
        expect(page.locator(".rf-embed__status")).to_contain_text("did not allow copying")
        assert page.evaluate("String(getSelection())") == snippet(CONFIG, "en", theme="dark")
        expect(page.locator("#rf-embed-copy")).to_have_text("Copy snippet")
    finally:
        ctx.close()


def test_live_preview_is_the_real_embed_in_the_chosen_options(base_url: str, context) -> None:
    """One frame of <lang>/quiz-frame/ in the stage, in the chosen language, theme and title;
    nothing of Pyodide is requested while nobody answers."""
    page = context.new_page()
    log = PageLog(page)
    page.goto(base_url + "/en/embed/")
    page.locator("#rf-embed-stage").scroll_into_view_if_needed()
    for lang, theme, scheme in (("en", "auto", None), ("ru", "dark", "slate"), ("es", "light", "default")):
        page.check(f"#rf-embed-lang-{lang}")
        page.check(f"#rf-embed-theme-{theme}")
        expect(page.locator(STAGE)).to_have_count(1)
        src = re.compile(rf"^{base_url}/{lang}/quiz-frame/\?id=rf\d+&theme={theme}$")
        expect(page.locator(STAGE)).to_have_attribute("src", src)
        frame = page.frame_locator(STAGE)
        expect(frame.locator("h1")).to_have_text(frame_heading(CONFIG, lang), timeout=30_000)
        expect(frame.locator(".rf-quiz--js")).to_have_count(1, timeout=30_000)
        assert frame.locator("html").get_attribute("lang") == lang
        assert frame.locator("html").get_attribute("data-md-color-scheme") == scheme
    page.fill("#rf-embed-title", "My readers' quiz")
    expect(page.locator(STAGE)).to_have_attribute("title", "My readers' quiz")
    assert not any("pyodide" in u or "quiz-worker" in u for u in log.requests)
    assert log.foreign(base_url) == []
    assert log.errors == []
