"""The paper quiz: a worksheet and a hand-scoring sheet per language, printed from the engine.

``render_worksheet`` lists the questions with a box to tick per answer and no
points. ``render_scoring_sheet`` turns the ticks into the engine's verdict by
hand. Both read the question bank (``quiz/data/bank.toml`` through
``quiz.load_bank``), its catalogs and the constants of ``quiz/scoring.py``;
nothing of the scoring is written here twice.

Why the sheet looks the way it does: the engine's risk of one area is
``100 * (pooled + worst) / 2`` with ``pooled`` = points / the most those answered
questions could give. With "not sure" answers the divisor changes, so a table
per divisor would run to thousands of cells. The sheet therefore prints, per
area, the risk for every total when nothing is struck out (the common case: no
division at all), and the plain formula otherwise. Table values are rounded to
two decimals; the error this adds to the score is under 0.01, so the sheet
asks for an exact recount only when the score lies within ``CLOSE_CALL`` of a
band boundary. ``tests/pipeline/test_paper_quiz.py`` applies this printed
procedure, read back from the HTML, to thousands of answer sets and compares it
with the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from html import escape

from babel.numbers import get_decimal_symbol

from pipeline.channels import paper_text as t
from quiz.model import MAX_POINTS, Answer, Bank, Question
from quiz.scoring import FLOOR_BAND, FLOOR_POINTS, MEAN_SHARE, percent

Gettext = Callable[[str], str]

WORKSHEET_PAGE = "paper-quiz.md"
SCORING_PAGE = "paper-scoring.md"

LETTERS = {"ru": "АБВГДЕЖЗИК"}
"""Answer letters per language (Cyrillic in Russian, as Russian tests number their answers); default A, B, C..."""

CLOSE_CALL = Decimal("0.05")
"""How close to a band boundary the rounded sheet asks for an exact recount (its own error is below 0.01)."""

def letters(lang: str) -> str:
    return LETTERS.get(lang, "ABCDEFGHIJ")


def number(value: Fraction | Decimal | int, lang: str, places: int | None = None) -> str:
    """``value`` as printed on the sheet: ``places`` decimals rounded half up, the language's decimal sign."""
    exact = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else Decimal(value)
    if places is not None:
        exact = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(exact.normalize(), "f") if places is None else format(exact, "f")
    return text.replace(".", get_decimal_symbol(lang))


def unsure_limit(bank: Bank) -> int:
    """The fewest "not sure" answers that leave the confidence below the bank's minimum."""
    total = len(bank.questions)
    return next(u for u in range(total + 1) if percent((total - u) / total) < bank.min_confidence)


POOLED = Fraction(100, 2)
"""Risk of an area = 100 * (pooled + worst) / 2: the factor of points / out of ..."""
WORST = Fraction(100, 2 * MAX_POINTS)
"""... and of the highest points (worst = highest / MAX_POINTS)."""


def render_sheet(page: str, lang: str, ui: Gettext) -> str:
    """The sheet that follows the Markdown of ``page`` (``WORKSHEET_PAGE`` or ``SCORING_PAGE``)."""
    from quiz.i18n import has_catalog

    if not has_catalog(lang):
        from pipeline.errors import BuildError

        raise BuildError(f"no compiled quiz catalog for {lang!r}: compile_quiz_catalogs() must run first")
    return render_worksheet(lang, ui) if page == WORKSHEET_PAGE else render_scoring_sheet(lang, ui)


def render_worksheet(lang: str, ui: Gettext) -> str:
    """The worksheet: every question and its answers with a box to tick; no points, no areas."""
    bank, _ = _bank(lang)
    unsure = _(_unsure_text(bank))
    parts = [
        f'<div class="rf-paper rf-paper--worksheet" lang="{escape(lang)}">',
        '<p class="rf-paper__fields">'
        f'<span class="rf-paper__field">{escape(ui(t.CLIENT))} <span class="rf-paper__line"></span></span> '
        f'<span class="rf-paper__field">{escape(ui(t.DATE))} <span class="rf-paper__line"></span></span></p>',
        f'<p class="rf-paper__intro">{escape(ui(t.WORKSHEET_INTRO) % {"unsure": unsure})}</p>',
    ]
    for num, question in enumerate(bank.questions, start=1):
        parts.append('<div class="rf-paper__question">')
        parts.append(
            f'<p class="rf-paper__qtext"><span class="rf-paper__num">{num}.</span> {escape(_(question.text))}</p>'
        )
        parts.append('<ul class="rf-paper__answers">')
        for letter, answer in zip(letters(lang), question.answers, strict=False):
            parts.append(
                '<li><span class="rf-paper__tick" aria-hidden="true"></span>'
                f'<span class="rf-paper__letter">{letter}</span> {escape(_(answer.text))}</li>'
            )
        parts += ["</ul>", "</div>"]
    parts += [f'<p class="rf-paper__end">{escape(ui(t.WORKSHEET_END))}</p>', "</div>"]
    return "\n".join(parts) + "\n"


def render_scoring_sheet(lang: str, ui: Gettext) -> str:
    """The hand-scoring sheet: dealbreakers, the "not sure" limit, the area boxes and tables, the band rule."""
    bank, _ = _bank(lang)
    unsure = _(_unsure_text(bank))
    walk_away, healthy = bank.bands[-1], bank.bands[0]
    qnum = {q.id: n for n, q in enumerate(bank.questions, start=1)}
    parts = [
        f'<div class="rf-paper rf-paper--scoring" lang="{escape(lang)}">',
        _p(escape(ui(t.SCORING_INTRO)), "rf-paper__intro"),
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
    parts += _score_steps(lang, ui, _, bank)
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
    parts += [_p(escape(ui(t.SCORING_END)), "rf-paper__end"), "</div>"]
    return "\n".join(parts) + "\n"


def _area_box(lang: str, ui: Gettext, _: Gettext, bank: Bank, dim_id: str, qnum: dict[str, int]) -> str:
    dim = bank.dimension(dim_id)
    questions = [q for q in bank.questions if dim_id in q.dimensions]
    label = _(dim.label)
    rows = []
    for question in questions:
        points = " ".join(_points(letter, a.points_for(dim_id)) for letter, a in _real_answers(lang, question))
        rows.append(
            f'<tr><td class="rf-paper__qnum">{qnum[question.id]}</td><td class="rf-paper__pts">{points}</td>'
            f'<td class="rf-paper__write"></td><td class="rf-paper__outof">{question.max_points(dim_id)}</td></tr>'
        )
    foot = "".join(
        f'<tr><th scope="row" colspan="3">{escape(ui(text))}</th><td class="rf-paper__write"></td></tr>'
        for text in (t.TOTAL_POINTS, t.TOTAL_OUT_OF, t.HIGHEST)
    )
    return "\n".join(
        [
            '<section class="rf-paper__area">',
            f'<h3><span class="rf-paper__area-label">{escape(label)}</span> '
            f'<span class="rf-paper__weight">({escape(ui(t.WEIGHT) % {"weight": dim.weight})})</span></h3>',
            '<table class="rf-paper__table rf-paper__box"><thead><tr>'
            + "".join(
                f'<th scope="col">{escape(ui(h))}</th>' for h in (t.QUESTION, t.POINTS_PER_ANSWER, t.POINTS, t.OUT_OF)
            )
            + "</tr></thead><tbody>",
            *rows,
            f"</tbody><tfoot>{foot}</tfoot></table>",
            _risk_table(lang, ui, label, sum(q.max_points(dim_id) for q in questions)),
            "</section>",
        ]
    )


def _risk_table(lang: str, ui: Gettext, label: str, total: int) -> str:
    """``POOLED * P / total`` for P = 0 .. total, ten to a row."""
    caption = ui(t.RISK_TABLE) % {"area": label, "pooled": number(POOLED, lang), "total": total}
    head = "".join(f'<th scope="col">{units}</th>' for units in range(10))
    rows = []
    for tens in range(0, total + 1, 10):
        cells = "".join(
            f"<td>{number(POOLED * p / total, lang, 2)}</td>" if p <= total else "<td></td>"
            for p in range(tens, tens + 10)
        )
        rows.append(f'<tr><th scope="row">{tens}</th>{cells}</tr>')
    # A phone may be too narrow for eleven columns: the wrapper scrolls, and can be focused to do so.
    return (
        f'<div class="rf-paper__scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f'<table class="rf-paper__table rf-paper__risk"><caption>{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(ui(t.RISK_TABLE_CORNER))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _score_steps(lang: str, ui: Gettext, _: Gettext, bank: Bank) -> list[str]:
    mean = Decimal(str(MEAN_SHARE))
    lines = [number(Decimal(b.min_score) - Decimal("0.5"), lang) for b in bank.bands[1:]]
    rows = "".join(
        f'<tr><th scope="row">{escape(_(dim.label))}</th><td class="rf-paper__weight-cell">{dim.weight}</td>'
        '<td class="rf-paper__write"></td><td class="rf-paper__write"></td></tr>'
        for dim in bank.dimensions
    )
    ranges = []
    for index, band in enumerate(bank.bands):
        upper = bank.bands[index + 1].min_score - 1 if index + 1 < len(bank.bands) else 100
        ranges.append(
            f'<tr><td class="rf-paper__range">{band.min_score}–{upper}</td><td>{_band(_(band.label))}</td></tr>'
        )
    return [
        f"<h2>{escape(ui(t.STEP_RISK))}</h2>",
        _p(
            _fill(
                ui(t.RISK_RULE),
                pooled=f'<strong class="rf-paper__pooled">{number(POOLED, lang)}</strong>',
                worst=f'<strong class="rf-paper__worst">{number(WORST, lang)}</strong>',
            )
        ),
        f"<h2>{escape(ui(t.STEP_SCORE))}</h2>",
        '<table class="rf-paper__table rf-paper__summary"><thead><tr>'
        + "".join(
            f'<th scope="col">{escape(ui(h))}</th>' for h in (t.AREA, t.WEIGHT_HEADER, t.RISK, t.WEIGHT_TIMES_RISK)
        )
        + f"</tr></thead><tbody>{rows}</tbody><tfoot>"
        f'<tr><th scope="row" colspan="3">{escape(ui(t.SUM_A))}</th><td class="rf-paper__write"></td></tr>'
        f'<tr><th scope="row" colspan="3">{escape(ui(t.SUM_B))}</th><td class="rf-paper__write"></td></tr>'
        "</tfoot></table>",
        _p(
            _fill(
                ui(t.SCORE_RULE),
                all=str(sum(dim.weight for dim in bank.dimensions)),
                mean=f'<strong class="rf-paper__mean">{number(mean, lang)}</strong>',
                top=f'<strong class="rf-paper__top">{number(1 - mean, lang)}</strong>',
            )
        ),
        _p(
            _fill(
                ui(t.CLOSE_CALL),
                margin=f'<strong class="rf-paper__margin">{number(CLOSE_CALL, lang)}</strong>',
                lines=f" {escape(ui(t.OR))} ".join(f'<strong class="rf-paper__line-value">{v}</strong>' for v in lines),
            )
        ),
        f"<h2>{escape(ui(t.STEP_VERDICT))}</h2>",
        _p(escape(ui(t.VERDICT_RULE))),
        '<table class="rf-paper__table rf-paper__verdicts"><thead><tr>'
        f'<th scope="col">{escape(ui(t.SCORE))}</th><th scope="col">{escape(ui(t.VERDICT))}</th>'
        f"</tr></thead><tbody>{''.join(ranges)}</tbody></table>",
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
