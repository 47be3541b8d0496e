"""The paper quiz: a worksheet and a hand-scoring sheet per language, printed from the engine.

``render_worksheet`` lists the questions with a box to tick per answer and no
points, and after every five questions the boxes of the answer code
(``quiz/answer_code.py``: the letters ticked and their check number), which
the quiz page reads back. ``render_scoring_sheet`` turns the ticks into the
engine's verdict by hand. Both read the question bank (``quiz/data/bank.toml``
through ``quiz.load_bank``), its catalogs and the constants of
``quiz/scoring.py``; nothing of the scoring is written here twice.

Why the scoring sheet looks the way it does: the engine's risk of one area is
``50 * points / most + 5 * highest`` and the score ``m * sum(w * risk) / sum(w)
+ (1 - m) * max(risk)``, rounded, against the band thresholds. The sheet
prints, per area, the first part for every total when nothing is struck out, and
the second part for every highest answer; a box with a "not sure" answer (its
question's "Out of" struck out) finds its first part in the ready reckoner
(``render_reckoner``: one block per answered "Out of" total, the same handout
for everyone, never written on), so no area needs a division. The scorer adds
the two parts, multiplies by the weight (1 to 3) and adds up. Instead of
the final formula, a table gives, for every highest risk, the weighted totals
of each verdict. Whole numbers put each risk within 0.5 of the engine's, so the
score is within 0.5 too: the table leaves a gap of that width around each band
line, and a total in a gap is sent to the quiz (the answer code) or an exact
recount. ``tests/pipeline/channels/test_paper_quiz.py`` applies this printed
procedure, read back from the HTML, to thousands of answer sets and compares it
with the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from html import escape

from babel.numbers import get_decimal_symbol

from pipeline.channels import paper_text as t
from quiz import answer_code
from quiz.model import MAX_POINTS, Answer, Bank, Question
from quiz.scoring import FLOOR_BAND, FLOOR_POINTS, MEAN_SHARE, percent

Gettext = Callable[[str], str]

WORKSHEET_PAGE = "paper-quiz.md"
SCORING_PAGE = "paper-scoring.md"
RECKONER_PAGE = "paper-reckoner.md"

MARGIN = Fraction(1, 2)
"""Largest gap between the sheet's score and the engine's: each risk is rounded to a whole number once."""


def letters(lang: str) -> str:
    """The worksheet's answer letters (the answer code's, ``quiz.answer_code.letters``)."""
    return answer_code.letters(lang)


def number(value: Fraction, lang: str) -> str:
    """``value`` as printed on the sheet, exactly (a terminating decimal), with the language's decimal sign."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format(exact.normalize(), "f").replace(".", get_decimal_symbol(lang))


def whole(value: Fraction) -> int:
    """Rounded to the nearest whole number, halves up (as the sheet tells the scorer to)."""
    return math.floor(value + Fraction(1, 2))


def unsure_limit(bank: Bank) -> int:
    """The fewest "not sure" answers that leave the confidence below the bank's minimum."""
    total = len(bank.questions)
    return next(u for u in range(total + 1) if percent((total - u) / total) < bank.min_confidence)


POOLED = Fraction(100, 2)
"""Risk of an area = 100 * (pooled + worst) / 2: the factor of points / out of ..."""
WORST = Fraction(100, 2 * MAX_POINTS)
"""... and of the highest points (worst = highest / MAX_POINTS)."""


def render_sheet(page: str, lang: str, ui: Gettext) -> str:
    """The sheet that follows the Markdown of ``page`` (``WORKSHEET_PAGE``, ``SCORING_PAGE`` or ``RECKONER_PAGE``)."""
    from quiz.i18n import has_catalog

    if not has_catalog(lang):
        from pipeline.errors import BuildError

        raise BuildError(f"no compiled quiz catalog for {lang!r}: compile_quiz_catalogs() must run first")
    renderers = {WORKSHEET_PAGE: render_worksheet, SCORING_PAGE: render_scoring_sheet, RECKONER_PAGE: render_reckoner}
    return renderers[page](lang, ui)


def render_worksheet(lang: str, ui: Gettext) -> str:
    """The worksheet: every question with a box to tick per answer, and the answer code's boxes; no points."""
    from quiz.ui_strings import UI_STRINGS

    bank, _ = _bank(lang)
    unsure = _(_unsure_text(bank))
    alphabet = letters(lang)
    most = max(len(q.answers) for q in bank.questions)
    key = ", ".join(f"{alphabet[i]} = {i + 1}" for i in range(most))
    example = [0, 1, 0, 0, 2]
    parts = [
        f'<div class="rf-paper rf-paper--worksheet" lang="{escape(lang)}">',
        '<p class="rf-paper__fields">'
        f'<span class="rf-paper__field">{escape(ui(t.CLIENT))} <span class="rf-paper__line"></span></span> '
        f'<span class="rf-paper__field">{escape(ui(t.DATE))} <span class="rf-paper__line"></span></span></p>',
        f'<p class="rf-paper__intro">{escape(ui(t.WORKSHEET_INTRO) % {"unsure": unsure})}</p>',
        _p(
            escape(
                ui(t.CODE_INTRO)
                % {
                    "key": key,
                    "letters": ", ".join(alphabet[i] for i in example),
                    "sum": " + ".join(str(i + 1) for i in example) + f" = {sum(example) + len(example)}",
                }
            ),
            "rf-paper__intro rf-paper__code-intro",
        ),
    ]
    spans = dict(answer_code.groups(bank))
    for num, question in enumerate(bank.questions, start=1):
        parts.append('<div class="rf-paper__question">')
        parts.append(
            f'<p class="rf-paper__qtext"><span class="rf-paper__num">{num}.</span> {escape(_(question.text))}</p>'
        )
        parts.append('<ul class="rf-paper__answers">')
        for letter, answer in zip(alphabet, question.answers, strict=False):
            parts.append(
                '<li><span class="rf-paper__tick" aria-hidden="true"></span>'
                f'<span class="rf-paper__letter">{letter}</span> {escape(_(answer.text))}</li>'
            )
        parts += ["</ul>", "</div>"]
        group_start = next((start for start, end in spans.items() if end == num), None)
        if group_start is not None:
            parts.append(_code_strip(ui, group_start, num))
    version = answer_code.version(bank)
    summary = _(UI_STRINGS["code_summary"])
    parts += [
        _p(
            _fill(
                ui(t.CODE_HOW),
                summary=escape(summary),
                version=f'<strong class="rf-paper__code-version">{version}</strong>',
            ),
            "rf-paper__code-how",
        ),
        _p(escape(ui(t.WORKSHEET_END))),
        "</div>",
    ]
    return "\n".join(parts) + "\n"


def _code_strip(ui: Gettext, start: int, end: int) -> str:
    boxes = "".join('<span class="rf-paper__box-cell"></span>' for _ in range(start, end + 1))
    return (
        f'<p class="rf-paper__code" data-start="{start}" data-end="{end}">'
        f'<span class="rf-paper__code-label">{escape(ui(t.CODE_GROUP) % {"start": start, "end": end})}</span> '
        f'<span class="rf-paper__code-boxes">{boxes}</span> '
        f'<span class="rf-paper__code-check">+ <span class="rf-paper__box-cell rf-paper__box-cell--wide"></span> '
        f"{escape(ui(t.CODE_CHECK))}</span></p>"
    )


def render_scoring_sheet(lang: str, ui: Gettext) -> str:
    """The hand-scoring sheet: dealbreakers, the "not sure" limit, area boxes and tables, the verdict table."""
    bank, _ = _bank(lang)
    unsure = _(_unsure_text(bank))
    walk_away, healthy = bank.bands[-1], bank.bands[0]
    qnum = {q.id: n for n, q in enumerate(bank.questions, start=1)}
    parts = [
        f'<div class="rf-paper" lang="{escape(lang)}">',
        _p(escape(ui(t.SCORING_INTRO))),
        f"<h2>{escape(ui(t.STEP_DEALBREAKERS))}</h2>",
        _p(_fill(ui(t.DEALBREAKERS_RULE), band=_band(_(walk_away.label)))),
        '<table class="rf-paper__table rf-paper__dealbreakers"><thead><tr>'
        f'<th scope="col">{escape(ui(t.DEALBREAKER))}</th><th scope="col">{escape(ui(t.SET_BY))}</th>'
        "</tr></thead><tbody>",
    ]
    for item in bank.dealbreakers:
        conditions = [(c.question, c.answers) for c in item.all_of] or [
            (q.id, tuple(a.id for a in q.answers if a.dealbreaker == item.id))
            for q in bank.questions
            if any(a.dealbreaker == item.id for a in q.answers)
        ]
        cells = f" {escape(ui(t.AND))} ".join(
            _condition(lang, ui, bank, qnum[qid], qid, answers) for qid, answers in conditions
        )
        parts.append(f'<tr><td class="rf-paper__dealbreaker">{escape(_(item.text))}</td><td>{cells}</td></tr>')
    parts += [
        "</tbody></table>",
        f"<h2>{escape(ui(t.STEP_UNSURE))}</h2>",
        _p(
            _fill(
                ui(t.UNSURE_RULE),
                unsure=escape(unsure),
                limit=f'<strong class="rf-paper__limit">{unsure_limit(bank)}</strong>',
                band=_band(_(bank.undecided.label)),
            )
        ),
        f"<h2>{escape(ui(t.STEP_POINTS))}</h2>",
        _p(_fill(ui(t.POINTS_RULE), unsure=f'<span class="rf-paper__unsure">{escape(unsure)}</span>')),
    ]
    parts += [_area_box(lang, ui, _, bank, dim.id, qnum) for dim in bank.dimensions]
    parts += _risk_steps(lang, ui, _, bank)
    parts.append(
        _p(
            _fill(
                ui(t.FLOOR_RULE),
                healthy=_band(_(healthy.label)),
                points=f'<strong class="rf-paper__floor-points">{FLOOR_POINTS}</strong>',
                floor=_band(_(bank.band(FLOOR_BAND).label), "rf-paper__floor-band"),
            ),
            "rf-paper__floor",
        )
    )
    parts += [_p(escape(ui(t.SCORING_END))), "</div>"]
    return "\n".join(parts) + "\n"


def _area_box(lang: str, ui: Gettext, _: Gettext, bank: Bank, dim_id: str, qnum: dict[str, int]) -> str:
    dim = bank.dimension(dim_id)
    questions = [q for q in bank.questions if dim_id in q.dimensions]
    label = _(dim.label)
    rows = []
    for question in questions:
        points = " ".join(
            _points(letter, a.points_for(dim_id)) for letter, a in _real_answers(lang, question) if a.points_for(dim_id)
        )
        rows.append(
            f'<tr><td class="rf-paper__qnum">{qnum[question.id]}</td><td>{points}</td>'
            f'<td class="rf-paper__write"></td><td class="rf-paper__outof">{question.max_points(dim_id)}</td></tr>'
        )
    foot = "".join(
        f'<tr><th scope="row" colspan="3">{escape(ui(text))}</th><td class="rf-paper__write"></td></tr>'
        for text in (t.TOTAL_POINTS, t.BIGGEST)
    )
    full = sum(q.max_points(dim_id) for q in questions)
    foot += (
        f'<tr><th scope="row" colspan="3">{escape(ui(t.OUT_OF_TOTAL))}</th>'
        f'<td class="rf-paper__outof-total">{full}</td></tr>'
        f'<tr><th scope="row" colspan="3">{escape(ui(t.TOTAL_OUT_OF))}</th><td class="rf-paper__write"></td></tr>'
    )
    return "\n".join(
        [
            f'<section class="rf-paper__area" data-area="{escape(dim_id)}">',
            f'<h3><span class="rf-paper__area-label">{escape(label)}</span> '
            f'<span class="rf-paper__weight">({escape(ui(t.WEIGHT) % {"weight": dim.weight})})</span></h3>',
            '<table class="rf-paper__table rf-paper__box"><thead><tr>'
            + "".join(
                f'<th scope="col">{escape(ui(h))}</th>' for h in (t.QUESTION, t.POINTS_PER_ANSWER, t.POINTS, t.OUT_OF)
            )
            + "</tr></thead><tbody>",
            *rows,
            f"</tbody><tfoot>{foot}</tfoot></table>",
            _risk_table(ui, label, sum(q.max_points(dim_id) for q in questions)),
            "</section>",
        ]
    )


def _risk_table(ui: Gettext, label: str, total: int) -> str:
    """The first part of the risk, ``whole(POOLED * P / total)`` for P = 0 .. total, ten to a row."""
    caption = ui(t.RISK_TABLE) % {"area": label}
    head = "".join(f'<th scope="col">{units}</th>' for units in range(10))
    rows = []
    for tens in range(0, total + 1, 10):
        cells = "".join(
            f"<td>{whole(POOLED * p / total)}</td>" if p <= total else "<td></td>" for p in range(tens, tens + 10)
        )
        rows.append(f'<tr><th scope="row">{tens}</th>{cells}</tr>')
    # A phone may be too narrow for eleven columns: the wrapper scrolls, and can be focused to do so.
    return (
        f'<div class="rf-paper__scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f'<table class="rf-paper__table rf-paper__risk"><caption>{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(ui(t.RISK_TABLE_CORNER))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def reckoner_totals(bank: Bank) -> range:
    """The answered "Out of" totals of the ready reckoner: the smallest a box can keep, up to the largest box.

    A box keeps at least one question, and at most ``unsure_limit - 1`` of its questions
    are struck out (with more "not sure" answers step 2 stops), so its smallest answered
    total is the sum of its smallest "Out of" numbers that must remain.
    """
    struck_at_most = unsure_limit(bank) - 1
    smallest, largest = [], []
    for dim in bank.dimensions:
        outs = sorted(q.max_points(dim.id) for q in bank.questions if dim.id in q.dimensions)
        largest.append(sum(outs))
        if len(outs) > 1:  # a box of one question is either answered whole or does not count
            smallest.append(sum(outs[: max(1, len(outs) - struck_at_most)]))
    return range(min(smallest), max(largest) + 1)


RECKONER_EXAMPLE = (37, 57)
"""The worked example of the reckoner's introduction: points, "Out of" total."""


def render_reckoner(lang: str, ui: Gettext) -> str:
    """The ready reckoner: ``whole(POOLED * P / total)`` for every answered total and every P = 0 .. total.

    One small table per total (its corner: the total, in bold; rows: the tens of P; columns:
    the units), as the per-area tables are read. The same for every participant: a handout
    that is printed once per table and never written on.
    """
    bank, _ = _bank(lang)
    points, total = RECKONER_EXAMPLE
    example = {
        "pooled": f'<strong class="rf-paper__pooled">{number(POOLED, lang)}</strong>',
        "points": str(points),
        "total": str(total),
        "tens": str(points - points % 10),
        "units": str(points % 10),
        "value": str(whole(POOLED * points / total)),
    }
    units = "".join(f'<th scope="col">{unit}</th>' for unit in range(10))
    blocks = []
    for out_of in reckoner_totals(bank):
        rows = "".join(
            f'<tr><th scope="row">{tens}</th>'
            + "".join(
                f"<td>{whole(POOLED * p / out_of)}</td>" if p <= out_of else "<td></td>" for p in range(tens, tens + 10)
            )
            + "</tr>"
            for tens in range(0, out_of + 1, 10)
        )
        label = ui(t.RECKONER_BLOCK) % {"total": out_of}
        blocks.append(
            f'<table class="rf-paper__table rf-paper__reckon" aria-label="{escape(label)}">'
            f'<thead><tr><th scope="col" class="rf-paper__reckon-total">{out_of}</th>{units}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return "\n".join(
        [
            f'<div class="rf-paper rf-paper--reckoner" lang="{escape(lang)}">',
            _p(_fill(ui(t.RECKONER_INTRO), **example)),
            _p(escape(ui(t.RECKONER_REUSE))),
            f'<div class="rf-paper__reckoner">{"".join(blocks)}</div>',
            *_partial_section(ui, bank, *(_(band.label) for band in bank.bands[:3])),
            "</div>",
        ]
    ) + "\n"


def verdict_rows(bank: Bank) -> list[tuple[int, int | None, tuple[int, int] | None, int | None]]:
    """Per highest risk T = 0..100: (T, healthy up to, proceed-with-care range, walk away from), every area counted.

    Weighted totals in a gap between the columns are within ``MARGIN`` of a band line.
    """
    mean = Fraction(str(MEAN_SHARE))
    weights = sum(dim.weight for dim in bank.dimensions)
    low, high = (Fraction(band.min_score) - Fraction(1, 2) for band in bank.bands[1:3])

    def first_at_least(line: Fraction, top: int) -> int:
        """Smallest whole weighted total whose score is at least ``line`` (score = mean * A / W + (1 - mean) * T)."""
        return max(0, math.ceil((line - (1 - mean) * top) * weights / mean))

    rows = []
    for top in range(101):
        healthy_to = first_at_least(low - MARGIN, top) - 1 if first_at_least(low - MARGIN, top) > 0 else None
        # strictly below (low - MARGIN) means: weighted total <= first_at_least(low - MARGIN) - 1
        care_from = first_at_least(low + MARGIN, top)
        care_to = first_at_least(high - MARGIN, top) - 1
        walk_from = first_at_least(high + MARGIN, top)
        most = weights * top  # no area's risk is above the highest
        care = (care_from, min(care_to, most)) if care_from <= min(care_to, most) else None
        rows.append((top, healthy_to, care, walk_from if walk_from <= most else None))
    return rows


def partial_factors() -> tuple[int, int, int]:
    """(times, per weight, scale): the whole numbers of step 6 when an area does not count.

    With the mean's share ``MEAN_SHARE`` = p / q, the sheet's score ``p/q * A / W' + (1 - p/q) * T``
    (A the weighted total, W' the weights of the areas that count, T the highest risk) times
    ``q * W'`` is ``p * A + (q - p) * W' * T``: a whole number, made of a product by ``times``
    = p, a look-up of ``per weight * W' * T`` and one addition, compared with ``scale * W'``
    times each band line. No division, and the same score, so the same 0.5 margin.
    """
    share = Fraction(str(MEAN_SHARE))
    return share.numerator, share.denominator - share.numerator, share.denominator


def weights_left(bank: Bank) -> range:
    """The sums of the weights of the areas that count that step 6 can meet when some area does not count.

    An area does not count when all its questions are "not sure"; with fewer "not sure"
    answers than ``unsure_limit``, every set of such areas is tried (an area whose questions
    are all among the struck ones drops too). The range runs from the smallest sum up to
    all the weights but the lightest area's, so no sum in between is missing on paper.
    """
    from itertools import combinations

    struck_at_most = unsure_limit(bank) - 1
    questions = {dim.id: {q.id for q in bank.questions if dim.id in q.dimensions} for dim in bank.dimensions}
    sums = set()
    for size in range(1, len(bank.dimensions)):
        for dropped in combinations(bank.dimensions, size):
            unsure = set().union(*(questions[dim.id] for dim in dropped))
            counted = [dim.weight for dim in bank.dimensions if not questions[dim.id] <= unsure]
            if len(unsure) <= struck_at_most and counted:
                sums.add(sum(counted))
    lightest = min(dim.weight for dim in bank.dimensions)
    return range(min(sums), sum(dim.weight for dim in bank.dimensions) - lightest + 1)


def partial_verdicts(bank: Bank) -> list[tuple[int, int, tuple[int, int], int]]:
    """Per sum of weights W': (W', healthy up to, proceed-with-care range, walk away from) for the step-6 result.

    The result is ``scale * W'`` times the sheet's score; results from ``scale * W' * MARGIN``
    below a band line up to that far above it (not included) are left out: too close to
    call, as in the verdict table.
    """
    _, _, scale = partial_factors()
    low, high = (Fraction(band.min_score) - Fraction(1, 2) for band in bank.bands[1:3])
    rows = []
    for left in weights_left(bank):
        lines = [scale * left * line for line in (low - MARGIN, low + MARGIN, high - MARGIN, high + MARGIN)]
        assert all(line.denominator == 1 for line in lines), lines  # band lines at halves, a margin of a half
        a, b, c, d = (int(line) for line in lines)
        # as in the verdict table: a score from a line minus the margin up to (not including) the line plus it
        rows.append((left, a - 1, (b, c - 1), d))
    return rows


def _partial_section(ui: Gettext, bank: Bank, healthy: str, care: str, walk: str) -> list[str]:
    """The reckoner's step 6 when an area does not count: the number to add, then the verdict, per sum of weights."""
    times, per_weight, _ = partial_factors()
    lefts = list(weights_left(bank))
    columns = "".join(f'<th scope="col">{left}</th>' for left in lefts)
    head = (
        f'<thead><tr><th scope="col" rowspan="2">{escape(ui(t.HIGHEST_RISK_SHORT))}</th>'
        f'<th scope="colgroup" colspan="{len(lefts)}">{escape(ui(t.WEIGHTS_LEFT))}</th></tr>'
        f"<tr>{columns}</tr></thead>"
    )
    # a sheet's score is at most its highest risk: below the first close call, every row would say "healthy"
    low = Fraction(bank.bands[1].min_score) - Fraction(1, 2)
    lowest = math.ceil(low - MARGIN)
    tops = list(range(lowest, 101))
    half = (len(tops) + 1) // 2
    tables = []
    for chunk in (tops[:half], tops[half:]):
        body = "".join(
            f'<tr><th scope="row">{top}</th>'
            + "".join(f"<td>{per_weight * left * top}</td>" for left in lefts)
            + "</tr>"
            for top in chunk
        )
        tables.append(f'<table class="rf-paper__table rf-paper__partial">{head}<tbody>{body}</tbody></table>')
    verdicts = "".join(
        f'<tr><th scope="row">{left}</th><td>{escape(ui(t.UP_TO) % {"value": h})}</td>'
        f"<td>{c[0]}–{c[1]}</td><td>{escape(ui(t.OR_MORE) % {'value': w})}</td></tr>"
        for left, h, c, w in partial_verdicts(bank)
    )
    label = escape(ui(t.PARTIAL_TABLE))
    return [
        '<section class="rf-paper__partial-step">',
        f"<h2>{escape(ui(t.PARTIAL_HEADING))}</h2>",
        _p(
            _fill(
                ui(t.PARTIAL_RULE),
                lowest=f'<strong class="rf-paper__partial-from">{lowest}</strong>',
                healthy=_band(healthy),
                times=f'<strong class="rf-paper__times">{times}</strong>',
            )
        ),
        f'<div class="rf-paper__scroll rf-paper__partial-tables" role="region" tabindex="0" aria-label="{label}">'
        f"{''.join(tables)}</div>",
        '<div class="rf-paper__scroll" role="region" tabindex="0" '
        f'aria-label="{escape(ui(t.PARTIAL_VERDICTS))}">'
        '<table class="rf-paper__table rf-paper__partial-verdicts">'
        f"<caption>{escape(ui(t.PARTIAL_VERDICTS))}</caption>"
        f'<thead><tr><th scope="col">{escape(ui(t.WEIGHTS_LEFT))}</th>'
        + "".join(f'<th scope="col">{_band(label)}</th>' for label in (healthy, care, walk))
        + f"</tr></thead><tbody>{verdicts}</tbody></table></div>",
        "</section>",
    ]


def _risk_steps(lang: str, ui: Gettext, _: Gettext, bank: Bank) -> list[str]:
    mean = Fraction(str(MEAN_SHARE))
    second = "".join(f"<td>{whole(WORST * h)}</td>" for h in range(MAX_POINTS + 1))
    head = "".join(f'<th scope="col">{h}</th>' for h in range(MAX_POINTS + 1))
    rows = ""
    for weight in sorted({dim.weight for dim in bank.dimensions}, reverse=True):
        rows += "".join(
            f'<tr><th scope="row">{escape(_(dim.label))}</th><td class="rf-paper__weight-cell">{dim.weight}</td>'
            '<td class="rf-paper__write"></td></tr>'
            for dim in bank.dimensions
            if dim.weight == weight
        )
        rows += (
            f'<tr class="rf-paper__group" data-weight="{weight}"><th scope="row" colspan="2">'
            f"{escape(ui(t.GROUP_SUM) % {'weight': weight})}</th><td class=\"rf-paper__write\"></td></tr>"
        )
    healthy, care, walk = (_(band.label) for band in bank.bands[:3])
    weights = sum(dim.weight for dim in bank.dimensions)
    times, _per_weight, _scale = partial_factors()
    verdict_tables = []
    table_rows = verdict_rows(bank)
    for chunk in (table_rows[:34], table_rows[34:68], table_rows[68:]):
        body = "".join(
            f'<tr><th scope="row">{top}</th>'
            f"<td>{escape(ui(t.UP_TO) % {'value': h}) if h is not None else '—'}</td>"
            f"<td>{f'{c[0]}–{c[1]}' if c else '—'}</td>"
            f"<td>{escape(ui(t.OR_MORE) % {'value': w}) if w is not None else '—'}</td></tr>"
            for top, h, c, w in chunk
        )
        verdict_tables.append(
            '<table class="rf-paper__table rf-paper__verdicts"><thead><tr>'
            f'<th scope="col">{escape(ui(t.HIGHEST_RISK_SHORT))}</th>'
            + "".join(f'<th scope="col">{_band(label)}</th>' for label in (healthy, care, walk))
            + f"</tr></thead><tbody>{body}</tbody></table>"
        )
    return [
        f"<h2>{escape(ui(t.STEP_RISK))}</h2>",
        _p(escape(ui(t.RISK_RULE))),
        '<div class="rf-paper__scroll" role="region" tabindex="0" '
        f'aria-label="{escape(ui(t.SECOND_PART))}">'
        f'<table class="rf-paper__table rf-paper__second"><caption>{escape(ui(t.SECOND_PART))}</caption>'
        f'<thead><tr><th scope="row">{escape(ui(t.BIGGEST_HEADER))}</th>{head}</tr></thead>'
        f'<tbody><tr><th scope="row">{escape(ui(t.ADD))}</th>{second}</tr></tbody></table></div>',
        f"<h2>{escape(ui(t.STEP_SCORE))}</h2>",
        _p(escape(ui(t.SCORE_RULE))),
        '<table class="rf-paper__table rf-paper__summary"><thead><tr>'
        + "".join(
            f'<th scope="col">{escape(ui(h))}</th>' for h in (t.AREA, t.WEIGHT_HEADER, t.RISK)
        )
        + f"</tr></thead><tbody>{rows}</tbody><tfoot>"
        f'<tr><th scope="row" colspan="2">{escape(ui(t.WEIGHTED_TOTAL))}</th><td class="rf-paper__write"></td></tr>'
        f'<tr><th scope="row" colspan="2">{escape(ui(t.HIGHEST_RISK))}</th><td class="rf-paper__write"></td></tr>'
        "</tfoot></table>",
        f"<h2>{escape(ui(t.STEP_VERDICT))}</h2>",
        _p(escape(ui(t.VERDICT_RULE))),
        # A phone may be too narrow for three tables with long band names: the wrapper scrolls.
        f'<div class="rf-paper__scroll rf-paper__verdict-tables" role="region" tabindex="0" '
        f'aria-label="{escape(ui(t.STEP_VERDICT))}">{"".join(verdict_tables)}</div>',
        _p(
            _fill(
                ui(t.VERDICT_NOT_ALL),
                all=f'<strong class="rf-paper__weights-all">{weights}</strong>',
                times=f'<strong class="rf-paper__times">{times}</strong>',
                section=escape(ui(t.PARTIAL_HEADING)),
            ),
            "rf-paper__not-all",
        ),
        _p(
            _fill(
                ui(t.RECOUNT_RULE),
                mean=f'<strong class="rf-paper__mean">{number(mean, lang)}</strong>',
                top=f'<strong class="rf-paper__top">{number(1 - mean, lang)}</strong>',
                care=f'<strong class="rf-paper__care-from">{bank.bands[1].min_score}</strong>',
                care_to=f'<strong class="rf-paper__care-to">{bank.bands[2].min_score - 1}</strong>',
                walk=f'<strong class="rf-paper__walk-from">{bank.bands[2].min_score}</strong>',
                healthy_band=_band(healthy),
                care_band=_band(care),
                walk_band=_band(walk),
            ),
            "rf-paper__recount",
        ),
    ]


def _condition(lang: str, ui: Gettext, bank: Bank, num: int, qid: str, answer_ids: tuple[str, ...]) -> str:
    question = bank.question(qid)
    assert question is not None  # the bank validated every reference
    by_id = {answer.id: letter for letter, answer in zip(letters(lang), question.answers, strict=False)}
    chosen = [f'<strong class="rf-paper__letter">{by_id[a]}</strong>' for a in answer_ids]
    joined = chosen[0] if len(chosen) == 1 else ", ".join(chosen[:-1]) + f" {escape(ui(t.OR))} {chosen[-1]}"
    text = _fill(ui(t.QUESTION_ANSWERS), number=f'<strong class="rf-paper__qref">{num}</strong>', letters=joined)
    return f'<span class="rf-paper__cond">{text}</span>'


def _points(letter: str, points: int) -> str:
    """One answer's points on the area, ★ when it is serious (the floor rule)."""
    severe = points >= FLOOR_POINTS
    mark = "★" if severe else ""
    css = "rf-paper__pt rf-paper__pt--severe" if severe else "rf-paper__pt"
    return f'<span class="{css}">{letter}&#160;{points}{mark}</span>'


def _real_answers(lang: str, question: Question) -> list[tuple[str, Answer]]:
    return [(letter, a) for letter, a in zip(letters(lang), question.answers, strict=False) if not a.is_unsure]


def _unsure_text(bank: Bank) -> str:
    return next(a.text for q in bank.questions for a in q.answers if a.is_unsure)


def _bank(lang: str) -> tuple[Bank, Gettext]:
    from quiz.i18n import translations
    from quiz.resources import load_bank

    bank = load_bank()
    if any(len(q.answers) > len(letters(lang)) for q in bank.questions):
        raise ValueError("a question has more answers than the paper quiz has letters")
    return bank, translations(lang).gettext


def _fill(template: str, **values: str) -> str:
    """``template`` (plain text from a catalog) escaped, with ``values`` (already HTML) put in."""
    return escape(template, quote=False) % values


def _band(label: str, css: str = "rf-paper__band") -> str:
    return f'<strong class="{css}">{escape(label)}</strong>'


def _p(html: str, css: str | None = None) -> str:
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{html}</p>"
