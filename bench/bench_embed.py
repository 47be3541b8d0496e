"""The embed in a blogger's page on another site: size, bytes before interaction, timings, long tasks.

    .venv/bin/python bench/bench_embed.py [--runs 5] [--lang es] [--site site/]

Builds the site (``build.py site``, or takes ``--site``), serves it on 127.0.0.1 and a host
"blog post" on 127.0.0.2: another *site* for Chromium (not only another origin), as a real blog is,
so the frame gets its own process and its own (partitioned) storage. Prints:

- ``embed.js`` raw, gzipped (``gzip -9``) and as the build's ``.br`` file;
- bytes the host page loads from our site before any interaction, (a) with the snippet in view
  (``embed.js`` + the frame's page and what it loads), (b) with the snippet far below, never
  scrolled to; counted from Playwright's responses (our test server sends files as they are),
  and the same responses as a precompressing host sends them (the build's ``.br`` beside each
  file, as nginx's ``brotli_static`` or Cloudflare would serve);
- from the host page's navigation start: the frame's first question painted (the frame's first
  contentful paint: its static HTML is the question) and interactive (the widget's
  ``rf-quiz:interactive`` mark), both on the host page's clock (``performance.timeOrigin``);
- the longest main-thread task (``PerformanceObserver`` ``longtask``, buffered) on the host and
  in the frame, until interactive, then through the first answer and the Pyodide start;
- what the frame's storage does (``--storage``, one pass): three answers in the frame on blog A
  (127.0.0.2), then a reload of blog A, blog B (127.0.0.3) and our own quiz page (127.0.0.1),
  all in one browser profile, each printing what the quiz found in its ``localStorage``.

Figures only, no asserts; medians and [min-max] over ``--runs`` fresh browser contexts.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_quiz_browser import LONG_TASKS  # noqa: E402  (the same long-task probe as the quiz page's bench)

from pipeline.channels.embed import snippet  # noqa: E402
from pipeline.config import Config  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SITE_HOST = "127.0.0.1"
BLOG_HOST = "127.0.0.2"
"""Another loopback address: another site for the browser, as a real blog is."""
OTHER_BLOG_HOST = "127.0.0.3"
FCP = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1"
STORED = """(() => {
  try { const v = localStorage.getItem('redflags-quiz'); return v ? JSON.parse(v) : 'nothing stored'; }
  catch (error) { return 'no storage: ' + error.name + ': ' + error.message; }
})()"""
SLOW = 120_000
PARAGRAPH = "<p>" + "A client who pays late once will pay late again, unless the contract says so. " * 10 + "</p>"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # an aborted download when a context closes is not news


def serve(directory: Path, host: str) -> tuple[_Server, str]:
    server = _Server((host, 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


def blog(folder: Path, site: str, lang: str) -> None:
    """Two posts: the snippet in view after one paragraph, and the snippet far below the fold."""
    code = snippet(Config(root=ROOT, site_url=site + "/"), lang)

    def page(body: str) -> str:
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My blog</title>'
            '<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">'
            f'</head><body style="max-width:40em;margin:auto;font:18px/1.6 Georgia,serif"><h1>My blog</h1>{body}'
            "</body></html>"
        )

    (folder / "in-view.html").write_text(page(PARAGRAPH + code + PARAGRAPH * 3), encoding="utf-8")
    (folder / "below.html").write_text(page(PARAGRAPH * 60 + code), encoding="utf-8")
    (folder / "bare.html").write_text("<!doctype html><title>bare</title><p>Hello.</p>", encoding="utf-8")


def served_size(site_dir: Path, url: str, raw: int) -> int:
    """What a precompressing host sends for ``url``: the build's ``.br`` copy when there is one."""
    path = urlsplit(url).path
    file = site_dir / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    br = file.with_name(file.name + ".br")
    return br.stat().st_size if br.is_file() else raw


class Responses:
    """Every response of one page (all its frames), by origin."""

    def __init__(self, page: object) -> None:
        self.seen: list[tuple[str, int]] = []
        page.on("requestfinished", self._finished)

    def _finished(self, request: object) -> None:
        try:
            body = max(request.sizes()["responseBodySize"], 0)
        except Exception:  # noqa: BLE001 - no response: nothing transferred
            body = 0
        self.seen.append((request.url, body))

    def from_origin(self, origin: str) -> list[tuple[str, int]]:
        return [(url, size) for url, size in self.seen if url.startswith(origin + "/")]


def one_run(browser: object, site: str, host: str, site_dir: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    context = browser.new_context()
    page = context.new_page()
    page.goto(host + "/bare.html", wait_until="load")
    page.wait_for_timeout(100)
    figures["bare page first paint, calibration (ms)"] = page.evaluate(FCP)
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LONG_TASKS)  # runs in the host page and in the frame
    page = context.new_page()
    responses = Responses(page)
    page.goto(host + "/in-view.html", wait_until="load")
    frame_element = page.locator("iframe")
    frame_element.wait_for()
    frame = None
    while frame is None:
        frame = frame_element.element_handle().content_frame()
    frame.wait_for_selector("[data-rf-quiz][data-state=questions]", timeout=SLOW)
    page.wait_for_timeout(500)
    host_origin = page.evaluate("performance.timeOrigin")
    frame_origin = frame.evaluate("performance.timeOrigin")
    shift = frame_origin - host_origin
    fcp = frame.evaluate(FCP)
    interactive = frame.evaluate("performance.getEntriesByName('rf-quiz:interactive')[0]?.startTime ?? -1")
    ours = responses.from_origin(site)
    figures["host page: our bytes before interaction, snippet in view, as sent"] = sum(s for _, s in ours)
    figures["host page: same responses from a precompressing host (.br)"] = sum(
        served_size(site_dir, url, size) for url, size in ours
    )
    figures["host page: our requests before interaction"] = len(ours)
    figures["pyodide requests before interaction"] = sum("pyodide" in url for url, _ in ours)
    figures["host load -> frame's first question painted (ms)"] = shift + fcp
    figures["host load -> frame's first question interactive (ms)"] = shift + interactive
    figures["frame: its own navigation -> first question painted (ms)"] = fcp
    figures["frame: its own navigation -> interactive (ms)"] = interactive
    figures["longest task until interactive, host (ms, 0 = none >= 50)"] = max(
        page.evaluate("window.__rfLongTasks"), default=0.0
    )
    figures["longest task until interactive, frame (ms)"] = max(frame.evaluate("window.__rfLongTasks"), default=0.0)

    frame.locator("fieldset[data-question] input[type=radio]").first.check()
    frame.wait_for_selector("[data-rf-quiz][data-runtime=ready]", timeout=SLOW)
    page.wait_for_timeout(300)
    figures["longest task through first answer + Pyodide start, host (ms)"] = max(
        page.evaluate("window.__rfLongTasks"), default=0.0
    )
    figures["longest task through first answer + Pyodide start, frame (ms)"] = max(
        frame.evaluate("window.__rfLongTasks"), default=0.0
    )
    figures["bytes after the Pyodide start, as sent"] = sum(s for _, s in responses.from_origin(site))
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses = Responses(page)
    page.goto(host + "/below.html", wait_until="load")
    page.wait_for_timeout(1500)
    below = responses.from_origin(site)
    figures["snippet never scrolled to: our bytes, as sent"] = sum(s for _, s in below)
    figures["snippet never scrolled to: our requests"] = len(below)
    context.close()
    return figures


def in_frame(page: object) -> object:
    handle = page.locator("iframe").element_handle()
    frame = handle.content_frame()
    frame.wait_for_selector("[data-rf-quiz][data-state=questions]", timeout=SLOW)
    return frame


def storage_probe(context: object, label: str, site: str, blog_a: str, blog_b: str, lang: str) -> None:
    """One profile: answer three questions in the frame on blog A, then look from elsewhere."""
    page = context.new_page()
    page.goto(blog_a + "/in-view.html")
    frame = in_frame(page)
    for _ in range(3):
        frame.locator("fieldset[data-question]:not([hidden]) input[type=radio]").first.check()
        frame.locator("[data-action=next]").click()
    page.wait_for_timeout(300)
    print(f"frame storage, {label}:")
    print(f"  blog A {blog_a}, frame after 3 answers: {frame.evaluate(STORED)}")
    print(f"  blog A's own localStorage: {page.evaluate('localStorage.length')} entries, cookies: {context.cookies()}")
    page.reload()
    frame = in_frame(page)
    count = frame.locator(".rf-quiz__count").inner_text()
    print(f"  blog A reloaded: frame storage {frame.evaluate(STORED)}, frame shows {count!r}")
    other = context.new_page()
    other.goto(blog_b + "/in-view.html")
    frame_b = in_frame(other)
    count = frame_b.locator(".rf-quiz__count").inner_text()
    print(f"  blog B {blog_b}, same frame URL: frame storage {frame_b.evaluate(STORED)}, frame shows {count!r}")
    own = context.new_page()
    own.goto(f"{site}/{lang}/quiz/")
    own.wait_for_selector("[data-rf-quiz][data-state=questions]", timeout=SLOW)
    print(f"  our quiz page {site}/{lang}/quiz/ (first party): storage {own.evaluate(STORED)}")
    context.close()


PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,"
    "HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,AvoidCorsURLLoaderRestartOnRedirect,"
    "OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch"
)
"""Playwright's own ``--disable-features`` list (its ``chromiumSwitches``) minus
``ThirdPartyStoragePartitioning``, which Playwright switches off (microsoft/playwright#32230).
Chromium keeps the last ``--disable-features`` it is given, so passing this one restores
Chromium's default: partitioned third-party storage."""


def storage_probes(playwright: object, browser: object, site: str, blog_a: str, blog_b: str, lang: str) -> None:
    """The probe with Chromium's own defaults (a fresh ordinary profile, partitioning on), then in
    Playwright's default context (partitioning switched off by Playwright: what a browser that
    blocks third-party storage does)."""
    viewport = {"width": 1280, "height": 900}
    with tempfile.TemporaryDirectory(prefix="rf-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=[*CHROMIUM_ARGS, "--disable-features=" + PLAYWRIGHT_DISABLED_FEATURES],
            viewport=viewport,
        )
        label = f"Chromium {browser.version}, its own defaults, fresh profile (storage partitioning on)"
        storage_probe(context, label, site, blog_a, blog_b, lang)
    label = "Playwright's default launch (ThirdPartyStoragePartitioning disabled by Playwright)"
    storage_probe(browser.new_context(viewport=viewport), label, site, blog_a, blog_b, lang)


def load() -> str:
    """The 1/5/15-minute load averages: the machine is shared, every figure says what it ran under."""
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def report(runs: list[dict[str, float]]) -> None:
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"  {key:<66} {statistics.median(values):>12,.0f}  [{min(values):,.0f}-{max(values):,.0f}]")


def script_sizes(site_dir: Path) -> None:
    data = (site_dir / "embed.js").read_bytes()
    br = site_dir / "embed.js.br"
    print(
        f"embed.js: {len(data):,} B raw, {len(gzip.compress(data, 9, mtime=0)):,} B gzip -9"
        + (f", {br.stat().st_size:,} B br (the build's embed.js.br)" if br.is_file() else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="es", choices=("es", "ru", "en"))
    parser.add_argument("--storage", action="store_true", help="also probe the frame's storage partitioning")
    parser.add_argument("--site", type=Path, help="a built site/ (default: build one into a temporary folder)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            command = [sys.executable, str(ROOT / "build.py"), "site", "--out", str(site_dir)]
            subprocess.run(command, check=True, capture_output=True)
        script_sizes(site_dir)
        folder = Path(tmp) / "blog"
        folder.mkdir()
        site_server, site = serve(site_dir, SITE_HOST)
        blog(folder, site, args.lang)
        blog_server, host = serve(folder, BLOG_HOST)
        other_server, other_host = serve(folder, OTHER_BLOG_HOST)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        before = load()
        try:
            runs = [one_run(browser, site, host, site_dir) for _ in range(args.runs)]
            if args.storage:
                storage_probes(playwright, browser, site, host, other_host, args.lang)
        finally:
            browser.close()
            for server in (site_server, blog_server, other_server):
                server.shutdown()
        print(f"embed on another site ({host} framing {site}), lang={args.lang}, median [min-max], {args.runs} runs, "
              f"load average {before} before, {load()} after")
        report(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
