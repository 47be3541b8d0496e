"""The embeddable quiz: ``site/embed.js`` and one frameless quiz page per language.

The frame page (``<lang>/quiz-frame/``, the folder ``pipeline/deploy/headers.py``
lets any site frame) carries the same form (``quiz_page.render_quiz_form``),
widget, worker and engine as the site's quiz page, without the theme: no
Material CSS or JavaScript bundle, no navigation, no search. Its only extra
script is ``_quiz/quiz-frame.js`` (theme option and auto-height). Nothing of
Pyodide is requested before the reader interacts: the widget starts the
worker on the first pointer, focus or key event, as on the site.

``embed.js`` (``pipeline/channels/embed_assets/embed.js``) is copied unchanged: it
derives our address from its own ``src``, so one file serves any base URL.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from pipeline.config import Config
from pipeline.content.ui_text import N_, SITE_NAME, translations
from pipeline.layout import FRAME_PAGE_DIR

EMBED_JS = Path(__file__).with_name("embed_assets") / "embed.js"

LINK_TEXT = N_("Take the quiz: how risky is this client?")
"""What the snippet's fallback link says (RSS readers, email, no JavaScript).

A UI string of the ``messages`` catalog (extracted through ``babel.cfg``), so
translators see it beside the quiz's other names; :func:`link_text` gives it
in one language. It carries the quiz's name, the title of the quiz page.
"""

FRAME_HEADING = N_("How risky is this client?")
"""The frame document's own ``<h1>``: the quiz's name, as on the quiz page (a document
without one fails axe's page-has-heading-one); :func:`frame_heading` translates it."""


def _gettext(config: Config, lang: str):
    return translations(config.po_path(lang, config.domain_messages), lang).gettext


def link_text(config: Config, lang: str) -> str:
    """The snippet's link text in ``lang``, from the language's ``messages.po``."""
    return _gettext(config, lang)(LINK_TEXT)


def frame_heading(config: Config, lang: str) -> str:
    """The frame page's heading in ``lang``, from the language's ``messages.po``."""
    return _gettext(config, lang)(FRAME_HEADING)


FRAME_CSS = """\
html,body{margin:0;padding:0;background:transparent}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--rf-quiz-fg)}
.rf-frame{padding:1px 12px;background:#fff;color:#000000de;border-radius:6px}
.rf-frame .rf-quiz{margin:.75em 0}
.rf-frame__title{margin:.6em 0 .2em;font-size:1.25em;line-height:1.3}
.rf-frame__credit{margin:.5em 0 .75em;font-size:.8em;text-align:right}
.rf-frame__credit a{color:inherit}
[data-md-color-scheme="slate"] .rf-frame{background:#1e2129;color:#e8e8e8}
[data-md-color-scheme="slate"] .rf-quiz{--rf-quiz-fg:#e8e8e8;--rf-quiz-muted:#bdbdbd;--rf-quiz-border:#ffffff3d}
@media (prefers-color-scheme: dark){:root:not([data-md-color-scheme]) .rf-frame{background:#1e2129;color:#e8e8e8}}
"""


def snippet(config: Config, lang: str, *, theme: str = "auto", title: str | None = None) -> str:
    """The two lines a blogger pastes (absolute URLs from ``config.site_url``).

    Options left at their default are left out (``theme="auto"``, no ``title``).
    The "Embed the quiz" page's generator (``embed-generator.js``) writes the very
    same text in the browser; ``tests/browser/embed/test_embed_page.py`` compares them.
    """
    attrs = f' data-lang="{escape(lang)}"'
    if theme != "auto":
        attrs += f' data-theme="{escape(theme)}"'
    title = (title or "").strip()
    if title:
        attrs += f' data-title="{escape(title)}"'
    return (
        f"<div data-redflags-quiz{attrs}>"
        f'<a href="{escape(config.url(lang + "/quiz/"))}">{escape(link_text(config, lang))}</a></div>\n'
        f'<script async src="{escape(config.url("embed.js"))}"></script>'
    )


def frame_page(config: Config, lang: str) -> str:
    """The frame's whole document for ``lang``."""
    from pipeline.quiz_runtime.form import render_quiz_form

    gettext = translations(config.po_path(lang, config.domain_messages), lang).gettext
    quiz_url = config.url(f"{lang}/quiz/")
    form = render_quiz_form(
        lang,
        quiz_base="../../_quiz/",
        pages_base=config.url(f"{lang}/"),
        embed={"quizUrl": quiz_url},
        stylesheet=False,  # linked in the head below: a second link in the body held up the form's parsing
    )
    name = escape(gettext(SITE_NAME))
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(gettext(LINK_TEXT))} · {name}</title>
<link rel="canonical" href="{escape(quiz_url)}">
<base target="_blank">
<script src="../../_quiz/quiz-frame.js"></script>
<link rel="stylesheet" href="../../_quiz/quiz.css">
<style>{FRAME_CSS}</style>
</head>
<body>
<main class="rf-frame">
<h1 class="rf-frame__title">{escape(gettext(FRAME_HEADING))}</h1>
{form}<p class="rf-frame__credit"><a href="{escape(quiz_url)}" rel="noopener">{name}</a></p>
</main>
</body>
</html>
"""


def write_embed(config: Config, site_dir: Path) -> None:
    """``embed.js`` at the site root and ``<lang>/quiz-frame/index.html`` for every language."""
    shutil.copyfile(EMBED_JS, site_dir / "embed.js")
    for lang in config.languages:
        folder = site_dir / lang / FRAME_PAGE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(frame_page(config, lang), encoding="utf-8")
