"""The data types: a result survives its JSON form, older stored results still read, lookups say what is missing."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BANK

from quiz.model import (
    Band,
    BandResult,
    DealbreakerHit,
    DimensionScore,
    PlanStep,
    Reason,
    Result,
    TypeMatch,
)

text = st.text(max_size=12)
count = st.integers(0, 100)
results = st.builds(
    Result,
    lang=st.sampled_from(["en", "es", "ru"]),
    score=count,
    band=st.builds(BandResult, text, text, text),
    confidence=count,
    answered=count,
    total=count,
    warning_signs=count,
    summary=text,
    dimensions=st.lists(st.builds(DimensionScore, text, text, count, count, count, count), max_size=3).map(tuple),
    dealbreakers=st.lists(st.builds(DealbreakerHit, text, text, st.lists(text, max_size=2).map(tuple)), max_size=2).map(
        tuple
    ),
    client_types=st.lists(st.builds(TypeMatch, text, text, text, count, text), max_size=2).map(tuple),
    reasons=st.lists(st.builds(Reason, text, text, text, count, text), max_size=3).map(tuple),
    action_plan=st.lists(st.builds(PlanStep, text, text, text), max_size=8).map(tuple),
    schema_version=st.integers(1, 3),
    stage=st.sampled_from(["before", "started", "unknown"]),
    not_yet=count,
    mild_signs=count,
    main_steps=count,
)
"""Any result, field by field (the values need not make sense together: only the form is checked)."""


@given(results)
def test_a_result_reads_back_from_its_json(result: Result) -> None:
    """Every field, the schema version included, survives to_dict, JSON and from_dict."""
    data = json.loads(json.dumps(result.to_dict()))
    assert list(data) == [
        "schema_version", "lang", "score", "band", "confidence", "answered", "total", "warning_signs", "summary",
        "dimensions", "dealbreakers", "client_types", "reasons", "action_plan", "stage", "not_yet", "mild_signs",
        "main_steps",
    ]  # fmt: skip
    assert Result.from_dict(data) == result


@given(results)
def test_a_result_stored_before_the_last_four_fields_still_reads(result: Result) -> None:
    """A result saved before stage, not_yet, mild_signs and main_steps existed: stage unknown, no "not yet" answers,
    no mild signs, and every step shown at once."""
    data = result.to_dict()
    for key in ("stage", "not_yet", "mild_signs", "main_steps"):
        del data[key]
    read = Result.from_dict(data)
    assert (read.stage, read.not_yet, read.mild_signs, read.main_steps) == ("unknown", 0, 0, len(result.action_plan))
    assert read.to_dict() | {"stage": result.stage, "not_yet": result.not_yet, "mild_signs": result.mild_signs,
                             "main_steps": result.main_steps} == result.to_dict()  # fmt: skip


def test_a_question_gives_no_points_on_a_dimension_it_does_not_move() -> None:
    for question in BANK.questions:
        for dim in ("payment", "respect", "communication", "scope", "schedule", "agreements", "decisions",
                    "reliability", "reputation"):  # fmt: skip
            top = max((answer.points_for(dim) for answer in question.answers), default=0)
            assert question.max_points(dim) == top, (question.id, dim)
            if dim not in question.dimensions:
                assert question.max_points(dim) == 0


def test_lookups_of_what_the_bank_lacks() -> None:
    """A question or answer that does not exist is None; a band or dealbreaker that must exist raises KeyError
    naming it."""
    assert BANK.question("nope") is None
    assert BANK.questions[0].answer("nope") is None
    assert BANK.band("not-enough-answers") is BANK.undecided
    assert BANK.dealbreaker("abuse").id == "abuse"
    with pytest.raises(KeyError, match="'nope'"):
        BANK.band("nope")
    with pytest.raises(KeyError, match="'nope'"):
        BANK.dealbreaker("nope")


def test_a_band_speaks_to_the_stage_it_has_a_verdict_for() -> None:
    band = Band("x", "X", "Either way.", 0, (("before", "Not yet."),))
    assert (band.verdict_for("before"), band.verdict_for("started"), band.verdict_for("unknown")) == (
        "Not yet.", "Either way.", "Either way."
    )  # fmt: skip
