"""Share links made before issue 18 still open: every question and answer id of the earlier bank exists."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from quiz.json_api import score_json

LAYOUT_1 = {
    "pays-on-time": ("on-time", "reminders", "excuses", "unpaid", "no-deposit", "unsure"),
    "renegotiates": ("never", "sometimes", "always", "unsure"),
    "extras-for-free": ("pays-extra", "grumbles", "expects-free", "unsure"),
    "direction-changes": ("rarely", "with-notice", "often", "unsure"),
    "never-satisfied": ("satisfied", "picky", "always-more", "unsure"),
    "changes-mind": ("clear", "vague", "reverses", "unsure"),
    "outside-people": ("no", "consulted", "override", "unsure"),
    "know-it-all": ("trusts", "discusses", "overrules", "unsure"),
    "micromanages": ("steps-back", "checks", "dictates", "unsure"),
    "threatens": ("never", "once", "often", "unsure"),
    "abusive": ("never", "rude", "insults", "unsure"),
    "distrust": ("trusts", "cautious", "suspicious", "unsure"),
    "bribes": ("no", "hinted", "asked", "unsure"),
    "replies": ("promptly", "slow", "complaints-only", "silent", "unsure"),
    "feedback": ("specific", "vague", "blames", "unsure"),
    "materials": ("provides", "late", "chases", "unsure"),
    "deadlines": ("reasonable", "tight", "urgent", "unsure"),
    "after-hours": ("respects", "emergencies", "late-night", "unsure"),
    "emotional-messages": ("never", "once", "regularly", "unsure"),
    "meetings": ("punctual", "sometimes-late", "cancels", "unsure"),
    "written-agreement": ("signed", "informal", "refuses", "unsure"),
    "keeps-agreements": ("keeps", "stretches", "denies", "unsure"),
    "staff-talk": ("good", "mixed", "bad", "not-paid", "unsure"),
    "other-suppliers": ("good", "mixed", "bad", "unsure"),
    "shortcuts": ("no", "numbers", "insists", "unsure"),
}
"""The bank's questions and answers before issue 18 (code version 1), as share links carry them."""


def test_every_earlier_id_still_exists(bank) -> None:
    """Issue 18 added answers ("not yet", "no-show") but kept every earlier id, with the same meaning."""
    for question_id, answer_ids in LAYOUT_1.items():
        question = bank.question(question_id)
        assert question is not None, question_id
        assert set(answer_ids) <= {answer.id for answer in question.answers}, question_id


@given(st.fixed_dictionaries({q: st.sampled_from(a) for q, a in LAYOUT_1.items()}), st.sampled_from(["en", "es", "ru"]))
def test_an_earlier_share_link_still_scores(answers: dict[str, str], lang: str) -> None:
    """Any answer set an earlier share link could hold scores today, in every language."""
    envelope = json.loads(score_json(json.dumps({"schema_version": 1, "answers": answers}), lang))
    assert envelope["ok"], envelope
