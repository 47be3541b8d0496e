"""Button and field names quoted on the built pages are the real labels of the built UI.

A page that says «press “Copy link”» only helps if the reader then finds a button
called exactly that. This reads every built page of every language, finds the
quoted names that the text presents as a button, link, tab, field or option (the
noun right before or after the quotes, or a verb such as “press”), and checks each
against the labels the built site really shows in that language: buttons, labels,
legends and options of every page (the quiz form, the embed generator), their
``aria-label``/``title``, and the strings the quiz widget and the generator put on
screen at run time (``#quiz-config``, ``#rf-embed-config``). Pages owned by other
work (the facilitator's guide) are read the same way, so a renamed button or a
reworded guide cannot drift apart silently.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.config import Config

ROOT = Path(__file__).resolve().parents[3]
LANGS = Config(root=ROOT).languages
OPEN, CLOSE = {"en": "“", "es": "«", "ru": "«"}, {"en": "”", "es": "»", "ru": "»"}
# Words that make a quoted phrase the name of a control: the noun after or before it, or a verb before it.
NOUN = {
    "en": r"button|buttons|link|tab|field|box|option|menu|checkbox",
    "es": r"botón|botones|enlace|pestaña|campo|casilla|opción|menú",
    "ru": r"кнопк\w*|ссылк\w*|вкладк\w*|пол[еяю]|пункт\w*|флаж\w*",
}
VERB = {
    "en": r"press|click|tap|choose|select",
    "es": r"pulsa|haz clic en|elige|selecciona",
    "ru": r"нажмите|выберите|щёлкните",
}
JOIN = {"en": r",\s*|\s+(?:and|or)\s+", "es": r",\s*|\s+(?:y|o)\s+", "ru": r",\s*|\s+(?:и|или)\s+"}
ARTICLE = {"en": r"(?:the\s+)?", "es": r"(?:el\s+|los\s+)?", "ru": ""}
CONTROL_TAGS = {"button", "label", "legend", "summary", "option", "th"}  # th: the paper sheets' column names


class _Page(HTMLParser):
    """The article's prose (without code or the generator widget) and every control label on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.prose: list[str] = []
        self.labels: set[str] = set()
        self._stack: list[str] = []
        self._skip = 0  # inside <pre>, <code>, <script>, <style> or the generator
        self._article = 0
        self._control: list[list[str]] = []
        self._json: str | None = None
        self.json_blobs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self._stack.append(tag)
        if tag == "article":
            self._article += 1
        if tag in {"pre", "code", "script", "style"} or a.get("id") == "rf-embed" or self._skip:
            self._skip += 1
        if tag == "script" and a.get("type") == "application/json":
            self._json = ""
        if tag in CONTROL_TAGS:
            self._control.append([])
        for key in ("aria-label", "title"):
            if tag in {"button", "a", "input", "label"} and a.get(key):
                self.labels.add(_norm(a[key] or ""))
        if tag == "input" and a.get("type") in {"submit", "button", "reset"} and a.get("value"):
            self.labels.add(_norm(a["value"] or ""))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            top = self._stack.pop()
            if self._skip:
                self._skip -= 1
            if top == "article":
                self._article -= 1
            if top == "script" and self._json is not None:
                self.json_blobs.append(self._json)
                self._json = None
            if top in CONTROL_TAGS and self._control:
                self.labels.add(_norm("".join(self._control.pop())))
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._json is not None:
            self._json += data
        for parts in self._control:
            parts.append(data)
        if self._article and not self._skip:
            self.prose.append(data)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {_norm(value)}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    for blob in page.json_blobs:
        data = json.loads(blob)
        if isinstance(data, dict) and "strings" in data:  # #quiz-config and #rf-embed-config: run-time UI text
            page.labels |= _strings(data["strings"])
    return page


def quoted_controls(lang: str, prose: str) -> list[str]:
    """The quoted names ``prose`` presents as controls, e.g. 'the “Copy link” button' -> ['Copy link']."""
    quote = f"{re.escape(OPEN[lang])}([^{re.escape(OPEN[lang] + CLOSE[lang])}]+){re.escape(CLOSE[lang])}"
    group = rf"{quote}(?:(?:{JOIN[lang]}){quote})*"
    found = []
    for match in re.finditer(group, prose):
        before = prose[: match.start()].rstrip()
        after = prose[match.end() :].lstrip()
        is_control = re.search(rf"(?:\b(?:{NOUN[lang]})|\b(?:{VERB[lang]}))\s*{ARTICLE[lang]}$", before + " ", re.I)
        is_control = is_control or re.search(rf"\b(?:{NOUN[lang]})\s+{ARTICLE[lang]}$", before + " ", re.I)
        is_control = is_control or re.match(rf"(?:{NOUN[lang]})\b", after, re.I)
        if is_control:
            found += [_norm(name) for name in re.findall(quote, match.group(0))]
    return found


@pytest.fixture(scope="module")
def built_pages(built_site: Path) -> dict[str, dict[str, _Page]]:
    return {
        lang: {
            str(path.relative_to(built_site)): parse(path.read_text(encoding="utf-8"))
            for path in sorted((built_site / lang).rglob("index.html"))
        }
        for lang in LANGS
    }


@pytest.mark.parametrize("lang", LANGS)
def test_quoted_button_names_are_real_labels(built_pages, lang: str) -> None:
    """Every control name quoted in a page's text is a label the built UI shows in that language."""
    pages = built_pages[lang]
    labels = set().union(*(page.labels for page in pages.values()))
    quoted = {where: quoted_controls(lang, " ".join(page.prose)) for where, page in pages.items()}
    assert len(quoted[f"{lang}/embed/index.html"]) >= 2, "the embed page names its buttons"
    wrong = [
        f"{where}: {OPEN[lang]}{name}{CLOSE[lang]}"
        for where, names in quoted.items()
        for name in names
        if name not in labels
    ]
    assert not wrong, "quoted as a button or field but no such label in the built UI:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("lang", "prose", "names"),
    [
        (
            "en",
            "The “Print the action plan” button opens it, and the “Copy link” button copies it.",
            ["Print the action plan", "Copy link"],
        ),
        ("en", "press the “Start over” button", ["Start over"]),
        ("en", "that “not sure” is a fair answer", []),
        ("en", "an “HTML” or “Custom HTML” block", []),
        ("ru", "Кнопки «Поделиться» и «Печать» открывают", ["Поделиться", "Печать"]),
        ("ru", "нажмите «Начать заново»", ["Начать заново"]),
        ("es", "El botón «Copiar enlace» copia", ["Copiar enlace"]),
        ("es", "pulsa el botón «Empezar de nuevo».", ["Empezar de nuevo"]),
        ("es", "que «no lo sé» es una respuesta válida", []),
    ],
)
def test_the_reference_finder(lang: str, prose: str, names: list[str]) -> None:
    assert quoted_controls(lang, prose) == names
