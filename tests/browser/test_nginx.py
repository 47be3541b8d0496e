"""The built site behind Debian's nginx with the generated server block (deploy/nginx.conf's generator).

nginx runs as the current user on a free localhost port, from a throwaway
prefix; the server block is ``host_files.nginx_conf`` with only ``root`` and
``listen`` changed. The checks are derived from ``pipeline/deploy/headers.py`` for
one file of every type in the site, so new rules and files (the embed's frame
page) are covered when they appear.
"""

from __future__ import annotations

import gzip
import http.client
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import brotli
import pytest
from playwright.sync_api import expect

from pipeline.config import LANGUAGES
from pipeline.deploy import headers, host_files
from tests.browser.quiz.test_quiz_browser import RESULT, SLOW, answer_by_clicking, engine, open_quiz, random_answers

pytestmark = pytest.mark.browser
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _main_conf(prefix: Path, server_block: Path) -> str:
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = "\n".join(f"    {kind}_temp_path {prefix / kind};" for kind in kinds)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers keep our identity (tmp dirs are 0700)
    return (
        f"{user}load_module {BROTLI_MODULE};\nworker_processes 1;\ndaemon off;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    access_log off;\n{temp}\n    include {server_block};\n}}\n"
    )


@contextmanager
def nginx_serving(site: Path, prefix: Path) -> Iterator[str]:
    """Run nginx (as the current user, free port, throwaway ``prefix``) serving ``site``; yield its URL."""
    if not (Path(NGINX).exists() and Path(BROTLI_MODULE).exists()):
        raise RuntimeError("nginx or its brotli module is missing: run scripts/bootstrap.sh --test")
    port = _free_port()
    block = prefix / "redflags.conf"
    block.write_text(
        host_files.nginx_conf(languages=tuple(LANGUAGES), root=str(site), listen=f"127.0.0.1:{port}"),
        encoding="utf-8",
    )
    main = prefix / "nginx.conf"
    main.write_text(_main_conf(prefix, block), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(main)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(check.stderr)
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(main)], stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None:
                raise RuntimeError((prefix / "error.log").read_text(encoding="utf-8"))
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``http://127.0.0.1:<port>`` of nginx serving the built site with the generated configuration."""
    try:
        with nginx_serving(built_site, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(str(exc))


def get(base: str, path: str, encoding: str | None = None) -> tuple[int, dict[str, str], bytes]:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def one_file_per_type(site: Path) -> list[str]:
    """The first file (sorted) of every extension, plus every frame page, relative to the site root."""
    seen: dict[str, str] = {}
    frames = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.name == host_files.HEADERS_FILE or path.suffix in (".br",):
            continue
        rel = path.relative_to(site).as_posix()
        if headers.is_frame_page(rel):
            frames.append(rel)
        seen.setdefault(path.suffix, rel)
    return sorted(set(seen.values()) | set(frames))


def test_every_file_type_gets_the_policy_headers(nginx: str, built_site: Path) -> None:
    """Status 200, Content-Type and every header of pipeline/deploy/headers.py, per file type."""
    files = one_file_per_type(built_site)
    assert any(f.endswith(".wasm") for f in files) and any(f.endswith(".html") for f in files)
    for rel in files:
        status, got, body = get(nginx, "/" + rel)
        assert status == 200, rel
        assert body == (built_site / rel).read_bytes(), rel
        expected_type = headers.content_type(rel)
        if expected_type:
            assert got["content-type"].replace(" ", "") == expected_type.replace(" ", ""), rel
        for name, value in headers.response_headers(rel).items():
            assert got.get(name.lower()) == value, (rel, name)
        for name in set(headers.merged(headers.RULES[:1])) - set(headers.response_headers(rel)):
            assert name.lower() not in got, (rel, name)


def test_cache_policy_of_pages_and_runtime(nginx: str, built_site: Path) -> None:
    """Pages (directory URLs) are short-cached; the fingerprinted runtime is immutable for a year."""
    _, page, _ = get(nginx, "/ru/quiz/")
    assert page["cache-control"] == headers.HTML_CACHE and page["x-frame-options"] == "DENY"
    wasm = next(built_site.glob("_quiz/*/pyodide.asm.wasm")).relative_to(built_site).as_posix()
    _, runtime, _ = get(nginx, "/" + wasm)
    assert runtime["cache-control"] == "public, max-age=31536000, immutable"
    assert runtime["content-type"] == "application/wasm"


def test_compressed_variants_are_served_when_asked(nginx: str, built_site: Path) -> None:
    """Accept-Encoding br/gzip gets the precompressed bytes (decoding to the file); none gets the file."""
    wasm = next(built_site.glob("_quiz/*/pyodide.asm.wasm"))
    rel = "/" + wasm.relative_to(built_site).as_posix()
    original = wasm.read_bytes()
    _, got, body = get(nginx, rel, "br, gzip")
    assert got["content-encoding"] == "br" and "accept-encoding" in got.get("vary", "").lower()
    assert len(body) < len(original) // 2 and brotli.decompress(body) == original
    _, got, body = get(nginx, rel, "gzip")
    assert got["content-encoding"] == "gzip" and gzip.decompress(body) == original
    _, got, body = get(nginx, rel)
    assert "content-encoding" not in got and body == original
    _, got, body = get(nginx, "/es/", "br")
    assert got["content-encoding"] == "br" and brotli.decompress(body) == (built_site / "es/index.html").read_bytes()


def test_missing_paths_get_their_language_404_page(nginx: str, built_site: Path) -> None:
    """/ru/nowhere -> ru/404.html, /nowhere -> the multilingual 404, with the policy headers, never immutable."""
    for path, page in [("/ru/nowhere/", "ru/404.html"), ("/es/x.html", "es/404.html"), ("/nowhere", "404.html")]:
        status, got, body = get(nginx, path)
        assert status == 404 and body == (built_site / page).read_bytes(), path
        assert got["x-content-type-options"] == "nosniff" and got["content-security-policy"]
    status, got, _ = get(nginx, "/_quiz/0000/gone.js")
    assert status == 404 and "immutable" not in got["cache-control"]
    assert get(nginx, "/_headers")[0] == 404


def test_quiz_works_end_to_end_through_nginx(context, nginx: str) -> None:
    """All answers clicked on the Spanish quiz page served by nginx: the engine's verdict appears."""
    import random

    answers = random_answers(random.Random("nginx"), "es")
    expected = engine(answers, "es")["result"]
    page, log = open_quiz(context, nginx, "es")
    answer_by_clicking(page, answers)
    expect(page.locator(RESULT)).to_be_visible(timeout=SLOW)
    expect(page.locator(".rf-quiz__band")).to_have_text(expected["band"]["label"])
    assert log.errors == []
    assert log.foreign(nginx) == []


def test_specific_rules_never_overlap_on_the_built_site(built_site: Path) -> None:
    """Every file matches the default rule plus at most one other (what nginx's locations can express)."""
    for path in built_site.rglob("*"):
        if path.is_file():
            rel = path.relative_to(built_site).as_posix()
            rules = headers.matching_rules(rel)
            assert rules[0] is headers.RULES[0] and len(rules) <= 2, (rel, [r.pattern for r in rules])
