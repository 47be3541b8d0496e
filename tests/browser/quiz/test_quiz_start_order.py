"""The quiz widget sets up before the theme's bundle starts: the bundle's start-up is the page's longest task.

The widget is a deferred module placed before Material's deferred bundle, so the
browser runs it first, right after parsing; an ``async`` module ran after the
bundle whenever both were ready when parsing ended (bench/bench_quiz_browser.py).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PageLog
from tests.browser.quiz.conftest import LANGS

# Runs before any page script. A MutationObserver's callback is a microtask: it runs right
# after the script that added the widget's class, before the browser's next script task.
SPY = """
new MutationObserver((records, observer) => {
  const root = document.querySelector("[data-rf-quiz]");
  if (!root || !root.classList.contains("rf-quiz--js")) return;
  window.__rfThemeBeforeWidget = typeof window.document$ !== "undefined";
  observer.disconnect();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["class"] });
"""


@pytest.mark.parametrize("lang", LANGS)
def test_widget_is_set_up_before_the_theme_bundle_runs(browser, quiz_url, lang) -> None:
    context = browser.new_context()
    try:
        context.add_init_script(SPY)
        page = context.new_page()
        log = PageLog(page)
        page.goto(f"{quiz_url}/{lang}/quiz/", wait_until="load")
        page.wait_for_function("typeof window.document$ !== 'undefined'")  # the theme did start
        assert page.evaluate("window.__rfThemeBeforeWidget") is False
        assert page.locator("[data-rf-quiz][data-state=questions]").count() == 1
        assert log.errors == []
    finally:
        context.close()
