"""The action plan: the bank's steps that the answers (or the band) call for, in the bank's order.

A step joins the plan when one of its ``answers`` (``"question.answer"``) was
chosen or the result's band is one of its ``bands``, unless the band is one of
its ``not_bands`` (steps that nurture the relationship stay out of a
"walk away" plan, which says the fee is not worth it). Steps are listed by their
``order`` (then id): ending the relationship first when the band is
"walk away", then payment, written scope, changes, hours, communication and the
rest. Each step carries a topic id the site turns into a link to a guidance page.
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import Translations
from .i18n import SOURCE
from .model import Answer, Bank, PlanStep


def plan(
    bank: Bank, chosen: Mapping[str, Answer], band: str, *, translations: Translations = SOURCE
) -> tuple[PlanStep, ...]:
    """The ordered steps for these answers and this band id, texts translated."""
    given = {f"{qid}.{answer.id}" for qid, answer in chosen.items()}
    steps = [
        PlanStep(step.id, translations.gettext(step.text), step.topic)
        for step in sorted(bank.steps, key=lambda item: (item.order, item.id))
        if (band in step.bands or given.intersection(step.answers)) and band not in step.not_bands
    ]
    return tuple(steps)
