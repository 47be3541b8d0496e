"""Reproducible builds: a second clean build of the same commit is byte-identical to the session's.

The session's build (``built_site``) runs with the precompression cache in ``.cache/``
(cold or warm, whatever earlier builds left); the second runs with ``--no-cache``: the
same bytes prove the cache changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_second_build_is_byte_identical(built_site: Path, tmp_path: Path) -> None:
    """Same commit, another folder, another moment, no cache: same files, same bytes (SOURCE_DATE_EPOCH from git)."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    out = tmp_path / "again" / "site"
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "site", "--strict", "--no-cache", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = tree(built_site), tree(out)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert any(name.endswith(".br") for name in first) and "sitemap.xml" in first
    assert {f"{lang}/assets/images/social-card.png" for lang in ("es", "ru", "en")} <= set(first)  # the cards
