"""Lighthouse (npm ``lighthouse`` 12, the last major supporting Node 20) in mobile mode.

Runs on the home page, one guidance page and the quiz page of each language
(``PAGES``), with Debian's Chromium. Thresholds: performance >= 95,
accessibility, best practices and SEO 100. A miss is reported with the
failing audits.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from pipeline.gates import Finding, GateResult, serving

LIGHTHOUSE = Path("node_modules/lighthouse/cli/index.js")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LANGS = ("es", "ru", "en")
#: page type -> path inside a language
PAGE_TYPES = {"home": "", "guidance": "when-to-say-no/", "quiz": "quiz/"}


def pages(langs: tuple[str, ...] = LANGS, types: tuple[str, ...] = tuple(PAGE_TYPES)) -> list[str]:
    return [f"{lang}/{PAGE_TYPES[t]}" for lang in langs for t in types]


def audit(url: str, *, root: Path) -> dict:
    """One Lighthouse run; the JSON report (``lhr``)."""
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    proc = subprocess.run(
        ["node", str(root / LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(THRESHOLDS)],
        capture_output=True, text=True, check=False, env=env, timeout=300,
    )
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


def run(site_dir: Path, *, root: Path, paths: list[str] | None = None) -> GateResult:
    if not (root / LIGHTHOUSE).is_file():
        return GateResult("lighthouse", "not run", [Finding(str(LIGHTHOUSE), 0, "lighthouse missing: npm ci")])
    paths = paths if paths is not None else [p for p in pages() if (site_dir / p / "index.html").is_file()]
    found: list[Finding] = []
    table: dict[str, dict[str, int]] = {}
    with serving(site_dir) as base:
        for path in paths:
            target = f"site/{path}index.html"
            try:
                report = audit(f"{base}/{path}", root=root)
            except (RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
                found.append(Finding(target, 0, f"lighthouse failed: {exc}"))
                continue
            table[path] = got = scores(report)
            for category, minimum in THRESHOLDS.items():
                if got.get(category, 0) < minimum:
                    audits = ", ".join(failing_audits(report, category))
                    found.append(Finding(target, 0, f"lighthouse {category} {got.get(category)} < {minimum}: {audits}"))
    figures = "; ".join(f"{p or '/'} " + "/".join(str(s[c]) for c in THRESHOLDS) for p, s in table.items())
    result = GateResult("lighthouse", f"{len(table)} pages (perf/a11y/bp/seo): {figures}", found)
    result.scores = table  # type: ignore[attr-defined]
    return result
