"""One name for the quiz per language, wherever a reader meets it.

The name is the quiz page's title in that language. The embedded frame's heading
is the same text, the snippet's fallback link contains it, and the command-line
quiz opens its intro and its ``--help`` with it. The frame heading and link text
are UI strings of ``messages.po`` and the CLI's of ``quiz-engine.po``, so a
translator who renames the quiz in one catalog is stopped here until all agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pipeline.channels.embed import FRAME_HEADING, LINK_TEXT, frame_heading, link_text
from pipeline.config import Config
from pipeline.content.catalogs import load_catalog, translation_of
from pipeline.content.sources import load_articles

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Config(root=ROOT)
QUIZ = next(a for a in load_articles(CONFIG.docs_dir, languages=CONFIG.languages) if a.slug == "quiz")


def quiz_name(lang: str) -> str:
    """The quiz page's title in ``lang``."""
    if lang == QUIZ.lang:
        return QUIZ.title
    name, fuzzy = translation_of(load_catalog(CONFIG.po_path(lang, QUIZ.slug), lang=lang), QUIZ.title)
    assert name and not fuzzy, f"quiz.po [{lang}]: the title is not translated"
    return name


def cli_openings(lang: str) -> list[str]:
    """The CLI texts that begin with the quiz's name (their English original begins with it)."""
    pot = ROOT / "locales" / "quiz-engine.pot"
    path = pot if lang == "en" else ROOT / "locales" / lang / "LC_MESSAGES" / "quiz-engine.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return [
        m.id if lang == "en" else m.string for m in catalog if isinstance(m.id, str) and m.id.startswith(FRAME_HEADING)
    ]


@pytest.mark.parametrize("lang", ["es", "ru", "en"])
def test_the_quiz_has_one_name(lang: str) -> None:
    name = quiz_name(lang)
    assert frame_heading(CONFIG, lang) == name, "messages.po: the frame heading is the quiz page's title"
    assert name.casefold() in link_text(CONFIG, lang).casefold(), "messages.po: the snippet's link names the quiz"
    openings = cli_openings(lang)
    assert len(openings) >= 2
    assert all(text.startswith(name) for text in openings), f"quiz-engine.po [{lang}]: {openings}"


def test_the_names_are_extracted_for_translators() -> None:
    """Both texts are msgids of the UI template, so every language's messages.po carries them."""
    with (ROOT / "locales" / "messages.pot").open("rb") as handle:
        ids = {m.id for m in read_po(handle)}
    assert {LINK_TEXT, FRAME_HEADING} <= ids
