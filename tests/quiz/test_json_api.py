"""The JSON API: the localized bank, the result envelope, and bad input answered as data, never raised."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from quiz.errors import AnswersError
from quiz.json_api import MAX_INPUT, bank_json, score_json
from quiz.model import Bank, Result
from quiz.scoring import score

Answers = Callable[..., dict[str, str]]


def doc(answers: dict[str, Any], version: Any = 1) -> str:
    return json.dumps({"schema_version": version, "answers": answers})


def test_bank_json_is_localized_and_complete(bank: Bank) -> None:
    """bank_json('es') has every question and answer id, Spanish texts, topics and the schema version."""
    data = json.loads(bank_json("es"))
    assert data["schema_version"] == 1 and data["lang"] == "es"
    assert [q["id"] for q in data["questions"]] == [q.id for q in bank.questions]
    first = data["questions"][0]
    assert first["text"] == "¿Cómo te paga este cliente, o cómo piensa pagarte?"
    assert [a["id"] for a in first["answers"]] == [a.id for a in bank.questions[0].answers]
    assert data["topics"]["bad-payer"] == {"page": "eight-problem-clients", "anchor": "bad-payer"}
    assert [d["id"] for d in data["dimensions"]][0] == "payment"


def test_bank_json_keeps_points_inside_the_engine() -> None:
    """The public bank carries no points and no dealbreaker marks."""
    text = bank_json("en")
    assert '"points"' not in text and '"dealbreaker"' not in text


def test_bank_json_is_deterministic() -> None:
    """Two calls give the same bytes, with sorted keys."""
    assert bank_json("ru") == bank_json("ru")
    assert list(json.loads(bank_json("ru"))) == sorted(json.loads(bank_json("ru")))


def test_bank_json_rejects_unknown_language() -> None:
    """An unsupported language is an AnswersError, not a silent English bank."""
    with pytest.raises(AnswersError):
        bank_json("xx")


def test_score_json_result_shape(bank: Bank, answers: Answers) -> None:
    """A valid answer set gives ok true and the documented result keys."""
    envelope = json.loads(score_json(doc(answers({"pays-on-time": "excuses"})), "en"))
    assert envelope["ok"] is True
    result = envelope["result"]
    assert set(result) == {
        "schema_version", "lang", "score", "band", "confidence", "answered", "total", "warning_signs", "summary",
        "dimensions", "dealbreakers", "client_types", "reasons", "action_plan", "stage", "not_yet", "mild_signs",
        "main_steps",
    }  # fmt: skip
    assert result["schema_version"] == 1
    assert set(result["band"]) == {"id", "label", "verdict"}
    assert set(result["action_plan"][0]) == {"id", "text", "topic"}


def test_score_json_matches_score(bank: Bank, answers: Answers) -> None:
    """The JSON result is Result.to_dict() of the scoring core, in the requested language."""
    from quiz.i18n import translations

    chosen = answers({"meetings": "cancels"})
    envelope = json.loads(score_json(doc(chosen), "ru"))
    assert envelope["result"] == score(bank, chosen, translations=translations("ru"), lang="ru").to_dict()


def test_result_round_trip(bank: Bank, answers: Answers) -> None:
    """Result.from_dict(to_dict()) gives an equal result."""
    result = score(bank, answers({"abusive": "insults", "feedback": "blames"}))
    assert Result.from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_score_json_is_deterministic(answers: Answers) -> None:
    """The same answers give the same bytes, whatever their order."""
    chosen = answers({"replies": "silent"})
    assert score_json(doc(chosen), "es") == score_json(doc(dict(sorted(chosen.items(), reverse=True))), "es")


BAD = [
    ("not json", "{", "invalid-json"),
    ("not an object", "[1, 2]", "not-an-object"),
    ("answers not an object", '{"schema_version": 1, "answers": ["a"]}', "answers-not-an-object"),
    ("answer not text", '{"schema_version": 1, "answers": {"abusive": 3}}', "answer-not-text"),
    ("newer schema", '{"schema_version": 2, "answers": {}}', "newer-schema"),
    ("no schema", '{"answers": {}}', "bad-schema-version"),
    ("bool schema", '{"schema_version": true, "answers": {}}', "bad-schema-version"),
    ("unknown key", '{"schema_version": 1, "answers": {}, "extra": 1}', "unknown-key"),
    ("duplicate", '{"schema_version": 1, "answers": {"abusive": "never", "abusive": "rude"}}', "duplicate-answer"),
    ("unknown question", None, "unknown-question"),
    ("unknown answer", None, "unknown-answer"),
    ("missing answer", None, "missing-answer"),
    ("too large", " " * (MAX_INPUT + 1), "too-large"),
    ("deep nesting", "[" * 30000 + "]" * 30000, "invalid-json"),
]


@pytest.mark.parametrize(("name", "text", "code"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_reported_not_raised(answers: Answers, name: str, text: str | None, code: str) -> None:
    """Each kind of bad input gives ok false with its code and a localized message."""
    if text is None:
        chosen = answers()
        if code == "unknown-question":
            chosen["who"] = "me"
        elif code == "unknown-answer":
            chosen["abusive"] = "sometimes"
        else:
            del chosen["abusive"]
        text = doc(chosen)
    envelope = json.loads(score_json(text, "ru"))
    assert envelope["ok"] is False
    assert code in {e["code"] for e in envelope["errors"]}
    assert all(any("\u0400" <= ch <= "\u04ff" for ch in e["message"]) for e in envelope["errors"])


def test_errors_name_question_and_answer(answers: Answers) -> None:
    """An unknown answer error carries the question and answer ids."""
    envelope = json.loads(score_json(doc(answers({"abusive": "sometimes"})), "es"))
    assert envelope["errors"] == [{
        "code": "unknown-answer",
        "question": "abusive",
        "answer": "sometimes",
        "message": "La pregunta «abusive» no tiene la respuesta «sometimes».",
    }]  # fmt: skip


def test_unknown_language_is_reported(answers: Answers) -> None:
    """score_json with an unsupported language answers with an error, in English."""
    envelope = json.loads(score_json(doc(answers()), "klingon"))
    assert [e["code"] for e in envelope["errors"]] == ["unknown-language"]


@pytest.mark.parametrize("value", [None, 42, b"{}", ["x"]])
def test_non_text_input_is_reported(value: object) -> None:
    """Input that is not a string (as a careless caller might send) gives an error envelope."""
    envelope = json.loads(score_json(value, "en"))  # type: ignore[arg-type]
    assert envelope["ok"] is False


def test_markup_in_ids_stays_data(answers: Answers) -> None:
    """Markup in a tampered id is only echoed inside JSON strings, cut to a short length."""
    evil = "<img src=x onerror=alert(1)>" * 5
    envelope = json.loads(score_json(doc(answers({evil: "<b>"})), "en"))
    (error,) = envelope["errors"]
    assert error["code"] == "unknown-question" and len(error["question"]) <= 60
