"""The page's Content-Security-Policy: exactly the inline scripts the page runs, and nothing more.

A hash missing from the policy breaks a script (the browser refuses it); a
hash too many, or a data block treated as a script, widens the policy. The
oracle is the rule itself: an inline script runs unless it has a ``src`` or is
a JSON data block; its hash is the sha256 of its exact text.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.site.csp import BASE_POLICY, add_policy, apply_csp, inline_script_hashes, policy_for

BODIES = st.text(st.sampled_from("ab =;\n\t'\"éж"), max_size=12)
KINDS = st.sampled_from(["", ' type="module"', ' type="text/javascript"', ' src="x.js"', ' defer src="/a/b.js"',
                         ' type="application/json" id="c"', ' type="application/ld+json"'])  # fmt: skip


def _sha(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.tuples(KINDS, BODIES), max_size=5))
def test_hashes_are_those_of_the_inline_scripts_that_run(scripts: list[tuple[str, str]]) -> None:
    page = '<html><head><meta charset="utf-8">' + "".join(f"<script{a}>{b}</script>" for a, b in scripts) + "</head>"
    runs = {b for a, b in scripts if "src=" not in a and "json" not in a}
    assert inline_script_hashes(page) == sorted({_sha(b) for b in runs})
    assert policy_for(page) == f"{BASE_POLICY}; script-src " + " ".join(
        ["'self'", "'wasm-unsafe-eval'", *sorted({_sha(b) for b in runs})]
    )


def test_policy_goes_right_after_the_charset_once() -> None:
    page = '<html><head><META CHARSET="utf-8"><title>t</title><meta charset="utf-8"></head></html>'
    out = add_policy(page)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page)}">'
    assert out == page.replace('<META CHARSET="utf-8">', '<META CHARSET="utf-8">' + meta, 1)
    assert out.count("Content-Security-Policy") == 1


def test_a_page_without_charset_is_left_as_it_is() -> None:
    page = "<html><head><title>t</title></head></html>"
    assert add_policy(page) == page


def test_every_page_of_the_site_gets_the_policy_once(tmp_path: Path) -> None:
    """Nested pages included; pages that already carry a policy and non-HTML files are left alone."""
    page = '<meta charset="utf-8"><script>run()</script>'
    files = {
        "index.html": page,
        "en/quiz/index.html": page,
        "es/a/b/c.html": page,
        "done.html": '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="x">',
        "app.js": page,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert apply_csp(tmp_path) == 3
    for name in ("index.html", "en/quiz/index.html", "es/a/b/c.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text == add_policy(page) and _sha("run()") in text
    assert (tmp_path / "done.html").read_text(encoding="utf-8") == files["done.html"]
    assert (tmp_path / "app.js").read_text(encoding="utf-8") == page
    assert apply_csp(tmp_path) == 0  # a second pass adds nothing


def test_non_ascii_script_is_hashed_as_utf8(tmp_path: Path) -> None:
    body = 'alert("¡Señal roja! Красный флаг")'
    page = f'<meta charset="utf-8"><script>{body}</script>'
    (tmp_path / "p.html").write_bytes(page.encode("utf-8"))
    apply_csp(tmp_path)
    assert _sha(body) in (tmp_path / "p.html").read_bytes().decode("utf-8")
