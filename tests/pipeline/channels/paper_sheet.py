"""The paper quiz's printed procedure, carried out in code from the generated HTML alone.

``Worksheet``, ``ScoringSheet`` and ``Reckoner`` read the three sheets back
(question numbers, answer letters, the dealbreaker rows, the "not sure" limit,
every area box and risk table, the coefficients, the verdict table, the floor
rule, the ready reckoner's blocks) from the printed text; ``ScoringSheet.score``
follows the steps as a person with a pencil would, rounding where the sheet says
to. Nothing here imports the engine.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                    found.append(child)
                found += child.all(tag, cls)
        return found

    def one(self, tag: str | None = None, cls: str | None = None) -> Node:
        (node,) = self.all(tag, cls)[:1] or [None]
        assert node is not None, f"no <{tag} class={cls}>"
        return node


VOID = {"br", "img", "input", "meta", "link", "hr", "col", "wbr"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def decimal(text: str) -> Decimal:
    return Decimal(text.strip().replace(",", "."))


class Worksheet:
    """``questions``: question number -> {answer letter: answer text}, as printed; the answer code's boxes."""

    def __init__(self, html: str) -> None:
        self.questions: dict[int, dict[str, str]] = {}
        root = parse(html)
        how = root.one("p", "rf-paper__code-how")  # how to type the code in: the code version is in it
        self.version = how.one("strong", "rf-paper__code-version").text()
        self.strips = [(int(p.attrs["data-start"]), int(p.attrs["data-end"])) for p in root.all("p", "rf-paper__code")]
        for strip, (start, end) in zip(root.all("p", "rf-paper__code"), self.strips, strict=True):
            assert len(strip.all("span", "rf-paper__box-cell")) == end - start + 2  # letters and the check number
        intro = root.one("p", "rf-paper__code-intro").text()
        # the key: each letter's place, as printed ("A = 1, B = 2, ..."), then the worked example
        self.places = {letter: int(place) for letter, place in re.findall(r"([^\W\d_]) = (\d+)", intro)}
        self.key = list(self.places)
        example = re.search(r"(?<!\w)((?:[^\W\d_], )+[^\W\d_])(?!\w)\D+((?:\d+ \+ )+\d+) = (\d+)", intro)
        assert example, intro
        self.example = (
            example.group(1).split(", "),
            [int(n) for n in example.group(2).split(" + ")],
            int(example.group(3)),
        )
        for block in root.all("div", "rf-paper__question"):
            num = int(block.one("span", "rf-paper__num").text().rstrip("."))
            answers = {}
            for item in block.one("ul", "rf-paper__answers").all("li"):
                letter = item.one("span", "rf-paper__letter").text()
                answers[letter] = item.text().removeprefix(letter).strip()
            self.questions[num] = answers

    def letter_of(self, num: int, answer_text: str) -> str:
        """The box a person ticks for ``answer_text``."""
        (letter,) = [k for k, v in self.questions[num].items() if v == answer_text]
        return letter


@dataclass
class Area:
    label: str
    weight: int
    rows: list[tuple[int, dict[str, tuple[int, bool]], int]]  # question, letter -> (points, star), out of
    table: dict[int, int]
    out_of_total: int
    foot: list[str]  # the lines under the box: the printed number, or "" where the scorer writes


def tens_and_units(table: Node) -> dict[int, int]:
    """A table read by tens (row headers) and units (column headers, after the corner): total -> its cell.

    Read as a finger would: the headers are the units 0-9 and the tens in order, each
    row has a value, and no total is in two cells.
    """
    units = [int(th.text()) for th in table.one("thead").all("th")[1:]]
    assert units == list(range(10)), units
    cells: dict[int, int] = {}
    tens = [int(row.one("th").text()) for row in table.one("tbody").all("tr")]
    assert tens == list(range(0, 10 * len(tens), 10)), tens
    for first, row in zip(tens, table.one("tbody").all("tr"), strict=True):
        values = {first + unit: int(td.text()) for unit, td in zip(units, row.all("td"), strict=True) if td.text()}
        assert values and not values.keys() & cells.keys(), (first, values)
        cells.update(values)
    return cells


@dataclass
class Operations:
    """What a person does with a pencil for one worksheet (counted as the procedure runs)."""

    entries: int = 0  # numbers written on the sheet
    lookups: int = 0  # a value found in a printed table of the scoring sheet
    reckoner_lookups: int = 0  # a value found in the ready reckoner (a block among many, then row and column)
    additions: int = 0  # one addition or subtraction of two whole numbers
    multiplications: int = 0  # by a one-digit number (the weight) or by 50
    divisions: int = 0  # long division to a whole number

    @property
    def arithmetic(self) -> int:
        return self.additions + self.multiplications + self.divisions


class Reckoner:
    """The ready reckoner, read from its printed text: ``first[out of][points]`` for every printed cell.

    Each block's corner is its "Out of" total; its rows are the tens of the points, its
    columns the units, as the sheet's introduction says.
    """

    def __init__(self, html: str) -> None:
        root = parse(html)
        self.pooled = decimal(root.one("strong", "rf-paper__pooled").text())
        self.first: dict[int, dict[int, int]] = {}
        for block in root.all("table", "rf-paper__reckon"):
            total = int(block.one("thead").all("th")[0].text())  # the corner
            assert total not in self.first, f"two blocks for {total}"
            self.first[total] = tens_and_units(block)
        # step 6 when an area does not count: below a highest risk, one verdict; else the number to add
        # (row: highest risk; column: sum of weights) ...
        lowest = root.one("strong", "rf-paper__partial-from")
        self.partial_from = int(lowest.text())
        self.partial_below = next(p for p in root.all("p") if lowest in p.all()).one("strong", "rf-paper__band").text()
        self.partial: dict[int, dict[int, int]] = {}
        for table in root.all("table", "rf-paper__partial"):
            lefts = [int(th.text()) for th in table.one("thead").all("tr")[1].all("th")]
            for row in table.one("tbody").all("tr"):
                values = [int(td.text()) for td in row.all("td")]
                top = int(row.one("th").text())
                assert top not in self.partial, f"two rows for {top}"
                self.partial[top] = dict(zip(lefts, values, strict=True))
        # ... and the verdict of the result, per sum of weights (the columns in the order of step 6's table)
        self.partial_verdicts: dict[int, tuple[int, tuple[int, int], int]] = {}
        verdicts = root.one("table", "rf-paper__partial-verdicts")
        self.partial_labels = [strong.text() for strong in verdicts.one("thead").all("strong", "rf-paper__band")]
        for row in verdicts.one("tbody").all("tr"):
            healthy, care, walk = (cell.text() for cell in row.all("td"))
            low, high = (int(v) for v in care.split("–"))
            self.partial_verdicts[int(row.one("th").text())] = (
                int(re.search(r"\d+", healthy).group()),
                (low, high),
                int(re.search(r"\d+", walk).group()),
            )


class ScoringSheet:
    """The scoring sheet's tables and rules, read from its printed text, with the ready reckoner beside it."""

    def __init__(self, html: str, reckoner: Reckoner) -> None:
        root = parse(html)
        self.reckoner = reckoner
        self.walk_away = root.all("strong", "rf-paper__band")[0].text()  # step 1 comes first
        self.dealbreakers = []
        for row in root.one("table", "rf-paper__dealbreakers").one("tbody").all("tr"):
            conditions = [
                (int(c.one("strong", "rf-paper__qref").text()), {s.text() for s in c.all("strong", "rf-paper__letter")})
                for c in row.all("span", "rf-paper__cond")
            ]
            self.dealbreakers.append((row.one("td", "rf-paper__dealbreaker").text(), conditions))
        limit = root.one("strong", "rf-paper__limit")
        self.unsure_limit = int(limit.text())
        self.undecided = self._paragraph_of(root, limit).one("strong", "rf-paper__band").text()
        self.unsure = root.one("span", "rf-paper__unsure").text()
        self.areas = [self._area(section) for section in root.all("section", "rf-paper__area")]
        second = root.one("table", "rf-paper__second")
        heads = [int(th.text()) for th in second.one("thead").all("th")[1:]]
        self.second = dict(zip(heads, (int(td.text()) for td in second.one("tbody").all("td")), strict=True))
        self.verdict_labels = [s.text() for s in root.one("table", "rf-paper__verdicts").one("thead").all("strong")]
        self.verdicts: dict[int, tuple[int | None, tuple[int, int] | None, int | None]] = {}
        for table in root.all("table", "rf-paper__verdicts"):
            for row in table.one("tbody").all("tr"):
                healthy, care, walk = (cell.text() for cell in row.all("td"))
                top = int(row.one("th").text())
                assert top not in self.verdicts, f"two rows for {top}"
                self.verdicts[top] = (
                    _number_in(healthy),
                    tuple(int(v) for v in care.split("–")) if care != "—" else None,  # type: ignore[misc]
                    _number_in(walk),
                )
        not_all = root.one("p", "rf-paper__not-all")
        self.weights_all = int(not_all.one("strong", "rf-paper__weights-all").text())
        self.times = int(not_all.one("strong", "rf-paper__times").text())
        recount = root.one("p", "rf-paper__recount")
        self.mean = decimal(recount.one("strong", "rf-paper__mean").text())
        self.top = decimal(recount.one("strong", "rf-paper__top").text())
        self.care_from = int(recount.one("strong", "rf-paper__care-from").text())
        self.care_to = int(recount.one("strong", "rf-paper__care-to").text())
        self.walk_from = int(recount.one("strong", "rf-paper__walk-from").text())
        assert [s.text() for s in recount.all("strong", "rf-paper__band")] == self.verdict_labels
        # step 5's table: the areas of each weight, then their group's line ("... × weight")
        self.groups: list[tuple[int, list[tuple[str, int]]]] = []
        members: list[tuple[str, int]] = []
        for row in root.one("table", "rf-paper__summary").one("tbody").all("tr"):
            if "rf-paper__group" in row.classes:
                (weight,) = {int(n) for n in re.findall(r"\d+", row.text())}
                self.groups.append((weight, members))
                members = []
            else:
                members.append((row.one("th").text(), int(row.one("td", "rf-paper__weight-cell").text())))
        assert not members, "areas after the last group line"
        floor = root.one("p", "rf-paper__floor")
        self.floor_from = floor.one("strong", "rf-paper__band").text()
        self.floor_points = int(floor.one("strong", "rf-paper__floor-points").text())
        self.floor_to = floor.one("strong", "rf-paper__floor-band").text()
        self.recounts = 0
        self.ops = Operations()
        self.not_counting: Counter[int] = Counter()  # worksheets where an area does not count, by the weights left

    @staticmethod
    def _paragraph_of(root: Node, target: Node) -> Node:
        return next(p for p in root.all("p") if target in p.all())

    @staticmethod
    def _area(section: Node) -> Area:
        weight = int(re.search(r"\d+", section.one("span", "rf-paper__weight").text()).group())
        rows = []
        for row in section.one("table", "rf-paper__box").one("tbody").all("tr"):
            points = {}
            for span in row.all("span", "rf-paper__pt"):
                letter, value = span.text().split("\xa0")
                points[letter] = (int(value.rstrip("★")), value.endswith("★"))
            num, out_of = int(row.one("td", "rf-paper__qnum").text()), int(row.one("td", "rf-paper__outof").text())
            rows.append((num, points, out_of))
        table = tens_and_units(section.one("table", "rf-paper__risk"))
        full = int(section.one("td", "rf-paper__outof-total").text())
        foot = [row.one("td").text() if "rf-paper__write" not in row.one("td").classes else "" for row in
                section.one("table", "rf-paper__box").one("tfoot").all("tr")]  # fmt: skip
        return Area(section.one("span", "rf-paper__area-label").text(), weight, rows, table, full, foot)

    def score(self, worksheet: Worksheet, ticks: dict[int, str]) -> tuple[str, set[str]]:
        """Steps 1 to 6 for the ticked letters: (the verdict, the dealbreaker rows that matched)."""
        ops = self.ops
        hits = {text for text, conds in self.dealbreakers if all(ticks[q] in letters for q, letters in conds)}
        if hits:
            return self.walk_away, hits
        unsure = {q for q, letter in ticks.items() if worksheet.questions[q][letter] == self.unsure}
        if len(unsure) >= self.unsure_limit:
            return self.undecided, set()
        risks, exact, star = [], [], False
        dashed: list[int] = []  # the weights of the areas that do not count
        risk_of: dict[str, int] = {}  # each counted area's "Risk" cell in step 5
        for area in self.areas:
            # step 3: copy the listed points of the ticked letters (unlisted letters: an empty cell)
            written = [points[ticks[q]] for q, points, _ in area.rows if q not in unsure and ticks[q] in points]
            struck = [out_of for q, _, out_of in area.rows if q in unsure]
            star = star or any(s for _, s in written)
            ops.entries += len(written)
            total = sum(p for p, _ in written)
            ops.additions += max(0, len(written) - 1)
            biggest = max((p for p, _ in written), default=0)
            ops.entries += 2  # the total and the biggest number
            if len(struck) == len(area.rows):  # every question struck out: the area does not count
                ops.entries += 1  # the dash
                dashed.append(area.weight)
                continue
            if not struck:  # step 4: nothing struck out: the table
                first = area.table[total]
                ops.lookups += 1
                out_of = area.out_of_total
            else:  # the printed total minus the struck-out numbers, then its block of the reckoner
                out_of = area.out_of_total - sum(struck)
                ops.entries += 1
                ops.additions += len(struck)
                first = self.reckoner.first[out_of][total]
                ops.reckoner_lookups += 1
            risk = first + self.second[biggest]
            ops.lookups += 1
            ops.additions += 1
            ops.entries += 1
            risks.append((area.weight, risk))
            risk_of[area.label] = risk
            exact.append((area.weight, Fraction(self.reckoner.pooled) * total / out_of + self.second[biggest]))
        # step 5: per weight, the risks added up and multiplied by it; the results added up; the highest risk
        by_weight: dict[int, list[int]] = {}
        for weight, members in self.groups:  # as the table groups them
            written = [risk_of[label] for label, _ in members if label in risk_of]
            if written:
                by_weight[weight] = written
        ops.additions += sum(len(group) - 1 for group in by_weight.values()) + len(by_weight) - 1
        ops.multiplications += sum(1 for weight in by_weight if weight > 1)
        ops.entries += len(by_weight) + 2
        weighted = sum(weight * sum(group) for weight, group in by_weight.items())
        top = max(r for _, r in risks)
        if len(risks) == len(self.areas):  # step 6: the verdict table
            ops.lookups += 1
            healthy, care, walk = self.verdicts[top]
            labels = self.verdict_labels
            if healthy is not None and weighted <= healthy:
                verdict = labels[0]
            elif care is not None and care[0] <= weighted <= care[1]:
                verdict = labels[1]
            elif walk is not None and weighted >= walk:
                verdict = labels[2]
            else:
                verdict = self._recount(exact)
        else:  # an area does not count: step 6 at the end of the reckoner
            left = self.weights_all - sum(dashed)
            self.not_counting[left] += 1
            ops.additions += len(dashed)  # the weights of the dashes taken from the printed sum
            ops.multiplications += 1  # the weighted total times the printed factor
            ops.entries += 2
            ops.reckoner_lookups += 1  # the rule below the lowest row, or a row of the first table
            if top < self.reckoner.partial_from:
                verdict = self.reckoner.partial_below
            else:
                verdict = self._partial_verdict(self.times * weighted, top, left, exact)
        if verdict == self.floor_from and star:
            verdict = self.floor_to
        return verdict, set()

    def _partial_verdict(self, product: int, top: int, left: int, exact: list[tuple[int, Fraction]]) -> str:
        """The number the reckoner gives for the highest risk and the weights left, added; its verdict row."""
        result = product + self.reckoner.partial[top][left]
        self.ops.additions += 1
        self.ops.entries += 1
        self.ops.reckoner_lookups += 1  # the verdict row of the same sum of weights
        healthy_to, (care_from, care_to), walk_from = self.reckoner.partial_verdicts[left]
        labels = self.reckoner.partial_labels
        if result <= healthy_to:
            return labels[0]
        if care_from <= result <= care_to:
            return labels[1]
        if result >= walk_from:
            return labels[2]
        return self._recount(exact)

    def _recount(self, exact: list[tuple[int, Fraction]]) -> str:
        """The close call: steps 4 and 5 again with every decimal, then the printed formula of the quiz's score."""
        self.recounts += 1
        mean, top = Fraction(self.mean), Fraction(self.top)
        value = mean * sum(w * r for w, r in exact) / sum(w for w, _ in exact) + top * max(r for _, r in exact)
        return self.recount_band(int(value + Fraction(1, 2)))  # to a whole number, halves up

    def recount_band(self, score: int) -> str:
        """The verdict the recount rule gives a whole score: the one range of the three that holds it."""
        ranges = (score < self.care_from, self.care_from <= score <= self.care_to, score >= self.walk_from)
        (verdict,) = [label for label, holds in zip(self.verdict_labels, ranges, strict=True) if holds]
        return verdict


def _number_in(text: str) -> int | None:
    found = re.search(r"\d+", text)
    return int(found.group()) if found else None
