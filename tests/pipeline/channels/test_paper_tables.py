"""The paper sheets' tables and rules, at every edge, and the HTML they are printed from.

``test_paper_quiz.py`` scores thousands of answer sets by the printed procedure; most
of them land far from a band line. Here each printed rule is checked against the
quiz's own rule for every value it can meet (every highest risk and weighted total,
every score, every bank shape Hypothesis makes up), and the sheets against what a
browser and the print stylesheet need: well-formed HTML, classes the stylesheet or
the procedure know, the worked examples right, the lines a person writes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paper_sheet import Reckoner, ScoringSheet, Worksheet, parse
from test_paper_quiz import ROOT, compiled_catalogs, sheets  # noqa: F401  (the fixture compiles the catalogs)

from pipeline.channels import paper_quiz
from quiz import i18n
from quiz.resources import load_bank
from quiz.scoring import MEAN_SHARE, band_for, percent

LANGS = ["en", "es", "ru"]
SHEETS = ["worksheet", "scoring sheet", "reckoner"]
HALF = Fraction(1, 2)


def verdict(bank_lines: list[Fraction], score: Fraction) -> set[int]:
    """The bands (0, 1, 2) the engine can give when the exact score is within 0.5 of ``score``.

    The engine rounds the score halves up and compares it with the band thresholds, so a
    score is in band ``i`` when it is at least ``i`` of the lines (threshold - 0.5).
    """
    return {sum(score + d >= line for line in bank_lines) for d in (-HALF, HALF)}


def lines() -> list[Fraction]:
    return [band.min_score - HALF for band in load_bank().bands[1:3]]


def ui(lang: str):  # type: ignore[no-untyped-def]
    """The site's ``messages`` catalog for ``lang``, as the build renders the sheets with it."""
    from pipeline.config import Config
    from pipeline.content.ui_text import translations as ui_translations

    return ui_translations(Config(root=ROOT).po_path(lang, "messages"), lang).gettext


# ---- HTML ---------------------------------------------------------------------------------------------------------


def _open_and_close(html: str) -> list[str]:
    """Tags in the order they open and close (``+div``, ``-div``), void elements left out."""
    from html.parser import HTMLParser

    events: list[str] = []

    class Recorder(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in {"br", "img", "input", "meta", "link", "hr", "col", "wbr"}:
                events.append("+" + tag)

        def handle_endtag(self, tag: str) -> None:
            events.append("-" + tag)

    Recorder().feed(html)
    return events


def known_classes() -> set[str]:
    """Classes the site's stylesheet styles, or the printed procedure and the print test read."""
    css = (ROOT / "pipeline/site/overrides/assets/stylesheets/redflags.css").read_text(encoding="utf-8")
    readers = "".join(
        (ROOT / path).read_text(encoding="utf-8")
        for path in ("tests/pipeline/channels/paper_sheet.py", "tests/browser/test_print.py")
    )
    return set(re.findall(r"\.(rf-[\w-]+)", css)) | set(re.findall(r'"(rf-paper[\w-]*)"', readers))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("index", [0, 1, 2], ids=SHEETS)
def test_the_sheets_are_well_formed_html_with_known_classes(lang: str, index: int) -> None:
    html = sheets(lang)[index]
    stack: list[str] = []
    for event in _open_and_close(html):
        if event[0] == "+":
            stack.append(event[1:])
        else:
            assert stack and stack.pop() == event[1:], f"</{event[1:]}> closes <{stack[-1] if stack else ''}>"
    assert stack == []
    used = {name for node in parse(html).all() for name in node.classes}  # as a browser reads them
    assert used <= known_classes(), used - known_classes()
    assert "None" not in html  # no missing value printed or set as an attribute


# ---- the worksheet ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_worksheets_key_and_example_are_the_answer_codes(lang: str) -> None:
    """The key gives each letter its place in the answer code's check number, and the worked example adds up."""
    from quiz import answer_code

    worksheet = Worksheet(sheets(lang)[0])
    alphabet = answer_code.letters(lang)
    assert worksheet.places == {letter: place for place, letter in enumerate(alphabet[: len(worksheet.places)], 1)}
    assert len(worksheet.places) == max(len(q.answers) for q in load_bank().questions)
    letters, terms, total = worksheet.example
    assert [worksheet.places[letter] for letter in letters] == terms and sum(terms) == total
    assert len(letters) == 5  # a group of the code


# ---- the scoring sheet --------------------------------------------------------------------------------------------


def scoring(lang: str) -> ScoringSheet:
    _, scoring_html, reckoner_html = sheets(lang)
    return ScoringSheet(scoring_html, Reckoner(reckoner_html))


def test_the_verdict_table_follows_the_quizs_score_for_every_total() -> None:
    """For each highest risk 0-100 and every weighted total it allows, the table gives the band of the sheet's score
    exactly when every score within 0.5 of it has that band (the risks are rounded), and a gap otherwise."""
    bank = load_bank()
    sheet = scoring("en")
    assert list(sheet.verdicts) == list(range(101))
    weights = sum(dim.weight for dim in bank.dimensions)
    mean = Fraction(str(MEAN_SHARE))
    for top, (healthy, care, walk) in sheet.verdicts.items():
        most = weights * top  # no area's risk is above the highest
        # "up to" may name a total beyond reach; a range or "or more" starts within it (else a dash)
        assert all(0 <= n <= most for n in (*(care or ()), walk or 0)) and (healthy or 0) >= 0, (top, care, walk)
        assert care is None or care[0] <= care[1]
        for total in range(most + 1):
            bands = verdict(lines(), mean * total / weights + (1 - mean) * top)
            printed = (
                0 if healthy is not None and total <= healthy else
                1 if care is not None and care[0] <= total <= care[1] else
                2 if walk is not None and total >= walk else None
            )  # fmt: skip
            assert (printed is None) == (len(bands) == 2), (top, total, bands)
            assert printed is None or bands == {printed}, (top, total, printed, bands)


@pytest.mark.parametrize("lang", LANGS)
def test_the_recount_rule_gives_the_quizs_band_for_every_score(lang: str) -> None:
    bank = load_bank()
    sheet = scoring(lang)
    tr = i18n.translations(lang)
    for score in range(101):
        expected = tr.gettext(bank.band(band_for(bank, score, 100, dealbreaker=False)).label)
        assert sheet.recount_band(score) == expected, score


@pytest.mark.parametrize("lang", LANGS)
def test_step_5_lists_every_area_once_under_its_weight_heaviest_first(lang: str) -> None:
    sheet = scoring(lang)
    listed = [(label, weight) for weight, members in sheet.groups for label, _ in members]
    assert sorted(listed) == sorted((area.label, area.weight) for area in sheet.areas)
    for weight, members in sheet.groups:
        assert members and {w for _, w in members} == {weight}
    weights = [weight for weight, _ in sheet.groups]
    assert weights == sorted(set(weights), reverse=True)


@pytest.mark.parametrize("lang", LANGS)
def test_every_box_has_the_lines_step_3_asks_for(lang: str) -> None:
    """Under each box: the points total, the biggest number, the printed "Out of" total, what is left of it;
    and serious answers (★) are the ones printed in bold."""
    _, scoring_html, _ = sheets(lang)
    sheet = scoring(lang)
    for area in sheet.areas:
        assert area.foot == ["", "", str(area.out_of_total), ""], area.label
        assert area.out_of_total == sum(out_of for _, _, out_of in area.rows)
    spans = parse(scoring_html).all("span", "rf-paper__pt")
    assert spans and all(("★" in s.text()) == ("rf-paper__pt--severe" in s.classes) for s in spans)
    assert any("rf-paper__pt--severe" in s.classes for s in spans)


@pytest.mark.parametrize("lang", LANGS)
def test_dealbreaker_conditions_read_as_lists(lang: str) -> None:
    """"question 7: B, C or D": letters separated by commas, the last by the language's "or"."""
    _, scoring_html, _ = sheets(lang)
    said = ui(lang)
    conditions = parse(scoring_html).all("span", "rf-paper__cond")
    assert any(len(c.all("strong", "rf-paper__letter")) > 1 for c in conditions)
    for condition in conditions:
        letters = [s.text() for s in condition.all("strong", "rf-paper__letter")]
        listed = letters[0] if len(letters) == 1 else ", ".join(letters[:-1]) + f" {said('or')} {letters[-1]}"
        number = condition.one("strong", "rf-paper__qref").text()
        assert condition.text() == said("question %(number)s: %(letters)s") % {"number": number, "letters": listed}


@pytest.mark.parametrize(("lang", "mean", "top"), [("en", "0.6", "0.4"), ("es", "0,6", "0,4"), ("ru", "0,6", "0,4")])
def test_printed_coefficients_use_the_languages_decimal_sign(lang: str, mean: str, top: str) -> None:
    recount = parse(sheets(lang)[1]).one("p", "rf-paper__recount")
    assert recount.one("strong", "rf-paper__mean").text() == mean
    assert recount.one("strong", "rf-paper__top").text() == top
    assert paper_quiz.number(Fraction(1, 8), lang) == f"0{mean[1]}125" and paper_quiz.number(Fraction(50), lang) == "50"


# ---- the ready reckoner -------------------------------------------------------------------------------------------


def test_the_reckoners_worked_example_reads_the_reckoner() -> None:
    reckoner_html = sheets("en")[2]
    intro = re.sub(r"\s+", " ", parse(reckoner_html).all("p")[0].text())
    found = re.search(
        r"with (\d+) in “Points” and (\d+) in “Out of”: block (\d+), row (\d+), column (\d+) gives (\d+)", intro
    )
    assert found, intro
    points, total, block, tens, units, value = (int(n) for n in found.groups())
    assert block == total and tens % 10 == 0 and 0 <= units < 10 and tens + units == points
    assert Reckoner(reckoner_html).first[total][points] == value


def test_step_6_without_an_area_starts_at_the_first_row_that_can_be_more_than_healthy() -> None:
    """Below the printed highest risk every result is "healthy" (the rule above the table); from it on, one row
    per highest risk up to 100, in two halves of the same length (within a row)."""
    bank = load_bank()
    reckoner = Reckoner(sheets("en")[2])
    lowest = reckoner.partial_from
    assert list(reckoner.partial) == list(range(lowest, 101))
    # the sheet's score is at most the highest risk (every area's risk is at most it), and reaches it
    assert verdict(lines(), Fraction(lowest)) != {0}  # so this row can give more than "healthy"
    assert verdict(lines(), Fraction(lowest - 1)) == {0}  # and the one before could not
    halves = [len(t.one("tbody").all("tr")) for t in parse(sheets("en")[2]).all("table", "rf-paper__partial")]
    assert len(halves) == 2 and abs(halves[0] - halves[1]) <= 1, halves
    assert reckoner.partial_below == bank.bands[0].label


# ---- rendering ----------------------------------------------------------------------------------------------------


def test_render_sheet_gives_each_pages_sheet_and_needs_the_compiled_catalog() -> None:
    from pipeline.config import Config
    from pipeline.content.ui_text import translations as ui_translations
    from pipeline.errors import BuildError

    ui = ui_translations(Config(root=ROOT).po_path("es", "messages"), "es").gettext
    for page, render in (
        (paper_quiz.WORKSHEET_PAGE, paper_quiz.render_worksheet),
        (paper_quiz.SCORING_PAGE, paper_quiz.render_scoring_sheet),
        (paper_quiz.RECKONER_PAGE, paper_quiz.render_reckoner),
    ):
        assert paper_quiz.render_sheet(page, "es", ui) == render("es", ui)
    with pytest.raises(BuildError, match="'de'.*compile_quiz_catalogs"):
        paper_quiz.render_sheet(paper_quiz.SCORING_PAGE, "de", ui)


def test_a_question_with_more_answers_than_letters_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    most = max(len(q.answers) for q in load_bank().questions)
    monkeypatch.setattr(paper_quiz, "letters", lambda lang: "ABCDEFGHIJ"[:most])  # just enough: fine
    assert "rf-paper__question" in paper_quiz.render_worksheet("en", str)
    monkeypatch.setattr(paper_quiz, "letters", lambda lang: "ABCDEFGHIJ"[: most - 1])
    with pytest.raises(ValueError, match="^a question has more answers than the paper quiz has letters$"):
        paper_quiz.render_worksheet("en", str)


# ---- any bank -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dim:
    id: str
    weight: int


@dataclass(frozen=True)
class Question:
    id: str
    outs: dict[str, int] = field(hash=False)

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(self.outs)

    def max_points(self, dim_id: str) -> int:
        return self.outs[dim_id]


@dataclass(frozen=True)
class Band:
    min_score: int


@dataclass
class FakeBank:
    dimensions: list[Dim]
    questions: list[Question]
    min_confidence: int
    bands: list[Band] = field(default_factory=lambda: [Band(0), Band(30), Band(55)])


@st.composite
def banks(draw: st.DrawFn) -> FakeBank:
    """Small banks: 2-5 areas of weight 1-3, 3-10 questions on 1-3 areas each, a minimum of 1-100 % answered."""
    dims = [Dim(f"d{i}", draw(st.integers(1, 3))) for i in range(draw(st.integers(2, 5)))]
    count = draw(st.integers(max(3, len(dims)), 10))
    questions = []
    for n in range(count):
        on = [dims[n]] if n < len(dims) else draw(st.lists(st.sampled_from(dims), min_size=1, max_size=3, unique=True))
        questions.append(Question(f"q{n}", {d.id: draw(st.integers(1, 10)) for d in on}))
    return FakeBank(dims, questions, draw(st.integers(1, 100)))


def struck_sets(bank: FakeBank) -> list[set[str]]:
    """Every set of questions answered "not sure" that step 2 lets through: fewer than the limit the quiz sets."""
    ids = [q.id for q in bank.questions]
    total = len(ids)
    allowed = [u for u in range(total + 1) if percent((total - u) / total) >= bank.min_confidence]
    return [set(s) for size in allowed for s in combinations(ids, size)]


@settings(max_examples=150, deadline=None)
@given(banks())
def test_the_not_sure_limit_is_the_first_count_the_quiz_does_not_score(bank: FakeBank) -> None:
    total = len(bank.questions)
    limit = paper_quiz.unsure_limit(bank)  # type: ignore[arg-type]
    for unsure in range(total + 1):
        scored = percent((total - unsure) / total) >= bank.min_confidence
        assert scored == (unsure < limit), (unsure, limit)


@settings(max_examples=150, deadline=None)
@given(banks())
def test_the_reckoner_and_step_6_cover_every_case_a_bank_allows(bank: FakeBank) -> None:
    """The reckoner's totals and step 6's sums of weights, against every set of "not sure" answers step 2 allows."""
    answered: set[int] = set()
    left: set[int] = set()
    everything = sum(d.weight for d in bank.dimensions)
    for struck in struck_sets(bank):
        for dim in bank.dimensions:
            on = [q for q in bank.questions if dim.id in q.outs]
            kept = [q.outs[dim.id] for q in on if q.id not in struck]
            if kept and len(kept) < len(on):
                answered.add(sum(kept))
        dropped = [d.weight for d in bank.dimensions if all(q.id in struck for q in bank.questions if d.id in q.outs)]
        if dropped and len(dropped) < len(bank.dimensions):
            left.add(everything - sum(dropped))
    largest = max(sum(q.outs.get(d.id, 0) for q in bank.questions) for d in bank.dimensions)
    if answered:
        totals = paper_quiz.reckoner_totals(bank)  # type: ignore[arg-type]
        assert min(totals) == min(answered) and max(totals) == largest
    if left:
        sums = paper_quiz.weights_left(bank)  # type: ignore[arg-type]
        assert min(sums) == min(left) and left <= set(sums) and max(sums) < everything, (sums, left)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 3), min_size=2, max_size=9),
    st.integers(2, 60).flatmap(lambda low: st.tuples(st.just(low), st.integers(low + 2, 98))),
)
def test_the_verdict_table_is_right_for_any_weights_and_thresholds(weights: list[int], lines_: tuple[int, int]) -> None:
    """``verdict_rows`` for made-up weights and band thresholds, at each printed edge and one either side of it."""
    bank = FakeBank([Dim(f"d{i}", w) for i, w in enumerate(weights)], [], 50, [Band(0), *map(Band, lines_)])
    edges = [band.min_score - HALF for band in bank.bands[1:]]
    mean, total_weight = Fraction(str(MEAN_SHARE)), sum(weights)
    for top, healthy, care, walk in paper_quiz.verdict_rows(bank):  # type: ignore[arg-type]
        most = total_weight * top
        near = {0, 1, most} | {n + d for n in (healthy or 0, *(care or ()), walk or 0) for d in (-1, 0, 1)}
        for total in sorted(n for n in near if 0 <= n <= most):
            bands = verdict(edges, mean * total / total_weight + (1 - mean) * top)
            printed = (
                0 if healthy is not None and total <= healthy else
                1 if care is not None and care[0] <= total <= care[1] else
                2 if walk is not None and total >= walk else None
            )  # fmt: skip
            assert (printed is None) == (len(bands) == 2) and (printed is None or bands == {printed}), (
                top, total, printed, bands
            )
