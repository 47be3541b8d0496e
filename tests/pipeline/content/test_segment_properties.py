"""What the segmenter must guarantee, checked on the real articles and on generated documents.

1. Completeness: when every segment is translated, every word a reader sees is
   translated (nothing stays in the source language while the page counts as
   100 % translated), and the page keeps its structure.
2. Identity: translating each segment to itself renders the same page.
3. Each segment has the kind and the source lines the document says it has
   (the kind is the translator's comment, the line the ``.po`` reference).

The generated documents use the shapes the articles use: multi-line and
multi-paragraph blocks, admonitions whose bodies hold several paragraphs and
nested lists, tables, quotes, headings with anchors, and fenced code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mdcheck import MARK, html, mark, structure, visible_words

from pipeline.config import Config
from pipeline.content.segment import render, segment, split_row
from pipeline.content.sources import load_articles

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = load_articles(Config(root=ROOT).docs_dir, languages=Config(root=ROOT).languages)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.path.name)
def test_every_visible_word_of_a_real_article_goes_through_the_catalog(article) -> None:
    """Translate every segment and no source word is left on the page; the element tree is the same."""
    source = html(article.body)
    translated = html(render(article.body, article.segments, lambda s: mark(s.text)))
    words = visible_words(translated)
    assert len(words) == len(visible_words(source))
    assert [w for w in words if not w.startswith(MARK)] == []
    assert structure(translated) == structure(source)
    assert html(render(article.body, article.segments, lambda s: s.text)) == source


def test_edge_shapes_round_trip() -> None:
    """No-body admonition, anchor repeating the heading, escaped pipe ending a cell, item text inside its marker."""
    body = [
        '!!! note "fee"',
        "fee",
        "",
        "## fee { #fee }",
        "",
        "a | b \\|",
        "--|--",
        "fee | 1 \\|",
        "",
        "- `two  spaces` kept",
        "",
        "1. 1",
    ]
    assert [(s.kind, s.text, s.line, s.indent, s.prefix, s.suffix) for s in segment(body)] == [
        ("admonition-title", "fee", 0, "", '!!! note "', '"'),
        ("paragraph", "fee", 1, "", "", ""),
        ("heading", "fee", 3, "", "## ", " { #fee }"),
        ("table-cell", "a", 5, "", "", ""),
        ("table-cell", "b |", 5, "", "", ""),
        ("table-cell", "fee", 7, "", "", ""),
        ("table-cell", "1 |", 7, "", "", ""),
        ("list-item", "`two  spaces` kept", 9, "", "- ", ""),
        ("list-item", "1", 11, "", "1. ", ""),  # the text also stands in the marker
    ]
    out = render(body, segment(body), lambda s: mark(s.text))
    assert structure(html(out)) == structure(html(body))
    assert [w for w in visible_words(html(out)) if not w.startswith(MARK)] == []
    assert out[5] == f"| {mark('a')} | {mark('b')} \\| |"  # the pipe in the text is escaped again


def test_multi_paragraph_admonition_round_trip() -> None:
    """Each paragraph and list of an admonition body is its own segment; all of them get translated."""
    body = [
        "Intro.",
        "",
        '!!! example "Template: terms"',
        "    First paragraph of the template.",
        "",
        "    Second paragraph,",
        "    on two lines.",
        "",
        "    - an item",
        "        - a nested item",
        "",
        "    Closing paragraph.",
        "",
        "After the box.",
    ]
    assert [(s.kind, s.text, s.line, s.end) for s in segment(body)] == [
        ("paragraph", "Intro.", 0, 1),
        ("admonition-title", "Template: terms", 2, 3),
        ("paragraph", "First paragraph of the template.", 3, 4),
        ("paragraph", "Second paragraph, on two lines.", 5, 7),
        ("list-item", "an item", 8, 9),
        ("list-item", "a nested item", 9, 10),
        ("paragraph", "Closing paragraph.", 11, 12),
        ("paragraph", "After the box.", 13, 14),
    ]
    out = render(body, segment(body), lambda s: mark(s.text))
    assert [w for w in visible_words(html(out)) if not w.startswith(MARK)] == []
    assert out[5] == f"    {mark('Second paragraph, on two lines.')}"  # soft breaks become one line


# --- generated documents -------------------------------------------------------------------

WORDS = st.sampled_from(
    ["client", "pays", "late", "scope", "brief", "fee", "deposit", "week", "change", "draft", "1", "2"]
)


@st.composite
def phrases(draw: st.DrawFn, markup: bool = True) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=5))
    if markup and draw(st.booleans()):
        i = draw(st.integers(0, len(words) - 1))
        words[i] = draw(st.sampled_from(["**{}**", "*{}*", "[{}](other.md#part)"])).format(words[i])
    return " ".join(words).capitalize()


@dataclass
class Doc:
    """Lines of a generated body and the segments it must yield: (kind, text, line, end, cell)."""

    lines: list[str] = field(default_factory=list)
    expected: list[tuple[str, str, int, int, int | None]] = field(default_factory=list)

    def add(self, other: Doc, indent: str = "") -> None:
        base = len(self.lines)
        self.lines += [indent + line if line else line for line in other.lines]
        self.expected += [(k, t, base + a, base + b, c) for k, t, a, b, c in other.expected]

    def blank(self) -> None:
        self.lines.append("")


@st.composite
def paragraph(draw: st.DrawFn) -> Doc:
    parts = draw(st.lists(phrases(), min_size=1, max_size=3))
    return Doc(list(parts), [("paragraph", " ".join(parts), 0, len(parts), None)])


@st.composite
def heading(draw: st.DrawFn) -> Doc:
    text = draw(phrases(markup=False))
    level = "#" * draw(st.integers(2, 3))
    anchor = draw(st.sampled_from(["", " { #part }", " {#other-part}"]))
    return Doc([f"{level} {text}{anchor}"], [("heading", text, 0, 1, None)])


@st.composite
def bullet_list(draw: st.DrawFn) -> Doc:
    ordered = draw(st.booleans())
    doc = Doc()
    for n in range(draw(st.integers(1, 3))):
        marker = f"{n + 1}." if ordered else "-"
        parts = draw(st.lists(phrases(), min_size=1, max_size=3))  # an item may run over several lines
        first = len(doc.lines)
        doc.lines += [f"{marker} {parts[0]}"] + [" " * (len(marker) + 1) + part for part in parts[1:]]
        doc.expected.append(("list-item", " ".join(parts), first, len(doc.lines), None))
        for sub in draw(st.lists(phrases(), max_size=2)):
            doc.lines.append(f"    - {sub}")
            doc.expected.append(("list-item", sub, len(doc.lines) - 1, len(doc.lines), None))
    return doc


@st.composite
def quote(draw: st.DrawFn) -> Doc:
    parts = draw(st.lists(phrases(), min_size=1, max_size=3))
    indent = draw(st.sampled_from(["", " "]))  # one space before ">": still a quote, and not a list's continuation
    lines = [f"{indent}> {parts[0]}"] + [draw(st.sampled_from(["> ", ""])) + part for part in parts[1:]]
    return Doc(lines, [("blockquote", " ".join(parts), 0, len(parts), None)])


@st.composite
def table(draw: st.DrawFn) -> Doc:
    width = draw(st.integers(2, 3))
    rows = draw(st.lists(st.lists(phrases(markup=False) | st.just(""), min_size=width, max_size=width),
                         min_size=2, max_size=3))  # fmt: skip
    rows[0] = [cell or "Column" for cell in rows[0]]
    compact = draw(st.booleans())  # "|a|b|" as well as "| a | b |"
    outer = draw(st.booleans())  # the outer pipes are optional (then an empty first or last cell needs them)
    if not outer:
        rows = [[row[0] or "Fee", *row[1:-1], row[-1] or "Fee"] for row in rows]
    doc = Doc()
    for r, row in enumerate(rows):
        line = len(doc.lines)
        inner = ("|" if compact else " | ").join(row)
        doc.lines.append(f"|{inner}|" if compact and outer else f"| {inner} |" if outer else inner)
        doc.expected += [("table-cell", text, line, line + 1, c) for c, text in enumerate(row) if text]
        if r == 0:
            doc.lines.append("|".join(["---"] * width).join("||") if outer else "|".join(["---"] * width))
    return doc


@st.composite
def code(draw: st.DrawFn) -> Doc:
    return Doc(["```", draw(phrases(markup=False)).lower(), "```"], [])


@st.composite
def admonition(draw: st.DrawFn) -> Doc:
    title = draw(phrases(markup=False))
    kind = draw(st.sampled_from(["tip", "note", "example"]))
    doc = Doc([f'!!! {kind} "{title}"'], [("admonition-title", title, 0, 1, None)])
    for i, block in enumerate(draw(st.lists(paragraph() | bullet_list(), min_size=1, max_size=3))):
        if i:
            doc.blank()
        doc.add(block, indent="    ")
    return doc


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    doc = Doc()
    blocks = draw(st.lists(paragraph() | heading() | bullet_list() | quote() | table() | code() | admonition(),
                           min_size=1, max_size=6))  # fmt: skip
    for i, block in enumerate(blocks):
        if i:
            doc.blank()
        doc.add(block)
    return doc


@settings(max_examples=150, deadline=None, derandomize=True)
@given(documents())
def test_generated_documents_segment_as_written(doc: Doc) -> None:
    """Every block yields the segment its shape says, with its kind and source lines, in order."""
    got = [(s.kind, s.text, s.line, s.end, s.cell) for s in segment(doc.lines)]
    assert got == doc.expected


@settings(max_examples=150, deadline=None, derandomize=True)
@given(documents())
def test_generated_documents_translate_completely(doc: Doc) -> None:
    """Translated segments cover every visible word; structure stays; identity renders the same page."""
    segments = segment(doc.lines)
    source = html(doc.lines)
    translated = html(render(doc.lines, segments, lambda s: mark(s.text)))
    words = visible_words(translated)
    assert [w for w in words if not w.startswith(MARK)] == []
    assert len(words) == len(visible_words(source))
    assert structure(translated) == structure(source)
    assert html(render(doc.lines, segments, lambda s: s.text)) == source


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=8), min_size=1, max_size=4))
def test_table_cells_survive_pipes_in_translations(texts: list[str]) -> None:
    """A translated cell may contain ``|``: it is escaped, and the row still splits into the same cells."""
    cells = [t.strip().replace("\\", "") or "x" for t in texts]
    row = "| " + " | ".join(f"c{i}" for i in range(len(cells))) + " |"
    lines = [row, "|" + "---|" * len(cells)]
    out = render(lines, segment(lines), lambda s: cells[s.cell] + "|")
    assert [c.replace("\\|", "|") for c in split_row(out[0])] == [c + "|" for c in cells]


# A cell as authors write it: words, Cyrillic, an escaped pipe anywhere, never a bare pipe or a trailing backslash
CELLS = (
    st.lists(st.sampled_from(["a", "Ж", "1", "-", "\\|", " ", "«x»", "C:\\\\d"]), min_size=1, max_size=6)
    .map(lambda parts: "".join(parts).strip())
    .filter(lambda cell: cell and not cell.endswith("\\"))
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.lists(CELLS, min_size=1, max_size=4),
    st.sampled_from(["|", ""]),
    st.sampled_from(["|", ""]),
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(["", "  "]),
)
def test_a_row_splits_into_its_cells_in_every_pipe_style(
    cells: list[str], lead: str, trail: str, pad: str, indent: str
) -> None:
    """Outer pipes or none, padded or tight, indented, escaped pipes at either end of a cell: the same cells."""
    row = indent + lead + pad + f"{pad}|{pad}".join(cells) + pad + trail
    assert split_row(row) == cells
