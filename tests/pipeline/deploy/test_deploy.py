"""Deployment files from the one header policy, precompression, the content-addressed runtime, the clock."""

from __future__ import annotations

import gzip
import random
import subprocess
import sys
from pathlib import Path

import brotli
import pytest

from pipeline import clock
from pipeline.config import LANGUAGES
from pipeline.deploy import headers, host_files
from pipeline.quiz_runtime import fingerprint

ROOT = Path(__file__).resolve().parents[3]


def test_committed_nginx_conf_is_generated_from_the_policy() -> None:
    """deploy/nginx.conf is exactly what pipeline/deploy/headers.py produces (`build.py deploy-config --check`)."""
    committed = (ROOT / host_files.NGINX_CONF).read_text(encoding="utf-8")
    assert committed == host_files.nginx_conf(languages=tuple(LANGUAGES)), "run `python build.py deploy-config`"
    result = subprocess.run(
        [sys.executable, "build.py", "deploy-config", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_nginx_conf_has_one_location_per_rule_and_language_404s() -> None:
    """Every specific rule becomes a regex location with the default headers merged in; each language its 404."""
    conf = host_files.nginx_conf(languages=("es", "ru"), root="/x", listen="127.0.0.1:9")
    for rule in headers.RULES[1:]:
        block = conf.split(f'location ~ "{rule.regex}" {{', 1)[1].split("}", 1)[0]
        for name, value in headers.merged([headers.RULES[0], rule]).items():
            assert f'add_header {name} "{value}" always;' in block
        for name, value in rule.headers.items():
            if value is None:
                assert f"add_header {name} " not in block
    assert "error_page 404 /ru/404.html;" in conf and "error_page 404 /es/404.html;" in conf
    assert "application/wasm wasm;" in conf and "listen 127.0.0.1:9;" in conf and "root /x;" in conf


def test_headers_file_detaches_what_a_later_rule_overrides() -> None:
    """A specific rule first detaches the default's header, then sets its own (one value per header)."""
    text = host_files.headers_file()
    frame = text.split(f"/*/{headers.FRAME_PAGE_DIR}/*\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert frame == [
        "  ! Content-Security-Policy",
        "  Content-Security-Policy: frame-ancestors *",
        "  ! X-Frame-Options",
    ]
    assert "/_quiz/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable" in text


def test_policy_per_kind_of_file() -> None:
    """Pages short-cached and unframeable, frame page frameable, runtime immutable, wasm typed."""
    page = headers.response_headers("en/quiz/index.html")
    assert page["Cache-Control"] == headers.HTML_CACHE and page["X-Frame-Options"] == "DENY"
    frame = headers.response_headers("/es/quiz-frame/")
    assert frame["Content-Security-Policy"] == "frame-ancestors *" and "X-Frame-Options" not in frame
    runtime = headers.response_headers("_quiz/0123abcd/pyodide.asm.wasm")
    assert runtime["Cache-Control"].endswith("immutable")
    assert headers.content_type("_quiz/0123abcd/pyodide.asm.wasm") == "application/wasm"
    assert headers.response_headers("embed.js")["Cache-Control"] == headers.HTML_CACHE


def test_precompressed_variants_round_trip_and_are_reproducible(tmp_path: Path) -> None:
    """.br and .gz beside large text files decode to the original; small or incompressible files get none."""
    (tmp_path / "a").mkdir()
    big = ("<p>red flags</p>\n" * 500).encode()
    (tmp_path / "a" / "page.html").write_bytes(big)
    (tmp_path / "tiny.css").write_bytes(b"p{}")
    (tmp_path / "noise.js").write_bytes(random.Random(1).randbytes(4096))
    first = {p.name: p.read_bytes() for p in host_files.precompress(tmp_path)}
    assert set(first) == {"page.html.br", "page.html.gz"}
    assert brotli.decompress(first["page.html.br"]) == big and gzip.decompress(first["page.html.gz"]) == big
    for name in first:
        (tmp_path / "a" / name).unlink()
    second = {p.name: p.read_bytes() for p in host_files.precompress(tmp_path)}
    assert second == first


def test_fingerprint_moves_the_runtime_and_rewrites_references(tmp_path: Path) -> None:
    """_quiz/* moves under its content hash; pages follow; a changed byte gives a new folder."""
    site = tmp_path / "site"
    (site / "_quiz").mkdir(parents=True)
    (site / "_quiz" / "quiz-widget.js").write_text('import "./quiz-client.js";', encoding="utf-8")
    (site / "en" / "quiz").mkdir(parents=True)
    page = '<script src="../../_quiz/quiz-widget.js"></script><p>my_quiz/ stays</p>'
    (site / "en" / "quiz" / "index.html").write_text(page, encoding="utf-8")
    key = fingerprint.fingerprint_quiz_runtime(site)
    assert key and (site / "_quiz" / key / "quiz-widget.js").is_file()
    html = (site / "en" / "quiz" / "index.html").read_text(encoding="utf-8")
    assert html == f'<script src="../../_quiz/{key}/quiz-widget.js"></script><p>my_quiz/ stays</p>'
    other = tmp_path / "other"
    (other / "_quiz").mkdir(parents=True)
    (other / "_quiz" / "quiz-widget.js").write_text('import "./quiz-client.js"; ', encoding="utf-8")
    assert fingerprint.fingerprint_quiz_runtime(other) != key


def test_clock_prefers_source_date_epoch_then_the_commit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH wins; without it the last commit's time; outside git 1980-01-01; env restored."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert clock.build_epoch(ROOT) == 1700000000
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    commit = clock.last_commit_epoch(ROOT)
    assert commit is not None and clock.build_epoch(ROOT) == commit
    assert clock.build_epoch(tmp_path) == clock.EPOCH_1980
    with clock.pinned_clock(ROOT) as epoch:
        assert clock.source_date_epoch() == epoch == commit
    assert clock.source_date_epoch() is None
