"""``build.py serve`` end to end: edits show up in the served pages and the open tab reloads itself.

One preview server for the module, started on a free port in a temporary copy
of the project (sources only; ``node_modules`` is linked), so the edits never
touch the checkout.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, PageLog

pytestmark = pytest.mark.browser

COPIED = ("build.py", "mkdocs.yml", "babel.cfg", "pipeline", "docs", "locales", "quiz")
ES_PAGE = "docs/when-to-say-no.md"
ES_PARAGRAPH = "Decirle que no a un cliente cuesta"
RU_PO = "locales/ru/LC_MESSAGES/when-to-say-no.po"
RU_MSGSTR = "Эта страница поможет вовремя"
WAIT = 30.0
"""Seconds an edit may take to appear (the goal is under 2 s; the machine is shared)."""


class Preview:
    """A running ``build.py serve`` and the lines it printed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "build.py", "serve", "--port", "0"],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        first = self.wait_for_line("")
        match = re.match(r"preview: (http://127\.0\.0\.1:\d+)/es/ +\1/ru/ +\1/en/$", first)
        assert match, f"first line should be the URLs per language, got {first!r}"
        self.url = match.group(1)
        self.wait_for_line("ready: ", timeout=240)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, prefix: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None, "serve exited:\n" + "\n".join(self.seen)
                continue
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting with {prefix!r}; output:\n" + "\n".join(self.seen))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=WAIT) as response:
            return response.read().decode("utf-8")

    def wait_for_text(self, path: str, text: str) -> float:
        """Poll ``path`` until it contains ``text``; the seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < WAIT:
            if text in self.get(path):
                return time.monotonic() - started
            time.sleep(0.1)
        raise AssertionError(f"{path} never showed {text!r}; output:\n" + "\n".join(self.seen))

    def drain(self) -> None:
        """Forget the lines printed so far, so the next wait sees only what follows."""
        while not self.lines.empty():
            self.seen.append(self.lines.get())

    def edit(self, rel: str, old: str, new: str) -> None:
        self.drain()
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "locale")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    server = Preview(copy_project(tmp_path_factory.mktemp("preview")))
    yield server
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    assert server.process.stdout is not None
    server.process.stdout.close()


def test_only_the_embed_frame_may_be_framed(preview: Preview) -> None:
    """build.py serve sends frame-ancestors * on the embed's frame page, 'none' on every other page."""
    for lang in ("es", "ru", "en"):
        with urllib.request.urlopen(f"{preview.url}/{lang}/quiz-frame/", timeout=WAIT) as response:
            assert response.headers["Content-Security-Policy"] == "frame-ancestors *"
            assert response.headers["X-Frame-Options"] is None
            assert "data-rf-quiz" in response.read().decode("utf-8")
    for path in ("/en/embed/", "/ru/quiz/", "/"):
        with urllib.request.urlopen(preview.url + path, timeout=WAIT) as response:
            assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'", path
            assert response.headers["X-Frame-Options"] == "DENY", path


def test_spanish_source_edit_is_served(preview: Preview) -> None:
    """A changed Spanish paragraph appears on the Spanish page, and (as fallback text) on the others."""
    assert ES_PARAGRAPH in preview.get("/es/when-to-say-no/")
    preview.edit(ES_PAGE, ES_PARAGRAPH, "Decir NOVEDADES-ES a un cliente cuesta")
    preview.wait_for_text("/es/when-to-say-no/", "NOVEDADES-ES")
    assert preview.wait_for_line("rebuilt (").startswith("rebuilt (es, ru, en)")
    assert "NOVEDADES-ES" in preview.get("/ru/when-to-say-no/")  # untranslated now: source text shown


def test_russian_po_edit_reloads_the_open_tab(preview: Preview, context: object) -> None:
    """An open Russian page reloads by itself after a .po edit, under the page's own CSP."""
    page = context.new_page()
    log = PageLog(page)
    page.goto(preview.url + "/ru/when-to-say-no/")
    page.wait_for_load_state("load")
    page.evaluate("window.__beforeEdit = true")
    page.wait_for_timeout(300)  # the reload script starts polling on load
    preview.edit(RU_PO, RU_MSGSTR, "ЗОНД: эта страница поможет вовремя")
    page.locator("text=ЗОНД: эта страница").wait_for(timeout=WAIT * 1000)
    assert page.evaluate("window.__beforeEdit") is None, "the text changed without a reload?"
    line = preview.wait_for_line("rebuilt (")
    assert line.startswith("rebuilt (ru)"), f"only Russian should be rebuilt: {line!r}"
    assert not [e for e in log.errors if "Content Security Policy" in e or "Refused" in e], log.errors
    assert log.foreign(preview.url) == []


def test_broken_po_keeps_the_last_good_page_and_shows_a_banner(preview: Preview, context: object) -> None:
    """A syntax error: old page still served, file:line in the terminal and in a banner; fixing clears it."""
    page = context.new_page()
    page.goto(preview.url + "/ru/when-to-say-no/")
    page.wait_for_timeout(300)
    po = preview.root / RU_PO
    good = po.read_text(encoding="utf-8")
    preview.drain()
    po.write_text(good + '\nmsgid "unterminated\n', encoding="utf-8")
    bad_line = good.count("\n") + 2
    where = f"{RU_PO}:{bad_line}:"
    preview.wait_for_line("build failed")
    assert where in preview.wait_for_line(f"  {RU_PO}")
    banner = page.locator("#redflags-preview-error")
    banner.wait_for(timeout=WAIT * 1000)
    assert where in banner.inner_text()
    assert "ЗОНД: эта страница" in preview.get("/ru/when-to-say-no/")  # the last good build
    po.write_text(good, encoding="utf-8")
    banner.wait_for(state="detached", timeout=WAIT * 1000)
    assert "redflags-preview-error" not in preview.get("/ru/when-to-say-no/")
