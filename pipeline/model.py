"""Data passed between stages. No I/O here and no knowledge of the site generator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Segment:
    """One translatable unit of an article.

    ``line`` and ``end`` are 0-based indexes into the article body's lines (end
    exclusive). ``indent`` is the container indentation (admonition bodies),
    ``prefix``/``suffix`` the Markdown structure around the text on its first
    line (``"## "``, ``"- "``, ``" { #anchor }"``). Table cells carry ``cell``.
    """

    text: str
    kind: str
    line: int
    end: int
    indent: str = ""
    prefix: str = ""
    suffix: str = ""
    cell: int | None = None


@dataclass(frozen=True)
class Source:
    """A credit for the article the guidance draws on."""

    title: str
    author: str | None = None
    site: str | None = None
    url: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Article:
    """A source article in ``docs/``: metadata, body lines and segments."""

    slug: str
    path: Path
    lang: str
    title: str
    description: str
    date: dt.date | None
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    meta: dict[str, Any]
    body: tuple[str, ...]
    body_start: int  # 1-based line number of the first body line in the file
    segments: tuple[Segment, ...]
    meta_lines: dict[str, int] = field(default_factory=dict)

    @property
    def rel_path(self) -> str:
        return f"{self.slug}.md"

    def file_line(self, segment: Segment) -> int:
        """1-based line of a segment in the source file."""
        return self.body_start + segment.line


@dataclass(frozen=True)
class LocalizedArticle:
    """An article rendered in one language, ready for the site generator."""

    article: Article
    lang: str
    title: str
    markdown: str
    total: int
    translated: int
    fuzzy: int

    @property
    def missing(self) -> int:
        return self.total - self.translated

    @property
    def is_original(self) -> bool:
        return self.lang == self.article.lang
