"""The "Embed the quiz" page's generator HTML: the public base URL setting reaches its snippet."""

from __future__ import annotations

from html import escape

from pipeline.channels.embed import snippet
from pipeline.channels.embed_page import GENERATOR_PLACEHOLDER, insert_generator, render_generator
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
