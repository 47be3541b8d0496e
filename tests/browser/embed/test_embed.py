"""The embed in a blogger's page on ANOTHER origin: two quizzes, auto-height, lazy Python, privacy."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from quiz.json_api import bank_json, score_json
from tests.browser.conftest import PageLog, serve

pytestmark = pytest.mark.browser
SLOW = 90_000
LOREM = "<p>" + "Clients I should have refused, and what they taught me about deposits and scope. " * 12 + "</p>"


def snippet(base: str, lang: str | None, text: str = "Take the quiz") -> str:
    attr = f' data-lang="{lang}"' if lang is not None else ""
    return f'<div data-redflags-quiz{attr}><a href="{base}/{lang or "en"}/quiz/">{text}</a></div>'


def host_page(base: str, html_lang: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8"><title>Blog</title>'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"></head>'
        f'<body style="max-width:40em;margin:auto"><h1>My blog</h1>{body}'
        f'<script async src="{base}/embed.js"></script></body></html>'
    )


@pytest.fixture(scope="module")
def host(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A blog on another port (another origin) with the snippet pasted, plus a third origin's forger."""
    folder: Path = tmp_path_factory.mktemp("blog")
    two = LOREM + snippet(base_url, "es", "Haz el test") + LOREM * 40 + snippet(base_url, "ru", "Пройдите тест") + LOREM
    (folder / "post.html").write_text(host_page(base_url, "en", two), encoding="utf-8")
    twice = snippet(base_url, None) + snippet(base_url, "xx") + f'<script async src="{base_url}/embed.js"></script>'
    (folder / "ru-post.html").write_text(host_page(base_url, "ru-RU", twice), encoding="utf-8")
    (folder / "de-post.html").write_text(host_page(base_url, "de", snippet(base_url, None)), encoding="utf-8")
    server, url = serve(folder)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def forger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A third origin whose page posts a well-formed height message to its parent."""
    folder = tmp_path_factory.mktemp("forger")
    (folder / "forge.html").write_text(
        "<script>parent.postMessage({redflags: 1, type: 'height', id: 'rf1', height: 7}, '*');"
        "document.title = 'sent';</script>",
        encoding="utf-8",
    )
    server, url = serve(folder)
    yield url
    server.shutdown()
    server.server_close()


def frame_fits(page, selector: str) -> dict:
    """The iframe's height against its document's: equal within a pixel, and no inner scrollbar."""
    box = page.locator(selector)
    frame = box.element_handle().content_frame()
    inner = frame.evaluate(
        "({body: Math.ceil(document.body.getBoundingClientRect().height),"
        " scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight})"
    )
    outer = box.evaluate("e => e.getBoundingClientRect().height")
    assert abs(outer - inner["body"]) <= 1, (outer, inner)
    assert inner["scroll"] <= inner["client"] + 1, inner
    return inner


def wait_fitted(page, selector: str, timeout_s: float = 60) -> None:
    """Wait until the widget runs in the frame and the host has applied the frame's height.

    The height must agree on two polls in a row: right after the widget starts, the frame
    can still be as tall as the no-JavaScript form for a moment before it shrinks to one
    question, and a single matching poll at that moment raced the next measurement.
    """
    deadline = time.monotonic() + timeout_s
    agreed = 0
    while time.monotonic() < deadline:
        handle = page.locator(selector).element_handle()
        frame = handle.content_frame() if handle else None
        if frame is None:
            agreed = 0
        else:
            try:
                inner = frame.evaluate(
                    "!!document.body && !!document.querySelector('.rf-quiz--js') &&"
                    " Math.ceil(document.body.getBoundingClientRect().height)"
                )
            except PlaywrightError:  # the lazy frame is still navigating
                inner = 0
            outer = handle.evaluate("e => e.getBoundingClientRect().height")
            agreed = agreed + 1 if inner and abs(outer - inner) <= 1 else 0
            if agreed == 2:
                return
        page.wait_for_timeout(100)
    raise AssertionError(f"{selector} never fitted its content")


ES = "[data-lang=es] iframe"
RU = "[data-lang=ru] iframe"


def test_two_embeds_on_another_origin(host, base_url, forger, context) -> None:
    """Both quizzes render in their language and fit their content at every step; the es one
    reaches the engine's result; nothing of Pyodide loads before interaction; the lower frame
    loads only when scrolled to; forged messages are ignored; the host keeps no cookie or storage."""
    page = context.new_page()
    log = PageLog(page)
    page.goto(host + "/post.html")
    wait_fitted(page, ES)
    frame = page.locator(ES).element_handle().content_frame()
    assert frame.evaluate("document.documentElement.lang") == "es"
    assert frame.evaluate("document.title").startswith("Haz el test")
    assert not any("/ru/quiz-frame/" in u for u in log.requests), "the lower frame loaded before scrolling"
    assert not any("pyodide" in u or "quiz-worker" in u for u in log.requests)
    attrs = page.locator(ES).evaluate("e => [e.title, e.loading, e.referrerPolicy, e.getAttribute('sandbox')]")
    assert attrs[0] == "Haz el test" and attrs[1] == "lazy" and attrs[2] == "no-referrer"
    assert "allow-top-navigation" not in attrs[3]
    frame_fits(page, ES)

    # forged messages: a third origin, a wrong shape, another frame's id
    before = page.locator(ES).evaluate("e => e.style.height")
    page.evaluate(
        "u => { const f = document.createElement('iframe'); f.src = u; document.body.prepend(f); }",
        forger + "/forge.html",
    )
    page.wait_for_function("() => !!window.frames[0] && window.frames.length >= 3")
    page.wait_for_timeout(300)
    frame.evaluate("parent.postMessage({redflags: 1, type: 'height', id: 'rf1', height: '7px'}, '*')")
    frame.evaluate("parent.postMessage({redflags: 1, type: 'height', id: 'rf2', height: 7}, '*')")
    page.evaluate("window.postMessage({redflags: 1, type: 'height', id: 'rf1', height: 7}, '*')")
    page.wait_for_timeout(300)
    assert page.locator(ES).evaluate("e => e.style.height") == before
    frame.evaluate("parent.postMessage({redflags: 1, type: 'height', id: 'rf1', height: 7}, '*')")  # control
    page.wait_for_function("s => document.querySelector(s).style.height === '7px'", arg=ES)
    frame.evaluate("document.body.style.paddingBottom = '1px'")  # the frame re-measures itself
    wait_fitted(page, ES)

    # complete the es quiz; the frame follows every step and the result
    bank = json.loads(bank_json("es"))
    rng = random.Random("embed")
    answers = {q["id"]: rng.choice(q["answers"])["id"] for q in bank["questions"]}
    for index, (question, answer) in enumerate(answers.items()):
        frame.locator(f'fieldset[data-question="{question}"] input[value="{answer}"]').check()
        frame.locator("[data-action=next]").click()
        if index in (0, len(answers) // 2):
            wait_fitted(page, ES)
            frame_fits(page, ES)
    expected = json.loads(score_json(json.dumps({"schema_version": 1, "answers": answers}), "es"))["result"]
    expect(frame.locator(".rf-quiz__result")).to_be_visible(timeout=SLOW)
    expect(frame.locator(".rf-quiz__band")).to_have_text(expected["band"]["label"])
    expect(frame.locator(".rf-quiz__score")).to_contain_text(str(round(expected["score"])))
    assert any("pyodide" in u for u in log.requests)
    wait_fitted(page, ES)
    frame_fits(page, ES)
    share = frame.locator(".rf-quiz__share-url").input_value()
    assert share.startswith("https://redflags.example.org/es/quiz/#"), share
    links = frame.locator(".rf-quiz__plan a").evaluate_all("els => els.map(e => [e.href, e.target, e.rel])")
    assert links and all(
        h.startswith("https://redflags.example.org/es/") and t == "_blank" and r == "noopener" for h, t, r in links
    ), links

    # the ru frame loads when scrolled to, in Russian, and fits too
    page.locator("[data-lang=ru]").scroll_into_view_if_needed()
    wait_fitted(page, RU)
    ru = page.locator(RU).element_handle().content_frame()
    assert ru.evaluate("document.documentElement.lang") == "ru"
    assert "Вопрос" in ru.locator(".rf-quiz__count").inner_text() or ru.locator("legend").first.inner_text()
    frame_fits(page, RU)

    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert context.cookies() == []
    assert page.evaluate("Object.keys(window).filter(k => /redflags/i.test(k))") == ["RedFlagsQuiz"]
    assert log.errors == []


def test_language_fallbacks_and_the_script_pasted_twice(host, context) -> None:
    """No data-lang: the host's <html lang> (ru-RU -> ru), else en; an unknown one warns and falls back."""
    page = context.new_page()
    warnings: list[str] = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(host + "/ru-post.html")
    page.wait_for_function("document.querySelectorAll('iframe').length === 2")
    sources = page.locator("iframe").evaluate_all("els => els.map(e => new URL(e.src).pathname)")
    assert sources == ["/ru/quiz-frame/", "/ru/quiz-frame/"]
    assert any(w.startswith("[redflags]") and '"xx"' in w and "data-lang" in w for w in warnings), warnings
    page.goto(host + "/de-post.html")
    page.wait_for_function("document.querySelectorAll('iframe').length === 1")
    assert page.locator("iframe").evaluate("e => new URL(e.src).pathname") == "/en/quiz-frame/"


def test_without_javascript_the_snippet_is_a_link(host, base_url, browser) -> None:
    """RSS readers, email and no-JS readers get the snippet's link to the site's quiz page."""
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(host + "/post.html")
        link = page.get_by_role("link", name="Haz el test")
        expect(link).to_have_attribute("href", base_url + "/es/quiz/")
        assert page.locator("iframe").count() == 0
    finally:
        ctx.close()
