"""Deploy-ready output: precompressed files, ``_headers`` and the nginx server block.

Both deployment files are generated from the one policy in ``pipeline/deploy/headers.py``:

* ``site/_headers`` for static hosts that read it (Cloudflare Pages, Netlify):
  the default rule ``/*`` first, then each specific rule, which first detaches
  (``! Name``) every header it overrides or removes, so hosts that merge the
  headers of all matching rules still send one value.
* ``deploy/nginx.conf``, a ``server { }`` block to include inside ``http { }``
  (``python build.py deploy-config`` rewrites it, ``--check`` fails when it is
  stale, and a test does the same): MIME types, one ``location`` per rule with
  the merged headers (``add_header ... always``, so error pages get them too),
  ``gzip_static`` and ``brotli_static`` for the precompressed files, and each
  language's own 404 page.

Precompression writes ``x.br`` and ``x.gz`` beside every compressible file of
at least ``MIN_SIZE`` bytes when that saves at least 5 %: gzip with a zero
timestamp and no file name, brotli at quality 10 (9 for files over 256 KB: 11 takes
~45 s for the wasm and gains 12 %), so the bytes are reproducible. Quality 10, not
11, for the pages: measured on our 37 pages, 11 gave 1 % fewer bytes (278 vs 281 KB)
for 2.7 times the time (2.2 s vs 0.83 s), which a 300-article site pays on every
build. The three languages' identical theme files are compressed once, and distinct
files in parallel threads (the encoders release the GIL; each output depends only
on its input, so the order of work changes no byte). With a cache folder
(``pipeline/deploy/compress_cache.py``, ``.cache/precompressed/`` for ``build.py``)
each distinct content is compressed once across builds: a rebuild compresses only
what changed, with the same bytes as a build without the cache.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from pipeline.deploy.compress_cache import CompressCache
from pipeline.deploy.headers import MIME_TYPES, RULES, Rule, merged

MIN_SIZE = 1024
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg", ".wasm", ".zip")
"""Source maps are left out: only developer tools fetch them."""
HEADERS_FILE = "_headers"
NGINX_CONF = Path("deploy") / "nginx.conf"
NGINX_ROOT = "/srv/redflags/site"
NGINX_LISTEN = "80"
BROTLI_FAST_ABOVE = 256 * 1024
POLICY = (
    f"gzip 9 mtime 0, brotli 10 (9 above {BROTLI_FAST_ABOVE}), kept when <= 95 %; "
    f"zlib {zlib.ZLIB_RUNTIME_VERSION}, brotli {getattr(brotli, '__version__', '?')}"
)
"""Everything ``compressed_variants`` output depends on besides the input: part of each cache key."""


def compressed_variants(data: bytes) -> dict[str, bytes]:
    """``{".gz": ..., ".br": ...}`` for ``data``, leaving out a variant that saves under 5 %."""
    quality = 9 if len(data) > BROTLI_FAST_ABOVE else 10
    variants = {".gz": gzip.compress(data, compresslevel=9, mtime=0), ".br": brotli.compress(data, quality=quality)}
    return {suffix: body for suffix, body in variants.items() if len(body) <= len(data) * 0.95}


def precompress(site_dir: Path, *, cache: CompressCache | None = None) -> list[Path]:
    """Write ``.br``/``.gz`` beside the large compressible files; return what was written.

    ``cache``: reuse (and store) the variants of each content across builds.
    """
    written: list[Path] = []
    files: list[tuple[Path, bytes]] = []
    contents: dict[bytes, bytes] = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < MIN_SIZE:
            continue
        data = path.read_bytes()
        key = hashlib.sha256(data).digest()
        contents.setdefault(key, data)
        files.append((path, key))
    done: dict[bytes, dict[str, bytes]] = {}
    if cache is not None:
        for key, data in contents.items():
            found = cache.get(cache.key(POLICY, data))
            if found is not None:
                done[key] = found
    # Largest first, so the wasm does not start last and keep one thread busy alone at the end.
    order = sorted((k for k in contents if k not in done), key=lambda k: len(contents[k]), reverse=True)
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        fresh = dict(zip(order, pool.map(lambda k: compressed_variants(contents[k]), order), strict=True))
    if cache is not None:
        for key, variants in fresh.items():
            cache.put(cache.key(POLICY, contents[key]), variants)
    done.update(fresh)
    for path, key in files:
        for suffix, body in done[key].items():
            target = path.with_name(path.name + suffix)
            if target.exists():  # MkDocs' own sitemap.xml.gz
                continue
            target.write_bytes(body)
            written.append(target)
    return written


def headers_file(rules: Iterable[Rule] = RULES) -> str:
    """The ``_headers`` text for the rules."""
    rules = list(rules)
    lines = ["# Generated from pipeline/deploy/headers.py by the build: do not edit.", ""]
    default = rules[0].headers
    for index, rule in enumerate(rules):
        lines.append(f"# {rule.why}" if rule.why else "#")
        lines.append(rule.pattern)
        for name, value in rule.headers.items():
            if index and name in default:
                lines.append(f"  ! {name}")
            if value is not None:
                lines.append(f"  {name}: {value}")
        lines.append("")
    return "\n".join(lines)


def _nginx_headers(headers: dict[str, str], indent: str) -> list[str]:
    return [f"{indent}add_header {name} {_nginx_quote(value)} always;" for name, value in headers.items()]


def _nginx_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_conf(
    *, languages: Iterable[str], root: str = NGINX_ROOT, listen: str = NGINX_LISTEN, rules: Iterable[Rule] = RULES
) -> str:
    """The nginx ``server { }`` block serving the built site with the rules' headers."""
    rules = list(rules)
    default, specific = rules[0], rules[1:]
    out = [
        "# Generated from pipeline/deploy/headers.py by `python build.py deploy-config`: do not edit.",
        "# Include inside `http { }`. Needs Debian's nginx with libnginx-mod-http-brotli-static",
        "# (or drop the brotli_static line); set root to the built site/ and listen/server_name.",
        "server {",
        f"    listen {listen};",
        "    server_name _;",
        f"    root {root};",
        "    index index.html;",
        "    absolute_redirect off;",
        "    server_tokens off;",
        "    gzip_static on;",
        "    brotli_static on;",
        "    gzip_vary on;",
        "",
        "    types {",
    ]
    by_type: dict[str, list[str]] = {}
    for ext, mime in MIME_TYPES.items():
        by_type.setdefault(mime.split(";")[0], []).append(ext.lstrip("."))
    out += [f"        {mime} {' '.join(exts)};" for mime, exts in by_type.items()]
    out += [
        "    }",
        "    default_type application/octet-stream;",
        "    charset utf-8;",
        "    charset_types " + " ".join(sorted({m.split(";")[0] for m in MIME_TYPES.values() if "charset" in m})) + ";",
        "",
        "    error_page 404 /404.html;",
        "",
        f"    location = /{HEADERS_FILE} {{",
        "        return 404;",
        "    }",
        "",
        f"    # {default.why}",
        "    location / {",
        *_nginx_headers(merged([default]), "        "),
        "    }",
    ]
    for lang in languages:
        out += [
            "",
            f"    location /{lang}/ {{",
            f"        error_page 404 /{lang}/404.html;",
            *_nginx_headers(merged([default]), "        "),
            "    }",
        ]
    for rule in specific:
        out += [
            "",
            f"    # {rule.pattern}: {rule.why}",
            f'    location ~ "{rule.regex}" {{',
            *_nginx_headers(merged([default, rule]), "        "),
            "    }",
        ]
    out += ["}", ""]
    return "\n".join(out)


def write_headers_file(site_dir: Path) -> None:
    (site_dir / HEADERS_FILE).write_text(headers_file(), encoding="utf-8")
