"""One name per concept: every page, the warning-sign catalogue, the UI and the quiz follow the glossary.

The glossary lives in ``locales/glossary/<lang>.csv`` (columns ``source,target,context,
developer_comments``: the CSV glossary layout Weblate and translate-toolkit import). The
``developer_comments`` column lists the variants a translator must not use, as
``Avoid: a | b``. A term is consistent when none of its avoided variants appears anywhere a
reader meets it. New pages in ``docs/`` are picked up automatically.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pipeline.config import Config
from pipeline.content.catalogs import load_catalog
from pipeline.content.localize import localize
from pipeline.content.sources import load_articles

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Config(root=ROOT)
GLOSSARY_DIR = ROOT / "locales" / "glossary"


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    avoid: tuple[str, ...]


def load_glossary(lang: str) -> list[Term]:
    """The glossary of one language; each row names the concept, its one translation and its banned variants."""
    terms = []
    with (GLOSSARY_DIR / f"{lang}.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            comment = row["developer_comments"].strip()
            avoid = ()
            if comment.startswith("Avoid:"):
                avoid = tuple(v.strip() for v in comment.removeprefix("Avoid:").split("|") if v.strip())
            terms.append(Term(row["source"].strip(), row["target"].strip(), avoid))
    return terms


def _page_texts(lang: str):
    for article in load_articles(CONFIG.docs_dir, languages=CONFIG.languages):
        catalog = None
        if lang != article.lang:
            po = CONFIG.po_path(lang, article.slug)
            if not po.exists():
                continue  # test_content reports missing catalogs
            catalog = load_catalog(po, lang=lang)
        yield f"docs/{article.slug}.md [{lang}]", localize(article, lang=lang, catalog=catalog).markdown


def _po_texts(path: Path):
    if not path.exists():
        return
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and message.string:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                yield f"{path.relative_to(ROOT)} msgid {message.id!r}", text


def _pot_texts(path: Path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            if text:
                yield f"{path.relative_to(ROOT)}", text


def _violations(lang: str, texts) -> list[str]:
    found = []
    terms = load_glossary(lang)
    for where, text in texts:
        lowered = text.casefold()
        for term in terms:
            for variant in term.avoid:
                if variant.casefold() in lowered:
                    found.append(f"{where}: {variant!r} -> use {term.target!r} ({term.source})")
    return found


LANGS = ["en", "es", "ru"]


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_is_well_formed(lang: str) -> None:
    """Every row has a translation, and no banned variant contains the chosen name itself."""
    terms = load_glossary(lang)
    assert terms
    for term in terms:
        assert term.target, term.source
        for variant in term.avoid:
            assert term.target.casefold() not in variant.casefold(), (term.target, variant)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_and_ui_follow_the_glossary(lang: str) -> None:
    """Pages (warning-sign catalogue included) and the site's UI catalog use the glossary name only."""
    texts = list(_page_texts(lang)) + list(_po_texts(ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po"))
    if lang == "en":  # English is the UI's source language: its strings are the template's msgids
        texts += list(_pot_texts(ROOT / "locales" / "messages.pot"))
    assert texts
    violations = _violations(lang, texts)
    assert not violations, "glossary variants found:\n" + "\n".join(violations)


QUIZ_TEMPLATE = ROOT / "locales" / "quiz-engine.pot"


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_follows_the_glossary(lang: str) -> None:
    """The quiz (every text of its bank and code, in every language) uses the same names as the pages."""
    if lang == "en":  # English is the quiz's source language: its texts are the template's msgids
        texts = list(_pot_texts(QUIZ_TEMPLATE))
    else:
        texts = list(_po_texts(ROOT / "locales" / lang / "LC_MESSAGES" / "quiz-engine.po"))
    assert texts
    violations = _violations(lang, texts)
    assert not violations, "glossary variants found in the quiz:\n" + "\n".join(violations)


QUIZ_NAMES = {
    "client_types.abusive": "abusive client",
    "client_types.bad-payer": "bad payer",
    "client_types.know-it-all": "know-it-all",
    "client_types.all-night": "all-hours client",
    "client_types.anti-contract": "anti-contract client",
    "client_types.indecisive": "indecisive client",
    "client_types.penny-pincher": "penny-pincher",
    "client_types.insatiable": "insatiable client",
    "client_types.direction-changer": "direction-changer",
    "client_types.high-maintenance": "high-maintenance client",
    "bands.healthy": "Healthy",
    "bands.high-maintenance": "Proceed with care",
    "bands.walk-away": "Walk away",
}
"""Quiz client types and bands named by the glossary (the type links to the page of that name)."""


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_type_and_band_names_are_the_glossary_names(lang: str) -> None:
    """Each client type and band of the quiz carries the glossary's name for it (en "all-hours", ru «изматывающий»)."""
    import tomllib

    bank = tomllib.loads((ROOT / "quiz" / "data" / "bank.toml").read_text(encoding="utf-8"))
    glossary = {term.source: term.target for term in load_glossary(lang)}
    catalog = None
    if lang != "en":
        with (ROOT / "locales" / lang / "LC_MESSAGES" / "quiz-engine.po").open("rb") as handle:
            catalog = read_po(handle)
    wrong = []
    for key, source in QUIZ_NAMES.items():
        section, _, item = key.partition(".")
        label = bank[section][item]["label"]
        if catalog is not None:
            message = catalog.get(label)
            assert message is not None and message.string and not message.fuzzy, (lang, label)
            label = message.string
        target = glossary.get(source)
        if target is None:
            assert lang == "en", f"{source!r} is missing from the {lang} glossary"
            continue
        if target.casefold() not in label.casefold():
            wrong.append(f"{key}: {label!r} does not say {target!r} ({source})")
    assert not wrong, "\n".join(wrong)
