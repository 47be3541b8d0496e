"""The README and the maintainers' handbook point at things that exist.

Every relative link of ``README.md`` and ``handbook/*.md`` must lead to a file
or folder of the repository, every ``#anchor`` to a heading of its target
(GitHub's slugs), and every path written in backticks that looks like a
repository path (``pipeline/...``, ``tests/...``, ...) must exist. Paths with a
placeholder (``<lang>``) are skipped; ``*`` and ``{a,b}`` patterns must match
at least one file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = ROOT / "handbook"

REPO_PREFIXES = (
    "pipeline/",
    "quiz/",
    "tests/",
    "bench/",
    "docs/",
    "locales/",
    "scripts/",
    "handbook/",
    "deploy/",
)

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s+.*)?$")
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, https:, mailto:, ...


def prose_lines(text: str) -> list[tuple[int, str]]:
    """The lines outside fenced code blocks, with their 1-based numbers."""
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text, lowercased, punctuation dropped, spaces to dashes."""
    text = _CODE_SPAN.sub(lambda m: m.group(2), heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link keeps its text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML tags
    text = text.lower()
    text = re.sub(r"[^\w\- ]", "", text)  # \w is Unicode: Cyrillic and accented letters stay
    return text.replace(" ", "-")


def anchors(text: str) -> set[str]:
    """Every anchor GitHub gives the headings of a Markdown text (repeats get -1, -2, ...)."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    for _number, line in prose_lines(text):
        match = _HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(text: str) -> list[tuple[int, str]]:
    """Link and image targets of the prose (not of code), with their line numbers."""
    found = []
    for number, line in prose_lines(text):
        reference = _REFERENCE.match(line)
        if reference:
            found.append((number, reference.group(1)))
            continue
        bare = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        found += [(number, m.group(1)) for m in _LINK.finditer(bare)]
        found += [(number, m.group(1)) for m in _IMAGE.finditer(bare)]
    return found


def code_paths(text: str) -> list[tuple[int, str]]:
    """Repository paths written in backticks (the first word of the span), with their line numbers."""
    found = []
    for number, line in prose_lines(text):
        for match in _CODE_SPAN.finditer(line):
            words = match.group(2).split()
            if not words:
                continue
            word = words[0].rstrip(".,:;")
            if word.startswith(REPO_PREFIXES):
                found.append((number, word))
    return found


def _expand_braces(pattern: str) -> list[str]:
    match = re.search(r"\{([^{}]*)\}", pattern)
    if not match:
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end() :]
    return [p for choice in match.group(1).split(",") for p in _expand_braces(head + choice + tail)]


def path_exists(root: Path, rel: str) -> bool:
    """Whether ``rel`` names something under ``root``; glob and brace patterns must match at least one."""
    for pattern in _expand_braces(rel.rstrip("/")):
        if any(ch in pattern for ch in "*?["):
            if not any(root.glob(pattern)):
                return False
        elif not (root / pattern).exists():
            return False
    return True


def problems(doc: Path, root: Path, read=lambda p: p.read_text(encoding="utf-8")) -> list[str]:
    """Every broken link, anchor and backticked path of one Markdown file, as ``file:line: message``."""
    text = read(doc)
    name = doc.relative_to(root).as_posix()
    found = []
    for number, target in links(text):
        if not target or _EXTERNAL.match(target) or target.startswith("//"):
            continue
        path_part, _, anchor = target.partition("#")
        if path_part:
            resolved = (doc.parent / path_part).resolve()
            if not resolved.is_relative_to(root):
                found.append(f"{name}:{number}: link leaves the repository: {target}")
                continue
            if not resolved.exists():
                found.append(f"{name}:{number}: link to a missing file: {target}")
                continue
        else:
            resolved = doc
        if anchor:
            if resolved.is_dir() or resolved.suffix != ".md":
                found.append(f"{name}:{number}: anchor on a file without headings: {target}")
            elif anchor not in anchors(read(resolved)):
                found.append(f"{name}:{number}: no heading for #{anchor} in {resolved.relative_to(root).as_posix()}")
    for number, rel in code_paths(text):
        if "<" in rel or ">" in rel:
            continue  # a placeholder such as locales/<lang>/...
        if not path_exists(root, rel):
            found.append(f"{name}:{number}: path not in the repository: {rel}")
    return found


DOCS = [ROOT / "README.md", *sorted(HANDBOOK.glob("*.md"))]


def test_handbook_has_pages() -> None:
    """The checks below run over real pages, not over an empty list."""
    assert HANDBOOK.is_dir(), "handbook/ is missing"
    assert len(DOCS) >= 6, [d.name for d in DOCS]


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.relative_to(ROOT).as_posix())
def test_links_anchors_and_paths_exist(doc: Path) -> None:
    found = problems(doc, ROOT)
    assert not found, "\n".join(found)


def test_every_handbook_page_is_in_the_index() -> None:
    index = (HANDBOOK / "README.md").read_text(encoding="utf-8")
    targets = {target.partition("#")[0] for _n, target in links(index)}
    missing = [p.name for p in HANDBOOK.glob("*.md") if p.name != "README.md" and p.name not in targets]
    assert not missing, f"handbook pages not linked from handbook/README.md: {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    """A newcomer's first screen: the two commands, before any heading."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert first_block.startswith("sh\n")
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.split("#")[0].strip()]
    assert commands == ["make serve", "make test"]
    assert "\n## " not in readme.split("```")[0]


# -- the checker itself: each kind of problem is found ------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_checker_accepts_good_links(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "README.md": "# Top\n\nSee [a](handbook/a.md#quality-gates-buildpy-check), [self](#top),\n"
            "[site](https://example.org/x.md), `pipeline/x.py`, `locales/<lang>/m.po`, `docs/*.md`,\n"
            "`locales/g/{en,ru}.csv`.\n",
            "handbook/a.md": "# A\n\n## Quality gates (`build.py check`)\n\n[up](../README.md#top)\n",
            "pipeline/x.py": "",
            "docs/one.md": "",
            "locales/g/en.csv": "",
            "locales/g/ru.csv": "",
        },
    )
    assert problems(root / "README.md", root) == []
    assert problems(root / "handbook" / "a.md", root) == []


def test_checker_reports_a_missing_file(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"README.md": "# T\n\nRead [this](handbook/gone.md).\n"})
    assert problems(root / "README.md", root) == ["README.md:3: link to a missing file: handbook/gone.md"]


def test_checker_reports_a_missing_anchor(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {"README.md": "# T\n\n[a](a.md#nope) and [b](#t) and [c](#missing)\n", "a.md": "# Yes\n"},
    )
    assert problems(root / "README.md", root) == [
        "README.md:3: no heading for #nope in a.md",
        "README.md:3: no heading for #missing in README.md",
    ]


def test_checker_reports_a_missing_backticked_path(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {"README.md": "# T\n\n`pipeline/old.py` and `tests/x/` and `docs/*.md` and `build.py` and `site/x`\n"},
    )
    assert problems(root / "README.md", root) == [
        "README.md:3: path not in the repository: pipeline/old.py",
        "README.md:3: path not in the repository: tests/x/",
        "README.md:3: path not in the repository: docs/*.md",
    ]


def test_checker_ignores_code_blocks_and_spans(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {"README.md": "# T\n\n```sh\n[x](gone.md) `pipeline/gone.py`\n```\n\nwrite `[text](gone.md)` like this\n"},
    )
    assert problems(root / "README.md", root) == []


def test_checker_reports_a_link_out_of_the_repository(tmp_path: Path) -> None:
    root = _tree(tmp_path / "repo", {"README.md": "# T\n\n[brief](../PRODUCT.md)\n"})
    (tmp_path / "PRODUCT.md").write_text("# P\n", encoding="utf-8")
    assert problems(root / "README.md", root) == ["README.md:3: link leaves the repository: ../PRODUCT.md"]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Quality gates (`build.py check`)", "quality-gates-buildpy-check"),
        ("The public base URL (one setting)", "the-public-base-url-one-setting"),
        ("The quiz from `file://`", "the-quiz-from-file"),
        ("Live preview", "live-preview"),
        ("Memory snapshot: not used", "memory-snapshot-not-used"),
        ("Язык и «тон»", "язык-и-тон"),
        ("A  B", "a--b"),
        ("snake_case stays", "snake_case-stays"),
    ],
)
def test_slug_follows_github(heading: str, expected: str) -> None:
    assert slug(heading) == expected


def test_repeated_headings_get_numbered_anchors() -> None:
    assert anchors("# Notes\n\n## Notes\n\n## Notes\n") == {"notes", "notes-1", "notes-2"}
