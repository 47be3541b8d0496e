"""The paper quiz's printed procedure, carried out in code from the generated HTML alone.

``Worksheet`` and ``ScoringSheet`` read the two sheets back (question numbers,
answer letters, the dealbreaker rows, the "not sure" limit, every area box and
risk table, the coefficients, the verdict table and the floor rule) from the
printed text; ``ScoringSheet.score`` follows the steps as a person with a pencil
would, rounding where the sheet says to. Nothing here imports the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
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


def round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class Worksheet:
    """``questions``: question number -> {answer letter: answer text}, as printed."""

    def __init__(self, html: str) -> None:
        self.questions: dict[int, dict[str, str]] = {}
        for block in parse(html).all("div", "rf-paper__question"):
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
    table: dict[int, Decimal]


class ScoringSheet:
    """The scoring sheet's tables and rules, read from its printed text."""

    def __init__(self, html: str) -> None:
        root = parse(html)
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
        self.pooled = decimal(root.one("strong", "rf-paper__pooled").text())
        self.worst = decimal(root.one("strong", "rf-paper__worst").text())
        self.mean = decimal(root.one("strong", "rf-paper__mean").text())
        self.top = decimal(root.one("strong", "rf-paper__top").text())
        self.margin = decimal(root.one("strong", "rf-paper__margin").text())
        self.lines = [decimal(s.text()) for s in root.all("strong", "rf-paper__line-value")]
        self.verdicts = []
        for row in root.one("table", "rf-paper__verdicts").one("tbody").all("tr"):
            low, high = re.split(r"[–-]", row.one("td", "rf-paper__range").text())
            self.verdicts.append((int(low), int(high), row.one("strong", "rf-paper__band").text()))
        floor = root.one("p", "rf-paper__floor")
        self.floor_from = floor.one("strong", "rf-paper__band").text()
        self.floor_points = int(floor.one("strong", "rf-paper__floor-points").text())
        self.floor_to = floor.one("strong", "rf-paper__floor-band").text()
        self.recounts = 0

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
        table = {}
        for row in section.one("table", "rf-paper__risk").one("tbody").all("tr"):
            tens = int(row.one("th").text())
            for units, cell in enumerate(row.all("td")):
                if cell.text().strip():
                    table[tens + units] = decimal(cell.text())
        return Area(section.one("span", "rf-paper__area-label").text(), weight, rows, table)

    def score(self, worksheet: Worksheet, ticks: dict[int, str]) -> tuple[str, set[str]]:
        """Steps 1 to 6 for the ticked letters: (the verdict, the dealbreaker rows that matched)."""
        hits = {text for text, conds in self.dealbreakers if all(ticks[q] in letters for q, letters in conds)}
        if hits:
            return self.walk_away, hits
        unsure = {q for q, letter in ticks.items() if worksheet.questions[q][letter] == self.unsure}
        if len(unsure) >= self.unsure_limit:
            return self.undecided, set()
        boxes, star = [], False
        for area in self.areas:
            written = [(points[ticks[q]], out_of) for q, points, out_of in area.rows if q not in unsure]
            star = star or any(s for (_, s), _ in written)
            total_p = sum(p for (p, _), _ in written)
            total_o = sum(o for _, o in written)
            highest = max((p for (p, _), _ in written), default=0)
            if total_o:
                boxes.append((area, total_p, total_o, highest, len(written) == len(area.rows)))
        risks = [
            (a.weight, (a.table[p] if full else round2(self.pooled * p / o)) + self.worst * h)
            for a, p, o, h, full in boxes
        ]
        mean = sum(w * r for w, r in risks) / sum(w for w, _ in risks)
        score = round2(self.mean * mean + self.top * max(r for _, r in risks))
        if any(abs(score - line) <= self.margin for line in self.lines):  # the close call: every decimal
            self.recounts += 1
            exact = [(a.weight, Fraction(self.pooled) * p / o + Fraction(self.worst) * h) for a, p, o, h, _ in boxes]
            value = Fraction(self.mean) * sum(w * r for w, r in exact) / sum(w for w, _ in exact) + Fraction(
                self.top
            ) * max(r for _, r in exact)
            whole = int(value + Fraction(1, 2))
        else:
            whole = int(score.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        verdict = next(label for low, high, label in self.verdicts if low <= whole <= high)
        if verdict == self.floor_from and star:
            verdict = self.floor_to
        return verdict, set()
