"""Content-addressed quiz runtime: ``_quiz/*`` moves to ``_quiz/<hash>/`` and the pages follow.

Every file of the runtime (Pyodide, the quiz wheel and lock file, our widget
modules, the worker) refers to its siblings with relative URLs, and only the
quiz pages refer to the folder, so one content hash over the whole folder
fingerprints all of them at once: the files keep their names (Pyodide computes
some of them itself), the folder name changes whenever any byte does, and the
host can cache it for a year (``pipeline/deploy/headers.py``). Pages, ``embed.js``,
sitemaps and ``robots.txt`` keep their stable URLs.

The references are rewritten in every HTML and JavaScript file outside the
runtime, with relative paths unchanged, so the same tree still works from
``file://`` (the offline bundle).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pipeline.layout import QUIZ_RUNTIME_DIR

HASH_LENGTH = 12
REWRITTEN_SUFFIXES = (".html", ".js", ".mjs", ".css", ".json")


def tree_hash(folder: Path) -> str:
    """sha256 over the sorted relative names and contents of every file under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:HASH_LENGTH]


def fingerprint_quiz_runtime(site_dir: Path) -> str | None:
    """Move ``site_dir/_quiz/*`` into ``_quiz/<hash>/``, rewrite references; return the hash."""
    runtime = site_dir / QUIZ_RUNTIME_DIR
    if not runtime.is_dir():
        return None
    key = tree_hash(runtime)
    target = runtime / key
    entries = sorted(runtime.iterdir())
    target.mkdir()
    for entry in entries:
        entry.rename(target / entry.name)
    pattern = re.compile(rf"(?<![\w-]){re.escape(QUIZ_RUNTIME_DIR)}/")
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in REWRITTEN_SUFFIXES or runtime in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        new = pattern.sub(f"{QUIZ_RUNTIME_DIR}/{key}/", text)
        if new != text:
            path.write_text(new, encoding="utf-8")
    return key
