"""Links: LinkChecker (PyPI ``linkchecker``) crawls the built site served on localhost.

Only our own URLs are followed (the machine has no internet and the site
links nowhere else it depends on); every page is reached from the root
language chooser, and pages no link reaches are started from explicitly,
so a page added later (embed frame, offline bundle) is checked too.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.gates.base import Finding, GateResult, html_files, serving, url_path


def _linkchecker() -> str:
    exe = Path(sys.executable).with_name("linkchecker")
    return str(exe) if exe.exists() else (shutil.which("linkchecker") or "linkchecker")


def run(site_dir: Path, *, root: Path) -> GateResult:
    files = html_files(site_dir)
    with serving(site_dir) as base:
        # The root first: LinkChecker takes its URL as the "intern" prefix, so
        # everything on our origin is followed and nothing else is fetched.
        urls = [base + "/", *(base + url_path(site_dir, f) for f in files)]
        proc = subprocess.run(
            [_linkchecker(), "--no-status", "--no-warnings", "--verbose", "-o", "csv", "--threads", "4",
             "--recursion-level", "-1", *urls],
            capture_output=True, text=True, check=False,
        )
    found, checked = parse_csv(proc.stdout, base=base)
    if proc.returncode not in (0, 1):
        found.append(Finding("linkchecker", 0, f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"))
    return GateResult("links", f"{len(files)} start pages, {checked} links, {len(found)} broken", found)


def parse_csv(text: str, *, base: str) -> tuple[list[Finding], int]:
    """LinkChecker's CSV output -> (broken links as findings, number of rows)."""
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    found: list[Finding] = []
    count = 0
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        count += 1
        if row.get("valid", "True") == "True":
            continue
        parent = (row.get("parentname") or "").removeprefix(base).lstrip("/").split("#")[0]
        if parent == "" or parent.endswith("/"):
            parent += "index.html"  # a directory URL is its index page
        found.append(Finding(f"site/{parent}", int(row.get("line") or 0),
                             f"broken link {row.get('urlname')}: {row.get('result')}"))
    return found, count
