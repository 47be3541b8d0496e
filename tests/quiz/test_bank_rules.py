"""The bank's validation, rule by rule and branch by branch: each fault is named where it is, and only there.

``bank.py`` promises to report every fault of ``bank.toml`` with a path that locates
it (``questions[0].answers[6]``, ``client_types.abusive.signals."x.y"``) and a message
that says what is wrong. Each case below puts one fault into the packaged bank and
checks that

- the problem is reported, with its code, its path and the words that explain it;
- nothing is reported anywhere else (a fault in one answer does not make a sound
  part of the bank look broken), except where the fault breaks references by its
  nature (a question without answers leaves the steps that name them pointing
  nowhere), which the case lists;
- a value just inside a limit is accepted, so ``<`` and ``<=`` cannot be swapped unseen.

Every case calls ``build_bank`` itself (the packaged bank is read once per process,
so only a call in the test exercises the validation). The packaged bank is also built
here and compared with ``bank.toml`` read by ``tomllib``: the model holds what the file says.
"""

from __future__ import annotations

import copy
import string
import tomllib
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.bank import build_bank
from quiz.errors import BankError, Problem
from quiz.model import BAND_IDS, DIMENSION_IDS, SITUATIONS, Bank, Condition
from quiz.resources import bank_text

RAW: dict[str, Any] = tomllib.loads(bank_text())
QI = {q["id"]: i for i, q in enumerate(RAW["questions"])}
AI = {(q["id"], a["id"]): i for q in RAW["questions"] for i, a in enumerate(q["answers"])}


def Q(qid: str) -> str:  # noqa: N802 - reads as the path it builds
    """The path of question ``qid``: ``questions[3]``."""
    return f"questions[{QI[qid]}]"


def A(qid: str, aid: str) -> str:  # noqa: N802
    """The path of an answer: ``questions[3].answers[1]``."""
    return f"{Q(qid)}.answers[{AI[(qid, aid)]}]"


def q(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return data["questions"][QI[qid]]


def a(data: dict[str, Any], qid: str, aid: str) -> dict[str, Any]:
    return q(data, qid)["answers"][AI[(qid, aid)]]


def problems(data: Any) -> list[Problem]:
    """The problems ``build_bank`` reports for ``data`` ([] when it builds)."""
    try:
        build_bank(data)
    except BankError as error:
        assert error.problems, "a BankError always lists its problems"
        return list(error.problems)
    return []


def under(path: str, places: tuple[str, ...]) -> bool:
    return any(path == place or path.startswith((place + ".", place + "[")) for place in places)


class Fault(NamedTuple):
    name: str
    change: Callable[[dict[str, Any]], object]
    expected: dict[tuple[str, str], str]
    """(code, path) -> words the message must contain."""
    elsewhere: tuple[str, ...] = ()
    """Other places the fault breaks by its nature (references to what it removed); nothing else may be reported."""


REFS = ("steps", "client_types", "dealbreakers")
"""Where answers are referred to: a fault that removes an answer leaves these pointing nowhere."""


def setitem(table: dict[str, Any], key: str, value: object) -> None:
    table[key] = value


FAULTS = [
    # --- the file as a whole -----------------------------------------------------------------
    Fault("schema version", lambda d: setitem(d, "schema_version", 2),
          {("bank-rule", "schema_version"): "schema_version: expected 1, got 2"}),
    Fault("no schema version", lambda d: d.pop("schema_version"),
          {("bank-missing", "schema_version"): "this key is required",
           ("bank-rule", "schema_version"): "expected 1, got None"}),
    Fault("unknown top-level key", lambda d: setitem(d, "colour", "red"),
          {("bank-unknown-key", "colour"): "unknown key"}),
    Fault("no steps at all", lambda d: d.pop("steps"), {("bank-missing", "steps"): "steps: this key is required"}),
    # --- topics ----------------------------------------------------------------------------
    Fault("topic page not an id", lambda d: setitem(d["topics"]["abusive"], "page", "Eight Problem Clients"),
          {("bank-bad-id", "topics.abusive.page"): "“Eight Problem Clients” is not a valid id"}),
    Fault("topic with an unknown key", lambda d: setitem(d["topics"]["abusive"], "title", "x"),
          {("bank-unknown-key", "topics.abusive.title"): "unknown key"}),
    Fault("topic id not an id", lambda d: setitem(d["topics"], "Bad_Id", {"page": "x", "anchor": "y"}),
          {("bank-bad-id", "topics.Bad_Id"): "“Bad_Id” is not a valid id"}),
    Fault("topic not a table", lambda d: setitem(d["topics"], "abusive", "eight-problem-clients#abusive"),
          {("bank-type", "topics.abusive"): "expected a table, got text ('eight-problem-clients#abusive')",
           ("bank-unknown-ref", f"{Q('abusive')}.topic"): "“abusive” is not a known topic",
           ("bank-unknown-ref", "client_types.abusive.topic"): "“abusive” is not a known topic"}),
    # --- dimensions ------------------------------------------------------------------------
    Fault("weight 0", lambda d: setitem(d["dimensions"]["payment"], "weight", 0),
          {("bank-range", "dimensions.payment.weight"): "0 is out of range (1 to 10)"}),
    Fault("weight 11", lambda d: setitem(d["dimensions"]["respect"], "weight", 11),
          {("bank-range", "dimensions.respect.weight"): "11 is out of range (1 to 10)"}),
    Fault("weight as text", lambda d: setitem(d["dimensions"]["payment"], "weight", "3"),
          {("bank-type", "dimensions.payment.weight"): "expected a whole number, got text ('3')"}),
    Fault("weight true", lambda d: setitem(d["dimensions"]["payment"], "weight", True),
          {("bank-type", "dimensions.payment.weight"): "expected a whole number, got bool"}),
    Fault("weight 2.5", lambda d: setitem(d["dimensions"]["payment"], "weight", 2.5),
          {("bank-type", "dimensions.payment.weight"): "expected a whole number, got float"}),
    Fault("no weight", lambda d: d["dimensions"]["payment"].pop("weight"),
          {("bank-missing", "dimensions.payment.weight"): "required"}),
    Fault("no threshold", lambda d: d["bands"]["healthy"].pop("min_score"),
          {("bank-missing", "bands.healthy.min_score"): "required"}),
    Fault("no order", lambda d: d["steps"]["deposit"].pop("order"),
          {("bank-missing", "steps.deposit.order"): "required"}),
    Fault("empty label", lambda d: setitem(d["dimensions"]["scope"], "label", " "),
          {("bank-empty-text", "dimensions.scope.label"): "the text is empty"}),
    Fault("label as a list", lambda d: setitem(d["dimensions"]["scope"], "label", ["Scope"]),
          {("bank-type", "dimensions.scope.label"): "expected text, got a list"}),
    Fault("no label", lambda d: d["dimensions"]["scope"].pop("label"),
          {("bank-missing", "dimensions.scope.label"): "required",
           ("bank-type", "dimensions.scope.label"): "expected text, got nothing"}),
    Fault("dimension not a table", lambda d: setitem(d["dimensions"], "payment", 3),
          {("bank-type", "dimensions.payment"): "expected a table, got a whole number (3)",
           ("bank-missing", "dimensions.payment"): "required"}),
    Fault("unknown dimension", lambda d: setitem(d["dimensions"], "mood", {"label": "Mood", "weight": 1}),
          {("bank-unknown-ref", "dimensions.mood"): "“mood” is not a known dimension"}),
    # --- bands -----------------------------------------------------------------------------
    Fault("first band above 0", lambda d: setitem(d["bands"]["healthy"], "min_score", 5),
          {("bank-rule", "bands.healthy.min_score"): "the first band must start at 0"}),
    Fault("second band at the first's threshold", lambda d: setitem(d["bands"]["high-maintenance"], "min_score", 0),
          {("bank-rule", "bands.high-maintenance.min_score"): "band thresholds must rise strictly"}),
    Fault("third band at the second's threshold", lambda d: setitem(d["bands"]["walk-away"], "min_score", 30),
          {("bank-rule", "bands.walk-away.min_score"): "band thresholds must rise strictly"}),
    Fault("threshold 101", lambda d: setitem(d["bands"]["walk-away"], "min_score", 101),
          {("bank-range", "bands.walk-away.min_score"): "101 is out of range (0 to 100)"}),
    Fault("stage verdict not a table", lambda d: setitem(d["bands"]["healthy"], "before", "Fine."),
          {("bank-type", "bands.healthy.before"): "expected a table, got text ('Fine.')",
           ("bank-missing", "bands.healthy.before.verdict"): "required",
           ("bank-type", "bands.healthy.before.verdict"): "expected text, got nothing"}),
    Fault("stage verdict without its text", lambda d: setitem(d["bands"]["healthy"], "started", {}),
          {("bank-missing", "bands.healthy.started.verdict"): "required",
           ("bank-type", "bands.healthy.started.verdict"): "expected text"}),
    Fault("stage verdict with an unknown key", lambda d: d["bands"]["walk-away"]["before"].update(tone="firm"),
          {("bank-unknown-key", "bands.walk-away.before.tone"): "unknown key"}),
    Fault("stage verdict empty", lambda d: setitem(d["bands"]["walk-away"], "before", {"verdict": ""}),
          {("bank-empty-text", "bands.walk-away.before.verdict"): "empty"}),
    Fault("verdict for an unknown stage", lambda d: setitem(d["bands"]["healthy"], "later", {"verdict": "x"}),
          {("bank-unknown-key", "bands.healthy.later"): "unknown key"}),
    Fault("unknown band", lambda d: setitem(d["bands"], "great", {"label": "Great", "verdict": "x", "min_score": 90}),
          {("bank-unknown-ref", "bands.great"): "“great” is not a known band"}),
    Fault("missing band", lambda d: d["bands"].pop("walk-away"), {("bank-missing", "bands.walk-away"): "required"}),
    Fault("no band verdict", lambda d: d["bands"]["healthy"].pop("verdict"),
          {("bank-missing", "bands.healthy.verdict"): "required", ("bank-type", "bands.healthy.verdict"): "text"}),
    Fault("minimum confidence 101", lambda d: setitem(d["undecided"], "min_confidence", 101),
          {("bank-range", "undecided.min_confidence"): "101 is out of range (0 to 100)"}),
    Fault("minimum confidence -1", lambda d: setitem(d["undecided"], "min_confidence", -1),
          {("bank-range", "undecided.min_confidence"): "-1 is out of range (0 to 100)"}),
    Fault("undecided with an unknown key", lambda d: setitem(d["undecided"], "colour", "grey"),
          {("bank-unknown-key", "undecided.colour"): "unknown key"}),
    Fault("undecided verdict empty", lambda d: setitem(d["undecided"], "verdict", ""),
          {("bank-empty-text", "undecided.verdict"): "empty"}),
    Fault("undecided not a table", lambda d: setitem(d, "undecided", "Not enough"),
          {("bank-type", "undecided"): "expected a table",
           ("bank-missing", "undecided.label"): "required", ("bank-missing", "undecided.verdict"): "required",
           ("bank-missing", "undecided.min_confidence"): "required",
           ("bank-type", "undecided.label"): "nothing", ("bank-type", "undecided.verdict"): "nothing"}),
    # --- questions ---------------------------------------------------------------------------
    Fault("26 questions", lambda d: d["questions"].append({**copy.deepcopy(d["questions"][0]), "id": "one-more"}),
          {("bank-rule", "questions"): "expected 15-25 questions, got 26"}),
    Fault("duplicate question id", lambda d: setitem(q(d, "renegotiates"), "id", "pays-on-time"),
          {("bank-duplicate-id", f"{Q('renegotiates')}.id"): "the id “pays-on-time” is used twice"}, REFS),
    Fault("question id with capitals", lambda d: setitem(q(d, "renegotiates"), "id", "Renegotiates"),
          {("bank-bad-id", f"{Q('renegotiates')}.id"): "“Renegotiates” is not a valid id"}, REFS),
    Fault("question without an id", lambda d: q(d, "renegotiates").pop("id"),
          {("bank-missing", f"{Q('renegotiates')}.id"): "required",
           ("bank-type", f"{Q('renegotiates')}.id"): "expected text, got nothing"}, REFS),
    Fault("question not a table", lambda d: d["questions"].__setitem__(QI["renegotiates"], "renegotiates"),
          {("bank-type", Q("renegotiates")): "expected a table"}, REFS),
    Fault("question topic not text", lambda d: setitem(q(d, "renegotiates"), "topic", 3),
          {("bank-type", f"{Q('renegotiates')}.topic"): "expected text, got a whole number (3)"}),
    Fault("question topic unknown", lambda d: setitem(q(d, "renegotiates"), "topic", "haggling"),
          {("bank-unknown-ref", f"{Q('renegotiates')}.topic"): "“haggling” is not a known topic"}),
    Fault("question sign empty", lambda d: setitem(q(d, "renegotiates"), "sign", ""),
          {("bank-empty-text", f"{Q('renegotiates')}.sign"): "empty"}),
    Fault("question without text", lambda d: q(d, "renegotiates").pop("text"),
          {("bank-missing", f"{Q('renegotiates')}.text"): "required",
           ("bank-type", f"{Q('renegotiates')}.text"): "nothing"}),
    Fault("no dimensions", lambda d: setitem(q(d, "renegotiates"), "dimensions", []),
          {("bank-rule", f"{Q('renegotiates')}.dimensions"): "a question must move at least one dimension",
           ("bank-unknown-ref", f"{A('renegotiates', 'sometimes')}.points.payment"): "dimension of this question"},
          (Q("renegotiates"),)),
    Fault("dimensions not a list", lambda d: setitem(q(d, "renegotiates"), "dimensions", "payment"),
          {("bank-type", f"{Q('renegotiates')}.dimensions"): "expected a list, got text ('payment')",
           ("bank-rule", f"{Q('renegotiates')}.dimensions"): "at least one dimension"},
          (Q("renegotiates"),)),
    Fault("a dimension that is not text", lambda d: q(d, "renegotiates")["dimensions"].append(7),
          {("bank-type", f"{Q('renegotiates')}.dimensions[2]"): "expected text, got a whole number (7)"}),
    Fault("a dimension no answer moves", lambda d: q(d, "renegotiates")["dimensions"].append("reputation"),
          {("bank-rule", f"{Q('renegotiates')}.dimensions"): "no answer gives points on “reputation”"}),
    Fault("an unknown dimension", lambda d: q(d, "renegotiates")["dimensions"].append("mood"),
          {("bank-unknown-ref", f"{Q('renegotiates')}.dimensions[2]"): "“mood” is not a known dimension"}),
    # --- answers ---------------------------------------------------------------------------
    Fault("answers not a list", lambda d: setitem(q(d, "renegotiates"), "answers", {}),
          {("bank-type", f"{Q('renegotiates')}.answers"): "expected a list, got a table",
           ("bank-rule", f"{Q('renegotiates')}.answers"): "every question needs a “unsure” answer"},
          (Q("renegotiates"), *REFS)),
    Fault("answer not a table", lambda d: q(d, "renegotiates")["answers"].__setitem__(1, "sometimes"),
          {("bank-type", A("renegotiates", "sometimes")): "expected a table, got text ('sometimes')"}, REFS),
    Fault("answer with an unknown key", lambda d: setitem(a(d, "renegotiates", "never"), "colour", "red"),
          {("bank-unknown-key", f"{A('renegotiates', 'never')}.colour"): "unknown key"}),
    Fault("answer without text", lambda d: a(d, "renegotiates", "never").pop("text"),
          {("bank-missing", f"{A('renegotiates', 'never')}.text"): "required",
           ("bank-type", f"{A('renegotiates', 'never')}.text"): "nothing"}),
    Fault("duplicate answer id", lambda d: setitem(a(d, "renegotiates", "sometimes"), "id", "never"),
          {("bank-duplicate-id", f"{A('renegotiates', 'sometimes')}.id"): "the id “never” is used twice"}, REFS),
    Fault("answer id with a space", lambda d: setitem(a(d, "renegotiates", "sometimes"), "id", "some times"),
          {("bank-bad-id", f"{A('renegotiates', 'sometimes')}.id"): "“some times” is not a valid id"}, REFS),
    Fault("points on a dimension the question does not move",
          lambda d: a(d, "renegotiates", "sometimes")["points"].update(scope=2),
          {("bank-unknown-ref", f"{A('renegotiates', 'sometimes')}.points.scope"):
           "“scope” is not a known dimension of this question"}),
    Fault("points 11", lambda d: a(d, "pays-on-time", "unpaid")["points"].update(payment=11),
          {("bank-range", f"{A('pays-on-time', 'unpaid')}.points.payment"): "11 is out of range (0 to 10)"}),
    Fault("points -1", lambda d: a(d, "renegotiates", "sometimes")["points"].update(payment=-1),
          {("bank-range", f"{A('renegotiates', 'sometimes')}.points.payment"): "-1 is out of range (0 to 10)"},
          (Q("renegotiates"),)),
    Fault("points not a table", lambda d: setitem(a(d, "renegotiates", "sometimes"), "points", 3),
          {("bank-type", f"{A('renegotiates', 'sometimes')}.points"): "expected a table, got a whole number (3)"}),
    Fault("unknown dealbreaker", lambda d: setitem(a(d, "renegotiates", "always"), "dealbreaker", "greed"),
          {("bank-unknown-ref", f"{A('renegotiates', 'always')}.dealbreaker"): "“greed” is not a known dealbreaker"}),
    Fault("dealbreaker not an id", lambda d: setitem(a(d, "renegotiates", "always"), "dealbreaker", "Greed!"),
          {("bank-bad-id", f"{A('renegotiates', 'always')}.dealbreaker"): "“Greed!” is not a valid id",
           ("bank-unknown-ref", f"{A('renegotiates', 'always')}.dealbreaker"): "not a known dealbreaker"}),
    Fault("dealbreaker not text", lambda d: setitem(a(d, "renegotiates", "always"), "dealbreaker", 1),
          {("bank-type", f"{A('renegotiates', 'always')}.dealbreaker"): "expected text, got a whole number (1)",
           ("bank-unknown-ref", f"{A('renegotiates', 'always')}.dealbreaker"): "“1” is not a known dealbreaker"}),
    Fault("“unsure” with points", lambda d: setitem(a(d, "renegotiates", "unsure"), "points", {"payment": 1}),
          {("bank-rule", A("renegotiates", "unsure")):
           "the “unsure” answer must carry no points, dealbreaker or stage"}),
    Fault("“unsure” with a dealbreaker", lambda d: setitem(a(d, "renegotiates", "unsure"), "dealbreaker", "abuse"),
          {("bank-rule", A("renegotiates", "unsure")): "the “unsure” answer must carry no points"}),
    Fault("“unsure” with a stage", lambda d: setitem(a(d, "renegotiates", "unsure"), "stage", "started"),
          {("bank-rule", A("renegotiates", "unsure")): "the “unsure” answer must carry no points"}),
    Fault("“not yet” with points", lambda d: setitem(a(d, "renegotiates", "not-yet"), "points", {"payment": 2}),
          {("bank-rule", A("renegotiates", "not-yet")):
           "the “not-yet” answer must carry no points, dealbreaker or stage"}),
    Fault("“not yet” with a dealbreaker", lambda d: setitem(a(d, "renegotiates", "not-yet"), "dealbreaker", "abuse"),
          {("bank-rule", A("renegotiates", "not-yet")): "the “not-yet” answer must carry no points"}),
    Fault("“not yet” with a stage", lambda d: setitem(a(d, "renegotiates", "not-yet"), "stage", "before"),
          {("bank-rule", A("renegotiates", "not-yet")): "the “not-yet” answer must carry no points"}),
    Fault("no “unsure” answer", lambda d: q(d, "renegotiates")["answers"].pop(),
          {("bank-rule", f"{Q('renegotiates')}.answers"): "every question needs a “unsure” answer"}, REFS),
    Fault("one answer besides “unsure”",
          lambda d: setitem(q(d, "renegotiates"), "answers", [a(d, "renegotiates", x) for x in ("always", "unsure")]),
          {("bank-rule", f"{Q('renegotiates')}.answers"): "a question needs at least two answers besides “unsure”"},
          REFS),
    Fault("a warning sign (4 points) without its sentence",
          lambda d: a(d, "renegotiates", "sometimes")["points"].update(payment=4),
          {("bank-rule", A("renegotiates", "sometimes")): "a warning sign needs a “sign” sentence for the result"}),
    Fault("a warning sign's sentence removed", lambda d: a(d, "renegotiates", "always").pop("sign"),
          {("bank-rule", A("renegotiates", "always")): "a warning sign needs a “sign” sentence"}),
    Fault("a warning sign's sentence empty", lambda d: setitem(a(d, "renegotiates", "always"), "sign", ""),
          {("bank-empty-text", f"{A('renegotiates', 'always')}.sign"): "empty",
           ("bank-rule", A("renegotiates", "always")): "a warning sign needs a “sign” sentence"}),
    Fault("a serious answer (8 points) without its reason",
          lambda d: a(d, "renegotiates", "always")["points"].update(payment=8),
          {("bank-rule", A("renegotiates", "always")):
           "an answer with 8 or more points is serious: say why in “serious”"}),
    Fault("a serious answer's reason removed", lambda d: a(d, "pays-on-time", "unpaid").pop("serious"),
          {("bank-rule", A("pays-on-time", "unpaid")): "is serious: say why"}),
    Fault("a serious answer's reason empty", lambda d: setitem(a(d, "pays-on-time", "unpaid"), "serious", ""),
          {("bank-empty-text", f"{A('pays-on-time', 'unpaid')}.serious"): "empty",
           ("bank-rule", A("pays-on-time", "unpaid")): "is serious: say why"}),
    Fault("a reason on an answer of 7 points", lambda d: setitem(a(d, "renegotiates", "always"), "serious", "x"),
          {("bank-rule", A("renegotiates", "always")):
           "only an answer with 8 or more points on a dimension can be “serious”"}),
    Fault("a serious answer brought down to 7 points",
          lambda d: a(d, "pays-on-time", "excuses")["points"].update(payment=7),
          {("bank-rule", A("pays-on-time", "excuses")): "only an answer with 8 or more points"}),
    Fault("unknown stage", lambda d: setitem(a(d, "renegotiates", "always"), "stage", "after"),
          {("bank-unknown-ref", f"{A('renegotiates', 'always')}.stage"):
           "“after” is not a known stage (before, started)"}),
    Fault("stage not text", lambda d: setitem(a(d, "renegotiates", "always"), "stage", 2),
          {("bank-unknown-ref", f"{A('renegotiates', 'always')}.stage"): "“2” is not a known stage"}),
    # --- dealbreakers ------------------------------------------------------------------------
    Fault("dealbreakers not a table", lambda d: setitem(d, "dealbreakers", ["abuse"]),
          {("bank-type", "dealbreakers"): "expected a table, got a list",
           ("bank-unknown-ref", f"{A('abusive', 'insults')}.dealbreaker"): "“abuse” is not a known dealbreaker"},
          ("questions",)),
    Fault("dealbreaker with an unknown key", lambda d: setitem(d["dealbreakers"]["abuse"], "colour", "red"),
          {("bank-unknown-key", "dealbreakers.abuse.colour"): "unknown key"}),
    Fault("dealbreaker without text", lambda d: d["dealbreakers"]["abuse"].pop("text"),
          {("bank-missing", "dealbreakers.abuse.text"): "required", ("bank-type", "dealbreakers.abuse.text"): "text"}),
    Fault("a dealbreaker nothing sets", lambda d: setitem(d["dealbreakers"], "lonely", {"text": "Alone."}),
          {("bank-rule", "dealbreakers.lonely"):
           "no answer sets this dealbreaker and it has no all_of conditions"}),
    Fault("dealbreaker id not an id", lambda d: setitem(d["dealbreakers"], "No_Way", {"text": "x"}),
          {("bank-bad-id", "dealbreakers.No_Way"): "“No_Way” is not a valid id",
           ("bank-rule", "dealbreakers.No_Way"): "no answer sets this dealbreaker"}),
    Fault("all_of not a list", lambda d: setitem(d["dealbreakers"]["no-contract-unpaid"], "all_of", "both"),
          {("bank-type", "dealbreakers.no-contract-unpaid.all_of"): "expected a list",
           ("bank-rule", "dealbreakers.no-contract-unpaid"): "no answer sets this dealbreaker"}),
    Fault("a condition not a table", lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"].__setitem__(0, "x"),
          {("bank-type", "dealbreakers.no-contract-unpaid.all_of[0]"): "expected a table"}),
    Fault("a condition without answers", lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"][1].pop("answers"),
          {("bank-missing", "dealbreakers.no-contract-unpaid.all_of[1].answers"): "required"}),
    Fault("a condition with an unknown key",
          lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"][1].update(colour="red"),
          {("bank-unknown-key", "dealbreakers.no-contract-unpaid.all_of[1].colour"): "unknown key"}),
    Fault("a condition on an unknown question",
          lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"][1].update(question="pays"),
          {("bank-unknown-ref", "dealbreakers.no-contract-unpaid.all_of[1].question"):
           "“pays” is not a known question"}),
    Fault("a condition's question not text",
          lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"][1].update(question=["pays-on-time"]),
          {("bank-type", "dealbreakers.no-contract-unpaid.all_of[1].question"): "expected text, got a list",
           ("bank-unknown-ref", "dealbreakers.no-contract-unpaid.all_of[1].question"): "is not a known question"}),
    Fault("a condition on an answer the question lacks",
          lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"][1]["answers"].append("never"),
          {("bank-unknown-ref", "dealbreakers.no-contract-unpaid.all_of[1].answers[3]"):
           "“never” is not a known answer of pays-on-time"}),
    Fault("a condition on “unsure”",
          lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"][1]["answers"].append("unsure"),
          {("bank-unknown-ref", "dealbreakers.no-contract-unpaid.all_of[1].answers[3]"):
           "“unsure” is not a known answer of pays-on-time"}),
    Fault("a condition's answers not a list",
          lambda d: d["dealbreakers"]["no-contract-unpaid"]["all_of"][1].update(answers="unpaid"),
          {("bank-type", "dealbreakers.no-contract-unpaid.all_of[1].answers"): "expected a list"}),
    # --- client types ----------------------------------------------------------------------
    Fault("a signal on an unknown answer",
          lambda d: d["client_types"]["abusive"]["signals"].update({"abusive.shouts": 1}),
          {("bank-unknown-ref", 'client_types.abusive.signals."abusive.shouts"'):
           "“abusive.shouts” is not a known question.answer"}),
    Fault("a signal on “unsure”", lambda d: d["client_types"]["abusive"]["signals"].update({"abusive.unsure": 1}),
          {("bank-unknown-ref", 'client_types.abusive.signals."abusive.unsure"'): "is not a known question.answer"}),
    Fault("signal weight 0", lambda d: d["client_types"]["abusive"]["signals"].update({"abusive.rude": 0}),
          {("bank-range", 'client_types.abusive.signals."abusive.rude"'): "0 is out of range (1 to 10)"}),
    Fault("signal weight 11", lambda d: d["client_types"]["abusive"]["signals"].update({"abusive.insults": 11}),
          {("bank-range", 'client_types.abusive.signals."abusive.insults"'): "11 is out of range (1 to 10)"}),
    Fault("signal weight as text", lambda d: d["client_types"]["abusive"]["signals"].update({"abusive.rude": "1"}),
          {("bank-type", 'client_types.abusive.signals."abusive.rude"'): "expected a whole number"}),
    Fault("no signals", lambda d: setitem(d["client_types"]["abusive"], "signals", {}),
          {("bank-rule", "client_types.abusive.signals"): "a client type needs at least one signal"}),
    Fault("signals not a table", lambda d: setitem(d["client_types"]["abusive"], "signals", ["abusive.insults"]),
          {("bank-type", "client_types.abusive.signals"): "expected a table",
           ("bank-rule", "client_types.abusive.signals"): "needs at least one signal"}),
    Fault("no key signal", lambda d: d["client_types"]["abusive"]["signals"].update({"abusive.insults": 2}),
          {("bank-rule", "client_types.abusive.signals"):
           "a client type needs a key signal (weight 3 or more): the answer that defines it"}),
    Fault("client type topic unknown", lambda d: setitem(d["client_types"]["abusive"], "topic", "rudeness"),
          {("bank-unknown-ref", "client_types.abusive.topic"): "“rudeness” is not a known topic"}),
    Fault("client type without description", lambda d: d["client_types"]["abusive"].pop("description"),
          {("bank-missing", "client_types.abusive.description"): "required",
           ("bank-type", "client_types.abusive.description"): "nothing"}),
    Fault("client type with an unknown key", lambda d: setitem(d["client_types"]["abusive"], "colour", "red"),
          {("bank-unknown-key", "client_types.abusive.colour"): "unknown key"}),
    # --- steps -----------------------------------------------------------------------------
    Fault("a step's answer unknown", lambda d: d["steps"]["deposit"]["answers"].append("pays-on-time.never"),
          {("bank-unknown-ref", "steps.deposit.answers[7]"): "“pays-on-time.never” is not a known question.answer"}),
    Fault("a step's band unknown", lambda d: d["steps"]["decline"]["bands"].append("great"),
          {("bank-unknown-ref", "steps.decline.bands[1]"): "“great” is not a known band"}),
    Fault("a step serving an unknown situation", lambda d: d["steps"]["deposit"]["serves"].append("party"),
          {("bank-unknown-ref", "steps.deposit.serves[1]"): "“party” is not a known situation"}),
    Fault("a step serving nothing", lambda d: setitem(d["steps"]["deposit"], "serves", []),
          {("bank-rule", "steps.deposit.serves"): "a step serves at least one situation"}),
    Fault("a step without serves", lambda d: d["steps"]["deposit"].pop("serves"),
          {("bank-missing", "steps.deposit.serves"): "required"}),
    Fault("a step for an unknown stage", lambda d: d["steps"]["decline"]["stages"].append("later"),
          {("bank-unknown-ref", "steps.decline.stages[1]"): "“later” is not a known stage"}),
    Fault("a step left out by an unknown answer", lambda d: setitem(d["steps"]["deposit"], "unless", ["payment.ok"]),
          {("bank-unknown-ref", "steps.deposit.unless[0]"): "“payment.ok” is not a known question.answer"}),
    Fault("a step nothing adds", lambda d: d["steps"]["deposit"].pop("answers"),
          {("bank-rule", "steps.deposit"): "a step needs answers or bands that add it to the plan"}),
    Fault("a step's answers not a list", lambda d: setitem(d["steps"]["deposit"], "answers", "pays-on-time.unpaid"),
          {("bank-type", "steps.deposit.answers"): "expected a list",
           ("bank-rule", "steps.deposit"): "a step needs answers or bands"}),
    Fault("a step's answer not text", lambda d: d["steps"]["deposit"]["answers"].append(3),
          {("bank-type", "steps.deposit.answers[7]"): "expected text, got a whole number (3)"}),
    Fault("order -1", lambda d: setitem(d["steps"]["deposit"], "order", -1),
          {("bank-range", "steps.deposit.order"): "-1 is out of range (0 to 1000)"}),
    Fault("order 1001", lambda d: setitem(d["steps"]["deposit"], "order", 1001),
          {("bank-range", "steps.deposit.order"): "1001 is out of range (0 to 1000)"}),
    Fault("a step's topic unknown", lambda d: setitem(d["steps"]["deposit"], "topic", "money"),
          {("bank-unknown-ref", "steps.deposit.topic"): "“money” is not a known topic"}),
    Fault("a step not a table", lambda d: setitem(d["steps"], "deposit", "Ask for a deposit."),
          {("bank-type", "steps.deposit"): "expected a table, got text ('Ask for a deposit.')"}),
    Fault("a step with an unknown key", lambda d: setitem(d["steps"]["deposit"], "when", "now"),
          {("bank-unknown-key", "steps.deposit.when"): "unknown key"}),
]  # fmt: skip


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
def test_each_fault_is_named_where_it_is(fault: Fault) -> None:
    data = copy.deepcopy(RAW)
    fault.change(data)
    found = problems(data)
    for (code, path), words in fault.expected.items():
        messages = [item.message() for item in found if (item.code, item.path) == (code, path)]
        assert any(words in text for text in messages), (code, path, messages or found)
    assert all(item.message().startswith(f"{item.path}: ") for item in found)  # each message says where first
    others = [item for item in found if (item.code, item.path) not in fault.expected]
    assert [item.message() for item in others if not under(item.path or "", fault.elsewhere)] == []


ACCEPTED = [
    ("weight 1 and weight 10",
     lambda d: d["dimensions"]["payment"].update(weight=10) or d["dimensions"]["scope"].update(weight=1)),
    ("thresholds one apart, the last at 100",
     lambda d: d["bands"]["high-maintenance"].update(min_score=99) or d["bands"]["walk-away"].update(min_score=100)),
    ("minimum confidence 0", lambda d: d["undecided"].update(min_confidence=0)),
    ("minimum confidence 100", lambda d: d["undecided"].update(min_confidence=100)),
    ("points 0 and 10", lambda d: a(d, "renegotiates", "sometimes")["points"].update(payment=0, respect=0)
     or a(d, "renegotiates", "always")["points"].update(payment=10)
     or a(d, "renegotiates", "always").update(serious="x")),
    ("3 points without a sign", lambda d: a(d, "renegotiates", "sometimes")["points"].update(payment=3)),
    ("7 points without a reason", lambda d: a(d, "renegotiates", "always")["points"].update(payment=7)),
    ("a key signal of weight 3 exactly",
     lambda d: d["client_types"]["abusive"]["signals"].update({"abusive.insults": 3})),
    ("signal weights 1 and 10",
     lambda d: d["client_types"]["abusive"]["signals"].update({"abusive.rude": 1, "abusive.insults": 10})),
    ("order 0 and 1000", lambda d: d["steps"]["deposit"].update(order=0) or d["steps"]["late-fee"].update(order=1000)),
    ("a step for the undecided band and the unknown stage",
     lambda d: d["steps"]["deposit"].update(bands=["not-enough-answers"], stages=["unknown"])),
    ("a step serving any situation", lambda d: d["steps"]["deposit"].update(serves=["any"])),
    ("a stage on a calm answer", lambda d: a(d, "renegotiates", "never").update(stage="before")),
    ("verdicts for both stages",
     lambda d: d["bands"]["healthy"].update(before={"verdict": "x"}, started={"verdict": "y"})),
]  # fmt: skip


@pytest.mark.parametrize(("name", "change"), ACCEPTED, ids=[name for name, _ in ACCEPTED])
def test_values_just_inside_the_limits_are_accepted(name: str, change: Callable[[dict[str, Any]], object]) -> None:
    data = copy.deepcopy(RAW)
    change(data)
    assert [item.message() for item in problems(data)] == []


@pytest.mark.parametrize(("count", "ok"), [(14, False), (15, True), (25, True), (26, False)])
def test_question_count_limits(count: int, ok: bool) -> None:
    """15 to 25 questions: the first questions are kept, or copies with new ids added."""
    data = copy.deepcopy(RAW)
    questions = data["questions"][:count]
    for extra in range(count - len(questions)):
        questions.append({**copy.deepcopy(questions[0]), "id": f"extra-{extra}"})
    data["questions"] = questions
    counted = [item.message() for item in problems(data) if item.path == "questions"]
    assert counted == ([] if ok else [f"questions: expected 15-25 questions, got {count}"])


@pytest.mark.parametrize(("kept", "ok"), [(1, False), (2, True)])
def test_two_answers_besides_unsure(kept: int, ok: bool) -> None:
    """A question needs two answers besides "unsure": its first ``kept`` answers and "unsure" are kept."""
    data = copy.deepcopy(RAW)
    question = q(data, "renegotiates")
    question["answers"] = [*question["answers"][:kept], question["answers"][-1]]
    where = f"{Q('renegotiates')}.answers"
    found = [item.message() for item in problems(data) if item.path == where]
    assert found == ([] if ok else [f"{where}: a question needs at least two answers besides “unsure”"])


def test_a_bank_that_is_not_a_table() -> None:
    """Not a table at all: said so, and every section is reported missing; no crash."""
    found = {(item.code, item.path): item.message() for item in problems([])}
    assert found.pop(("bank-type", "(bank)")) == "(bank): expected a table, got a list."
    assert found.pop(("bank-rule", "schema_version")) == "schema_version: expected 1, got None"
    sections = ("schema_version", "dimensions", "bands", "undecided", "questions", "dealbreakers", "client_types",
                "steps", "topics")  # fmt: skip
    for section in sections:
        assert found.pop(("bank-missing", section)) == f"{section}: this key is required."
    assert set(found) <= {("bank-missing", f"dimensions.{d}") for d in DIMENSION_IDS} | {
        ("bank-missing", f"bands.{b}") for b in BAND_IDS
    } | {("bank-missing", f"undecided.{k}") for k in ("label", "verdict", "min_confidence")} | {
        ("bank-type", f"undecided.{k}") for k in ("label", "verdict")
    } | {("bank-rule", "questions")}


IDENT = st.text(alphabet="ab9-_A .\n", max_size=8)


def is_id(value: str) -> bool:
    """The documented id: lowercase letters and digits in runs joined by single hyphens."""
    parts = value.split("-")
    return all(part and all(c in string.ascii_lowercase + string.digits for c in part) for part in parts)


@given(IDENT)
def test_ids_are_lowercase_letters_digits_and_single_hyphens(value: str) -> None:
    data = copy.deepcopy(RAW)
    data["topics"]["abusive"]["anchor"] = value
    expected = [] if is_id(value) else [("bank-bad-id", "topics.abusive.anchor")]
    assert [(p.code, p.path) for p in problems(data)] == expected


# --- the packaged bank, as bank.toml says ----------------------------------------------------


@pytest.fixture(scope="module")
def built() -> Bank:
    """The packaged bank built in the test (not the one read at import): validation and model code both run."""
    return build_bank(copy.deepcopy(RAW))


def test_dimensions_and_bands_are_the_files(built: Bank) -> None:
    assert built.schema_version == RAW["schema_version"]
    dims = RAW["dimensions"]
    assert [(d.id, d.label, d.weight) for d in built.dimensions] == [
        (dim, dims[dim]["label"], dims[dim]["weight"]) for dim in DIMENSION_IDS
    ]
    bands = RAW["bands"]
    assert [(b.id, b.label, b.verdict, b.min_score, dict(b.verdicts)) for b in built.bands] == [
        (band, bands[band]["label"], bands[band]["verdict"], bands[band]["min_score"],
         {stage: bands[band][stage]["verdict"] for stage in ("before", "started") if stage in bands[band]})
        for band in BAND_IDS
    ]  # fmt: skip
    undecided = RAW["undecided"]
    assert (built.undecided.id, built.undecided.label, built.undecided.verdict, built.undecided.min_score) == (
        "not-enough-answers", undecided["label"], undecided["verdict"], 0
    )  # fmt: skip
    assert built.min_confidence == undecided["min_confidence"]


def test_questions_and_answers_are_the_files(built: Bank) -> None:
    """Points without the zeros, sorted by dimension; a "not yet" answer says the work has not started."""
    expected = []
    for question in RAW["questions"]:
        answers = [
            (item["id"], item["text"], tuple(sorted((d, p) for d, p in item.get("points", {}).items() if p)),
             item.get("dealbreaker"), item.get("sign", ""), item.get("serious", ""),
             item.get("stage", "before" if item["id"] == "not-yet" else None))
            for item in question["answers"]
        ]  # fmt: skip
        expected.append((question["id"], question["text"], question["sign"], question["topic"],
                         tuple(question["dimensions"]), answers))  # fmt: skip
    assert [
        (x.id, x.text, x.sign, x.topic, x.dimensions,
         [(y.id, y.text, y.points, y.dealbreaker, y.sign, y.serious, y.stage) for y in x.answers])
        for x in built.questions
    ] == expected  # fmt: skip


def test_zero_points_are_left_out() -> None:
    data = copy.deepcopy(RAW)
    a(data, "pays-on-time", "reminders")["points"] = {"reliability": 0, "payment": 5}
    question = build_bank(data).question("pays-on-time")
    assert question is not None and question.answer("reminders").points == (("payment", 5),)  # type: ignore[union-attr]


def test_the_order_of_dimensions_and_bands_in_the_file_does_not_matter() -> None:
    data = copy.deepcopy(RAW)
    data["dimensions"] = dict(reversed(data["dimensions"].items()))
    data["bands"] = dict(reversed(data["bands"].items()))
    bank = build_bank(data)
    assert tuple(d.id for d in bank.dimensions) == DIMENSION_IDS
    assert tuple(b.id for b in bank.bands) == BAND_IDS


def test_dealbreakers_types_steps_and_topics_are_the_files(built: Bank) -> None:
    """Sorted by id (steps: by order, then id); "any" serves every situation."""
    assert [(d.id, d.text, d.all_of) for d in built.dealbreakers] == [
        (key, table["text"], tuple(Condition(c["question"], tuple(c["answers"])) for c in table.get("all_of", [])))
        for key, table in sorted(RAW["dealbreakers"].items())
    ]
    assert [(t.id, t.label, t.description, t.topic, t.signals) for t in built.client_types] == [
        (key, table["label"], table["description"], table["topic"], tuple(sorted(table["signals"].items())))
        for key, table in sorted(RAW["client_types"].items())
    ]
    steps = sorted(RAW["steps"].items(), key=lambda item: (item[1]["order"], item[0]))
    fields = [(s.id, s.text, s.topic, s.order, s.serves, s.answers, s.bands, s.stages, s.unless) for s in built.steps]
    assert fields == [
        (key, table["text"], table["topic"], table["order"],
         SITUATIONS if "any" in table["serves"] else tuple(x for x in SITUATIONS if x in table["serves"]),
         tuple(table.get("answers", [])), tuple(table.get("bands", [])), tuple(table.get("stages", [])),
         tuple(table.get("unless", [])))
        for key, table in steps
    ]  # fmt: skip
    assert [(t.id, t.page, t.anchor) for t in built.topics] == [
        (key, table["page"], table["anchor"]) for key, table in sorted(RAW["topics"].items())
    ]
