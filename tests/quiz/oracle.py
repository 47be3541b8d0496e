"""The rules of ``quiz/README.md``, computed from ``data/bank.toml`` alone: the oracle of ``test_oracle.py``.

It reads the bank file with ``tomllib`` (not through the engine's model) and
computes every documented figure with exact fractions, halves rounded up. It
never calls the engine: a test that took its expected value from the engine
would agree with every mistake in it.
"""

from __future__ import annotations

import tomllib
from fractions import Fraction
from pathlib import Path

from hypothesis import strategies as st
from strategies import answer_sets

ROOT = Path(__file__).resolve().parents[2]
RAW = tomllib.loads((ROOT / "quiz" / "data" / "bank.toml").read_text(encoding="utf-8"))
UNSURE = "unsure"
NOT_YET = "not-yet"
WEIGHTS: dict[str, int] = {dim: table["weight"] for dim, table in RAW["dimensions"].items()}
QUESTIONS: list[dict] = RAW["questions"]
ANSWERS: dict[str, dict[str, dict]] = {q["id"]: {a["id"]: a for a in q["answers"]} for q in QUESTIONS}
THRESHOLDS = sorted((table["min_score"], band) for band, table in RAW["bands"].items())
MIN_CONFIDENCE = RAW["undecided"]["min_confidence"]
REASONS = 5  # "the five largest"
MIN_STRENGTH = 30  # "Types at 30% or more are listed"
SEVERE = 8  # the floor rule: "8 or more points on some dimension"
WARNING = 4  # "an answer with 4 or more points on some dimension is a warning sign"
KEY = 3  # "at least one chosen key signal (weight 3)"
MAIN_STEPS = 6  # "the first six are the ones to act on now"

# From mostly real answers to mostly "not sure": the rules that leave "not sure" out must be seen to.
ANSWER_SETS = st.integers(1, 12).flatmap(answer_sets)


def half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def points(qid: str, aid: str) -> dict[str, int]:
    return ANSWERS[qid][aid].get("points", {})


def most(question: dict, dim: str) -> int:
    return max(answer.get("points", {}).get(dim, 0) for answer in question["answers"])


def real(chosen: dict[str, str]) -> list[dict]:
    return [q for q in QUESTIONS if chosen[q["id"]] != UNSURE]


def ratios(chosen: dict[str, str]) -> dict[str, Fraction | None]:
    """pooled(d) and worst(d) over the real answers on d; None when there is none."""
    out: dict[str, Fraction | None] = {}
    for dim in WEIGHTS:
        asked = [q for q in real(chosen) if dim in q["dimensions"]]
        if not asked:
            out[dim] = None
            continue
        got = [points(q["id"], chosen[q["id"]]).get(dim, 0) for q in asked]
        pooled = Fraction(sum(got), sum(most(q, dim) for q in asked))
        out[dim] = (pooled + Fraction(max(got), 10)) / 2
    return out


def overall(chosen: dict[str, str]) -> int:
    known = {dim: r for dim, r in ratios(chosen).items() if r is not None}
    if not known:
        return 0
    mean = sum(WEIGHTS[dim] * r for dim, r in known.items()) / sum(WEIGHTS[dim] for dim in known)
    return half_up(100 * (Fraction(6, 10) * mean + Fraction(4, 10) * max(known.values())))


def dealbreakers(chosen: dict[str, str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for q in QUESTIONS:
        item = ANSWERS[q["id"]][chosen[q["id"]]].get("dealbreaker")
        if item:
            found.setdefault(item, set()).add(f"{q['id']}.{chosen[q['id']]}")
    for item, table in RAW["dealbreakers"].items():
        conditions = table.get("all_of", [])
        if conditions and all(chosen[c["question"]] in c["answers"] for c in conditions):
            found.setdefault(item, set()).update(f"{c['question']}.{chosen[c['question']]}" for c in conditions)
    return found


def severe(chosen: dict[str, str]) -> list[str]:
    return [q["id"] for q in QUESTIONS if any(p >= SEVERE for p in points(q["id"], chosen[q["id"]]).values())]


def not_yet(chosen: dict[str, str]) -> int:
    return sum(1 for aid in chosen.values() if aid == NOT_YET)


def confidence(chosen: dict[str, str]) -> int:
    """Real answers: neither "not sure" nor "not yet"."""
    return half_up(Fraction(100 * (len(real(chosen)) - not_yet(chosen)), len(QUESTIONS)))


def answered(chosen: dict[str, str]) -> int:
    """Questions answered with anything but "not sure": a "not yet" is an answer for the verdict."""
    return half_up(Fraction(100 * len(real(chosen)), len(QUESTIONS)))


def top(qid: str, aid: str) -> int:
    return max(points(qid, aid).values(), default=0)


def warning_signs(chosen: dict[str, str]) -> int:
    return sum(1 for q in QUESTIONS if top(q["id"], chosen[q["id"]]) >= WARNING)


def stage(chosen: dict[str, str]) -> str:
    """started when an answer says so, else before when a "not yet" or a "before" answer was given, else unknown."""
    marks = {ANSWERS[qid][aid].get("stage", "before" if aid == NOT_YET else None) for qid, aid in chosen.items()}
    return "started" if "started" in marks else "before" if "before" in marks else "unknown"


def band(chosen: dict[str, str]) -> str:
    if dealbreakers(chosen):
        return "walk-away"
    if answered(chosen) < MIN_CONFIDENCE:
        return "not-enough-answers"
    found = [name for low, name in THRESHOLDS if overall(chosen) >= low][-1]
    return "high-maintenance" if found == "healthy" and severe(chosen) else found


def strengths(chosen: dict[str, str]) -> dict[str, int]:
    out = {}
    for type_id, table in RAW["client_types"].items():
        heaviest: dict[str, int] = {}
        got = 0
        for ref, weight in table["signals"].items():
            qid, aid = ref.split(".")
            heaviest[qid] = max(heaviest.get(qid, 0), weight)
            got += weight if chosen[qid] == aid else 0
        out[type_id] = half_up(Fraction(100 * got, sum(heaviest.values())))
    return out


def named_types(chosen: dict[str, str]) -> list[tuple[str, int]]:
    """Types at MIN_STRENGTH or more with a chosen key signal, the one explaining the riskiest area first."""
    known = {dim: r for dim, r in ratios(chosen).items() if r is not None}
    dominant = max(known, key=lambda dim: (known[dim], WEIGHTS[dim])) if known else None
    found = []
    for type_id, value in strengths(chosen).items():
        signals = RAW["client_types"][type_id]["signals"]
        given = [ref for ref in signals if chosen[ref.split(".")[0]] == ref.split(".")[1]]
        if value < MIN_STRENGTH or not any(signals[ref] >= KEY for ref in given):
            continue
        explains = sum(points(*ref.split(".")).get(dominant, 0) for ref in given) if dominant else 0
        found.append(((-explains, -value, type_id), (type_id, value)))
    return [item for _, item in sorted(found)]


def shares(chosen: dict[str, str], weights: dict[str, int] = WEIGHTS) -> dict[str, Fraction]:
    """100 * sum(w(d)/W * (points/most(d) + points/10) / 2), most(d) and W over real answers only."""
    known = [dim for dim, r in ratios(chosen).items() if r is not None]
    total_weight = sum(weights[dim] for dim in known)
    out = {}
    for q in real(chosen):
        value = Fraction(0)
        for dim, got in points(q["id"], chosen[q["id"]]).items():
            denominator = sum(most(other, dim) for other in real(chosen) if dim in other["dimensions"])
            value += Fraction(weights[dim], total_weight) * (Fraction(got, denominator) + Fraction(got, 10)) / 2
        out[q["id"]] = 100 * value
    return out


def summary(chosen: dict[str, str]) -> str:
    """The English summary: warning signs, mild answers, answers, the 'not yet' note, why the band overrides the score.

    The floor sentence names the serious answers, in question order, only when the score alone would say healthy.
    """
    signs = warning_signs(chosen)
    mild = sum(1 for q in QUESTIONS if 0 < top(q["id"], chosen[q["id"]]) < WARNING)
    parts = [f"{signs} warning sign{'' if signs == 1 else 's'} found."]
    if mild:
        parts.append(
            "1 answer is worth keeping an eye on, but is no warning sign."
            if mild == 1
            else f"{mild} answers are worth keeping an eye on, but are no warning signs."
        )
    parts.append(f"{len(real(chosen)) - not_yet(chosen)} of {len(QUESTIONS)} questions answered.")
    if not_yet(chosen):
        count = not_yet(chosen)
        parts.append(
            f"{count} question{'' if count == 1 else 's'} cannot be answered until the work starts: "
            "the verdict rests on what you know so far."
        )
    floor = next(low for low, name in THRESHOLDS if name == "high-maintenance")
    if dealbreakers(chosen):
        parts.append("A dealbreaker decides the verdict, whatever the overall score.")
    elif band(chosen) == "high-maintenance" and overall(chosen) < floor:
        signs_text = " ".join(ANSWERS[qid][chosen[qid]]["sign"] for qid in severe(chosen))
        label = RAW["bands"]["high-maintenance"]["label"]
        parts.append(
            f"A serious warning sign keeps the verdict at “{label}” or above, whatever the overall score: {signs_text}"
        )
    return " ".join(parts)


SERVES = {"before": {"decline"}, "started": {"wind-down"}, "unknown": {"decline", "wind-down"}}
"""What a walk-away plan serves at each stage; every other band's plan serves carrying on."""


def serves(table: dict) -> set[str]:
    listed = set(table["serves"])
    return {"carry-on", "wind-down", "decline"} if "any" in listed else listed


def plan(chosen: dict[str, str], band_id: str) -> list[str]:
    given_refs = {f"{qid}.{aid}" for qid, aid in chosen.items()}
    at = stage(chosen)
    wanted = SERVES[at] if band_id == "walk-away" else {"carry-on"}
    steps = [
        (table["order"], step_id)
        for step_id, table in RAW["steps"].items()
        if (band_id in table.get("bands", []) or given_refs & set(table.get("answers", [])))
        and wanted & serves(table)
        and at in table.get("stages", [at])
        and not given_refs & set(table.get("unless", []))
    ]
    return [step_id for _, step_id in sorted(steps)]
