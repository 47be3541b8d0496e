"""Segmenting Markdown into catalog entries and putting translations back."""

from __future__ import annotations

import re

import markdown

from pipeline.content.segment import render, segment

SAMPLE_TEXT = """\
Intro with **bold** and a [link](x.md#a)
on two lines.

## Title { #anchor }

- item one
- item *two*
    - nested

!!! tip "Tip title"
    Body paragraph.

    - body item

| Head A | Head B |
|---|---|
| cell `code` | other \\| pipe |

> A phrase to use.

```
code is never translated
```
"""
SAMPLE = SAMPLE_TEXT.split("\n")


def texts() -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in segment(SAMPLE)]


def test_one_segment_per_block_with_inline_markup_kept() -> None:
    """Headings, paragraphs, items, cells, admonition title and body are separate entries."""
    assert texts() == [
        ("paragraph", "Intro with **bold** and a [link](x.md#a) on two lines."),
        ("heading", "Title"),
        ("list-item", "item one"),
        ("list-item", "item *two*"),
        ("list-item", "nested"),
        ("admonition-title", "Tip title"),
        ("paragraph", "Body paragraph."),
        ("list-item", "body item"),
        ("table-cell", "Head A"),
        ("table-cell", "Head B"),
        ("table-cell", "cell `code`"),
        ("table-cell", "other | pipe"),
        ("blockquote", "A phrase to use."),
    ]


def test_code_is_not_segmented() -> None:
    """Fenced code never becomes a catalog entry."""
    assert all("never translated" not in text for _, text in texts())


def test_identity_round_trip_renders_the_same_html() -> None:
    """Source -> segments -> identity translation -> the same HTML (admonitions intact)."""
    md = dict(extensions=["admonition", "attr_list", "tables"])
    rebuilt = render(SAMPLE, segment(SAMPLE), lambda s: s.text)
    def html(lines: list[str]) -> str:  # soft line breaks are whitespace
        return re.sub(r"\s+", " ", markdown.markdown("\n".join(lines), **md))

    assert html(rebuilt) == html(SAMPLE)


def test_translation_keeps_structure() -> None:
    """Translated text lands inside the same structure: anchor, admonition, table row."""
    out = "\n".join(render(SAMPLE, segment(SAMPLE), lambda s: f"T<{s.text}>"))
    assert "## T<Title> { #anchor }" in out
    assert '!!! tip "T<Tip title>"' in out
    assert "    T<Body paragraph.>" in out
    assert "| T<cell `code`> | T<other \\| pipe> |" in out
    assert "> T<A phrase to use.>" in out
    assert "code is never translated" in out
