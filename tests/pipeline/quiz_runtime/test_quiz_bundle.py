"""pipeline/quiz_runtime/bundle.py: vendored Pyodide checked by sha256, a reproducible wheel, the lock file."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import BuildError
from pipeline.quiz_runtime import bundle as quiz_bundle
from pipeline.quiz_runtime.bundle import QuizBundleError, build_quiz_bundle, read_sums, verify_npm_files

ROOT = Path(__file__).resolve().parents[3]
NPM_FILES = {
    "pyodide.mjs": b"export const loadPyodide = 1;\n",
    "pyodide.asm.mjs": b"export default 1;\n",
    "pyodide.asm.wasm": b"\0asm\1\0\0\0",
    "python_stdlib.zip": b"PK\5\6" + b"\0" * 18,
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny project: fake Pyodide files with their sums, a two-module quiz package, our assets."""
    monkeypatch.setattr(quiz_bundle, "_compile_catalogs", lambda root: None)
    monkeypatch.setattr(quiz_bundle, "build_stdlib", lambda runtime, **_: None)  # needs a real Pyodide: tested apart
    root = tmp_path / "project"
    npm = root / "node_modules" / "pyodide"
    npm.mkdir(parents=True)
    for name, data in NPM_FILES.items():
        (npm / name).write_bytes(data)
    shutil.copyfile(ROOT / "node_modules/pyodide/pyodide-lock.json", npm / "pyodide-lock.json")
    names = sorted(p.name for p in npm.iterdir())
    sums = "".join(f"{hashlib.sha256((npm / name).read_bytes()).hexdigest()}  {name}\n" for name in names)
    (root / "pipeline/quiz_runtime").mkdir(parents=True)
    (root / "pipeline/quiz_runtime/pyodide-files.sha256").write_text(sums, encoding="utf-8")
    shutil.copytree(ROOT / "pipeline/quiz_runtime/assets", root / "pipeline/quiz_runtime/assets")
    package = root / "quiz"
    (package / "data").mkdir(parents=True)
    (package / "locale/es/LC_MESSAGES").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "__init__.py").write_text('"""quiz"""\n', encoding="utf-8")
    (package / "json_api.py").write_text("def bank_json(lang): return '{}'\n", encoding="utf-8")
    (package / "data/bank.toml").write_text("schema_version = 1\n", encoding="utf-8")
    (package / "locale/es/LC_MESSAGES/quiz.mo").write_bytes(b"\xde\x12\x04\x95")
    (package / "locale/es/LC_MESSAGES/quiz.po").write_text("# not shipped\n", encoding="utf-8")
    (package / "__pycache__/json_api.cpython-312.pyc").write_bytes(b"junk")
    return root


def test_bundle_has_runtime_wheel_lock_and_assets(project: Path, tmp_path: Path) -> None:
    """Core files copied, the wheel registered in the lock with its sha256, JS and CSS copied."""
    dest = tmp_path / "_quiz"
    build_quiz_bundle(dest, root=project)
    names = sorted(p.name for p in dest.iterdir())
    for name in (*NPM_FILES, "pyodide-lock.json", "quiz-widget.js", "quiz-worker.js", "quiz.css"):
        assert name in names
    wheel = dest / "redflags_quiz-0.1.0-py3-none-any.whl"
    lock = json.loads((dest / "pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["redflags-quiz"]
    assert entry["file_name"] == wheel.name
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["quiz"]
    assert "numpy" in lock["packages"]  # npm's lock is kept
    with zipfile.ZipFile(wheel) as archive:
        files = archive.namelist()
    assert "quiz/data/bank.toml" in files
    assert "quiz/locale/es/LC_MESSAGES/quiz.mo" in files
    assert not [f for f in files if f.endswith((".po", ".pyc"))]


def test_sha_mismatch_names_the_file_and_says_npm_ci(project: Path, tmp_path: Path) -> None:
    """A changed Pyodide file stops the build with its name, both sums and the fix."""
    (project / "node_modules/pyodide/pyodide.asm.wasm").write_bytes(b"tampered")
    with pytest.raises(QuizBundleError) as caught:
        build_quiz_bundle(tmp_path / "_quiz", root=project)
    message = str(caught.value)
    assert "pyodide.asm.wasm" in message
    assert "npm ci" in message
    assert hashlib.sha256(b"tampered").hexdigest() in message
    assert isinstance(caught.value, BuildError)
    assert not (tmp_path / "_quiz").exists()


def test_missing_file_names_it(project: Path, tmp_path: Path) -> None:
    """A Pyodide file missing from node_modules is reported by name."""
    (project / "node_modules/pyodide/python_stdlib.zip").unlink()
    with pytest.raises(QuizBundleError, match=r"python_stdlib\.zip is missing.*npm ci"):
        build_quiz_bundle(tmp_path / "_quiz", root=project)


def test_bad_sums_line_is_located(tmp_path: Path) -> None:
    """A malformed line of the sums file is reported with its line number."""
    sums = tmp_path / "sums"
    sums.write_text(f"{'a' * 64}  pyodide.mjs\nnot a sum\n", encoding="utf-8")
    with pytest.raises(QuizBundleError) as caught:
        read_sums(sums)
    assert caught.value.line == 2


def test_two_builds_are_identical(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Wheel and lock are byte-identical across builds, whatever the files' mtimes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_quiz_bundle(tmp_path / "a", root=project)
    for path in (project / "quiz").rglob("*"):
        path.touch()
    build_quiz_bundle(tmp_path / "b", root=project)
    for name in ("redflags_quiz-0.1.0-py3-none-any.whl", "pyodide-lock.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_recorded_sums_match_the_pinned_npm_package() -> None:
    """pipeline/quiz_runtime/pyodide-files.sha256 matches node_modules/pyodide at the version package.json pins."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    installed = json.loads((ROOT / "node_modules/pyodide/package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned
    sums = read_sums(ROOT / "pipeline/quiz_runtime/pyodide-files.sha256")
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"} <= set(sums)
    verify_npm_files(ROOT / "node_modules/pyodide", sums)


def test_worker_watches_the_warning_the_pinned_pyodide_logs_on_a_failed_wasm() -> None:
    """quiz-worker.js fails the boot on Pyodide's "wasm instantiation failed!" warning, because
    Pyodide 314 catches that failure and never settles loadPyodide. If an upgrade stops logging
    exactly this, the watcher is dead code and a corrupt wasm hangs the quiz again: fail loudly."""
    worker = (ROOT / "pipeline/quiz_runtime/assets/quiz-worker.js").read_text(encoding="utf-8")
    pyodide = (ROOT / "node_modules/pyodide/pyodide.mjs").read_text(encoding="utf-8")
    warning = 'const WASM_FAILED = "wasm instantiation failed!";'
    assert warning in worker
    assert 'console.warn("wasm instantiation failed!"),console.warn(' in pyodide


def test_cached_lock_is_reused_and_still_checked(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second build with the cache skips `pyodide lockfile add-wheels`; a stale cached lock is refused."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cache = tmp_path / "cache"
    build_quiz_bundle(tmp_path / "a", root=project, cache_dir=cache)

    def no_command(npm_lock: Path, wheel: Path) -> dict:
        raise AssertionError("the cached lock should have been used")

    monkeypatch.setattr(quiz_bundle, "_add_wheel", no_command)
    build_quiz_bundle(tmp_path / "b", root=project, cache_dir=cache)
    assert (tmp_path / "a/pyodide-lock.json").read_bytes() == (tmp_path / "b/pyodide-lock.json").read_bytes()
    (cached,) = (cache / "pyodide-lock").glob("*.json")
    lock = json.loads(cached.read_text(encoding="utf-8"))
    lock["packages"]["redflags-quiz"]["sha256"] = "0" * 64
    cached.write_text(json.dumps(lock), encoding="utf-8")
    with pytest.raises(QuizBundleError, match="no valid entry"):
        build_quiz_bundle(tmp_path / "c", root=project, cache_dir=cache)
