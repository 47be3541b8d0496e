"""The quiz in headless Debian Chromium on localhost: start-up, result and main-thread figures.

    .venv/bin/python bench/bench_quiz_browser.py [--runs 5] [--lang en] [--site DIR] [--baseline DIR]
                                                 [--server plain|project] [--snapshot]

Prints medians (and ranges) over ``--runs`` fresh browser contexts of:
- a bare page's first paint (how fast this machine is right now, for calibration),
- first question painted (static HTML, usable without script) and interactive after navigation
  (widget set up: steps, progress, keyboard flow; goal <= 150 ms),
- Pyodide ready after the first interaction, cold cache and warm cache (second page, same context),
- result shown after the last answer with the runtime warm (goal <= 100 ms),
- a share link opened cold: navigation to result shown,
- longest main-thread task over the whole flow (long tasks are >= 50 ms; "none" meets the goal),
- bytes transferred before the first interaction and in total.

Each report says the load average before and after it (the machine is shared);
``--baseline DIR`` measures another built site (say, main before a change) in turns with this
one, so both see the same load. ``--server``:
``plain`` (default) is Python's bare ``http.server`` (no cache headers, no compression: the
figures of issue 23's first table); ``project`` is ``pipeline/deploy/serve.py``, which sends
what production sends (the header policy, an immutable runtime folder, the precompressed
``.br``), so "warm cache" includes what the browser keeps between visits (HTTP cache and
compiled wasm).

``--snapshot`` also builds a Pyodide memory snapshot in Node (private loader options
``_makeSnapshot``/``_loadSnapshot``) and runs the same figures with a loader that restores it,
falling back to the plain start: the measurement behind pipeline/quiz_runtime/assets/README.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.deploy.serve import SiteHandler  # noqa: E402
from quiz.json_api import bank_json  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

READY = "[data-rf-quiz][data-runtime=ready]"  # selectors, not functions: the page's CSP forbids eval
RESULT = ".rf-quiz__result:not([hidden])"
SLOW = 120_000
LONG_TASKS = """
window.__rfLongTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__rfLongTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
"""
MAKE_SNAPSHOT = """
import { loadPyodide } from "%(npm)s/pyodide.mjs";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
const py = await loadPyodide({ indexURL: "%(npm)s/", _makeSnapshot: true });
py.runPython("import json, gettext, tomllib, dataclasses, functools, importlib.resources, typing, re");
writeFileSync(process.argv[2], gzipSync(py.makeMemorySnapshot(), { level: 9 }));
"""
SNAPSHOT_LOADER = """
const BASE = new URL("./", import.meta.url).href;
async function snapshot() {
  const response = await fetch(`${BASE}snapshot.bin.gz`);
  if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}
export async function loadRuntime() {
  const { loadPyodide } = await import(`${BASE}pyodide.mjs`);
  const options = { indexURL: BASE, lockFileURL: `${BASE}pyodide-lock.json`, packageBaseUrl: BASE,
                    stdout: () => {}, stderr: () => {} };
  try {
    return await loadPyodide({ ...options, _loadSnapshot: snapshot() });
  } catch (error) {
    console.warn("[redflags-quiz] snapshot restore failed, plain start:", error.message);
    return loadPyodide(options);
  }
}
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietSite(SiteHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a terminated worker's aborted download is not news


def serve(directory: Path, kind: str = "plain") -> tuple[_Server, str]:
    handler = _Quiet if kind == "plain" else _QuietSite
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def marks(page: object) -> dict[str, float]:
    return dict(page.evaluate("performance.getEntriesByType('mark').map(m => [m.name, m.startTime])"))


def paint(page: object) -> float:
    return page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")


def share_fragment(lang: str) -> str:
    questions = json.loads(bank_json(lang))["questions"]
    return "#quiz=1:" + ",".join(f"{q['id']}={q['answers'][1]['id']}" for q in questions)


def one_run(browser: object, base: str, lang: str) -> dict[str, float]:
    url = f"{base}/{lang}/quiz/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/bare.html", wait_until="load")
    page.wait_for_timeout(100)
    bare = paint(page)
    page.close()
    context.close()

    context = browser.new_context()
    context.add_init_script(LONG_TASKS)
    sizes: list[int] = []
    page = context.new_page()
    page.on("requestfinished", lambda request: sizes.append(_size(request)))
    page.goto(url, wait_until="load")
    page.wait_for_selector("[data-rf-quiz][data-state=questions]")
    page.wait_for_timeout(100)
    before = sum(sizes)
    first = marks(page)["rf-quiz:interactive"]
    painted = paint(page)
    fieldsets = page.locator("fieldset[data-question]")
    steps = fieldsets.count()
    for index in range(steps):
        fieldsets.nth(index).locator("input[type=radio]").first.check()
        if index == 0:
            page.wait_for_selector(READY, timeout=SLOW)
        if index < steps - 1:
            page.locator("[data-action=next]").click()
    page.locator("[data-action=next]").click()
    page.wait_for_selector(RESULT)
    found = marks(page)
    page.wait_for_timeout(200)
    longest = max(page.evaluate("window.__rfLongTasks"), default=0.0)
    total = sum(sizes)
    page.evaluate("localStorage.clear()")
    page.close()
    warm_page = context.new_page()
    warm_page.goto(url, wait_until="load")
    warm_page.locator("fieldset[data-question] input[type=radio]").first.focus()
    warm_page.wait_for_selector(READY, timeout=SLOW)
    warm = marks(warm_page)
    context.close()

    context = browser.new_context()
    page = context.new_page()
    page.goto(url + share_fragment(lang))
    page.wait_for_selector(RESULT, timeout=SLOW)
    shared = marks(page)["rf-quiz:result"]
    context.close()
    return {
        "bare page first paint, calibration (ms)": bare,
        "first question painted, static HTML (ms)": painted,
        "first question interactive, widget set up (ms)": first,
        "Pyodide ready after first interaction, cold cache (ms)": found["rf-quiz:ready"] - found["rf-quiz:start"],
        "Pyodide ready after first interaction, warm cache (ms)": warm["rf-quiz:ready"] - warm["rf-quiz:start"],
        "result after last answer, runtime warm (ms)": found["rf-quiz:result"] - found["rf-quiz:finish"],
        "share link opened cold: navigation to result (ms)": shared,
        "longest main-thread task (ms, 0 = none >= 50)": longest,
        "bytes before first interaction": before,
        "bytes in total": total,
    }


def _size(request: object) -> int:
    try:
        sizes = request.sizes()
    except Exception:  # noqa: BLE001 - a request without a response counts as 0 bytes
        return 0
    return max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)


def with_snapshot(site: Path, out: Path) -> Path:
    """A copy of ``site`` whose loader restores a memory snapshot made now in Node."""
    shutil.copytree(site, out)
    script = out.parent / "make-snapshot.mjs"
    script.write_text(MAKE_SNAPSHOT % {"npm": (ROOT / "node_modules/pyodide").as_posix()}, encoding="utf-8")
    subprocess.run(["node", str(script), str(out / "_quiz/snapshot.bin.gz")], check=True, cwd=out.parent)
    (out / "_quiz/quiz-loader-http.js").write_text(SNAPSHOT_LOADER, encoding="utf-8")
    return out


def measure(browser: object, site: Path, runs: int, lang: str, server_kind: str = "plain") -> list[dict[str, float]]:
    return measure_interleaved(browser, [site], runs, lang, server_kind)[0]


def measure_interleaved(
    browser: object, sites: list[Path], runs: int, lang: str, server_kind: str = "plain"
) -> list[list[dict[str, float]]]:
    """``runs`` runs of each site, taking turns (A, B, A, B...): on a shared machine both see the same load."""
    servers = []
    for site in sites:
        (site / "bare.html").write_text("<!doctype html><title>bare</title><p>Hello.</p>", encoding="utf-8")
        servers.append(serve(site, server_kind))
    try:
        results: list[list[dict[str, float]]] = [[] for _ in sites]
        for _ in range(runs):
            for index, (_, base) in enumerate(servers):
                results[index].append(one_run(browser, base, lang))
        return results
    finally:
        for server, _ in servers:
            server.shutdown()


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def report(title: str, runs: list[dict[str, float]], before: str) -> None:
    print(f"{title} (median [min-max] over {len(runs)} runs; load average {before} before, {load()} after)")
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"  {key:<58} {statistics.median(values):>12,.0f}  [{min(values):,.0f}-{max(values):,.0f}]")


def build_site(out: Path) -> Path:
    """The real site, as readers get it (``build.py site``)."""
    subprocess.run([sys.executable, str(ROOT / "build.py"), "site", "--out", str(out)], check=True, capture_output=True)
    return out


def copy_site(site: Path, out: Path) -> Path:
    """A copy of a built site (the bench writes a calibration page into it)."""
    shutil.copytree(site, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="en", choices=("es", "ru", "en"))
    parser.add_argument("--snapshot", action="store_true", help="also measure a memory-snapshot start")
    parser.add_argument("--site", type=Path, help="a built site/ (default: build one into a temporary folder)")
    parser.add_argument("--baseline", type=Path,
                        help="another built site, measured in turns with this one (a before/after under one load)")
    parser.add_argument("--server", default="plain", choices=("plain", "project"),
                        help="Python's bare http.server, or the project's (production headers, .br)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = build_site(Path(tmp) / "site") if args.site is None else copy_site(args.site, Path(tmp) / "site")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        title = f"quiz, plain start, lang={args.lang}, {args.server} server"
        before = load()
        if args.baseline is None:
            report(title, measure(browser, site, args.runs, args.lang, args.server), before)
        else:
            base = copy_site(args.baseline, Path(tmp) / "baseline")
            ours, theirs = measure_interleaved(browser, [site, base], args.runs, args.lang, args.server)
            report(f"{title}: {args.site or 'this build'}", ours, before)
            report(f"{title}: baseline {args.baseline} (runs taking turns with the above)", theirs, before)
        if args.snapshot:
            snap = with_snapshot(site, Path(tmp) / "snapshot-site")
            before = load()
            runs = measure(browser, snap, args.runs, args.lang, args.server)
            report(f"quiz, memory snapshot, lang={args.lang}, {args.server} server", runs, before)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
