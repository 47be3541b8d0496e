"""Lighthouse (npm ``lighthouse`` 12, the last major supporting Node 20) in mobile mode.

Runs on the home page, one guidance page and the quiz page of each language
(``PAGES``), with Debian's Chromium. Thresholds: performance >= 95,
accessibility, best practices and SEO 100. A miss is reported with the
failing audits.

The site is served as production serves it (``serving(production=True)``:
precompressed ``.br``/``.gz``, keep-alive, the header policy), so the simulated
transfers are what readers download. Performance is a simulation on top of a
real page load whose CPU time is multiplied by 4: a busy machine inflates it.
Lighthouse's own advice for that variance is several runs and the median, so
each page is audited ``runs`` times (``REDFLAGS_LIGHTHOUSE_RUNS``, default 3) and
every category is judged on its median; the figures show each run's performance
and the load average, so a miss under load can be told from a real regression.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path

from pipeline.gates.base import Finding, GateResult, serving

LIGHTHOUSE = Path("node_modules/lighthouse/cli/index.js")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LANGS = ("es", "ru", "en")
#: page type -> path inside a language
PAGE_TYPES = {"home": "", "guidance": "when-to-say-no/", "quiz": "quiz/"}
RUNS_ENV = "REDFLAGS_LIGHTHOUSE_RUNS"
DEFAULT_RUNS = 3


def default_runs() -> int:
    value = os.environ.get(RUNS_ENV, "")
    return max(1, int(value)) if value.isdigit() else DEFAULT_RUNS


def pages(langs: tuple[str, ...] = LANGS, types: tuple[str, ...] = tuple(PAGE_TYPES)) -> list[str]:
    return [f"{lang}/{PAGE_TYPES[t]}" for lang in langs for t in types]


LAUNCH_FAILED = "Unable to connect to Chrome"
"""Lighthouse's message when Chromium did not answer in time at start-up: no page was measured."""
LAUNCH_ATTEMPTS = 3


def audit(url: str, *, root: Path) -> dict:
    """One Lighthouse run; the JSON report (``lhr``).

    A Chromium that failed to start (seen once in 27 runs on the loaded machine) is launched
    again, up to ``LAUNCH_ATTEMPTS`` times: that is no measurement, so retrying it hides nothing.
    Any other failure is reported at once.
    """
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    for _ in range(LAUNCH_ATTEMPTS):
        proc = subprocess.run(
            ["node", str(root / LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
             f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(THRESHOLDS)],
            capture_output=True, text=True, check=False, env=env, timeout=300,
        )
        if proc.returncode == 0 or LAUNCH_FAILED not in proc.stderr:
            break
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip()[-400:])
    return json.loads(proc.stdout)


def scores(report: dict) -> dict[str, int]:
    return {name: round((cat.get("score") or 0) * 100) for name, cat in report["categories"].items()}


def failing_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    out = []
    for ref in refs:
        result = report["audits"].get(ref["id"], {})
        if ref.get("weight", 0) > 0 and result.get("score") is not None and result["score"] < 1:
            out.append(ref["id"])
    return out


def median_scores(runs: list[dict[str, int]]) -> dict[str, int]:
    """Per category, the median over the runs (the low median for an even count: never rounded up)."""
    return {name: statistics.median_low(r.get(name, 0) for r in runs) for name in runs[0]}


def run(site_dir: Path, *, root: Path, paths: list[str] | None = None, runs: int | None = None) -> GateResult:
    if not (root / LIGHTHOUSE).is_file():
        return GateResult("lighthouse", "not run", [Finding(str(LIGHTHOUSE), 0, "lighthouse missing: npm ci")])
    paths = paths if paths is not None else [p for p in pages() if (site_dir / p / "index.html").is_file()]
    runs = runs or default_runs()
    found: list[Finding] = []
    table: dict[str, dict[str, int]] = {}
    every_run: dict[str, list[dict[str, int]]] = {}
    all_reports: dict[str, list[dict]] = {}
    loads = [os.getloadavg()[0]]
    with serving(site_dir, production=True) as base:  # compressed and kept alive, as nginx serves it
        for path in paths:
            target = f"site/{path}index.html"
            reports = []
            for _ in range(runs):
                try:
                    reports.append(audit(f"{base}/{path}", root=root))
                except (RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
                    found.append(Finding(target, 0, f"lighthouse failed: {exc}"))
                    break
                loads.append(os.getloadavg()[0])
            if len(reports) < runs:
                continue
            every_run[path] = [scores(r) for r in reports]
            all_reports[path] = reports
            table[path] = got = median_scores(every_run[path])
            for category, minimum in THRESHOLDS.items():
                if got.get(category, 0) < minimum:
                    worst = min(reports, key=lambda r, c=category: scores(r).get(c, 0))
                    audits = ", ".join(failing_audits(worst, category))
                    found.append(Finding(target, 0, f"lighthouse {category} {got.get(category)} < {minimum} "
                                                    f"(median of {runs}): {audits}"))
    figures = "; ".join(
        f"{p or '/'} " + "/".join(str(s[c]) for c in THRESHOLDS)
        + (f" (perf runs {','.join(str(r['performance']) for r in every_run[p])})" if runs > 1 else "")
        for p, s in table.items()
    )
    load = f"load avg {min(loads):.1f}-{max(loads):.1f}"
    result = GateResult("lighthouse", f"{len(table)} pages (perf/a11y/bp/seo, median of {runs}; {load}): {figures}",
                        found)
    result.scores = table  # type: ignore[attr-defined]
    result.runs = every_run  # type: ignore[attr-defined]
    result.reports = all_reports  # type: ignore[attr-defined]
    return result
