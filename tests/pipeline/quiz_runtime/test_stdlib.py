"""pipeline/quiz_runtime/stdlib.py: which modules the quiz's standard library keeps, and in which form."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import QuizBundleError
from pipeline.quiz_runtime.stdlib import import_closure, imported_names, quiz_stdlib, wheel_imports

MODULES = ["a", "b", "pkg/__init__.py", "pkg/sub", "pkg/deep/__init__.py", "pkg/deep/leaf", "c", "d"]
"""Zip entries of a tiny library (``.py`` added where missing)."""
ENTRIES = [m if m.endswith(".py") else f"{m}.py" for m in MODULES]
DOTTED = {e: e.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for e in ENTRIES}


def statement(importer: str, target: str, form: int) -> str:
    """One import of ``target`` (an entry) written in one of several forms, indented or not."""
    module = DOTTED[target]
    parent, _, last = module.rpartition(".")
    forms = [
        f"import {module}",
        f"import {module} as alias, os",
        f"    import {module}  # inside a function",
        f"from {parent} import {last}" if parent else f"import {module}",
        f"from {parent} import (\n    x,\n    {last},\n)" if parent else f"import {module}",
        f"from {module} import something",
    ]
    return forms[form % len(forms)]


@settings(max_examples=80, deadline=None)
@given(
    edges=st.lists(st.tuples(st.sampled_from(ENTRIES), st.sampled_from(ENTRIES), st.integers(0, 5)), max_size=12),
    roots=st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=3, unique=True),
)
def test_closure_is_what_the_import_graph_reaches(edges, roots) -> None:
    """Whatever form each import takes, the closure is exactly the graph's reachable set (parents included)."""
    sources = {entry: "" for entry in ENTRIES}
    graph: dict[str, set[str]] = {entry: set() for entry in ENTRIES}
    for importer, target, form in edges:
        sources[importer] += statement(importer, target, form) + "\nvalue = 1\n"
        graph[importer].add(target)
        module = DOTTED[target]
        for depth in range(1, module.count(".") + 1):  # importing a.b.c imports a and a.b
            prefix = ".".join(module.split(".")[:depth])
            graph[importer].add(next(e for e in ENTRIES if DOTTED[e] == prefix))
    expected, todo = set(roots), list(roots)
    while todo:
        for target in graph[todo.pop()]:
            if target not in expected:
                expected.add(target)
                todo.append(target)
    assert import_closure(sources, roots) == expected


def test_relative_imports_resolve_from_the_package() -> None:
    assert imported_names("from . import sub\nfrom .deep import leaf as l\n", "pkg") == {
        "pkg",
        "pkg.sub",
        "pkg.deep",
        "pkg.deep.leaf",
    }
    assert imported_names("from .. import b\n", "pkg.deep") == {"pkg", "pkg.b"}
    assert imported_names("x = 'import nothing'  # from a import b\n", "") == set()


def zip_of(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 9, 14, 3, 3, 0)), data)
    return out.getvalue()


def test_imported_modules_become_pyc_reachable_stay_sources_others_go() -> None:
    original = zip_of(
        {
            "json/__init__.py": b"from .decoder import x\n",
            "json/decoder.py": b"import re\n",
            "re.py": b"def f():\n    import enum\n",
            "enum.py": b"",
            "tkinter.py": b"import re\n",
            "py.typed": b"",
            "encodings/cp1251.py": b"import codecs\n",  # found by name (codecs.lookup): no statement imports it
            "codecs.py": b"",
        }
    )
    pyc = {"json/__init__.py": b"PYC1", "json/decoder.py": b"PYC2"}
    data = quiz_stdlib(original, imported=sorted(pyc), pyc=pyc)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
        dates = {info.date_time for info in archive.infolist()}
    assert contents == {
        "json/__init__.pyc": b"PYC1",
        "json/decoder.pyc": b"PYC2",
        "re.py": b"def f():\n    import enum\n",
        "enum.py": b"",
        "encodings/cp1251.py": b"import codecs\n",
        "codecs.py": b"",
    }
    assert dates == {(2026, 9, 14, 3, 3, 0)}  # the npm zip's time: no build clock in the bytes
    assert quiz_stdlib(original, imported=sorted(pyc), pyc=pyc) == data


def test_an_imported_module_without_bytecode_stops_the_build() -> None:
    original = zip_of({"json/__init__.py": b""})
    with pytest.raises(QuizBundleError, match="json/__init__.py"):
        quiz_stdlib(original, imported=["json/__init__.py"], pyc={})


def test_the_engines_own_imports_stay_as_sources(tmp_path) -> None:
    """A module only the quiz's code names (a path the build's run did not take) is kept, with what it imports."""
    original = zip_of({"json/__init__.py": b"", "hashlib.py": b"import _blake\n", "_blake.py": b"", "smtplib.py": b""})
    wheel = tmp_path / "quiz.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("quiz/codes.py", "def layout():\n    import hashlib\n    from . import model\n")
        archive.writestr("quiz/data/bank.toml", "import smtplib\n")  # not Python: not read
    also = wheel_imports(wheel)
    assert {"hashlib", "quiz", "quiz.model"} <= also and "smtplib" not in also
    data = quiz_stdlib(original, imported=["json/__init__.py"], pyc={"json/__init__.py": b"PYC"}, also=also)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["_blake.py", "hashlib.py", "json/__init__.pyc"]
