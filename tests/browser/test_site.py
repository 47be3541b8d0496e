"""The built site in Debian's Chromium: languages, switcher, search, 404, requests."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.browser.conftest import PageLog

pytestmark = pytest.mark.browser
LANGS = ("es", "ru", "en")
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def page_paths(built_site, lang: str) -> list[str]:
    tree = ET.parse(built_site / lang / "sitemap.xml")
    locs = [loc.text for loc in tree.getroot().findall("s:url/s:loc", NS)]
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in locs]


def test_every_page_loads_without_errors_or_foreign_requests(built_site, base_url, context) -> None:
    """All pages of all languages: right lang attribute, no console error, same-origin only."""
    page = context.new_page()
    log = PageLog(page)
    count = 0
    for lang in LANGS:
        for path in page_paths(built_site, lang):
            response = page.goto(base_url + path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == lang
            count += 1
    assert count == 3 * len(page_paths(built_site, "en")) > 0
    assert log.errors == []
    assert log.foreign(base_url) == []


def test_hreflang_set_is_complete_and_absolute(built_site, base_url, context) -> None:
    """Every article has es/ru/en plus x-default alternates with absolute URLs."""
    page = context.new_page()
    path = next(p for p in page_paths(built_site, "ru") if p.count("/") > 2)
    page.goto(base_url + path)
    links = page.locator("link[hreflang]").evaluate_all(
        "els => els.map(e => [e.getAttribute('hreflang'), e.getAttribute('href')])"
    )
    langs = sorted(h for h, _ in links)
    assert langs == ["en", "es", "ru", "x-default"]
    assert all(href.startswith("https://") and href.endswith(path[3:]) for _, href in links)


def test_sitemap_has_alternates(built_site) -> None:
    """Each sitemap URL lists xhtml:link alternates for every language and x-default."""
    tree = ET.parse(built_site / "es" / "sitemap.xml")
    for url in tree.getroot().findall("s:url", NS):
        langs = sorted(link.get("hreflang") for link in url.findall("x:link", NS))
        assert langs == ["en", "es", "ru", "x-default"]


def test_language_switch_keeps_the_page(built_site, base_url, context) -> None:
    """From a deep Spanish page, choosing Русский opens the same page in Russian."""
    page = context.new_page()
    log = PageLog(page)
    path = next(p for p in page_paths(built_site, "es") if p.count("/") > 2)
    page.goto(base_url + path)
    page.locator(".md-header__option .md-select button").hover()
    page.locator("a.rf-lang-link[lang=ru]").click()
    page.wait_for_url(base_url + "/ru/" + path[len("/es/") :])
    assert page.locator("html").get_attribute("lang") == "ru"
    assert log.errors == []


@pytest.mark.parametrize("word", ["клиентов", None])
def test_search_in_russian_returns_russian_pages_only(built_site, base_url, context, word) -> None:
    """A Russian query (an inflected form: stemming) finds Russian pages, and only those."""
    page = context.new_page()
    page.goto(base_url + "/ru/")
    word = word or _russian_word(built_site)
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    field.fill(word)
    field.press("End")  # Material reads the query on keyup; fill() of Cyrillic text sends none
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(base_url + "/ru/") for h in hrefs), hrefs


def _russian_word(built_site) -> str:
    import json

    index = json.loads((built_site / "ru" / "search" / "search_index.json").read_text(encoding="utf-8"))
    words = re.findall(r"[а-яё]{6,}", " ".join(d["title"] for d in index["docs"]).lower())
    assert words, "no Russian words in the ru search index"
    return words[0]


def test_404_pages_are_localized(built_site, base_url, context) -> None:
    """Each language has its own 404 page in its language."""
    page = context.new_page()
    headings = {}
    for lang in LANGS:
        page.goto(f"{base_url}/{lang}/404.html")
        assert page.locator("html").get_attribute("lang") == lang
        headings[lang] = page.locator("article h1").inner_text()
    assert len(set(headings.values())) == 3, headings


def test_root_chooses_browser_language_and_works_without_js(base_url, browser) -> None:
    """navigator.languages picks the site; without JavaScript the three links remain."""
    ctx = browser.new_context(locale="ru-RU")
    page = ctx.new_page()
    page.goto(base_url + "/")
    page.wait_for_url(base_url + "/ru/")
    ctx.close()
    ctx = browser.new_context(java_script_enabled=False, locale="ru-RU")
    page = ctx.new_page()
    page.goto(base_url + "/")
    assert page.url == base_url + "/"
    assert page.locator("main a").evaluate_all("els => els.map(e => e.getAttribute('href'))") == [
        "es/",
        "ru/",
        "en/",
    ]
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_titles_name_the_page_and_the_site_once(built_site, lang) -> None:
    """Home: the site's name alone; other pages: "<page> - <site>", no name repeated."""
    home = re.search(r"<title>([^<]*)", (built_site / lang / "index.html").read_text(encoding="utf-8")).group(1)
    about = re.search(r"<title>([^<]*)", (built_site / lang / "about" / "index.html").read_text(encoding="utf-8"))
    assert " - " not in home
    assert about.group(1).endswith(f" - {home}") and about.group(1).count(home) == 1
