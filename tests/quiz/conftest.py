"""Fixtures of the quiz tests: compiled catalogs, the packaged bank, answer-set helpers, the Hypothesis profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from quiz import i18n
from quiz.model import Bank
from quiz.resources import load_bank

ROOT = Path(__file__).resolve().parents[2]

settings.register_profile(
    "quiz", deadline=None, max_examples=80, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile("quiz")


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> Iterator[list[Path]]:
    """Compile locales/*/LC_MESSAGES/quiz-engine.po into quiz/locale/ once, before any test translates."""
    from pipeline.quiz_runtime.catalogs import compile_quiz_catalogs

    written = compile_quiz_catalogs(ROOT)
    i18n.translations.cache_clear()
    yield written


@pytest.fixture(scope="session")
def bank() -> Bank:
    """The packaged, validated question bank."""
    return load_bank()


@pytest.fixture(scope="session")
def best(bank: Bank) -> dict[str, str]:
    """Every question answered with its first (no-risk) answer."""
    return {question.id: question.answers[0].id for question in bank.questions}


@pytest.fixture(scope="session")
def answers(best: dict[str, str]) -> Callable[..., dict[str, str]]:
    """``answers({"question": "answer"})``: the best answers with these overrides."""

    def make(overrides: dict[str, str] | None = None) -> dict[str, str]:
        return {**best, **(overrides or {})}

    return make
