"""The "Embed the quiz" page's snippet generator, copy button and live preview.

``docs/embed.md`` holds the page's prose (translated through its own catalogs,
``locales/<lang>/LC_MESSAGES/embed.po``) and a placeholder, ``GENERATOR_PLACEHOLDER``,
where ``pipeline/site/mkdocs_hooks.py`` inserts the HTML rendered here. The
generator's labels are UI strings of the ``messages`` catalog (marked ``N_``
below, extracted through ``babel.cfg``), like the quiz form's strings live in the
quiz's catalog rather than in ``quiz.po``.

Without JavaScript the reader still gets the default snippet for the page's
language (rendered here by ``pipeline.channels.embed.snippet``); the options, the copy
button and the preview are ``hidden`` until ``embed-generator.js`` runs. That
script builds the snippet from the same pieces (the public base URL from
``config.url()``, the link text of every language, ``pipeline.channels.embed.link_text``) with DOM APIs
only, and mounts the real ``embed.js`` with the chosen options as the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from urllib.parse import urlsplit

from pipeline.channels.embed import link_text, snippet
from pipeline.config import LANGUAGES, Config
from pipeline.content.ui_text import N_
from pipeline.quiz_runtime.form import json_for_script

GENERATOR_PLACEHOLDER = '<div id="rf-embed-generator"></div>'
"""What ``docs/embed.md`` writes where the generator goes (appended at the end when missing)."""

THEMES = ("auto", "light", "dark")

LANGUAGE_LEGEND = N_("Language of the quiz")
THEME_LEGEND = N_("Light or dark")
THEME_LABELS = {
    "auto": N_("Follow the reader's light or dark setting"),
    "light": N_("Light"),
    "dark": N_("Dark"),
}
TITLE_LABEL = N_("Frame title for screen readers (optional)")
TITLE_HINT = N_("Leave it empty to use the link text.")
SNIPPET_LABEL = N_("Your snippet")
COPY = N_("Copy snippet")
COPIED = N_("Copied")
COPY_REFUSED = N_("Your browser did not allow copying. The snippet is selected: press Ctrl+C (⌘C on a Mac).")
CSP_HINT = N_("Does your blog send a Content-Security-Policy? Allow %(origin)s in %(script)s and %(frame)s.")
PREVIEW_TITLE = N_("Live preview")
PREVIEW_NOTE = N_("This is the real quiz, loaded the way your readers will get it. It changes with the options above.")


def render_generator(config: Config, lang: str, *, gettext: Callable[[str], str], assets: str, embed_js: str) -> str:
    """The generator's HTML for the page in ``lang``.

    ``assets``: relative URL of the language's ``assets/`` folder (ends with ``/``);
    ``embed_js``: relative URL of the site's own ``embed.js``, which the preview
    loads (the snippet itself always names the public ``config.url("embed.js")``).
    """
    _ = gettext
    data = {
        "siteUrl": config.url(),
        "linkText": {code: link_text(config, code) for code in config.languages},
        "embedScript": embed_js,
        "strings": {"copy": _(COPY), "copied": _(COPIED), "refused": _(COPY_REFUSED)},
    }
    languages = "".join(
        _choice("lang", code, name, checked=code == lang, lang_attr=code) for code, name in LANGUAGES.items()
    )
    themes = "".join(_choice("theme", theme, _(THEME_LABELS[theme]), checked=theme == "auto") for theme in THEMES)
    return f"""<div class="rf-embed" id="rf-embed">
<link rel="stylesheet" href="{escape(assets)}stylesheets/embed-page.css">
<form class="rf-embed__options" action="#" hidden>
<fieldset><legend>{escape(_(LANGUAGE_LEGEND))}</legend>{languages}</fieldset>
<fieldset><legend>{escape(_(THEME_LEGEND))}</legend>{themes}</fieldset>
<p class="rf-embed__field"><label for="rf-embed-title">{escape(_(TITLE_LABEL))}</label>
<input type="text" id="rf-embed-title" name="title" maxlength="120" autocomplete="off" \
aria-describedby="rf-embed-title-hint">
<span class="rf-embed__hint" id="rf-embed-title-hint">{escape(_(TITLE_HINT))}</span></p>
</form>
<p class="rf-embed__label" id="rf-embed-snippet-label">{escape(_(SNIPPET_LABEL))}</p>
<pre class="rf-embed__snippet no-copy"><code id="rf-embed-snippet">{escape(snippet(config, lang))}</code></pre>
<p class="rf-embed__hint" id="rf-embed-csp">{csp_hint(config, _)}</p>
<p class="rf-embed__actions" hidden><button type="button" class="md-button md-button--primary rf-embed__copy" \
id="rf-embed-copy">{escape(_(COPY))}</button>
<span class="rf-embed__status" role="status"></span></p>
<section class="rf-embed__preview" aria-labelledby="rf-embed-preview-title" hidden>
<h3 id="rf-embed-preview-title">{escape(_(PREVIEW_TITLE))}</h3>
<p>{escape(_(PREVIEW_NOTE))}</p>
<div class="rf-embed__stage" id="rf-embed-stage"></div>
</section>
</div>
<script type="application/json" id="rf-embed-config">{json_for_script(data)}</script>
<script type="module" src="{escape(assets)}javascripts/embed-generator.js"></script>
"""


def csp_hint(config: Config, gettext: Callable[[str], str]) -> str:
    """The one line a blog's Content-Security-Policy needs, as HTML: our origin (no path) for both directives.

    ``embed.js`` is a script from our origin and the quiz is a frame from it; the quiz's own
    scripts run inside the frame under our policy, so the host allows nothing else
    (``tests/browser/embed/test_embed_csp.py``).
    """
    parts = urlsplit(config.site_url)
    code = {
        "origin": f"<code>{escape(f'{parts.scheme}://{parts.netloc}')}</code>",
        "script": "<code>script-src</code>",
        "frame": "<code>frame-src</code>",
    }
    return escape(gettext(CSP_HINT)) % code


def _choice(name: str, value: str, label: str, *, checked: bool, lang_attr: str | None = None) -> str:
    ident = f"rf-embed-{name}-{value}"
    lang = f' lang="{lang_attr}"' if lang_attr else ""
    mark = " checked" if checked else ""
    return (
        f'<label class="rf-embed__choice" for="{ident}"><input type="radio" id="{ident}" name="{name}" '
        f'value="{escape(value)}"{mark}><span{lang}>{escape(label)}</span></label>'
    )


def insert_generator(html: str, generator: str) -> str:
    """``html`` with the generator at the placeholder, or appended when the writer left it out."""
    if GENERATOR_PLACEHOLDER in html:
        return html.replace(GENERATOR_PLACEHOLDER, generator, 1)
    return html + generator
