"""UI strings of the site (the ``messages`` gettext domain).

Strings used from Python are marked with ``N_`` below so that extraction
(``babel.cfg``) finds them; template strings are marked with ``{% trans %}``
in ``pipeline/site/overrides``. :func:`translations` compiles a language's
``messages.po`` in memory for Jinja2's i18n extension and for Python stages.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.support import Translations

from pipeline.content.catalogs import load_catalog


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark a string for extraction without translating it here."""
    return text


SITE_NAME = N_("Red flags")
SITE_DESCRIPTION = N_("Practical guidance for freelancers on spotting and handling difficult clients.")
DARK_MODE = N_("Switch to dark mode")
LIGHT_MODE = N_("Switch to light mode")
PERMALINK = N_("Permanent link")
HOME = N_("Home")
COVERED_IN = N_("Covered in:")
NOT_COVERED = N_("No page covers this sign yet.")


@lru_cache(maxsize=8)
def _compiled(po_path: str, lang: str, mtime: float) -> bytes:
    catalog = load_catalog(Path(po_path), lang=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def translations(po_path: Path, lang: str) -> gettext.NullTranslations:
    """Translations for ``lang`` from ``po_path`` (NullTranslations when absent)."""
    if not po_path.exists():
        return gettext.NullTranslations()
    data = _compiled(str(po_path), lang, po_path.stat().st_mtime)
    return Translations(fp=io.BytesIO(data), domain="messages")
