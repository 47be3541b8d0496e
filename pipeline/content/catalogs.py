"""gettext catalogs for articles, managed with Babel.

One catalog per article per target language: ``locales/<lang>/LC_MESSAGES/<slug>.po``.
Babel's ``Catalog.update`` does the merge: an unchanged msgid keeps its
translation, a changed one is carried over as fuzzy with ``#| msgid`` (its
previous text), a vanished one becomes obsolete (``#~``). Nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, write_po

from pipeline.config import Config, source_date_epoch
from pipeline.errors import BuildError, BuildErrors, CatalogError
from pipeline.model import Article

PROJECT = "redflags"
TEAM = "redflags translators <translators@redflags.example.org>"
_DATE_HEADERS = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.M)
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE = re.compile(r"`[^`]+`")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]+>")


def build_time() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible headers)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def article_template(article: Article, *, root: Path) -> Catalog:
    """The template catalog (what a ``.pot`` would hold) for one article."""
    catalog = Catalog(project=PROJECT, domain=article.slug, fuzzy=False, creation_date=build_time())
    where = article.path.relative_to(root).as_posix() if article.path.is_relative_to(root) else article.path.name
    for key in ("title", "description"):
        line = article.meta_lines.get(key, 1)
        _add(catalog, getattr(article, key), (where, line), f"front matter: {key}")
    for seg in article.segments:
        _add(catalog, seg.text, (where, article.file_line(seg)), seg.kind)
    return catalog


def _add(catalog: Catalog, text: str, location: tuple[str, int], comment: str) -> None:
    existing = catalog.get(text)
    if existing is not None:
        existing.locations.append(location)
        return
    message = catalog.add(text, locations=[location], auto_comments=[comment])
    message.flags.discard("python-format")  # prose, not format strings: "50% de" is not %d


def update_catalog(
    path: Path, template: Catalog, *, lang: str, check: bool = False, prose: bool = True
) -> bool:
    """Merge ``template`` into the catalog at ``path``; return True when it changed.

    With ``check`` nothing is written; the return value says whether it would be.
    """
    if path.exists():
        catalog = load_catalog(path, lang=lang, validate=False)
    else:
        catalog = Catalog(locale=lang, project=PROJECT, domain=template.domain, fuzzy=False)
    catalog.update(template, update_header_comment=False)
    catalog.last_translator = catalog.last_translator if "FULL NAME" not in catalog.last_translator else TEAM
    catalog.language_team = TEAM
    if prose:
        for message in catalog:
            if message.id:
                message.flags.discard("python-format")
    catalog.revision_date = build_time()
    text = render_po(catalog)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    changed = old is None or strip_dates(old) != strip_dates(text)
    if changed and not check:
        atomic_write(path, text)
    return changed


_PREVIOUS_MARK = "\ue000"
"""Stands in for a previous msgid while Babel writes the catalog (a private-use character no text holds)."""
_MARKED_PREVIOUS = re.compile(r'^#\| (msgid|msgid_plural) "\ue000(\d+)"$', re.MULTILINE)


def render_po(catalog: Catalog) -> str:
    """The catalog as PO text, one line per string, previous msgids written as GNU ``msgmerge`` does.

    Babel wraps a previous msgid like a comment, so a long one continues on
    ``#| and the rest`` lines that neither gettext's tools nor Babel's reader
    take as part of it; after one more update the translator finds broken
    ``# | msgid`` comments instead. Each previous msgid is written here as
    ``#| msgid "..."`` with a marker in its place while Babel writes the rest.
    """
    previous: list[str] = []
    saved: list[tuple[Message, list[str]]] = []
    for message in catalog:
        if message.previous_id:
            ids = list(message.previous_id)  # Babel's Message keeps it as a list, whatever it was given
            saved.append((message, ids))
            message.previous_id = [f"{_PREVIOUS_MARK}{len(previous) + k}" for k in range(len(ids))]
            previous += ids
    buffer = io.BytesIO()
    try:
        write_po(buffer, catalog, width=0, include_previous=True, sort_by_file=False)
    finally:
        for message, ids in saved:
            message.previous_id = ids
    return _MARKED_PREVIOUS.sub(
        lambda match: f"#| {match[1]} {normalize(previous[int(match[2])], prefix='#| ', width=0)}",
        buffer.getvalue().decode("utf-8"),
    )


def strip_dates(text: str) -> str:
    return _DATE_HEADERS.sub("", text)


def atomic_write(path: Path, text: str) -> None:
    """Write beside the target and rename: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_catalog(path: Path, *, lang: str, validate: bool = True) -> Catalog:
    """Read a ``.po`` file; syntax errors and broken placeholders name file and line."""
    try:
        check_syntax(path.read_text(encoding="utf-8"), path)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, abort_invalid=True, domain=path.stem)
    except PoFileError as exc:
        line = getattr(exc, "lineno", None)
        detail = re.sub(r" on \d+$", "", str(exc.args[0] if exc.args else exc))  # Babel appends its 0-based line
        raise CatalogError(f"syntax error in catalog: {detail}", path, line + 1 if line is not None else None) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise CatalogError(f"cannot read catalog: {exc}", path) from None
    _restore_previous_ids(catalog, path.read_text(encoding="utf-8"))
    if validate:
        problems = [
            CatalogError(problem, path, message.lineno)
            for message in catalog
            if message.id and message.string
            for problem in check_message(message)
        ]
        if problems:
            raise BuildErrors(problems)
    return catalog


_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


_ESCAPE = re.compile(r"\\(.)")
_KNOWN_ESCAPES = frozenset('\\"ntr')
"""What Babel's reader decodes after a backslash; it would leave any other pair on the page as typed."""


def check_syntax(text: str, path: Path) -> None:
    """Reject what Babel's reader lets through, such as an unterminated string or an unknown escape."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            raise CatalogError(f"syntax error in catalog: cannot parse {_short(stripped)!r}", path, number)
        unknown = next((m for m in _ESCAPE.finditer(stripped) if m[1] not in _KNOWN_ESCAPES), None)
        if unknown:  # shown with up to 24 characters either side, "…" where the line goes on
            start, end = max(0, unknown.start() - 24), unknown.end() + 24
            where = ("…" if start else "") + stripped[start:end] + ("…" if end < len(stripped) else "")
            raise CatalogError(
                f"syntax error in catalog: unknown escape '{unknown[0]}' in {where} (a backslash is written '\\\\')",
                path,
                number,
            )


def _restore_previous_ids(catalog: Catalog, text: str) -> None:
    """Read the ``#| msgid`` lines, which Babel's reader files as translator comments.

    They are taken out of the comments (else the next write turns them into
    ``# | msgid`` remarks that pile up); a fuzzy entry gets its previous msgid
    back, so the translator still sees what changed in the source, and a
    translated one drops it, as ``msgmerge`` does. A continuation line without
    quotes (how Babel used to wrap a long one) is joined back with a space.
    """
    found: dict[int, list[str]] = {}
    pending: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("#|"):
            pending.append(line)
        elif line.startswith("msgid ") and pending:
            found[number] = pending
            pending = []
        elif not line.startswith(("#", "msgctxt ")):
            pending = []
    if not found:
        return
    for message in catalog:
        lines = found.get(message.lineno)  # None for a message that was not read from the text
        if not message.id or lines is None:
            continue
        for line in lines:
            comment = line[1:].strip()
            if comment in message.user_comments:
                message.user_comments.remove(comment)
        ids = _previous_ids(lines)
        message.previous_id = ids if message.fuzzy and ids else []


def _previous_ids(lines: list[str]) -> list[str]:
    """The msgid (and msgid_plural) of ``#|`` lines, each from its quoted parts.

    A broken quote (a part cut off, a lone ``"``) gives no previous msgid at
    all: the translator sees a fuzzy entry rather than a garbled old text.
    """
    parts: list[list[str]] = []
    for line in lines:
        rest = line[2:].strip()
        keyword, _, value = rest.partition(" ")
        if keyword in ("msgid", "msgid_plural") and value.startswith('"'):
            parts.append([value])
        elif rest.startswith('"') and parts:
            parts[-1].append(rest)
        elif rest and parts:
            parts[-1][-1] += " " + rest
    if any(len(part) < 2 or not part.endswith('"') for chunk in parts for part in chunk):
        return []
    return ["".join(_unquote(part) for part in chunk) for chunk in parts]


def _unquote(part: str) -> str:
    from babel.messages.pofile import unescape

    return unescape(part.strip())


def placeholders(text: str) -> Counter[str]:
    """What a translation must keep verbatim: link targets, inline code, autolinks."""
    found: Counter[str] = Counter()
    found.update(_LINK_TARGET.findall(text))
    found.update(_CODE.findall(text))
    found.update(_AUTOLINK.findall(text))
    return found


def check_message(message: Message) -> list[str]:
    """Problems of one translated message (empty when fine)."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    problems = []
    for string in strings:
        if not string:
            continue
        want, got = placeholders(msgid), placeholders(string)
        if want != got:
            missing = sorted((want - got).elements())
            extra = sorted((got - want).elements())
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unexpected {', '.join(extra)}" if extra else "",
                )
                if part
            )
            problems.append(f"placeholder mismatch in translation of {_short(msgid)!r}: {detail}")
    return problems


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def update_article_catalogs(
    articles: Iterable[Article], config: Config, *, check: bool = False
) -> list[Path]:
    """Update (or, with ``check``, only compare) every article catalog.

    Returns the catalogs that changed (or would change).
    """
    changed: list[Path] = []
    errors: list[BuildError] = []
    for article in articles:
        template = article_template(article, root=config.root)
        for lang in config.languages:
            if lang == article.lang:
                continue
            path = config.po_path(lang, article.slug)
            try:
                if update_catalog(path, template, lang=lang, check=check):
                    changed.append(path)
            except BuildErrors as exc:
                errors.extend(exc.errors)
            except BuildError as exc:
                errors.append(exc)
    if errors:
        raise BuildErrors(errors)
    return changed


def translation_of(catalog: Catalog | None, text: str) -> tuple[str | None, bool]:
    """Return ``(translation, fuzzy)``; translation is None when missing."""
    if catalog is None:
        return None, False
    message = catalog.get(text)
    if message is None or not message.string:
        return None, False
    string = message.string if isinstance(message.string, str) else message.string[0]
    return string, message.fuzzy


def untranslated(path: Path, *, lang: str) -> list[Message]:
    """Entries of a catalog that have no translation, or only a fuzzy one."""
    catalog = load_catalog(path, lang=lang)
    return [m for m in catalog if m.id and (m.fuzzy or not all(_strings(m)))]


def _strings(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
