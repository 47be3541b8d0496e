"""Property-based checks (Hypothesis) of the scoring rules over the packaged bank.

Strategies are in ``strategies.py``; the profile (no deadline) in ``conftest.py``.
"""

from __future__ import annotations

import json

from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import BANK, QUESTIONS, answer_sets, answer_texts, worse_pairs

from quiz.json_api import score_json
from quiz.model import NOT_YET, UNSURE, Result
from quiz.scoring import score

PAIRS = worse_pairs()


class TestBounds:
    """Every number of a result stays in its range, whatever the answers."""

    @given(answer_sets())
    def test_scores_within_bounds(self, chosen: dict[str, str]) -> None:
        """Overall, dimension and type scores and confidence are within 0-100."""
        result = score(BANK, chosen)
        assert 0 <= result.score <= 100 and 0 <= result.confidence <= 100
        assert all(0 <= d.score <= 100 for d in result.dimensions)
        assert all(30 <= t.strength <= 100 for t in result.client_types)
        assert all(r.points <= 100 for r in result.reasons)  # the exact points: test_oracle.py


class TestMonotonicity:
    """Making any one answer worse (at least as many points on every dimension) never lowers the risk."""

    @given(answer_sets(), st.sampled_from(PAIRS))
    def test_worse_answer_never_lowers_risk(self, chosen: dict[str, str], pair: tuple[str, str, str]) -> None:
        """Overall score and every dimension score do not go down."""
        question, answer, worse = pair
        before = score(BANK, {**chosen, question: answer})
        after = score(BANK, {**chosen, question: worse})
        assert after.score >= before.score
        for old, new in zip(before.dimensions, after.dimensions, strict=True):
            assert new.score >= old.score


class TestDealbreakers:
    """Any dealbreaker forces "walk away"."""

    @given(answer_sets())
    def test_dealbreaker_forces_walk_away(self, chosen: dict[str, str]) -> None:
        """A result with a dealbreaker is always in the walk-away band, with walk-away steps first."""
        result = score(BANK, chosen)
        if result.dealbreakers:
            assert result.band.id == "walk-away"
            first = {"started": "end-relationship", "before": "decline", "unknown": "decline-or-end"}[result.stage]
            assert result.action_plan[0].id == first

    @given(answer_sets(unsure_weight=8), st.sampled_from(["insults", "asked"]))
    def test_marked_answer_always_triggers(self, chosen: dict[str, str], answer: str) -> None:
        """Insults or a bribe request give walk-away even when most answers are "not sure"."""
        question = "abusive" if answer == "insults" else "bribes"
        assert score(BANK, {**chosen, question: answer}).band.id == "walk-away"


class TestConfidence:
    """Few real answers give low confidence and no verdict."""

    @given(answer_sets(unsure_weight=30))
    def test_mostly_unsure_gives_no_verdict(self, chosen: dict[str, str]) -> None:
        """Below half the questions answered (a "not yet" is an answer), and without dealbreakers: no verdict."""
        unsure = sum(1 for aid in chosen.values() if aid == UNSURE)
        not_yet = sum(1 for aid in chosen.values() if aid == NOT_YET)
        result = score(BANK, chosen)
        assert result.confidence == int(100 * (len(QUESTIONS) - unsure - not_yet) / len(QUESTIONS) + 0.5)
        answered = int(100 * (len(QUESTIONS) - unsure) / len(QUESTIONS) + 0.5)
        if answered < BANK.min_confidence and not result.dealbreakers:
            assert result.band.id == "not-enough-answers"

    @given(answer_sets())
    def test_verdict_needs_answers_or_dealbreaker(self, chosen: dict[str, str]) -> None:
        """A verdict band only appears with enough answers other than "not sure", or a dealbreaker."""
        result = score(BANK, chosen)
        answered = int(100 * (result.answered + result.not_yet) / result.total + 0.5)
        if result.band.id != "not-enough-answers":
            assert answered >= BANK.min_confidence or result.dealbreakers

    @given(answer_sets(), st.data())
    def test_not_yet_is_neither_a_sign_nor_a_refusal(self, chosen: dict[str, str], data: st.DataObject) -> None:
        """Answering "not yet" instead of the calm answer adds no warning sign and never withholds the verdict."""
        with_not_yet = {
            q.id: NOT_YET if q.answer(NOT_YET) and data.draw(st.booleans()) else chosen[q.id] for q in QUESTIONS
        }
        calm = {q.id: q.answers[0].id if with_not_yet[q.id] == NOT_YET else with_not_yet[q.id] for q in QUESTIONS}
        prospect, known = score(BANK, with_not_yet), score(BANK, calm)
        assert prospect.warning_signs == known.warning_signs
        assert (prospect.band.id == "not-enough-answers") == (known.band.id == "not-enough-answers")


class TestDeterminism:
    """Same answers, same output; the dict form reads back to the same result."""

    @given(answer_sets(), st.sampled_from(["en", "es", "ru"]))
    def test_json_is_stable_and_round_trips(self, chosen: dict[str, str], lang: str) -> None:
        """score_json is byte-identical for reordered input and its result rebuilds an equal Result."""
        text = json.dumps({"schema_version": 1, "answers": chosen})
        shuffled = json.dumps({"answers": dict(reversed(list(chosen.items()))), "schema_version": 1})
        out = score_json(text, lang)
        assert out == score_json(shuffled, lang)
        result = json.loads(out)["result"]
        assert Result.from_dict(result).to_dict() == result


class TestBadInput:
    """Whatever text arrives, score_json answers with an envelope and never raises."""

    @given(answer_texts, st.sampled_from(["en", "es", "ru", "xx", ""]))
    def test_never_raises(self, text: str, lang: str) -> None:
        """The output is JSON with ok true and a result, or ok false and at least one coded, worded error."""
        envelope = json.loads(score_json(text, lang))
        if envelope["ok"]:
            assert set(envelope) == {"ok", "result"}
        else:
            assert envelope["errors"] and all(e["code"] and e["message"] for e in envelope["errors"])

    @given(answer_sets(), st.sampled_from([q.id for q in QUESTIONS]), st.text(min_size=1, max_size=10))
    def test_tampered_answer_is_named(self, chosen: dict[str, str], question: str, bogus: str) -> None:
        """A share link with one altered answer id reports exactly that question and answer."""
        q = next(item for item in QUESTIONS if item.id == question)
        assume(q.answer(bogus) is None)
        envelope = json.loads(
            score_json(json.dumps({"schema_version": 1, "answers": {**chosen, question: bogus}}), "es")
        )
        assert [(e["code"], e["question"]) for e in envelope["errors"]] == [("unknown-answer", question)]
