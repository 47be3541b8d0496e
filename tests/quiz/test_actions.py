"""The action plan: every step can be reached, steps come in the bank's order, each has a linkable topic."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from strategies import BANK

from quiz.actions import plan
from quiz.model import Bank, Step
from quiz.scoring import check_answers, score

Answers = Callable[..., dict[str, str]]


@pytest.mark.parametrize("step", BANK.steps, ids=lambda s: s.id)
def test_every_step_is_reachable(bank: Bank, answers: Answers, step: Step) -> None:
    """Each step is added by one of its answers, or by one of its bands."""
    if step.answers:
        qid, _, aid = step.answers[0].partition(".")
        chosen = check_answers(bank, answers({qid: aid}))
        assert step.id in {s.id for s in plan(bank, chosen, "healthy")}
    for band in step.bands:
        assert step.id in {s.id for s in plan(bank, check_answers(bank, answers()), band)}


def test_steps_follow_the_bank_order(bank: Bank, answers: Answers) -> None:
    """A walk-away plan starts with ending the relationship, then payment steps, in ``order``."""
    result = score(bank, answers({"abusive": "insults", "pays-on-time": "unpaid", "meetings": "cancels"}))
    ids = [step.id for step in result.action_plan]
    assert ids[:4] == ["end-relationship", "drop-early", "stop-work-until-paid", "deposit"]
    orders = [next(s.order for s in bank.steps if s.id == sid) for sid in ids]
    assert orders == sorted(orders)


def test_healthy_plan_keeps_good_habits(bank: Bank, answers: Answers) -> None:
    """A healthy client gets only the keep-good-habits step."""
    assert [s.id for s in score(bank, answers()).action_plan] == ["keep-good-habits"]


def test_plan_steps_carry_topics_the_site_can_link(bank: Bank, answers: Answers) -> None:
    """Every step in a plan has a topic defined in the bank's topics table."""
    topics = {topic.id for topic in bank.topics}
    worst = {q.id: q.answers[-2].id for q in bank.questions}
    assert {step.topic for step in score(bank, answers(worst)).action_plan} <= topics


def test_plan_is_the_steps_the_answers_call_for(bank: Bank, answers: Answers) -> None:
    """Three answers call for ``deposit``: it is there once, and the plan is exactly what the rules give, in order."""
    from oracle import band, plan

    chosen = answers({"pays-on-time": "unpaid", "renegotiates": "always", "other-suppliers": "bad"})
    assert [step.id for step in score(bank, chosen).action_plan] == plan(chosen, band(chosen))
    assert "deposit" in plan(chosen, band(chosen))
