"""The JSON API's contract, field by field: the public bank is bank.toml's texts in the page's language, and every
failure (unknown language, bad answers, a code that does not add up, a fault inside the engine) is an envelope
whose message is in the page's language and names what it concerns."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest

from quiz import answer_code, json_api
from quiz.errors import MESSAGES, AnswersError
from quiz.i18n import LANGUAGES, translations
from quiz.json_api import MAX_CODE, MAX_INPUT, bank_json, decode_code_json, encode_code_json, score_json
from quiz.resources import bank_text

RAW: dict[str, Any] = tomllib.loads(bank_text())
CALM = {q["id"]: q["answers"][0]["id"] for q in RAW["questions"]}


def dumps(data: object) -> str:
    """The documented form: keys sorted, no spaces, characters as themselves (no \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def doc(answers: dict[str, str]) -> str:
    return json.dumps({"schema_version": 1, "answers": answers})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_public_bank_is_bank_toml_in_the_pages_language(lang: str) -> None:
    """Ids, weights, thresholds and topics as bank.toml has them; every text through the language's catalog;
    no points and no dealbreaker marks; the "not enough answers" band after the three verdicts."""
    _ = translations(lang).gettext
    bands = [(band, table) for band, table in RAW["bands"].items()] + [("not-enough-answers", RAW["undecided"])]
    expected = {
        "schema_version": RAW["schema_version"],
        "lang": lang,
        "dimensions": [{"id": d, "label": _(t["label"]), "weight": t["weight"]} for d, t in RAW["dimensions"].items()],
        "bands": [
            {"id": b, "label": _(t["label"]), "verdict": _(t["verdict"]), "min_score": t.get("min_score", 0)}
            for b, t in bands
        ],
        "questions": [
            {"id": q["id"], "text": _(q["text"]), "sign": _(q["sign"]), "topic": q["topic"],
             "dimensions": q["dimensions"], "answers": [{"id": a["id"], "text": _(a["text"])} for a in q["answers"]]}
            for q in RAW["questions"]
        ],
        "client_types": [
            {"id": c, "label": _(t["label"]), "description": _(t["description"]), "topic": t["topic"]}
            for c, t in sorted(RAW["client_types"].items())
        ],
        "topics": {t: {"page": v["page"], "anchor": v["anchor"]} for t, v in RAW["topics"].items()},
    }  # fmt: skip
    assert bank_json(lang) == dumps(expected)


def unknown_language(lang: object) -> dict[str, Any]:
    message = f"Language “{lang}” is not available (choose one of: en, es, ru)."
    return {"ok": False, "errors": [{"code": "unknown-language", "message": message, "question": None, "answer": None}]}


@pytest.mark.parametrize("lang", ["xx", "", None, 5])
def test_an_unknown_language_is_named_with_the_choices(lang: object) -> None:
    """In English (there is no other language to speak), by every entry point."""
    for call in (score_json, encode_code_json):
        assert json.loads(call(doc(CALM), lang)) == unknown_language(lang)  # type: ignore[arg-type]
    assert json.loads(decode_code_json("1-AAAAA5", lang)) == unknown_language(lang)  # type: ignore[arg-type]
    with pytest.raises(AnswersError) as caught:
        bank_json(lang)  # type: ignore[arg-type]
    assert str(caught.value) == unknown_language(lang)["errors"][0]["message"]


def translated(lang: str, code: str, **params: object) -> str:
    return translations(lang).gettext(MESSAGES[code]) % params


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        (None, "invalid-json", {"line": 1, "column": 1}),
        ("[" * 30000 + "]" * 30000, "invalid-json", {"line": 1, "column": 1}),
        ('{\n  "schema_version": 1,\n  "answers": {,}}', "invalid-json", {"line": 3, "column": 15}),
        (" " * (MAX_INPUT + 1), "too-large", {"limit": MAX_INPUT}),
        ('{"schema_version": 0, "answers": {}}', "bad-schema-version", {"expected": 1}),
        ('{"schema_version": 7, "answers": {}}', "newer-schema", {"found": 7, "expected": 1}),
        ("7", "not-an-object", {}),
    ],
)
@pytest.mark.parametrize("lang", ["ru", "es"])
def test_malformed_answers_are_explained_in_the_pages_language(
    lang: str, text: object, code: str, params: dict[str, object]
) -> None:
    envelope = json.loads(score_json(text, lang))  # type: ignore[arg-type]
    assert envelope == {
        "ok": False,
        "errors": [{"code": code, "message": translated(lang, code, **params), "question": None, "answer": None}],
    }


@pytest.mark.parametrize(
    ("text", "code", "question", "params"),
    [
        ('{"schema_version": 1, "answers": {"abusive": "never", "abusive": "rude"}}', "duplicate-answer", "abusive",
         {"question": "abusive"}),
        ('{"schema_version": 1, "answers": {"abusive": 3}}', "answer-not-text", "abusive", {"question": "abusive"}),
        ('{"schema_version": 1, "answers": {}, "extra": 1}', "unknown-key", None, {"key": "extra"}),
    ],
)  # fmt: skip
def test_answers_in_the_wrong_shape_name_the_question_or_field(
    text: str, code: str, question: str | None, params: dict[str, object]
) -> None:
    envelope = json.loads(score_json(text, "ru"))
    message = translated("ru", code, **params)
    assert envelope["errors"] == [{"code": code, "message": message, "question": question, "answer": None}]


def test_the_size_limit_on_both_sides() -> None:
    """MAX_INPUT characters are read (and found to be no JSON); one more is refused unread."""
    padded = doc(CALM).ljust(MAX_INPUT)
    assert json.loads(score_json(padded, "en"))["ok"] is True
    assert [e["code"] for e in json.loads(score_json(padded + " ", "en"))["errors"]] == ["too-large"]


def test_a_fault_inside_the_engine_is_reported_in_the_pages_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker always gets an envelope: an unexpected exception becomes internal-error, naming only its type."""
    import quiz.scoring

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("secret detail")

    monkeypatch.setattr(quiz.scoring, "score", broken)
    envelope = json.loads(score_json(doc(CALM), "ru"))
    message = translated("ru", "internal-error", detail="ZeroDivisionError")
    assert envelope == {
        "ok": False,
        "errors": [{"code": "internal-error", "message": message, "question": None, "answer": None}],
    }
    assert "secret" not in message


def code_error(lang: str, kind: str, **params: object) -> str:
    """The catalog's translation of a code problem (not answer_code.message, which is under test here too)."""
    msgid = answer_code.MESSAGES[kind]
    assert isinstance(msgid, str)
    return translations(lang).gettext(msgid) % params


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_code_that_does_not_add_up_is_explained_in_the_pages_language(lang: str) -> None:
    """The group and the question concerned are fields of the error, and the message is the catalog's."""
    bank = json_api.load_bank()
    letters = answer_code.letters(lang)
    code = json.loads(encode_code_json(doc(CALM), lang))["code"]
    version, first, *rest = code.split("-")
    last = bank.questions[1]
    beyond = letters[len(last.answers)]  # question 2 has no answer with this letter
    typed = "-".join([version, first[0] + beyond + first[2:], *rest])
    params = {"number": 2, "letter": beyond, "first": letters[0], "last": letters[len(last.answers) - 1]}
    message = code_error(lang, "code-letter", **params)
    assert json.loads(decode_code_json(typed, lang)) == {
        "ok": False,
        "errors": [{"code": "code-letter", "message": message, "group": None, "question": 2}],
    }
    typed = "-".join([version, first[:-1] + "9", *rest])  # the check number of group 1 changed
    where = {"group": 1, "start": 1, "end": 5}
    message = code_error(lang, "code-check", **where, expected=int(first[5:]), found=int(first[5:-1] + "9"))
    assert json.loads(decode_code_json(typed, lang)) == {
        "ok": False,
        "errors": [{"code": "code-check", "message": message, "group": 1, "question": None}],
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_code_length_limit_on_both_sides(lang: str) -> None:
    """MAX_CODE characters are read (here: a version number nobody has); one more is refused unread."""
    longest = "9" * MAX_CODE
    assert [e["code"] for e in json.loads(decode_code_json(longest, lang))["errors"]] == ["code-new-version"]
    for refused in (longest + "9", None, 5):
        assert json.loads(decode_code_json(refused, lang)) == {  # type: ignore[arg-type]
            "ok": False,
            "errors": [{"code": "code-empty", "message": code_error(lang, "code-empty"), "group": None,
                        "question": None}],
        }  # fmt: skip


def test_codes_that_cannot_be_made_say_why_in_the_pages_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Incomplete answers are the answers' problems; a bank whose layout has no code version is the code's."""
    missing = dict(CALM)
    del missing["bribes"]
    envelope = json.loads(encode_code_json(doc(missing), "es"))
    assert envelope["errors"] == [{"code": "missing-answer", "message": translated("es", "missing-answer",
                                   question="bribes"), "question": "bribes", "answer": None}]  # fmt: skip
    monkeypatch.setattr(answer_code, "LAYOUTS", {})
    envelope = json.loads(encode_code_json(doc(CALM), "ru"))
    assert envelope == {
        "ok": False,
        "errors": [{"code": "code-layout", "message": code_error("ru", "code-layout"), "group": None,
                    "question": None}],
    }  # fmt: skip
