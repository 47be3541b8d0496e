"""Hypothesis strategies for the quiz: answer sets over the packaged bank and malformed JSON inputs.

Domains are small and bounded: answer ids come from the bank itself, plus a
hand-picked pool of edge cases for the JSON API (empty, huge, nested, markup).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from quiz.model import UNSURE, Answer, Bank, Question
from quiz.resources import load_bank

BANK: Bank = load_bank()
QUESTIONS: tuple[Question, ...] = BANK.questions


def answer_sets(unsure_weight: int = 1) -> st.SearchStrategy[dict[str, str]]:
    """A complete answer set: one answer id per question (``unsure`` included)."""
    return st.fixed_dictionaries(
        {q.id: st.sampled_from([a.id for a in q.answers] + [UNSURE] * (unsure_weight - 1)) for q in QUESTIONS}
    )


def dominates(worse: Answer, better: Answer) -> bool:
    """True when ``worse`` has at least the points of ``better`` on every dimension (both real answers)."""
    dims = {dim for dim, _ in worse.points} | {dim for dim, _ in better.points}
    return all(worse.points_for(dim) >= better.points_for(dim) for dim in dims)


def worse_pairs() -> list[tuple[str, str, str]]:
    """``(question, answer, worse answer)`` for every ordered pair of real answers where one dominates."""
    pairs = []
    for q in QUESTIONS:
        real = [a for a in q.answers if not a.is_unsure]
        pairs += [(q.id, a.id, b.id) for a in real for b in real if a is not b and dominates(b, a)]
    return pairs


json_scalars = (
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(max_size=20)
)
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
"""Any JSON value, small."""

EDGE_TEXTS = [
    "",
    " ",
    "null",
    "[]",
    "{}",
    '{"schema_version": 1}',
    '{"schema_version": 1, "answers": []}',
    '{"schema_version": "1", "answers": {}}',
    '{"schema_version": 1, "answers": {"__proto__": "x"}}',
    '{"schema_version": 1, "answers": {"<script>alert(1)</script>": "<b>"}}',
    "[" * 5000 + "]" * 5000,
    '{"schema_version": 1e400, "answers": {}}',
    '{"schema_version": NaN, "answers": {}}',
    "\ud800",
]
"""Hand-picked malformed inputs."""

answer_texts: st.SearchStrategy[str] = (
    st.sampled_from(EDGE_TEXTS)
    | st.text(max_size=60)
    | json_values.map(json.dumps)
    | st.builds(
        lambda version, answers: json.dumps({"schema_version": version, "answers": answers}),
        json_values,
        st.dictionaries(st.sampled_from([q.id for q in QUESTIONS] + ["nope"]), json_values, max_size=5),
    )
)
"""Text sent as answers JSON: mostly wrong, sometimes nearly right."""
