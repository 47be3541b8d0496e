"""Catalogs: ``msgfmt --check`` and translate-toolkit's ``pofilter`` on every ``.po`` file.

pofilter runs the tests named in ``TESTS``. Our article catalogs hold Markdown
segments, so two checks are narrowed (``EXCLUDED`` says why); the rest run as
they are.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

from pipeline.gates.base import Finding, GateResult

TESTS = ("variables", "printf", "untranslated", "xmltags")

#: Message ids for which a pofilter test is a false positive, with the reason.
EXCLUDED: dict[str, tuple[re.Pattern[str], str]] = {}

_NOTE = re.compile(r"^# \(pofilter\) (?P<test>\w+): (?P<text>.*)$", re.M)


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def po_files(root: Path) -> list[Path]:
    return sorted((root / "locales").rglob("*.po"))


def msgfmt_findings(po: Path, *, root: Path) -> list[Finding]:
    proc = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True,
                          check=False)
    if proc.returncode == 0:
        return []
    found = []
    for line in proc.stderr.splitlines():
        match = re.match(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<msg>.*)$", line)
        if match:
            found.append(Finding(_rel(po, root), int(match["line"]), f"msgfmt: {match['msg']}"))
    return found or [Finding(_rel(po, root), 0, f"msgfmt: {proc.stderr.strip()}")]


def pofilter_findings(po: Path, *, root: Path) -> list[Finding]:
    """Run pofilter on one catalog; map each flagged unit back to its line in ``po``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.po"
        args = [_tool("pofilter"), "--progress=none", "--nofuzzy"]
        for test in TESTS:
            args += ["-t", test]
        proc = subprocess.run([*args, str(po), str(out)], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            return [Finding(_rel(po, root), 0, f"pofilter failed: {proc.stderr.strip()[-300:]}")]
        if not out.exists():
            return []
        flagged = out.read_text(encoding="utf-8")
    lines = {_key(m.id): m.lineno for m in _read(po)}
    found = []
    for block in flagged.split("\n\n"):
        notes = _NOTE.findall(block)
        if not notes:
            continue
        msgid = _msgid(block)
        for test, text in notes:
            excluded = EXCLUDED.get(test)
            if excluded and excluded[0].search(msgid):
                continue
            found.append(Finding(_rel(po, root), lines.get(msgid, 0), f"pofilter {test}: {text}"))
    return found


def run(site_dir: Path, *, root: Path) -> GateResult:
    files = po_files(root)
    found: list[Finding] = []
    for po in files:
        found += msgfmt_findings(po, root=root)
        found += pofilter_findings(po, root=root)
    return GateResult("catalogs", f"{len(files)} .po files, msgfmt + pofilter {','.join(TESTS)}", found)


def _read(po: Path) -> list:
    with po.open("rb") as handle:
        return list(read_po(handle))


def _key(msgid: object) -> str:
    return msgid[0] if isinstance(msgid, tuple) else str(msgid)


def _msgid(block: str) -> str:
    """The (first) msgid of one PO unit, unescaped."""
    from babel.messages.pofile import unescape

    parts, inside = [], False
    for line in block.splitlines():
        if line.startswith("msgid "):
            inside = True
            parts.append(unescape(line[6:]))
        elif inside and line.startswith('"'):
            parts.append(unescape(line))
        elif inside:
            break
    return "".join(parts)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
