"""The package's data files: the question bank (``data/bank.toml``) and the compiled catalogs (``locale/``).

This is the only module of the engine that reads files. It uses
``importlib.resources``, so it works the same from a source tree, an installed
wheel and Pyodide's virtual file system.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .model import Bank

BANK_FILE = "data/bank.toml"
"""Where the question bank lives, relative to the package."""


def bank_text() -> str:
    """The text of the packaged ``bank.toml``."""
    from importlib.resources import files

    return files(__package__).joinpath(BANK_FILE).read_text(encoding="utf-8")


def parse_bank(text: str, *, source: str = BANK_FILE) -> Bank:
    """A validated bank from TOML text; a syntax error becomes a ``BankError`` naming ``source``."""
    import tomllib

    from .bank import build_bank
    from .errors import BankError, problem

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BankError([problem("bank-syntax", path=source, detail=str(error))]) from None
    return build_bank(data)


@lru_cache(maxsize=1)
def load_bank() -> Bank:
    """The packaged bank, read and validated once per process."""
    return parse_bank(bank_text())


def locale_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/quiz-engine.mo`` (``quiz/locale``)."""
    return Path(__file__).resolve().parent / "locale"
