"""Build a validated ``Bank`` from plain data (the parsed ``bank.toml``), reporting every fault at once.

``build_bank(data)`` never stops at the first problem: it walks the whole
structure, records each fault as a ``Problem`` with a path such as
``questions[3].answers[1].points.payment`` and, if there is any, raises one
``BankError`` listing them all. It reads no files (``resources.load_bank``
does that) and it does not know any language but the English msgids.

Rules checked (besides types, required and unknown keys):

- ``schema_version`` is the one this code reads;
- ``dimensions`` are exactly ``model.DIMENSION_IDS``, each with a label and a weight 1-10;
- ``bands`` are exactly ``model.BAND_IDS``; ``healthy`` starts at 0 and the
  thresholds rise strictly, within 0-100; ``undecided.min_confidence`` is 0-100;
- 15-25 questions; ids are unique, made of lowercase letters, digits and hyphens;
- a question lists the dimensions it moves; each answer's points name only those
  dimensions and are whole numbers 0-``MAX_POINTS``; every listed dimension gets
  points from at least one answer;
- every question has exactly one ``unsure`` answer, with no points and no dealbreaker; a
  ``not-yet`` answer ("the work has not started") carries no points, dealbreaker or stage either;
- an answer that is a warning sign (``WARNING_POINTS`` or more on a dimension) has a ``sign``
  sentence; an answer is marked ``serious`` (with the reason) exactly when it reaches ``FLOOR_POINTS``;
  ``stage`` is ``before`` or ``started``;
- a band may give a ``verdict`` per stage (``before``, ``started``);
- a client type has at least one key signal (weight ``KEY_SIGNAL`` or more);
- a step says which situations it ``serves`` (``carry-on``, ``wind-down``, ``decline`` or ``any``);
- a ``dealbreaker`` mark names a known dealbreaker; every dealbreaker is set by a mark or by ``all_of``;
- every reference (``question.answer`` in signals, steps and conditions, topics, band ids) exists;
- every text is a non-empty string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .errors import BankError, Problem, problem
from .model import (
    BAND_IDS,
    DIMENSION_IDS,
    FLOOR_POINTS,
    KEY_SIGNAL,
    MAX_POINTS,
    NOT_YET,
    SCHEMA_VERSION,
    SITUATIONS,
    STAGES,
    UNDECIDED_BAND,
    UNKNOWN_STAGE,
    UNSURE,
    WARNING_POINTS,
    Answer,
    Band,
    Bank,
    ClientType,
    Condition,
    Dealbreaker,
    Dimension,
    Question,
    Step,
    Topic,
)

MIN_QUESTIONS = 15
MAX_QUESTIONS = 25
MAX_WEIGHT = 10
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_TYPE_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a table"}


class _Collector:
    """Typed getters that record a problem (and return ``None``) instead of raising."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, path: str, **params: object) -> None:
        self.problems.append(problem(code, path=path, **params))

    def table(self, value: object, path: str) -> dict[str, Any] | None:
        return self.typed(value, dict, path)

    def typed(self, value: object, kind: type, path: str) -> Any:
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        self.add("bank-type", path, expected=_TYPE_NAMES[kind], got=_describe(value))
        return None

    def keys(
        self, table: Mapping[str, Any], path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> bool:
        """Report missing and unknown keys; True when every required key is present."""
        ok = True
        for key in required:
            if key not in table:
                self.add("bank-missing", _join(path, key))
                ok = False
        for key in table:
            if key not in required and key not in optional:
                self.add("bank-unknown-key", _join(path, key))
        return ok

    def text(self, table: Mapping[str, Any], key: str, path: str) -> str:
        value = self.typed(table.get(key), str, _join(path, key))
        if value is not None and not value.strip():
            self.add("bank-empty-text", _join(path, key))
        return value or ""

    def integer(self, table: Mapping[str, Any], key: str, path: str, low: int, high: int, default: int = 0) -> int:
        value = self.bounded(table.get(key, default), _join(path, key), low, high)
        return default if value is None else value

    def bounded(self, value: object, path: str, low: int, high: int) -> int | None:
        """An int (reported when it is not one, or outside ``low..high``); None when not an int."""
        number = self.typed(value, int, path)
        if number is not None and not low <= number <= high:
            self.add("bank-range", path, value=number, low=low, high=high)
        return number

    def ident(self, value: object, path: str, seen: set[str] | None = None) -> str:
        value = self.typed(value, str, path)
        if value is None:
            return ""
        if not _ID.match(value):
            self.add("bank-bad-id", path, value=value)
        if seen is not None:
            if value in seen:
                self.add("bank-duplicate-id", path, value=value)
            seen.add(value)
        return value

    def str_list(self, value: object, path: str) -> list[str]:
        items = self.typed(value, list, path)
        if items is None:
            return []
        return [item for index, item in enumerate(items) if self.typed(item, str, f"{path}[{index}]") is not None]


def build_bank(data: Mapping[str, Any]) -> Bank:
    """A validated ``Bank`` from the parsed TOML; raises ``BankError`` listing every problem."""
    check = _Collector()
    root = check.table(data, "(bank)") or {}
    check.keys(
        root,
        "",
        (
            "schema_version",
            "dimensions",
            "bands",
            "undecided",
            "questions",
            "dealbreakers",
            "client_types",
            "steps",
            "topics",
        ),
    )
    version = root.get("schema_version")
    if version != SCHEMA_VERSION:
        check.add("bank-rule", "schema_version", detail=f"expected {SCHEMA_VERSION}, got {version!r}")

    topics = _topics(check, root.get("topics", {}))
    topic_ids = {topic.id for topic in topics}
    dimensions = _dimensions(check, root.get("dimensions", {}))
    bands, undecided, min_confidence = _bands(check, root.get("bands", {}), root.get("undecided", {}))
    dealbreaker_tables = check.table(root.get("dealbreakers", {}), "dealbreakers") or {}
    questions = _questions(check, root.get("questions", []), topic_ids, set(dealbreaker_tables))
    answer_refs = {f"{q.id}.{a.id}" for q in questions for a in q.answers if not a.is_unsure}
    dealbreakers = _dealbreakers(check, dealbreaker_tables, questions)
    client_types = _client_types(check, root.get("client_types", {}), topic_ids, answer_refs)
    band_ids = {*BAND_IDS, UNDECIDED_BAND}
    steps = _steps(check, root.get("steps", {}), topic_ids, answer_refs, band_ids)

    if check.problems:
        raise BankError(check.problems)
    return Bank(
        schema_version=SCHEMA_VERSION,
        dimensions=dimensions,
        bands=bands,
        undecided=undecided,
        min_confidence=min_confidence,
        questions=questions,
        dealbreakers=dealbreakers,
        client_types=client_types,
        steps=steps,
        topics=topics,
    )


def _topics(check: _Collector, value: object) -> tuple[Topic, ...]:
    topics = []
    for topic_id, table in _named_tables(check, value, "topics"):
        path = f"topics.{topic_id}"
        check.keys(table, path, ("page", "anchor"))
        page = check.ident(table.get("page"), _join(path, "page"))
        anchor = check.ident(table.get("anchor"), _join(path, "anchor"))
        topics.append(Topic(topic_id, page, anchor))
    return tuple(sorted(topics, key=lambda topic: topic.id))


def _dimensions(check: _Collector, value: object) -> tuple[Dimension, ...]:
    found = dict(_named_tables(check, value, "dimensions"))
    for name in found:
        if name not in DIMENSION_IDS:
            check.add("bank-unknown-ref", f"dimensions.{name}", value=name, kind="dimension")
    dimensions = []
    for name in DIMENSION_IDS:
        path = f"dimensions.{name}"
        table = found.get(name)
        if table is None:
            check.add("bank-missing", path)
            continue
        check.keys(table, path, ("label", "weight"))
        label = check.text(table, "label", path)
        weight = check.integer(table, "weight", path, 1, MAX_WEIGHT, default=1)
        dimensions.append(Dimension(name, label, weight))
    return tuple(dimensions)


def _bands(check: _Collector, value: object, undecided_value: object) -> tuple[tuple[Band, ...], Band, int]:
    found = dict(_named_tables(check, value, "bands"))
    for name in found:
        if name not in BAND_IDS:
            check.add("bank-unknown-ref", f"bands.{name}", value=name, kind="band")
    bands: list[Band] = []
    for name in BAND_IDS:
        path = f"bands.{name}"
        table = found.get(name)
        if table is None:
            check.add("bank-missing", path)
            continue
        check.keys(table, path, ("label", "verdict", "min_score"), STAGES)
        verdicts = []
        for stage in STAGES:
            if stage in table:
                where = _join(path, stage)
                sub = check.table(table[stage], where) or {}
                check.keys(sub, where, ("verdict",))
                verdicts.append((stage, check.text(sub, "verdict", where)))
        band = Band(
            name,
            check.text(table, "label", path),
            check.text(table, "verdict", path),
            check.integer(table, "min_score", path, 0, 100),
            tuple(verdicts),
        )
        if not bands and band.min_score != 0:
            check.add("bank-rule", _join(path, "min_score"), detail="the first band must start at 0")
        if bands and band.min_score <= bands[-1].min_score:
            check.add("bank-rule", _join(path, "min_score"), detail="band thresholds must rise strictly")
        bands.append(band)
    table = check.table(undecided_value, "undecided") or {}
    check.keys(table, "undecided", ("label", "verdict", "min_confidence"))
    undecided = Band(
        UNDECIDED_BAND, check.text(table, "label", "undecided"), check.text(table, "verdict", "undecided"), 0
    )
    min_confidence = check.integer(table, "min_confidence", "undecided", 0, 100)
    return tuple(bands), undecided, min_confidence


def _questions(
    check: _Collector, value: object, topic_ids: set[str], dealbreaker_ids: set[str]
) -> tuple[Question, ...]:
    items = check.typed(value, list, "questions") or []
    if not MIN_QUESTIONS <= len(items) <= MAX_QUESTIONS:
        check.add(
            "bank-rule", "questions", detail=f"expected {MIN_QUESTIONS}-{MAX_QUESTIONS} questions, got {len(items)}"
        )
    seen: set[str] = set()
    questions = []
    for index, item in enumerate(items):
        path = f"questions[{index}]"
        table = check.table(item, path)
        if table is None:
            continue
        check.keys(table, path, ("id", "text", "sign", "topic", "dimensions", "answers"))
        qid = check.ident(table.get("id"), _join(path, "id"), seen)
        topic = _topic_ref(check, table.get("topic"), _join(path, "topic"), topic_ids)
        dims = check.str_list(table.get("dimensions", []), _join(path, "dimensions"))
        for position, dim in enumerate(dims):
            if dim not in DIMENSION_IDS:
                check.add("bank-unknown-ref", f"{path}.dimensions[{position}]", value=dim, kind="dimension")
        if not dims:
            check.add("bank-rule", _join(path, "dimensions"), detail="a question must move at least one dimension")
        answers = _answers(check, table.get("answers", []), _join(path, "answers"), set(dims), dealbreaker_ids)
        question = Question(
            qid, check.text(table, "text", path), check.text(table, "sign", path), topic, tuple(dims), answers
        )
        for dim in dims:
            if dim in DIMENSION_IDS and answers and question.max_points(dim) == 0:
                check.add("bank-rule", _join(path, "dimensions"), detail=f"no answer gives points on “{dim}”")
        questions.append(question)
    return tuple(questions)


def _answers(
    check: _Collector, value: object, path: str, dims: set[str], dealbreaker_ids: set[str]
) -> tuple[Answer, ...]:
    items = check.typed(value, list, path) or []
    seen: set[str] = set()
    answers = []
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        table = check.table(item, where)
        if table is None:
            continue
        check.keys(table, where, ("id", "text"), ("points", "dealbreaker", "sign", "serious", "stage"))
        aid = check.ident(table.get("id"), _join(where, "id"), seen)
        points = []
        for dim, amount in (check.table(table.get("points", {}), _join(where, "points")) or {}).items():
            point_path = f"{where}.points.{dim}"
            if dim not in dims:
                check.add("bank-unknown-ref", point_path, value=dim, kind="dimension of this question")
            amount = check.bounded(amount, point_path, 0, MAX_POINTS)
            if amount:
                points.append((dim, amount))
        dealbreaker = table.get("dealbreaker")
        if dealbreaker is not None and check.ident(dealbreaker, _join(where, "dealbreaker")) not in dealbreaker_ids:
            check.add("bank-unknown-ref", _join(where, "dealbreaker"), value=dealbreaker, kind="dealbreaker")
        if aid in (UNSURE, NOT_YET) and (points or dealbreaker is not None or "stage" in table):
            check.add("bank-rule", where, detail=f"the “{aid}” answer must carry no points, dealbreaker or stage")
        top = max((amount for _, amount in points), default=0)
        sign = check.text(table, "sign", where) if "sign" in table else ""
        if top >= WARNING_POINTS and not sign:
            check.add("bank-rule", where, detail="a warning sign needs a “sign” sentence for the result")
        serious = check.text(table, "serious", where) if "serious" in table else ""
        if (top >= FLOOR_POINTS) != bool(serious):
            detail = (
                f"an answer with {FLOOR_POINTS} or more points is serious: say why in “serious”"
                if top >= FLOOR_POINTS
                else f"only an answer with {FLOOR_POINTS} or more points on a dimension can be “serious”"
            )
            check.add("bank-rule", where, detail=detail)
        stage = table.get("stage")
        if stage is not None and stage not in STAGES:
            check.add("bank-unknown-ref", _join(where, "stage"), value=stage, kind="stage (before, started)")
        answers.append(
            Answer(
                aid,
                check.text(table, "text", where),
                tuple(sorted(points)),
                dealbreaker if isinstance(dealbreaker, str) else None,
                sign,
                serious,
                stage if isinstance(stage, str) and stage in STAGES else (STAGES[0] if aid == NOT_YET else None),
            )
        )
    if UNSURE not in seen:
        check.add("bank-rule", path, detail=f"every question needs a “{UNSURE}” answer")
    if len(items) < 3:
        check.add("bank-rule", path, detail="a question needs at least two answers besides “unsure”")
    return tuple(answers)


def _dealbreakers(
    check: _Collector, tables: dict[str, Any], questions: tuple[Question, ...]
) -> tuple[Dealbreaker, ...]:
    by_id = {question.id: question for question in questions}
    marked = {answer.dealbreaker for question in questions for answer in question.answers}
    items = []
    for dealbreaker_id, table in _named_tables(check, tables, "dealbreakers"):
        path = f"dealbreakers.{dealbreaker_id}"
        check.keys(table, path, ("text",), ("all_of",))
        conditions = []
        for index, item in enumerate(check.typed(table.get("all_of", []), list, _join(path, "all_of")) or []):
            where = f"{path}.all_of[{index}]"
            cond = check.table(item, where)
            if cond is None or not check.keys(cond, where, ("question", "answers")):
                continue
            qid = check.typed(cond["question"], str, _join(where, "question"))
            question = by_id.get(qid or "")
            if question is None:
                check.add("bank-unknown-ref", _join(where, "question"), value=qid, kind="question")
                continue
            answers = check.str_list(cond["answers"], _join(where, "answers"))
            for position, aid in enumerate(answers):
                if question.answer(aid) is None or aid == UNSURE:
                    check.add("bank-unknown-ref", f"{where}.answers[{position}]", value=aid, kind=f"answer of {qid}")
            conditions.append(Condition(question.id, tuple(answers)))
        if dealbreaker_id not in marked and not conditions:
            check.add("bank-rule", path, detail="no answer sets this dealbreaker and it has no all_of conditions")
        items.append(Dealbreaker(dealbreaker_id, check.text(table, "text", path), tuple(conditions)))
    return tuple(sorted(items, key=lambda item: item.id))


def _client_types(
    check: _Collector, value: object, topic_ids: set[str], answer_refs: set[str]
) -> tuple[ClientType, ...]:
    items = []
    for type_id, table in _named_tables(check, value, "client_types"):
        path = f"client_types.{type_id}"
        check.keys(table, path, ("label", "description", "topic", "signals"))
        signals = []
        for ref, weight in (check.table(table.get("signals", {}), _join(path, "signals")) or {}).items():
            where = f'{path}.signals."{ref}"'
            if ref not in answer_refs:
                check.add("bank-unknown-ref", where, value=ref, kind="question.answer")
            weight = check.bounded(weight, where, 1, MAX_WEIGHT)
            signals.append((ref, weight or 0))
        if not signals:
            check.add("bank-rule", _join(path, "signals"), detail="a client type needs at least one signal")
        elif max(weight for _, weight in signals) < KEY_SIGNAL:
            check.add(
                "bank-rule",
                _join(path, "signals"),
                detail=f"a client type needs a key signal (weight {KEY_SIGNAL} or more): the answer that defines it",
            )
        items.append(
            ClientType(
                type_id,
                check.text(table, "label", path),
                check.text(table, "description", path),
                _topic_ref(check, table.get("topic"), _join(path, "topic"), topic_ids),
                tuple(sorted(signals)),
            )
        )
    return tuple(sorted(items, key=lambda item: item.id))


def _steps(
    check: _Collector, value: object, topic_ids: set[str], answer_refs: set[str], band_ids: set[str]
) -> tuple[Step, ...]:
    items = []
    for step_id, table in _named_tables(check, value, "steps"):
        path = f"steps.{step_id}"
        check.keys(table, path, ("text", "topic", "order", "serves"), ("answers", "bands", "stages", "unless"))
        answers = check.str_list(table.get("answers", []), _join(path, "answers"))
        _check_refs(check, answers, _join(path, "answers"), answer_refs, "question.answer")
        bands = check.str_list(table.get("bands", []), _join(path, "bands"))
        _check_refs(check, bands, _join(path, "bands"), band_ids, "band")
        serves = check.str_list(table.get("serves", []), _join(path, "serves"))
        _check_refs(check, serves, _join(path, "serves"), {*SITUATIONS, "any"}, "situation")
        if "serves" in table and not serves:
            check.add("bank-rule", _join(path, "serves"), detail="a step serves at least one situation")
        stages = check.str_list(table.get("stages", []), _join(path, "stages"))
        _check_refs(check, stages, _join(path, "stages"), {*STAGES, UNKNOWN_STAGE}, "stage")
        unless = check.str_list(table.get("unless", []), _join(path, "unless"))
        _check_refs(check, unless, _join(path, "unless"), answer_refs, "question.answer")
        if not answers and not bands:
            check.add("bank-rule", path, detail="a step needs answers or bands that add it to the plan")
        items.append(
            Step(
                step_id,
                check.text(table, "text", path),
                _topic_ref(check, table.get("topic"), _join(path, "topic"), topic_ids),
                check.integer(table, "order", path, 0, 1000),
                SITUATIONS if "any" in serves else tuple(s for s in SITUATIONS if s in serves),
                tuple(answers),
                tuple(bands),
                tuple(stages),
                tuple(unless),
            )
        )
    return tuple(sorted(items, key=lambda item: (item.order, item.id)))


def _check_refs(check: _Collector, values: list[str], path: str, known: set[str], kind: str) -> None:
    for index, value in enumerate(values):
        if value not in known:
            check.add("bank-unknown-ref", f"{path}[{index}]", value=value, kind=kind)


def _topic_ref(check: _Collector, value: object, path: str, topic_ids: set[str]) -> str:
    topic = check.typed(value, str, path)
    if topic is not None and topic not in topic_ids:
        check.add("bank-unknown-ref", path, value=topic, kind="topic")
    return topic or ""


def _named_tables(check: _Collector, value: object, path: str) -> list[tuple[str, dict[str, Any]]]:
    """``[section.<id>]`` tables as ``(id, table)`` pairs, ids checked."""
    tables = check.table(value, path) or {}
    pairs = []
    for name, table in tables.items():
        check.ident(name, f"{path}.{name}")
        table = check.table(table, f"{path}.{name}")
        if table is not None:
            pairs.append((name, table))
    return pairs


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind) and not isinstance(value, bool):
            return f"{name} ({value!r})" if kind in (str, int) else name
    return type(value).__name__
