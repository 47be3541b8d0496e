"""MkDocs hooks for one language's build (registered by ``pipeline/site/mkdocs_build.py``).

They give the templates gettext (Jinja2's i18n extension with the language's
``messages`` catalog) and, per page, the absolute ``hreflang`` alternates and
the relative links of the language switcher.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.content.ui_text import translations


def _settings(config: Any) -> dict[str, Any]:
    return config["extra"]["redflags"]


def on_env(env: Any, /, *, config: Any, files: Any) -> Any:
    """Install the language's UI translations into the theme's Jinja2 environment."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
    from material import templates

    settings = _settings(config)
    # "material/<name>" reaches Material's own template, so an override can wrap it
    # (partials/search.html adds one attribute) instead of copying it.
    original = FileSystemLoader(Path(templates.__file__).parent)
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": original})])
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(
        translations(Path(settings["messages_po"]), settings["lang"]), newstyle=True
    )
    if settings.get("template_cache"):  # the live preview: compile Material's templates once
        from jinja2 import FileSystemBytecodeCache

        Path(settings["template_cache"]).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(settings["template_cache"])
    return env


def on_page_context(context: dict[str, Any], /, *, page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """Add ``redflags_alternates``: one entry per language plus ``x-default``."""
    settings = _settings(config)
    root = settings["root_url"]
    alternates = [
        {
            "lang": lang["code"],
            "name": lang["name"],
            "url": f"{root}{lang['code']}/{page.url}",
            "current": lang["code"] == settings["lang"],
            "path": f"{lang['code']}/{page.url}",
        }
        for lang in settings["languages"]
    ]
    default = next(a for a in alternates if a["lang"] == settings["default_language"])
    context["redflags_alternates"] = alternates
    context["redflags_default"] = default
    context["redflags_lang"] = settings["lang"]
    return context


QUIZ_PAGE = "quiz.md"
PAPER_PAGES = ("paper-quiz.md", "paper-scoring.md", "paper-reckoner.md")  # pipeline/channels/paper_quiz.py


def on_page_content(html: str, /, *, page: Any, config: Any, files: Any) -> str:
    """Links get their public URL for print; the quiz page gets its form, a paper-quiz page its sheet.

    The "Embed the quiz" page gets its snippet generator (``pipeline/channels/embed_page.py``).
    """
    from pipeline.site.print_links import add_print_urls

    settings = _settings(config)
    page_url = f"{settings['root_url']}{settings['lang']}/{page.url}"
    html = add_print_urls(html, page_url=page_url, directory_urls=bool(config.use_directory_urls))
    if page.file.src_uri == EMBED_PAGE:
        return _with_embed_generator(html, page=page, config=config)
    if page.file.src_uri in PAPER_PAGES:
        from pipeline.channels.paper_quiz import render_sheet

        ui = translations(Path(settings["messages_po"]), settings["lang"]).gettext
        return html + render_sheet(page.file.src_uri, settings["lang"], ui)
    if page.file.src_uri != QUIZ_PAGE:
        return html
    from pipeline.quiz_runtime.form import render_quiz_form

    depth = page.url.count("/")
    pages_base = "../" * depth
    return html + render_quiz_form(
        _settings(config)["lang"],
        quiz_base=f"{pages_base}../{QUIZ_RUNTIME}/",
        pages_base=pages_base or "./",
        stylesheet=False,  # main.html links quiz.css from <head>: a body stylesheet blocks the parser
        directory_urls=bool(config.use_directory_urls),
        public_base=f"{settings['root_url']}{settings['lang']}/",
    )


QUIZ_RUNTIME = "_quiz"
EMBED_PAGE = "embed.md"


def _with_embed_generator(html: str, *, page: Any, config: Any) -> str:
    from pipeline.config import Config
    from pipeline.channels.embed_page import insert_generator, render_generator

    settings = _settings(config)
    lang = settings["lang"]
    site = Config(root=Path(settings["project_root"]), site_url=settings["root_url"])
    to_lang_root = "../" * page.url.count("/")
    generator = render_generator(
        site,
        lang,
        gettext=translations(Path(settings["messages_po"]), lang).gettext,
        assets=f"{to_lang_root}assets/",
        embed_js=f"{to_lang_root}../embed.js",
    )
    return insert_generator(html, generator)


def on_page_markdown(markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
    """Start each page with its front-matter title as the heading.

    Material would otherwise use the navigation label, which differs for the
    home page ("Home" in the menu, the site's name as its heading).
    """
    title = (page.meta or {}).get("title")
    if not title or markdown.lstrip().startswith("# "):
        return markdown
    return f"# {title}\n\n{markdown}"


#: Material's two state checkboxes (drawer, search) carry ``autocomplete="off"``,
#: which HTML allows on text-like inputs only (two Nu checker errors per page).
#: They sit in ``base.html`` outside any block, so the attribute is taken off the
#: rendered page here; the search box itself (``partials/search.html``) keeps it.
_TOGGLES = (
    'data-md-toggle="drawer" type="checkbox" id="__drawer"',
    'data-md-toggle="search" type="checkbox" id="__search"',
)


def valid_toggles(html: str) -> str:
    for toggle in _TOGGLES:
        html = html.replace(f'{toggle} autocomplete="off">', f"{toggle}>")
    return html


def on_post_page(output: str, /, *, page: Any, config: Any) -> str:
    return valid_toggles(output)


def on_post_template(output_content: str, /, *, template_name: str, config: Any) -> str:
    return valid_toggles(output_content)
