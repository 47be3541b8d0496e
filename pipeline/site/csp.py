"""Add a Content-Security-Policy ``<meta>`` to every built HTML page.

The policy allows only our own origin, plus ``'wasm-unsafe-eval'`` for
Pyodide, plus the sha256 of each inline script the theme writes into that
page (computed here, after the build, so a theme update cannot silently break
it). JSON data blocks (``type="application/json"``) are not scripts and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_HEAD = re.compile(r"<meta charset=\"utf-8\">", re.I)

BASE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy_for(html: str) -> str:
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(html)])
    return f"{BASE_POLICY}; script-src {scripts}"


def add_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    new, count = _HEAD.subn(lambda m: m.group(0) + meta, html, count=1)
    return new if count else html


def apply_csp(site_dir: Path) -> int:
    """Insert the policy into every HTML file under ``site_dir``; return how many."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "Content-Security-Policy" in html:
            continue
        path.write_text(add_policy(html), encoding="utf-8")
        count += 1
    return count
