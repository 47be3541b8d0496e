"""Which named problem clients this one resembles, with a match strength 0-100.

Each type in the bank lists signals: ``"question.answer" = weight``. For one
type, every question it has signals on can contribute the largest weight among
its signals on that question::

    strength = round(100 * sum(weight of the chosen answer, if it is a signal)
                         / sum(largest signal weight of each of those questions))

"Not sure" answers contribute nothing but still count in the denominator, so a
type needs real evidence. Types with a strength of at least ``MIN_STRENGTH`` are
reported, strongest first (ties by id).
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import Translations
from .i18n import SOURCE
from .model import Answer, Bank, ClientType, TypeMatch

MIN_STRENGTH = 30
"""Weakest match still reported (percent)."""


def strength(client_type: ClientType, chosen: Mapping[str, Answer]) -> int:
    """How strongly the chosen answers match ``client_type`` (0-100)."""
    best: dict[str, int] = {}
    got = 0
    for ref, weight in client_type.signals:
        qid, _, aid = ref.partition(".")
        best[qid] = max(best.get(qid, 0), weight)
        answer = chosen.get(qid)
        if answer is not None and answer.id == aid:
            got += weight
    total = sum(best.values())
    return int(100 * got / total + 0.5) if total else 0


def match(bank: Bank, chosen: Mapping[str, Answer], *, translations: Translations = SOURCE) -> tuple[TypeMatch, ...]:
    """The types reached by ``chosen``, strongest first, texts translated."""
    _ = translations.gettext
    found = []
    for client_type in bank.client_types:
        value = strength(client_type, chosen)
        if value >= MIN_STRENGTH:
            found.append(
                TypeMatch(client_type.id, _(client_type.label), _(client_type.description), value, client_type.topic)
            )
    return tuple(sorted(found, key=lambda item: (-item.strength, item.id)))
