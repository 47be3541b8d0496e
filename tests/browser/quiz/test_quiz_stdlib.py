"""The built site's python_stdlib.zip: bytecode for what the engine imports, sources for the rest it can reach.

The quiz flows of ``test_quiz_browser.py`` run on this very zip (every language, share links,
bad input), so a module the trimming lost fails them; here, its shape.
"""

from __future__ import annotations

import zipfile
from pathlib import Path


def test_stdlib_is_compiled_where_the_engine_imports(built_site: Path) -> None:
    (stdlib,) = (built_site / "_quiz").glob("*/python_stdlib.zip")
    with zipfile.ZipFile(stdlib) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    compiled = {name for name in entries if name.endswith(".pyc")}
    sources = {name for name in entries if name.endswith(".py")}
    for module in ("json/__init__", "gettext", "tomllib/__init__", "dataclasses", "_pyodide/_base"):
        assert f"{module}.pyc" in compiled, module
    assert not {name[:-1] for name in compiled} & sources  # bytecode alone, never beside its source
    headers = {entries[name][:4] for name in compiled}
    assert len(headers) == 1  # one Python version's magic number
    assert {int.from_bytes(entries[name][4:8], "little") for name in compiled} == {1}  # hash-based, unchecked
    assert sources and not [n for n in entries if not n.endswith((".py", ".pyc"))]
    assert "tkinter/__init__.py" not in entries and "unittest/mock.py" not in entries  # unreachable: gone
