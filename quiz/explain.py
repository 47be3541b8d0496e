"""The answers that moved the score most, in plain words.

An answer's share of the score follows the dimension formula of ``scoring``:
for each dimension it gives points on::

    share = 100 * sum(w(d) / W * (points(d) / most(d) + points(d) / 10) / 2)

where ``W`` is the total weight of the dimensions with real answers and
``most(d)`` the denominator of that dimension's pooled ratio. Only warning signs are
listed (answers with ``WARNING_POINTS`` or more on a dimension; mild answers are counted
in the summary, not listed under an alarming heading): the ``MAX_REASONS`` largest shares,
largest first (ties in question order). Each reason is the answer's ``sign``, a sentence
of its own in every language ("They pay only after reminders.").
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import Translations
from .i18n import SOURCE
from .model import MAX_POINTS, Answer, Bank, Reason

MAX_REASONS = 5
"""How many answers the explanation lists at most."""


def shares(bank: Bank, chosen: Mapping[str, Answer], ratios: Mapping[str, float | None]) -> dict[str, float]:
    """Each real answer's share of the weighted mean, in points (0-100), by question id."""
    total_weight = sum(dim.weight for dim in bank.dimensions if ratios.get(dim.id) is not None)
    most = {dim.id: 0 for dim in bank.dimensions}
    for question in bank.questions:
        if not chosen[question.id].is_unsure:
            for dim in question.dimensions:
                most[dim] += question.max_points(dim)
    result: dict[str, float] = {}
    for question in bank.questions:
        answer = chosen[question.id]
        value = 0.0
        for dim, points in answer.points:
            if most[dim]:
                value += bank.dimension(dim).weight / total_weight * (points / most[dim] + points / MAX_POINTS) / 2
        result[question.id] = 100 * value
    return result


def reasons(
    bank: Bank, chosen: Mapping[str, Answer], ratios: Mapping[str, float | None], *, translations: Translations = SOURCE
) -> tuple[Reason, ...]:
    """Up to ``MAX_REASONS`` answers with the largest share, localized."""
    _ = translations.gettext
    by_share = shares(bank, chosen, ratios)
    order = {question.id: index for index, question in enumerate(bank.questions)}
    ranked = sorted(
        (qid for qid, value in by_share.items() if value > 0 and chosen[qid].is_warning),
        key=lambda qid: (-by_share[qid], order[qid]),
    )
    items = []
    for qid in ranked[:MAX_REASONS]:
        question = bank.question(qid)
        assert question is not None
        answer = chosen[qid]
        points = int(by_share[qid] + 0.5 + 1e-9)  # halves up, even when float sums land a hair below (scoring.percent)
        items.append(Reason(qid, answer.id, _(answer.sign), max(1, points), question.topic))
    return tuple(items)
