"""Rendering an article in a language: translation, fallback and counts."""

from __future__ import annotations

import yaml

from pipeline.content.catalogs import atomic_write, load_catalog, render_po, update_article_catalogs
from pipeline.content.localize import localize
from pipeline.content.sources import load_articles
from tests.conftest import EN_HOME, ES_ARTICLE


def _setup(make_project):
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    articles = load_articles(config.docs_dir, languages=config.languages)
    update_article_catalogs(articles, config)
    article = next(a for a in articles if a.slug == "when-to-say-no")
    return config, article


def _front(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def test_missing_and_fuzzy_fall_back_to_source_and_are_counted(make_project) -> None:
    """Untranslated and fuzzy segments show the source text; translated ones the msgstr."""
    config, article = _setup(make_project)
    po = config.po_path("ru", article.slug)
    catalog = load_catalog(po, lang="ru")
    catalog["Problemas de pago"].string = "Проблемы с оплатой"
    catalog["Paga tarde"].string = "Платит с опозданием"
    catalog["Paga tarde"].flags.add("fuzzy")
    atomic_write(po, render_po(catalog))
    page = localize(article, lang="ru", catalog=load_catalog(po, lang="ru"))
    assert "## Проблемы с оплатой { #payment-problems }" in page.markdown
    assert "- Paga tarde" in page.markdown  # fuzzy -> source
    assert (page.translated, page.fuzzy, page.total) == (1, 1, len(article.segments) + 2)
    meta = _front(page.markdown)["redflags"]
    assert meta["missing"] == page.total - 1
    assert meta["source_lang"] == "es"


def test_original_language_is_complete_and_dates_are_localized(make_project) -> None:
    """The source language is 100%; dates use Babel's long format per locale."""
    config, article = _setup(make_project)
    original = localize(article, lang="es", catalog=None)
    assert original.missing == 0
    assert _front(original.markdown)["redflags"]["date_display"] == "11 de noviembre de 2014"
    russian = localize(article, lang="ru", catalog=None)
    assert _front(russian.markdown)["redflags"]["date_display"] == "11 ноября 2014\u202fг."
    english = localize(article, lang="en", catalog=None)
    assert _front(english.markdown)["redflags"]["date_display"] == "11 November 2014"
