"""Printing: the paper quiz on A4 and Letter, a guidance page on plain paper.

Chromium lays a page out for print (``emulate_media(media="print")``) at the
printable width of each paper size (the sheet minus the ``@page`` margins of
``redflags.css``); nothing may stick out past it, and the blocks a pencil
needs whole (answer lists, table rows, area boxes) must ask not to be split.
``page.pdf`` then prints each sheet for real.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

MM = 96 / 25.4
MARGIN_MM = 12  # left and right @page margin in redflags.css
PAPER_MM = {"A4": 210, "Letter": 215.9}

OVERFLOW = """() => {
  const limit = document.documentElement.clientWidth + 0.5;
  const out = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const box = el.getBoundingClientRect();
    const name = el.tagName + '.' + el.className;
    if (box.width && (box.right > limit || box.left < -0.5)) out.push(name + ' ' + Math.round(box.right));
    const hides = getComputedStyle(el).overflowX !== 'visible';
    if (el.scrollWidth > el.clientWidth + 1 && hides) out.push('clipped ' + name);
  }
  return out.slice(0, 10);
}"""

UNSPLIT = """() => [...document.querySelectorAll(
  '.rf-paper__question, .rf-paper__table tr, .rf-paper__area, .rf-paper__code, .rf-paper__verdict-tables,'
  + '.rf-paper__reckon, .rf-paper__partial-tables, .rf-paper__partial-verdicts')]
  .filter(el => getComputedStyle(el).breakInside !== 'avoid').map(el => el.tagName + '.' + el.className)"""

PAGES = {"paper-quiz": 3, "paper-scoring": 6, "paper-reckoner": 4}
"""Pages per sheet, on A4 and on Letter alike: the counts in the guide (docs/workshops.md, "What to print")."""


@pytest.mark.parametrize("lang", ["es", "ru", "en"])
@pytest.mark.parametrize("sheet", list(PAGES))
def test_paper_sheets_fit_a4_and_letter(browser, base_url: str, lang: str, sheet: str) -> None:
    page = browser.new_page()
    try:
        page.emulate_media(media="print")
        for paper, width_mm in PAPER_MM.items():
            page.set_viewport_size({"width": int((width_mm - 2 * MARGIN_MM) * MM), "height": 1100})
            page.goto(f"{base_url}/{lang}/{sheet}/")
            assert page.locator(".rf-paper").is_visible()
            assert page.evaluate(OVERFLOW) == [], f"{lang}/{sheet} overflows {paper}"
            assert page.evaluate(UNSPLIT) == []
            assert page.locator(".md-sidebar--primary").is_hidden() and page.locator(".md-header").is_hidden()
            pdf = page.pdf(format=paper, print_background=True)
            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
            assert pages == PAGES[sheet], (paper, pages)
        if sheet == "paper-quiz":  # the page's own introduction is for the screen only
            assert page.locator(".md-typeset > p").first.is_hidden()
            assert page.locator(".rf-paper__question").count() >= 15
            assert page.locator(".rf-paper__code").count() == 5  # the answer code's five strips
        if sheet == "paper-reckoner":  # the facilitator's introduction is for the screen; the sheet's own is printed
            assert page.locator(".md-typeset > p").first.is_hidden()
            assert page.locator(".rf-paper--reckoner > p").first.is_visible()
            assert page.locator(".rf-paper__reckon").count() >= 80
            assert page.locator(".rf-paper__partial").count() == 2  # step 6 when an area does not count
            assert page.locator(".rf-paper__partial-verdicts").is_visible()
    finally:
        page.close()


def test_guidance_page_prints_black_on_white_with_link_targets(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": int((210 - 2 * MARGIN_MM) * MM), "height": 1100})
    try:
        page.emulate_media(media="print", color_scheme="dark")  # a dark-mode reader prints too
        page.goto(f"{base_url}/en/protect-yourself/")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
            assert page.locator(chrome).first.is_hidden(), chrome
        assert page.locator("h1").is_visible() and page.locator(".md-typeset > p").first.is_visible()
        colours = page.evaluate(
            "() => [getComputedStyle(document.querySelector('.md-typeset p')).color,"
            " getComputedStyle(document.body).backgroundColor]"
        )
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
        after = page.evaluate(
            "() => getComputedStyle(document.querySelector('.md-typeset p a[data-rf-href]'), '::after').content"
        )
        assert re.match(r'" \(https?://[^ ]+/en/[a-z-]+/(#[a-z-]+)?\)"', after), after
        assert page.evaluate(OVERFLOW) == []
    finally:
        page.close()


def test_action_plan_prints_without_the_form_and_with_public_links(browser, base_url: str) -> None:
    from pipeline.gates.axe import SLOW_MS, quiz_fragments

    page = browser.new_page(viewport={"width": int((210 - 2 * MARGIN_MM) * MM), "height": 1100})
    try:
        page.goto(f"{base_url}/en/quiz/{quiz_fragments('en')['result']}")  # a share link: the result view
        page.locator(".rf-quiz__plan a").first.wait_for(timeout=SLOW_MS)
        page.emulate_media(media="print")
        assert page.locator(".rf-quiz__form").is_hidden() and page.locator(".md-header").is_hidden()
        assert page.locator(".rf-quiz__actions").is_hidden() and page.locator(".rf-quiz__plan").is_visible()
        after = page.evaluate("() => getComputedStyle(document.querySelector('.rf-quiz__plan a'), '::after').content")
        assert re.match(r'" \(https?://[^ ]+/en/[a-z-]+/#[a-z-]+\)"', after), after
        assert page.evaluate(OVERFLOW) == []
    finally:
        page.close()
