"""A local server for a built ``site/`` on 127.0.0.1 that behaves like the production one.

Unknown paths get the language's own ``404.html`` (``/ru/...`` -> ``site/ru/404.html``)
or the multilingual ``site/404.html``, as a production host would be set up to do.
Every response carries the policy of ``pipeline/deploy/headers.py`` and its content type;
like nginx with ``brotli_static`` / ``gzip_static`` (``deploy/nginx.conf``), a
request whose ``Accept-Encoding`` allows it gets the precompressed ``x.br`` or
``x.gz`` beside ``x`` (``Content-Encoding``, ``Vary: Accept-Encoding``), and
connections are kept alive (HTTP/1.1). The Lighthouse gate measures through it,
so its transfer sizes and round trips are those readers get, not those of a bare
development server.
"""

from __future__ import annotations

import functools
import http.server
import os
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from pipeline.deploy.headers import content_type, response_headers

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
"""Precompressed variants in order of preference (what ``pipeline/deploy/host_files.py`` writes)."""


def accepted_encodings(header: str | None) -> set[str]:
    """Codings an ``Accept-Encoding`` value allows (``q=0`` refuses one)."""
    accepted = set()
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(q) > 0:
                accepted.add(name.strip().lower())
        except ValueError:
            continue
    return accepted


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site; answers a missing file with the matching localized 404 page."""

    protocol_version = "HTTP/1.1"  # keep-alive, as nginx and static hosts do (every response has a length)
    # A kept-alive connection sends headers and body in two writes; with Nagle's algorithm the body waits for
    # the client's delayed ACK of the headers (40 ms on Linux) on every response. nginx sets tcp_nodelay too.
    disable_nagle_algorithm = True

    def end_headers(self) -> None:
        for name, value in response_headers(unquote(urlsplit(self.path).path)).items():
            self.send_header(name, value)
        super().end_headers()

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return content_type(os.fspath(path)) or super().guess_type(path)

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        variant = self._precompressed(path)
        if variant is None:
            return super().send_head()
        coding, file = variant
        handle = file.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return handle

    def _precompressed(self, path: Path) -> tuple[str, Path] | None:
        if not path.is_file():
            return None
        accepted = accepted_encodings(self.headers.get("Accept-Encoding"))
        for coding, suffix in ENCODINGS:
            file = path.with_name(path.name + suffix)
            if coding in accepted and file.is_file():
                return coding, file
        return None

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
