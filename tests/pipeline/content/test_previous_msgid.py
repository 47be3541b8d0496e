"""The previous msgid of a fuzzy entry (``#| msgid``): written as gettext writes it, read back whole.

A translator sees in Poedit or Weblate what changed in the source through it.
Babel wraps a long one like a comment (``#| and the rest``, which no reader
takes as part of it) and reads ``#|`` lines as translator comments, so after a
few updates broken ``# | msgid`` remarks used to pile up in the catalogs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.content.catalogs import load_catalog, render_po

ROOT = Path(__file__).resolve().parents[3]
HEADER = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

# Source-like text: long runs of words, quotes, backslashes, line breaks, Cyrillic, no NUL.
TEXTS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cc")) | st.sampled_from('"\\\n  «»'),
    min_size=1,
    max_size=300,
)


def _fuzzy_catalog(previous: list[str]) -> Catalog:
    catalog = Catalog(locale="ru")
    for number, old in enumerate(previous):
        message = catalog.add(f"New text {number}.", f"Перевод {number}.", flags=["fuzzy"])
        message.previous_id = [old]
    catalog.add("Translated.", "Переведено.", user_comments=["A translator's own note."])
    return catalog


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(TEXTS, min_size=1, max_size=3))
def test_previous_msgid_round_trips_and_the_file_is_stable(tmp_path_factory, previous: list[str]) -> None:
    """Any previous msgid comes back exactly, leaves no comment behind, and a rewrite changes no byte."""
    path = tmp_path_factory.mktemp("po") / "t.po"
    text = render_po(_fuzzy_catalog(previous))
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(path, lang="ru")
    for number, old in enumerate(previous):
        message = catalog.get(f"New text {number}.")
        assert message.previous_id == [old]
        assert message.user_comments == []
    assert catalog.get("Translated.").user_comments == ["A translator's own note."]
    assert render_po(catalog) == text
    assert not re.search(r"^# \|", text, re.MULTILINE)
    # every #| line is a keyword or a quoted continuation, as gettext's reader wants
    assert all(re.match(r'#\| (msgid(_plural)? )?"', line) for line in text.splitlines() if line.startswith("#|"))


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext's msgcat is not installed")
def test_gnu_gettext_reads_the_same_previous_msgid(tmp_path: Path) -> None:
    """GNU msgcat, an independent reader, finds the previous msgid Babel's own writer would have broken."""
    old = "Antes de empezar, te envío la lista de tareas con las fechas de entrega. ¿Puedes revisarla? " * 3
    path = tmp_path / "t.po"
    path.write_text(render_po(_fuzzy_catalog([old])), encoding="utf-8")
    out = subprocess.run(
        ["msgcat", "--no-wrap", str(path)], check=True, capture_output=True, text=True, encoding="utf-8"
    ).stdout
    assert f'#| msgid "{old}"' in out.splitlines()


def test_a_translated_entry_drops_its_previous_msgid_and_keeps_real_comments(tmp_path: Path) -> None:
    """A translator who clears "fuzzy" by hand leaves the ``#|`` lines: they go, as with msgmerge; notes stay."""
    path = tmp_path / "t.po"
    path.write_text(
        HEADER + '# Keep the formal "you".\n#| msgid "Old."\nmsgid "New."\nmsgstr "Новое."\n',
        encoding="utf-8",
    )
    catalog = load_catalog(path, lang="ru")
    message = catalog.get("New.")
    assert (message.previous_id, message.user_comments) == ([], ['Keep the formal "you".'])
    assert "Old." not in render_po(catalog)


def test_a_previous_msgid_wrapped_by_babel_is_read_back_whole(tmp_path: Path) -> None:
    """Catalogs written before this fix carry Babel's wrapping: its unquoted continuation is joined back."""
    path = tmp_path / "t.po"
    path.write_text(
        HEADER + '#, fuzzy\n#| msgid "Print one copy of this page for each person: it is laid out for A4\n'
        '#| and Letter paper (three pages)."\nmsgid "New."\nmsgstr "Новое."\n',
        encoding="utf-8",
    )
    catalog = load_catalog(path, lang="ru")
    message = catalog.get("New.")
    whole = "Print one copy of this page for each person: it is laid out for A4 and Letter paper (three pages)."
    assert message.previous_id == [whole]
    assert message.user_comments == []
    assert f'#| msgid "{whole}"\n' in render_po(catalog)


def test_the_project_catalogs_hold_no_broken_previous_msgid() -> None:
    """No ``# | msgid`` remark, and every ``#|`` line stands in a fuzzy entry (the only place it means something)."""
    problems = []
    for path in sorted((ROOT / "locales").rglob("*.po")):
        for entry in path.read_text(encoding="utf-8").split("\n\n"):
            lines = entry.splitlines()
            if any(line.startswith("# |") for line in lines):
                problems.append(f"{path.relative_to(ROOT)}: a '# |' remark in {lines[-2][:60]!r}")
            if any(line.startswith("#|") for line in lines) and not any(
                line.startswith("#,") and "fuzzy" in line for line in lines
            ):
                problems.append(f"{path.relative_to(ROOT)}: '#|' lines in an entry that is not fuzzy")
    assert problems == []


@settings(max_examples=30, deadline=None, derandomize=True)
@given(TEXTS, TEXTS)
def test_a_plural_entry_keeps_both_previous_msgids_in_order(tmp_path_factory, singular: str, plural: str) -> None:
    """``#| msgid`` and ``#| msgid_plural`` come back as the pair they were; rendering leaves the catalog as it was."""
    source = Catalog(locale="ru")
    message = source.add(("One new file.", "%(n)s new files."), ("Один.", "Несколько.", "Много."), flags=["fuzzy"])
    message.previous_id = [singular, plural]
    text = render_po(source)
    assert render_po(source) == text  # render_po puts the catalog's own previous msgids back
    path = tmp_path_factory.mktemp("po") / "t.po"
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(path, lang="ru")
    assert catalog.get("One new file.").previous_id == [singular, plural]
    assert render_po(catalog) == text


def _read_entry(tmp_path: Path, entry: str) -> tuple[list[str], list[str], str]:
    """Previous msgids, translator comments and the rewritten text of one fuzzy entry as a file holds it."""
    path = tmp_path / "t.po"
    path.write_text(HEADER + "# A note.\n#, fuzzy\n" + entry + 'msgid "New."\nmsgstr "Новое."\n', encoding="utf-8")
    catalog = load_catalog(path, lang="ru")
    message = catalog.get("New.")
    return message.previous_id, message.user_comments, render_po(catalog)


@pytest.mark.parametrize(
    ("entry", "previous"),
    [
        ('#| msgid ""\n#| "Old "\n#| "text."\n', "Old text."),  # as msgmerge wraps it (Poedit too)
        ('#| msgid "Old "\n#|\n#| "text."\n', "Old text."),  # an empty #| line inside
        ('#|\n#| msgid "Old text."\n', "Old text."),  # and before
        ('#|msgid "Old text."\n', "Old text."),  # no space after the bar: gettext reads it too
    ],
    ids=["gnu-wrapped", "empty-line-inside", "empty-line-first", "no-space"],
)
def test_previous_msgid_shapes_other_tools_write(tmp_path: Path, entry: str, previous: str) -> None:
    previous_ids, comments, text = _read_entry(tmp_path, entry)
    assert (previous_ids, comments) == ([previous], ["A note."])
    assert f'#| msgid "{previous}"\n' in text


def test_a_previous_context_is_not_taken_for_a_previous_msgid(tmp_path: Path) -> None:
    """msgmerge writes ``#| msgctxt`` before ``#| msgid`` for an entry with a context; only the msgid is kept."""
    path = tmp_path / "t.po"
    path.write_text(
        HEADER + '#, fuzzy\n#| msgctxt "old place"\n#| msgid "Old."\nmsgctxt "button"\nmsgid "New."\nmsgstr "Новое."\n',
        encoding="utf-8",
    )
    message = load_catalog(path, lang="ru").get("New.", context="button")
    assert (message.previous_id, message.user_comments) == (["Old."], [])


@pytest.mark.parametrize(
    "entry",
    ['#| msgid "Cut off\n', '#| msgid "Cut off\n#| and wrapped\n', '#| msgid "\n', '#| msgid "Old."\n#| "\n'],
    ids=["unterminated", "unterminated-wrapped", "lone-quote", "lone-quote-continuation"],
)
def test_a_broken_previous_msgid_is_dropped_not_garbled(tmp_path: Path, entry: str) -> None:
    """A previous msgid whose quotes are broken is dropped whole: no half text, no ``#|`` or ``# |`` left."""
    previous_ids, comments, text = _read_entry(tmp_path, entry)
    assert (previous_ids, comments) == ([], ["A note."])
    assert not re.search(r"^# ?\|", text, re.MULTILINE)
    assert '#, fuzzy\nmsgid "New."\nmsgstr "Новое."\n' in text
