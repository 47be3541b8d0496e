"""Problems as data: ids quoted back cut and made safe, the engine's own sentences whole, a broken translation
never hiding the problem, and the bank's file named when its TOML is broken."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.errors import MAX_ECHO, BankError, problem
from quiz.resources import bank_text, load_bank, parse_bank


@given(st.text(max_size=2 * MAX_ECHO))
def test_an_id_is_quoted_back_whole_up_to_the_limit_then_cut(value: str) -> None:
    """Up to MAX_ECHO characters it is kept; longer, it is cut to MAX_ECHO with an ellipsis; lone surrogates
    (which JSON and the page could not carry) become "?"."""
    quoted = problem("unknown-question", question=value).question
    assert quoted is not None
    safe = value.encode("utf-8", "replace").decode("utf-8")
    assert quoted == (safe if len(value) <= MAX_ECHO else safe[: MAX_ECHO - 1] + "…")
    assert json.loads(json.dumps(quoted, ensure_ascii=False)) == quoted


@pytest.mark.parametrize(("length", "cut"), [(MAX_ECHO, False), (MAX_ECHO + 1, True)])
def test_the_limit_on_both_sides(length: int, cut: bool) -> None:
    item = problem("unknown-answer", question="q", answer="a" * length, value="v" * length)
    expected = "a" * (MAX_ECHO - 1) + "…" if cut else "a" * length
    assert item.answer == expected and dict(item.params)["value"] == expected.replace("a", "v")


def test_a_sentence_of_the_engine_is_never_cut() -> None:
    detail = "an answer with 8 or more points is serious: say why in “serious”, and more words besides"
    item = problem("bank-rule", path="questions[0]", detail=detail + "\ud800")
    assert item.message() == f"questions[0]: {detail}?"


class Broken:
    """A catalog whose translations lost or renamed their placeholders."""

    def __init__(self, text: str) -> None:
        self.text = text

    def gettext(self, message: str) -> str:
        return self.text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.text


@pytest.mark.parametrize("translated", ["Sin %(pregunta)s.", "Falta %(question)d.", "Hay %s y %s."])
def test_a_broken_translation_falls_back_to_english(translated: str) -> None:
    item = problem("missing-answer", question="bribes")
    assert item.message(Broken(translated)) == "Question “bribes” has no answer yet."
    assert item.message(Broken("Pregunta «%(question)s» sin respuesta.")) == "Pregunta «bribes» sin respuesta."


def test_the_json_form_names_the_bank_path_only_for_the_bank() -> None:
    answers = problem("unknown-answer", question="q", answer="a").to_dict()
    assert answers == {"code": "unknown-answer", "message": "Question “q” has no answer “a”.", "question": "q",
                       "answer": "a"}  # fmt: skip
    bank = problem("bank-missing", path="steps.deposit.text").to_dict()
    assert bank == {"code": "bank-missing", "message": "steps.deposit.text: this key is required.", "question": None,
                    "answer": None, "path": "steps.deposit.text"}  # fmt: skip


def test_an_error_reads_as_its_problems_one_per_line() -> None:
    error = BankError([problem("bank-missing", path="a"), problem("bank-unknown-key", path="b")])
    assert str(error) == "a: this key is required.\nb: unknown key."
    assert error.exit_code == 2


def test_broken_toml_names_the_file_and_where_it_breaks() -> None:
    with pytest.raises(BankError) as caught:
        parse_bank('schema_version = 1\nlabel = "open"\nweight = ?\nx = 1\n', source="quiz/data/bank.toml")
    (item,) = caught.value.problems
    assert item.message().startswith("quiz/data/bank.toml: the question bank is not valid TOML: ")
    assert item.message().endswith("Invalid value (at line 3, column 10)")


def test_the_packaged_text_parses_to_the_packaged_bank() -> None:
    """What load_bank returns is bank.toml read and validated (here, read again in the test)."""
    assert parse_bank(bank_text()) == load_bank()
