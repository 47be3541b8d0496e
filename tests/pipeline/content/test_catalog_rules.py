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
    assert strip_dates(text) == (
        '"Project-Id-Version: redflags\\n"\n\n\n"Language: ru\\n"\nmsgid "POT-Creation-Date: is a phrase here"\n'
    )


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


@settings(max_examples=40, deadline=None, derandomize=True)
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
    assert info.value.message == "syntax error in catalog: missing msgstr for msgid 'a'"  # Babel's " on 4" cut


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


@settings(max_examples=80, deadline=None, derandomize=True)
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



def test_a_new_catalog_has_our_header(make_project, monkeypatch) -> None:
    """Project name, no fuzzy header, and under SOURCE_DATE_EPOCH both dates from it (reproducible files)."""
    from tests.conftest import EN_HOME, ES_ARTICLE

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    update_article_catalogs(load_articles(config.docs_dir, languages=config.languages), config)
    text = config.po_path("ru", "when-to-say-no").read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    assert '"Project-Id-Version: redflags VERSION\\n"' in header
    assert '"POT-Creation-Date: 2023-11-14 22:13+0000\\n"' in header
    assert '"PO-Revision-Date: 2023-11-14 22:13+0000\\n"' in header
    assert "#, fuzzy" not in header


def test_build_time_is_utc_whatever_the_local_zone(monkeypatch) -> None:
    import datetime as dt
    import time

    from pipeline.content.catalogs import build_time

    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: a local time would show another day
    time.tzset()
    try:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        assert build_time() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
        assert build_time().utcoffset() == dt.timedelta(0)
        monkeypatch.delenv("SOURCE_DATE_EPOCH")
        now = build_time()
        assert now.utcoffset() == dt.timedelta(0) and now.microsecond == 0
        assert abs(now - dt.datetime.now(tz=dt.UTC)) < dt.timedelta(minutes=5)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_check_only_compares(make_project) -> None:
    """``catalogs --check`` names a stale catalog and writes nothing."""
    from tests.conftest import EN_HOME, ES_ARTICLE

    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    articles = load_articles(config.docs_dir, languages=config.languages)
    update_article_catalogs(articles, config)
    source = config.docs_dir / "when-to-say-no.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUn párrafo nuevo.\n", encoding="utf-8")
    articles = load_articles(config.docs_dir, languages=config.languages)
    before = {p: p.read_bytes() for p in config.locales_dir.rglob("*.po")}
    stale = update_article_catalogs(articles, config, check=True)
    assert stale == [config.po_path("ru", "when-to-say-no"), config.po_path("en", "when-to-say-no")]
    assert {p: p.read_bytes() for p in config.locales_dir.rglob("*.po")} == before


def test_update_keeps_a_broken_translation_and_the_translators_header(tmp_path: Path) -> None:
    """A placeholder mismatch is the gate's business, not a reason to refuse an update; the header comment stays."""
    path = tmp_path / "t.po"
    update_catalog(path, _template("See [it](a.md)."), lang="ru")
    text = path.read_text(encoding="utf-8").replace(
        'msgid "See [it](a.md)."\nmsgstr ""', 'msgid "See [it](a.md)."\nmsgstr "См. [это](b.md)."'
    )
    path.write_text("# Перевод: Анна.\n" + text, encoding="utf-8")
    assert update_catalog(path, _template("See [it](a.md).", "New."), lang="ru") is True
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Перевод: Анна.\n") and 'msgstr "См. [это](b.md)."' in text


def test_catalogs_are_written_unwrapped() -> None:
    """One line per msgid however long: a changed word shows as one changed line in a diff."""
    long = "A long paragraph " * 12
    catalog = _template(long.strip())
    text = render_po(catalog)
    assert f'msgid "{long.strip()}"' in text


def test_header_may_name_a_link(tmp_path: Path) -> None:
    """The header is not a translation: a URL in it is not a placeholder to keep."""
    path = tmp_path / "t.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Report-Msgid-Bugs-To: <https://example.org/issues>\\n"\n"Language: ru\\n"\n\n'
        'msgid "a"\nmsgstr "б"\n',
        encoding="utf-8",
    )
    assert load_catalog(path, lang="ru").get("a").string == "б"


def test_problem_messages_name_every_placeholder_and_cut_long_msgids() -> None:
    short = Message("See [a](a.md) and [b](b.md) and `c`.", "См. [x](x.md) и [y](y.md).")
    assert check_message(short) == [
        "placeholder mismatch in translation of 'See [a](a.md) and [b](b.md) and `c`.': "
        "missing `c`, a.md, b.md; unexpected x.md, y.md"
    ]
    exactly = "x" * 51 + " [a](a.md)"  # 61 characters: cut to 59 and an ellipsis
    assert check_message(Message(exactly, "y"))[0] == (
        f"placeholder mismatch in translation of {exactly[:59] + '…'!r}: missing a.md"
    )
    fits = "x" * 50 + " [a](a.md)"  # 60 characters: shown whole
    assert check_message(Message(fits, "y"))[0] == f"placeholder mismatch in translation of {fits!r}: missing a.md"
    assert check_message(Message("Plain.", "Просто [x](x.md).")) == [
        "placeholder mismatch in translation of 'Plain.': unexpected x.md"
    ]
    plural = Message(("[a](a.md) día", "[a](a.md) días"), ("", "[b](b.md) дня", "[a](a.md) дней"))
    assert check_message(plural) == [
        "placeholder mismatch in translation of '[a](a.md) día': missing a.md; unexpected b.md"
    ]


def test_previous_msgid_kept_when_a_comment_stands_before_the_msgid(tmp_path: Path) -> None:
    """Hand-edited order: ``#| msgid`` first, then the flag; the previous msgid still belongs to the entry."""
    path = tmp_path / "t.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n#| msgid "Old."\n#, fuzzy\nmsgid "New."\nmsgstr "Новое."\n',
        encoding="utf-8",
    )
    assert load_catalog(path, lang="ru").get("New.").previous_id == ["Old."]


def test_template_of_an_article_outside_the_root_names_the_file(make_project, tmp_path: Path) -> None:
    config = make_project({"docs/a.md": "---\ntitle: Uno\ndescription: Dos\nlang: es\n---\n\nTexto.\n"})
    article = load_articles(config.docs_dir, languages=config.languages)[0]
    template = article_template(article, root=tmp_path / "elsewhere")
    assert template.get("Texto.").locations == [("a.md", 7)]


def test_atomic_write_goes_through_a_hidden_file_beside_the_target(tmp_path: Path, monkeypatch) -> None:
    """Beside it (same file system: the rename is atomic), hidden and not ``*.po`` (never taken for a catalog)."""
    path = tmp_path / "ru" / "t.po"
    seen: list[tuple[str, str]] = []
    real = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append((src, dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(path, "ё\n")
    ((src, dst),) = seen
    assert Path(dst) == path and Path(src).parent == path.parent
    assert Path(src).name.startswith(".t.po.") and not Path(src).name.endswith(".po")
    assert path.read_bytes() == "ё\n".encode()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.integers(2, len(VALID)),
    st.sampled_from(["msgid ", "msgstr ", "msgstr[1] ", ""]),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters='\\"ntr'),
)
def test_an_unknown_escape_is_reported_with_its_line(tmp_path_factory, at: int, keyword: str, char: str) -> None:
    """``\\q``, ``\\U`` (a Windows path), ``\\a``, a lone trailing ``\\``: Babel would print them as typed, so the
    error names the line and the pair, wherever it stands (a continuation line included)."""
    path = tmp_path_factory.mktemp("po") / "x.po"
    lines = [*VALID[:at], "#. a comment", 'msgid "e"', f'{keyword}"C:\\\\Users \\{char}ero"', *VALID[at:]]
    if not keyword:  # a continuation line: the entry needs its msgstr line first
        lines.insert(at + 2, 'msgstr ""')
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(path, lang="ru")
    assert (info.value.path, info.value.line) == (path, next(n for n, x in enumerate(lines, 1) if "Users" in x))
    assert f"unknown escape '\\{char}'" in info.value.message
    assert info.value.message.endswith(" (a backslash is written '\\\\')")  # and how to write what was meant


def test_known_escapes_and_an_escaped_backslash_before_a_letter_are_accepted(tmp_path: Path) -> None:
    r"""``\\`` then ``q`` is a backslash and a q, not the escape ``\q``; ``\n \t \r \" \\`` are what Babel reads."""
    path = tmp_path / "x.po"
    entry = 'msgid "a"\nmsgstr "C:\\\\q \\"x\\" \\t\\r\\n\\\\\\\\"\n'
    path.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n' + entry, encoding="utf-8")
    assert load_catalog(path, lang="ru").get("a").string == 'C:\\q "x" \t\r\n\\\\'


@pytest.mark.parametrize(
    ("string", "shown"),
    [
        ("x\\q", 'msgstr "x\\q"'),
        ("a" * 40 + "\\q" + "b" * 40, "…" + "a" * 24 + "\\q" + "b" * 24 + "…"),
        ("x\\q" + "b" * 23, 'msgstr "x\\q' + "b" * 23 + '"'),  # the line ends just where the context does
    ],
    ids=["short line", "long line", "line ends at the context"],
)
def test_an_unknown_escape_is_shown_where_it_stands(tmp_path: Path, string: str, shown: str) -> None:
    """The pair with up to 24 characters either side, as typed (no doubled backslashes), "…" where cut."""
    path = tmp_path / "x.po"
    path.write_text(f'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "{string}"\n', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(path, lang="ru")
    hint = "(a backslash is written '\\\\')"
    assert info.value.message == f"syntax error in catalog: unknown escape '\\q' in {shown} {hint}"
