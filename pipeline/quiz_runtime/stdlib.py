"""The quiz's own ``python_stdlib.zip``: compiled where the engine runs, trimmed to what it can import.

Pyodide's ``python_stdlib.zip`` holds the standard library as ``.py`` sources only, so
every module a reader's browser imports is compiled first, inside WebAssembly: about
half of the runtime's start-up (measured in Node: ready in 3.4-5.6 s instead of
6.7-10 s on the loaded build machine). The build replaces the zip in the runtime
folder (same name: the loaders ask Pyodide for it as before) by:

- an unchecked hash-based ``.pyc`` (no source, no check) for every module imported
  while the engine runs (``stdlib_compile.mjs`` boots the bundle's own Pyodide in
  Node, loads the quiz wheel, calls ``bank_json`` and ``score_json`` in every
  language with good and bad input, and compiles what ``sys.modules`` then holds
  from the zip; bytecode is specific to Pyodide's Python version, so Pyodide
  compiles it);
- the ``.py`` source of every other module those, or any ``import`` statement of the
  quiz wheel itself, can import (statements followed to the end, functions included),
  so a path the run did not take still finds its module, only slower;
- the modules the library imports by a computed name, which no ``import`` statement
  shows (``DYNAMIC``: every codec of ``encodings``, looked up by name; ``sysconfig``'s
  platform data), as sources too;
- nothing else (about 240 of the 560 modules are unreachable: ``unittest.mock``,
  ``mailbox``, ``smtplib``, ``cProfile``...).

Same inputs, same bytes: ``PYTHONHASHSEED=0`` in Node (frozenset constants are ordered
by hash), entries in the npm zip's order with its timestamps, deflate level 9. The
compiled result is kept in the build cache (``Config.cache_dir``), keyed by the npm
zip, the quiz wheel, the lock file and this step's own code, so Node runs only when
one of them changes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import QuizBundleError

STDLIB = "python_stdlib.zip"
DYNAMIC = re.compile(r"encodings/[\w/]+\.py|_sysconfigdata_\w*\.py")
"""Entries imported by a computed name (``codecs.lookup``, ``sysconfig``): kept as sources."""
SCRIPT = Path(__file__).with_name("stdlib_compile.mjs")
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<dots>\.*)(?P<module>[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#;]+)"
    r"|import[ \t]+(?P<plain>[^\n#;]+))",
    re.MULTILINE,
)


def build_stdlib(runtime: Path, *, wheel: Path, cache_dir: Path | None = None) -> None:
    """Replace ``runtime/python_stdlib.zip`` (npm's, already copied) with the quiz's."""
    original = (runtime / STDLIB).read_bytes()
    key = hashlib.sha256(
        b"\0".join(
            [
                Path(__file__).read_bytes(),
                SCRIPT.read_bytes(),
                original,
                wheel.read_bytes(),
                (runtime / "pyodide-lock.json").read_bytes(),
                zlib.ZLIB_RUNTIME_VERSION.encode(),
            ]
        )
    ).hexdigest()
    cached = cache_dir / "stdlib" / f"{key}.zip" if cache_dir else None
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, runtime / STDLIB)
        return
    compiled = compile_in_pyodide(runtime)
    data = quiz_stdlib(original, imported=compiled["imported"], pyc=compiled["pyc"], also=wheel_imports(wheel))
    (runtime / STDLIB).write_bytes(data)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".stdlib-", dir=cached.parent)
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(tmp, cached)
        except OSError:
            pass  # a cache that cannot be written only costs the next build this step again


def compile_in_pyodide(runtime: Path) -> dict:
    """``stdlib_compile.mjs`` run by Node over the runtime folder: the imported entries and their ``.pyc``."""
    node = shutil.which("node")
    if node is None:
        raise QuizBundleError("Node.js is needed to compile the quiz's standard library (`node` not found)", SCRIPT)
    with tempfile.TemporaryDirectory(prefix="redflags-stdlib-") as tmp:
        out = Path(tmp) / "compiled.json"
        result = subprocess.run(
            [node, str(SCRIPT), str(runtime.resolve()), str(out)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0 or not out.is_file():
            raise QuizBundleError(f"compiling the standard library failed: {result.stderr.strip()[-800:]}", SCRIPT)
        compiled = json.loads(out.read_text(encoding="utf-8"))
    return {"imported": compiled["imported"], "pyc": {k: base64.b64decode(v) for k, v in compiled["pyc"].items()}}


def wheel_imports(wheel: Path) -> set[str]:
    """Every module an ``import`` statement of the wheel's Python files names (the engine's own code).

    The build's run of the engine takes its main paths only; whatever else the engine can
    import (a function the run did not call) stays in the zip as source through these.
    """
    found: set[str] = set()
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith(".py"):
                found |= imported_names(archive.read(name).decode("utf-8", "replace"), package_of(name))
    return found


def quiz_stdlib(
    original: bytes, *, imported: list[str], pyc: dict[str, bytes], also: Iterable[str] = ()
) -> bytes:
    """The new zip: ``.pyc`` for ``imported``, sources for what they and the modules ``also`` names can import."""
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        infos = [info for info in source.infolist() if not info.is_dir()]
        sources = {info.filename: source.read(info) for info in infos if info.filename.endswith(".py")}
        missing = sorted(set(imported) - set(pyc) | set(imported) - set(sources))
        if missing:
            raise QuizBundleError(f"no compiled module or source for {', '.join(missing)}", SCRIPT)
        roots = [*imported, *(name for name in sources if DYNAMIC.fullmatch(name) and name not in imported)]
        for module in sorted(also):  # the engine's own imports, with their parent packages
            parts = module.split(".")
            for depth in range(1, len(parts) + 1):
                entry = entry_of(".".join(parts[:depth]), sources)
                if entry and entry not in roots:
                    roots.append(entry)
        reachable = import_closure(sources, roots)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in infos:
                name = info.filename
                if name in pyc and name in imported:
                    _write(target, name[:-3] + ".pyc", info.date_time, pyc[name])
                elif name in reachable:
                    _write(target, name, info.date_time, sources[name])
    return out.getvalue()


def _write(target: zipfile.ZipFile, name: str, date_time: tuple[int, ...], data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    target.writestr(info, data, compresslevel=9)


def import_closure(sources: dict[str, str | bytes], roots: list[str]) -> set[str]:
    """Entries of ``sources`` (zip names, ``a/b.py``) that ``roots`` import, directly or not."""
    seen = set(roots)
    todo = list(roots)
    while todo:
        name = todo.pop()
        text = sources[name]
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        for module in imported_names(text, package_of(name)):
            parts = module.split(".")
            for depth in range(1, len(parts) + 1):  # importing a.b.c imports a and a.b first
                entry = entry_of(".".join(parts[:depth]), sources)
                if entry and entry not in seen:
                    seen.add(entry)
                    todo.append(entry)
    return seen


def package_of(entry: str) -> str:
    """The package a zip entry's relative imports start from (``a/b.py`` -> ``a``, ``a/__init__.py`` -> ``a``)."""
    module = entry.removesuffix(".py").replace("/", ".")
    return module.removesuffix(".__init__") if module.endswith(".__init__") else module.rpartition(".")[0]


def entry_of(module: str, sources: dict[str, str | bytes]) -> str | None:
    path = module.replace(".", "/")
    for candidate in (f"{path}.py", f"{path}/__init__.py"):
        if candidate in sources:
            return candidate
    return None


def imported_names(text: str, package: str) -> set[str]:
    """Every module an ``import`` statement of ``text`` may load (``from m import x``: ``m`` and ``m.x``)."""
    found: set[str] = set()
    for match in _IMPORT.finditer(text):
        if match["plain"] is not None:
            for part in match["plain"].split(","):
                name = part.split(" as ")[0].strip()
                if re.fullmatch(r"[\w.]+", name):
                    found.add(name)
            continue
        module = match["module"]
        dots = len(match["dots"])
        if dots:
            base = package.split(".") if package else []
            base = base[: len(base) - (dots - 1)] if dots > 1 else base
            module = ".".join([*base, module] if module else base)
        if not module:
            continue
        found.add(module)
        for part in match["names"].strip("()").split(","):
            name = part.split(" as ")[0].strip()
            if re.fullmatch(r"\w+", name):
                found.add(f"{module}.{name}")
    return found
