"""``build.py new``: a skeleton that is a valid article at once, its catalogs and its menu entry."""

from __future__ import annotations

import pytest

from pipeline.commands import build_site
from pipeline.content import new_article
from pipeline.content.sources import read_article
from pipeline.errors import SourceError
from tests.conftest import ES_ARTICLE


def test_new_article_writes_skeleton_catalogs_and_nav(make_project) -> None:
    """docs/SLUG.md parses with every field, the other languages get .po files, nav gets the page."""
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE})
    config.mkdocs_yml.write_text("nav:\n  - when-to-say-no.md\n  - about.md\n\ntheme:\n  name: material\n",
                                 encoding="utf-8")
    written = new_article.create(config, "late-feedback", lang="ru", title="Поздние правки")
    article = read_article(config.docs_dir / "late-feedback.md", languages=config.languages)
    assert (article.lang, article.title, article.tags) == ("ru", "Поздние правки", ())
    assert article.sources and article.sources[0].year
    assert "Первый абзац" in "\n".join(article.body)
    for lang in ("es", "en"):
        po = config.po_path(lang, "late-feedback")
        assert po in written
        assert 'msgid "Первый абзац' in po.read_text(encoding="utf-8")
    assert not config.po_path("ru", "late-feedback").exists()
    assert "  - late-feedback.md\n  - about.md" in config.mkdocs_yml.read_text(encoding="utf-8")


def test_new_article_refuses_bad_or_existing_slugs(make_project) -> None:
    """A non-slug or an existing article is refused with the file named, and nothing is written."""
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE})
    with pytest.raises(SourceError, match="not a slug"):
        new_article.create(config, "Bad Name", lang="es")
    with pytest.raises(SourceError, match="already exists"):
        new_article.create(config, "when-to-say-no", lang="es")
    assert sorted(p.name for p in config.docs_dir.iterdir()) == ["when-to-say-no.md"]


def test_skeleton_builds_in_every_language(make_project) -> None:
    """The untouched skeleton localizes in es, ru and en (source text shown where untranslated)."""
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE})
    new_article.create(config, "first-steps", lang="en")
    pages = build_site.localize_all(config)
    for lang in config.languages:
        page = next(p for p in pages[lang] if p.article.slug == "first-steps")
        assert "First paragraph" in page.markdown
