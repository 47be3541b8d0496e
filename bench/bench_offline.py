"""The offline workshop bundle: its size, and the quiz from file:// against the same bundle over http.

    .venv/bin/python bench/bench_offline.py [--runs 5] [--lang en] [--zip dist/redflags-offline-<v>.zip] [--site site/]

Without ``--zip`` the bundle is built first (``build.py offline`` into a temporary folder).
Prints the zip size, the unpacked size and file count, then, over ``--runs`` fresh browser
contexts per channel (alternating, in the same browser and the same run), medians [min-max] of:

- runtime scripts read: from the navigation to the page holding the worker's ``blob:`` (the
  classic scripts with the runtime and its files read and joined, ``rf-quiz:file-scripts``);
- Pyodide ready: a share link of a complete answer set opened cold (which starts the runtime at
  once), from the navigation to the worker's answer to the start request (``rf-quiz:ready``);
- result shown: from the same navigation to the result on screen (``rf-quiz:result``);
- the longest main-thread task over that flow (long tasks are >= 50 ms),

for ``file://`` (the unzipped bundle opened as files) and ``http`` (the very same folder served
by Python's ``http.server`` on a free port of 127.0.0.1). Goal: file:// within 1.2x of http.
``--site DIR`` adds a third channel: the web build's quiz page (module worker, ``fetch``) from an
already built ``site/`` on the same server kind, for what the offline route costs against it.
Figures only, no asserts; ``uptime`` is printed since the machine's load moves them.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_quiz_browser import LONG_TASKS  # noqa: E402  (the same long-task probe as the quiz page's bench)

from quiz.json_api import bank_json  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

RESULT = ".rf-quiz__result:not([hidden])"  # a selector, not a function: the page's CSP forbids eval
SLOW = 120_000
MARKS = """() => {
  const at = (name) => performance.getEntriesByName(`rf-quiz:${name}`)[0]?.startTime ?? null;
  const longest = Math.max(0, ...window.__rfLongTasks);
  return { scripts: at("file-scripts"), ready: at("ready"), result: at("result"), longest };
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def address(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def build_zip(out: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "build.py"), "offline", "--out", str(out)], cwd=ROOT, check=True)
    return out


def share_fragment(lang: str, seed: int) -> str:
    rng = random.Random(seed)
    pairs = [(q["id"], rng.choice(q["answers"])["id"]) for q in json.loads(bank_json(lang))["questions"]]
    return "#quiz=1:" + ",".join(f"{quote(q, safe='')}={quote(a, safe='')}" for q, a in pairs)


def one_run(browser: object, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(LONG_TASKS)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url)
        page.wait_for_selector(RESULT, timeout=SLOW)
        if errors:
            raise RuntimeError(f"{url}: {errors}")
        return page.evaluate(MARKS)
    finally:
        context.close()


def summary(values: list[float]) -> str:
    return f"{statistics.median(values) / 1000:.2f} s [{min(values) / 1000:.2f}-{max(values) / 1000:.2f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="en", choices=("es", "ru", "en"))
    parser.add_argument("--zip", type=Path, help="an existing bundle (default: build one now)")
    parser.add_argument("--site", type=Path, help="a built web site/ to measure beside the bundle")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="redflags-bench-offline-") as tmp:
        archive = args.zip or build_zip(Path(tmp) / "redflags-offline-bench.zip")
        with zipfile.ZipFile(archive) as bundle_zip:
            infos = [i for i in bundle_zip.infolist() if not i.is_dir()]
            bundle_zip.extractall(Path(tmp) / "unzipped")
        (folder,) = (Path(tmp) / "unzipped").iterdir()
        print(f"zip: {archive.stat().st_size / 1e6:.2f} MB (goal <= 15 MB)")
        print(f"unpacked: {sum(i.file_size for i in infos) / 1e6:.2f} MB in {len(infos)} files")
        runtime = sorted(folder.glob("_quiz/*/*"))
        for path in runtime:
            print(f"  {path.relative_to(folder)}: {path.stat().st_size / 1e6:.2f} MB")

        servers = [serve(folder)] + ([serve(args.site)] if args.site else [])
        fragment = share_fragment(args.lang, 20261202)
        urls = {
            "file://": (folder / args.lang / "quiz.html").as_uri() + fragment,
            "http": f"{address(servers[0])}/{args.lang}/quiz.html{fragment}",
        }
        if args.site:
            urls["web site (http)"] = f"{address(servers[1])}/{args.lang}/quiz/{fragment}"
        print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
        figures: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(args.runs):
                    for name, url in urls.items():
                        figures[name].append(one_run(browser, url))
                browser.close()
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()
        print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
        print(f"\n{args.runs} runs per channel, share link opened cold ({args.lang}), median [min-max]:")
        names = list(urls)
        print("| figure | " + " | ".join(names) + " | file:// / http |")
        print("|---" * (len(names) + 2) + "|")
        rows = (
            ("scripts", "runtime scripts read"),
            ("ready", "Pyodide ready"),
            ("result", "result shown"),
            ("longest", "longest main-thread task"),
        )
        for key, label in rows:
            cells, medians = [], {}
            for name in names:
                values = [run[key] for run in figures[name] if run[key] is not None]
                medians[name] = statistics.median(values) if values else None
                if not values:
                    cells.append("-")
                elif key == "longest":
                    cells.append(f"{medians[name]:.0f} ms")
                else:
                    cells.append(summary(values))
            local, served = medians["file://"], medians["http"]
            ratio = f"{local / served:.2f}" if local and served else "-"
            print(f"| {label} | " + " | ".join(cells) + f" | {ratio} |")


if __name__ == "__main__":
    main()
