"""Results that never contradict themselves (issue 18): properties over many answer sets.

Each property is checked over Hypothesis's random answer sets *and* over every answer set with
exactly one non-calm answer, so a rule cannot hold only for the stories of the calibration table.
The step classes and the evidence rule are written down here, independently of the bank's own
declarations, so a bank or engine change that breaks them fails here.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BANK, QUESTIONS, answer_sets

from quiz import i18n
from quiz.model import Result
from quiz.scoring import score

CALM = {q.id: q.answers[0].id for q in QUESTIONS}
SINGLE = [{**CALM, q.id: a.id} for q in QUESTIONS for a in q.answers[1:]]
"""Every answer set with one answer other than the calm one (each severe answer alone among them)."""

CARRY_ON_ONLY = {
    "deposit", "late-fee", "less-scope-not-discount", "signed-scope", "change-order", "change-limit",
    "decision-maker", "reply-hours", "lead-time", "reply-deadline", "weekly-report", "signed-task-list",
    "meeting-rules", "explain-your-method", "keep-it-business", "keep-good-habits", "check-references",
}  # fmt: skip
"""Steps that only make sense when you go on working with the client: never in a walk-away plan."""

WIND_DOWN_ONLY = {"end-relationship", "return-access", "keep-records"}
"""Steps about work that has started: never in the plan for a prospect."""

ASKS_TO_SIGN = re.compile(r"\b(get|have)\b[^.;:]*\bsign", re.IGNORECASE)
"""A step text that asks the client to sign something (English source text)."""

IN_PLACE = {
    ("written-agreement", "signed"): {"signed-scope", "email-agreement"},
    ("replies", "promptly"): {"reply-deadline"},
    ("outside-people", "no"): {"decision-maker"},
}
"""Answers saying something is already in place, and the steps that would only repeat it."""


def _ids(result: Result) -> set[str]:
    return {step.id for step in result.action_plan}


def _walk_away_holds_no_carry_on_step(answers: dict[str, str]) -> None:
    result = score(BANK, answers)
    if result.band.id == "walk-away":
        assert not _ids(result) & CARRY_ON_ONLY, (answers, _ids(result) & CARRY_ON_ONLY)


def _no_signature_asked_of_a_refuser(answers: dict[str, str]) -> None:
    if answers["written-agreement"] == "refuses":
        asks = [step.id for step in score(BANK, answers).action_plan if ASKS_TO_SIGN.search(step.text)]
        assert not asks, (answers, asks)


def _nothing_repeats_what_is_in_place(answers: dict[str, str]) -> None:
    plan = _ids(score(BANK, answers))
    for (question, answer), steps in IN_PLACE.items():
        if answers[question] == answer:
            assert not plan & steps, (question, answer, plan & steps)


def _named_on_real_evidence(answers: dict[str, str]) -> None:
    """Every named type has a chosen answer among its heaviest (defining) signals."""
    result = score(BANK, answers)
    by_id = {t.id: t for t in BANK.client_types}
    for match in result.client_types:
        signals = dict(by_id[match.id].signals)
        top = max(signals.values())
        given_ = [ref for ref in signals if answers[ref.partition(".")[0]] == ref.partition(".")[2]]
        assert any(signals[ref] == top for ref in given_), (match.id, given_, answers)


def _explains(type_id: str, answers: dict[str, str], dimension: str) -> int:
    signals = dict(next(t for t in BANK.client_types if t.id == type_id).signals)
    total = 0
    for ref in signals:
        qid, _, aid = ref.partition(".")
        if answers[qid] == aid:
            question = BANK.question(qid)
            assert question is not None
            total += question.answer(aid).points_for(dimension)  # type: ignore[union-attr]
    return total


def _first_type_explains_the_dominant_area(answers: dict[str, str]) -> None:
    """The first named type explains the riskiest area at least as much as any other named type."""
    result = score(BANK, answers)
    if len(result.client_types) < 2:
        return
    top = max(d.score for d in result.dimensions)
    dominant = [d.id for d in result.dimensions if d.score == top]
    first, *others = [t.id for t in result.client_types]
    assert any(
        all(_explains(first, answers, dim) >= _explains(other, answers, dim) for other in others) for dim in dominant
    ), (answers, [t.id for t in result.client_types], dominant)


class TestWalkAwayPlans:
    """Point 1: a walk-away plan winds down or declines; no plan asks a refuser to sign or repeats what exists."""

    @given(answer_sets())
    def test_no_carry_on_step_in_a_walk_away_plan(self, answers: dict[str, str]) -> None:
        _walk_away_holds_no_carry_on_step(answers)

    @pytest.mark.parametrize("answers", SINGLE, ids=lambda a: next(f"{k}.{v}" for k, v in a.items() if CALM[k] != v))
    def test_no_carry_on_step_after_any_single_answer(self, answers: dict[str, str]) -> None:
        _walk_away_holds_no_carry_on_step(answers)
        _no_signature_asked_of_a_refuser(answers)

    @given(answer_sets(), st.sampled_from(["refuses"]))
    def test_no_signature_asked_of_a_client_who_refuses(self, answers: dict[str, str], refusal: str) -> None:
        _no_signature_asked_of_a_refuser({**answers, "written-agreement": refusal})

    @given(answer_sets(), st.sampled_from(sorted(IN_PLACE)))
    def test_no_step_repeats_what_is_in_place(self, answers: dict[str, str], in_place: tuple[str, str]) -> None:
        question, answer = in_place
        _nothing_repeats_what_is_in_place({**answers, question: answer})


class TestTypes:
    """Point 4: types are named on real evidence, the one that explains the riskiest area first."""

    @given(answer_sets())
    def test_types_need_a_defining_answer(self, answers: dict[str, str]) -> None:
        _named_on_real_evidence(answers)

    @pytest.mark.parametrize("answers", SINGLE, ids=lambda a: next(f"{k}.{v}" for k, v in a.items() if CALM[k] != v))
    def test_types_after_any_single_answer(self, answers: dict[str, str]) -> None:
        _named_on_real_evidence(answers)

    @given(answer_sets())
    def test_first_type_explains_the_riskiest_area(self, answers: dict[str, str]) -> None:
        _first_type_explains_the_dominant_area(answers)


class TestReadersWords:
    """Points 5 and 6: warning signs are real ones and read as sentences; a dealbreaker's override is explained."""

    @given(answer_sets(), st.sampled_from(["en", "es", "ru"]))
    def test_reasons_are_sentences_of_their_own(self, answers: dict[str, str], lang: str) -> None:
        """No "<sign>: <answer>" lines: each reason is one sentence, not the answer text glued to a label."""
        tr = i18n.translations(lang)
        result = score(BANK, answers, translations=tr, lang=lang)
        for reason in result.reasons:
            question = BANK.question(reason.question)
            assert question is not None
            assert reason.text[:1].isupper() and reason.text.endswith("."), reason.text
            assert ": " + tr.gettext(question.answer(reason.answer).text) not in reason.text  # type: ignore[union-attr]
            assert not reason.text.startswith(tr.gettext(question.sign) + ":"), reason.text

    @given(answer_sets())
    def test_mild_answers_are_not_counted_as_warning_signs(self, answers: dict[str, str]) -> None:
        """Answers with a few points (a little late, now and then) are neither counted nor listed as warning signs."""
        result = score(BANK, answers)
        mild = {
            q.id
            for q in QUESTIONS
            if 0 < max((p for _, p in q.answer(answers[q.id]).points), default=0) < 4  # type: ignore[union-attr]
        }
        assert not mild & {reason.question for reason in result.reasons}
        assert result.warning_signs <= sum(1 for q in QUESTIONS if answers[q.id] != "unsure") - len(mild)

    @given(answer_sets())
    def test_a_dealbreaker_says_it_overrides_the_score(self, answers: dict[str, str]) -> None:
        result = score(BANK, answers)
        overridden = bool(result.dealbreakers or "or above" in result.summary)
        assert ("whatever the overall score" in result.summary) == overridden
