"""A local preview server for ``site/``: static files on 127.0.0.1, and our 404 pages.

Unknown paths get the language's own ``404.html`` (``/ru/...`` -> ``site/ru/404.html``)
or the multilingual ``site/404.html``, as a production host would be set up to do.
"""

from __future__ import annotations

import functools
import http.server
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.headers import response_headers


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site; answers a missing file with the matching localized 404 page."""

    def end_headers(self) -> None:
        for name, value in response_headers(unquote(urlsplit(self.path).path)).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        return not_found_page(Path(self.directory), unquote(urlsplit(self.path).path))


def not_found_page(root: Path, path: str) -> Path | None:
    """The 404 page for a request path: ``<lang>/404.html`` under a language, else ``404.html``."""
    first = path.lstrip("/").split("/", 1)[0]
    localized = root / first / "404.html"
    if first and localized.is_file():
        return localized
    fallback = root / "404.html"
    return fallback if fallback.is_file() else None


def make_server(site_dir: Path, *, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    return http.server.ThreadingHTTPServer((host, port), handler)
