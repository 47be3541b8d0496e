"""Problems with the input (answers) or with the question bank, as data that can be localized.

A ``Problem`` is one thing wrong: a stable ``code``, an English msgid with
``%(name)s`` placeholders, the values for them, and where it is (the question
and answer ids for answers; a path such as ``questions[3].answers[1].points``
for the bank). Validation collects every problem and raises them together:
``AnswersError`` for an answer set, ``BankError`` for a broken bank.
Messages are translated by the caller (``Problem.message(translations)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol


class Translations(Protocol):
    """What the quiz needs from a translation: ``gettext.NullTranslations`` has both methods."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message


MESSAGES: dict[str, str] = {
    # Answers (what a reader, a share link or an API caller sent).
    "invalid-json": N_("The answers are not valid JSON (line %(line)s, column %(column)s)."),
    "too-large": N_("The answers are too large to be read (more than %(limit)s characters)."),
    "not-an-object": N_("The answers must be a JSON object with “schema_version” and “answers”."),
    "answers-not-an-object": N_("“answers” must be an object that maps question ids to answer ids."),
    "answer-not-text": N_("The answer to question “%(question)s” must be an answer id (text)."),
    "newer-schema": N_(
        "These answers were saved by a newer version of the quiz (version %(found)s; this one reads version "
        "%(expected)s). Reload the page and try again."
    ),
    "bad-schema-version": N_("The answers have no valid schema version (expected %(expected)s)."),
    "unknown-key": N_("Unexpected field “%(key)s” in the answers."),
    "unknown-question": N_("There is no question “%(question)s”."),
    "unknown-answer": N_("Question “%(question)s” has no answer “%(answer)s”."),
    "missing-answer": N_("Question “%(question)s” has no answer yet."),
    "duplicate-answer": N_("Question “%(question)s” is answered more than once."),
    "unknown-language": N_("Language “%(lang)s” is not available (choose one of: %(choices)s)."),
    "internal-error": N_("Something went wrong while scoring these answers (%(detail)s). Please report it."),
    # The bank (for the people who edit quiz/data/bank.toml).
    "bank-syntax": N_("%(path)s: the question bank is not valid TOML: %(detail)s"),
    "bank-type": N_("%(path)s: expected %(expected)s, got %(got)s."),
    "bank-missing": N_("%(path)s: this key is required."),
    "bank-unknown-key": N_("%(path)s: unknown key."),
    "bank-empty-text": N_("%(path)s: the text is empty (every text needs an English original to translate)."),
    "bank-bad-id": N_("%(path)s: “%(value)s” is not a valid id (lowercase letters, digits and hyphens)."),
    "bank-duplicate-id": N_("%(path)s: the id “%(value)s” is used twice."),
    "bank-range": N_("%(path)s: %(value)s is out of range (%(low)s to %(high)s)."),
    "bank-unknown-ref": N_("%(path)s: “%(value)s” is not a known %(kind)s."),
    "bank-rule": N_("%(path)s: %(detail)s"),
}
"""English msgid for every problem code."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located by question/answer ids (answers) or by ``path`` (bank)."""

    code: str
    params: tuple[tuple[str, str], ...] = ()
    question: str | None = None
    answer: str | None = None
    path: str | None = None

    def message(self, translations: Translations | None = None) -> str:
        """The message in the language of ``translations`` (English when ``None``)."""
        msgid = MESSAGES[self.code]
        text = translations.gettext(msgid) if translations is not None else msgid
        values: dict[str, Any] = {"question": self.question, "answer": self.answer, "path": self.path}
        values.update(self.params)
        try:
            return text % values
        except (KeyError, ValueError, TypeError):  # a broken translation must not hide the problem
            return msgid % values

    def to_dict(self, translations: Translations | None = None) -> dict[str, Any]:
        """JSON shape used by ``score_json``: code, localized message, question and answer ids."""
        data: dict[str, Any] = {
            "code": self.code,
            "message": self.message(translations),
            "question": self.question,
            "answer": self.answer,
        }
        if self.path is not None:
            data["path"] = self.path
        return data


MAX_ECHO = 60
"""Values quoted back in a message (ids from the input, mostly) are cut to this many characters."""

WHOLE_PARAMS = frozenset({"detail"})
"""Parameters that hold a sentence of the engine's own (a bank rule, a TOML syntax error), never cut: cut at
``MAX_ECHO``, "an answer with 8 or more points is serious: say why in “serious”" lost the key it names."""


def problem(
    code: str, *, question: str | None = None, answer: str | None = None, path: str | None = None, **params: object
) -> Problem:
    """Build a ``Problem``; ``params`` fill the message's placeholders (made safe, printable text)."""
    return Problem(
        code,
        tuple(sorted((key, echo(str(value), cut=key not in WHOLE_PARAMS)) for key, value in params.items())),
        None if question is None else echo(question),
        None if answer is None else echo(answer),
        path,
    )


def echo(value: str, *, cut: bool = True) -> str:
    """``value`` safe to quote: at most ``MAX_ECHO`` characters (when ``cut``), lone surrogates replaced."""
    value = value if not cut or len(value) <= MAX_ECHO else value[: MAX_ECHO - 1] + "…"
    return value.encode("utf-8", "replace").decode("utf-8")


class QuizError(Exception):
    """Base of the quiz's errors: one or more problems, reported together."""

    exit_code = 2

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(*self.problems)

    def __str__(self) -> str:
        return "\n".join(item.message() for item in self.problems)


class AnswersError(QuizError, ValueError):
    """An answer set that cannot be scored (unknown ids, missing answers, wrong types...)."""


class BankError(QuizError, ValueError):
    """A question bank that fails validation; ``problems`` lists every fault found."""
