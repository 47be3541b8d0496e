"""The response-header policy, stated per kind of URL and checked on many generated paths.

The oracle is the policy in words (``pipeline/deploy/headers.py`` docstring), not the
rule table: every file gets the common headers; only embed frame pages
(``/<lang>/quiz-frame/...``) may be framed; the content-addressed runtime is
cached for a year, the theme's assets for a day, everything else ten minutes.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.deploy.headers import (
    COMMON,
    HTML_CACHE,
    YEAR,
    Rule,
    content_type,
    is_frame_page,
    merged,
    response_headers,
    url_path,
)

SEGMENTS = st.sampled_from(["en", "es", "ru", "quiz", "quiz-frame", "_quiz", "assets", "a1b2c3", "x.js",
                            "index.html", "pyodide.asm.wasm", "javascripts", "quiz-frames", "_quizzes"])  # fmt: skip


def expected(path: str) -> dict[str, str]:
    """The policy in words; a folder is a name between two slashes, below the top level unless said."""
    path = url_path(path)
    frame = "/quiz-frame/" in path[1:]
    if path.startswith("/_quiz/"):
        cache = f"public, max-age={YEAR}, immutable"
    elif "/assets/" in path[1:]:
        cache = "public, max-age=86400"
    else:
        cache = HTML_CACHE
    want = {**COMMON, "Cache-Control": cache}
    if frame:
        want["Content-Security-Policy"] = "frame-ancestors *"
    else:
        want["Content-Security-Policy"] = "frame-ancestors 'none'"
        want["X-Frame-Options"] = "DENY"
    return want


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(SEGMENTS, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_headers_follow_the_policy_for_any_path(parts: list[str], slash: bool, directory: bool) -> None:
    path = ("/" if slash else "") + "/".join(parts) + ("/" if directory else "")
    assume(not (url_path(path).startswith("/_quiz/") and "/assets/" in path))  # rules must not overlap there
    assert response_headers(path) == expected(path)


def test_patterns_match_literally_except_the_star() -> None:
    rule = Rule("/a.b/*")
    assert rule.matches("/a.b/c") and rule.matches("/a.b/c/d") and rule.matches("/a.b/")
    assert not rule.matches("/aXb/c") and not rule.matches("/x/a.b/c") and not rule.matches("/a.b")
    assert Rule("/*/x/*").matches("/en/x/y") and not Rule("/*/x/*").matches("/en/xx/y")
    assert Rule("/*/x/*").regex == "^/.*/x/.*$"


def test_later_rules_override_and_none_removes() -> None:
    rules = [Rule("/*", {"A": "1", "B": "2"}), Rule("/x/*", {"A": "3", "B": None, "C": None, "D": "4"})]
    assert merged(rules) == {"A": "3", "D": "4"}
    assert merged(rules[::-1]) == {"A": "1", "B": "2", "D": "4"}
    assert merged([]) == {}


def test_url_paths_and_frame_pages() -> None:
    assert url_path("en/quiz/index.html") == url_path("/en/quiz/index.html") == "/en/quiz/index.html"
    assert url_path("//x") == "/x" and url_path("X-files/a") == "/X-files/a"  # only slashes are stripped
    assert is_frame_page("es/quiz-frame/") and is_frame_page("/ru/quiz-frame/index.html")
    assert is_frame_page("es/quiz-frame")
    assert not is_frame_page("quiz-frame/index.html") and not is_frame_page("es/x/quiz-frame/")
    assert not is_frame_page("es/quiz-frames/") and not is_frame_page("")
    assert not is_frame_page("es/quiz-frameX")  # only slashes are stripped


def test_content_types_by_extension() -> None:
    assert content_type("_quiz/abc/pyodide.asm.wasm") == "application/wasm"
    assert content_type("en/index.HTML") == "text/html; charset=utf-8"
    assert content_type("a.tar.gz") == "application/gzip"
    assert content_type("quiz.whl") == "application/zip"
    assert content_type("x.mjs") == content_type("y.js") == "text/javascript; charset=utf-8"
    assert content_type("dir.html/README") is None
    assert content_type("noext") is None and content_type("file.unknown") is None
    assert content_type(".png") == "image/png"
