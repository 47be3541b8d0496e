"""The rules of the article catalogs, each checked where it can break.

- The template holds each text once, with every place it comes from (file and
  1-based line of the source) and the kind of block as the translator's comment.
- An update reports a change exactly when the catalog's content changes, not when
  only its dates do; ``check`` never writes.
- A translation must keep the link targets, inline code and autolinks of its msgid.
- A broken catalog is reported with its file and line.
- Missing, empty and fuzzy translations count as not translated.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.config import Config
from pipeline.content.catalogs import (
    TEAM,
    article_template,
    atomic_write,
    check_message,
    load_catalog,
    placeholders,
    render_po,
    strip_dates,
    translation_of,
    untranslated,
    update_article_catalogs,
    update_catalog,
)
from pipeline.content.sources import load_articles
from pipeline.errors import BuildErrors, CatalogError

ROOT = Path(__file__).resolve().parents[3]
CONFIG = Config(root=ROOT)
ARTICLES = load_articles(CONFIG.docs_dir, languages=CONFIG.languages)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.path.name)
def test_template_holds_each_text_once_with_every_source_line(article) -> None:
    """Every segment text is one msgid; its references are exactly the lines its segments start on."""
    template = article_template(article, root=ROOT)
    lines = article.path.read_text(encoding="utf-8").split("\n")
    where = article.path.relative_to(ROOT).as_posix()
    expected: dict[str, list[tuple[str, int]]] = {}
    comments: dict[str, list[str]] = {}
    for key in ("title", "description"):
        expected.setdefault(getattr(article, key), []).append((where, article.meta_lines[key]))
        comments.setdefault(getattr(article, key), [f"front matter: {key}"])
        assert lines[article.meta_lines[key] - 1].startswith(f"{key}:")
    for seg in article.segments:
        expected.setdefault(seg.text, []).append((where, article.body_start + seg.line))
        comments.setdefault(seg.text, [seg.kind])
        assert seg.text.split()[0] in lines[article.body_start + seg.line - 1]
    messages = {m.id: m for m in template if m.id}
    assert {k: m.locations for k, m in messages.items()} == expected
    assert {k: m.auto_comments for k, m in messages.items()} == comments
    assert all("python-format" not in m.flags for m in messages.values())


def test_template_of_repeated_text_and_percent_signs(make_project) -> None:
    """A repeated text is one entry with two references; ``50% de`` is prose, not a format string."""
    config = make_project({
        "docs/a.md": "---\ntitle: Uno\ndescription: Dos\nlang: es\n---\n\nEl 50% de los pagos.\n\n"
                     "## Otro\n\nEl 50% de los pagos.\n",
    })  # fmt: skip
    article = load_articles(config.docs_dir, languages=config.languages)[0]
    template = article_template(article, root=config.root)
    message = template.get("El 50% de los pagos.")
    assert message.locations == [("docs/a.md", 7), ("docs/a.md", 11)]
    assert message.auto_comments == ["paragraph"]
    assert template.get("Uno").auto_comments == ["front matter: title"]
    assert template.get("Uno").locations == [("docs/a.md", 2)]
    assert template.get("Dos").locations == [("docs/a.md", 3)]
    assert "python-format" not in message.flags
    assert template.domain == "a"


def _template(*ids: str, flags: tuple[str, ...] = ()) -> Catalog:
    template = Catalog(domain="t", fuzzy=False)
    for i, text in enumerate(ids):
        template.add(text, locations=[("docs/t.md", i + 1)], flags=flags)
    return template


def test_update_reports_content_changes_only(tmp_path: Path, monkeypatch) -> None:
    """New file: changed. Same template later: unchanged though the dates move. New msgid: changed."""
    path = tmp_path / "ru" / "t.po"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert update_catalog(path, _template("Uno"), lang="ru", check=True) is True
    assert not path.exists()  # check never writes
    assert update_catalog(path, _template("Uno"), lang="ru") is True
    first = path.read_text(encoding="utf-8")
    assert "PO-Revision-Date: 2023-11-14" in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert update_catalog(path, _template("Uno"), lang="ru") is False
    assert path.read_text(encoding="utf-8") == first  # not rewritten for a date alone
    assert update_catalog(path, _template("Uno", "Dos"), lang="ru", check=True) is True
    assert path.read_text(encoding="utf-8") == first
    assert update_catalog(path, _template("Uno", "Dos"), lang="ru") is True
    assert 'msgid "Dos"' in path.read_text(encoding="utf-8")


def test_update_sets_the_team_and_keeps_a_named_translator(tmp_path: Path) -> None:
    """A new catalog names the team as translator; a translator who signed keeps their name."""
    path = tmp_path / "t.po"
    update_catalog(path, _template("Uno"), lang="es")
    text = path.read_text(encoding="utf-8")
    assert f"Last-Translator: {TEAM}" in text and f"Language-Team: {TEAM}" in text
    path.write_text(text.replace(f"Last-Translator: {TEAM}", "Last-Translator: Ana <ana@example.org>"), "utf-8")
    assert update_catalog(path, _template("Uno", "Dos"), lang="es") is True
    text = path.read_text(encoding="utf-8")
    assert "Last-Translator: Ana <ana@example.org>" in text and f"Language-Team: {TEAM}" in text


def test_prose_catalogs_drop_python_format_others_keep_it(tmp_path: Path) -> None:
    """Article catalogs are prose (no ``python-format``); the quiz's format strings keep the flag."""
    template = _template("%(n)s días")  # Babel flags it python-format when it reads the file back
    for _ in range(2):
        update_catalog(tmp_path / "prose.po", template, lang="es")
        update_catalog(tmp_path / "format.po", template, lang="es", prose=False)
    assert "python-format" not in (tmp_path / "prose.po").read_text(encoding="utf-8")
    assert "#, python-format" in (tmp_path / "format.po").read_text(encoding="utf-8")


def test_strip_dates_removes_exactly_the_two_date_headers() -> None:
    text = (
        '"Project-Id-Version: redflags\\n"\n"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n'
        '"PO-Revision-Date: 2026-01-02 00:00+0000\\n"\n"Language: ru\\n"\n'
        'msgid "POT-Creation-Date: is a phrase here"\n'
    )
    stripped = strip_dates(text)
    assert "2026" not in stripped
    assert '"Project-Id-Version: redflags\\n"' in stripped and '"Language: ru\\n"' in stripped
    assert 'msgid "POT-Creation-Date: is a phrase here"' in stripped


def test_atomic_write_leaves_the_old_file_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "sub" / "t.po"
    atomic_write(path, "one\n")
    assert path.read_bytes() == b"one\n"

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, "two\n")
    assert path.read_text(encoding="utf-8") == "one\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["t.po"]  # no temp file left


VALID = ['msgid ""', 'msgstr ""', '"Language: ru\\n"', "", "#. paragraph", 'msgid "a"', 'msgstr "b"', "",
         'msgid "c"', 'msgstr ""', '"d"', ""]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.integers(2, len(VALID)), st.sampled_from(['msgstr "unterminated', "msgid", "garbage here", '"x" "y" z']))
def test_a_broken_line_is_reported_with_its_number(tmp_path_factory, at: int, broken: str) -> None:
    """Wherever a broken line is, the error names the catalog and that line (1-based)."""
    path = tmp_path_factory.mktemp("po") / "x.po"
    lines = VALID[:at] + [broken] + VALID[at:]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(path, lang="ru")
    assert info.value.path == path
    assert info.value.line == at + 1
    assert "syntax error in catalog" in info.value.message


def test_babel_syntax_error_names_its_line(tmp_path: Path) -> None:
    """What the line check lets through but Babel refuses (a msgid without msgstr) still names the line."""
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n\n#. a comment\nmsgid "a"\n\nmsgid "b"\nmsgstr "c"\n', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(path, lang="ru")
    assert (info.value.path, info.value.line) == (path, 5)
    assert "missing msgstr for msgid 'a'" in info.value.message
    assert " on " not in info.value.message  # Babel's own 0-based line number is cut


def test_unreadable_catalog_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid "\xff"\nmsgstr ""\n')
    with pytest.raises(CatalogError, match="cannot read catalog") as info:
        load_catalog(path, lang="ru")
    assert info.value.path == path


def test_previous_msgid_survives_a_reload(tmp_path: Path) -> None:
    """``#| msgid`` (also split over lines) of a fuzzy entry is read back; Babel's reader alone skips it."""
    path = tmp_path / "t.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
        '#, fuzzy\n#| msgid ""\n#| "Old first "\n#| "part."\nmsgid "New text."\nmsgstr "Перевод."\n\n'
        '#, fuzzy\n#| msgid "Short old."\nmsgid "Short new."\nmsgstr "Кратко."\n\n'
        '#| msgid "Not fuzzy, so not kept."\nmsgid "Plain."\nmsgstr "Просто."\n',
        encoding="utf-8",
    )
    catalog = load_catalog(path, lang="ru")
    assert catalog.get("New text.").previous_id == ["Old first part."]
    assert catalog.get("Short new.").previous_id == ["Short old."]
    assert not catalog.get("Plain.").previous_id


LINKS = st.sampled_from(["[a](x.md)", "[b](y.md#part)", '[c](z.md "Title")', "`code`", "`x = 1`",
                         "<https://example.org/a>", "<mailto:a@example.org>"])  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(LINKS, min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_placeholders_must_be_kept_and_only_they(kept: list[str], rnd) -> None:
    """A translation with the same targets, code and autolinks (in any order) passes; losing or adding one fails."""
    msgid = "Texto " + " y ".join(kept) + "."
    shuffled = kept[:]
    rnd.shuffle(shuffled)
    good = Message(msgid, "Текст " + " и ".join(shuffled) + ".")
    assert check_message(good) == []
    dropped = Message(msgid, "Текст " + " и ".join(shuffled[1:]) + ".")
    problems = check_message(dropped)
    assert len(problems) == 1 and "missing" in problems[0] and "unexpected" not in problems[0]
    extra = Message(msgid, good.string + " [d](evil.md)")
    problems = check_message(extra)
    assert len(problems) == 1 and "unexpected evil.md" in problems[0] and "missing" not in problems[0]
    assert check_message(Message(msgid, "")) == []  # untranslated is not broken


def test_placeholders_are_link_targets_code_and_autolinks() -> None:
    text = 'See [the page](a.md#x "T"), `code`, <https://e.org/p> and [again](a.md#x); not (parens) or [brackets].'
    assert placeholders(text) == {"a.md#x": 2, "`code`": 1, "<https://e.org/p>": 1}


def test_plural_translations_are_each_checked() -> None:
    message = Message(("[%(n)s](a.md) día", "[%(n)s](a.md) días"), ("[x](a.md)", "[y](b.md)", ""))
    problems = check_message(message)
    assert len(problems) == 1 and "missing a.md" in problems[0] and "unexpected b.md" in problems[0]


def test_broken_catalogs_are_all_reported(make_project) -> None:
    """Two broken catalogs: both are reported, each with its file and line, not only the first."""
    from tests.conftest import EN_HOME, ES_ARTICLE

    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    articles = load_articles(config.docs_dir, languages=config.languages)
    update_article_catalogs(articles, config)
    for lang in ("ru", "en"):
        po = config.po_path(lang, "when-to-say-no")
        po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    with pytest.raises(BuildErrors) as info:
        update_article_catalogs(articles, config, check=True)
    assert sorted((e.path.parent.parent.name, e.line is not None) for e in info.value.errors) == [
        ("en", True),
        ("ru", True),
    ]


def test_translation_of_and_untranslated(tmp_path: Path) -> None:
    """Only a non-empty, non-fuzzy translation counts; a fuzzy one is returned but flagged."""
    catalog = Catalog(locale="ru", fuzzy=False)
    catalog.add("done", "готово")
    catalog.add("fuzzy", "нечётко", flags=["fuzzy"])
    catalog.add("empty", "")
    catalog.add(("one", "many"), ("один", "", ""))
    catalog.add(("day", "days"), ("день", "дня", "дней"))
    assert translation_of(None, "done") == (None, False)
    assert translation_of(catalog, "done") == ("готово", False)
    assert translation_of(catalog, "fuzzy") == ("нечётко", True)
    assert translation_of(catalog, "empty") == (None, False)
    assert translation_of(catalog, "absent") == (None, False)
    assert translation_of(catalog, "day") == ("день", False)
    path = tmp_path / "t.po"
    atomic_write(path, render_po(catalog))
    assert sorted(str(m.id) for m in untranslated(path, lang="ru")) == ["('one', 'many')", "empty", "fuzzy"]

