"""The action plan: every step can be reached, steps come in the bank's order, each has a linkable topic."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from strategies import BANK

from quiz.actions import MAIN_STEPS, plan, situations
from quiz.model import BAND_IDS, STAGES, UNDECIDED_BAND, UNKNOWN_STAGE, Bank, Step
from quiz.scoring import check_answers, score

Answers = Callable[..., dict[str, str]]


def _band_for(step: Step, stage: str) -> str:
    """A band whose plan, at ``stage``, serves one of the step's situations."""
    return next(band for band in (*step.bands, *BAND_IDS) if situations(band, stage) & set(step.serves))


@pytest.mark.parametrize("step", BANK.steps, ids=lambda s: s.id)
def test_every_step_is_reachable(bank: Bank, answers: Answers, step: Step) -> None:
    """Each step is added by one of its answers, or by one of its bands, in a stage and band it serves."""
    stage = step.stages[0] if step.stages else UNKNOWN_STAGE
    if step.answers:
        qid, _, aid = step.answers[0].partition(".")
        chosen = check_answers(bank, answers({qid: aid}))
        assert step.id in {s.id for s in plan(bank, chosen, _band_for(step, stage), stage=stage)}
    for band in step.bands:
        assert step.id in {s.id for s in plan(bank, check_answers(bank, answers()), band, stage=stage)}


def test_every_step_declares_what_it_serves(bank: Bank) -> None:
    """Each step serves at least one situation, and its stages are real ones."""
    for step in bank.steps:
        assert step.serves, step.id
        assert set(step.stages) <= {*STAGES, UNKNOWN_STAGE}, step.id
    assert {band for step in bank.steps for band in step.bands} <= {*BAND_IDS, UNDECIDED_BAND}


def test_steps_follow_the_bank_order(bank: Bank, answers: Answers) -> None:
    """A walk-away plan for started work starts with ending the relationship, then the wind-down steps, in order."""
    result = score(bank, answers({"abusive": "insults", "pays-on-time": "unpaid", "meetings": "cancels"}))
    ids = [step.id for step in result.action_plan]
    assert ids[:4] == ["end-relationship", "drop-early", "return-access", "stop-work-until-paid"]
    assert "deposit" not in ids and "meeting-rules" not in ids
    orders = [next(s.order for s in bank.steps if s.id == sid) for sid in ids]
    assert orders == sorted(orders)


def test_long_plans_show_the_most_urgent_steps_first(bank: Bank, answers: Answers) -> None:
    """A long plan marks its first MAIN_STEPS steps as the ones to act on now."""
    worst = {q.id: q.answers[-3].id for q in bank.questions}
    result = score(bank, answers({**worst, "abusive": "rude", "bribes": "no"}))
    assert len(result.action_plan) > MAIN_STEPS
    assert result.main_steps == MAIN_STEPS
    short = score(bank, answers())
    assert short.main_steps == len(short.action_plan) == 1


def test_healthy_plan_keeps_good_habits(bank: Bank, answers: Answers) -> None:
    """A healthy client gets only the keep-good-habits step."""
    assert [s.id for s in score(bank, answers()).action_plan] == ["keep-good-habits"]


def test_plan_steps_carry_topics_the_site_can_link(bank: Bank, answers: Answers) -> None:
    """Every step in a plan has a topic defined in the bank's topics table."""
    topics = {topic.id for topic in bank.topics}
    worst = {q.id: q.answers[-2].id for q in bank.questions}
    assert {step.topic for step in score(bank, answers(worst)).action_plan} <= topics
    assert {step.topic for step in bank.steps} <= topics


def test_plan_is_the_steps_the_answers_call_for(bank: Bank, answers: Answers) -> None:
    """Three answers call for ``deposit``: it is there once, and the plan is exactly what the rules give, in order."""
    from oracle import band, plan

    chosen = answers({"pays-on-time": "unpaid", "renegotiates": "always", "other-suppliers": "bad"})
    assert [step.id for step in score(bank, chosen).action_plan] == plan(chosen, band(chosen))
    assert "deposit" in plan(chosen, band(chosen))
