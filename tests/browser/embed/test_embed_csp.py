"""The embed page's Content-Security-Policy advice is true: a blog whose policy allows only
our origin in ``script-src`` (for ``embed.js``) and ``frame-src`` (for the frame) shows the
quiz, sized to its content, with no violation; leave either out and the browser blocks it.

The blog is served on another origin with the policy as an HTTP header, the way a
blog's server sends it, on top of a strict ``default-src 'self'`` baseline.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import PageLog
from tests.browser.embed.test_embed import frame_fits, wait_fitted

pytestmark = pytest.mark.browser
POST = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title>'
    '<link rel="icon" href="data:,"></head>'
    "<body><h1>My blog</h1><p>A client I should have turned down.</p>"
    '<div data-redflags-quiz data-lang="en"><a href="{base}/en/quiz/">Take the quiz</a></div>'
    '<script async src="{base}/embed.js"></script></body></html>'
)
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def policy(origin: str, *, script: bool = True, frame: bool = True) -> str:
    """What the embed page tells a blogger to add: our origin in script-src and frame-src."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'" + (f" {origin}" if script else ""),
            "frame-src 'self'" + (f" {origin}" if frame else ""),
            "img-src 'self' data:",
        ]
    )


def _serve_with_csp(folder: Path, header: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", header)
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def blogs(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Three blogs on their own origins: the advised policy, and the same without one of its two entries."""
    folder = tmp_path_factory.mktemp("csp-blog")
    (folder / "post.html").write_text(POST.format(base=base_url), encoding="utf-8")
    servers = {}
    for name, header in {
        "advised": policy(base_url),
        "no-script-src": policy(base_url, script=False),
        "no-frame-src": policy(base_url, frame=False),
    }.items():
        servers[name] = _serve_with_csp(folder, header)
    yield {name: url for name, (_, url) in servers.items()}
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


def _open(context, url: str):
    page = context.new_page()
    page.add_init_script(VIOLATIONS)
    log = PageLog(page)
    page.goto(url + "/post.html")
    return page, log


def test_the_advised_policy_shows_the_quiz_with_no_violation(blogs, context) -> None:
    page, log = _open(context, blogs["advised"])
    assert page.evaluate("() => document.querySelector('meta[http-equiv]')") is None  # the header is the policy
    wait_fitted(page, "iframe")
    frame_fits(page, "iframe")
    frame = page.locator("iframe").element_handle().content_frame()
    assert frame.locator("fieldset[data-question]").first.is_visible()
    assert page.evaluate("window.__violations") == []
    assert log.errors == []


@pytest.mark.parametrize("missing", ["no-script-src", "no-frame-src"])
def test_each_entry_of_the_advice_is_needed(blogs, context, missing: str) -> None:
    page, _ = _open(context, blogs[missing])
    directive = "script-src" if missing == "no-script-src" else "frame-src"
    page.wait_for_function("d => window.__violations.some(v => v.startsWith(d))", arg=directive, timeout=15_000)
    if missing == "no-script-src":
        assert page.locator("iframe").count() == 0  # embed.js never ran: the reader keeps the link
        assert page.locator("[data-redflags-quiz] a").is_visible()
