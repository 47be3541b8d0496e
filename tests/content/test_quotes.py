"""One quotation-mark style per language, wherever a reader meets text.

House style (README, "Content"): Spanish and Russian quote with «…» and nest
“…” (Russian also „…“) inside them; English uses curly double quotes “…” and
nests ‘…’. A straight ``"`` is never shown to a reader. The check reads every
page's title, description and translatable segments in every language (the
same text the site is built from) and the UI catalog; the quiz's own catalogs
are checked too, reported apart while their owner aligns them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from pipeline.config import Config
from pipeline.content.catalogs import load_catalog, translation_of
from pipeline.content.sources import load_articles

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Config(root=ROOT)
LOCALES = ROOT / "locales"
LANGS = ("es", "ru", "en")
NESTED = {"es": "“”", "ru": "„“”"}

# Not prose: code spans, HTML tags, link targets, attribute lists, format placeholders.
_NOT_PROSE = re.compile(r"`[^`]*`|<[^>]*>|\]\([^)]*\)|\{[^}]*\}|%\([a-z_]+\)[sd]")


def quote_problems(lang: str, text: str) -> list[str]:
    """What is wrong with the quotation marks of ``text`` in ``lang`` (empty when nothing is)."""
    prose = _NOT_PROSE.sub(" ", text)
    problems = []
    if '"' in prose:
        problems.append('straight "')
    if lang == "en":
        if "«" in prose or "»" in prose:
            problems.append("« » in English (use “…”)")
        if prose.count("“") != prose.count("”"):
            problems.append("unbalanced “ ”")
        return problems
    depth = 0
    for char in prose:
        if char == "«":
            depth += 1
        elif char == "»":
            depth -= 1
            if depth < 0:
                break
        elif char in "“”„" and (depth == 0 or char not in NESTED[lang]):
            problems.append(f"{char} outside «…» (quote with «…»; {NESTED[lang]} only inside it)")
            break
    if depth != 0:
        problems.append("unbalanced « »")
    return problems


def _page_texts(lang: str) -> Iterator[tuple[str, str]]:
    for article in load_articles(CONFIG.docs_dir, languages=CONFIG.languages):
        catalog = None if lang == article.lang else load_catalog(CONFIG.po_path(lang, article.slug), lang=lang)
        for text in (article.title, article.description, *(s.text for s in article.segments)):
            shown = text if catalog is None else translation_of(catalog, text)[0] or text
            yield f"docs/{article.slug}.md [{lang}]", shown


def _catalog_texts(domain: str, lang: str) -> Iterator[tuple[str, str]]:
    """A catalog's texts as readers see them: msgstr in es/ru, the msgids of the template in English."""
    path = LOCALES / f"{domain}.pot" if lang == "en" else LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        shown = message.id if lang == "en" else message.string
        for text in shown if isinstance(shown, (list, tuple)) else (shown,):
            if text:
                yield f"{path.relative_to(ROOT)} msgid {message.id!r}", text


def _violations(lang: str, texts) -> list[str]:
    return [
        f"{where}: {', '.join(found)}: {text[:90]!r}" for where, text in texts if (found := quote_problems(lang, text))
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_pages_and_ui_quote_in_the_house_style(lang: str) -> None:
    """Every page (title, description, body) and every UI string uses the language's quotation marks."""
    texts = [*_page_texts(lang), *_catalog_texts("messages", lang)]
    assert len(texts) > 500
    violations = _violations(lang, texts)
    assert not violations, "quotation marks off the house style:\n" + "\n".join(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_quotes_in_the_house_style(lang: str) -> None:
    """The quiz catalogs (questions, results, browser strings) follow the same style."""
    violations = _violations(lang, _catalog_texts("quiz-engine", lang))
    if violations:
        pytest.xfail("pending the quiz texts' alignment (issue 21):\n" + "\n".join(violations))


@pytest.mark.parametrize(
    ("lang", "text", "ok"),
    [
        ("en", "one more “quick change”, a ‘nested’ one", True),
        ("en", 'one more "quick change"', False),
        ("en", "one more «quick change»", False),
        ("en", "an “open quote", False),
        ("es", "otro «cambio rapidito», «con “dentro”»", True),
        ("es", "otro “cambio rapidito”", False),
        ("ru", "ещё одной «быстрой правки», «с „вложенной“»", True),
        ("ru", "ещё одной “быстрой правки”", False),
        ("ru", "«незакрытая", False),
        ("en", 'a [link](page.md "title") and `code "x"` and <a href="x">tag</a>', True),
    ],
)
def test_the_check_itself(lang: str, text: str, ok: bool) -> None:
    assert (quote_problems(lang, text) == []) is ok, quote_problems(lang, text)


@given(st.text(alphabet=st.characters(blacklist_characters='"«»“”„`<>[]{}%'), max_size=40), st.sampled_from(LANGS))
def test_a_straight_quote_is_always_caught(words: str, lang: str) -> None:
    """Wrapping any text in straight quotes is reported in every language."""
    assert 'straight "' in quote_problems(lang, f'say "{words}" now')
