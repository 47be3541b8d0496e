"""The quiz runtime for ``file://`` (the offline bundle): classic scripts only, nothing fetched.

From ``file://`` browsers refuse ``fetch``, ES module scripts and module workers,
so the offline build turns the runtime folder made by ``pipeline/quiz_runtime/bundle.py``
(same Pyodide files, same wheel, same lock, same JS sources) into classic scripts:

- ``quiz-widget-file.js``: ``quiz-widget.js`` and its imports bundled by esbuild
  into one classic script, with ``quiz-file-worker.js`` injected in place of the
  global ``Worker`` (a classic ``blob:`` worker fed with the scripts below);
- ``quiz-file-runtime.js``: the worker's code as one string: the lock file,
  ``pyodide.asm.mjs`` rewritten into a classic script, Pyodide's classic loader
  ``pyodide.js``, and ``quiz-worker.js`` bundled with ``quiz-loader-file.js`` in
  place of ``quiz-loader-http.js``;
- ``quiz-file-data-*.js``: the files Pyodide asks for (``SHIM_FILES``), base64
  (the wasm gzipped first), answered by the loader's narrow ``fetch`` replacement.

Every other runtime file is removed: a ``file://`` reader never asks for it.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import QuizBundleError
from pipeline.quiz_runtime.wheel import WHEEL_NAME, WHEEL_VERSION

ESBUILD = Path("node_modules/.bin/esbuild")
WHEEL_FILE = f"{WHEEL_NAME.replace('-', '_')}-{WHEEL_VERSION}-py3-none-any.whl"

DATA_SCRIPTS: dict[str, tuple[str, str, bool]] = {
    "quiz-file-data-wasm.js": ("pyodide.asm.wasm", "application/wasm", True),
    "quiz-file-data-stdlib.js": ("python_stdlib.zip", "application/zip", False),
    "quiz-file-data-wheel.js": (WHEEL_FILE, "application/zip", False),
}
"""Script -> (embedded file, its content type, gzipped before base64). Mirrors ``SCRIPTS`` in quiz-file-worker.js."""

SHIM_FILES = tuple(sorted(name for name, _, _ in DATA_SCRIPTS.values()))
"""Exactly the files Pyodide 314.0.7 asks for when the lock file and the asm module are given
inline; the loader's ``fetch`` replacement answers these and fails on anything else."""

KEEP_WORKER = "quiz-file-keep-worker.js"
"""A classic script the offline quiz pages run before Material's ``iframe-worker`` shim, which
replaces ``window.Worker`` on ``file://`` with an iframe stand-in (for the search worker)."""
KEEP_WORKER_CODE = (
    "// Keeps the browser's own Worker before the iframe-worker shim replaces it (quiz-file-worker.js uses it).\n"
    "globalThis.redflagsWorker??=globalThis.Worker;\n"
)

KEPT = ("quiz.css", "quiz-frame.js")
"""Files of the web runtime folder that the offline pages still use as they are."""

FILE_URL_ONLY = ("quiz-file-worker.js", "quiz-loader-file.js")
"""Sources used only to build the ``file://`` scripts: never copied into the web build."""

LOADER_IMPORT = '"./quiz-loader-http.js"'

NO_URL_SCRIPTS = (
    "// Runs before Pyodide's scripts: this worker loads no script by URL. Pyodide 314 probes for a\n"
    '// classic worker with importScripts("data:text/javascript,") (and refuses one where it works);\n'
    "// a throwing importScripts answers the probe without a request, so Firefox reports no\n"
    "// Content-Security-Policy violation for the data: URL (the page's script-src has no data:).\n"
    'self.importScripts=()=>{throw new Error("[redflags-quiz] the offline quiz worker loads no scripts by URL")};'
)
"""The first lines of ``quiz-file-runtime.js``, before the asm module and ``pyodide.js``, whose
environment checks call the probe as they are evaluated (so ``loadRuntime`` is too late)."""


def build_file_url_runtime(runtime: Path, *, root: Path) -> None:
    """Turn the web runtime folder ``runtime`` (``site/_quiz/``) into its ``file://`` form, in place."""
    assets = root / "pipeline" / "quiz_runtime" / "assets"
    esbuild = root / ESBUILD
    if not esbuild.is_file():
        raise QuizBundleError("esbuild is missing: run `npm ci` (package-lock.json pins it)", esbuild)
    with tempfile.TemporaryDirectory(prefix="redflags-quizfile-") as tmp:
        work = Path(tmp)
        for path in assets.glob("*.js"):
            shutil.copyfile(path, work / path.name)
        worker = work / "quiz-worker.js"
        source = worker.read_text(encoding="utf-8")
        if source.count(LOADER_IMPORT) != 1:
            raise QuizBundleError(f"quiz-worker.js must import {LOADER_IMPORT} exactly once", assets / "quiz-worker.js")
        worker.write_text(source.replace(LOADER_IMPORT, '"./quiz-loader-file.js"'), encoding="utf-8")
        worker_code = _esbuild(esbuild, "quiz-worker.js", work=work)
        widget_code = _esbuild(
            esbuild,
            "quiz-widget.js",
            "--inject:./quiz-file-worker.js",
            "--define:import.meta.url=document.currentScript.src",
            work=work,
        )
    lock = (runtime / "pyodide-lock.json").read_text(encoding="utf-8")
    runtime_code = "\n".join(
        [
            NO_URL_SCRIPTS,
            f"self.redflagsQuizFile.lock={lock};",
            _classic_asm((runtime / "pyodide.asm.mjs").read_text(encoding="utf-8"), runtime / "pyodide.asm.mjs"),
            "(function(){" + (root / "node_modules/pyodide/pyodide.js").read_text(encoding="utf-8") + "\n})();",
            worker_code,
        ]
    )
    scripts = {
        KEEP_WORKER: KEEP_WORKER_CODE,
        "quiz-widget-file.js": widget_code,
        "quiz-file-runtime.js": _assign("runtime", runtime_code),
    }
    for script, (name, content_type, zipped) in DATA_SCRIPTS.items():
        data = (runtime / name).read_bytes()
        if zipped:
            data = gzip.compress(data, compresslevel=9, mtime=0)
        entry = {"type": content_type, "gzip": zipped, "base64": base64.b64encode(data).decode("ascii")}
        scripts[script] = _assign(name, entry)
    for path in sorted(runtime.iterdir()):
        if path.name not in KEPT:
            path.unlink()
    for name, text in scripts.items():
        (runtime / name).write_text(text, encoding="utf-8")


def _assign(key: str, value: object) -> str:
    """A classic script adding ``value`` to the page's one global of quiz files."""
    return f"(globalThis.redflagsQuizFiles??={{}})[{json.dumps(key)}]={json.dumps(value)};\n"


def _esbuild(esbuild: Path, entry: str, *options: str, work: Path) -> str:
    """``work/entry`` and its imports as one classic script (an IIFE), not minified.

    Run inside ``work`` with relative names: esbuild's ``// file.js`` comments then name the
    module only, not the temporary folder, so two builds give the same bytes.
    """
    command = [
        str(esbuild.resolve()), entry, "--bundle", "--format=iife", "--target=es2022",
        "--charset=utf8", "--legal-comments=none", "--log-level=warning", *options,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=work)
    if result.returncode != 0 or result.stderr.strip():
        message = f"esbuild failed on {entry}: {(result.stderr or result.stdout).strip()[-800:]}"
        raise QuizBundleError(message, ESBUILD)
    return result.stdout


_EXPORT = "export default _createPyodideModule;"


def _classic_asm(text: str, path: Path) -> str:
    """``pyodide.asm.mjs`` as a classic script setting ``self.redflagsCreatePyodideModule``.

    Its only module syntax in 314.0.7 is ``import.meta.url`` (3 uses) and the one default
    export; anything else would fail here, naming the file, instead of in a reader's browser.
    """
    static_import = re.search(r"(?m)^\s*import\s*[\w{*\"']", text)
    if text.count(_EXPORT) != 1 or re.search(r"import\.meta(?!\.url)", text) or static_import:
        raise QuizBundleError("pyodide.asm.mjs changed shape: update pipeline/quiz_runtime/file_bundle.py", path)
    body = text.replace("import.meta.url", "redflagsAsmUrl")
    body = body.replace(_EXPORT, "self.redflagsCreatePyodideModule=_createPyodideModule;")
    return '(function(){var redflagsAsmUrl=self.redflagsQuizFile.base+"pyodide.asm.mjs";\n' + body + "\n})();"
