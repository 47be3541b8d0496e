"""Accessibility: axe-core (npm, WCAG 2 A/AA + best practices) on every HTML page.

Every HTML file of the output is loaded in Debian's Chromium (Playwright)
and checked after its scripts ran. A page holding the quiz form is also
checked in its two other states: the result view (opened from a share link
of a valid answer set) and the error view (a tampered link). Violations of
any impact count.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from pipeline.gates.base import Finding, GateResult, html_files, serving, url_path

AXE = Path("node_modules/axe-core/axe.min.js")
RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
QUIZ_FORM = "data-question="
RESULT = ".rf-quiz__result"
ALERT = ".rf-quiz__problems [role=alert]"
SLOW_MS = 90_000  # a cold Pyodide start on a busy machine


def quiz_fragments(lang: str) -> dict[str, str]:
    """Share-link fragments that open the result view and the error view."""
    from quiz.json_api import bank_json

    questions = json.loads(bank_json(lang))["questions"]
    pairs = [(q["id"], q["answers"][-1]["id"]) for q in questions]
    encode = lambda items: "#quiz=1:" + ",".join(f"{quote(q, safe='')}={quote(a, safe='')}" for q, a in items)  # noqa: E731
    # A link with no usable answer shows the "damaged" error (a link cut short opens the questions instead).
    return {"result": encode(pairs), "error": encode([(pairs[0][0], "no-such-answer")])}


def _lang_of(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in ("es", "ru", "en") else "en"


def check_pages(
    site_dir: Path, files: list[Path], *, root: Path, quiz_views: bool = True, browser: object | None = None
) -> tuple[list[Finding], int]:
    """Run axe on ``files`` (and on the quiz's result and error views); return findings and views checked.

    ``browser``: a running Playwright browser to reuse (the tests' session one); else one is launched.
    """
    if browser is not None:
        return _check(site_dir, files, root=root, quiz_views=quiz_views, browser=browser)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _check(site_dir, files, root=root, quiz_views=quiz_views, browser=launched)
        finally:
            launched.close()


def _check(site_dir: Path, files: list[Path], *, root: Path, quiz_views: bool, browser: object) -> tuple[list, int]:
    axe = root / AXE
    if not axe.is_file():
        return [Finding(str(AXE), 0, "axe-core missing: run scripts/bootstrap.sh (npm ci)")], 0
    found: list[Finding] = []
    views = 0
    with serving(site_dir) as base:
        context = browser.new_context(bypass_csp=True)  # axe is injected by us, not by the page
        try:
            page = context.new_page()
            for file in files:
                rel = file.relative_to(site_dir).as_posix()
                html = file.read_text(encoding="utf-8", errors="replace")
                states = {"page": ""}
                if quiz_views and QUIZ_FORM in html:
                    states.update(quiz_fragments(_lang_of(rel)))
                for state, fragment in states.items():
                    page.goto("about:blank")
                    page.goto(base + url_path(site_dir, file) + fragment)
                    page.wait_for_load_state("load")
                    if state != "page":
                        page.locator(RESULT if state == "result" else ALERT).first.wait_for(timeout=SLOW_MS)
                    page.add_script_tag(path=str(axe))
                    result = page.evaluate(f"axe.run(document, {json.dumps(RULES)})")
                    views += 1
                    for v in result["violations"]:
                        where = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                        label = "" if state == "page" else f" [{state} view]"
                        found.append(Finding(f"site/{rel}", 0, f"axe{label}: {v['id']} ({v['impact']}) at {where}"))
        finally:
            context.close()
    return found, views


def run(site_dir: Path, *, root: Path) -> GateResult:
    files = html_files(site_dir)
    found, views = check_pages(site_dir, files, root=root)
    return GateResult("axe", f"{len(files)} pages, {views} views, {len(found)} violations", found)
