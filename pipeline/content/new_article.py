"""``build.py new SLUG --lang es``: an article skeleton, its catalogs and its place in the menu.

The skeleton is a valid article from the first second (the preview shows it
at once): every front-matter field with a comment saying what it is for, the
warning-sign tags one may use (read from the catalogue page), a credits entry
to fill in, and a body in the writer's language. The other languages get
their ``.po`` files through the same ``Catalog.update`` path as
``build.py catalogs``, and the page is added to ``nav`` in ``mkdocs.yml``
before ``about.md`` (the credits page stays last).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.config import Config
from pipeline.content import catalogs, warning_signs
from pipeline.content.catalogs import atomic_write, build_time
from pipeline.content.sources import RESERVED_SLUGS, SLUG, read_article
from pipeline.errors import SourceError

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "es": {
        "description": "Una frase: qué aprende quien lee esta página.",
        "intro": "Primer párrafo: la situación que reconocerá quien lee, en tus propias palabras.",
        "section": "Qué puedes hacer",
        "body": "Un consejo concreto por párrafo. Cita la idea de la fuente, nunca sus frases.",
    },
    "ru": {
        "description": "Одна фраза: что читатель узнает из этой страницы.",
        "intro": "Первый абзац: ситуация, которую читатель узнает, — своими словами.",
        "section": "Что можно сделать",
        "body": "Один конкретный совет на абзац. Передавайте идею источника, а не его фразы.",
    },
    "en": {
        "description": "One sentence: what a reader learns on this page.",
        "intro": "First paragraph: the situation a reader will recognise, in your own words.",
        "section": "What you can do",
        "body": "One concrete piece of advice per paragraph. Take the source's idea, never its sentences.",
    },
}

_ANCHOR = re.compile(r"^##\s.*\{\s*#([a-z0-9-]+)\s*\}\s*$", re.M)


def known_tags(config: Config) -> list[str]:
    """Tag ids the warning-sign catalogue describes (its section anchors)."""
    page = config.docs_dir / f"{warning_signs.CATALOGUE}.md"
    return _ANCHOR.findall(page.read_text(encoding="utf-8")) if page.exists() else []


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML), safe for ``:`` and ``#``."""
    return json.dumps(value, ensure_ascii=False)


def skeleton(slug: str, *, lang: str, title: str, date: str, tags: list[str]) -> str:
    text = PLACEHOLDERS[lang]
    tag_help = ", ".join(tags) if tags else "(see docs/warning-signs.md)"
    return f"""---
# title: the page heading and its menu label.
title: {_quoted(title)}
# description: one sentence for search results and link previews.
description: {_quoted(text['description'])}
# lang: the language this file is written in; the others are translated through .po files.
lang: {lang}
date: {date}
# tags: warning signs this page covers; each one lists this page in the catalogue.
# Known: {tag_help}
# A new tag needs its own section in docs/warning-signs.md.
tags: []
# sources: what the page draws on, credited in a box at its end (leave out what is unknown).
sources:
  - title: "Title of the source article"
    author: Author or team
    site: example.org
    year: {date[:4]}
---

{text['intro']}

## {text['section']} {{ #what-to-do }}

{text['body']}
"""


def create(config: Config, slug: str, *, lang: str, title: str | None = None) -> list[Path]:
    """Write ``docs/<slug>.md``, its catalogs and the menu entry; the paths written or changed."""
    path = config.docs_dir / f"{slug}.md"
    if not SLUG.match(slug):
        raise SourceError(f"{slug!r} is not a slug: use lowercase letters, digits and dashes", path)
    if slug in RESERVED_SLUGS:
        raise SourceError(f"the name {slug!r} is reserved for a UI catalog", path)
    if path.exists():
        raise SourceError("this article already exists: edit it, or pick another slug", path, 1)
    heading = title or slug.replace("-", " ").capitalize()
    text = skeleton(slug, lang=lang, title=heading, date=build_time().date().isoformat(), tags=known_tags(config))
    atomic_write(path, text)
    written = [path]
    try:
        article = read_article(path, languages=config.languages)
        written += catalogs.update_article_catalogs([article], config)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if add_to_nav(config.mkdocs_yml, f"{slug}.md"):
        written.append(config.mkdocs_yml)
    return written


def add_to_nav(mkdocs_yml: Path, entry: str) -> bool:
    """Insert ``- entry`` into the ``nav:`` list, before ``about.md`` (or at its end); False if present."""
    lines = mkdocs_yml.read_text(encoding="utf-8").split("\n")
    try:
        start = lines.index("nav:")
    except ValueError:
        return False
    end = start + 1
    while end < len(lines) and lines[end].startswith("  - "):
        end += 1
    items = [line.strip()[2:] for line in lines[start + 1 : end]]
    if entry in items:
        return False
    at = start + 1 + items.index("about.md") if "about.md" in items else end
    lines.insert(at, f"  - {entry}")
    atomic_write(mkdocs_yml, "\n".join(lines))
    return True
