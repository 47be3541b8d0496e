"""The file:// form of the quiz runtime: the build refuses a Pyodide it cannot turn into classic scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.quiz_runtime.bundle import NPM_DIR, QuizBundleError, copy_assets
from pipeline.quiz_runtime.file_bundle import FILE_URL_ONLY, SHIM_FILES, WHEEL_FILE, _classic_asm

ROOT = Path(__file__).resolve().parents[3]
ASM = ROOT / NPM_DIR / "pyodide.asm.mjs"


def test_pinned_asm_module_becomes_a_classic_script() -> None:
    classic = _classic_asm(ASM.read_text(encoding="utf-8"), ASM)
    assert "import.meta" not in classic
    assert "export default" not in classic
    assert classic.count("self.redflagsCreatePyodideModule=_createPyodideModule;") == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("export default _createPyodideModule;", "export { _createPyodideModule };"),
        lambda text: text + "\nconst where = import.meta.resolve('x');",
        lambda text: 'import "./other.mjs";\n' + text,
    ],
    ids=["export changed", "other import.meta use", "static import"],
)
def test_a_changed_asm_module_fails_the_build_naming_the_file(change) -> None:
    with pytest.raises(QuizBundleError, match="pyodide.asm.mjs changed shape") as caught:
        _classic_asm(change(ASM.read_text(encoding="utf-8")), ASM)
    assert "node_modules/pyodide/pyodide.asm.mjs" in str(caught.value)


def test_shim_list_is_the_runtime_files_and_the_wheel() -> None:
    assert set(SHIM_FILES) == {"pyodide.asm.wasm", "python_stdlib.zip", WHEEL_FILE}


def test_online_runtime_gets_no_file_url_sources(tmp_path: Path) -> None:
    copy_assets(ROOT / "pipeline/quiz_runtime/assets", tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    assert "quiz-loader-http.js" in names
    assert not names & set(FILE_URL_ONLY)
