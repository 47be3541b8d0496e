"""Answer codes: a worksheet's ticks as a short text that the quiz page turns back into answers.

A code is the bank's code version, then one group per five questions: the
letter of each ticked box (as printed on the paper worksheet: A, B, C... or
А, Б, В... in Russian) followed by the group's check number, the sum of the
letters' places in the alphabet (A = 1, B = 2...). For a 25-question bank::

    1-ABAAF11-AAAAB6-CAAAA7-AAAAA5-FFAAB17

Separators, spaces and case do not matter when a code is read back. The check
number is what makes a typing slip visible: a letter changed into another
answer's letter changes the sum, a letter lost or added changes the group's
length, so every single-character slip is either reported (with the group or
question it concerns) or, for a code cut short, read as far as it is complete
(``Decoded.complete`` is false and ``next_question`` says where to go on).

Codes are tied to the layout of the bank (which questions, in which order,
with which answers): ``LAYOUTS`` lists every layout that has had codes, and a
code names its version. An old code after a change of layout is refused with a
message saying so, never read as if the answers still lined up.

The paper worksheet (``pipeline/channels/paper_quiz.py``), the quiz page (through
``json_api.encode_code_json`` / ``decode_code_json``) and the tests all use this
module: one definition of the letters and of the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import N_, Translations
from .model import Bank

GROUP = 5
"""Questions per group of the code (and per code strip on the worksheet)."""

LETTERS: dict[str, str] = {"ru": "АБВГДЕЖЗИК"}
"""Answer letters per language (Cyrillic in Russian, as Russian tests letter their answers); default A, B, C..."""
LATIN = "ABCDEFGHIJ"

LOOKALIKES: dict[str, dict[str, str]] = {
    "ru": {"A": "А", "B": "В", "E": "Е", "K": "К"},
    "": {"А": "A", "В": "B", "Е": "E", "К": "K", "С": "C"},
}
"""Letters of the other script that look the same, read as the page's own (a code is copied by eye)."""

LAYOUTS: dict[int, str] = {1: "9f697716bc64", 2: "286c49424a78"}
"""Code version -> fingerprint of the bank layout it was made for (``layout_fingerprint``).

Version 2 is the bank with "not yet" answers (issue 18). When the questions or
their answers change order, appear or disappear, add the next version with the
new fingerprint (``tests/quiz/test_answer_code.py`` fails
and prints it); old codes are then refused with a clear message.
"""


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction (Babel's ``ngettext`` keyword); translated in ``message``."""
    return singular, plural


SEPARATORS = re.compile(r"[\s\-‐-―·.,;:_/|]+")
_TOKENS = re.compile(r"\d+|[^\W\d_]+|.", re.UNICODE)

MESSAGES: dict[str, str | tuple[str, str]] = {
    "code-empty": N_("Type the answer code from the worksheet."),
    "code-no-version": N_(
        "The code starts with the number printed before the boxes on the worksheet (%(version)s). "
        "Type it first, then the groups of letters."
    ),
    "code-old-version": N_(
        "This code was made for an earlier version of the quiz’s questions (version %(found)s; this quiz is "
        "version %(current)s), so its letters no longer match the questions. Answer the questions on screen instead."
    ),
    "code-new-version": N_(
        "This code was made for a newer version of the quiz (version %(found)s; this page is version "
        "%(current)s). Open the quiz on the site, or reload this page."
    ),
    "code-bad-character": N_(
        "“%(char)s” is not one of the worksheet’s letters (%(first)s to %(last)s). Check group %(group)s "
        "(questions %(start)s–%(end)s)."
    ),
    "code-group-length": ngettext(
        "Group %(group)s (questions %(start)s–%(end)s) needs %(size)d letter, one per question; it has %(count)s.",
        "Group %(group)s (questions %(start)s–%(end)s) needs %(size)d letters, one per question; it has %(count)s.",
    ),
    "code-no-check": N_(
        "Group %(group)s (questions %(start)s–%(end)s) has no number after its letters. Copy the group’s "
        "number from the worksheet."
    ),
    "code-letter": N_("Question %(number)s has no answer “%(letter)s”: its answers go from %(first)s to %(last)s."),
    "code-check": N_(
        "Group %(group)s (questions %(start)s–%(end)s) does not add up: its letters make %(expected)s, but the "
        "number after them is %(found)s. Compare the letters and the number with the worksheet."
    ),
    "code-short": N_(
        "The code stops before its first group is complete: after the number, type each group’s letters "
        "and the number that follows them."
    ),
    "code-too-long": N_("The code has more groups than the quiz has questions for. Check it against the worksheet."),
    "code-layout": N_("This quiz cannot read answer codes at the moment: its questions changed. Please report it."),
}
"""English msgids of the code's problems; a tuple is (singular, plural), chosen by ``size``."""


class CodeError(ValueError):
    """A code that cannot be read: ``problems`` holds ``(code, params)`` pairs in reading order."""

    def __init__(self, problems: list[tuple[str, dict[str, Any]]]) -> None:
        self.problems = problems
        super().__init__("; ".join(message(code, params) for code, params in problems))


@dataclass(frozen=True)
class Decoded:
    """The answers a code carries; a code cut short carries the complete groups before the cut."""

    answers: dict[str, str]
    complete: bool
    next_question: int | None
    """Number (1-based) of the first question the code does not answer, or ``None`` when complete."""


def letters(lang: str) -> str:
    """The answer letters of ``lang``'s worksheet."""
    return LETTERS.get(lang, LATIN)


def layout_fingerprint(bank: Bank) -> str:
    """12 hex digits that change whenever a question or an answer is added, removed or reordered.

    FNV-1a (64 bits) over the ids, in plain Python: the quiz's trimmed standard library in the
    browser keeps only what the engine imports, so this needs no ``hashlib``.
    """
    layout = "\n".join(f"{q.id}:{','.join(a.id for a in q.answers)}" for q in bank.questions)
    value = 0xCBF29CE484222325
    for byte in layout.encode():
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"[:12]


def version(bank: Bank) -> int:
    """The code version of ``bank``'s layout; ``CodeError`` (``code-layout``) when ``LAYOUTS`` lacks it."""
    fingerprint = layout_fingerprint(bank)
    for number, known in LAYOUTS.items():
        if known == fingerprint:
            return number
    raise CodeError([("code-layout", {"fingerprint": fingerprint})])


def groups(bank: Bank) -> list[tuple[int, int]]:
    """``(first, last)`` question numbers (1-based) of each group."""
    total = len(bank.questions)
    return [(start, min(start + GROUP - 1, total)) for start in range(1, total + 1, GROUP)]


def check_number(places: list[int]) -> int:
    """A group's check number: the sum of its letters' places (A = 1)."""
    return sum(places)


def encode(bank: Bank, answers: dict[str, str], lang: str = "en") -> str:
    """The code of a complete answer set (question id -> answer id), in ``lang``'s letters."""
    alphabet = letters(lang)
    parts = [str(version(bank))]
    for start, end in groups(bank):
        places = []
        for question in bank.questions[start - 1 : end]:
            ids = [answer.id for answer in question.answers]
            places.append(ids.index(answers[question.id]) + 1)
        parts.append("".join(alphabet[p - 1] for p in places) + str(check_number(places)))
    return "-".join(parts)


def decode(bank: Bank, text: str, lang: str = "en") -> Decoded:
    """The answers of a typed code; ``CodeError`` naming the group or question when it does not add up.

    A code whose last groups are missing (or whose last group has letters but no
    check number yet) gives the complete groups before it, ``complete=False``.
    """
    current = version(bank)
    alphabet = letters(lang)
    tokens = _tokens(text, lang)
    if not tokens:
        raise CodeError([("code-empty", {})])
    if not tokens[0].isdecimal():
        raise CodeError([("code-no-version", {"version": current})])
    found = int(tokens[0])
    if found != current:
        kind = "code-old-version" if found < current else "code-new-version"
        raise CodeError([(kind, {"found": found, "current": current})])
    spans = groups(bank)
    rest = tokens[1:]
    answers: dict[str, str] = {}
    index = 0
    for number, (start, end) in enumerate(spans, start=1):
        where = {"group": number, "start": start, "end": end}
        if index >= len(rest):
            return _partial(answers, start)
        run = rest[index]  # never a number: two numbers in a row are one token, and the one before was a check
        bad = next((char for char in run if char not in alphabet), None)
        if bad is not None:
            last = alphabet[max(len(q.answers) for q in bank.questions) - 1]
            raise CodeError([("code-bad-character", {**where, "char": bad, "first": alphabet[0], "last": last})])
        size = end - start + 1
        last_run = index + 1 >= len(rest)
        if last_run and len(run) <= size:  # letters without their number yet: the code was cut here
            return _partial(answers, start)
        if len(run) != size:
            raise CodeError([("code-group-length", {**where, "size": size, "count": len(run)})])
        check = rest[index + 1]
        if not check.isdecimal():
            raise CodeError([("code-no-check", where)])
        places = []
        problems = []
        for offset, char in enumerate(run):
            question = bank.questions[start - 1 + offset]
            place = alphabet.index(char) + 1
            if place > len(question.answers):
                problems.append(
                    (
                        "code-letter",
                        {
                            "number": start + offset,
                            "letter": char,
                            "first": alphabet[0],
                            "last": alphabet[len(question.answers) - 1],
                        },
                    )
                )
            places.append(place)
        if problems:
            raise CodeError(problems)
        if check_number(places) != int(check):
            raise CodeError([("code-check", {**where, "expected": check_number(places), "found": int(check)})])
        for offset, place in enumerate(places):
            question = bank.questions[start - 1 + offset]
            answers[question.id] = question.answers[place - 1].id
        index += 2
    if index < len(rest):
        raise CodeError([("code-too-long", {})])
    return Decoded(answers, True, None)


def _partial(answers: dict[str, str], start: int) -> Decoded:
    if not answers:
        raise CodeError([("code-short", {})])
    return Decoded(answers, False, start)


def message(code: str, params: dict[str, Any], translations: Translations | None = None) -> str:
    """The problem ``code`` in the language of ``translations`` (English when ``None``)."""
    msgid = MESSAGES[code]
    if isinstance(msgid, tuple):
        count = int(params.get("size", 0))
        text = translations.ngettext(*msgid, count) if translations else msgid[count != 1]
        fallback = msgid[count != 1]
    else:
        text = translations.gettext(msgid) if translations else msgid
        fallback = msgid
    try:
        return text % params
    except (KeyError, ValueError, TypeError):  # a broken translation must not hide the problem
        return fallback % params


def _tokens(text: str, lang: str) -> list[str]:
    """Digit runs and letter runs of ``text``, upper-cased, look-alike letters mapped, separators dropped.

    Anything that is neither a letter nor a digit becomes a token of its own kind, so
    that it is reported where it stands instead of silently dropped. A digit is a
    decimal digit, the kind ``int`` reads: "²" passes ``str.isdigit`` but not ``int``.
    """
    lookalikes = LOOKALIKES.get(lang, LOOKALIKES[""])
    cleaned = "".join(lookalikes.get(char, char) for char in SEPARATORS.sub(" ", text.upper()))
    merged: list[str] = []
    for word in cleaned.split():
        for token in _TOKENS.findall(word):
            if merged and token.isdecimal() == merged[-1].isdecimal() and token.isalpha() == merged[-1].isalpha():
                merged[-1] += token  # "ABA AC" typed with a space inside a group is still one run
            else:
                merged.append(token)
    return merged
