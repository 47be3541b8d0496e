"""The warning-sign catalogue built from the articles' tags."""

from __future__ import annotations

from pipeline.content.catalogs import update_article_catalogs
from pipeline.content.localize import localize
from pipeline.content.sources import load_articles
from pipeline.content.warning_signs import tag_labels, undescribed_tags, with_catalogue
from tests.conftest import EN_HOME, ES_ARTICLE

CATALOGUE = """
---
title: Warning signs
description: All of them.
lang: en
tags: []
sources: []
---

Intro.

## Late payment { #late-payment }

They pay late.
"""


def _pages(make_project, extra: dict[str, str] | None = None):
    files = {"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME, "docs/warning-signs.md": CATALOGUE}
    files.update(extra or {})
    config = make_project(files)
    articles = load_articles(config.docs_dir, languages=config.languages)
    update_article_catalogs(articles, config)
    return [localize(a, lang="en", catalog=None) for a in articles]


def test_each_sign_lists_the_pages_tagged_with_it(make_project) -> None:
    """The late-payment section links to the article that carries the tag."""
    pages = with_catalogue(_pages(make_project), gettext=lambda s: s)
    text = next(p for p in pages if p.article.slug == "warning-signs").markdown
    section = text.split("{ #late-payment }")[1]
    assert "**Covered in:**" in section
    assert "- [Cuándo decir que no](when-to-say-no.md)" in section
    assert tag_labels(text) == {"late-payment": "Late payment"}


def test_a_new_tag_appears_without_code_changes(make_project) -> None:
    """An article with an undescribed tag adds a section and is reported for --strict."""
    extra = {"docs/new.md": "---\ntitle: New\ndescription: D\nlang: en\ntags: [ghosting]\n---\n\nText.\n"}
    pages = _pages(make_project, extra)
    assert undescribed_tags(pages) == ["ghosting"]
    text = next(p for p in with_catalogue(pages, gettext=lambda s: s) if p.article.slug == "warning-signs").markdown
    assert "## Ghosting { #ghosting }" in text
    assert "- [New](new.md)" in text.split("{ #ghosting }")[1]
