"""What a localized page must say about itself: which texts it shows, and how much of it is translated.

The oracle is the catalog the test builds: a chosen set of texts gets a
translation, another set a fuzzy one, the rest none. Then, per occurrence of a
text on the page (title, description, every segment):

- translated, not fuzzy: the translation is shown and counts as translated;
- fuzzy or missing: the source text is shown; fuzzy ones are counted apart;
- ``missing = total - translated``, and the front matter carries the same counts.

Every visible word of a fully translated page is a translated word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from hypothesis import given, settings
from hypothesis import strategies as st
from mdcheck import MARK, html, mark, visible_words

from pipeline.config import Config
from pipeline.content.localize import front_matter, localize
from pipeline.content.sources import load_articles
from pipeline.model import Source

ROOT = Path(__file__).resolve().parents[3]
CONFIG = Config(root=ROOT)
ARTICLES = {a.slug: a for a in load_articles(CONFIG.docs_dir, languages=CONFIG.languages)}
ARTICLE = ARTICLES["protect-yourself"]  # multi-paragraph admonitions, nested lists, a table
TEXTS = sorted({ARTICLE.title, ARTICLE.description, *(s.text for s in ARTICLE.segments)})


def _split(markdown: str) -> tuple[dict, str]:
    _, front, body = markdown.split("---\n", 2)
    return yaml.safe_load(front), body


def _catalog(translated: set[str], fuzzy: set[str]) -> Catalog:
    catalog = Catalog(locale="ru", fuzzy=False)
    for text in TEXTS:
        if text in translated or text in fuzzy:
            catalog.add(text, mark(text), flags=["fuzzy"] if text in fuzzy else [])
    return catalog


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.sets(st.sampled_from(TEXTS)), st.sets(st.sampled_from(TEXTS)))
def test_counts_and_texts_follow_the_catalog(translated: set[str], fuzzy: set[str]) -> None:
    """A text in both sets gets a fuzzy translation: shown in the source language, counted as fuzzy."""
    page = localize(ARTICLE, lang="ru", catalog=_catalog(translated, fuzzy))
    occurrences = [ARTICLE.title, ARTICLE.description, *(s.text for s in ARTICLE.segments)]
    done = [t for t in occurrences if t in translated and t not in fuzzy]
    assert page.total == len(occurrences)
    assert page.translated == len(done)
    assert page.fuzzy == sum(1 for t in occurrences if t in fuzzy)
    assert page.missing == page.total - page.translated
    meta, body = _split(page.markdown)
    assert {k: meta["redflags"][k] for k in ("total", "translated", "fuzzy", "missing")} == {
        "total": page.total, "translated": page.translated, "fuzzy": page.fuzzy, "missing": page.missing,
    }  # fmt: skip
    shown = mark(ARTICLE.title) if ARTICLE.title in done else ARTICLE.title
    assert (page.title, meta["title"]) == (shown, shown)
    description = mark(ARTICLE.description) if ARTICLE.description in done else ARTICLE.description
    assert meta["description"] == description
    words = visible_words(html(body.split("\n")))
    marked = sum(1 for w in words if w.startswith(MARK))
    expected = sum(len(visible_words(html([s.text]))) for s in ARTICLE.segments if s.text in done)
    assert marked == expected


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_a_fully_translated_page_shows_no_source_word(slug: str) -> None:
    """100 % translated means it: every visible word on the page came from the catalog."""
    article = ARTICLES[slug]
    catalog = Catalog(locale="en", fuzzy=False)
    for text in {article.title, article.description, *(s.text for s in article.segments)}:
        catalog.add(text, mark(text))
    lang = next(lang for lang in CONFIG.languages if lang != article.lang)
    page = localize(article, lang=lang, catalog=catalog)
    assert page.translated == page.total and page.missing == 0
    meta, body = _split(page.markdown)
    assert meta["title"] == mark(article.title)
    assert [w for w in visible_words(html(body.split("\n"))) if not w.startswith(MARK)] == []


def test_original_language_shows_the_source_and_ignores_any_catalog() -> None:
    catalog = Catalog(locale="en", fuzzy=False)
    catalog.add(ARTICLE.title, "Something else")
    page = localize(ARTICLE, lang=ARTICLE.lang, catalog=catalog)
    assert (page.translated, page.fuzzy, page.missing) == (page.total, 0, 0)
    assert page.total == len(ARTICLE.segments) + 2
    meta, body = _split(page.markdown)
    assert meta["title"] == page.title == ARTICLE.title
    assert html(body.split("\n")) == html(ARTICLE.body)
    assert page.lang == ARTICLE.lang and page.article is ARTICLE


def test_no_catalog_means_everything_missing() -> None:
    page = localize(ARTICLE, lang="ru", catalog=None)
    assert (page.translated, page.fuzzy, page.missing) == (0, 0, page.total)
    assert html(_split(page.markdown)[1].split("\n")) == html(ARTICLE.body)


def test_front_matter_carries_the_build_facts() -> None:
    """Slug, source language, tags and sources (without empty fields), and the date in the page's language."""
    article = ARTICLES["when-to-say-no"]
    meta = front_matter(article, lang="ru", title="T", description="D")
    assert meta["title"] == "T" and meta["description"] == "D"
    info = meta["redflags"]
    assert info["slug"] == "when-to-say-no" and info["source_lang"] == article.lang
    assert info["tags"] == list(article.tags)
    assert info["sources"] == [{k: v for k, v in vars(s).items() if v is not None} for s in article.sources]
    assert all(None not in s.values() for s in info["sources"])
    assert info["date"] == article.date.isoformat()
    dated = {lang: front_matter(article, lang=lang, title="", description="")["redflags"]["date_display"]
             for lang in ("es", "ru", "en")}  # fmt: skip
    day, year = str(article.date.day), str(article.date.year)
    assert all(day in text and year in text for text in dated.values())
    assert dated["en"].startswith(day)  # British order: 23 November 2026, not November 23, 2026
    assert len(set(dated.values())) == 3


def test_front_matter_without_date_or_sources() -> None:
    from dataclasses import replace

    article = replace(ARTICLE, date=None, sources=(Source(title="Only a title"),), tags=())
    info = front_matter(article, lang="en", title="", description="")["redflags"]
    assert "date" not in info and "date_display" not in info
    assert info["sources"] == [{"title": "Only a title"}] and info["tags"] == []


def test_dates_in_each_language() -> None:
    from dataclasses import replace

    article = replace(ARTICLE, date=dt.date(2026, 3, 1))
    shown = {lang: front_matter(article, lang=lang, title="", description="")["redflags"]["date_display"]
             for lang in ("es", "ru", "en")}  # fmt: skip
    assert shown == {"es": "1 de marzo de 2026", "ru": "1 марта 2026\u202fг.", "en": "1 March 2026"}
