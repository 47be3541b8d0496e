"""The per-language link-preview card: glyph coverage, fitting, reproducible bytes, clear errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from pipeline.config import Config
from pipeline.errors import BuildError
from pipeline.site import social_card
from pipeline.site.social_card import CardText, missing_glyphs, render_card

ROOT = Path(__file__).resolve().parents[3]


def font(size: int = 40) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(social_card.FONT_REGULAR), size, layout_engine=ImageFont.Layout.BASIC)


def test_the_font_covers_our_three_languages_and_reports_what_it_lacks() -> None:
    """Every character of the es/ru/en name and tagline has a glyph; a CJK one is reported missing."""
    config = Config.load(ROOT)
    for lang in config.languages:
        text = social_card.card_text(config, lang)
        assert missing_glyphs(font(), text.name + text.tagline) == [], lang
    assert missing_glyphs(font(), "Тревожные 風 сигналы") == ["風"]


def test_cards_are_byte_identical_across_renders_and_carry_only_pixels() -> None:
    text = CardText("ru", "Тревожные сигналы", "Практические советы фрилансерам.", "example.org")
    first = render_card(text)
    render_card.cache_clear()
    assert render_card(text) == first
    image = Image.open(io.BytesIO(first))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")
    assert image.info == {} or set(image.info) <= {"dpi"}, image.info


def test_cyrillic_text_is_drawn_in_the_name_area() -> None:
    """The Russian name leaves white glyph pixels where the name goes (not an empty or boxed band)."""
    config = Config.load(ROOT)
    image = Image.open(io.BytesIO(render_card(social_card.card_text(config, "ru"))))
    name_area = image.crop((social_card.MARGIN + social_card.LOGO_WIDTH, social_card.MARGIN, 1120, 200))
    white = sum(1 for px in name_area.getdata() if px == social_card.WHITE)
    assert white > 2_000, white


def test_a_long_name_wraps_instead_of_overflowing() -> None:
    long_name = "Señales de alerta para freelancers y autónomos"
    image = Image.open(io.BytesIO(render_card(CardText("es", long_name, "Guía.", "example.org"))))
    right_edge = image.crop((1200 - social_card.MARGIN + 10, 0, 1200, social_card.BAND_TOP))
    assert all(px == social_card.PRIMARY for px in right_edge.getdata())


def test_a_character_the_font_lacks_stops_the_build_with_the_language() -> None:
    with pytest.raises(BuildError, match="ru: the card font has no glyph for '風'"):
        render_card(CardText("ru", "Тревожные 風", "Советы.", "example.org"))


def test_a_missing_font_names_the_debian_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(social_card, "FONT_BOLD", tmp_path / "none.ttf")
    with pytest.raises(BuildError, match="fonts-dejavu-core"):
        social_card.render_card.__wrapped__(CardText("en", "Red flags", "Guidance.", "example.org"))
