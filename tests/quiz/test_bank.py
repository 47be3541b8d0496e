"""The question bank: the packaged data is complete and every kind of fault is reported with its path."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import pytest

from quiz.bank import build_bank
from quiz.errors import BankError
from quiz.model import DIMENSION_IDS, UNSURE, Bank
from quiz.resources import bank_text, parse_bank

GUIDANCE_ANCHORS = {
    "good-and-bad-clients": {"control", "respect", "organisation", "calendar", "communication", "payment", "brand"},
    "clients-who-change-direction": {
        "changes-in-contract", "change-orders", "educate-clients", "emotional-emails", "weekly-reviews", "anticipate",
    },
    "eight-problem-clients": {
        "abusive", "bad-payer", "know-it-all", "all-night", "anti-contract", "indecisive", "penny-pincher",
        "insatiable", "lesson",
    },
    "when-to-say-no": {
        "outside-people", "no-respect", "irresponsible", "payment-problems", "their-staff", "service-agreement",
    },
    "high-maintenance-clients": {"in-writing", "just-business", "drop-early", "warning-signs"},
    "protect-yourself": {
        "written-scope", "change-orders", "payment-terms", "progress-reports", "working-hours", "ending-politely",
    },
}  # fmt: skip
"""The guidance pages and anchors the content team writes (the only link targets allowed)."""

SOURCE_SIGNS = [
    # good vs bad clients (infographic)
    ("micromanages", "dictates"),  # tells you how to do "your magic"
    ("threatens", "often"),  # threatens to go to someone cheaper
    ("materials", "chases"),  # mixes projects, asks for status without providing material
    ("deadlines", "urgent"),  # wants it now, two days' notice
    ("replies", "complaints-only"),  # answers only when something displeases them
    ("replies", "silent"),
    ("pays-on-time", "unpaid"),  # never pays, claiming no results
    ("renegotiates", "always"),  # constantly renegotiates the price
    ("shortcuts", "insists"),  # buy followers whatever the source
    # clients who change direction
    ("direction-changes", "often"),
    ("emotional-messages", "regularly"),
    # the eight problem clients
    ("abusive", "insults"),
    ("pays-on-time", "excuses"),
    ("know-it-all", "overrules"),
    ("after-hours", "late-night"),
    ("written-agreement", "refuses"),
    ("changes-mind", "reverses"),
    ("extras-for-free", "expects-free"),
    ("never-satisfied", "always-more"),
    ("keeps-agreements", "denies"),  # "we never discussed that"
    # when to say no
    ("outside-people", "override"),
    ("bribes", "asked"),
    ("meetings", "cancels"),
    ("staff-talk", "bad"),
    # high-maintenance clients
    ("feedback", "blames"),  # "you did not follow instructions"
    ("distrust", "suspicious"),
    ("other-suppliers", "bad"),
]
"""Every warning sign of the five source articles, as the answer that reports it."""


def raw() -> dict[str, Any]:
    return tomllib.loads(bank_text())


def paths(error: BankError) -> set[str]:
    return {item.path or "" for item in error.problems}


def test_packaged_bank_is_valid(bank: Bank) -> None:
    """The packaged bank loads with 15-25 questions and exactly the nine dimensions."""
    assert 15 <= len(bank.questions) <= 25
    assert tuple(dim.id for dim in bank.dimensions) == DIMENSION_IDS


def test_every_question_has_a_neutral_unsure_answer(bank: Bank) -> None:
    """Each question offers "unsure", which carries no points and no dealbreaker."""
    for question in bank.questions:
        unsure = question.answer(UNSURE)
        assert unsure is not None and not unsure.points and unsure.dealbreaker is None, question.id


@pytest.mark.parametrize(("question", "answer"), SOURCE_SIGNS)
def test_source_warning_signs_are_covered(bank: Bank, question: str, answer: str) -> None:
    """Each warning sign of the source articles is an answer that adds risk."""
    found = bank.question(question)
    assert found is not None and found.answer(answer) is not None
    assert found.answer(answer).points  # type: ignore[union-attr]


def test_every_topic_used_exists_in_the_topics_table(bank: Bank) -> None:
    """Questions, steps and client types only use topic ids defined under [topics]."""
    defined = {topic.id for topic in bank.topics}
    used = {q.topic for q in bank.questions} | {s.topic for s in bank.steps} | {t.topic for t in bank.client_types}
    assert used <= defined, used - defined


def test_topics_point_only_at_known_guidance_pages(bank: Bank) -> None:
    """Every [topics.<id>] names one of the agreed guidance pages and one of its anchors."""
    for topic in bank.topics:
        assert topic.anchor in GUIDANCE_ANCHORS.get(topic.page, set()), (topic.id, topic.page, topic.anchor)


def test_all_problems_are_reported_together() -> None:
    """A bank with several faults raises one BankError naming each one's path."""
    data = raw()
    data["questions"][3]["dimensions"].append("happiness")
    data["questions"][0]["answers"][1]["points"]["payment"] = 11
    data["questions"][2]["id"] = data["questions"][1]["id"]
    data["questions"][4]["text"] = "  "
    data["questions"][5]["topic"] = "nowhere"
    data["steps"]["deposit"]["answers"].append("pays-on-time.never")
    data["client_types"]["bad-payer"]["signals"]["nope.nope"] = 2
    with pytest.raises(BankError) as caught:
        build_bank(data)
    assert {
        "questions[3].dimensions[3]",
        "questions[0].answers[1].points.payment",
        "questions[2].id",
        "questions[4].text",
        "questions[5].topic",
        "steps.deposit.answers[7]",
        'client_types.bad-payer.signals."nope.nope"',
    } <= paths(caught.value)
    assert len(caught.value.problems) >= 7


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (lambda d: d["dimensions"].pop("payment"), "dimensions.payment", "bank-missing"),
        (lambda d: d["dimensions"].update(mood={"label": "Mood", "weight": 1}), "dimensions.mood", "bank-unknown-ref"),
        (lambda d: d["dimensions"]["payment"].update(weight=0), "dimensions.payment.weight", "bank-range"),
        (lambda d: d["questions"][0]["answers"].pop(), "questions[0].answers", "bank-rule"),
        (
            lambda d: d["questions"][0]["answers"][0].update(dealbreaker="oops"),
            "questions[0].answers[0].dealbreaker",
            "bank-unknown-ref",
        ),
        (
            lambda d: d["questions"][0]["answers"][5].update(points={"payment": 1}),
            "questions[0].answers[5]",
            "bank-rule",
        ),
        (
            lambda d: d["questions"][0]["answers"][1]["points"].update(payment="5"),
            "questions[0].answers[1].points.payment",
            "bank-type",
        ),
        (lambda d: d["questions"][0].update(colour="red"), "questions[0].colour", "bank-unknown-key"),
        (lambda d: d["questions"][0].update(id="Pays On Time"), "questions[0].id", "bank-bad-id"),
        (lambda d: d["questions"].__delitem__(slice(3, None)), "questions", "bank-rule"),
        (lambda d: d["bands"]["walk-away"].update(min_score=20), "bands.walk-away.min_score", "bank-rule"),
        (
            lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"][0].update(question="nope"),
            "dealbreakers.no-contract-unpaid.all_of[0].question",
            "bank-unknown-ref",
        ),
        (lambda d: d["topics"]["abusive"].pop("anchor"), "topics.abusive.anchor", "bank-missing"),
        (lambda d: d.update(schema_version=2), "schema_version", "bank-rule"),
        (lambda d: d["undecided"].pop("label"), "undecided.label", "bank-missing"),
    ],
)
def test_each_fault_is_located(change: Any, path: str, code: str) -> None:
    """One fault gives a problem with its code and its path in the bank."""
    data = copy.deepcopy(raw())
    change(data)
    with pytest.raises(BankError) as caught:
        build_bank(data)
    assert (code, path) in {(item.code, item.path) for item in caught.value.problems}


def test_toml_syntax_error_names_the_file() -> None:
    """Broken TOML becomes a BankError naming the bank file."""
    with pytest.raises(BankError) as caught:
        parse_bank('schema_version = "', source="quiz/data/bank.toml")
    (item,) = caught.value.problems
    assert item.code == "bank-syntax" and "quiz/data/bank.toml" in item.message()


def test_bank_problems_are_localized() -> None:
    """Bank problems read in the reader's language."""
    from quiz.i18n import translations

    data = raw()
    data["questions"][0]["answers"][1]["points"]["payment"] = -1
    with pytest.raises(BankError) as caught:
        build_bank(data)
    (item,) = caught.value.problems
    assert "fuera de rango" in item.message(translations("es"))
    assert "questions[0].answers[1].points.payment" in item.message(translations("ru"))


def test_not_a_table_is_reported() -> None:
    """A bank that is not a table at all gives a problem, not a crash."""
    with pytest.raises(BankError):
        build_bank([])  # type: ignore[arg-type]
