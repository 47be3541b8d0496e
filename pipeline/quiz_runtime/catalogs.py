"""The quiz engine's gettext catalogs (domain ``quiz-engine``): extract, update, check, compile.

- ``extract_quiz_template(root)``: every text of ``quiz/data/bank.toml`` (with
  the key it comes from as a comment) plus the ``_()``, ``gettext``,
  ``ngettext`` and ``N_()`` calls in ``quiz/*.py`` (Babel's Python extractor).
- ``update_quiz_catalogs(root)``: writes ``locales/quiz-engine.pot`` and merges it
  into ``locales/<lang>/LC_MESSAGES/quiz-engine.po`` through the site's own
  ``pipeline.content.catalogs.update_catalog`` (Babel's ``Catalog.update``: changed
  strings become fuzzy with their previous msgid, vanished ones obsolete; atomic
  writes; a file is rewritten only when its content changed).
- ``compile_quiz_catalogs(root)``: ``quiz/locale/<lang>/LC_MESSAGES/quiz-engine.mo``
  for every ``quiz-engine.po``; a PO syntax error or a placeholder that differs between
  msgid and msgstr raises ``QuizCatalogError`` naming the file and the line.

The domain is not ``quiz``: that name belongs to the catalogs of the article
``docs/quiz.md`` (``locales/<lang>/LC_MESSAGES/quiz.po``).

The ``.mo`` files are build products (git-ignored); the wheel for Pyodide carries them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import write_mo

from pipeline.content.catalogs import (
    atomic_write,
    build_time,
    check_syntax,
    load_catalog,
    render_po,
    strip_dates,
    update_catalog,
)
from pipeline.errors import CatalogError

DOMAIN = "quiz-engine"
PROJECT = "redflags-quiz"
LANGUAGES: tuple[str, ...] = ("es", "ru")
"""Target languages of the quiz (English is the source)."""
BANK = Path("quiz/data/bank.toml")
CODE = Path("quiz")
TEMPLATE = Path("locales/quiz-engine.pot")
TEXT_KEYS = ("text", "sign", "label", "verdict", "description")
"""Keys of the bank whose values are shown to readers (and so translated)."""
COMMENT_TAGS = ("Translators:",)
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")
_BRACES = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


class QuizCatalogError(CatalogError):
    """A quiz catalog that cannot be read or compiled (bad PO syntax, broken placeholders)."""


def po_path(root: Path, lang: str) -> Path:
    """``locales/<lang>/LC_MESSAGES/quiz-engine.po``."""
    return root / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(root: Path, lang: str) -> Path:
    """``quiz/locale/<lang>/LC_MESSAGES/quiz-engine.mo``: where ``quiz.i18n`` loads it from."""
    return root / CODE / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def extract_quiz_template(root: Path) -> Catalog:
    """The template catalog: bank texts first (in file order), then the code's messages."""
    catalog = Catalog(
        project=PROJECT,
        domain=DOMAIN,
        fuzzy=False,
        creation_date=build_time(),
        copyright_holder="redflags",
        msgid_bugs_address="translators@redflags.example.org",
    )
    for text, line, comment in bank_messages(root / BANK):
        _add(catalog, text, (BANK.as_posix(), line), [comment] if comment else [])
    for path in sorted((root / CODE).glob("*.py")):
        location = path.relative_to(root).as_posix()
        extracted = extract_from_file(
            "python", str(path), keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
        )
        for lineno, message, comments, context in extracted:
            _add(catalog, message, (location, lineno), list(comments), context)
    return catalog


def bank_messages(path: Path) -> Iterator[tuple[str, int, str]]:
    """``(text, line, comment)`` for every translatable text of the bank, in file order."""
    import tomllib

    source = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise QuizCatalogError(f"the question bank is not valid TOML: {error}", path) from None
    lines = source.splitlines()
    cursor: dict[str, int] = {}
    for text, comment in _walk(data, ""):
        needle = text.replace("\\", "\\\\").replace('"', '\\"')
        start = cursor.get(text, 0)
        line = next((i for i in range(start, len(lines)) if needle in lines[i]), None)
        if line is None:
            line = next((i for i in range(len(lines)) if needle in lines[i]), 0)
        cursor[text] = line + 1
        yield text, line + 1, comment


def _walk(value: Any, path: str, context: str = "") -> Iterator[tuple[str, str]]:
    """Translatable ``(text, comment)`` pairs; an answer's comment quotes its question."""
    if isinstance(value, dict):
        label = value.get("id", "")
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if key in TEXT_KEYS and isinstance(item, str):
                yield item, f"{where}" + (f" ({label})" if label else "") + context
            elif key == "answers" and isinstance(item, list):
                question = value.get("text", "")
                for index, answer in enumerate(item):
                    yield from _walk(answer, f"{where}[{index}]", f" | answer to: {question}")
            else:
                yield from _walk(item, where, context)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", context)


def _add(
    catalog: Catalog,
    message: str | tuple[str, ...],
    location: tuple[str, int],
    comments: list[str],
    context: str | None = None,
) -> None:
    key = message[0] if isinstance(message, tuple) else message
    existing = catalog.get(key, context)
    if existing is not None:
        existing.locations.append(location)
        return
    added = catalog.add(message, locations=[location], auto_comments=comments, context=context)
    if added is not None and _BRACES.search(key) and not added.python_format:
        added.flags.add("python-brace-format")


def update_quiz_catalogs(root: Path, *, check: bool = False) -> list[Path]:
    """Refresh ``locales/quiz-engine.pot`` and each language's ``quiz-engine.po``.

    Returns the files that changed (with ``check``: that would change; nothing is written).
    """
    template = extract_quiz_template(root)
    changed: list[Path] = []
    pot = root / TEMPLATE
    text = render_po(template)
    if not pot.is_file() or strip_dates(pot.read_text(encoding="utf-8")) != strip_dates(text):
        changed.append(pot)
        if not check:
            atomic_write(pot, text)
    for lang in LANGUAGES:
        path = po_path(root, lang)
        try:
            if update_catalog(path, template, lang=lang, check=check, prose=False):
                changed.append(path)
        except CatalogError as error:
            raise QuizCatalogError(error.message, error.path, error.line) from None
    return changed


def compile_quiz_catalogs(root: Path) -> list[Path]:
    """Check every ``quiz-engine.po`` and write its ``.mo`` into ``quiz/locale``; the paths written."""
    written = []
    for path in sorted((root / "locales").glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = path.parent.parent.name
        catalog = _read_po(path, lang)
        check_placeholders(catalog, path)
        out = io.BytesIO()
        write_mo(out, catalog, use_fuzzy=False)
        target = mo_path(root, lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out.getvalue())
        written.append(target)
    return written


def check_placeholders(catalog: Catalog, path: Path) -> None:
    """Raise ``QuizCatalogError`` at the first translation whose placeholders differ from its msgid's."""
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        for pattern, kind in ((_PERCENT, "python-format"), (_BRACES, "{}")):
            expected = _placeholders(pattern, ids[-1])
            if len(ids) > 1 and _placeholders(pattern, ids[0]) - expected:
                expected |= _placeholders(pattern, ids[0])
            for string in strings:
                if string and _placeholders(pattern, string) != expected:
                    raise QuizCatalogError(
                        f"{kind} placeholders differ between msgid and msgstr: msgid {ids[0]!r} has "
                        f"{sorted(expected)}, msgstr {string!r} has {sorted(_placeholders(pattern, string))}",
                        path,
                        message.lineno,
                    )
    for message, errors in catalog.check():
        if errors and not message.fuzzy:
            raise QuizCatalogError(f"{errors[0]} (msgid {message.id!r})", path, message.lineno)


def missing_translations(root: Path) -> dict[str, list[str]]:
    """Per language, the msgids of the template that are untranslated or fuzzy in its ``quiz-engine.po``."""
    template = extract_quiz_template(root)
    missing: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        path = po_path(root, lang)
        catalog = _read_po(path, lang) if path.is_file() else Catalog(locale=lang)
        gaps = []
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, message.context)
            strings = found.string if found is not None else ""
            strings = strings if isinstance(strings, (list, tuple)) else (strings,)
            if found is None or found.fuzzy or not all(strings):
                gaps.append(message.id if isinstance(message.id, str) else message.id[0])
        missing[lang] = gaps
    return missing


def _placeholders(pattern: re.Pattern[str], text: str) -> set[str]:
    if pattern is _PERCENT:
        return {f"%({name}){conv}" if name else f"%{conv}" for name, conv in pattern.findall(text) if conv != "%"}
    return {f"{{{name}}}" for name in pattern.findall(text)}


def lint_po(text: str, path: Path) -> None:
    """Raise ``QuizCatalogError`` at the first line that is not well-formed PO (Babel lets some through)."""
    try:
        check_syntax(text, path)
    except CatalogError as error:
        raise QuizCatalogError(error.message, error.path, error.line) from None


def _read_po(path: Path, lang: str) -> Catalog:
    try:
        return load_catalog(path, lang=lang, validate=False)
    except CatalogError as error:
        raise QuizCatalogError(error.message, error.path, error.line) from None
