"""Page weight per page type as served by nginx (transferred bytes, brotli), fresh browser profile each.

    .venv/bin/python bench/bench_page_weight.py [--site site/]

Builds the site when ``--site`` is not given, serves it with the generated nginx
block (``tests/browser/test_nginx.py``'s launcher) and loads each page type in
Debian's Chromium, summing the encoded body sizes of every response (page,
workers included). "quiz, full run" clicks one answer, which starts the
runtime, and waits for Pyodide. Prints one Markdown table row per page type.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.test_nginx import nginx_serving  # noqa: E402

PAGES = [("home", "en/"), ("guidance", "en/when-to-say-no/"), ("guidance (ru)", "ru/eight-problem-clients/"),
         ("quiz, before interaction", "en/quiz/"), ("root (chooser, redirects to a language)", "")]


def weigh(browser, url: str, *, run_quiz: bool = False) -> tuple[int, int]:
    """(transferred body bytes, request count) for one cold load of ``url``."""
    context = browser.new_context(extra_http_headers={"Accept-Encoding": "br, gzip"})
    sizes: list[int] = []
    urls: list[str] = []
    context.on("requestfinished", lambda req: (sizes.append(req.sizes()["responseBodySize"]), urls.append(req.url)))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if run_quiz:
        page.locator("fieldset[data-question] input").first.check()
        for _ in range(180):  # until the quiz wheel (the runtime's last file) has arrived, at most 90 s
            page.wait_for_timeout(500)
            if any(u.endswith(".whl") for u in urls):
                break
        page.wait_for_timeout(1000)
    context.close()
    return sum(sizes), len(sizes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=None)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="redflags-weight-") as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            subprocess.run([sys.executable, str(ROOT / "build.py"), "site", "--out", str(site)], check=True,
                           capture_output=True)
        prefix = Path(work) / "nginx"
        prefix.mkdir()
        with nginx_serving(site.resolve(), prefix) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print("| page type | transferred | requests |\n|---|---|---|")
            rows = [(name, f"{base}/{path}", False) for name, path in PAGES]
            rows.append(("quiz, full run (runtime loaded)", f"{base}/en/quiz/", True))
            for name, url, run in rows:
                size, count = weigh(browser, url, run_quiz=run)
                print(f"| {name} | {size / 1024:.0f} KB | {count} |", flush=True)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
