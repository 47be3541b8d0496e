"""The build's settings in one typed place; stages receive a ``Config``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LANGUAGES: dict[str, str] = {"es": "Español", "ru": "Русский", "en": "English"}
"""Site languages, in the order the switcher lists them, with their own names."""


@dataclass(frozen=True)
class Config:
    """Where things are and what to build."""

    root: Path
    """Project root (holds ``mkdocs.yml``, ``docs/``, ``locales/``)."""

    languages: tuple[str, ...] = tuple(LANGUAGES)
    """Languages every page is published in."""

    default_language: str = "en"
    """Language for ``x-default`` and for browsers that prefer none of ours."""

    site_url: str = "https://redflags.example.org/"
    """Public address of the site root; absolute hreflang links and the sitemap use it."""

    strict: bool = False
    """Fail on any missing or fuzzy translation, broken link or generator warning."""

    domain_messages: str = "messages"
    """gettext domain of the UI strings (templates, notices)."""

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "pipeline" / "overrides"

    def po_path(self, lang: str, domain: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"

    def language_name(self, lang: str) -> str:
        return LANGUAGES[lang]


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as an int, for reproducible timestamps."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else None
