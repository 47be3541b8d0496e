"""Which named problem clients this one resembles, with a match strength 0-100.

Each type in the bank lists signals: ``"question.answer" = weight``. For one
type, every question it has signals on can contribute the largest weight among
its signals on that question::

    strength = round(100 * sum(weight of the chosen answer, if it is a signal)
                         / sum(largest signal weight of each of those questions))

"Not sure" answers contribute nothing but still count in the denominator.

A type is named only on real evidence: a strength of at least ``MIN_STRENGTH`` *and* at
least one chosen key signal (weight ``KEY_SIGNAL``, the answer that defines the type), so
mild answers alone ("the brief is vague at first", "they pay in the end, after arguing")
name no type.

Named types are ordered by how much they explain the dominant risk area (the dimension
with the highest risk): the points its chosen signal answers give on that dimension, then
strength, then id. A client who pays 60 days late and haggles is first of all a bad payer.
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import Translations
from .i18n import SOURCE
from .model import KEY_SIGNAL, Answer, Bank, ClientType, TypeMatch

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


def chosen_signals(client_type: ClientType, chosen: Mapping[str, Answer]) -> list[tuple[Answer, int]]:
    """The chosen answers that are signals of ``client_type``, with their weights."""
    found = []
    for ref, weight in client_type.signals:
        qid, _, aid = ref.partition(".")
        answer = chosen.get(qid)
        if answer is not None and answer.id == aid:
            found.append((answer, weight))
    return found


def explains(client_type: ClientType, chosen: Mapping[str, Answer], dimension: str | None) -> int:
    """Points the type's chosen signal answers give on ``dimension`` (the dominant risk area)."""
    if dimension is None:
        return 0
    return sum(answer.points_for(dimension) for answer, _ in chosen_signals(client_type, chosen))


def match(
    bank: Bank,
    chosen: Mapping[str, Answer],
    *,
    dominant: str | None = None,
    translations: Translations = SOURCE,
) -> tuple[TypeMatch, ...]:
    """The types named by ``chosen``, the one that explains ``dominant`` most first, texts translated."""
    _ = translations.gettext
    found = []
    for client_type in bank.client_types:
        value = strength(client_type, chosen)
        if value < MIN_STRENGTH or all(weight < KEY_SIGNAL for _, weight in chosen_signals(client_type, chosen)):
            continue
        key = (-explains(client_type, chosen, dominant), -value, client_type.id)
        found.append(
            (key, TypeMatch(client_type.id, _(client_type.label), _(client_type.description), value, client_type.topic))
        )
    return tuple(item for _, item in sorted(found, key=lambda pair: pair[0]))
