"""Split a Markdown body into translatable segments, and put translations back.

Parsing is done by markdown-it-py (a CommonMark parser that reports source
line ranges). Python-Markdown syntax that CommonMark does not know is handled
here as structure: Material admonitions (``!!! type "Title"`` plus a body
indented by four spaces: the title and every block of the body are separate
segments) and heading attribute lists (``## Title { #anchor }``: the
anchor stays out of the msgid). Fenced and indented code and raw HTML are
never segmented. Inline markup stays inside the segment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.model import Segment

ADMONITION = re.compile(r'^(?P<marker>(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*)(?:\s+"(?P<title>.*)")?\s*$')
HEADING_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
INDENT = "    "

Translate = Callable[[Segment], str]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def segment(lines: Sequence[str]) -> list[Segment]:
    """Return the segments of a Markdown body, in document order."""
    return _segment(list(lines), offset=0, indent="")


def _segment(lines: list[str], *, offset: int, indent: str) -> list[Segment]:
    masked = list(lines)
    found: list[Segment] = []
    i = 0
    while i < len(lines):
        match = ADMONITION.match(lines[i])
        if not match:
            i += 1
            continue
        end = _block_end(lines, i + 1)
        title = match.group("title")
        if title:
            prefix = lines[i][: match.start("title")]
            found.append(
                Segment(title, "admonition-title", offset + i, offset + i + 1, indent, prefix, '"')
            )
        body = [line[len(INDENT) :] if line.startswith(INDENT) else line.lstrip() for line in lines[i + 1 : end]]
        found.extend(_segment(body, offset=offset + i + 1, indent=indent + INDENT))
        for j in range(i, end):
            masked[j] = ""
        i = end
    found.extend(_markdown_segments(masked, lines, offset=offset, indent=indent))
    found.sort(key=lambda s: (s.line, s.cell if s.cell is not None else -1))
    return found


def _block_end(lines: list[str], start: int) -> int:
    """Index after the last line of an indented admonition body."""
    end = start
    last_content = start
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.startswith(INDENT):
            break
        if line.strip():
            last_content = end + 1
        end += 1
    return max(last_content, start)


def _markdown_segments(
    masked: list[str], lines: list[str], *, offset: int, indent: str
) -> list[Segment]:
    tokens = _parser().parse("\n".join(masked) + "\n")
    out: list[Segment] = []
    block: Token | None = None
    cell = 0
    for token in tokens:
        if token.type in ("heading_open", "paragraph_open"):
            block = token
        elif token.type == "tr_open":
            cell = 0
        elif token.type == "inline" and token.map is not None and block is not None:
            first, last = token.map
            if block.type == "heading_open":
                out.append(_heading(token.content, lines, first, offset, indent))
            elif block.type == "paragraph_open":
                out.append(_paragraph(token.content, lines, first, last, offset, indent))
            block = None
        elif token.type == "inline" and token.map is not None:
            # table cell (th/td): the row is token.map[0]
            text = token.content.strip()
            if text:
                line = token.map[0]
                out.append(Segment(text, "table-cell", offset + line, offset + line + 1, indent, cell=cell))
            cell += 1
    return out


def _heading(content: str, lines: list[str], first: int, offset: int, indent: str) -> Segment:
    text = content
    suffix = ""
    attrs = HEADING_ATTRS.search(content)
    if attrs:
        text = content[: attrs.start()]
        suffix = content[attrs.start() :]
    line = lines[first]
    start = line.find(text)
    prefix = line[:start]
    return Segment(text.strip(), "heading", offset + first, offset + first + 1, indent, prefix, suffix)


def _paragraph(content: str, lines: list[str], first: int, last: int, offset: int, indent: str) -> Segment:
    first_text = content.split("\n", 1)[0]
    line = lines[first]
    start = line.rfind(first_text)  # the content is the line's tail; "1. 1" also holds it in the marker
    prefix = line[:start] if start >= 0 else ""
    text = " ".join(part.strip() for part in content.split("\n"))
    kind = "list-item" if re.match(r"^\s*(?:[-*+]|\d+[.)])\s", prefix) else "paragraph"
    if prefix.lstrip().startswith(">"):
        kind = "blockquote"
    return Segment(text, kind, offset + first, offset + last, indent, prefix)


def render(lines: Sequence[str], segments: Sequence[Segment], translate: Translate) -> list[str]:
    """Rebuild the body with each segment replaced by ``translate(segment)``.

    Lines that belong to no segment are copied unchanged; a multi-line
    paragraph becomes one line (soft line breaks carry no meaning).
    """
    starts: dict[int, list[Segment]] = {}
    covered: set[int] = set()
    for seg in segments:
        starts.setdefault(seg.line, []).append(seg)
        covered.update(range(seg.line + 1, seg.end))
    out: list[str] = []
    for index, line in enumerate(lines):
        here = starts.get(index)
        if here and here[0].kind == "table-cell":
            out.append(_render_row(line, here, translate))
        elif here:
            seg = here[0]
            out.append(f"{seg.indent}{seg.prefix}{translate(seg)}{seg.suffix}")
        elif index not in covered:
            out.append(line)
    return out


def _render_row(line: str, cells: list[Segment], translate: Translate) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    parts = split_row(line.strip())
    for seg in cells:
        if seg.cell is not None and seg.cell < len(parts):
            parts[seg.cell] = re.sub(r"(?<!\\)\|", r"\\|", translate(seg))
    return indent + "| " + " | ".join(parts) + " |"


def split_row(row: str) -> list[str]:
    """Split a pipe-table row into cell texts, honouring ``\\|`` escapes."""
    body = row.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", body)]
