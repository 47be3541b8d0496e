"""The Content-Security-Policy meta tag added after the build."""

from __future__ import annotations

import base64
import hashlib

from pipeline.site.csp import add_policy, inline_script_hashes

PAGE = (
    '<html><head><meta charset="utf-8"><script>var a=1</script>'
    '<script src="x.js"></script><script type="application/json" id="c">{"a":1}</script>'
    "</head><body></body></html>"
)


def test_hashes_only_inline_executable_scripts() -> None:
    """External scripts and JSON data blocks need no hash; inline code gets its sha256."""
    digest = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert inline_script_hashes(PAGE) == [f"'sha256-{digest}'"]


def test_policy_is_first_in_head_and_strict() -> None:
    """The meta follows the charset, allows only self + wasm, and no unsafe-eval."""
    html = add_policy(PAGE)
    head = html.split("<head>")[1]
    assert head.startswith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    policy = head.split('content="')[1].split('"')[0]
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy
    assert "unsafe-eval'" not in policy.replace("wasm-unsafe-eval", "")
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
