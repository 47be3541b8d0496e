"""JSON in, JSON out: the functions the browser worker calls, and the tests and the CLI too.

``bank_json(lang)``
    The localized question bank: ``schema_version``, ``lang``, ``dimensions``,
    ``bands``, ``questions`` (ids, texts, answers), ``client_types`` and
    ``topics`` (topic id to guidance ``page`` and ``anchor``).
``score_json(answers_json, lang)``
    ``{"ok": true, "result": Result.to_dict()}`` or
    ``{"ok": false, "errors": [{"code", "message", "question", "answer"}, ...]}``
    with localized messages. It never raises on bad input.
``encode_code_json(answers_json, lang)``
    The answer code of a complete answer set (``answer_code``): ``{"ok": true, "code": "1-ABAAF11-..."}``
    or the errors of ``score_json``.
``decode_code_json(code, lang)``
    A typed answer code back to answers: ``{"ok": true, "answers": {...}, "complete": bool,
    "next_question": number or null}`` or ``{"ok": false, "errors": [{"code", "message", ...}]}``
    with a localized message naming the group or question that does not add up.

Answers JSON: ``{"schema_version": 1, "answers": {"<question id>": "<answer id>", ...}}``;
every question must be answered ("unsure" is an answer). Output is
deterministic: keys sorted, lists in a fixed order, no whitespace, characters as themselves (no ``\\u`` escapes).
Nothing here scores or validates beyond decoding: ``scoring`` does that.
"""

from __future__ import annotations

from typing import Any

from .errors import AnswersError, Problem, QuizError, Translations, problem
from .i18n import LANGUAGES, normalize_language, translations
from .model import SCHEMA_VERSION, Bank
from .resources import load_bank

MAX_INPUT = 65536
"""Longest answers JSON read (characters); a real answer set is about 1 KB."""


def bank_json(lang: str) -> str:
    """The question bank in ``lang`` as JSON; raises ``AnswersError`` (``unknown-language``) for a language we lack."""
    code = _language(lang)
    return _dumps(bank_dict(load_bank(), code, translations(code)))


def score_json(answers_json: str, lang: str) -> str:
    """Score an answers JSON document; the envelope as JSON text (see the module docstring)."""
    return _dumps(score_envelope(answers_json, lang))


def score_envelope(answers_json: object, lang: object) -> dict[str, Any]:
    """``score_json`` before encoding: ``{"ok": True, "result": ...}`` or ``{"ok": False, "errors": [...]}``."""
    from .scoring import score

    code = normalize_language(lang if isinstance(lang, str) else None)
    if code is None:
        return _failure([_unknown_language(lang)], None)
    tr = translations(code)
    try:
        bank = load_bank()
        answers = decode_answers(answers_json)
        result = score(bank, answers, translations=tr, lang=code)
    except QuizError as error:
        return _failure(error.problems, tr)
    except Exception as error:  # noqa: BLE001 - the worker must always get an answer it can show
        return _failure([problem("internal-error", detail=type(error).__name__)], tr)
    return {"ok": True, "result": result.to_dict()}


def encode_code_json(answers_json: str, lang: str) -> str:
    """The answer code of a complete, valid answer set (see the module docstring)."""
    from . import answer_code
    from .scoring import check_answers

    code = normalize_language(lang if isinstance(lang, str) else None)
    if code is None:
        return _dumps(_failure([_unknown_language(lang)], None))
    tr = translations(code)
    try:
        bank = load_bank()
        answers = decode_answers(answers_json)
        check_answers(bank, answers)
        return _dumps({"ok": True, "code": answer_code.encode(bank, answers, code)})
    except QuizError as error:
        return _dumps(_failure(error.problems, tr))
    except answer_code.CodeError as error:
        return _dumps(_code_failure(error, tr))


def decode_code_json(text: object, lang: str) -> str:
    """A typed answer code to answers, or localized problems (see the module docstring); never raises."""
    from . import answer_code

    code = normalize_language(lang if isinstance(lang, str) else None)
    if code is None:
        return _dumps(_failure([_unknown_language(lang)], None))
    tr = translations(code)
    if not isinstance(text, str) or len(text) > MAX_CODE:
        return _dumps(_code_failure(answer_code.CodeError([("code-empty", {})]), tr))
    try:
        decoded = answer_code.decode(load_bank(), text, code)
    except answer_code.CodeError as error:
        return _dumps(_code_failure(error, tr))
    return _dumps(
        {"ok": True, "answers": decoded.answers, "complete": decoded.complete, "next_question": decoded.next_question}
    )


MAX_CODE = 500
"""Longest code read (characters); a 25-question code is about 40."""


def _code_failure(error: Exception, tr: Translations | None) -> dict[str, Any]:
    from .answer_code import message

    problems = getattr(error, "problems", [])
    return {
        "ok": False,
        "errors": [
            {
                "code": kind,
                "message": message(kind, params, tr),
                "group": params.get("group"),
                "question": params.get("number"),
            }
            for kind, params in problems
        ],
    }


def decode_answers(text: object) -> dict[str, str]:
    """Question id to answer id from answers JSON; raises ``AnswersError`` for anything malformed.

    Checks the JSON, its shape, ``schema_version`` and duplicate question ids;
    whether the ids exist is checked by ``scoring.check_answers``.
    """
    import json

    if not isinstance(text, str):
        raise AnswersError([problem("invalid-json", line=1, column=1)])
    if len(text) > MAX_INPUT:
        raise AnswersError([problem("too-large", limit=MAX_INPUT)])
    try:
        data = json.loads(text, object_pairs_hook=_Object)
    except json.JSONDecodeError as error:
        raise AnswersError([problem("invalid-json", line=error.lineno, column=error.colno)]) from None
    except (ValueError, RecursionError):
        raise AnswersError([problem("invalid-json", line=1, column=1)]) from None
    if not isinstance(data, dict):
        raise AnswersError([problem("not-an-object")])
    problems: list[Problem] = []
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(problem("bad-schema-version", expected=SCHEMA_VERSION))
    elif version > SCHEMA_VERSION:
        problems.append(problem("newer-schema", found=version, expected=SCHEMA_VERSION))
    for key in sorted(set(data) - {"schema_version", "answers"}):
        problems.append(problem("unknown-key", key=key))
    answers = data.get("answers")
    result: dict[str, str] = {}
    if not isinstance(answers, dict):
        problems.append(problem("answers-not-an-object"))
    else:
        for qid in sorted(getattr(answers, "duplicates", ())):
            problems.append(problem("duplicate-answer", question=qid))
        for qid, aid in sorted(answers.items()):
            if not isinstance(aid, str):
                problems.append(problem("answer-not-text", question=qid))
            else:
                result[qid] = aid
    if problems:
        raise AnswersError(problems)
    return result


def bank_dict(bank: Bank, lang: str, tr: Translations) -> dict[str, Any]:
    """The bank's public, localized view (no points: scoring stays in the engine)."""
    _ = tr.gettext
    return {
        "schema_version": bank.schema_version,
        "lang": lang,
        "dimensions": [{"id": d.id, "label": _(d.label), "weight": d.weight} for d in bank.dimensions],
        "bands": [
            {"id": b.id, "label": _(b.label), "verdict": _(b.verdict), "min_score": b.min_score}
            for b in (*bank.bands, bank.undecided)
        ],
        "questions": [
            {
                "id": q.id,
                "text": _(q.text),
                "sign": _(q.sign),
                "topic": q.topic,
                "dimensions": list(q.dimensions),
                "answers": [{"id": a.id, "text": _(a.text)} for a in q.answers],
            }
            for q in bank.questions
        ],
        "client_types": [
            {"id": t.id, "label": _(t.label), "description": _(t.description), "topic": t.topic}
            for t in bank.client_types
        ],
        "topics": {t.id: {"page": t.page, "anchor": t.anchor} for t in bank.topics},
    }


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that remembers keys seen more than once (``json`` keeps only the last)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        self.duplicates = {key for key, _ in pairs if key in seen or seen.add(key)}


def _language(lang: object) -> str:
    code = normalize_language(lang if isinstance(lang, str) else None)
    if code is None:
        raise AnswersError([_unknown_language(lang)])
    return code


def _unknown_language(lang: object) -> Problem:
    return problem("unknown-language", lang=str(lang), choices=", ".join(LANGUAGES))


def _failure(problems: tuple[Problem, ...] | list[Problem], tr: Translations | None) -> dict[str, Any]:
    return {"ok": False, "errors": [item.to_dict(tr) for item in problems]}


def _dumps(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
