"""How much pencil work one paper worksheet takes to score: the old scoring sheet against today's.

    .venv/bin/python bench/bench_paper_scoring.py [--sets 2000] [--lang en]

Counts, per scored worksheet (those that reach the points: no dealbreaker, under the
"not sure" limit), over the seeded answer sets of the procedure test:

- entries: numbers written on the sheet (points copied, totals, risks, products, results);
- look-ups: a value found in a printed table (the ready reckoner's counted apart);
- arithmetic: one addition, subtraction, multiplication or division of two numbers.

Today's sheet is counted by carrying out its printed procedure (the ready reckoner
included), read back from the rendered HTML (``tests/pipeline/channels/paper_sheet.py``,
the same code as the test that compares it with the engine). The previous sheet (commit d851d23: nine boxes with
every question's points written, P, M and H per box, a risk table to two decimals,
"+ 5 x H", weight x risk, then 0.6 x A / B + 0.4 x T) is counted by a model of its
printed steps, below. Also printed: how often each sheet needs its close-call recount,
and a time estimate at stated seconds per operation (an estimate, not a stopwatch).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "pipeline" / "channels")]

SECONDS = {
    "entries": 3,
    "lookups": 5,
    "reckoner_lookups": 8,
    "additions": 3,
    "decimal additions": 6,
    "multiplications": 5,
    "decimal multiplications": 15,
    "divisions": 40,
}
"""Assumed seconds per operation: whole-number sums and one-digit products are mental arithmetic,
two-decimal products and long division are pencil work. A look-up in the ready reckoner (a block
among 83 on another sheet, then row and column) is priced at 8 s, the slow end of a table look-up.
An estimate to compare the sheets, not a stopwatch."""


def old_sheet(bank, answers) -> dict[str, int] | None:  # type: ignore[no-untyped-def]
    """The previous sheet's operations for one answer set, ``None`` when it stops at step 1 or 2."""
    from pipeline.channels.paper_quiz import unsure_limit
    from quiz.scoring import check_answers, find_dealbreakers

    chosen = check_answers(bank, answers)
    unsure = sum(1 for answer in chosen.values() if answer.is_unsure)
    if find_dealbreakers(bank, chosen) or unsure >= unsure_limit(bank):
        return None
    ops = dict.fromkeys(SECONDS, 0)
    counted = 0
    for dim in bank.dimensions:
        rows = [q for q in bank.questions if dim.id in q.dimensions and not chosen[q.id].is_unsure]
        struck = any(chosen[q.id].is_unsure for q in bank.questions if dim.id in q.dimensions)
        ops["entries"] += len(rows) + 3  # every question's points (zeros too), then P, M and H
        ops["additions"] += 2 * max(0, len(rows) - 1)  # P and M added up
        if not rows:
            continue
        counted += 1
        if struck:  # 50 x P / M to two decimals
            ops["multiplications"] += 1
            ops["divisions"] += 1
        else:
            ops["lookups"] += 1
        ops["multiplications"] += 1  # 5 x H
        ops["decimal additions"] += 1  # + 5 x H
        ops["entries"] += 1  # the risk, in step 5
    ops["decimal multiplications"] += counted  # weight x risk (a two-decimal risk)
    ops["decimal additions"] += counted - 1  # A
    ops["entries"] += counted + 4  # products, A, B, T, the score
    ops["decimal multiplications"] += 2  # 0.6 x and 0.4 x
    ops["divisions"] += 1  # / B
    ops["decimal additions"] += 1  # the final +
    ops["lookups"] += 1  # the verdict row
    return ops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", type=int, default=2000)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()

    from paper_sheet import Reckoner, ScoringSheet, Worksheet
    from test_paper_quiz import answer_sets, sheets

    from pipeline.quiz_runtime.catalogs import compile_quiz_catalogs
    from quiz import i18n
    from quiz.resources import load_bank

    compile_quiz_catalogs(ROOT)
    i18n.translations.cache_clear()
    bank = load_bank()
    tr = i18n.translations(args.lang)
    worksheet_html, scoring_html, reckoner_html = sheets(args.lang)
    worksheet, sheet = Worksheet(worksheet_html), ScoringSheet(scoring_html, Reckoner(reckoner_html))
    new: list[dict[str, int]] = []
    old: list[dict[str, int]] = []
    few_unsure: list[bool] = []
    recounts = 0
    for answers in answer_sets(bank, args.sets, seed=20261202):
        ticks = {
            num: worksheet.letter_of(num, tr.gettext(q.answer(answers[q.id]).text))
            for num, q in enumerate(bank.questions, start=1)
        }
        before, before_recounts = vars(sheet.ops).copy(), sheet.recounts
        sheet.score(worksheet, ticks)
        after = vars(sheet.ops)
        if after == before:
            continue  # stopped at a dealbreaker or at the "not sure" limit
        new.append({key: after[key] - before[key] for key in after})
        recounts += sheet.recounts - before_recounts
        counted = old_sheet(bank, answers)
        assert counted is not None
        old.append(counted)
        few_unsure.append(sum(value == "unsure" for value in answers.values()) <= 2)
    print(f"{len(new)} of {args.sets} answer sets reach the points ({args.lang}); new sheet close calls: {recounts}")
    partial = sum(sheet.not_counting.values())
    by_weights = ", ".join(f"{w}: {n}" for w, n in sorted(sheet.not_counting.items(), reverse=True))
    print(f"an area does not count in {partial} of them ({partial / len(new):.1%}; by the weights left: {by_weights})")
    for name, rows in (("previous sheet", old), ("new sheet", new)):
        print(f"\n{name}: median [90th percentile] per worksheet")
        for key in SECONDS:
            values = sorted(row.get(key, 0) for row in rows)
            if any(values):
                name = key.replace("_", " ")
                print(f"  {name:<24} {statistics.median(values):>5.0f} [{values[int(len(values) * 0.9)]}]")
        _estimate("  estimate", rows)
    _estimate("\nnew sheet, at most two “not sure” answers", [r for r, few in zip(new, few_unsure, strict=True) if few])


def _estimate(label: str, rows: list[dict[str, int]]) -> None:
    seconds = sorted(sum(row.get(key, 0) * SECONDS[key] for key in SECONDS) for row in rows)
    median, p90 = statistics.median(seconds) / 60, seconds[int(len(seconds) * 0.9)] / 60
    print(f"{label} ({len(rows)} sheets): {median:.1f} min [{p90:.1f}]")


if __name__ == "__main__":
    main()
