"""Quiz fixtures: the quiz pages of the real site, built once by ``build.py site --strict``.

The site (parent conftest) carries everything a reader gets: Material's
scripts, the Content-Security-Policy meta tag, the vendored runtime in
``_quiz/``. The browser is Debian's Chromium.
"""

from __future__ import annotations

import pytest

LANGS = ("es", "ru", "en")


@pytest.fixture(scope="session")
def quiz_url(base_url: str) -> str:
    """Base URL of the served site; quiz pages are ``/<lang>/quiz/``."""
    return base_url
