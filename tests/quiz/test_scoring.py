"""Scoring: personas, bands, dealbreakers, confidence, bad answer sets and the documented formula."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest
from oracle import QUESTIONS as RAW_QUESTIONS
from oracle import half_up, most
from strategies import QUESTIONS

from quiz.errors import AnswersError
from quiz.model import UNSURE, Bank, Question
from quiz.scoring import band_for, percent, score

Answers = Callable[..., dict[str, str]]

PERSONAS = [
    # (name, overrides, band, dominant dimension, steps expected, types expected)
    ("ideal client", {}, "healthy", None, {"keep-good-habits"}, set()),
    (
        "late payer who renegotiates",
        {"pays-on-time": "excuses", "renegotiates": "always"},
        "high-maintenance",
        "payment",
        {"deposit", "stop-work-until-paid"},
        {"bad-payer"},
    ),
    ("abusive client", {"abusive": "insults"}, "walk-away", "respect", {"end-relationship"}, {"abusive"}),
    (
        "scope-creeper",
        {"extras-for-free": "expects-free", "never-satisfied": "always-more", "keeps-agreements": "stretches",
         "direction-changes": "often"},
        "high-maintenance",
        "scope",
        {"change-order", "change-limit"},
        {"insatiable", "penny-pincher", "direction-changer"},
    ),
    (
        "2 a.m. caller",
        {"after-hours": "late-night", "deadlines": "urgent", "emotional-messages": "regularly"},
        "high-maintenance",
        "schedule",
        {"reply-hours"},
        {"all-night", "emotional-emailer"},
    ),
    (
        "client who will not sign anything",
        {"written-agreement": "refuses", "keeps-agreements": "denies"},
        "high-maintenance",
        "agreements",
        {"email-agreement", "confirm-in-writing"},
        {"anti-contract"},
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "overrides", "band", "dominant", "steps", "types"), PERSONAS, ids=[p[0] for p in PERSONAS]
)
def test_personas(
    bank: Bank,
    answers: Answers,
    name: str,
    overrides: dict[str, str],
    band: str,
    dominant: str | None,
    steps: set[str],
    types: set[str],
) -> None:
    """Each persona gets its band, its dominant dimension, its key steps and its client types."""
    result = score(bank, answers(overrides))
    assert result.band.id == band
    if dominant is not None:
        assert max(result.dimensions, key=lambda d: d.score).id == dominant
    assert steps <= {step.id for step in result.action_plan}
    assert types <= {match.id for match in result.client_types}


@pytest.mark.parametrize("rest", ["best", "worst", "unsure"])
def test_abuse_means_walk_away_whatever_else(bank: Bank, rest: str) -> None:
    """An insulting client is "walk away" whether everything else is good, bad or unknown."""
    pick = {"best": 0, "worst": -2, "unsure": -1}[rest]
    chosen = {q.id: q.answers[pick].id for q in bank.questions} | {"abusive": "insults"}
    result = score(bank, chosen)
    assert result.band.id == "walk-away"
    assert "abuse" in {hit.id for hit in result.dealbreakers}
    # the first step ends or declines, as the stage the answers show allows
    first = {"started": "end-relationship", "before": "decline", "unknown": "decline-or-end"}[result.stage]
    assert result.action_plan[0].id == first


def test_combined_dealbreaker_needs_every_condition(bank: Bank, answers: Answers) -> None:
    """No written agreement plus unpaid work is a dealbreaker; either alone is not."""
    both = score(bank, answers({"written-agreement": "refuses", "pays-on-time": "unpaid"}))
    assert both.band.id == "walk-away"
    assert [(h.id, h.answers) for h in both.dealbreakers] == [
        ("no-contract-unpaid", ("pays-on-time.unpaid", "written-agreement.refuses"))
    ]
    assert not score(bank, answers({"written-agreement": "refuses"})).dealbreakers
    assert not score(bank, answers({"pays-on-time": "unpaid"})).dealbreakers


def test_unsure_everywhere_gives_no_verdict(bank: Bank) -> None:
    """All "not sure": confidence 0 and the not-enough-answers band, not a verdict."""
    result = score(bank, {q.id: UNSURE for q in bank.questions})
    assert (result.confidence, result.band.id, result.score) == (0, "not-enough-answers", 0)
    assert [step.id for step in result.action_plan] == ["answer-more"]


def test_confidence_counts_real_answers(bank: Bank, answers: Answers) -> None:
    """Confidence is the rounded share of questions answered for real."""
    unsure = {q.id: UNSURE for q in bank.questions[:5]}
    result = score(bank, answers(unsure))
    total = len(bank.questions)
    assert result.confidence == half_up(Fraction(100 * (total - 5), total))  # 80 for 20 of 25
    assert (result.answered, result.total) == (total - 5, total)


def test_unsure_does_not_count_as_risk(bank: Bank, answers: Answers) -> None:
    """Replacing a no-risk answer by "not sure" leaves the risk at zero."""
    assert score(bank, answers({"abusive": UNSURE, "pays-on-time": UNSURE})).score == 0


def test_all_problems_in_an_answer_set_are_reported(bank: Bank, answers: Answers) -> None:
    """Unknown question, unknown answer and missing answers are reported together with their ids."""
    chosen = answers({"nope": "yes", "abusive": "sometimes"})
    del chosen["bribes"]
    with pytest.raises(AnswersError) as caught:
        score(bank, chosen)
    found = {(p.code, p.question, p.answer) for p in caught.value.problems}
    assert found == {
        ("unknown-question", "nope", None),
        ("unknown-answer", "abusive", "sometimes"),
        ("missing-answer", "bribes", None),
    }


def test_dimension_formula(bank: Bank, answers: Answers) -> None:
    """Payment risk is the mean of the pooled ratio and the worst answer over 10, as documented."""
    result = score(bank, answers({"pays-on-time": "reminders"}))
    payment = next(d for d in result.dimensions if d.id == "payment")
    top = sum(most(q, "payment") for q in RAW_QUESTIONS if "payment" in q["dimensions"])  # read from bank.toml
    assert payment.score == half_up(100 * (Fraction(5, top) + Fraction(5, 10)) / 2)


@pytest.mark.parametrize(
    ("overall", "band"),
    [
        (0, "healthy"),
        (29, "healthy"),
        (30, "high-maintenance"),
        (54, "high-maintenance"),
        (55, "walk-away"),
        (100, "walk-away"),
    ],
)
def test_band_thresholds(bank: Bank, overall: int, band: str) -> None:
    """Bands start at 0, 30 and 55."""
    assert band_for(bank, overall, 100, dealbreaker=False) == band


def test_percent_rounds_halves_up() -> None:
    """0.125 -> 13, not 12 (no banker's rounding)."""
    assert (percent(0.125), percent(0.0), percent(1.0)) == (13, 0, 100)


def test_scoring_is_deterministic(bank: Bank, answers: Answers) -> None:
    """Scoring the same answers twice gives equal results and equal dicts."""
    chosen = answers({"replies": "silent", "meetings": "cancels"})
    assert score(bank, chosen) == score(bank, dict(reversed(list(chosen.items()))))
    assert score(bank, chosen).to_dict() == score(bank, chosen).to_dict()


def test_reasons_name_the_heaviest_answers(bank: Bank, answers: Answers) -> None:
    """The explanation lists the warning signs with the largest share first, each as a sentence."""
    result = score(bank, answers({"pays-on-time": "unpaid", "deadlines": "urgent", "replies": "slow"}))
    assert [r.question for r in result.reasons] == ["pays-on-time", "deadlines"]
    assert result.reasons[0].text == "They have left delivered work unpaid."
    assert result.warning_signs == 2 and result.mild_signs == 1


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_every_risky_answer_is_reachable_in_the_explanation(bank: Bank, answers: Answers, question: Question) -> None:
    """Every warning-sign answer shows up as a reason when it is the only risky one; mild ones are only counted."""
    for answer in question.answers:
        result = score(bank, answers({question.id: answer.id}))
        if answer.is_warning:
            assert [(r.question, r.answer) for r in result.reasons] == [(question.id, answer.id)]
            assert result.warning_signs == 1 and result.mild_signs == 0
        else:
            assert not result.reasons and result.warning_signs == 0
            assert result.mild_signs == (1 if answer.points else 0)
