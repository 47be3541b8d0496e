"""Checks on the built site that the generator cannot make.

The quiz's action plan links to guidance pages at run time (topic id ->
page and anchor, from the question bank), so no HTML link checker sees those
links; this checks each of them in every language.
"""

from __future__ import annotations

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
            page = site_dir / lang / target["page"] / "index.html"
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
