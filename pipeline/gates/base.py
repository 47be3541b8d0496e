"""What every gate shares: a finding, a gate's result, the page list and a local server."""


from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    """One problem, printed as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class GateResult:
    """What one gate checked (``figures``, e.g. "31 pages") and what it found."""

    name: str
    figures: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def line(self) -> str:
        verdict = "ok" if self.ok else f"{len(self.findings)} problem(s)"
        return f"{self.name:<11} {verdict:<14} {self.figures}"


def html_files(site_dir: Path) -> list[Path]:
    """Every HTML file of the built output, sorted (the gates' page list)."""
    return sorted(p for p in site_dir.rglob("*.html") if p.is_file())


def url_path(site_dir: Path, file: Path) -> str:
    """The URL path a static server gives ``file`` (``a/index.html`` -> ``/a/``)."""
    rel = file.relative_to(site_dir).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client hanging up early (LinkChecker, Lighthouse) is not a finding


@contextmanager
def serving(site_dir: Path, *, production: bool = False) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 on a free port; yield its base URL.

    ``production=True`` serves it as the deployed site is (``pipeline/deploy/serve.py``: the
    header policy, precompressed variants, keep-alive) for gates that measure transfers.
    """
    from pipeline.deploy.serve import SiteHandler

    base = type("_QuietSiteHandler", (SiteHandler,), {"log_message": _QuietHandler.log_message})
    handler = functools.partial(base if production else _QuietHandler, directory=str(site_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
