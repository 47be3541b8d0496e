"""The translation coverage report printed by the build."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.model import LocalizedArticle


def coverage_lines(pages: Sequence[LocalizedArticle]) -> list[str]:
    """One line per language and page: share of translated segments, fuzzy and missing."""
    lines = []
    width = max((len(p.article.slug) for p in pages), default=10)
    for page in sorted(pages, key=lambda p: (p.lang, p.article.slug)):
        share = 100.0 * page.translated / page.total if page.total else 100.0
        origin = " (original)" if page.is_original else ""
        lines.append(
            f"  {page.lang}  {page.article.slug:<{width}}  {share:5.1f}%  "
            f"{page.translated}/{page.total}"
            + (f"  fuzzy {page.fuzzy}" if page.fuzzy else "")
            + (f"  missing {page.missing - page.fuzzy}" if page.missing - page.fuzzy else "")
            + origin
        )
    return lines


def incomplete(pages: Sequence[LocalizedArticle]) -> list[LocalizedArticle]:
    return [p for p in pages if p.missing]
