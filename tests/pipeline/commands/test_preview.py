"""The live preview's pieces: what an edit rebuilds, the CSP-allowed reload script, the banner, busy ports."""

from __future__ import annotations

import socket
import subprocess
import sys

from pipeline.commands.preview import Plan, error_banner, is_edit, plan_for, reload_script_tag
from pipeline.errors import CatalogError
from pipeline.site import csp
from tests.conftest import ROOT

LANGS = ("es", "ru", "en")


def test_a_russian_po_edit_rebuilds_russian_only() -> None:
    """A .po file asks for its own language, and never for the quiz runtime (Pyodide is not repackaged)."""
    assert plan_for(["locales/ru/LC_MESSAGES/when-to-say-no.po"], LANGS) == Plan(frozenset({"ru"}))
    assert plan_for(["locales/es/LC_MESSAGES/messages.po"], LANGS) == Plan(frozenset({"es"}))


def test_quiz_changes_rebuild_the_runtime() -> None:
    """The quiz engine's catalog, its code and its browser assets re-run the runtime stage."""
    assert plan_for(["locales/ru/LC_MESSAGES/quiz-engine.po"], LANGS) == Plan(frozenset({"ru"}), runtime=True)
    assert plan_for(["quiz/data/bank.toml"], LANGS) == Plan(frozenset(LANGS), runtime=True)
    assert plan_for(["pipeline/quiz_runtime/assets/quiz-widget.js"], LANGS).runtime


def test_articles_are_decided_by_their_markdown_and_settings_rebuild_all() -> None:
    """docs/*.md asks for nothing up front (changed Markdown decides); settings and theme ask for all."""
    assert plan_for(["docs/when-to-say-no.md", "locales/messages.pot"], LANGS) == Plan()
    assert plan_for(["mkdocs.yml"], LANGS) == Plan(frozenset(LANGS))
    assert plan_for(["pipeline/site/overrides/main.html"], LANGS) == Plan(frozenset(LANGS))


def test_build_products_and_scratch_files_are_not_edits() -> None:
    """Compiled catalogs, bytecode and editor scratch files never trigger a rebuild."""
    assert is_edit("docs/when-to-say-no.md") and is_edit("locales/ru/LC_MESSAGES/index.po")
    for path in ("quiz/locale/ru/LC_MESSAGES/quiz-engine.mo", "quiz/__pycache__/bank.cpython-312.pyc",
                 "locales/ru/LC_MESSAGES/.index.po.x1.tmp", "docs/.about.md.swp", "docs/about.md~"):
        assert not is_edit(path), path


def test_reload_script_is_allowed_by_the_page_csp() -> None:
    """The injected script's sha256 joins script-src of that response; the rest of the policy is kept."""
    page = csp.add_policy('<html><head><meta charset="utf-8"></head><body><p>x</p></body></html>').encode()
    script = "livereload(1, 2);"
    served = reload_script_tag(script, page).decode()
    digest = csp.inline_script_hashes(f"<script>{script}</script>")[0]
    policy = served.split('content="', 1)[1].split('"', 1)[0]
    assert f"script-src {digest} 'self' 'wasm-unsafe-eval'" in policy
    assert policy.startswith("default-src 'self'")
    assert digest not in page.decode()


def test_error_banner_is_escaped_and_located() -> None:
    """The banner shows file:line: message, with markup from the file escaped."""
    error = CatalogError("syntax error in catalog: cannot parse '<img src=x onerror=alert(1)>'", "x/ru.po", 7)
    banner = error_banner(error).decode()
    assert "x/ru.po:7: syntax error" in banner
    assert "<img" not in banner and "&lt;img" in banner


def test_busy_port_gives_one_line_and_a_free_port() -> None:
    """serve on a taken port: one line naming a free port, exit 2, no traceback, no build started."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "build.py", "serve", "--port", str(port)],
            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
        )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"port {port} on 127.0.0.1 is already in use; try --port " in lines[0]
    suggested = int(lines[0].split("--port ")[1].split()[0])
    assert suggested > port
    assert "building" not in result.stdout
