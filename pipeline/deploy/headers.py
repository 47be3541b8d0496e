"""The HTTP response headers every file of the built site should be served with.

One policy, written once as data (``RULES``), used by every place that serves
or describes the site: the preview server (``pipeline/deploy/serve.py``) sends these
headers, and the deployment files are generated from the same rules by
``pipeline/deploy/host_files.py``: ``site/_headers`` (Netlify, Cloudflare Pages) and the
nginx server block ``deploy/nginx.conf``. Add or change a rule here and all
three follow.

A rule is a URL-path pattern in the ``_headers`` syntax (``*`` matches any run
of characters, ``/`` included) and the headers it sets. Rules apply in order:
the first one (``/*``) is the default for every file, each later matching rule
overrides headers of the same name, and a value of ``None`` removes the header.
Rules after the first must not overlap (a test checks it on the built site),
so every file gets the default plus at most one specific rule: that is what
nginx (one ``location`` per request) and the static hosts can both express.

A ``<meta>`` Content-Security-Policy (``pipeline/site/csp.py``) covers each page's
scripts; what a ``<meta>`` cannot say (``frame-ancestors``) is said here. The
embed's frame pages (``<lang>/quiz-frame/``) may be framed by any site; every
other page by none.

Caching: the quiz runtime lives in a content-addressed folder
(``_quiz/<hash>/``, ``pipeline/quiz_runtime/fingerprint.py``), so it is cached for a year
and marked immutable; a new build gets a new folder. HTML, ``embed.js``
(bloggers paste its URL), sitemaps and ``robots.txt`` keep stable URLs and a
short lifetime. Material's per-language ``assets/`` mix hashed bundles with
unhashed search-language files whose URLs the theme's search worker builds
itself, so the folder gets one day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.layout import FRAME_PAGE_DIR, QUIZ_RUNTIME_DIR

YEAR = 31536000
HTML_CACHE = "public, max-age=600"
"""Pages and other stable URLs: ten minutes, so a new build reaches readers quickly."""

COMMON: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
}

MIME_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".gz": "application/gzip",
    ".woff2": "font/woff2",
}
"""Content types by file extension; hosts must send ``application/wasm`` for streaming compilation."""


@dataclass(frozen=True)
class Rule:
    """Headers for the URL paths matching ``pattern`` (``_headers`` syntax: ``*`` = anything)."""

    pattern: str
    headers: dict[str, str | None] = field(default_factory=dict)
    why: str = ""

    @property
    def regex(self) -> str:
        """The pattern as an anchored regular expression (nginx ``location ~``, the preview server)."""
        return "^" + ".*".join(re.escape(part) for part in self.pattern.split("*")) + "$"

    def matches(self, url_path: str) -> bool:
        return re.match(self.regex, url_path) is not None


RULES: list[Rule] = [
    Rule(
        "/*",
        {
            **COMMON,
            "Content-Security-Policy": "frame-ancestors 'none'",
            "X-Frame-Options": "DENY",
            "Cache-Control": HTML_CACHE,
        },
        "every file: no framing, no sniffing, short cache",
    ),
    Rule(
        f"/*/{FRAME_PAGE_DIR}/*",
        {"Content-Security-Policy": "frame-ancestors *", "X-Frame-Options": None},
        "the embed's frame page: any site may frame it",
    ),
    Rule(
        f"/{QUIZ_RUNTIME_DIR}/*",
        {"Cache-Control": f"public, max-age={YEAR}, immutable"},
        "the content-addressed quiz runtime",
    ),
    Rule(
        "/*/assets/*",
        {"Cache-Control": "public, max-age=86400"},
        "the theme's assets (partly unhashed)",
    ),
]
"""The policy, in order: the default first, then non-overlapping specific rules."""


def url_path(rel_path: str) -> str:
    """``en/quiz/index.html`` or ``/en/quiz/`` -> ``/en/quiz/index.html``-style absolute URL path."""
    return "/" + rel_path.lstrip("/")


def is_frame_page(rel_path: str) -> bool:
    """Whether ``rel_path`` (relative to the site root, ``/`` separated) is an embed frame page."""
    parts = [p for p in rel_path.strip("/").split("/") if p]
    return len(parts) >= 2 and parts[1] == FRAME_PAGE_DIR


def matching_rules(rel_path: str) -> list[Rule]:
    path = url_path(rel_path)
    return [rule for rule in RULES if rule.matches(path)]


def merged(rules: list[Rule]) -> dict[str, str]:
    """Fold rules in order: later values win, ``None`` removes."""
    headers: dict[str, str] = {}
    for rule in rules:
        for name, value in rule.headers.items():
            if value is None:
                headers.pop(name, None)
            else:
                headers[name] = value
    return headers


def response_headers(rel_path: str) -> dict[str, str]:
    """Headers for the file at ``rel_path`` (relative to the site root), Content-Type aside."""
    return merged(matching_rules(rel_path))


def content_type(rel_path: str) -> str | None:
    """Content type by extension, or ``None`` for the server's default."""
    name = rel_path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return MIME_TYPES.get(name[dot:].lower()) if dot >= 0 else None
