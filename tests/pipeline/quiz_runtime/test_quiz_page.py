"""pipeline/quiz_runtime/form.py: the static quiz form, its config block and its translations."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.quiz_runtime.form import json_for_script, render_quiz_form, topic_urls
from quiz.json_api import bank_json
from quiz.ui_strings import UI_STRINGS

LANGS = ("es", "ru", "en")
ROOT = Path(__file__).resolve().parents[3]
ASSETS = ROOT / "pipeline/quiz_runtime/assets"


@pytest.fixture(autouse=True, scope="module")
def compiled_quiz_catalogs() -> None:
    """The form is rendered from the compiled catalogs; a fresh clone has none until a build runs."""
    from pipeline.quiz_runtime.catalogs import compile_quiz_catalogs

    compile_quiz_catalogs(ROOT)


class Outline(HTMLParser):
    """Tags with attributes in order, the text of legends, and the JSON config block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.legends: list[str] = []
        self.config_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"input", "link", "br"}:
            self.stack.append(tag)
        if tag == "legend":
            self.legends.append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "legend" in self.stack:
            self.legends[-1] += data
        if self.stack and self.stack[-1] == "script" and self.tags[-1][1].get("id") == "quiz-config":
            self.config_text += data


def outline(lang: str) -> Outline:
    parser = Outline()
    parser.feed(render_quiz_form(lang, quiz_base="../../_quiz/", pages_base="../"))
    parser.close()
    assert parser.stack == []
    return parser


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_is_a_fieldset_with_labelled_radios(lang: str) -> None:
    """One fieldset + legend per question, one labelled radio per answer, ids unique, in bank order."""
    bank = json.loads(bank_json(lang))
    page = outline(lang)
    fieldsets = [a for t, a in page.tags if t == "fieldset"]
    assert [f["data-question"] for f in fieldsets] == [q["id"] for q in bank["questions"]]
    assert [legend.split(" ", 1)[1] for legend in page.legends] == [q["text"] for q in bank["questions"]]
    inputs = [a for t, a in page.tags if t == "input"]
    radios = [a for a in inputs if a.get("type") == "radio"]
    assert len(radios) == sum(len(q["answers"]) for q in bank["questions"])
    (code,) = [a for a in inputs if a.get("type") != "radio"]  # the answer code's field
    assert code["type"] == "text" and code["id"] == "rf-quiz-code"
    label_targets = {a["for"] for t, a in page.tags if t == "label"}
    ids = [r["id"] for r in radios]
    assert len(set(ids)) == len(ids) and set(ids) | {code["id"]} == label_targets
    assert not any(a.get("hidden") is not None for t, a in page.tags if t == "fieldset")


def test_scripts_are_the_config_block_and_one_module() -> None:
    """No inline script besides the JSON config; the widget is a module from quiz_base; CSS linked."""
    page = outline("en")
    scripts = [a for t, a in page.tags if t == "script"]
    assert scripts == [
        {"type": "application/json", "id": "quiz-config"},
        {"type": "module", "src": "../../_quiz/quiz-widget.js"},  # deferred: see test_built_site_scripts
    ]
    assert ("link", {"rel": "stylesheet", "href": "../../_quiz/quiz.css"}) in page.tags
    preloaded = {a["href"].removeprefix("../../_quiz/") for t, a in page.tags if a.get("rel") == "modulepreload"}
    assert preloaded == static_imports("quiz-widget.js")
    assert not [a for _, a in page.tags for name in a if name.startswith("on")]


@pytest.mark.parametrize("lang", LANGS)
def test_config_has_every_string_and_topic_links(lang: str) -> None:
    """The config names the language, every UI string, and a link per topic of the bank."""
    config = json.loads(outline(lang).config_text)
    assert config["lang"] == lang
    assert config["quizBase"] == "../../_quiz/"
    assert set(config["strings"]) == set(UI_STRINGS)
    topics = json.loads(bank_json(lang))["topics"]
    assert set(config["topics"]) == set(topics)
    for topic, target in topics.items():
        assert config["topics"][topic] == f"../{target['page']}/#{target['anchor']}"


@pytest.mark.parametrize("lang", ["es", "ru"])
def test_strings_are_translated(lang: str) -> None:
    """es and ru get their own words for every UI string (the compiled quiz catalog)."""
    strings = json.loads(outline(lang).config_text)["strings"]
    english = json.loads(outline("en").config_text)["strings"]
    same = [key for key in UI_STRINGS if strings[key] == english[key]]
    assert same == [], same
    for key, text in strings.items():
        assert set(_placeholders(text)) == set(_placeholders(UI_STRINGS[key])), key


def static_imports(module: str, seen: set[str] | None = None) -> set[str]:
    """Modules ``module`` imports statically, recursively (the widget's whole module graph)."""
    import re

    seen = set() if seen is None else seen
    text = (ASSETS / module).read_text(encoding="utf-8")
    for name in re.findall(r'^import [^;]*? from "\./([\w.-]+)";', text, flags=re.M | re.S):
        if name not in seen:
            seen.add(name)
            static_imports(name, seen)
    return seen


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"\{(\w+)\}", text)


def test_json_for_script_cannot_close_the_script() -> None:
    """`</script>`, `<!--` and `&` are escaped; the text still decodes to the same data."""
    data = {"x": "</script><script>alert(1)</script><!-- &amp;"}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_topic_urls_are_relative_to_the_language_root() -> None:
    """page + anchor become `<pages_base><page>/#<anchor>`; the home page is the root."""
    topics = {
        "deposit": {"page": "protect-yourself", "anchor": "deposits"},
        "home": {"page": "index", "anchor": ""},
        "md": {"page": "when-to-say-no.md", "anchor": "#payment"},
    }
    assert topic_urls(topics, "../") == {
        "deposit": "../protect-yourself/#deposits",
        "home": "../",
        "md": "../when-to-say-no/#payment",
    }
