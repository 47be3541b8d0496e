"""The warning-sign catalogue, generated from the articles' tags.

``docs/warning-signs.md`` is an ordinary article holding one ``## Label { #tag }``
section per sign with a one-line explanation; this stage appends to each
section, in every language, the list of pages whose ``tags`` name it, and adds
a section for any tag nobody has described yet (so a new tag shows up without
code changes, and ``--strict`` reports the missing description).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from pipeline.model import LocalizedArticle

CATALOGUE = "warning-signs"
_SECTION = re.compile(r"^##\s+(?P<label>.+?)\s*\{\s*#(?P<tag>[a-z0-9-]+)\s*\}\s*$")


def tag_labels(markdown: str) -> dict[str, str]:
    """Tag id -> localized label, read from the catalogue page's ``##`` headings."""
    labels: dict[str, str] = {}
    for line in markdown.split("\n"):
        match = _SECTION.match(line)
        if match:
            labels[match.group("tag")] = match.group("label")
    return labels


def undescribed_tags(pages: Sequence[LocalizedArticle]) -> list[str]:
    """Tags used by some article but without a section in the catalogue."""
    catalogue = next((p for p in pages if p.article.slug == CATALOGUE), None)
    described = set(tag_labels(catalogue.markdown)) if catalogue else set()
    used = {tag for page in pages for tag in page.article.tags}
    return sorted(used - described)


def with_catalogue(
    pages: Sequence[LocalizedArticle], *, gettext: Callable[[str], str]
) -> list[LocalizedArticle]:
    """Return ``pages`` (one language) with the catalogue's page lists filled in."""
    index = {p.article.slug: p for p in pages}
    catalogue = index.get(CATALOGUE)
    if catalogue is None:
        return list(pages)
    covering: dict[str, list[LocalizedArticle]] = {}
    for page in pages:
        for tag in page.article.tags:
            covering.setdefault(tag, []).append(page)
    lines = catalogue.markdown.split("\n")
    out: list[str] = []
    current: str | None = None
    for line in lines:
        match = _SECTION.match(line)
        if match and current is not None:
            out.extend(_listing(covering.get(current, []), gettext))
        if match:
            current = match.group("tag")
        out.append(line)
    if current is not None:
        out.extend(_listing(covering.get(current, []), gettext))
    for tag in undescribed_tags(pages):
        label = tag.replace("-", " ").capitalize()
        out.extend(["", f"## {label} {{ #{tag} }}", ""])
        out.extend(_listing(covering.get(tag, []), gettext))
    updated = replace(catalogue, markdown="\n".join(out))
    return [updated if p.article.slug == CATALOGUE else p for p in pages]


def _listing(pages: list[LocalizedArticle], gettext: Callable[[str], str]) -> list[str]:
    if not pages:
        return ["", f"*{gettext('No page covers this sign yet.')}*", ""]
    items = [f"- [{_title(p)}]({p.article.slug}.md)" for p in sorted(pages, key=lambda p: p.article.slug)]
    return ["", f"**{gettext('Covered in:')}**", "", *items, ""]


def _title(page: LocalizedArticle) -> str:
    return page.title.replace("[", "\\[").replace("]", "\\]")
