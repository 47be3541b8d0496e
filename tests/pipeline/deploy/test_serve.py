"""The preview server answers unknown paths with the localized 404 page."""

from __future__ import annotations

import gzip
import socket
import threading
import urllib.error
import urllib.request

import pytest

from pipeline.deploy.serve import make_server


@pytest.fixture
def server(tmp_path):
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "404.html").write_text("<p>Страница не найдена</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>Page not found</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    srv = make_server(tmp_path, port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode("utf-8")


def test_missing_page_under_a_language_gets_that_languages_404(server) -> None:
    """/ru/missing/ -> 404 with site/ru/404.html; elsewhere the multilingual one; files served as usual."""
    assert _get(server + "/ru/missing/") == (404, "<p>Страница не найдена</p>")
    assert _get(server + "/nowhere") == (404, "<p>Page not found</p>")
    assert _get(server + "/") == (200, "<p>home</p>")


def test_security_headers_frame_pages_only_are_frameable(server) -> None:
    """Every response says nosniff; only <lang>/quiz-frame/ may be framed by another site."""
    with urllib.request.urlopen(server + "/") as response:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
        assert response.headers["X-Frame-Options"] == "DENY"
    status, _ = _get(server + "/ru/quiz-frame/")
    assert status == 404
    from pipeline.deploy.headers import response_headers

    frame = response_headers("/ru/quiz-frame/index.html")
    assert frame["Content-Security-Policy"] == "frame-ancestors *" and "X-Frame-Options" not in frame


def test_precompressed_variants_are_served_like_nginx_static_modules(tmp_path) -> None:
    """x.br for `br`, x.gz for `gzip` only, the file itself otherwise (q=0 refuses), with Vary and the type."""
    import brotli

    from pipeline.deploy.serve import accepted_encodings

    css = b"body{color:red}" * 200
    (tmp_path / "a.css").write_bytes(css)
    (tmp_path / "a.css.br").write_bytes(brotli.compress(css))
    (tmp_path / "a.css.gz").write_bytes(gzip.compress(css))
    srv = make_server(tmp_path, port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    try:
        for accept, coding in [("br, gzip", "br"), ("gzip", "gzip"), ("gzip;q=0, identity", None), (None, None)]:
            request = urllib.request.Request(base + "/a.css", headers={"Accept-Encoding": accept} if accept else {})
            with urllib.request.urlopen(request) as response:
                body = response.read()
                assert response.headers["Content-Encoding"] == coding, accept
                assert response.headers["Content-Type"] == "text/css; charset=utf-8"
                assert response.headers["Cache-Control"] and response.headers["X-Content-Type-Options"] == "nosniff"
            decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding](body)
            assert decoded == css, accept
            if coding:
                assert response.headers["Vary"] == "Accept-Encoding"
    finally:
        srv.shutdown()
        srv.server_close()
    assert accepted_encodings("br;q=0.5, gzip;q=0") == {"br"}


def test_connections_send_without_waiting_for_acks(tmp_path) -> None:
    """TCP_NODELAY on every connection: on a kept-alive one, Nagle's algorithm would hold each body until the
    browser's delayed ACK of its headers (40 ms a response on Linux; the quiz page painted 248 ms after
    navigation instead of 112 ms). nginx, which this server stands in for, sets it too."""
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    srv = make_server(tmp_path, port=0)
    seen: list[int] = []
    close = srv.shutdown_request

    def record(request: socket.socket) -> None:  # called with each connection once its requests are served
        seen.append(request.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        close(request)

    srv.shutdown_request = record
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        for _ in range(2):
            assert _get(f"http://127.0.0.1:{srv.server_address[1]}/")[0] == 200
    finally:
        srv.shutdown()
        srv.server_close()
    assert len(seen) == 2 and all(seen), seen
