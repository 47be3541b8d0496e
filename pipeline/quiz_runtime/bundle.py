"""The quiz runtime folder (``site/_quiz/``): vendored Pyodide, the quiz wheel, its lock file, the JS/CSS.

- Pyodide's core files come from the pinned npm package (``node_modules/pyodide``),
  each checked against ``pipeline/quiz_runtime/pyodide-files.sha256``; nothing is downloaded.
- ``quiz/`` (with its compiled ``.mo`` files and ``data/``) becomes a pure-Python
  wheel (``pipeline/quiz_runtime/wheel.py``).
- ``pyodide-lock.json`` is npm's lock plus that wheel, made by
  ``pyodide lockfile add-wheels`` (pyodide-build, offline), so the worker can
  ``loadPackage("redflags-quiz")`` like any Pyodide package.
- ``python_stdlib.zip`` is replaced by the quiz's own: compiled where the engine
  runs, trimmed to what it can import (``pipeline/quiz_runtime/stdlib.py``).
- The browser code is copied from ``pipeline/quiz_runtime/assets/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.errors import QuizBundleError
from pipeline.quiz_runtime.stdlib import build_stdlib
from pipeline.quiz_runtime.wheel import WHEEL_NAME, build_wheel

SUMS_FILE = Path("pipeline/quiz_runtime/pyodide-files.sha256")
NPM_DIR = Path("node_modules/pyodide")
ASSETS_DIR = Path("pipeline/quiz_runtime/assets")
NPM_LOCK = "pyodide-lock.json"
"""Listed in the sums file, but only read: the bundle gets its own lock with the wheel."""
ASSET_SUFFIXES = (".js", ".css")


def build_quiz_bundle(dest: Path, *, root: Path, file_urls: bool = False, cache_dir: Path | None = None) -> None:
    """Fill ``dest`` (normally ``site/_quiz/``) with everything the quiz page loads.

    ``file_urls``: the offline bundle's form of the same files, for ``file://``
    (``pipeline/quiz_runtime/file_bundle.py``). ``cache_dir``: the build cache, where the
    compiled standard library is kept (``pipeline/quiz_runtime/stdlib.py``).
    """
    sums = read_sums(root / SUMS_FILE)
    verify_npm_files(root / NPM_DIR, sums)
    _compile_catalogs(root)
    dest.mkdir(parents=True, exist_ok=True)
    for name in sorted(sums):
        if name != NPM_LOCK:
            shutil.copyfile(root / NPM_DIR / name, dest / name)
    wheel = build_wheel(root / "quiz", dest)
    write_lock(root / NPM_DIR / NPM_LOCK, wheel, dest / "pyodide-lock.json", cache_dir=cache_dir)
    build_stdlib(dest, wheel=wheel, cache_dir=cache_dir)
    copy_assets(root / ASSETS_DIR, dest)
    if file_urls:
        from pipeline.quiz_runtime.file_bundle import build_file_url_runtime

        build_file_url_runtime(dest, root=root)


def read_sums(path: Path) -> dict[str, str]:
    """``sha256sum`` output (``<hex>  <name>`` per line) as ``{name: hex}``."""
    if not path.is_file():
        raise QuizBundleError("the list of Pyodide files and their sha256 sums is missing", path)
    sums: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name or "/" in name:
            raise QuizBundleError(f"expected '<sha256>  <file name>', got {line!r}", path, number)
        sums[name.strip()] = digest.lower()
    return sums


def verify_npm_files(npm_dir: Path, sums: dict[str, str]) -> None:
    """Every listed file exists in the npm package with the recorded sha256."""
    hint = "run `npm ci` to reinstall the pinned pyodide package (package-lock.json)"
    for name, expected in sorted(sums.items()):
        path = npm_dir / name
        if not path.is_file():
            raise QuizBundleError(f"Pyodide file {name} is missing; {hint}", path)
        actual = sha256_file(path)
        if actual != expected:
            raise QuizBundleError(
                f"Pyodide file {name} has sha256 {actual}, expected {expected} ({SUMS_FILE}); {hint}",
                path,
            )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _compile_catalogs(root: Path) -> None:
    """Compile ``quiz-engine.po`` into ``quiz/locale/``, so the wheel never ships stale ``.mo`` files.

    ``build.py site`` has compiled them already (the quiz form needs them); this keeps
    the bundle right when it is built on its own (``bench/``).
    """
    from pipeline.quiz_runtime.catalogs import compile_quiz_catalogs

    compile_quiz_catalogs(root)


def write_lock(npm_lock: Path, wheel: Path, out: Path, *, cache_dir: Path | None = None) -> None:
    """npm's ``pyodide-lock.json`` plus ``wheel``, via ``pyodide lockfile add-wheels`` (offline).

    With ``cache_dir`` the new lock is kept under the sha256 of npm's lock and of the wheel:
    the command's start-up (2-8 s of wall time on the loaded build machine, for 0.4 s of
    work) is paid once per quiz change. A cached lock is checked like a fresh one.
    """
    key = hashlib.sha256(npm_lock.read_bytes() + b"\0" + wheel.read_bytes()).hexdigest()
    cached = cache_dir / "pyodide-lock" / f"{key}.json" if cache_dir else None
    if cached is not None and cached.is_file():
        lock = json.loads(cached.read_text(encoding="utf-8"))
    else:
        lock = _add_wheel(npm_lock, wheel)
    entry = lock["packages"].get(WHEEL_NAME)
    if entry is None or entry.get("file_name") != wheel.name or entry.get("sha256") != sha256_file(wheel):
        raise QuizBundleError(f"the new lock file has no valid entry for {WHEEL_NAME}", out)
    text = json.dumps(lock, sort_keys=True, separators=(",", ":"))
    out.write_text(text, encoding="utf-8")
    if cached is not None and not cached.is_file():
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f".{cached.name}.{os.getpid()}")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, cached)
        except OSError:
            pass  # an unwritable cache only costs the next build the command again


def _add_wheel(npm_lock: Path, wheel: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        new_lock = Path(tmp) / "pyodide-lock.json"
        command = [
            sys.executable, "-P", "-m", "pyodide_cli", "lockfile", "add-wheels",
            "--input", str(npm_lock.resolve()), "--output", str(new_lock),
            "--base-path", str(wheel.parent.resolve()), str(wheel.resolve()),
        ]  # fmt: skip
        # -P and cwd: the project's build.py must not shadow the `build` package pyodide-build imports.
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp)
        if result.returncode != 0 or not new_lock.is_file():
            raise QuizBundleError(
                f"`pyodide lockfile add-wheels` failed: {(result.stderr or result.stdout).strip()[-800:]}", wheel
            )
        return json.loads(new_lock.read_text(encoding="utf-8"))


def copy_assets(assets: Path, dest: Path) -> None:
    """The quiz's JS modules and stylesheet."""
    from pipeline.quiz_runtime.file_bundle import FILE_URL_ONLY

    names = sorted(p for p in assets.iterdir() if p.suffix in ASSET_SUFFIXES and p.name not in FILE_URL_ONLY)
    if not names:
        raise QuizBundleError("no quiz JS/CSS assets found", assets)
    for path in names:
        shutil.copyfile(path, dest / path.name)
