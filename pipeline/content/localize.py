"""Article + catalog -> the Markdown of that article in one language.

A missing or fuzzy segment falls back to the source text and is counted; the
counts go into the front matter so the page template can show a notice. This
module writes no files and knows nothing about the site generator: its output
is plain Markdown with front matter, which any generator can read.
"""

from __future__ import annotations

from typing import Any

import yaml
from babel.dates import format_date
from babel.messages.catalog import Catalog

from pipeline.content.catalogs import translation_of
from pipeline.content.segment import render
from pipeline.model import Article, LocalizedArticle, Segment

# English follows British spelling, so its dates read day-month-year ("23 November 2026").
DATE_LOCALES = {"en": "en_GB"}
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same output, faster


def localize(article: Article, /, *, lang: str, catalog: Catalog | None) -> LocalizedArticle:
    """Render ``article`` in ``lang`` using ``catalog`` (None for the original)."""
    original = lang == article.lang
    counts = {"total": 0, "translated": 0, "fuzzy": 0}

    def pick(text: str) -> str:
        counts["total"] += 1
        if original:
            counts["translated"] += 1
            return text
        string, fuzzy = translation_of(catalog, text)
        if string is None:
            return text
        if fuzzy:
            counts["fuzzy"] += 1
            return text
        counts["translated"] += 1
        return string

    title = pick(article.title)
    description = pick(article.description)

    def translate(seg: Segment) -> str:
        return pick(seg.text)

    body = render(article.body, article.segments, translate)
    meta = front_matter(article, lang=lang, title=title, description=description)
    meta["redflags"].update(
        total=counts["total"],
        translated=counts["translated"],
        fuzzy=counts["fuzzy"],
        missing=counts["total"] - counts["translated"],
    )
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True)
    text = "---\n" + front + "---\n" + "\n".join(body)
    return LocalizedArticle(
        article=article,
        lang=lang,
        title=title,
        markdown=text,
        total=counts["total"],
        translated=counts["translated"],
        fuzzy=counts["fuzzy"],
    )


def front_matter(article: Article, *, lang: str, title: str, description: str) -> dict[str, Any]:
    """Front matter of the localized page: translated texts plus build facts."""
    info: dict[str, Any] = {
        "slug": article.slug,
        "source_lang": article.lang,
        "tags": list(article.tags),
        "sources": [
            {k: v for k, v in vars(source).items() if v is not None} for source in article.sources
        ],
    }
    if article.date is not None:
        info["date"] = article.date.isoformat()
        info["date_display"] = format_date(article.date, format="long", locale=DATE_LOCALES.get(lang, lang))
    return {"title": title, "description": description, "redflags": info}
