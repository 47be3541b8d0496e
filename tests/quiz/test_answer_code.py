"""Answer codes: round trips, and every single-character slip reported or read only as far as it is sound.

"Sound" means: the answers a corrupted code yields are a subset of the original
answers, and a code read as complete yields exactly the original answers. So no
slip ever turns into a different, silent verdict.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import BANK, answer_sets

from quiz import answer_code
from quiz.answer_code import CodeError, Decoded, decode, encode, layout_fingerprint
from quiz.i18n import translations
from quiz.json_api import decode_code_json, encode_code_json

LANGS = ["en", "es", "ru"]
TYPED = "ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЖЗИКЛМ0123456789 -.·!?"
"""Characters a slip can bring in: both scripts' letters, digits, separators, stray marks."""


def sound(original: dict[str, str], text: str, lang: str) -> tuple[str, Decoded | CodeError]:
    """Decode ``text``; fail the test when it yields anything but a subset of ``original``."""
    try:
        decoded = decode(BANK, text, lang)
    except CodeError as error:
        assert error.problems, text
        return "reported", error
    assert decoded.answers.items() <= original.items(), (text, decoded)
    if decoded.complete:
        assert decoded.answers == original, text
        return "same", decoded
    assert decoded.next_question == len(decoded.answers) + 1, decoded
    return "partial", decoded


def test_the_bank_layout_has_a_code_version() -> None:
    """Changing questions or answers needs a new entry in ``LAYOUTS`` (old codes are then refused, not misread)."""
    fingerprint = layout_fingerprint(BANK)
    assert fingerprint in answer_code.LAYOUTS.values(), (
        f"the bank's questions or answers changed: add {max(answer_code.LAYOUTS) + 1}: {fingerprint!r} to "
        "quiz/answer_code.py LAYOUTS"
    )


@settings(max_examples=200, deadline=None)
@given(answers=answer_sets(), lang=st.sampled_from(LANGS))
def test_a_code_reads_back_to_its_answers(answers: dict[str, str], lang: str) -> None:
    code = encode(BANK, answers, lang)
    assert decode(BANK, code, lang) == Decoded(answers, True, None)
    # typed loosely: lower case, spaces instead of hyphens, no separators at all
    for typed in (code.lower(), code.replace("-", " "), code.replace("-", ""), f"  {code}\n"):
        assert decode(BANK, typed, lang) == Decoded(answers, True, None), typed


@settings(max_examples=12, deadline=None)
@given(answers=answer_sets(), lang=st.sampled_from(LANGS))
def test_every_single_character_slip_is_reported_or_read_soundly(answers: dict[str, str], lang: str) -> None:
    """Every substitution, deletion and insertion of one character, at every position."""
    code = encode(BANK, answers, lang)
    outcomes = set()
    for index in range(len(code) + 1):
        variants = [code[:index] + char + code[index:] for char in TYPED]  # insertions
        if index < len(code):
            variants.append(code[:index] + code[index + 1 :])  # deletion
            variants += [code[:index] + char + code[index + 1 :] for char in TYPED if char != code[index]]
        for text in variants:
            outcomes.add(sound(answers, text, lang)[0])
    assert "reported" in outcomes


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets(), lang=st.sampled_from(LANGS), data=st.data())
def test_a_code_cut_short_gives_its_complete_groups(answers: dict[str, str], lang: str, data: st.DataObject) -> None:
    code = encode(BANK, answers, lang)
    first_group_end = code.index("-", 2)
    cut = data.draw(st.integers(first_group_end + 1, len(code) - 1))
    kind, decoded = sound(answers, code[:cut], lang)
    if code[cut] == "-" or code[cut - 1] == "-" or not code[cut - 1].isdigit():
        assert kind == "partial", code[:cut]


def test_slips_are_named_by_group_or_question() -> None:
    answers = {q.id: q.answers[0].id for q in BANK.questions}
    code = encode(BANK, answers, "en")  # <version>-AAAAA5-AAAAA5-...
    v = str(answer_code.version(BANK))
    assert code.startswith(f"{v}-AAAAA5-AAAAA5")
    last = BANK.questions[-1]
    beyond = answer_code.LATIN[len(last.answers)]  # a letter the last question does not have

    def problem(text: str, lang: str = "en") -> tuple[str, dict[str, object]]:
        with pytest.raises(CodeError) as caught:
            decode(BANK, text, lang)
        return caught.value.problems[0]

    kind, params = problem(f"{v}-AAAAA5-AABAA5" + code[len(f"{v}-AAAAA5-AAAAA5") :])
    assert (kind, params["group"], params["start"], params["end"]) == ("code-check", 2, 6, 10)
    assert problem(f"{v}-AAAA5" + code[len(f"{v}-AAAAA5") :])[0] == "code-group-length"
    kind, params = problem(f"{v}-AAAAA5-AAAAA5-AAAAA5-AAAAA5-AAAA{beyond}{5 + len(last.answers)}")
    assert kind == "code-letter" and params["number"] == 25
    assert problem("AAAAA5-AAAAA5")[0] == "code-no-version"
    assert problem("0" + code[1:])[0] == "code-old-version"
    assert problem("9" + code[1:])[0] == "code-new-version"
    assert problem("")[0] == "code-empty"
    assert problem(code + "-AAAAA5")[0] == "code-too-long"


@pytest.mark.parametrize("lang", ["es", "ru"])
def test_messages_are_in_the_pages_language(lang: str) -> None:
    answers = {q.id: q.answers[0].id for q in BANK.questions}
    code = encode(BANK, answers, lang)
    text = code[:9] + ("БА" if lang == "ru" else "BA") + code[11:]
    envelope = json.loads(decode_code_json(text, lang))
    assert envelope["ok"] is False
    (error,) = envelope["errors"]
    assert error["group"] == 2 and error["code"] == "code-check"
    english = answer_code.message(error["code"], {"group": 2, "start": 6, "end": 10, "expected": 7, "found": 5})
    assert error["message"] != english and "6" in error["message"] and "10" in error["message"]
    # every message has a translation that keeps its placeholders
    tr = translations(lang)
    for msgid in answer_code.MESSAGES.values():
        for single in msgid if isinstance(msgid, tuple) else (msgid,):
            assert tr.gettext(single) != single or isinstance(msgid, tuple), single
    if lang == "ru":  # plural forms: 1 буква, 3 буквы, 5 букв
        plural = answer_code.MESSAGES["code-group-length"]
        assert isinstance(plural, tuple)
        forms = {tr.ngettext(*plural, n).split("%(size)d ")[1].split(",")[0] for n in (1, 3, 5)}
        assert len(forms) == 3, forms


def test_the_json_entry_points_round_trip_and_never_raise() -> None:
    answers = {q.id: q.answers[-2].id for q in BANK.questions}
    made = json.loads(encode_code_json(json.dumps({"schema_version": 1, "answers": answers}), "ru"))
    assert made["ok"] is True
    back = json.loads(decode_code_json(made["code"], "ru"))
    assert back == {"ok": True, "answers": answers, "complete": True, "next_question": None}
    assert json.loads(decode_code_json(made["code"][:14], "ru"))["next_question"] == 6
    for bad in (None, 5, "x" * 10_000, "\ud800", "1-" * 300):
        assert json.loads(decode_code_json(bad, "en"))["ok"] is False  # type: ignore[arg-type]
    missing = dict(answers)
    missing.pop(BANK.questions[3].id)
    assert json.loads(encode_code_json(json.dumps({"schema_version": 1, "answers": missing}), "en"))["ok"] is False


def test_a_changed_layout_refuses_codes_instead_of_misreading_them() -> None:
    """Two answers swapped in one question: the fingerprint changes, so the code version must be raised."""
    first = BANK.questions[0]
    swapped = replace(first, answers=(first.answers[1], first.answers[0], *first.answers[2:]))
    changed = replace(BANK, questions=(swapped, *BANK.questions[1:]))
    assert layout_fingerprint(changed) != layout_fingerprint(BANK)
    with pytest.raises(CodeError) as caught:
        decode(changed, encode(BANK, {q.id: q.answers[0].id for q in BANK.questions}), "en")
    assert caught.value.problems[0][0] == "code-layout"
