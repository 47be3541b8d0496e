"""The published guidance: complete in every language, original, and well linked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.content.catalogs import load_catalog, untranslated
from pipeline.content.localize import localize
from pipeline.content.sources import load_articles
from pipeline.content.warning_signs import CATALOGUE, tag_labels

ROOT = Path(__file__).resolve().parents[2]
# ../shared/seeds beside the checkout; a git worktree in ../wt/<name> finds it one level further up.
SEEDS = next(
    (d / "shared" / "seeds" for d in ROOT.parents if (d / "shared" / "seeds").is_dir()),
    ROOT.parent / "shared" / "seeds",
)
CONFIG = Config(root=ROOT)
ARTICLES = load_articles(CONFIG.docs_dir, languages=CONFIG.languages)
GUIDANCE = {
    "good-and-bad-clients",
    "clients-who-change-direction",
    "eight-problem-clients",
    "when-to-say-no",
    "high-maintenance-clients",
    "protect-yourself",
    "warning-signs",
    "index",
    "about",
    "quiz",
}
RUN = 6
SOURCE_TITLES = sorted({s.title for a in ARTICLES for s in a.sources}, key=len, reverse=True)


def _pairs():
    for article in ARTICLES:
        for lang in CONFIG.languages:
            if lang != article.lang:
                yield pytest.param(article, lang, id=f"{article.slug}-{lang}")


def test_every_planned_page_exists() -> None:
    """Each guidance page of the plan is an article in docs/."""
    assert {a.slug for a in ARTICLES} >= GUIDANCE


@pytest.mark.parametrize(("article", "lang"), list(_pairs()))
def test_fully_translated(article, lang) -> None:
    """Every segment of every page is translated, none fuzzy, in every other language."""
    po = CONFIG.po_path(lang, article.slug)
    assert po.exists(), f"missing catalog {po}"
    assert [m.id for m in untranslated(po, lang=lang)] == []
    page = localize(article, lang=lang, catalog=load_catalog(po, lang=lang))
    assert page.missing == 0


def test_catalogue_lists_every_tag() -> None:
    """Each tag used by an article has a described section in the catalogue, in every language."""
    used = {tag for a in ARTICLES for tag in a.tags}
    catalogue = next(a for a in ARTICLES if a.slug == CATALOGUE)
    for lang in CONFIG.languages:
        catalog = None if lang == catalogue.lang else load_catalog(CONFIG.po_path(lang, CATALOGUE), lang=lang)
        labels = tag_labels(localize(catalogue, lang=lang, catalog=catalog).markdown)
        assert used <= set(labels), sorted(used - set(labels))


def _words(text: str) -> list[str]:
    text = re.sub(r"\]\([^)]*\)|\{[^}]*\}|[*_`>#|]", " ", text.lower())
    return re.findall(r"[\wáéíóúñüё]+", text)


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _published_texts():
    for article in ARTICLES:
        for lang in CONFIG.languages:
            catalog = None
            if lang != article.lang:
                catalog = load_catalog(CONFIG.po_path(lang, article.slug), lang=lang)
            page = localize(article, lang=lang, catalog=catalog)
            body = page.markdown.split("\n---\n", 1)[1]  # front matter holds credits: titles are quoted
            text = "\n".join([page.title, _description(page.markdown), body])
            yield f"{article.slug}-{lang}", _without_source_titles(text)


def _without_source_titles(text: str) -> str:
    """A source's title may be quoted when we credit or cite it; only our own sentences must differ."""
    for title in SOURCE_TITLES:
        text = re.sub(re.escape(title), " ", text, flags=re.IGNORECASE)
    return text


def _description(markdown: str) -> str:
    import yaml

    return yaml.safe_load(markdown.split("---\n")[1])["description"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source articles not found at {SEEDS}")
def test_no_sentence_copied_from_a_source() -> None:
    """No run of 6 consecutive words is shared between any page (any language) and any seed.

    Quoted source titles are left out: citing a source by its name is not copying it.
    """
    seeds = {path.name: _runs(_words(path.read_text(encoding="utf-8"))) for path in sorted(SEEDS.glob("*.txt"))}
    assert seeds
    copied = []
    for name, text in _published_texts():
        mine = _runs(_words(text))
        for seed, theirs in seeds.items():
            shared = mine & theirs
            if shared:
                copied += [f"{name} ~ {seed}: {' '.join(run)}" for run in sorted(shared)]
    assert not copied, "runs shared with a source:\n" + "\n".join(copied)


def _quiz_texts():
    """Texts only a quiz result shows: every bank text (types, reasons, steps...) and its translations."""
    from babel.messages.pofile import read_po

    with (ROOT / "locales" / "quiz-engine.pot").open("rb") as handle:
        template = read_po(handle)
    bank_ids = {m.id for m in template if m.id and any(path.endswith("bank.toml") for path, _ in m.locations)}
    for msgid in sorted(bank_ids):
        yield f"quiz-engine.pot {msgid[:40]!r}", msgid
    for lang in CONFIG.languages:
        po = ROOT / "locales" / lang / "LC_MESSAGES" / "quiz-engine.po"
        if not po.exists():
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id in bank_ids and message.string:
                yield f"quiz-engine.po [{lang}] {message.id[:40]!r}", message.string


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source articles not found at {SEEDS}")
def test_no_quiz_text_copied_from_a_source() -> None:
    """No run of 6 consecutive words is shared between a quiz text (bank or catalog, any language) and a seed."""
    seeds = {path.name: _runs(_words(path.read_text(encoding="utf-8"))) for path in sorted(SEEDS.glob("*.txt"))}
    texts = list(_quiz_texts())
    assert len(texts) > 300  # the bank's texts in three languages
    copied = []
    for name, text in texts:
        mine = _runs(_words(text))
        for seed, theirs in seeds.items():
            copied += [f"{name} ~ {seed}: {' '.join(run)}" for run in sorted(mine & theirs)]
    assert not copied, "runs shared with a source:\n" + "\n".join(copied)


SOURCE_PAGES = GUIDANCE - {"warning-signs", "index", "quiz"}


def test_pages_built_from_sources_credit_them() -> None:
    """Each page drawn from the source articles credits them; About credits all five."""
    by_slug = {a.slug: a for a in ARTICLES}
    for slug in SOURCE_PAGES:
        assert by_slug[slug].sources, slug
        assert all(source.title.strip() for source in by_slug[slug].sources)
    assert len(by_slug["about"].sources) == 5


def test_english_dates_are_british() -> None:
    """English follows British spelling, so a page's date reads day, month, year: "23 November 2026"."""
    import yaml

    dated = [a for a in ARTICLES if a.date is not None and a.lang == "en"]
    assert dated
    for article in dated:
        shown = yaml.safe_load(localize(article, lang="en", catalog=None).markdown.split("---\n")[1])
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", shown["redflags"]["date_display"]), shown
