"""Per-language Markdown -> Material for MkDocs sites. The only module importing mkdocs.

Each language is its own MkDocs build (``theme.language`` and the search
language set), so each gets its own search index with its own stemmer and no
language switcher that fetches sitemaps. A move to another generator replaces
this module (and ``mkdocs_hooks.py``); the stages before it emit plain
Markdown with front matter.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from pipeline.config import Config
from pipeline.errors import BuildError, SiteError
from pipeline.layout import OFFLINE_WORKER_SHIM
from pipeline.model import LocalizedArticle
from pipeline.site.social_card import HEIGHT, WIDTH, card_url
from pipeline.content.ui_text import DARK_MODE, HOME, LIGHT_MODE, PERMALINK, SITE_DESCRIPTION, SITE_NAME, translations

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2.0

SEARCH_LANGUAGES = {"es": "es", "ru": "ru", "en": "en"}



class _WarningCollector(logging.Handler):
    """Collect MkDocs warnings so strict mode can report them all at the end."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def base_settings(config: Config) -> dict[str, Any]:
    try:
        data = yaml.safe_load(config.mkdocs_yml.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise BuildError(f"malformed YAML: {exc}", config.mkdocs_yml, mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise BuildError("expected a mapping", config.mkdocs_yml, 1)
    return data


def language_settings(
    config: Config,
    lang: str,
    *,
    docs_dir: Path,
    site_dir: Path,
    base: dict[str, Any],
    tag_labels: dict[str, str],
) -> dict[str, Any]:
    """The MkDocs configuration of one language, derived from ``mkdocs.yml``."""
    gettext = translations(config.po_path(lang, config.domain_messages), lang).gettext
    settings = copy.deepcopy(base)
    settings["docs_dir"] = str(docs_dir)
    settings["site_dir"] = str(site_dir)
    settings["site_url"] = config.url(f"{lang}/")
    settings["site_name"] = gettext(SITE_NAME)
    settings["site_description"] = gettext(SITE_DESCRIPTION)
    present = {p.name for p in docs_dir.glob("*.md")}
    settings["nav"] = [
        {gettext(HOME): item} if item == "index.md" else item  # its title is the site name: say "Home"
        for item in settings.get("nav", [])
        if not isinstance(item, str) or item in present
    ]
    if not settings["nav"]:
        del settings["nav"]
    theme = settings.setdefault("theme", {})
    theme["language"] = lang
    theme["custom_dir"] = str(config.overrides_dir)
    for palette in theme.get("palette", []):
        toggle = palette.get("toggle")
        if toggle:
            toggle["name"] = gettext(DARK_MODE if palette.get("scheme") == "default" else LIGHT_MODE)
    for index, ext in enumerate(settings.get("markdown_extensions", [])):
        if ext == "toc" or (isinstance(ext, dict) and "toc" in ext):
            options = dict(ext["toc"]) if isinstance(ext, dict) else {}
            options["permalink_title"] = gettext(PERMALINK)
            settings["markdown_extensions"][index] = {"toc": options}
    settings["plugins"] = [{"search": {"lang": [SEARCH_LANGUAGES[lang]]}}]
    if config.offline:  # the workshop zip (pipeline/channels/offline.py): .html links, index as a script
        settings["plugins"].append("offline")
        settings["use_directory_urls"] = False
        # A vendored copy of the worker shim (npm iframe-worker) instead of Material's unpkg URL.
        settings.setdefault("extra", {})["polyfills"] = [OFFLINE_WORKER_SHIM]
    settings["hooks"] = [str(Path(__file__).with_name("mkdocs_hooks.py"))]
    extra = settings.setdefault("extra", {})
    extra["alternate"] = True  # truthy, not iterable: our partial renders the switcher
    extra["redflags"] = {
        "lang": lang,
        "languages": [{"code": code, "name": config.language_name(code)} for code in config.languages],
        "default_language": config.default_language,
        "root_url": config.site_url,
        "project_root": str(config.root),
        "messages_po": str(config.po_path(lang, config.domain_messages)),
        "tag_labels": tag_labels,
        "card": {"url": card_url(config, lang), "width": WIDTH, "height": HEIGHT},
        "template_cache": str(template_cache(config)) if template_cache(config) else None,
    }
    return settings


def template_cache(config: Config) -> Path | None:
    """Where Jinja2 keeps compiled templates: the preview's folder, else one under the build cache.

    Jinja2 checks each entry against its template's source (and its own and Python's
    version), but not against the environment's settings (extensions, i18n): the folder
    name carries a hash of the hooks that set them up and of Material's version, so a
    change there starts a fresh folder. Output is the same with or without the cache.
    """
    if config.template_cache:
        return config.template_cache
    if not config.cache_dir:
        return None
    from importlib.metadata import version

    hooks = Path(__file__).with_name("mkdocs_hooks.py").read_bytes()
    key = hashlib.sha256(hooks + version("mkdocs-material").encode() + version("mkdocs").encode()).hexdigest()
    return config.cache_dir / f"jinja-{key[:12]}"


def write_docs(pages: Sequence[LocalizedArticle], docs_dir: Path) -> None:
    docs_dir.mkdir(parents=True, exist_ok=True)
    for page in pages:
        (docs_dir / page.article.rel_path).write_text(page.markdown, encoding="utf-8")


def preload() -> None:
    """Import MkDocs, Material's plugins and Jinja2 now (a parent does it once before forking builders)."""
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401


def build_language(
    config: Config,
    lang: str,
    pages: Sequence[LocalizedArticle],
    *,
    work_dir: Path,
    site_dir: Path,
    tag_labels: dict[str, str],
) -> list[str]:
    """Build one language into ``site_dir``; return MkDocs warnings (strict fails on them)."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    docs_dir = work_dir / lang / "docs"
    write_docs(pages, docs_dir)
    settings = language_settings(
        config, lang, docs_dir=docs_dir, site_dir=site_dir, base=base_settings(config), tag_labels=tag_labels
    )
    config_path = work_dir / lang / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        mk_config = load_config(str(config_path))
        build(mk_config)
    except MkDocsException as exc:
        raise SiteError(f"MkDocs failed for {lang}: {exc}", config_path) from None
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or config_path
        raise SiteError(f"template error ({lang}): {exc}", where, getattr(exc, "lineno", None)) from None
    finally:
        logger.removeHandler(collector)
    return [f"[{lang}] {_clean(record.getMessage(), docs_dir)}" for record in collector.records]


def _clean(message: str, docs_dir: Path) -> str:
    return message.replace(str(docs_dir) + "/", "docs/")
