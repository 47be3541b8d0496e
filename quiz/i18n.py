"""Languages and translations of the quiz (gettext domain ``quiz``, English msgids).

Catalogs are compiled to ``quiz/locale/<lang>/LC_MESSAGES/quiz-engine.mo`` and loaded
with ``gettext.translation``: the same call in CPython and in Pyodide. English
needs no catalog (``NullTranslations``; ``SOURCE`` is the same without importing
``gettext``, the default of the pure scoring functions). ``gettext`` itself
is imported only when a catalog is actually loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from .errors import Translations

DOMAIN = "quiz-engine"
"""The gettext domain: ``quiz-engine.po`` / ``quiz-engine.mo`` (``quiz.po`` is the quiz article's)."""

SOURCE_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "es", "ru")
"""Languages with a complete catalog (English is the source)."""

ENV_VARIABLES: tuple[str, ...] = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the CLI looks for the reader's language, in gettext's order."""


class SourceText:
    """The English "translation": every msgid is returned as is (like ``gettext.NullTranslations``)."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural


SOURCE = SourceText()


def normalize_language(value: str | None) -> str | None:
    """``"es_ES.UTF-8"``, ``"ru-RU"`` or ``"EN"`` to a supported code, else ``None``."""
    if not isinstance(value, str):
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def language_from_env(env: Mapping[str, str]) -> str:
    """The first supported language named by ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``; else English."""
    for name in ENV_VARIABLES:
        for part in env.get(name, "").split(":"):
            code = normalize_language(part)
            if code is not None:
                return code
    return SOURCE_LANGUAGE


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> Translations:
    """The compiled catalog for ``lang``; ``gettext.NullTranslations`` for English or when none is installed."""
    import gettext

    from .resources import locale_dir

    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=locale_dir(), languages=[lang], fallback=True)


def has_catalog(lang: str) -> bool:
    """True when ``lang`` is English or its compiled catalog is installed."""
    import gettext

    return lang == SOURCE_LANGUAGE or isinstance(translations(lang), gettext.GNUTranslations)
