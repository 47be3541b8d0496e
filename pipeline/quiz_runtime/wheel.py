"""``quiz/`` as a pure-Python wheel that Pyodide installs like any package.

Written with ``wheel.wheelfile.WheelFile`` at a fixed timestamp
(``SOURCE_DATE_EPOCH``, else 1980-01-01), so two builds give the same bytes.
Both runtime forms (``bundle.py`` for http, ``file_bundle.py`` for file://)
name the wheel through this module.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipInfo

from pipeline.errors import QuizBundleError

WHEEL_NAME = "redflags-quiz"
"""Distribution name of the quiz wheel; the worker loads it by this name."""
WHEEL_VERSION = "0.1.0"
_EPOCH_1980 = 315532800


def wheel_files(package: Path) -> Iterator[tuple[str, Path]]:
    """``(archive name, file)`` for the package's code, data and ``.mo`` files, sorted."""
    if not (package / "__init__.py").is_file():
        raise QuizBundleError("the quiz package has no __init__.py", package)
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if not path.is_file() or "__pycache__" in rel.parts or rel.parts[0] == "tests":
            continue
        if path.suffix in {".pyc", ".po", ".pot"} or path.name.startswith("."):
            continue
        yield f"{package.name}/{rel.as_posix()}", path


def build_wheel(package: Path, out_dir: Path) -> Path:
    """Write ``redflags_quiz-<version>-py3-none-any.whl`` into ``out_dir``; return its path."""
    from wheel.wheelfile import WheelFile

    dist = WHEEL_NAME.replace("-", "_")
    path = out_dir / f"{dist}-{WHEEL_VERSION}-py3-none-any.whl"
    info = f"{dist}-{WHEEL_VERSION}.dist-info"
    metadata = (
        f"Metadata-Version: 2.1\nName: {WHEEL_NAME}\nVersion: {WHEEL_VERSION}\n"
        "Summary: How risky is this client? The redflags quiz engine (pure Python).\n"
        "Requires-Python: >=3.11\n"
    )
    wheel_meta = (
        "Wheel-Version: 1.0\nGenerator: redflags pipeline.quiz_bundle\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    epoch = _source_date_epoch()
    with WheelFile(path, "w") as wf:
        for arcname, file in wheel_files(package):
            wf.writestr(_zipinfo(arcname, epoch), file.read_bytes())
        wf.writestr(_zipinfo(f"{info}/METADATA", epoch), metadata)
        wf.writestr(_zipinfo(f"{info}/WHEEL", epoch), wheel_meta)
        wf.writestr(_zipinfo(f"{info}/top_level.txt", epoch), f"{package.name}\n")
    # WheelFile.close() adds RECORD with the current clock: rewrite its date.
    _fix_record_timestamp(path, epoch)
    return path


def _source_date_epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return max(int(value), _EPOCH_1980) if value.isdigit() else _EPOCH_1980


def _zipinfo(name: str, epoch: int) -> ZipInfo:
    import time

    info = ZipInfo(name, date_time=time.gmtime(epoch)[:6])
    info.compress_type = ZIP_DEFLATED
    info.external_attr = (0o644 | stat.S_IFREG) << 16
    return info


def _fix_record_timestamp(path: Path, epoch: int) -> None:
    """Re-zip with every entry at ``epoch`` (RECORD is written by WheelFile at close time)."""
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as out:
        for item in src.infolist():
            out.writestr(_zipinfo(item.filename, epoch), src.read(item.filename))
    tmp.replace(path)
