"""The offline workshop bundle as one command: the site built for ``file://``, then zipped.

The file:// transforms and the reproducible zip are the channel's
(``pipeline/channels/offline.py``); this module only runs the whole site build
with ``Config.offline`` into a temporary folder and hands the result to them.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from pipeline.channels.offline import SHIM_SOURCE, Say, finish_for_file_urls, write_zip, zip_path
from pipeline.commands import build_site
from pipeline.config import Config
from pipeline.errors import BuildError


def build_offline(config: Config, target: Path | None = None, *, say: Say = print) -> Path:
    """Build the bundle and write it to ``target`` (default ``dist/redflags-offline-<version>.zip``)."""
    target = target or zip_path(config.root)
    shim = config.root / SHIM_SOURCE
    if not shim.is_file():
        raise BuildError("the iframe-worker shim is missing: run `npm ci`", shim)
    offline = dataclasses.replace(config, offline=True)
    with tempfile.TemporaryDirectory(prefix="redflags-offline-") as work:
        site_dir = Path(work) / "site"
        build_site.build_site(offline, site_dir, say=say)
        finish_for_file_urls(offline, site_dir, shim=shim)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        write_zip(site_dir, partial, prefix=f"{target.stem}/")
        partial.replace(target)  # a failed build leaves the previous zip in place
    say(f"offline bundle: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return target
