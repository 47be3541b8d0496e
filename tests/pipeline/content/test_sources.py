"""Bad source articles get a message naming file and line."""

from __future__ import annotations

import pytest

from pipeline.content.sources import load_articles, read_article
from pipeline.errors import BuildErrors, SourceError

LANGS = ("es", "ru", "en")


def _write(tmp_path, text: str):
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_front_matter_names_the_line(tmp_path) -> None:
    """Broken YAML is reported at its line in the file."""
    path = _write(tmp_path, "---\ntitle: A\ndescription: [unclosed\nlang: es\n---\nBody\n")
    with pytest.raises(SourceError) as info:
        read_article(path, languages=LANGS)
    assert info.value.path == path and info.value.line in (3, 4, 5)
    assert "malformed front matter" in str(info.value)


def test_unknown_lang_and_missing_title_are_both_reported(tmp_path) -> None:
    """All problems of a file come back together, each with its line."""
    path = _write(tmp_path, "---\ndescription: D\nlang: fr\n---\nBody\n")
    with pytest.raises(BuildErrors) as info:
        read_article(path, languages=LANGS)
    messages = [str(e) for e in info.value.errors]
    assert any("'title'" in m for m in messages)
    assert any("unknown lang 'fr'" in m and m.split(":")[1] == "3" for m in messages)


def test_missing_front_matter(tmp_path) -> None:
    """A file without front matter is rejected at line 1."""
    path = _write(tmp_path, "# Just a heading\n")
    with pytest.raises(SourceError) as info:
        read_article(path, languages=LANGS)
    assert info.value.line == 1


def test_load_articles_collects_errors_from_every_file(tmp_path) -> None:
    """Two broken files give two errors in one run."""
    (tmp_path / "a.md").write_text("no front matter\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: T\ndescription: D\nlang: xx\n---\n", encoding="utf-8")
    with pytest.raises(BuildErrors) as info:
        load_articles(tmp_path, languages=LANGS)
    assert {e.path.name for e in info.value.errors} == {"a.md", "b.md"}
