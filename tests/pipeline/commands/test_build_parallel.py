"""Languages built in parallel processes: same bytes as one after the other; as many processes as idle cores."""

from __future__ import annotations

import importlib.util

from hypothesis import given
from hypothesis import strategies as st

from pipeline.commands import build_site
from tests.conftest import EN_HOME, ES_ARTICLE, ROOT


def _main(config, *args: str) -> int:
    spec = importlib.util.spec_from_file_location("build_under_test", ROOT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ROOT = config.root
    return module.main(list(args))


def test_parallel_and_sequential_builds_are_identical(make_project, monkeypatch, tmp_path) -> None:
    """Two forked builders or none: the same files, the same bytes (each language writes its own folder)."""
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    assert _main(config, "catalogs") == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    trees = []
    for processes in (2, 1):
        monkeypatch.setattr(build_site, "build_processes", lambda n=processes: n)
        out = tmp_path / f"p{processes}"
        assert _main(config, "site", "--no-cache", "--out", str(out)) == 0
        trees.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0].keys() == trees[1].keys() and len(trees[0]) > 10
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []


@given(cores=st.integers(1, 64), load=st.floats(0, 200, allow_nan=False), more=st.floats(0, 50, allow_nan=False))
def test_processes_are_the_idle_cores(cores: int, load: float, more: float) -> None:
    """Between 1 and the cores; all of them when idle, one when busy; never more as the load grows."""
    count = build_site.build_processes(cores, load)
    assert 1 <= count <= cores
    assert build_site.build_processes(cores, 0.0) == cores
    assert build_site.build_processes(cores, float(cores)) == 1
    assert build_site.build_processes(cores, load + more) <= count
