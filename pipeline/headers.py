"""The HTTP response headers every file of the built site should be served with.

One policy, written once, used by every place that serves or describes the
site: the preview server (``pipeline/serve.py``) sends these headers, and the
deployment files for static hosts and nginx are generated from the same
function, so the three cannot drift apart.

A ``<meta>`` Content-Security-Policy (``pipeline/csp.py``) covers each page's
scripts; what a ``<meta>`` cannot say (``frame-ancestors``) is said here. The
embed's frame pages (``<lang>/quiz-frame/``) may be framed by any site; every
other page by none.
"""

from __future__ import annotations

FRAME_PAGE_DIR = "quiz-frame"
"""Folder (under each language) of the frameless quiz page that ``embed.js`` puts in an iframe."""

COMMON: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
}


def is_frame_page(rel_path: str) -> bool:
    """Whether ``rel_path`` (relative to the site root, ``/`` separated) is an embed frame page."""
    parts = [p for p in rel_path.strip("/").split("/") if p]
    return len(parts) >= 2 and parts[1] == FRAME_PAGE_DIR


def response_headers(rel_path: str) -> dict[str, str]:
    """Security headers for the file at ``rel_path`` (relative to the site root)."""
    ancestors = "*" if is_frame_page(rel_path) else "'none'"
    headers = dict(COMMON)
    headers["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
    if not is_frame_page(rel_path):
        headers["X-Frame-Options"] = "DENY"
    return headers
