"""The precompression cache: same bytes as no cache, cold or warm, and a damaged entry costs a recompression only."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.deploy import host_files
from pipeline.deploy.compress_cache import CompressCache


def site(folder: Path) -> Path:
    (folder / "en" / "page").mkdir(parents=True)
    (folder / "es" / "page").mkdir(parents=True)
    page = ("<nav>red flags</nav><p>client</p>\n" * 400).encode()
    (folder / "en" / "page" / "index.html").write_bytes(page)
    (folder / "es" / "page" / "index.html").write_bytes(page)  # the same content twice
    (folder / "app.js").write_bytes(b"function f(x){return x+1}\n" * 300)
    (folder / "noise.wasm").write_bytes(random.Random(7).randbytes(5000))  # incompressible: no variant
    return folder


def compressed(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*.br")) + sorted(folder.rglob("*.gz"))
    }


def test_cold_warm_and_damaged_cache_give_the_bytes_of_no_cache(tmp_path: Path) -> None:
    plain = site(tmp_path / "plain")
    host_files.precompress(plain)
    expected = compressed(plain)
    assert len(expected) == 6  # .br and .gz of two pages and the script

    cache = CompressCache(tmp_path / "cache")
    cold = site(tmp_path / "cold")
    host_files.precompress(cold, cache=cache)
    assert compressed(cold) == expected
    assert cache.hits == 0 and cache.misses == 3  # two distinct texts and the noise (stored with no variant)

    warm = site(tmp_path / "warm")
    cache = CompressCache(tmp_path / "cache")
    host_files.precompress(warm, cache=cache)
    assert compressed(warm) == expected
    assert cache.hits == 3 and cache.misses == 0

    entries = sorted(p for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert len(entries) == 3
    entries[0].write_bytes(entries[0].read_bytes()[:-1])  # truncated
    damaged = bytearray(entries[1].read_bytes())
    damaged[-1] ^= 0xFF  # one flipped bit in a variant
    entries[1].write_bytes(bytes(damaged))
    entries[2].write_bytes(b"not an entry")
    again = site(tmp_path / "again")
    cache = CompressCache(tmp_path / "cache")
    host_files.precompress(again, cache=cache)
    assert compressed(again) == expected
    assert cache.hits == 0 and cache.misses == 3
    repaired = CompressCache(tmp_path / "cache")
    host_files.precompress(site(tmp_path / "repaired"), cache=repaired)
    assert repaired.hits == 3


def test_a_changed_policy_is_a_different_key() -> None:
    data = b"<p>same</p>" * 200
    assert CompressCache.key(host_files.POLICY, data) != CompressCache.key(host_files.POLICY + " ", data)
    assert CompressCache.key(host_files.POLICY, data) != CompressCache.key(host_files.POLICY, data + b" ")


variants = st.dictionaries(st.sampled_from([".br", ".gz", ".zst"]), st.binary(max_size=300), max_size=3)


@settings(max_examples=60, deadline=None)
@given(stored=variants, cut=st.integers(min_value=0, max_value=10_000))
def test_an_entry_reads_back_whole_or_not_at_all(tmp_path_factory, stored: dict[str, bytes], cut: int) -> None:
    """Whatever was stored reads back exactly; any truncation of the file reads as a miss."""
    cache = CompressCache(tmp_path_factory.mktemp("c"))
    key = CompressCache.key("policy", repr(sorted(stored.items())).encode())
    assert cache.get(key) is None
    cache.put(key, stored)
    assert cache.get(key) == stored
    path = next(p for p in cache.folder.rglob("*") if p.is_file())
    raw = path.read_bytes()
    path.write_bytes(raw[: cut % len(raw)])
    assert cache.get(key) is None
