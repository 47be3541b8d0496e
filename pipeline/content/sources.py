"""Read ``docs/*.md`` into :class:`Article` objects, validating the front matter.

Every problem in one run is collected and raised together, each with its file
and line, so an editor fixes them all at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from pipeline.content.segment import segment
from pipeline.errors import BuildError, BuildErrors, SourceError
from pipeline.model import Article, Source

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
REQUIRED = ("title", "description", "lang")
RESERVED_SLUGS = ("messages", "quiz-engine")
"""gettext domains of the UI and the quiz engine: an article may not share their catalog names."""
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG = SLUG


def read_article(path: Path, *, languages: Iterable[str], slug: str | None = None) -> Article:
    """Parse one Markdown file with YAML front matter (``slug`` defaults to the file name)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError("missing front matter: the file must start with a '---' line", path, 1)
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError("front matter is not closed by a '---' line", path, 1) from None
    meta = _load_yaml("\n".join(lines[1:close]), path)
    meta_lines = _key_lines(lines[1:close], first_line=2)
    errors: list[BuildError] = []

    def fail(message: str, key: str | None = None) -> None:
        errors.append(SourceError(message, path, meta_lines.get(key or "", 1)))

    slug = slug or path.stem
    if not SLUG.match(slug):
        fail(f"file name {path.name!r} is not a slug (lowercase letters, digits and dashes)")
    if slug in RESERVED_SLUGS:
        fail(f"the name {slug!r} is reserved for a UI catalog: rename the file")
    for key in REQUIRED:
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            fail(f"front matter needs a non-empty string {key!r}", key)
    lang = meta.get("lang")
    known = tuple(languages)
    if isinstance(lang, str) and lang not in known:
        fail(f"unknown lang {lang!r}: expected one of {', '.join(known)}", "lang")
    date = meta.get("date")
    if date is not None and not isinstance(date, dt.date):
        fail(f"date must be YYYY-MM-DD, got {date!r}", "date")
    tags = meta.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and TAG.match(t) for t in tags):
        fail("tags must be a list of lowercase-dashed ids, e.g. [late-payment, scope-creep]", "tags")
        tags = []
    sources = _sources(meta.get("sources", []), fail)
    if errors:
        raise BuildErrors(errors)
    body = lines[close + 1 :]
    return Article(
        slug=slug,
        path=path,
        lang=str(lang),
        title=str(meta["title"]).strip(),
        description=str(meta["description"]).strip(),
        date=date,
        tags=tuple(tags),
        sources=sources,
        meta=meta,
        body=tuple(body),
        body_start=close + 2,
        segments=tuple(segment(body)),
        meta_lines=meta_lines,
    )


def load_articles(docs_dir: Path, *, languages: Iterable[str]) -> list[Article]:
    """Read every article, sorted by slug; raise all problems together."""
    articles: list[Article] = []
    errors: list[BuildError] = []
    for path in sorted(docs_dir.glob("*.md")):
        try:
            articles.append(read_article(path, languages=languages))
        except BuildErrors as exc:
            errors.extend(exc.errors)
        except BuildError as exc:
            errors.append(exc)
    if errors:
        raise BuildErrors(errors)
    if not articles:
        raise SourceError("no articles found", docs_dir)
    return articles


def _load_yaml(text: str, path: Path) -> dict[str, Any]:
    try:
        try:
            data = yaml.load(text, Loader=_LOADER) or {}
        except yaml.YAMLError:  # re-parse with the pure-Python loader: its error marks are more precise
            data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(f"malformed front matter: {problem}", path, line) from None
    if not isinstance(data, dict):
        raise SourceError("front matter must be a mapping of keys to values", path, 2)
    return data


def _key_lines(lines: list[str], *, first_line: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for offset, line in enumerate(lines):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            found.setdefault(match.group(1), first_line + offset)
    return found


def _sources(raw: Any, fail: Any) -> tuple[Source, ...]:
    if not isinstance(raw, list):
        fail("sources must be a list of {title, author, site, year}", "sources")
        return ()
    out: list[Source] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            fail(f"sources[{index}] needs at least a string 'title'", "sources")
            continue
        year = item.get("year")
        if year is not None and not isinstance(year, int):
            fail(f"sources[{index}].year must be a number, got {year!r}", "sources")
            continue
        out.append(
            Source(
                title=item["title"],
                author=item.get("author"),
                site=item.get("site"),
                url=item.get("url"),
                year=year,
            )
        )
    return tuple(out)
