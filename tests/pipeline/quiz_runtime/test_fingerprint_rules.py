"""The quiz runtime's folder name is a fingerprint of the whole tree: names and bytes.

The host caches ``_quiz/<hash>/`` for a year, so two different trees must never
share a name (a renamed or moved file counts as different), and the same tree
must always get the same one, whatever order its files were written in.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.layout import QUIZ_RUNTIME_DIR
from pipeline.quiz_runtime.fingerprint import HASH_LENGTH, fingerprint_quiz_runtime, tree_hash

NAMES = st.sampled_from(["a.js", "b.js", "pyodide.asm.wasm", "sub/a.js", "sub/deep/c.json", "ab", "a"])
TREES = st.dictionaries(NAMES, st.binary(max_size=6), min_size=1, max_size=4)


def _write(folder: Path, tree: dict[str, bytes], reverse: bool = False) -> Path:
    folder.mkdir(parents=True)
    for name in sorted(tree, reverse=reverse):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tree[name])
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@settings(max_examples=120, deadline=None, derandomize=True)
@given(TREES, TREES)
@example({"a.js": b"x"}, {"a.js": b"x"})
@example({"a.js": b"x"}, {"b.js": b"x"})  # same bytes, another name
@example({"a": b"bx"}, {"ab": b"x"})  # a name boundary moved into the bytes
def test_same_name_exactly_when_same_files_and_bytes(tmp_path_factory, one: dict, two: dict) -> None:
    base = tmp_path_factory.mktemp("trees")
    first, second = _write(base / "1", one), _write(base / "2", two, reverse=True)  # written in other orders
    assert (tree_hash(first) == tree_hash(second)) == (one == two)
    key = tree_hash(first)
    assert len(key) == HASH_LENGTH and int(key, 16) >= 0


def test_renaming_or_moving_a_file_changes_the_name(tmp_path: Path) -> None:
    """Same bytes under another name, or in another folder: another fingerprint."""
    base = _write(tmp_path / "base", {"quiz-client.js": b"x", "worker.js": b"y"})
    renamed = _write(tmp_path / "renamed", {"quiz-client2.js": b"x", "worker.js": b"y"})
    moved = _write(tmp_path / "moved", {"sub/quiz-client.js": b"x", "worker.js": b"y"})
    swapped = _write(tmp_path / "swapped", {"quiz-client.js": b"y", "worker.js": b"x"})
    assert len({tree_hash(p) for p in (base, renamed, moved, swapped)}) == 4


def test_empty_folders_do_not_count(tmp_path: Path) -> None:
    one = _write(tmp_path / "one", {"a.js": b"x"})
    two = _write(tmp_path / "two", {"a.js": b"x"})
    (two / "empty").mkdir()
    assert tree_hash(one) == tree_hash(two)


def _site(tmp_path: Path, runtime: dict[str, bytes], pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    _write(site / QUIZ_RUNTIME_DIR, runtime)
    for name, text in pages.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return site


def test_the_runtime_moves_whole_under_its_hash(tmp_path: Path) -> None:
    runtime = {"quiz-widget.js": b"w", "pyodide/pyodide.asm.wasm": b"\0asm", "lock.json": b"{}"}
    site = _site(tmp_path, runtime, {})
    expected = tree_hash(site / QUIZ_RUNTIME_DIR)
    key = fingerprint_quiz_runtime(site)
    assert key == expected
    assert [p.name for p in (site / QUIZ_RUNTIME_DIR).iterdir()] == [key]
    assert _files(site / QUIZ_RUNTIME_DIR / key) == runtime


def test_references_are_rewritten_in_pages_and_scripts_only(tmp_path: Path) -> None:
    """Every HTML/JS/CSS/JSON file outside the runtime follows; other files, look-alikes and the runtime do not."""
    ref = f"{QUIZ_RUNTIME_DIR}/quiz-widget.js"
    pages = {
        "en/quiz/index.html": f'<script src="../../{ref}"></script> <a href="/{ref}">',
        "embed.js": f'new URL("./{ref}", base)',
        "a.mjs": f"import '../{ref}';",
        "style.css": f"url({ref})",
        "data.json": f'{{"src": "{ref}"}}',
        "notes.txt": ref,
        "sitemap.xml": ref,
        "look-alike.html": f"my{ref} x-{ref} sub{QUIZ_RUNTIME_DIR}x/",
    }
    site = _site(tmp_path, {"quiz-widget.js": f'import "./{ref}";'.encode()}, pages)
    key = fingerprint_quiz_runtime(site)
    new = f"{QUIZ_RUNTIME_DIR}/{key}/quiz-widget.js"
    got = {name: (site / name).read_text(encoding="utf-8") for name in pages}
    assert got == {
        "en/quiz/index.html": f'<script src="../../{new}"></script> <a href="/{new}">',
        "embed.js": f'new URL("./{new}", base)',
        "a.mjs": f"import '../{new}';",
        "style.css": f"url({new})",
        "data.json": f'{{"src": "{new}"}}',
        "notes.txt": ref,
        "sitemap.xml": ref,
        "look-alike.html": pages["look-alike.html"],
    }
    inside = (site / QUIZ_RUNTIME_DIR / key / "quiz-widget.js").read_text(encoding="utf-8")
    assert inside == f'import "./{ref}";'  # the runtime's own files keep their relative references


def test_no_runtime_no_change(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f"{QUIZ_RUNTIME_DIR}/x.js", encoding="utf-8")
    assert fingerprint_quiz_runtime(site) is None
    assert (site / "index.html").read_text(encoding="utf-8") == f"{QUIZ_RUNTIME_DIR}/x.js"


def test_hash_is_sha256_of_names_and_file_digests(tmp_path: Path) -> None:
    """The documented formula, so another tool (or a later version) can recompute a folder name."""
    folder = _write(tmp_path / "t", {"b.js": b"2", "a/x.js": b"1"})
    digest = hashlib.sha256()
    for name, data in (("a/x.js", b"1"), ("b.js", b"2")):
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    assert tree_hash(folder) == digest.hexdigest()[:HASH_LENGTH]
