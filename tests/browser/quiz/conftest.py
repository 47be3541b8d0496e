"""Quiz fixtures: the quiz runtime built into a temporary site, one test page per language.

Each page is the HTML of ``render_quiz_form`` in a small shell carrying the
site's Content-Security-Policy as a meta tag, served by a threaded
``http.server`` on 127.0.0.1; the browser is Debian's Chromium (parent conftest).
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest

from pipeline.quiz_bundle import build_quiz_bundle
from pipeline.quiz_page import render_quiz_form
from tests.browser.conftest import serve

ROOT = Path(__file__).resolve().parents[3]
LANGS = ("es", "ru", "en")
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:"
)
SHELL = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Quiz ({lang})</title>
</head>
<body>
<main>
<h1>Quiz</h1>
{form}
</main>
</body>
</html>
"""


def build_test_site(out: Path, *, root: Path = ROOT) -> Path:
    """``out/_quiz/`` (the real bundle) and ``out/<lang>/quiz/index.html`` for each language."""
    build_quiz_bundle(out / "_quiz", root=root)
    for lang in LANGS:
        page = out / lang / "quiz" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        form = render_quiz_form(lang, quiz_base="../../_quiz/", pages_base="../")
        page.write_text(SHELL.format(lang=lang, csp=escape(CSP), form=form), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_site(tmp_path_factory.mktemp("quiz") / "site")


@pytest.fixture(scope="session")
def quiz_url(quiz_site: Path) -> Iterator[str]:
    server, url = serve(quiz_site)
    yield url
    server.shutdown()
    server.server_close()
