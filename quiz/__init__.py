"""How risky is this client? The redflags quiz engine: pure standard-library Python.

Public names (loaded on first use, so ``import quiz`` stays cheap in Pyodide):

- ``bank_json(lang)``, ``score_json(answers_json, lang)``: the JSON API (``quiz.json_api``);
- ``load_bank()``: the packaged, validated question bank (``quiz.resources``);
- ``build_bank(data)``: validate a bank given as plain data (``quiz.bank``);
- ``score(bank, answers, translations=..., lang=...)``: score one answer set (``quiz.scoring``);
- ``translations(lang)``: the gettext catalog of a language (``quiz.i18n``);
- ``Bank``, ``Result``: the data types (``quiz.model``);
- ``QuizError``, ``AnswersError``, ``BankError``: the errors (``quiz.errors``).
"""

from __future__ import annotations

TYPE_CHECKING = False  # not imported from typing: ``import quiz`` must not load it
if TYPE_CHECKING:
    from typing import Any

    from quiz.bank import build_bank as build_bank
    from quiz.errors import AnswersError as AnswersError
    from quiz.errors import BankError as BankError
    from quiz.errors import QuizError as QuizError
    from quiz.i18n import translations as translations
    from quiz.json_api import bank_json as bank_json
    from quiz.json_api import score_json as score_json
    from quiz.model import Bank as Bank
    from quiz.model import Result as Result
    from quiz.resources import load_bank as load_bank
    from quiz.scoring import score as score

_PUBLIC = {
    "bank_json": "json_api",
    "score_json": "json_api",
    "load_bank": "resources",
    "build_bank": "bank",
    "score": "scoring",
    "translations": "i18n",
    "Bank": "model",
    "Result": "model",
    "QuizError": "errors",
    "AnswersError": "errors",
    "BankError": "errors",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    """Import a public name's module on first access (PEP 562)."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'quiz' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"quiz.{module}"), name)
