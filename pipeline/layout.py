"""Where things live in the built site: folder names every layer agrees on.

The runtime folder, the frame page and the offline shim are produced by one room
(quiz runtime, channels) and read by others (site, deploy headers, gates), so
their names sit here at the bottom, where anyone may import them.
"""

from __future__ import annotations

FRAME_PAGE_DIR = "quiz-frame"
"""Folder (under each language) of the frameless quiz page that ``embed.js`` puts in an iframe."""

QUIZ_RUNTIME_DIR = "_quiz"
"""Folder of the quiz runtime; the build moves its files into ``_quiz/<content hash>/``."""

OFFLINE_WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"
"""Where the offline build links the vendored ``iframe-worker`` shim (copied by ``pipeline/channels/offline.py``)."""
