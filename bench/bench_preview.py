"""Edit-to-reload time of the live preview (``build.py serve``), in a real browser.

Starts ``build.py serve --port 0`` in a temporary copy of the project, opens a
page in Debian's Chromium, then edits a source and measures the time from the
file write to the open tab showing the new text after its automatic reload
(watcher poll + rebuild + swap + reload + page load). Goal: under 2 s for an
edit that touches one language's page.

    .venv/bin/python bench/bench_preview.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.test_live_preview import (  # noqa: E402
    ES_PAGE,
    ES_PARAGRAPH,
    RU_MSGSTR,
    RU_PO,
    Preview,
    copy_project,
)


def measure(preview: Preview, page: object, rel: str, old: str, marks: list[str], url: str) -> list[float]:
    page.goto(preview.url + url)
    page.wait_for_load_state("load")
    times = []
    current = old
    for mark in marks:
        page.wait_for_timeout(500)  # let the tab start polling; the machine settle
        new = f"{mark} {old}"
        started = time.perf_counter()
        preview.edit(rel, current, new)
        page.locator(f"text={mark}").first.wait_for(timeout=60_000)
        times.append(time.perf_counter() - started)
        current = new
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        preview = Preview(copy_project(Path(tmp)))
        print(f"start-up (full first build, quiz runtime included): {time.perf_counter() - started:.2f} s")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                cases = [
                    ("Russian .po entry (rebuilds ru)", RU_PO, RU_MSGSTR, "/ru/when-to-say-no/", "ЗОНД"),
                    ("Spanish article paragraph (rebuilds es, ru, en)", ES_PAGE, ES_PARAGRAPH,
                     "/es/when-to-say-no/", "SONDA"),
                ]
                for label, rel, old, url, mark in cases:
                    times = measure(preview, page, rel, old, [f"{mark}{i}" for i in range(args.runs)], url)
                    print(f"{label}: median {statistics.median(times):.2f} s "
                          f"[{min(times):.2f}-{max(times):.2f}] over {len(times)} edits")
                browser.close()
        finally:
            preview.process.terminate()
            preview.process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
