"""Precompressed copies kept between builds, keyed by content: each distinct file is compressed once.

An entry's key is the sha256 of the compression *policy* (gzip level, brotli
quality, the zlib and brotli library versions) followed by the sha256 of the
input bytes, so an entry is only ever reused for the same input under the same
encoder: a build with the cache writes exactly the bytes a build without it
would (``tests/browser/test_reproducible.py`` compares the two).

One file per entry, ``<folder>/<key[:2]>/<key>``: a header line naming each
variant with its length and sha256, then the variants' bytes. Entries are
written to a temporary name and renamed into place, and an entry that does not
parse or whose bytes do not match their digests counts as missing (it is
recomputed and rewritten), so an interrupted build or a damaged file costs a
recompression, never a wrong byte. Deleting the folder is always safe. Entries
are never evicted: a project's cache grows by the compressed size of each new
version of a file (about 4 MB for the Pyodide runtime, a few KB per page);
delete the folder to reclaim it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_MAGIC = b"redflags-precompressed 1"


class CompressCache:
    """A folder of precompressed variants, keyed by ``key(policy, data)``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(policy: str, data: bytes) -> str:
        return hashlib.sha256(policy.encode() + b"\0" + hashlib.sha256(data).digest()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> dict[str, bytes] | None:
        """The variants stored under ``key``, or ``None`` when absent or unreadable."""
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        variants = _parse(raw)
        if variants is None:
            self.misses += 1
        else:
            self.hits += 1
        return variants

    def put(self, key: str, variants: dict[str, bytes]) -> None:
        """Store ``variants`` under ``key`` (atomically; a failure to write only loses the entry)."""
        path = self._path(key)
        header = [_MAGIC]
        for suffix, body in sorted(variants.items()):
            header.append(f"{suffix} {len(body)} {hashlib.sha256(body).hexdigest()}".encode())
        blob = b" ".join(header) + b"\n" + b"".join(body for _, body in sorted(variants.items()))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}-", dir=path.parent)
            with os.fdopen(fd, "wb") as stream:
                stream.write(blob)
            os.replace(tmp, path)
        except OSError:
            return


def _parse(raw: bytes) -> dict[str, bytes] | None:
    head, newline, rest = raw.partition(b"\n")
    fields = head.split(b" ")
    if not newline or b" ".join(fields[:2]) != _MAGIC or (len(fields) - 2) % 3:
        return None
    variants: dict[str, bytes] = {}
    offset = 0
    for index in range(2, len(fields), 3):
        suffix, length, digest = fields[index : index + 3]
        if not length.isdigit():
            return None
        body = rest[offset : offset + int(length)]
        offset += int(length)
        if hashlib.sha256(body).hexdigest().encode() != digest:
            return None
        variants[suffix.decode()] = body
    return variants if offset == len(rest) else None
