"""Score one answer set: ``score(bank, answers) -> Result``. Pure and deterministic, no I/O.

How the numbers are made (the weights and thresholds live in ``data/bank.toml``):

Per dimension
    Only questions answered for real count ("not sure" is left out, it is
    neither risk nor reassurance). For dimension *d*::

        pooled(d) = sum(points of the chosen answers on d)
                    / sum(the most points any answer of those questions gives on d)
        worst(d)  = max(points of one chosen answer on d) / 10
        risk(d)   = round(100 * (pooled(d) + worst(d)) / 2)

    ``worst`` keeps one severe sign from being diluted by the many questions
    that touch the same dimension. A dimension none of whose questions was
    answered for real has risk 0 and ``answered == 0``.

Overall
    With *w(d)* the dimension weights (payment 3, respect 3, communication 2,
    scope 2, agreements 2, schedule 1, decisions 1, reliability 1, reputation 1)
    and only dimensions with at least one real answer::

        mean    = sum(w(d) * risk(d)) / sum(w(d))
        overall = round(0.6 * mean + 0.4 * max(risk(d)))

    with ``risk(d)`` taken before its rounding (the rounded value is what each area shows).

    The share given to the worst dimension keeps one very bad area (say,
    payment) from being averaged away by good ones. Each step only adds,
    multiplies by positive numbers or takes a maximum, so choosing an answer
    with at least as many points on every dimension never lowers any score.

Stage
    ``before`` (a prospect: work has not started) when some answer says so (a "not yet"
    answer, or one marked ``stage = "before"``) and none says the work has started;
    ``started`` when some answer is marked ``stage = "started"`` (they paid, you delivered...);
    else ``unknown``. Verdict texts and the plan speak to the stage.

Confidence
    ``round(100 * real answers / questions)``: "not sure" and "not yet" answers are not real
    answers, so a prospect's confidence honestly says how much is known so far.

Band
    1. any dealbreaker found: ``walk-away``, whatever the total;
    2. else fewer than ``undecided.min_confidence`` (50) percent of the questions answered with
       anything but "not sure": ``not-enough-answers``, not a verdict. A "not yet" answer is an
       answer (the question cannot apply yet), so a prospect gets a verdict;
    3. else by overall score: ``healthy`` 0-29, ``high-maintenance`` 30-54, ``walk-away`` 55-100;
    4. floor rule: a ``healthy`` result with a *serious* answer (``FLOOR_POINTS`` = 8 or more
       points on one dimension, see ``severe_answers``; the bank says why each one is serious)
       becomes ``high-maintenance``, and the summary names those answers. The guidance says one
       serious sign is enough to act on (a firm refusal to sign is "a serious warning sign";
       problems seen in the first weeks "rarely go away"), so it must not be averaged away by
       many calm answers.

Warning signs
    Answers with ``WARNING_POINTS`` or more on a dimension are warning signs: counted in the
    summary and listed under "what weighed most". Answers with fewer (but some) points are mild:
    they count in the score, and the summary mentions them in neutral words.

Dealbreakers
    An answer marked ``dealbreaker = "<id>"`` sets it (insults: ``abuse``; a
    request for a bribe: ``bribes``); a dealbreaker with ``all_of`` is set when
    every condition holds (no written agreement *and* unpaid work, or *and*
    free extra work).

Client types, the explanation and the action plan come from ``client_types``,
``explain`` and ``actions``.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import actions, client_types, explain
from .errors import AnswersError, Problem, Translations, problem
from .i18n import SOURCE
from .model import (
    FLOOR_POINTS,
    MAX_POINTS,
    SCHEMA_VERSION,
    UNKNOWN_STAGE,
    Answer,
    BandResult,
    Bank,
    DealbreakerHit,
    DimensionScore,
    Question,
    Result,
)

__all__ = ["FLOOR_BAND", "FLOOR_POINTS", "MEAN_SHARE", "percent", "score"]

FLOOR_BAND = "high-maintenance"
"""The lowest band a result with a severe answer can have (the floor rule)."""

MEAN_SHARE = 0.6
"""Share of the weighted mean of the dimensions in the overall score; the worst dimension has the rest."""


def check_answers(bank: Bank, answers: Mapping[str, object], /) -> dict[str, Answer]:
    """Every question's chosen ``Answer``; raises ``AnswersError`` listing every unknown, missing or bad id."""
    problems: list[Problem] = []
    chosen: dict[str, Answer] = {}
    for qid in sorted(answers, key=str):
        question = bank.question(qid) if isinstance(qid, str) else None
        if question is None:
            problems.append(problem("unknown-question", question=str(qid)))
            continue
        aid = answers[qid]
        answer = question.answer(aid) if isinstance(aid, str) else None
        if answer is None:
            problems.append(problem("unknown-answer", question=qid, answer=str(aid)))
            continue
        chosen[qid] = answer
    for question in bank.questions:
        if question.id not in answers:
            problems.append(problem("missing-answer", question=question.id))
    if problems:
        raise AnswersError(problems)
    return chosen


def score(
    bank: Bank, answers: Mapping[str, object], /, *, translations: Translations = SOURCE, lang: str = "en"
) -> Result:
    """The ``Result`` for ``answers`` (question id to answer id), texts in the language of ``translations``."""
    chosen = check_answers(bank, answers)
    _ = translations.gettext
    ratios = dimension_ratios(bank, chosen)
    dimensions = tuple(
        DimensionScore(
            dim.id,
            _(dim.label),
            percent(ratios[dim.id] or 0.0),
            dim.weight,
            sum(1 for q in bank.questions if dim.id in q.dimensions and not chosen[q.id].is_unsure),
            sum(1 for q in bank.questions if dim.id in q.dimensions),
        )
        for dim in bank.dimensions
    )
    overall = overall_score(bank, ratios)
    unsure = sum(1 for answer in chosen.values() if answer.is_unsure)
    not_yet = sum(1 for answer in chosen.values() if answer.is_not_yet)
    total = len(bank.questions)
    real = total - unsure - not_yet
    confidence = percent(real / total)
    hits = find_dealbreakers(bank, chosen)
    severe = severe_answers(bank, chosen)
    band_id = apply_floor(bank, band_for(bank, overall, percent((total - unsure) / total), bool(hits)), bool(severe))
    band = bank.band(band_id)
    stage = infer_stage(chosen)
    ratios_known = {key: value for key, value in ratios.items() if value is not None}
    dominant = max(ratios_known, key=lambda key: (ratios_known[key], bank.dimension(key).weight), default=None)
    plan = actions.plan(bank, chosen, band_id, stage=stage, translations=translations)
    signs = sum(1 for answer in chosen.values() if answer.is_warning)
    mild = sum(1 for answer in chosen.values() if answer.is_mild)
    return Result(
        schema_version=SCHEMA_VERSION,
        lang=lang,
        score=overall,
        band=BandResult(band.id, _(band.label), _(band.verdict_for(stage))),
        confidence=confidence,
        answered=real,
        total=total,
        warning_signs=signs,
        summary=summary(
            translations,
            signs=signs,
            mild=mild,
            real=real,
            total=total,
            not_yet=not_yet,
            dealbreaker=bool(hits),
            floor=tuple(chosen[q.id] for q in severe)
            if band_id == FLOOR_BAND and overall < bank.band(FLOOR_BAND).min_score
            else (),
            floor_label=_(band.label),
        ),
        dimensions=dimensions,
        dealbreakers=tuple(DealbreakerHit(item_id, _(bank.dealbreaker(item_id).text), refs) for item_id, refs in hits),
        client_types=client_types.match(bank, chosen, dominant=dominant, translations=translations),
        reasons=explain.reasons(bank, chosen, ratios, translations=translations),
        action_plan=plan,
        stage=stage,
        not_yet=not_yet,
        mild_signs=mild,
        main_steps=min(len(plan), actions.MAIN_STEPS),
    )


def summary(
    translations: Translations,
    *,
    signs: int,
    mild: int,
    real: int,
    total: int,
    not_yet: int,
    dealbreaker: bool,
    floor: tuple[Answer, ...],
    floor_label: str,
) -> str:
    """The result's summary: warning signs, mild answers, answers, the prospect note, why the band is what it is."""
    _, ngettext = translations.gettext, translations.ngettext
    parts = [ngettext("%(count)d warning sign found.", "%(count)d warning signs found.", signs) % {"count": signs}]
    if mild:
        parts.append(
            ngettext(
                "%(count)d answer is worth keeping an eye on, but is no warning sign.",
                "%(count)d answers are worth keeping an eye on, but are no warning signs.",
                mild,
            )
            % {"count": mild}
        )
    parts.append(
        ngettext("%(answered)d of %(total)d question answered.", "%(answered)d of %(total)d questions answered.", total)
        % {"answered": real, "total": total}
    )
    if not_yet:
        parts.append(
            ngettext(
                "%(count)d question cannot be answered until the work starts: "
                "the verdict rests on what you know so far.",
                "%(count)d questions cannot be answered until the work starts: "
                "the verdict rests on what you know so far.",
                not_yet,
            )
            % {"count": not_yet}
        )
    if dealbreaker:
        parts.append(_("A dealbreaker decides the verdict, whatever the overall score."))
    elif floor:
        parts.append(
            _("A serious warning sign keeps the verdict at “%(band)s” or above, whatever the overall score: %(signs)s")
            % {"band": floor_label, "signs": " ".join(_(answer.sign) for answer in floor)}
        )
    return " ".join(parts)


def infer_stage(chosen: Mapping[str, Answer]) -> str:
    """``started`` if an answer says the work has started, else ``before`` if one says it has not, else unknown."""
    stages = {answer.stage for answer in chosen.values()}
    if "started" in stages:
        return "started"
    if "before" in stages:
        return "before"
    return UNKNOWN_STAGE


def dimension_ratios(bank: Bank, chosen: Mapping[str, Answer]) -> dict[str, float | None]:
    """Risk of each dimension as a fraction 0-1, ``None`` when no question on it was answered for real.

    The mean of the pooled ratio (all points over all maxima) and of the worst single answer
    (its points over ``MAX_POINTS``).
    """
    ratios: dict[str, float | None] = {}
    for dim in bank.dimensions:
        got = most = 0
        worst = 0.0
        for question in bank.questions:
            answer = chosen[question.id]
            if dim.id in question.dimensions and not answer.is_unsure:
                points, top = answer.points_for(dim.id), question.max_points(dim.id)
                got += points
                most += top
                worst = max(worst, points / MAX_POINTS)
        ratios[dim.id] = (got / most + worst) / 2 if most else None
    return ratios


def overall_score(bank: Bank, ratios: Mapping[str, float | None]) -> int:
    """``round(100 * (0.6 * weighted mean + 0.4 * worst))`` over the dimensions with data; 0 without any."""
    known = [(dim.weight, ratios[dim.id]) for dim in bank.dimensions if ratios[dim.id] is not None]
    if not known:
        return 0
    mean = sum(weight * ratio for weight, ratio in known if ratio is not None) / sum(weight for weight, _ in known)
    worst = max(ratio for _, ratio in known if ratio is not None)
    return percent(MEAN_SHARE * mean + (1 - MEAN_SHARE) * worst)


def find_dealbreakers(bank: Bank, chosen: Mapping[str, Answer]) -> list[tuple[str, tuple[str, ...]]]:
    """``(dealbreaker id, answers that set it as "question.answer")``, sorted by id."""
    found: dict[str, set[str]] = {}
    for question in bank.questions:
        answer = chosen[question.id]
        if answer.dealbreaker is not None:
            found.setdefault(answer.dealbreaker, set()).add(f"{question.id}.{answer.id}")
    for item in bank.dealbreakers:
        if item.all_of and all(chosen[cond.question].id in cond.answers for cond in item.all_of):
            found.setdefault(item.id, set()).update(
                f"{cond.question}.{chosen[cond.question].id}" for cond in item.all_of
            )
    return [(item_id, tuple(sorted(refs))) for item_id, refs in sorted(found.items())]


def band_for(bank: Bank, overall: int, answered: int, dealbreaker: bool) -> str:
    """The band id: dealbreaker first, then too few answers, then the score thresholds.

    ``answered`` is the percentage of questions answered with anything but "not sure".
    """
    if dealbreaker:
        return bank.bands[-1].id
    if answered < bank.min_confidence:
        return bank.undecided.id
    band_id = bank.bands[0].id
    for band in bank.bands:
        if overall >= band.min_score:
            band_id = band.id
    return band_id


def severe_answers(bank: Bank, chosen: Mapping[str, Answer]) -> tuple[Question, ...]:
    """The questions, in bank order, whose chosen answer gives ``FLOOR_POINTS`` or more on some dimension."""
    return tuple(question for question in bank.questions if chosen[question.id].is_serious)


def apply_floor(bank: Bank, band_id: str, severe: bool) -> str:
    """The floor rule: ``healthy`` becomes ``FLOOR_BAND`` when a severe answer was given; other bands stay."""
    if severe and band_id == bank.bands[0].id:
        return FLOOR_BAND
    return band_id


HALF_MARGIN = 1e-9
"""Added before rounding: float sums land an exact half (21/40 = 52.5 %) a hair below it, 52.4999...

The figures are ratios of small whole numbers, so a value that is not a half is
at least a millionth away from one: the margin only ever turns a half that
float arithmetic broke back into a half.
"""


def percent(fraction: float) -> int:
    """0-1 to a whole percentage, halves rounded up (``round`` would round them to even)."""
    return int(fraction * 100 + 0.5 + HALF_MARGIN)
