"""The built site hosted under a sub-path (``/tools/redflags/``): every page and asset resolves."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import PageLog
from tests.browser.test_site import page_paths

pytestmark = pytest.mark.browser
PREFIX = "/tools/redflags"


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only below ``PREFIX``; anything else is a 404, as on a shared host."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path(path[len(PREFIX) :])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def sub_path_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_SubPathHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


def test_site_works_under_a_sub_path(built_site, sub_path_url, context) -> None:
    """Root chooser, every English page and its assets load below the sub-path; nothing escapes it."""
    page = context.new_page()
    log = PageLog(page)
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.goto(sub_path_url + "/?choose")
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(sub_path_url + "/ru/")
    for path in page_paths(built_site, "en"):
        assert page.goto(sub_path_url + path).status == 200, path
    assert failed == [] and log.errors == []
    assert all(url.startswith(sub_path_url + "/") for url in log.requests if url.startswith("http"))
