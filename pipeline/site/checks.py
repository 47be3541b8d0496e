"""Checks on the built site that the generator cannot make.

The quiz's action plan links to guidance pages at run time (topic id ->
page and anchor, from the question bank), so no HTML link checker sees those
links; this checks each of them in every language.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path


def anchors_of(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def topic_link_problems(site_dir: Path, *, languages: Iterable[str], topics: dict[str, dict[str, str]]) -> list[str]:
    """Every ``topics[id] = {page, anchor}`` must be a page with that anchor in each language."""
    problems = []
    cache: dict[Path, set[str]] = {}
    for lang in languages:
        for topic, target in sorted(topics.items()):
            folder = site_dir / lang
            page = folder / target["page"] / "index.html"
            if not page.is_file():  # the offline bundle has no directory URLs
                page = folder / f"{target['page']}.html"
            if not page.is_file():
                problems.append(f"[{lang}] quiz topic {topic!r}: no page {target['page']!r}")
                continue
            if page not in cache:
                cache[page] = anchors_of(page.read_text(encoding="utf-8"))
            anchor = target.get("anchor")
            if anchor and anchor not in cache[page]:
                problems.append(f"[{lang}] quiz topic {topic!r}: no anchor #{anchor} on {target['page']!r}")
    return problems


def quiz_topics(lang: str = "en") -> dict[str, dict[str, str]]:
    from quiz.json_api import bank_json

    return json.loads(bank_json(lang))["topics"]


_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}
_LINK = re.compile(
    r'(?P<before>[«“„"]?)<a\s[^>]*?href="(?P<href>[^"]+)"[^>]*>(?P<text>.*?)</a>(?P<after>[»”“"]?)', re.S
)


def _plain(fragment: str) -> str:
    fragment = re.sub(r'<a\s[^>]*class="headerlink"[^>]*>.*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _quoted(before: str, text: str, after: str) -> str | None:
    """The title a link quotes, if it quotes one: «[Title](…)» or [«Title»](…)."""
    if before and after and _QUOTES.get(before) == after:
        return text
    if len(text) > 2 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]:
        return text[1:-1].strip()
    return None


def _heading(page_html: str, anchor: str | None) -> str | None:
    if anchor:
        found = re.search(rf'<h([1-6])[^>]*\sid="{re.escape(anchor)}"[^>]*>(.*?)</h\1>', page_html, re.S)
    else:
        found = re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.S)
    return _plain(found.group(found.lastindex)) if found else None


def quoted_link_title_problems(site_dir: Path, *, languages: Iterable[str]) -> list[str]:
    """A section or page name quoted next to a link must be the target's real heading, in that language.

    Sentences like «see “Ending politely”» only help a reader who then finds a heading with
    that name; a quoted title that drifted from the heading (renamed section, loose
    translation) is reported with both texts.
    """
    problems = []
    for lang in languages:
        for page in sorted((site_dir / lang).rglob("index.html")):
            source = page.read_text(encoding="utf-8")
            main = source.split("<article", 1)[-1]
            for link in _LINK.finditer(main):
                title = _quoted(link["before"], _plain(link["text"]), link["after"])
                href = link["href"]
                if title is None or "://" in href or href.startswith(("mailto:", "/")):
                    continue
                path, _, anchor = href.partition("#")
                target = page if not path else (page.parent / path).resolve()
                if target.is_dir() or not target.suffix:
                    target = target / "index.html"
                if not target.is_file():
                    continue  # broken links are the link checker's job
                heading = _heading(target.read_text(encoding="utf-8"), anchor or None)
                if heading != title:
                    where = page.relative_to(site_dir).as_posix()
                    problems.append(f"[{lang}] {where}: link quotes «{title}» but {href} is headed «{heading}»")
    return problems
