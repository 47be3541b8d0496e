"""The ``messages`` catalog: UI strings extracted the pybabel way (``babel.cfg``)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from pipeline.config import Config
from pipeline.content.catalogs import PROJECT, atomic_write, build_time, render_po, strip_dates, update_catalog


def extract_messages(root: Path) -> Catalog:
    """Extract UI strings from the files ``babel.cfg`` maps, like ``pybabel extract``."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project=PROJECT, domain="messages", fuzzy=False, creation_date=build_time())
    for filename, lineno, message, comments, context in extract_from_dir(
        root,
        method_map,
        options_map,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
        directory_filter=lambda d: not Path(d).name.startswith(".") and Path(d).name != "node_modules",
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def update_messages(config: Config, *, check: bool = False) -> list[Path]:
    """Refresh ``locales/messages.pot`` and each language's ``messages.po``."""
    template = extract_messages(config.root)
    changed: list[Path] = []
    pot = config.locales_dir / "messages.pot"
    text = render_po(template)
    old = pot.read_text(encoding="utf-8") if pot.exists() else None
    if old is None or strip_dates(old) != strip_dates(text):
        changed.append(pot)
        if not check:
            atomic_write(pot, text)
    for lang in config.languages:
        if lang == "en":  # msgids are English
            continue
        path = config.po_path(lang, config.domain_messages)
        if update_catalog(path, template, lang=lang, check=check, prose=False):
            changed.append(path)
    return changed
