"""UI strings: compiled from messages.po, with correct Russian plural forms."""

from __future__ import annotations

import pytest

from pipeline.config import Config
from pipeline.content.ui_text import translations
from tests.conftest import ROOT

CONFIG = Config(root=ROOT)
SOURCES = ("This page draws on %(count)s source", "This page draws on %(count)s sources")


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "Эта страница опирается на 1 источник"),
        (2, "Эта страница опирается на 2 источника"),
        (5, "Эта страница опирается на 5 источников"),
        (11, "Эта страница опирается на 11 источников"),
        (21, "Эта страница опирается на 21 источник"),
        (22, "Эта страница опирается на 22 источника"),
    ],
)
def test_russian_plural_forms(n: int, expected: str) -> None:
    """ngettext picks one/few/many as Russian needs (1, 2, 5, 11, 21, 22)."""
    t = translations(CONFIG.po_path("ru", "messages"), "ru")
    assert t.ngettext(*SOURCES, n) % {"count": n} == expected


def test_spanish_plural_and_missing_catalog_falls_back_to_english(tmp_path) -> None:
    """Spanish has two forms; a language without a catalog shows the English msgids."""
    es = translations(CONFIG.po_path("es", "messages"), "es")
    assert es.ngettext(*SOURCES, 1) % {"count": 1} == "Esta página se basa en 1 fuente"
    assert es.ngettext(*SOURCES, 3) % {"count": 3} == "Esta página se basa en 3 fuentes"
    none = translations(tmp_path / "absent.po", "en")
    assert none.ngettext(*SOURCES, 3) % {"count": 3} == "This page draws on 3 sources"
