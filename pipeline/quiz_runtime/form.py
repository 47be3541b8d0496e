"""The quiz page's static HTML: every question as a fieldset, the result area, the config block.

The form works as plain HTML (all questions visible, no script needed to read
them); ``quiz-widget.js`` turns it into one question per step and shows the
result the Python engine computes in a worker. Texts come from the engine's
localized question bank and from the ``quiz`` catalog (``quiz/ui_strings.py``).
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from quiz.ui_strings import translate_ui_strings

WIDGET_MODULES = ("quiz-protocol.js", "quiz-client.js", "quiz-state.js", "quiz-view.js", "quiz-result.js")
"""What ``quiz-widget.js`` imports: preloaded in parallel instead of discovered one level at a time."""


def render_quiz_form(
    lang: str,
    *,
    quiz_base: str,
    pages_base: str,
    stylesheet: bool = True,
    directory_urls: bool = True,
    embed: dict[str, str] | None = None,
    public_base: str | None = None,
) -> str:
    """HTML to insert after the quiz page's Markdown content.

    ``quiz_base``: relative URL of ``_quiz/`` (ends with ``/``); ``pages_base``:
    relative URL of the language's site root, for the action plan's links.
    ``stylesheet=False`` leaves out the ``quiz.css`` link, for a page that links
    it from its ``<head>`` (a stylesheet in the body holds up the parser).
    ``directory_urls=False`` links ``<page>.html`` (the offline bundle, read from ``file://``).
    ``public_base``: the language's public URL (``https://host/en/``); the action plan's
    links then carry their public address for print (``data-rf-href``, ``pipeline/site/print_links.py``).
    ``embed``: set on the embed's frame page (``pipeline/channels/embed.py``), e.g.
    ``{"quizUrl": <the site's quiz page>}``: share and print go to the site,
    result links open in a new tab.
    """
    from quiz.i18n import has_catalog, translations

    if not has_catalog(lang):
        from pipeline.errors import BuildError

        raise BuildError(f"no compiled quiz catalog for {lang!r}: compile_quiz_catalogs() must run first")
    bank = load_bank(lang)

    strings = translate_ui_strings(translations(lang).gettext)
    questions = bank["questions"]
    config = {
        "lang": lang,
        "quizBase": quiz_base,
        "schemaVersion": bank.get("schema_version", 1),
        "topics": topic_urls(bank.get("topics", {}), pages_base, directory_urls=directory_urls),
        **({"printTopics": topic_urls(bank.get("topics", {}), public_base)} if public_base else {}),
        "strings": strings,
        **({"embed": embed} if embed else {}),
    }
    total = len(questions)
    parts = [
        *([f'<link rel="stylesheet" href="{escape(quiz_base)}quiz.css">'] if stylesheet else []),
        f'<div class="rf-quiz" id="rf-quiz" data-rf-quiz lang="{escape(lang)}">',
        '<div class="rf-quiz__progress" hidden>',
        f'<progress max="{total}" value="1" aria-label="{escape(strings["progress_label"])}"></progress>',
        '<span class="rf-quiz__count" aria-live="polite"></span>',
        "</div>",
        _code_box(strings, code_example(lang)),
        '<form class="rf-quiz__form" action="#" method="get" novalidate>',
        *(_question(number, question) for number, question in enumerate(questions, start=1)),
        '<div class="rf-quiz__nav" hidden>',
        f'<button type="button" class="rf-quiz__button" data-action="back">{escape(strings["back"])}</button>',
        f'<button type="submit" class="rf-quiz__button rf-quiz__button--primary" data-action="next">'
        f"{escape(strings['next'])}</button>",
        "</div>",
        f'<noscript><p class="rf-quiz__alert">{escape(strings["noscript"])}</p></noscript>',
        "</form>",
        '<div class="rf-quiz__problems"></div>',
        '<p class="rf-quiz__status" role="status" aria-live="polite"></p>',
        '<section class="rf-quiz__result" aria-live="polite" hidden></section>',
        '<p class="rf-quiz__clear" hidden>'
        f'<button type="button" class="rf-quiz__button rf-quiz__button--quiet" data-action="clear">'
        f"{escape(strings['clear'])}</button></p>",
        "</div>",
        f'<script type="application/json" id="quiz-config">{json_for_script(config)}</script>',
        *(f'<link rel="modulepreload" href="{escape(quiz_base)}{name}">' for name in WIDGET_MODULES),
        # Deferred (a module without async): runs right after parsing, in document order, so
        # before the theme's deferred bundle further down, whose start-up is the page's longest
        # task (async ran after it: both were ready when parsing ended).
        f'<script type="module" src="{escape(quiz_base)}quiz-widget.js"></script>',
    ]
    return "\n".join(parts) + "\n"


def _code_box(strings: dict[str, str], example: str) -> str:
    """Where a paper worksheet's answer code is typed in; shown by the widget (it needs the engine)."""
    hint = strings["code_hint"].replace("{example}", example)
    return "\n".join(
        [
            '<details class="rf-quiz__code" hidden>',
            f"<summary>{escape(strings['code_summary'])}</summary>",
            '<form class="rf-quiz__code-form" action="#" method="get" novalidate>',
            f'<label for="rf-quiz-code">{escape(strings["code_label"])}</label>',
            f'<p class="rf-quiz__hint" id="rf-quiz-code-hint">{escape(hint)}</p>',
            '<div class="rf-quiz__code-row">',
            '<input type="text" id="rf-quiz-code" name="code" autocomplete="off" autocapitalize="characters" '
            'spellcheck="false" maxlength="200" aria-describedby="rf-quiz-code-hint">',
            f'<button type="submit" class="rf-quiz__button rf-quiz__button--primary" data-action="code">'
            f"{escape(strings['code_submit'])}</button>",
            "</div>",
            '<div class="rf-quiz__code-problems"></div>',
            "</form>",
            "</details>",
        ]
    )


def code_example(lang: str) -> str:
    """The start of a code, as an example: its number and two groups, then an ellipsis."""
    from quiz.answer_code import encode
    from quiz.resources import load_bank as engine_bank

    bank = engine_bank()
    picks = {q.id: q.answers[(0, 1, 0, 0, 2)[n % 5] % len(q.answers)].id for n, q in enumerate(bank.questions)}
    return "-".join(encode(bank, picks, lang).split("-")[:3]) + "-…"


def load_bank(lang: str) -> dict[str, Any]:
    """The engine's localized bank (the same JSON the worker can ask for)."""
    from quiz.json_api import bank_json

    return json.loads(bank_json(lang))


def _question(number: int, question: dict[str, Any]) -> str:
    qid = str(question["id"])
    field_id = f"rf-q-{qid}"
    lines = [
        f'<fieldset class="rf-quiz__step" id="{escape(field_id)}" data-question="{escape(qid)}">',
        f'<legend><span class="rf-quiz__num">{number}.</span> {escape(_text(question))}</legend>',
    ]
    hint = question.get("help") or question.get("hint")
    if hint:
        lines.append(f'<p class="rf-quiz__hint">{escape(str(hint))}</p>')
    lines.append('<div class="rf-quiz__choices">')
    for answer in _answers(question):
        aid = str(answer["id"])
        input_id = f"{field_id}-{aid}"
        lines.append(
            f'<label class="rf-quiz__choice" for="{escape(input_id)}">'
            f'<input type="radio" id="{escape(input_id)}" name="{escape(qid)}" value="{escape(aid)}">'
            f"<span>{escape(_text(answer))}</span></label>"
        )
    lines += ["</div>", "</fieldset>"]
    return "\n".join(lines)


def _text(item: dict[str, Any]) -> str:
    for key in ("text", "label", "prompt", "title"):
        if item.get(key):
            return str(item[key])
    raise KeyError(f"no text for {item.get('id')!r}")


def _answers(question: dict[str, Any]) -> list[dict[str, Any]]:
    return list(question.get("answers") or question.get("choices") or [])


def topic_urls(topics: dict[str, Any], pages_base: str, *, directory_urls: bool = True) -> dict[str, str]:
    """``{topic id: "<pages_base><page>/#<anchor>"}`` from the bank's ``[topics.<id>]`` tables.

    Without directory URLs (the offline bundle) a page is ``<page>.html`` and the home ``index.html``.
    """
    urls = {}
    for topic, target in sorted(topics.items()):
        page = str(target["page"]).strip("/")
        page = page.removesuffix(".md").removesuffix("/index")
        anchor = str(target.get("anchor") or "").lstrip("#")
        if not directory_urls:
            url = f"{pages_base}{page or 'index'}.html"
        else:
            url = f"{pages_base}{page}/" if page and page != "index" else pages_base
        urls[topic] = f"{url}#{anchor}" if anchor else url
    return urls


def json_for_script(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, no ``<!--``, no ``&`` entities."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
