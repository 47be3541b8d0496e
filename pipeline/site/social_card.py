"""The link-preview card of each language: a 1200x630 PNG for ``og:image`` / ``twitter:image``.

Drawn at build time with Pillow from the language's site name and tagline (the
``messages`` catalog), in the site's palette, with DejaVu Sans from Debian's
``fonts-dejavu-core`` (Latin and Cyrillic; ``scripts/bootstrap.sh`` installs it
when missing). Nothing is fetched. Material's own ``social`` plugin is not used:
it needs Cairo and downloads its fonts from Google Fonts at build time.

The PNG is byte-reproducible: no text chunks, no time, no colour profile, a fixed
zlib level, Pillow's BASIC text layout (the same glyph placement whether or not
libraqm is present); with the pinned Pillow (which bundles its own FreeType and
zlib) and the same font files, two builds write the same bytes. The card names
only the site, never a page's or a reader's content, so a shared quiz result
shows this generic card too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.config import Config
from pipeline.errors import BuildError
from pipeline.content.ui_text import SITE_DESCRIPTION, SITE_NAME, translations

WIDTH, HEIGHT = 1200, 630
CARD_PATH = "assets/images/social-card.png"
"""Where each language's card lives, relative to ``site/<lang>/``."""

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_PACKAGE = "fonts-dejavu-core"

# The palette of pipeline/site/overrides/assets/stylesheets/redflags.css.
PRIMARY = (0xA1, 0x1A, 0x14)  # --md-primary-fg-color
PRIMARY_DARK = (0x7F, 0x14, 0x10)  # --md-primary-fg-color--dark
WHITE = (0xFF, 0xFF, 0xFF)
WHITE_MUTED = (0xF6, 0xD5, 0xD3)  # --md-primary-bg-color--light (white at 70 %) over the dark red

MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
LOGO_WIDTH = 120  # the flag left of the name
BAND_TOP = HEIGHT - 110  # the darker band holding the host name
TAGLINE_LEADING = 1.35


@dataclass(frozen=True)
class CardText:
    """What one language's card says."""

    lang: str
    name: str
    tagline: str
    host: str

    @property
    def alt(self) -> str:
        """The image's text alternative: exactly what the card shows."""
        return f"{self.name} — {self.tagline}"


def card_url(config: Config, lang: str) -> str:
    """The card's absolute public URL (``og:image`` needs one)."""
    return config.url(f"{lang}/{CARD_PATH}")


def card_text(config: Config, lang: str) -> CardText:
    gettext = translations(config.po_path(lang, config.domain_messages), lang).gettext
    return CardText(lang, gettext(SITE_NAME), gettext(SITE_DESCRIPTION), urlsplit(config.site_url).netloc)


def _fonts() -> tuple[Path, Path]:
    for font in (FONT_BOLD, FONT_REGULAR):
        if not font.is_file():
            raise BuildError(
                f"font missing for the social cards; install Debian's {FONT_PACKAGE} "
                f"(scripts/bootstrap.sh does: apt-get install {FONT_PACKAGE})",
                font,
            )
    return FONT_BOLD, FONT_REGULAR


def missing_glyphs(font: object, text: str) -> list[str]:
    """Characters of ``text`` the font has no glyph for (they would print as boxes)."""
    return [ch for ch in dict.fromkeys(text) if not ch.isspace() and not _has_glyph(font, ch)]


def _has_glyph(font: object, ch: str) -> bool:
    """FreeType maps a character the font lacks to glyph 0 (.notdef): compare with a surely missing one."""
    missing = "\U0010fffd"  # a private-use code point no text font covers
    return bytes(font.getmask(ch)) != bytes(font.getmask(missing)) or ch == missing


def _wrap(font: object, text: str, width: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and font.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def _fit(
    path: Path, text: str, *, sizes: range, width: int, max_lines: int,
    max_height: int | None = None, line_height: float = 1.0,
) -> tuple[object, list[str]]:
    """The largest size in ``sizes`` at which ``text`` wraps into at most ``max_lines`` lines of
    ``width`` pixels (and ``max_height`` pixels in all); the smallest size when none does."""
    from PIL import ImageFont

    font = lines = None
    for size in sizes:
        font = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
        lines = _wrap(font, text, width)
        tall = max_height is not None and len(lines) * size * line_height > max_height
        if len(lines) <= max_lines and not tall and all(font.getlength(line) <= width for line in lines):
            break
    return font, lines


def _flag(draw: object, x: int, y: int, scale: float) -> None:
    """The site's logo (``favicon.svg``: a pole and a pennant) drawn at ``(x, y)``, 24 units * ``scale``."""
    def pt(px: float, py: float) -> tuple[float, float]:
        return (x + px * scale, y + py * scale)

    draw.rectangle([pt(5, 2), pt(7, 22)], fill=WHITE)
    draw.polygon([pt(8, 3), pt(19, 3), pt(16.5, 7), pt(19, 11), pt(8, 11)], fill=WHITE)


@lru_cache(maxsize=8)  # the live preview rebuilds often; a card changes only with its text
def render_card(text: CardText) -> bytes:
    """The card as PNG bytes (same text and fonts -> same bytes)."""
    import io

    from PIL import Image, ImageDraw

    bold, regular = _fonts()
    name_width = TEXT_WIDTH - LOGO_WIDTH
    name_font, name_lines = _fit(bold, text.name, sizes=range(104, 63, -4), width=name_width, max_lines=1)
    if len(name_lines) > 1:  # a long name: two lines rather than a tiny one
        name_font, name_lines = _fit(bold, text.name, sizes=range(96, 47, -4), width=name_width, max_lines=2)
    name_step = round(name_font.size * 1.15)
    tagline_top = MARGIN + len(name_lines) * name_step + 50
    tagline_room = BAND_TOP - 40 - tagline_top
    tag_font, tag_lines = _fit(regular, text.tagline, sizes=range(48, 25, -2), width=TEXT_WIDTH, max_lines=4,
                               max_height=tagline_room, line_height=TAGLINE_LEADING)
    host_font, _ = _fit(regular, text.host, sizes=range(30, 15, -2), width=TEXT_WIDTH, max_lines=1)
    for font, shown in ((name_font, text.name), (tag_font, text.tagline), (host_font, text.host)):
        lacking = missing_glyphs(font, shown)
        if lacking:
            message = f"{text.lang}: the card font has no glyph for {''.join(lacking)!r} in {shown!r}"
            raise BuildError(message, font.path)

    image = Image.new("RGB", (WIDTH, HEIGHT), PRIMARY)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, BAND_TOP, WIDTH, HEIGHT], fill=PRIMARY_DARK)
    _flag(draw, MARGIN - 20, MARGIN - 2, name_font.size * 1.2 / 24)
    y = MARGIN
    for line in name_lines:
        draw.text((MARGIN + LOGO_WIDTH, y), line, font=name_font, fill=WHITE)
        y += name_step
    y = tagline_top
    for line in tag_lines:
        draw.text((MARGIN, y), line, font=tag_font, fill=WHITE)
        y += round(tag_font.size * TAGLINE_LEADING)
    host_y = BAND_TOP + (HEIGHT - BAND_TOP - host_font.size) // 2 - 4
    draw.text((MARGIN, host_y), text.host, font=host_font, fill=WHITE_MUTED)

    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=9)  # no pnginfo, no icc: nothing but the pixels
    return out.getvalue()


def write_cards(config: Config, site_dir: Path) -> list[Path]:
    """One card per language into ``site_dir/<lang>/assets/images/``; the files written."""
    written = []
    for lang in config.languages:
        if not (site_dir / lang).is_dir():
            continue
        target = site_dir / lang / CARD_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_card(card_text(config, lang)))
        written.append(target)
    return written
