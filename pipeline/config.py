"""The build's settings in one typed place; stages receive a ``Config``.

The public base URL
-------------------
``Config.site_url`` is where the built ``site/`` is published, always ending in
``/`` and possibly with a sub-path (``https://example.org/tools/redflags/``).
``Config.load`` resolves it once, first match wins:

1. ``--base-url URL`` on any ``build.py`` command (``base_url=`` argument),
2. the ``REDFLAGS_BASE_URL`` environment variable (CI, hosting),
3. ``site_url`` in ``mkdocs.yml``.

Every absolute address the build writes (hreflang alternates, sitemaps, the
embed snippet, canonical links, Open Graph, CLI links) must come from
``config.site_url`` / ``config.url("en/quiz/")``; paths that must be absolute
but host-less (404 pages served at any depth) use ``config.site_path``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale

from pipeline.errors import BuildError


def own_name(lang: str) -> str:
    """A language's name in that language, from Babel's CLDR data, capitalised as a menu item."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


LANGUAGES: dict[str, str] = {lang: own_name(lang) for lang in ("es", "ru", "en")}
"""Site languages, in the order the switcher lists them, with their own names (Español, Русский, English)."""


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
    """Public base URL of the site root (scheme, host, optional sub-path, trailing ``/``).

    Set it with ``Config.load`` (``--base-url``, ``REDFLAGS_BASE_URL``, or
    ``site_url`` in ``mkdocs.yml``); build absolute links with ``url()``."""

    strict: bool = False
    """Fail on any missing or fuzzy translation, broken link or generator warning."""

    offline: bool = False
    """Build for ``file://`` (the workshop zip): ``.html`` links, search index as a script."""

    domain_messages: str = "messages"
    """gettext domain of the UI strings (templates, notices)."""

    template_cache: Path | None = None
    """Folder for Jinja2's compiled-template cache (each MkDocs build otherwise recompiles
    Material's templates, about half of a one-language rebuild). The live preview sets
    it; without it a build with ``cache_dir`` uses a folder in there
    (``pipeline/site/mkdocs_build.py``, ``template_cache``), and one without neither."""

    cache_dir: Path | None = None
    """Folder for what builds may reuse from each other: the precompressed copies of each
    content (``pipeline/deploy/compress_cache.py``) and Jinja2's compiled templates.
    ``build.py`` sets it to ``.cache/`` (``--no-cache``: none); the output is
    byte-identical either way, and deleting the folder is always safe."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "site_url", normalize_base_url(self.site_url, origin="Config.site_url"))

    @classmethod
    def load(
        cls,
        root: Path,
        *,
        base_url: str | None = None,
        environ: Mapping[str, str] | None = None,
        **fields: object,
    ) -> Config:
        """The config of the project at ``root``, with the base URL resolved (see the module doc)."""
        env = os.environ if environ is None else environ
        mkdocs_yml = root / "mkdocs.yml"
        if base_url:
            value, origin = base_url, "--base-url"
        elif env.get(BASE_URL_ENV):
            value, origin = env[BASE_URL_ENV], BASE_URL_ENV
        else:
            value, origin = _mkdocs_site_url(mkdocs_yml), "site_url"
        if value is None:
            return cls(root=root, **fields)  # type: ignore[arg-type]
        if origin == "site_url":
            url = normalize_base_url(value, origin=origin, path=mkdocs_yml, line=_line_of(mkdocs_yml, "site_url:"))
        else:
            url = normalize_base_url(value, origin=origin)
        return cls(root=root, site_url=url, **fields)  # type: ignore[arg-type]

    @property
    def site_path(self) -> str:
        """The base URL's path, ``/`` or e.g. ``/tools/redflags/``: for host-less absolute links."""
        return urlsplit(self.site_url).path

    def url(self, rel: str = "") -> str:
        """Absolute public URL of ``rel`` (relative to the site root, e.g. ``"ru/quiz/"``)."""
        return self.site_url + rel.lstrip("/")

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
        return self.root / "pipeline" / "site" / "overrides"

    def po_path(self, lang: str, domain: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"

    def language_name(self, lang: str) -> str:
        return LANGUAGES[lang]


BASE_URL_ENV = "REDFLAGS_BASE_URL"
"""Environment variable that overrides ``site_url`` of ``mkdocs.yml`` (``--base-url`` wins over it)."""


class ConfigError(BuildError):
    """A setting with a bad value (``--base-url``, ``REDFLAGS_BASE_URL``, ``mkdocs.yml``)."""

    exit_code = 2


def normalize_base_url(value: str, *, origin: str, path: Path | None = None, line: int | None = None) -> str:
    """``value`` checked as a public base URL and given a trailing ``/``.

    Accepts ``http(s)://host[:port][/sub/path]``; refuses anything else with a
    message naming where the value came from (``origin``).
    """
    text = str(value).strip()
    parts = urlsplit(text)
    problem = None
    if parts.scheme not in ("http", "https"):
        problem = "expected an http:// or https:// URL"
    elif not parts.hostname:
        problem = "expected a host name after the scheme"
    elif parts.query or parts.fragment or text.endswith(("?", "#")):
        problem = "a base URL takes no ?query or #fragment"
    elif re.search(r"\s", text) or "//" in parts.path:
        problem = "expected no spaces or empty path segments"
    if problem:
        raise ConfigError(f"{origin}: {problem}, got {text!r} (e.g. https://example.org/tools/redflags/)", path, line)
    return text if text.endswith("/") else text + "/"


def _mkdocs_site_url(mkdocs_yml: Path) -> str | None:
    if not mkdocs_yml.is_file():
        return None
    match = re.search(r"^site_url:[ \t]*(.*?)[ \t]*$", mkdocs_yml.read_text(encoding="utf-8"), re.MULTILINE)
    if not match or not match.group(1):
        return None
    return match.group(1).strip("\"'")


def _line_of(path: Path, prefix: str) -> int | None:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.startswith(prefix):
            return number
    return None


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as an int (see ``pipeline/clock.py``, the build's one clock)."""
    from pipeline.clock import source_date_epoch as epoch

    return epoch()
