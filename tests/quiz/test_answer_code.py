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
from quiz.model import Bank

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
    assert caught.value.problems == [("code-layout", {"fingerprint": layout_fingerprint(changed)})]  # for LAYOUTS


# --- typing, any number of questions, messages -------------------------------------------------

SEPARATOR_CHARS = " -./·_"


@settings(max_examples=60, deadline=None)
@given(answers=answer_sets(), lang=st.sampled_from(LANGS), data=st.data())
def test_separators_anywhere_change_nothing(answers: dict[str, str], lang: str, data: st.DataObject) -> None:
    """Spaces, dashes, dots or slashes typed between any two characters, inside a group or a number too."""
    code = encode(BANK, answers, lang).replace("-", "")
    cuts = data.draw(st.lists(st.integers(1, len(code) - 1), unique=True, max_size=12))
    typed = code
    for cut in sorted(cuts, reverse=True):
        typed = typed[:cut] + data.draw(st.text(SEPARATOR_CHARS, min_size=1, max_size=2)) + typed[cut:]
    assert decode(BANK, typed, lang) == Decoded(answers, True, None), typed


LOOKALIKE = {"ru": {"А": "A", "В": "B", "Е": "E", "К": "K"}, "en": {"A": "А", "B": "В", "E": "Е", "C": "С"}}
"""A letter of the page's alphabet and the other script's letter that looks the same (typed by eye)."""


@settings(max_examples=60, deadline=None)
@given(answers=answer_sets(), lang=st.sampled_from(["ru", "en"]))
def test_letters_of_the_other_script_that_look_the_same_are_read_as_the_pages(
    answers: dict[str, str], lang: str
) -> None:
    code = encode(BANK, answers, lang)
    typed = "".join(LOOKALIKE[lang].get(char, char) for char in code)
    assert decode(BANK, typed, lang) == Decoded(answers, True, None)


def bank_of(count: int) -> Bank:
    """The packaged bank cut to its first ``count`` questions, or grown with copies of the last ones."""
    questions = list(BANK.questions[:count])
    for extra in range(count - len(questions)):
        questions.append(replace(BANK.questions[extra], id=f"extra-{extra}"))
    return replace(BANK, questions=tuple(questions))


@pytest.mark.parametrize("count", range(15, 27))
def test_any_number_of_questions_is_grouped_by_five_and_reads_back(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Groups of five in order, the last one shorter; a code of that bank reads back (its layout given a version)."""
    bank = bank_of(count)
    spans = answer_code.groups(bank)
    assert [n for start, end in spans for n in range(start, end + 1)] == list(range(1, count + 1))
    assert [end - start + 1 for start, end in spans] == [5] * (count // 5) + ([count % 5] if count % 5 else [])
    monkeypatch.setitem(answer_code.LAYOUTS, 99, layout_fingerprint(bank))
    answers = {q.id: q.answers[-2].id for q in bank.questions}
    code = encode(bank, answers)
    assert decode(bank, code) == Decoded(answers, True, None)
    assert decode(bank, code[: code.rindex("-")]) == Decoded(
        {q.id: answers[q.id] for q in bank.questions[: spans[-1][0] - 1]}, False, spans[-1][0]
    )


@pytest.mark.parametrize("text", ["1", "1-", "1-AAA", "1-AAAAA", "1 aaaaa"])
def test_a_code_without_one_complete_group_says_so(text: str) -> None:
    with pytest.raises(CodeError) as caught:
        decode(BANK, text.replace("1", str(answer_code.version(BANK)), 1))
    assert caught.value.problems == [("code-short", {})]


def test_a_stray_mark_where_a_number_belongs_is_named() -> None:
    """A mark typed after a group's letters: the group has no number after its letters."""
    code = encode(BANK, {q.id: q.answers[0].id for q in BANK.questions})
    with pytest.raises(CodeError) as caught:
        decode(BANK, code.replace("AAAAA5", "AAAAA!5", 1))
    assert caught.value.problems == [("code-no-check", {"group": 1, "start": 1, "end": 5})]


def test_a_letter_no_question_has_is_named_with_the_worksheets_letters() -> None:
    code = encode(BANK, {q.id: q.answers[0].id for q in BANK.questions}, "ru")
    most = max(len(q.answers) for q in BANK.questions)
    with pytest.raises(CodeError) as caught:
        decode(BANK, code.replace("ААААА5", "ААЯАА5", 1), "ru")
    params = {"group": 1, "start": 1, "end": 5, "char": "Я", "first": "А", "last": answer_code.LETTERS["ru"][most - 1]}
    assert caught.value.problems == [("code-bad-character", params)]
    assert str(caught.value) == answer_code.message("code-bad-character", params)


@pytest.mark.parametrize(("size", "count", "english"), [
    (1, 2, "Group 5 (questions 21–21) needs 1 letter, one per question; it has 2."),
    (5, 4, "Group 5 (questions 21–25) needs 5 letters, one per question; it has 4."),
])  # fmt: skip
def test_group_length_messages_agree_with_the_group_size(size: int, count: int, english: str) -> None:
    """The plural follows the group's size (a last group can hold one question), in every language."""
    params = {"group": 5, "start": 21, "end": 20 + size, "size": size, "count": count}
    assert answer_code.message("code-group-length", params) == english
    plural = answer_code.MESSAGES["code-group-length"]
    assert isinstance(plural, tuple)
    for lang in ("es", "ru"):
        tr = translations(lang)
        assert answer_code.message("code-group-length", params, tr) == tr.ngettext(*plural, size) % params


class Broken:
    """A catalog whose translations renamed their placeholders."""

    def gettext(self, message: str) -> str:
        return "Grupo %(grupo)s"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return "Grupo %(grupo)s"


def test_a_broken_translation_falls_back_to_english() -> None:
    where = {"group": 2, "start": 6, "end": 10}
    assert answer_code.message("code-no-check", where, Broken()) == answer_code.message("code-no-check", where)
    params = {**where, "size": 5, "count": 3}
    assert answer_code.message("code-group-length", params, Broken()) == (
        "Group 2 (questions 6–10) needs 5 letters, one per question; it has 3."
    )
    params = {"group": 5, "start": 21, "end": 21, "size": 1, "count": 3}
    assert answer_code.message("code-group-length", params, Broken()) == (
        "Group 5 (questions 21–21) needs 1 letter, one per question; it has 3."
    )


def test_an_error_reads_as_its_problems() -> None:
    error = CodeError([("code-empty", {}), ("code-too-long", {})])
    assert str(error) == (
        "Type the answer code from the worksheet.; "
        "The code has more groups than the quiz has questions for. Check it against the worksheet."
    )


@settings(max_examples=80, deadline=None)
@given(answers=answer_sets(), lang=st.sampled_from(LANGS), data=st.data())
def test_a_changed_letter_or_digit_is_reported_with_its_group(
    answers: dict[str, str], lang: str, data: st.DataObject
) -> None:
    """Any letter of a group changed into another letter, or any digit of its number into another digit, changes
    the group's sum: the code is refused, naming that group or one of its questions, never read."""
    code = encode(BANK, answers, lang)
    version, *parts = code.split("-")
    group = data.draw(st.integers(1, len(parts)))
    part = parts[group - 1]
    index = data.draw(st.integers(0, len(part) - 1))
    alphabet = answer_code.letters(lang) if part[index].isalpha() else "0123456789"
    char = data.draw(st.sampled_from([c for c in alphabet if c != part[index]]))
    parts[group - 1] = part[:index] + char + part[index + 1 :]
    with pytest.raises(CodeError) as caught:
        decode(BANK, "-".join([version, *parts]), lang)
    start, end = answer_code.groups(BANK)[group - 1]
    for kind, params in caught.value.problems:
        assert params.get("group") == group or start <= params.get("number", 0) <= end, (kind, params)


@given(found=st.integers(0, 10**6))
def test_a_code_of_another_version_is_refused_with_both_versions(found: int) -> None:
    current = answer_code.version(BANK)
    code = encode(BANK, {q.id: q.answers[0].id for q in BANK.questions})
    typed = str(found) + code[code.index("-") :]
    if found == current:
        assert decode(BANK, typed).complete
        return
    with pytest.raises(CodeError) as caught:
        decode(BANK, typed)
    kind = "code-old-version" if found < current else "code-new-version"
    assert caught.value.problems == [(kind, {"found": found, "current": current})]


ODD = "²³¹⁵½٣５①"
"""Characters str.isdigit() or isnumeric() accepts that int() does not read (or reads as another script's digit)."""


@settings(max_examples=40, deadline=None)
@given(
    answers=answer_sets(),
    lang=st.sampled_from(LANGS),
    typed=st.sampled_from(list(ODD)) | st.text(min_size=1, max_size=3),
)
def test_anything_typed_anywhere_is_reported_never_raised(answers: dict[str, str], lang: str, typed: str) -> None:
    """Superscripts, other scripts' digits, any character, at every position of the code: it reads soundly or is
    refused with its problems, and the page's entry point answers with an envelope."""
    code = encode(BANK, answers, lang)
    for at in range(len(code) + 1):
        text = code[:at] + typed + code[at:]
        sound(answers, text, lang)
        assert json.loads(decode_code_json(text, lang))["ok"] in (True, False)
