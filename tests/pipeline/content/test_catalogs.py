"""Catalog update with Babel: fuzzy with previous msgid, obsolete, placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.content.catalogs import load_catalog, update_article_catalogs
from pipeline.content.sources import load_articles
from pipeline.errors import BuildErrors, CatalogError
from tests.conftest import EN_HOME, ES_ARTICLE


def _update(config):
    articles = load_articles(config.docs_dir, languages=config.languages)
    return update_article_catalogs(articles, config)


def _translate_all(path: Path, lang: str) -> None:
    from pipeline.content.catalogs import atomic_write, render_po

    catalog = load_catalog(path, lang=lang)
    for message in catalog:
        if message.id:
            message.string = f"[{lang}] {message.id}"
    atomic_write(path, render_po(catalog))


def test_catalogs_for_each_other_language(make_project) -> None:
    """An es article gets ru and en catalogs, never an es one."""
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    changed = _update(config)
    names = sorted(p.relative_to(config.locales_dir).as_posix() for p in changed)
    assert names == [
        "en/LC_MESSAGES/when-to-say-no.po",
        "es/LC_MESSAGES/home.po",
        "ru/LC_MESSAGES/home.po",
        "ru/LC_MESSAGES/when-to-say-no.po",
    ]
    text = config.po_path("ru", "when-to-say-no").read_text(encoding="utf-8")
    assert "Plural-Forms: nplurals=3;" in text
    assert "#: docs/when-to-say-no.md:" in text
    assert _update(config) == []  # a second run changes nothing


def test_changed_segment_becomes_fuzzy_with_previous_and_removed_becomes_obsolete(make_project) -> None:
    """Editing a source paragraph marks it fuzzy (#| msgid); deleting one makes it #~."""
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    _update(config)
    po = config.po_path("ru", "when-to-say-no")
    _translate_all(po, "ru")
    source = config.docs_dir / "when-to-say-no.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("Texto de **introducción**", "Texto nuevo de **introducción**")
    text = text.replace("- Regatea\n", "")
    source.write_text(text, encoding="utf-8")
    assert _update(config) == [po, config.po_path("en", "when-to-say-no")]
    catalog = load_catalog(po, lang="ru")
    new = catalog.get("Texto nuevo de **introducción** con un [enlace](home.md#start).")
    assert new.fuzzy
    assert new.previous_id == ["Texto de **introducción** con un [enlace](home.md#start)."]
    assert new.string.startswith("[ru] Texto de")
    assert "Regatea" in catalog.obsolete
    assert "#~ msgid \"Regatea\"" in po.read_text(encoding="utf-8")


def test_placeholder_mismatch_names_file_and_line(make_project) -> None:
    """A translation that changes a link target is rejected with the .po line."""
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    _update(config)
    po = config.po_path("ru", "when-to-say-no")
    text = po.read_text(encoding="utf-8")
    marker = 'msgid "Texto de **introducción** con un [enlace](home.md#start)."\nmsgstr ""'
    assert marker in text
    po.write_text(text.replace(marker, marker[:-2] + '"Текст со [ссылкой](evil.md)."'), encoding="utf-8")
    with pytest.raises(BuildErrors) as info:
        load_catalog(po, lang="ru")
    error = info.value.errors[0]
    assert error.path == po and error.line is not None
    assert "home.md#start" in error.message and "evil.md" in error.message
    line = po.read_text(encoding="utf-8").split("\n")[error.line - 1]
    assert line.startswith("msgid") or line.startswith("#")


def test_po_syntax_error_names_line(tmp_path: Path) -> None:
    """A broken .po file is reported with its line number."""
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(po, lang="ru")
    assert info.value.path == po
    assert info.value.line == 5
