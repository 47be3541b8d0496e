"""The workshop bundle: the whole site as one zip that works from ``file://``.

Facilitators unzip it and double-click ``index.html``; no server, no network.
The bundle is the normal site build (same sources, catalogs and quiz wheel)
run with ``Config.offline``: Material's ``offline`` plugin turns directory URLs
off (every link ends in ``.html``) and writes each language's search index as
a script, and its worker shim (the npm package ``iframe-worker``, pinned in
``package-lock.json``) is vendored into each language instead of loaded from
unpkg. This module then points the root chooser at ``<lang>/index.html``,
drops what only a web server uses, and writes the zip with sorted entries and
fixed timestamps (``SOURCE_DATE_EPOCH``, else 1980-01-01), so two builds of
the same sources give the same bytes.

The online build's output is never touched: the bundle is built into its own
temporary folder.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from pipeline.config import Config, source_date_epoch
from pipeline.errors import BuildError
from pipeline.layout import OFFLINE_WORKER_SHIM
from pipeline.quiz_runtime.file_bundle import KEEP_WORKER

Say = Callable[[str], None]

SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
"""The worker shim Material's ``offline`` plugin would load from unpkg."""

SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "_headers", "choose-language.js")
"""Files (at any depth) a ``file://`` reader never uses: no server answers 404s or sends headers,
no crawler reads the sitemaps, and the chooser has no language redirect offline."""

PRECOMPRESSED = (".br", ".gz")
"""Copies made for servers beside large files (``pipeline/deploy/headers.py``): a browser reading files never asks."""

ZIP_EPOCH_FLOOR = 315532800  # 1980-01-01, the earliest date a zip entry can carry


def project_version(root: Path) -> str:
    with (root / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def zip_path(root: Path) -> Path:
    return root / "dist" / f"redflags-offline-{project_version(root)}.zip"


def finish_for_file_urls(config: Config, site_dir: Path, *, shim: Path) -> None:
    """What the web build leaves to a server: chooser links to ``index.html``, the vendored shim."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    doomed = [p for p in files if p.suffix in PRECOMPRESSED and p.with_suffix("").is_file()]
    for path in doomed + [p for p in files if p.name in SERVER_ONLY]:
        path.unlink(missing_ok=True)
    chooser = site_dir / "index.html"
    html = chooser.read_text(encoding="utf-8")
    for lang in config.languages:
        html = html.replace(f'href="{lang}/"', f'href="{lang}/index.html"')
    chooser.write_text(re.sub(r'\s*<script src="choose-language.js"></script>', "", html), encoding="utf-8")
    shim_text = shim.read_text(encoding="utf-8")
    for lang in config.languages:
        dest = site_dir / lang / OFFLINE_WORKER_SHIM
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shim, dest)
        for page in sorted((site_dir / lang).rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            allowed = allow_shim_script(html, shim_text, page)
            if allowed != html:
                page.write_text(allowed, encoding="utf-8")
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "quiz-widget.js" in html:
            html = use_file_url_quiz(html, page)
        page.write_text(drop_module_scripts(html), encoding="utf-8")


_MODULE_SCRIPT = re.compile(r'\s*<script type="module"[^>]*></script>')


def drop_module_scripts(html: str) -> str:
    """Remove the module scripts left after the quiz's swap: ``file://`` refuses them (a CORS error).

    Only enhancements are left by then (the embed page's snippet generator and live preview,
    which show the page language's snippet without it), so the page works as it does with
    JavaScript off instead of logging an error.
    """
    return _MODULE_SCRIPT.sub("", html)


_WIDGET_MODULE = re.compile(r'<script type="module" src="(?P<base>[^"]*)quiz-widget\.js"></script>')
_MODULE_PRELOAD = re.compile(r'\s*<link rel="modulepreload" href="[^"]*">')
_WORKER_SRC = "worker-src 'self';"


def use_file_url_quiz(html: str, page: Path) -> str:
    """The quiz page for ``file://``: the classic widget script, and ``blob:`` workers allowed on it only.

    ``quiz-widget-file.js`` (``pipeline/quiz_runtime/file_bundle.py``) starts the engine in a classic
    worker made from a ``blob:`` URL, so this page's policy adds ``blob:`` to ``worker-src``
    (a ``blob:`` worker inherits the page's policy, ``'wasm-unsafe-eval'`` included). Module
    preloads go: ``file://`` refuses module scripts.
    """
    match = _WIDGET_MODULE.search(html)
    new, count = _WIDGET_MODULE.subn(r'<script async src="\g<base>quiz-widget-file.js"></script>', html)
    if not match or count != 1 or html.count(_WORKER_SRC) != 1:
        raise BuildError(
            "quiz page changed shape (widget script or worker-src): update pipeline/channels/offline.py", page
        )
    new = _MODULE_PRELOAD.sub("", new)
    # Before any other script: Material's iframe-worker shim replaces window.Worker on file://.
    keep = f'<script src="{match.group("base")}{KEEP_WORKER}"></script>'
    new = new.replace("<script", keep + "<script", 1)
    return new.replace(_WORKER_SRC, "worker-src 'self' blob:;")


_SEARCH_WORKER = re.compile(r'"search":\s*"(?P<url>[^"]+)"')
_SHIM_POST = re.compile(r"function c\(s,n\)\{[^}]*\}")
_SHIM_IMPORT = re.compile(r"function d\(\.\.\.s\)\{return .*?Promise\.resolve\(\)\)\}")


def shim_inline_script(shim_text: str, worker_url: str) -> str:
    """The inline script ``iframe-worker`` 1.0.4 writes into its frame for ``worker_url``.

    The frame inherits the page's Content-Security-Policy, so the page must allow
    exactly this script by its hash. The text is rebuilt from the vendored shim's
    own functions; if an upgrade changes its shape, this raises (and the browser
    test of the bundle fails on the CSP violation).
    """
    post, load = _SHIM_POST.search(shim_text), _SHIM_IMPORT.search(shim_text)
    if not post or not load or "postMessage=${c};importScripts=${d};" not in shim_text:
        raise BuildError("iframe-worker shim changed shape: update pipeline/channels/offline.py", SHIM_SOURCE)
    return (
        f"postMessage={post.group(0)};importScripts={load.group(0)};"
        f'addEventListener("error",({{error}})=>{{parent.dispatchEvent(new ErrorEvent("error",'
        f'{{filename:"{worker_url}",error}}))}})'
    )


def allow_shim_script(html: str, shim_text: str, page: Path) -> str:
    """Add the hash of the shim's frame script to the page's policy (pages with search only)."""
    match = _SEARCH_WORKER.search(html)
    if not match or "script-src 'self'" not in html:
        return html
    body = shim_inline_script(shim_text, match.group("url"))
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    return html.replace("script-src 'self'", f"script-src 'self' 'sha256-{digest}'", 1)


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(folder).as_posix(), path


def write_zip(folder: Path, out: Path, *, prefix: str) -> None:
    """Zip ``folder`` under ``prefix``: sorted entries, one fixed timestamp, fixed permissions."""
    epoch = max(source_date_epoch() or 0, ZIP_EPOCH_FLOOR)
    stamp = time.gmtime(epoch)[:6]
    with ZipFile(out, "w", compression=ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in _files(folder):
            info = ZipInfo(prefix + name, date_time=stamp)
            info.compress_type = ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
