"""Findable and shareable: canonical URL, description, Open Graph/Twitter tags per language, robots.txt."""

from __future__ import annotations

import hashlib
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

from pipeline.config import LANGUAGES, Config
from pipeline.site.social_card import CARD_PATH, card_text

ROOT = Path(__file__).resolve().parents[2]
OG_LOCALES = {"es": "es_ES", "ru": "ru_RU", "en": "en_GB"}


class Head(HTMLParser):
    """Collects the <meta> and <link rel=canonical> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.append((a.get("property") or a["name"], a.get("content", "")))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


FRAME_DIR = "quiz-frame"


def pages(site: Path) -> list[Path]:
    """Every site page, without the embed's frame pages (documents inside other sites' posts)."""
    return sorted(
        p for lang in LANGUAGES for p in (site / lang).rglob("index.html") if FRAME_DIR not in p.parent.parts
    )


def test_every_page_has_canonical_description_and_cards(built_site: Path) -> None:
    """Canonical = og:url = its public address; description, og:locale with the two others, Twitter card."""
    config = Config.load(ROOT)
    found = pages(built_site)
    assert len(found) >= 3 * 9
    for path in found:
        rel = path.relative_to(built_site).as_posix()
        lang = rel.split("/", 1)[0]
        page = head(path)
        meta = dict(page.meta)
        url = config.url(rel.removesuffix("index.html"))
        assert page.canonical == url and meta["og:url"] == url, rel
        assert meta["description"] and meta["og:description"] == meta["description"] == meta["twitter:description"]
        assert meta["og:title"] and meta["twitter:title"] == meta["og:title"]
        assert meta["twitter:card"] == "summary_large_image", rel
        card = config.url(f"{lang}/{CARD_PATH}")
        assert meta["og:image"] == meta["twitter:image"] == card, rel
        assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == ("1200", "630", "image/png")
        assert meta["og:image:alt"] == meta["twitter:image:alt"] == card_text(config, lang).alt, rel
        assert meta["og:locale"] == OG_LOCALES[lang], rel
        alternates = sorted(v for k, v in page.meta if k == "og:locale:alternate")
        assert alternates == sorted(v for k, v in OG_LOCALES.items() if k != lang), rel


def test_frame_pages_are_not_indexed_and_point_at_the_quiz_page(built_site: Path) -> None:
    """The embed's frame page lives inside a blog post: noindex, canonical = the site's own quiz page."""
    config = Config.load(ROOT)
    for lang in LANGUAGES:
        page = head(built_site / lang / FRAME_DIR / "index.html")
        assert dict(page.meta).get("robots") == "noindex", lang
        assert page.canonical == config.url(f"{lang}/quiz/"), lang


def test_descriptions_are_in_the_pages_language(built_site: Path) -> None:
    """The same page has three different descriptions; the Russian one is in Cyrillic."""
    for slug in ("when-to-say-no", "quiz"):
        texts = {lang: dict(head(built_site / lang / slug / "index.html").meta)["description"] for lang in LANGUAGES}
        assert len(set(texts.values())) == 3, texts
        assert re.search("[а-яё]", texts["ru"], re.IGNORECASE), texts["ru"]


def test_quiz_card_is_generic(built_site: Path) -> None:
    """A shared result link is the quiz page plus a #fragment: its card names no answer and no score."""
    for lang in LANGUAGES:
        meta = dict(head(built_site / lang / "quiz" / "index.html").meta)
        assert "#" not in meta["og:url"] and not re.search(r"\d", meta["og:title"] + meta["og:description"])
        assert meta["og:image"].endswith(f"/{lang}/{CARD_PATH}") and "#" not in meta["og:image"]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (which must come first)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", data[:16]
    return struct.unpack(">II", data[16:24])


def test_each_language_has_its_own_card_image(built_site: Path) -> None:
    """The file og:image names exists: a 1200x630 PNG, different per language, with no text chunks."""
    digests = set()
    for lang in LANGUAGES:
        data = (built_site / lang / CARD_PATH).read_bytes()
        assert png_size(data) == (1200, 630), lang
        assert not re.search(rb"tEXt|zTXt|iTXt|tIME", data), lang  # nothing but pixels: reproducible
        assert 5_000 < len(data) < 200_000, (lang, len(data))
        digests.add(hashlib.sha256(data).hexdigest())
    assert len(digests) == len(LANGUAGES)


def test_robots_txt_points_at_the_sitemap_index(built_site: Path) -> None:
    """robots.txt allows everything and names the sitemap index, which lists each language's sitemap."""
    config = Config.load(ROOT)
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {config.url('sitemap.xml')}" in robots.splitlines()
    index = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(config.url(f"{lang}/sitemap.xml") in index for lang in LANGUAGES)
