"""HTML validity: the W3C Nu HTML checker (npm ``vnu-jar``, run with Java) on every page.

All pages go to one Java process (a JVM start costs about a second). Only
errors count; ``TOLERATED`` lists the messages we accept, each with its reason
(also in the README).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

from pipeline.gates.base import Finding, GateResult, html_files

VNU_JAR = Path("node_modules/vnu-jar/build/dist/vnu.jar")

#: (pattern on the message, why we accept it). Keep this short and explained.
TOLERATED: list[tuple[re.Pattern[str], str]] = []


def tolerated(message: str) -> bool:
    return any(pattern.search(message) for pattern, _reason in TOLERATED)


def check_files(files: list[Path], *, root: Path) -> list[Finding]:
    """Validate ``files``; return every error not tolerated, with its file and line."""
    jar = root / VNU_JAR
    if not jar.is_file():
        return [Finding(str(VNU_JAR), 0, "vnu-jar missing: run scripts/bootstrap.sh (npm ci)")]
    java = shutil.which("java")
    if java is None:
        return [Finding("java", 0, "java missing: run scripts/bootstrap.sh --test")]
    proc = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True, check=False,
    )
    try:
        messages = json.loads(proc.stderr or proc.stdout)["messages"]
    except (ValueError, KeyError):
        return [Finding(str(jar), 0, f"vnu gave no report: {(proc.stderr or proc.stdout)[:300]}")]
    found = []
    for msg in messages:
        if msg.get("type") != "error" and msg.get("subType") != "fatal":
            continue
        if tolerated(msg.get("message", "")):
            continue
        path = unquote(urlparse(msg.get("url", "")).path)
        found.append(Finding(path, int(msg.get("lastLine", 0)), f"vnu: {msg.get('message', '').strip()}"))
    return found


def run(site_dir: Path, *, root: Path) -> GateResult:
    files = html_files(site_dir)
    found = check_files(files, root=root)
    found = [Finding(_relative(f.path, site_dir), f.line, f.message) for f in found]
    return GateResult("vnu", f"{len(files)} pages, {len(found)} errors", found)


def _relative(path: str, site_dir: Path) -> str:
    try:
        return "site/" + Path(path).resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return path
