"""The "Embed the quiz" page's generator HTML: the public base URL setting reaches its snippet."""

from __future__ import annotations

from html import escape

from hypothesis import given
from hypothesis import strategies as st

from pipeline.channels.embed import snippet
from pipeline.channels.embed_page import GENERATOR_PLACEHOLDER, csp_hint, insert_generator, render_generator
from pipeline.config import Config
from tests.conftest import ROOT


def test_a_sub_path_base_url_reaches_the_shown_snippet_and_the_generator() -> None:
    config = Config.load(ROOT, base_url="https://example.org/tools/redflags", environ={})
    html = render_generator(config, "ru", gettext=str, assets="../assets/", embed_js="../../embed.js")
    shown = snippet(config, "ru")
    assert 'href="https://example.org/tools/redflags/ru/quiz/"' in shown
    assert '<script async src="https://example.org/tools/redflags/embed.js"></script>' in shown
    assert f'<code id="rf-embed-snippet">{escape(shown)}</code>' in html
    assert '"siteUrl":"https://example.org/tools/redflags/"' in html
    assert 'id="rf-embed-lang-ru" name="lang" value="ru" checked' in html
    assert 'src="../assets/javascripts/embed-generator.js"' in html and '"embedScript":"../../embed.js"' in html


def test_the_generator_goes_where_the_page_puts_its_placeholder() -> None:
    page = f"<p>before</p>\n{GENERATOR_PLACEHOLDER}\n<h2>after</h2>"
    assert insert_generator(page, "<form></form>") == "<p>before</p>\n<form></form>\n<h2>after</h2>"
    assert insert_generator("<p>only</p>", "<form></form>") == "<p>only</p><form></form>"


def test_snippet_leaves_default_options_out_and_escapes_the_title() -> None:
    config = Config(root=ROOT)
    assert "data-theme" not in snippet(config, "es") and "data-title" not in snippet(config, "es", title="  ")
    assert ' data-lang="en" data-theme="dark" data-title="&lt;b&gt; &amp; &quot;x&quot;">' in snippet(
        config, "en", theme="dark", title=' <b> & "x" '
    )


@given(
    scheme=st.sampled_from(["http", "https"]),
    host=st.from_regex(r"[a-z][a-z0-9-]{0,12}(\.[a-z]{2,5}){1,2}", fullmatch=True),
    port=st.one_of(st.none(), st.integers(1, 65535)),
    path=st.from_regex(r"(/[a-z0-9_-]{1,8}){0,3}/?", fullmatch=True),
)
def test_the_csp_line_names_the_origin_without_the_path(scheme: str, host: str, port: int | None, path: str) -> None:
    """Whatever the base URL's path, a blog's policy needs our origin only, in script-src and frame-src."""
    origin = f"{scheme}://{host}" + (f":{port}" if port else "")
    config = Config.load(ROOT, base_url=origin + path, environ={})
    hint = csp_hint(config, str)
    assert hint.count("<code>") == 3
    assert f"<code>{origin}</code>" in hint
    assert "<code>script-src</code>" in hint and "<code>frame-src</code>" in hint
    html = render_generator(config, "en", gettext=str, assets="../assets/", embed_js="../../embed.js")
    assert f'<p class="rf-embed__hint" id="rf-embed-csp">{hint}</p>' in html
