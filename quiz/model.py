"""The quiz's data types: the validated bank and the result of scoring one answer set.

Everything here is a frozen dataclass holding plain values (ids, English msgids,
numbers), so a bank or a result can be compared, hashed and turned into JSON.
Nothing here reads files or translates text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

_T = TypeVar("_T")

SCHEMA_VERSION = 1
"""Version of the bank file, of the answers JSON and of ``Result.to_dict()``."""

DIMENSION_IDS: tuple[str, ...] = (
    "payment",
    "respect",
    "communication",
    "scope",
    "schedule",
    "agreements",
    "decisions",
    "reliability",
    "reputation",
)
"""The nine risk dimensions, in display order. The bank must define exactly these."""

BAND_IDS: tuple[str, ...] = ("healthy", "high-maintenance", "walk-away")
"""The three verdict bands, from best to worst. The bank gives their thresholds and texts."""

UNDECIDED_BAND = "not-enough-answers"
"""The band shown instead of a verdict when too few questions were answered for real."""

UNSURE = "unsure"
"""Id of the "not sure / does not apply" answer every question must have."""

NOT_YET = "not-yet"
"""Id of a question's "not yet: the work has not started" answer: no risk, and not "not sure" either."""

STAGES: tuple[str, ...] = ("before", "started")
"""What an answer can say about the work: it has not started yet (a prospect), or it has started."""

UNKNOWN_STAGE = "unknown"
"""The stage of a result whose answers say neither (the texts then speak to both situations)."""

SITUATIONS: tuple[str, ...] = ("carry-on", "wind-down", "decline")
"""What an action step serves: carrying on with the client, winding the work down, declining before it starts."""

WARNING_POINTS = 4
"""An answer with at least this many points on one dimension is a warning sign; fewer (but some) is a mild one."""

FLOOR_POINTS = 8
"""An answer with at least this many points on one dimension is serious: the floor rule applies (``scoring``)."""

KEY_SIGNAL = 3
"""Signal weight of an answer characteristic of a client type; a type is named only when one was given."""

MAX_POINTS = 10
"""Points of one answer on one dimension are whole numbers from 0 to this."""


@dataclass(frozen=True)
class Answer:
    """One possible answer to a question: its points per dimension, maybe a dealbreaker."""

    id: str
    text: str
    points: tuple[tuple[str, int], ...] = ()
    dealbreaker: str | None = None
    sign: str = ""
    """The warning sign as a sentence ("They pay only after reminders."), shown under "what weighed most"."""
    serious: str = ""
    """Why the guidance treats this answer as serious (for editors, not shown): set exactly on serious answers."""
    stage: str | None = None
    """``"before"`` or ``"started"`` when the answer only makes sense before or after the work started."""

    @property
    def is_unsure(self) -> bool:
        """True for the "not sure / does not apply" answer, which carries no risk."""
        return self.id == UNSURE

    @property
    def is_not_yet(self) -> bool:
        """True for a "not yet: the work has not started" answer: no risk, and it says the client is a prospect."""
        return self.id == NOT_YET

    @property
    def top_points(self) -> int:
        """The most points this answer gives on one dimension (0 for a calm answer)."""
        return max((value for _, value in self.points), default=0)

    @property
    def is_warning(self) -> bool:
        """A warning sign: ``WARNING_POINTS`` or more on some dimension."""
        return self.top_points >= WARNING_POINTS

    @property
    def is_mild(self) -> bool:
        """Some points, but fewer than a warning sign's: worth watching, not alarming."""
        return 0 < self.top_points < WARNING_POINTS

    @property
    def is_serious(self) -> bool:
        """``FLOOR_POINTS`` or more on some dimension: the floor rule lifts a "healthy" band."""
        return self.top_points >= FLOOR_POINTS

    def points_for(self, dimension: str) -> int:
        """Points on ``dimension`` (0 when the answer does not move it)."""
        for name, value in self.points:
            if name == dimension:
                return value
        return 0


@dataclass(frozen=True)
class Question:
    """A question about the client, the dimensions it moves and its answers (``unsure`` included)."""

    id: str
    text: str
    sign: str
    topic: str
    dimensions: tuple[str, ...]
    answers: tuple[Answer, ...]

    def answer(self, answer_id: str) -> Answer | None:
        """The answer with this id, or ``None``."""
        return self._answers_by_id.get(answer_id)

    def max_points(self, dimension: str) -> int:
        """The most points any answer gives on ``dimension``."""
        return self._max_points.get(dimension, 0)

    @cached_property
    def _answers_by_id(self) -> dict[str, Answer]:
        """Answers by id, built once (scoring looks them up for every question of every answer set)."""
        return {answer.id: answer for answer in reversed(self.answers)}  # the first of a duplicate id wins

    @cached_property
    def _max_points(self) -> dict[str, int]:
        """The most points per dimension, built once (the formula divides by them for every dimension)."""
        most: dict[str, int] = {}
        for answer in self.answers:
            for name, value in answer.points:
                most[name] = max(most.get(name, 0), value)
        return most


@dataclass(frozen=True)
class Dimension:
    """A risk dimension with its label and its weight in the overall score."""

    id: str
    label: str
    weight: int


@dataclass(frozen=True)
class Band:
    """A verdict band: overall scores from ``min_score`` up to the next band's threshold."""

    id: str
    label: str
    verdict: str
    min_score: int
    verdicts: tuple[tuple[str, str], ...] = ()
    """The verdict for a stage (``"before"``, ``"started"``); ``verdict`` speaks to both."""

    def verdict_for(self, stage: str) -> str:
        """The verdict that speaks to ``stage`` (the general one when the stage is unknown)."""
        return dict(self.verdicts).get(stage, self.verdict)


@dataclass(frozen=True)
class Condition:
    """One requirement of a combined dealbreaker: ``question`` answered with one of ``answers``."""

    question: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Dealbreaker:
    """A finding that forces "walk away": set by answers marked with its id, or by ``all_of``."""

    id: str
    text: str
    all_of: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class ClientType:
    """A named problem client and the answers (``question.answer`` to weight) that point to it."""

    id: str
    label: str
    description: str
    topic: str
    signals: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Step:
    """An action-plan step, what adds it to the plan (answers, bands) and the situations it serves.

    Lower ``order`` is more urgent and comes first.
    """

    id: str
    text: str
    topic: str
    order: int
    serves: tuple[str, ...]
    """Situations (``SITUATIONS``) the step is right for; a walk-away plan holds no "carry-on"-only step."""
    answers: tuple[str, ...] = ()
    bands: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    """Result stages (``STAGES`` or ``UNKNOWN_STAGE``) the step is for; empty means every stage."""
    unless: tuple[str, ...] = ()
    """Answers that leave the step out: what it asks for is already in place, or the client refuses it."""


@dataclass(frozen=True)
class Topic:
    """Where the site explains a topic: a guidance page and an anchor on it."""

    id: str
    page: str
    anchor: str


@dataclass(frozen=True)
class Bank:
    """The whole validated question bank."""

    schema_version: int
    dimensions: tuple[Dimension, ...]
    bands: tuple[Band, ...]
    undecided: Band
    min_confidence: int
    questions: tuple[Question, ...]
    dealbreakers: tuple[Dealbreaker, ...]
    client_types: tuple[ClientType, ...]
    steps: tuple[Step, ...]
    topics: tuple[Topic, ...]

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or ``None``."""
        return self._questions_by_id.get(question_id)

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id (it must exist)."""
        return self._dimensions_by_id[dimension_id]

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {question.id: question for question in reversed(self.questions)}

    @cached_property
    def _dimensions_by_id(self) -> dict[str, Dimension]:
        return {dimension.id: dimension for dimension in self.dimensions}

    def dealbreaker(self, dealbreaker_id: str) -> Dealbreaker:
        """The dealbreaker with this id (it must exist)."""
        return _get(self.dealbreakers, dealbreaker_id)

    def band(self, band_id: str) -> Band:
        """The band with this id, the undecided band included (it must exist)."""
        for band in (*self.bands, self.undecided):
            if band.id == band_id:
                return band
        raise KeyError(band_id)


# --- Result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BandResult:
    """The verdict: band id, its localized label and a sentence saying what it means."""

    id: str
    label: str
    verdict: str


@dataclass(frozen=True)
class DimensionScore:
    """Risk on one dimension, 0-100, from ``answered`` real answers among ``asked`` questions."""

    id: str
    label: str
    score: int
    weight: int
    answered: int
    asked: int


@dataclass(frozen=True)
class DealbreakerHit:
    """A dealbreaker found, why (localized), and the answers (``question.answer``) that set it."""

    id: str
    text: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class TypeMatch:
    """A problem-client type this client resembles, with a match strength 0-100."""

    id: str
    label: str
    description: str
    strength: int
    topic: str


@dataclass(frozen=True)
class Reason:
    """An answer that moved the overall score, with its share in points (0-100) and plain words."""

    question: str
    answer: str
    text: str
    points: int
    topic: str


@dataclass(frozen=True)
class PlanStep:
    """One step of the action plan, with the topic the site links it to."""

    id: str
    text: str
    topic: str


@dataclass(frozen=True)
class Result:
    """The outcome of scoring one answer set: numbers, ids and localized texts.

    ``to_dict()`` gives the JSON shape documented in ``quiz/README.md`` and
    ``from_dict()`` reads it back into an equal object.
    """

    lang: str
    score: int
    band: BandResult
    confidence: int
    answered: int
    total: int
    warning_signs: int
    summary: str
    dimensions: tuple[DimensionScore, ...]
    dealbreakers: tuple[DealbreakerHit, ...]
    client_types: tuple[TypeMatch, ...]
    reasons: tuple[Reason, ...]
    action_plan: tuple[PlanStep, ...]
    schema_version: int = field(default=SCHEMA_VERSION)
    stage: str = UNKNOWN_STAGE
    """``"before"`` (a prospect), ``"started"`` or ``"unknown"``, inferred from the answers."""
    not_yet: int = 0
    """Questions answered "not yet: the work has not started"."""
    mild_signs: int = 0
    """Answers with some points but below a warning sign's (not counted in ``warning_signs``)."""
    main_steps: int = 0
    """How many of the first steps of ``action_plan`` to show before "more steps"."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (lists, dicts, str, int), with ``schema_version``."""
        return {
            "schema_version": self.schema_version,
            "lang": self.lang,
            "score": self.score,
            "band": _fields(self.band),
            "confidence": self.confidence,
            "answered": self.answered,
            "total": self.total,
            "warning_signs": self.warning_signs,
            "summary": self.summary,
            "dimensions": [_fields(item) for item in self.dimensions],
            "dealbreakers": [{**_fields(item), "answers": list(item.answers)} for item in self.dealbreakers],
            "client_types": [_fields(item) for item in self.client_types],
            "reasons": [_fields(item) for item in self.reasons],
            "action_plan": [_fields(item) for item in self.action_plan],
            "stage": self.stage,
            "not_yet": self.not_yet,
            "mild_signs": self.mild_signs,
            "main_steps": self.main_steps,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """The inverse of ``to_dict()`` (for stored or shared results)."""
        return cls(
            schema_version=data["schema_version"],
            lang=data["lang"],
            score=data["score"],
            band=BandResult(**data["band"]),
            confidence=data["confidence"],
            answered=data["answered"],
            total=data["total"],
            warning_signs=data["warning_signs"],
            summary=data["summary"],
            dimensions=tuple(DimensionScore(**item) for item in data["dimensions"]),
            dealbreakers=tuple(
                DealbreakerHit(id=item["id"], text=item["text"], answers=tuple(item["answers"]))
                for item in data["dealbreakers"]
            ),
            client_types=tuple(TypeMatch(**item) for item in data["client_types"]),
            reasons=tuple(Reason(**item) for item in data["reasons"]),
            action_plan=tuple(PlanStep(**item) for item in data["action_plan"]),
            stage=data.get("stage", UNKNOWN_STAGE),
            not_yet=data.get("not_yet", 0),
            mild_signs=data.get("mild_signs", 0),
            main_steps=data.get("main_steps", len(data["action_plan"])),
        )


def _fields(item: Any) -> dict[str, Any]:
    """A flat dataclass as a dict, fields in declaration order (no deep copy, unlike ``asdict``)."""
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def _find(items: tuple[_T, ...], item_id: str) -> _T | None:
    """The item whose ``id`` is ``item_id``, or ``None`` (banks are small: a scan is enough)."""
    return next((item for item in items if item.id == item_id), None)  # type: ignore[attr-defined]


def _get(items: tuple[_T, ...], item_id: str) -> _T:
    """The item whose ``id`` is ``item_id``; it must exist."""
    found = _find(items, item_id)
    if found is None:
        raise KeyError(item_id)
    return found
