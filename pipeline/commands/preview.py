"""The live preview behind ``build.py serve``: watch the sources, rebuild what changed, reload the tab.

Watching, the reload script and the long-poll that tells an open tab to
reload come from MkDocs' own ``mkdocs.livereload.LiveReloadServer`` (the
server ``mkdocs serve`` uses; watchdog's polling observer underneath), pinned
with MkDocs. This module only adds what our site needs on top of it:

- the response headers of ``pipeline/deploy/headers.py`` on every response, and the
  language's own 404 page for an unknown path (``pipeline/deploy/serve.py``);
- the reload script is injected into the HTML *response* only (never into a
  built file) and its sha256 is added to that response's
  Content-Security-Policy ``<meta>``, so the preview works under the same CSP
  as the published site;
- a broken edit keeps the last good site served, prints ``file:line: message``
  and shows a banner in every served page until the next good build;
- incremental rebuilds (:class:`PreviewBuilder`): the build's own stages
  (``pipeline/commands/build_site.py``), run for the languages an edit touches.

Private parts of ``LiveReloadServer`` (``_build_loop``, ``_rebuild_cond``...)
are used; they are those of the pinned MkDocs 1.6.1.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import html
import os
import re
import shutil
import socket
import tempfile
import time
import wsgiref.simple_server
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from pipeline import output
from pipeline.commands import build_site
from pipeline.config import Config
from pipeline.content import report
from pipeline.deploy.headers import response_headers
from pipeline.deploy.serve import not_found_page
from pipeline.errors import BuildError, BuildErrors
from pipeline.model import LocalizedArticle
from pipeline.site import csp

Say = Callable[[str], None]

RUNTIME_ASSETS = ("pipeline/quiz_runtime/assets", "pipeline/channels/embed_assets")
"""Sources of the quiz runtime and the embed: a change there rebuilds the runtime too."""

WATCHED = ("docs", "locales", "quiz", "mkdocs.yml", "pipeline/site/overrides", *RUNTIME_ASSETS)
"""What the preview watches, relative to the project root."""

BUILD_PRODUCTS = re.compile(r"(^|/)(__pycache__|\.[^/]*)(/|$)|\.(mo|pyc|swp|tmp)$|~$|^quiz/locale/")
"""Paths under the watched folders that are build products or editor scratch files, not edits."""

BANNER_ID = "redflags-preview-error"


@dataclass(frozen=True)
class Plan:
    """What a set of changed files asks the preview to redo."""

    languages: frozenset[str] = frozenset()
    """Languages rebuilt whatever their pages say (UI catalog, theme, settings changed)."""

    runtime: bool = False
    """Re-run the runtime stages (quiz wheel and Pyodide files): ``quiz/`` or its catalogs changed."""

    def __or__(self, other: Plan) -> Plan:
        return Plan(self.languages | other.languages, self.runtime or other.runtime)


def is_edit(rel_path: str) -> bool:
    """Whether a changed path (``/``-separated, relative to the root) is a source edit."""
    return not BUILD_PRODUCTS.search(rel_path)


def plan_for(changed: Iterable[str], languages: Iterable[str]) -> Plan:
    """The work for these changed paths (relative, ``/``-separated).

    Article sources (``docs/*.md``) ask for nothing here: every language is
    re-localized on each rebuild and only those whose Markdown changed are
    rebuilt (an edit usually changes all three, since untranslated segments
    fall back to the source text). A ``.po`` file asks for its own language;
    ``quiz-engine.po`` and ``quiz/`` also for the quiz runtime; anything else
    (``mkdocs.yml``, the theme overrides, a docs image) for every language.
    """
    every = frozenset(languages)
    plan = Plan()
    for path in changed:
        parts = path.split("/")
        if parts[0] == "docs" and path.endswith(".md"):
            continue
        if parts[0] == "locales":
            if path.endswith(".pot"):
                continue
            lang = parts[1] if len(parts) > 2 else ""
            if lang in every:
                plan |= Plan(frozenset({lang}), runtime=parts[-1] == "quiz-engine.po")
                continue
        plan |= Plan(every, runtime=parts[0] == "quiz" or path.startswith(RUNTIME_ASSETS))
    return plan


def _digest(pages: list[LocalizedArticle]) -> str:
    sha = hashlib.sha256()
    for page in sorted(pages, key=lambda p: p.article.slug):
        sha.update(f"{page.article.rel_path}\0{page.markdown}\0".encode())
    return sha.hexdigest()


@dataclass
class PreviewBuilder:
    """Rebuilds the preview site from the build's own stages, for the languages an edit touches.

    ``cache`` keeps each language's MkDocs output (``pages/<lang>``) and the
    runtime stages' output (``runtime/``) from the last good build. A rebuild
    redoes the languages whose localized Markdown changed or that ``plan``
    names, copies the rest from the cache into a staging folder, runs the
    finishing stages over the whole staged site (skipping ``NOT_IN_PREVIEW``),
    and swaps it into ``site_dir``. A failure leaves ``site_dir`` as it was and
    is kept in ``error`` for the banner.
    """

    config: Config
    site_dir: Path
    cache: Path
    say: Say = print
    error: BuildError | None = None
    digests: dict[str, str] = field(default_factory=dict)

    def rebuild(self, plan: Plan) -> bool:
        """Rebuild; ``True`` when the new site is in place, ``False`` (and ``error`` set) otherwise."""
        started = time.perf_counter()
        try:
            rebuilt = self._rebuild(plan)
        except BuildError as exc:
            self.error = exc
            kept = ", still serving the last good site" if self.site_dir.exists() else ""
            self.say(f"build failed{kept}:")
            for line in str(exc).splitlines():
                self.say(f"  {line}")
            return False
        self.error = None
        done = ", ".join(rebuilt) if rebuilt else "no page changed"
        self.say(f"rebuilt ({done}) in {time.perf_counter() - started:.2f}s")
        return True

    def _rebuild(self, plan: Plan) -> list[str]:
        config = self.config
        runtime_dir = self.cache / "runtime"
        if plan.runtime or not runtime_dir.exists():
            build_site.prepare(config)
        pages = build_site.localize_all(config)
        digests = {lang: _digest(pages[lang]) for lang in config.languages}
        pages_dir = self.cache / "pages"
        languages = [
            lang
            for lang in config.languages
            if lang in plan.languages or digests[lang] != self.digests.get(lang) or not (pages_dir / lang).exists()
        ]
        done: list[str] = []
        if plan.runtime or not runtime_dir.exists():
            self._run_runtime_stages(runtime_dir)
            done.append("quiz runtime")
        if languages:
            flat = [page for lang in languages for page in pages[lang]]
            for line in report.coverage_lines(flat):
                self.say(line)
            with tempfile.TemporaryDirectory(prefix="lang-", dir=self.cache) as fresh:
                warnings = build_site.build_languages(
                    config, pages, languages, site_dir=Path(fresh), say=lambda _: None
                )
                for warning in warnings:
                    self.say(f"warning: {warning}")
                for lang in languages:
                    shutil.rmtree(pages_dir / lang, ignore_errors=True)
                    pages_dir.mkdir(parents=True, exist_ok=True)
                    (Path(fresh) / lang).rename(pages_dir / lang)
                    self.digests[lang] = digests[lang]
            done += languages
        stages = [
            stage
            for stage in build_site.FINISHING_STAGES
            if stage not in build_site.RUNTIME_STAGES and stage not in build_site.NOT_IN_PREVIEW
        ]
        with output.staging(self.site_dir) as stage:
            shutil.copytree(runtime_dir, stage, dirs_exist_ok=True)
            for lang in config.languages:
                shutil.copytree(pages_dir / lang, stage / lang)
            problems = build_site.finish(config, stage, stages)
            if problems:
                raise BuildErrors(problems)
        return done

    def _run_runtime_stages(self, runtime_dir: Path) -> None:
        fresh = Path(tempfile.mkdtemp(prefix="runtime-", dir=self.cache))
        try:
            problems = build_site.finish(self.config, fresh, [s for s in build_site.FINISHING_STAGES
                                                              if s in build_site.RUNTIME_STAGES])
            if problems:
                raise BuildErrors(problems)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        shutil.rmtree(runtime_dir, ignore_errors=True)
        fresh.rename(runtime_dir)


def reload_script_tag(script: str, page: bytes) -> bytes:
    """``page`` with its CSP ``<meta>`` allowing exactly this inline ``script`` (by its sha256)."""
    digest = csp.inline_script_hashes(f"<script>{script}</script>")[0]
    return re.sub(
        rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src )',
        lambda m: m.group(1) + digest.encode() + b" ",
        page,
        count=1,
    )


def error_banner(error: BuildError) -> bytes:
    """A visible, fixed banner with the build's error messages (escaped), for every served page."""
    lines = "\n".join(html.escape(line) for line in str(error).splitlines())
    return (
        f'<div id="{BANNER_ID}" role="alert" style="position:fixed;z-index:100000;top:0;left:0;right:0;'
        "max-height:50vh;overflow:auto;margin:0;padding:.8rem 1rem;background:#8c1d18;color:#fff;"
        'font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 2px 8px #0006">'
        "<strong>Preview build failed: showing the last good version.</strong>\n"
        f"{lines}</div>"
    ).encode()


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    """Request log lines only with ``-v``; nothing else from the WSGI machinery."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        server = self.server
        if getattr(server, "verbose", False) and not self.path.startswith("/livereload/"):
            server.say(f"{code} {self.command} {self.path}")  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class PortBusy(BuildError):
    """The port is taken; the message suggests the next free one."""

    exit_code = 2


def next_free_port(host: str, start: int, tries: int = 50) -> int | None:
    for port in range(start, min(start + tries, 65536)):
        with socket.socket() as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
            return port
    return None


class PreviewServer(LiveReloadServer):
    """``mkdocs serve``'s server with our headers, 404 pages, CSP-allowed reload script and error banner."""

    def __init__(self, builder: PreviewBuilder, *, host: str, port: int, verbose: bool = False) -> None:
        super().__init__(self._build, host, port, str(builder.site_dir), polling_interval=0.25)
        self.preview = builder
        self.say = builder.say
        self.verbose = verbose
        self.RequestHandlerClass = _QuietHandler
        self.root_dir = builder.site_dir
        self._changed: set[str] = set()
        self.project = builder.config.root

    # -- binding and the main loop ------------------------------------------------------------

    def bind(self) -> None:
        """Bind now (before the first build), turning a busy port into one clear message."""
        host, port = self.server_address[:2]
        try:
            self.server_bind()
            self.server_activate()
        except OSError as exc:
            self.server_close()
            if exc.errno != errno.EADDRINUSE:
                raise BuildError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
            free = next_free_port(host, port + 1)
            hint = f"; try --port {free} (or --port 0 for any free port)" if free else "; try --port 0"
            raise PortBusy(f"port {port} on {host} is already in use{hint}") from None
        self.url = f"http://{host}:{self.server_address[1]}/"

    def urls(self) -> list[str]:
        return [f"{self.url}{lang}/" for lang in self.preview.config.languages]

    def start_watching(self) -> None:
        """Start the watcher before the first build, so an edit saved during that build is not missed."""
        for rel in WATCHED:
            if (self.project / rel).exists():
                self.watch(str(self.project / rel))
        self.observer.start()

    def run(self) -> None:
        """Serve and rebuild until Ctrl+C (``LiveReloadServer.serve`` without its own binding)."""
        self.serve_thread.start()
        try:
            self._build_loop()
        except KeyboardInterrupt:
            pass
        finally:
            self.shutdown()

    # -- watching -----------------------------------------------------------------------------

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Like ``LiveReloadServer.watch``, but remember *which* files changed and ignore build products."""
        path = os.path.abspath(path)
        handler = FileSystemEventHandler()
        handler.on_any_event = self._on_event  # type: ignore[method-assign]
        self._watched_paths[path] = 1
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _on_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        edits = set()
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            try:
                rel = Path(os.fsdecode(raw)).resolve().relative_to(self.project.resolve()).as_posix()
            except ValueError:
                continue
            if is_edit(rel):
                edits.add(rel)
        if not edits:
            return
        with self._rebuild_cond:
            self._changed |= edits
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _build(self) -> None:
        with self._rebuild_cond:
            changed, self._changed = sorted(self._changed), set()
        self.say("changed: " + ", ".join(changed))
        self.preview.rebuild(plan_for(changed, self.preview.config.languages))

    # -- serving ------------------------------------------------------------------------------

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            return super().serve_request(environ, start_response)
        policy = list(response_headers(path).items())
        if not any(name.lower() == "cache-control" for name, _ in policy):
            policy.append(("Cache-Control", "no-store"))  # the preview always shows the latest build

        def with_policy(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response(status, [*headers, *policy], exc_info)

        try:
            result = self._serve_request(environ, with_policy)
        except Exception:  # noqa: BLE001 - reported as a 500 like LiveReloadServer does
            start_response("500 Internal Server Error", [("Content-Type", "text/plain"), *policy])
            return [b"500 Internal Server Error"]
        if result is not None:
            return result
        page = not_found_page(self.root_dir, path)
        body = self._inject_js_into_html(page.read_bytes(), self._visible_epoch) if page else b"404 Not Found"
        start_response(
            "404 Not Found",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))), *policy],
        )
        return [body]

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """The reload script (allowed by the page's CSP) and, after a failed build, the error banner."""
        injected = super()._inject_js_into_html(content, epoch)
        script = injected[injected.rindex(b"<script>") + len(b"<script>") : injected.rindex(b"</script>")]
        injected = reload_script_tag(script.decode(), injected)
        error = self.preview.error
        if error is not None:
            end = injected.rindex(b"<script>")
            injected = injected[:end] + error_banner(error) + injected[end:]
        return injected


def serve(config: Config, *, host: str, port: int, verbose: bool, say: Say = print) -> int:
    """Bind, print the URLs, build everything once, then watch and rebuild until Ctrl+C."""
    work = Path(tempfile.mkdtemp(prefix="redflags-preview-"))
    try:
        config = dataclasses.replace(config, template_cache=work / "cache" / "jinja")
        builder = PreviewBuilder(config, site_dir=work / "site", cache=work / "cache", say=say)
        (work / "cache").mkdir()
        server = PreviewServer(builder, host=host, port=port, verbose=verbose)
        server.bind()
        say("preview: " + "  ".join(server.urls()))
        say(f"building (watching {', '.join(WATCHED)}; Ctrl+C stops) ...")
        server.start_watching()
        if not builder.rebuild(Plan(frozenset(config.languages), runtime=True)):
            server.shutdown()
            raise BuildError("nothing to serve: fix the errors above and run serve again")
        say(f"ready: open {server.urls()[0]}")
        server.run()
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)

