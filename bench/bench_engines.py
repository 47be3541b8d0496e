"""The quiz in three engines, on one machine in one run: Chromium, Firefox ESR, WebKitGTK.

    .venv/bin/python bench/bench_engines.py [--runs 3] [--engines chromium,firefox,webkit] [--lang en]

Builds the site and the offline bundle into a temporary folder (or takes ``--site``/``--zip``),
serves them on 127.0.0.1, and for each engine, over ``--runs`` runs with a freshly launched
browser each (so the first page of a run meets a cold HTTP cache), prints medians [min-max] of:

- share link opened cold: the first page of the run, a quiz URL with a complete answer set in
  its fragment (it starts the runtime at once); navigation to the result on screen
  (``rf-quiz:result``);
- Pyodide ready after the first interaction: the quiz page, one answer clicked; from the
  widget's ``rf-quiz:start`` to ``rf-quiz:ready`` (HTTP cache warm from the share link: on this
  machine compiling the wasm and starting Python dominate, not the transfer);
- result after the last answer: the other answers given, ``rf-quiz:finish`` to ``rf-quiz:result``;
- embed frame interactive: a host page on another origin with the snippet at its top; from the
  host's navigation to the frame's ``rf-quiz:interactive`` (both clocks as epoch times);
- offline quiz, file:// and http: the bundle's quiz with a share link, navigation to result, from
  the unzipped files and from the same folder over http.

Chromium is driven by Playwright, Firefox and WebKit by the drivers of the browser tests
(``tests/browser/engines/drivers.py``). Engine versions and the load average (before and after)
are printed: the machine is shared, so read the figures side by side, not as absolutes.
Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quiz.json_api import bank_json  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.browser.engines.drivers import Engine, RefusingProxy, launch  # noqa: E402

SLOW = 240  # s
MARK = "(performance.getEntriesByName('rf-quiz:{name}')[0]?.startTime ?? null)"
RESULT = "(() => { const b = document.querySelector('.rf-quiz__result'); return !!b && !b.hidden; })()"
READY = "document.querySelector('[data-rf-quiz]')?.dataset.runtime === 'ready'"
FAILED = "document.querySelector('[data-rf-quiz]')?.dataset.runtime === 'failed'"


class Chromium(Engine):
    """Debian's Chromium through Playwright, with the interface of the test drivers."""

    name = "chromium"

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.version = self.browser.version
        self.context = None
        self.page = None

    def open(self) -> None:
        if self.context:
            self.context.close()
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()

    def goto(self, url: str) -> None:
        self.page.goto(url, wait_until="load")

    def _target(self, frame: str | None) -> Any:
        return self.page.locator(frame).element_handle().content_frame() if frame else self.page

    def js(self, expr: str, *, frame: str | None = None) -> Any:
        return self._target(frame).evaluate(expr)

    def click(self, selector: str, *, frame: str | None = None) -> None:
        self._target(frame).locator(selector).first.click()

    def errors(self) -> list[str]:
        return []

    def quit(self) -> None:
        self.browser.close()
        self._playwright.stop()


def start(name: str, proxy: RefusingProxy) -> Engine:
    return Chromium() if name == "chromium" else launch(name, proxy)


def answers_of(lang: str, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [(q["id"], rng.choice(q["answers"])["id"]) for q in json.loads(bank_json(lang))["questions"]]


def fragment(pairs: list[tuple[str, str]]) -> str:
    return "#quiz=1:" + ",".join(f"{quote(q, safe='')}={quote(a, safe='')}" for q, a in pairs)


def mark(engine: Engine, name: str, frame: str | None = None) -> float:
    value = engine.js(MARK.format(name=name), frame=frame)
    if value is None:
        raise RuntimeError(f"{engine.name}: no rf-quiz:{name} mark")
    return float(value)


def wait(engine: Engine, expr: str, what: str, frame: str | None = None) -> None:
    engine.wait(f"({expr}) || ({FAILED} && 'failed')", timeout=SLOW, frame=frame, what=what)
    if engine.js(FAILED, frame=frame):
        raise RuntimeError(f"{engine.name}: the runtime failed during {what}")


def share_cold(engine: Engine, url: str, pairs: list[tuple[str, str]]) -> float:
    engine.open()
    engine.goto(url + fragment(pairs))
    wait(engine, RESULT, "the shared result")
    return mark(engine, "result")


def first_interaction(engine: Engine, url: str, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    engine.open()
    engine.goto(url)
    engine.js("localStorage.clear()")
    engine.goto(url)
    (question, answer), *rest = pairs
    engine.click(f'fieldset[data-question="{question}"] label:has(input[value="{answer}"])')
    wait(engine, READY, "Pyodide ready")
    ready = mark(engine, "ready") - mark(engine, "start")
    script = """(async (answers) => {
      for (const [question, answer] of answers) {
        const step = document.querySelector(`fieldset[data-question="${question}"]`);
        for (let i = 0; step.hidden && i < 400; i++) await new Promise((r) => setTimeout(r, 25));
        step.querySelector(`input[value="${answer}"]`).click();
        document.querySelector("[data-action=next]").click();
      }
      return true;
    })(ANSWERS)"""
    engine.js("document.querySelector('[data-action=next]').click()")
    engine.js(script.replace("ANSWERS", json.dumps(rest)))
    wait(engine, RESULT, "the result")
    result = mark(engine, "result") - mark(engine, "finish")
    engine.js("localStorage.clear()")
    return ready, result


FRAME = "[data-redflags-quiz] iframe"


def embed_interactive(engine: Engine, host: str) -> float:
    engine.open()
    engine.goto(f"{host}/post.html")
    engine.wait(f"!!document.querySelector({json.dumps(FRAME)})", timeout=SLOW, what="the frame")
    engine.wait(MARK.format(name="interactive") + " !== null", timeout=SLOW, frame=FRAME, what="frame interactive")
    inner = engine.js("performance.timeOrigin + " + MARK.format(name="interactive"), frame=FRAME)
    return float(inner) - float(engine.js("performance.timeOrigin"))


def offline_share(engine: Engine, url: str, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    engine.open()
    engine.goto(url + fragment(pairs))
    wait(engine, RESULT, "the offline result")
    return mark(engine, "ready"), mark(engine, "result")


def one_run(name: str, proxy: RefusingProxy, urls: dict[str, str], lang: str, seed: int) -> tuple[str, dict]:
    pairs = answers_of(lang, seed)
    engine = start(name, proxy)
    try:
        figures: dict[str, float] = {}
        figures["share link opened cold: navigation to result (ms)"] = share_cold(engine, urls["quiz"], pairs)
        ready, result = first_interaction(engine, urls["quiz"], pairs)
        figures["Pyodide ready after the first interaction (ms)"] = ready
        figures["result after the last answer (ms)"] = result
        figures["embed frame interactive, from the host's navigation (ms)"] = embed_interactive(engine, urls["host"])
        for channel in ("file", "http"):
            ready, result = offline_share(engine, urls[f"offline-{channel}"], pairs)
            figures[f"offline quiz {channel}://: navigation to Pyodide ready (ms)"] = ready
            figures[f"offline quiz {channel}://: navigation to result (ms)"] = result
        return engine.version, figures
    finally:
        engine.quit()


def host_page(folder: Path, base: str, lang: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "post.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title>'
        f'<link rel="icon" href="data:,"></head><body><h1>My blog</h1><div data-redflags-quiz data-lang="{lang}">'
        f'<a href="{base}/{lang}/quiz/">Quiz</a></div><script async src="{base}/embed.js"></script></body></html>',
        encoding="utf-8",
    )


def build(args: argparse.Namespace, work: Path) -> tuple[Path, Path]:
    site, bundle_zip = args.site, args.zip
    if site is None:
        site = work / "site"
        subprocess.run([sys.executable, str(ROOT / "build.py"), "site", "--out", str(site)], cwd=ROOT, check=True)
    if bundle_zip is None:
        bundle_zip = work / "offline.zip"
        command = [sys.executable, str(ROOT / "build.py"), "offline", "--out", str(bundle_zip)]
        subprocess.run(command, cwd=ROOT, check=True)
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(work / "unzipped")
    (bundle,) = (work / "unzipped").iterdir()
    return site, bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default="chromium,firefox,webkit")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--site", type=Path, default=None, help="an already built site/ folder")
    parser.add_argument("--zip", type=Path, default=None, help="an already built offline zip")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory(prefix="redflags-engines-") as tmp:
        work = Path(tmp)
        site, bundle = build(args, work)
        site_server, base = serve(site)
        offline_server, offline_base = serve(bundle)
        host_page(work / "host", base, args.lang)
        host_server, host = serve(work / "host")
        proxy = RefusingProxy()
        urls = {
            "quiz": f"{base}/{args.lang}/quiz/",
            "host": host,
            "offline-file": (bundle / args.lang / "quiz.html").as_uri(),
            "offline-http": f"{offline_base}/{args.lang}/quiz.html",
        }
        before = os.getloadavg()
        started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
        results: dict[str, tuple[str, list[dict]]] = {}
        for name in args.engines.split(","):
            runs = []
            version = "?"
            for run in range(args.runs):
                version, figures = one_run(name, proxy, urls, args.lang, seed=run)
                runs.append(figures)
                print(f"# {name} run {run + 1}: " + ", ".join(f"{v:.0f}" for v in figures.values()), flush=True)
            results[name] = (version, runs)
        after = os.getloadavg()
        for server in (site_server, offline_server, host_server):
            server.shutdown()
        proxy.close()
    print(
        f"{started} UTC, {args.runs} run(s) per engine, lang {args.lang}, {os.cpu_count()} CPUs, load average "
        f"(1/5/15 min) before {'/'.join(f'{x:.1f}' for x in before)}, after {'/'.join(f'{x:.1f}' for x in after)}"
    )
    names = list(results)
    print("| figure | " + " | ".join(f"{n} {results[n][0]}" for n in names) + " |")
    print("|---|" + "---|" * len(names))
    for key in results[names[0]][1][0]:
        cells = []
        for name in names:
            values = [run[key] for run in results[name][1]]
            cells.append(f"{statistics.median(values):,.0f} [{min(values):,.0f}-{max(values):,.0f}]")
        print(f"| {key} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
