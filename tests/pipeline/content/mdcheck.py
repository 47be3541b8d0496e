"""Helpers for checking what a translated page shows: the site's Markdown flavour and its visible words.

The site is rendered by Python-Markdown with the extensions of ``mkdocs.yml``; the
segmenter parses with markdown-it-py. These helpers render with the site's
renderer, so a test states what a reader sees, not what the segmenter thinks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
MARK = "ǫ"  # a letter no article uses: a word that starts with it came through the catalog
_WORD = re.compile(r"[^\W\d_]+")
_KEPT = re.compile(r"(\]\([^)]*\)|`[^`]*`|<[^>]*>|\{[^}]*\}|&\w+;)|([^\W\d_]+)")
_CODE_TAGS = {"code", "pre", "script", "style"}


def html(lines: list[str] | tuple[str, ...]) -> str:
    """The page body as the site renders it, with runs of whitespace made one space."""
    return re.sub(r"\s+", " ", markdown.markdown("\n".join(lines), extensions=EXTENSIONS))


def mark(text: str) -> str:
    """A stand-in translation: every word gets ``MARK`` in front; link targets, code, tags, attributes stay."""
    return _KEPT.sub(lambda m: m.group(1) or MARK + m.group(2), text)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.tags: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(f"<{tag} {dict(attrs).get('class') or ''}>")
        self._code += tag in _CODE_TAGS

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"</{tag}>")
        self._code -= tag in _CODE_TAGS

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.words += _WORD.findall(data)


def visible_words(page: str) -> list[str]:
    """Words a reader sees (code blocks and inline code aside)."""
    parser = _Page()
    parser.feed(page)
    return parser.words


def structure(page: str) -> list[str]:
    """The sequence of elements (tag and class), without text or ids."""
    parser = _Page()
    parser.feed(page)
    return parser.tags
