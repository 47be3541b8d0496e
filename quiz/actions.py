"""The action plan: the bank's steps that the answers (or the band) call for, fit for the situation.

A step joins the plan when one of its ``answers`` (``"question.answer"``) was chosen or the
result's band is one of its ``bands``, and

- it serves the situation: a "walk away" verdict means winding the work down (work has
  started), declining it (a prospect) or either (stage unknown), so its plan holds only steps
  that serve those; every other band means carrying on, so its plan holds only steps that serve
  carrying on. This is what keeps a walk-away plan from asking for a deposit "before the next
  milestone", and a plan to carry on from saying "take no new work from them";
- it is meant for the result's stage (``stages``; empty means any);
- none of its ``unless`` answers was chosen: what it asks for is already in place, or the
  client has said they refuse it (no "get it signed" to a client who refuses to sign).

Steps are listed by ``order``, most urgent first; the first ``MAIN_STEPS`` are the ones to act on
now, the rest are shown behind "more steps".
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import Translations
from .i18n import SOURCE
from .model import UNKNOWN_STAGE, Answer, Bank, PlanStep

MAIN_STEPS = 6
"""Steps shown first; a longer plan puts the rest behind "more steps" (browser) or a separator (CLI, print)."""

WALK_AWAY = "walk-away"
WALK_AWAY_SITUATIONS = {
    "before": frozenset({"decline"}),
    "started": frozenset({"wind-down"}),
    UNKNOWN_STAGE: frozenset({"decline", "wind-down"}),
}
"""What a walk-away plan serves, by stage: decline a prospect, wind down started work, or either."""

CARRY_ON = frozenset({"carry-on"})


def situations(band: str, stage: str) -> frozenset[str]:
    """The situations a plan for this band and stage serves."""
    return WALK_AWAY_SITUATIONS[stage] if band == WALK_AWAY else CARRY_ON


def plan(
    bank: Bank,
    chosen: Mapping[str, Answer],
    band: str,
    *,
    stage: str = UNKNOWN_STAGE,
    translations: Translations = SOURCE,
) -> tuple[PlanStep, ...]:
    """The ordered steps for these answers, this band id and this stage, texts translated."""
    given = {f"{qid}.{answer.id}" for qid, answer in chosen.items()}
    serves = situations(band, stage)
    return tuple(
        PlanStep(step.id, translations.gettext(step.text), step.topic)
        for step in sorted(bank.steps, key=lambda item: (item.order, item.id))
        if (band in step.bands or given.intersection(step.answers))
        and serves.intersection(step.serves)
        and (not step.stages or stage in step.stages)
        and not given.intersection(step.unless)
    )
