"""The build's one clock: ``SOURCE_DATE_EPOCH``, else the time of the last commit.

Every timestamp that reaches the output (MkDocs' sitemap dates and its
``sitemap.xml.gz`` header, the quiz wheel's zip entries, catalog headers) is
taken from ``SOURCE_DATE_EPOCH``. When the caller did not set it, the build
sets it for its own duration to the last commit's time (``git log -1``), or to
1980-01-01 outside a git checkout, so two clean builds of one commit are
byte-identical without any setting (reproducible-builds.org's convention).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EPOCH_1980 = 315532800
"""1980-01-01T00:00:00Z, the earliest time a zip entry can carry."""


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as an int, or ``None`` when unset or not a number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None


def last_commit_epoch(root: Path) -> int | None:
    """Commit time of ``HEAD`` in the checkout at ``root``, or ``None`` outside git."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = result.stdout.strip()
    return int(value) if result.returncode == 0 and value.isdigit() else None


def build_epoch(root: Path) -> int:
    """The build's time: ``SOURCE_DATE_EPOCH``, else the last commit, else 1980-01-01."""
    for value in (source_date_epoch(), last_commit_epoch(root)):
        if value is not None:
            return value
    return EPOCH_1980


@contextmanager
def pinned_clock(root: Path) -> Iterator[int]:
    """Set ``SOURCE_DATE_EPOCH`` to ``build_epoch(root)`` for the duration of a build."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = build_epoch(root)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield epoch
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
