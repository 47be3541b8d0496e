"""Import a whole-file translation (a parallel Markdown draft) into a catalog.

Translators who prefer to write a complete page can do so: the draft must
have the same block structure as the source (same headings, paragraphs, list
items, table cells and admonitions, in order). Each block becomes the
``msgstr`` of the source block at the same position.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.config import Config
from pipeline.content.catalogs import article_template, atomic_write, load_catalog, render_po, update_catalog
from pipeline.content.sources import read_article
from pipeline.errors import SourceError
from pipeline.model import Article


def import_draft(article: Article, draft_path: Path, *, config: Config) -> Path:
    """Write the draft's blocks as translations of ``article``; return the catalog path."""
    draft = read_article(draft_path, languages=config.languages, slug=article.slug)
    lang = draft.lang
    if lang == article.lang:
        raise SourceError(f"draft lang {lang!r} is the source's own language", draft_path, 1)
    pairs = [(article.title, draft.title), (article.description, draft.description)]
    if len(draft.segments) != len(article.segments):
        raise SourceError(
            f"draft has {len(draft.segments)} blocks, source {article.path.name} has "
            f"{len(article.segments)}: {_first_difference(article, draft)}",
            draft_path,
        )
    for src, dst in zip(article.segments, draft.segments, strict=True):
        if src.kind != dst.kind:
            raise SourceError(
                f"block kind differs: source line {article.file_line(src)} is a {src.kind}, "
                f"draft has a {dst.kind}",
                draft_path,
                draft.file_line(dst),
            )
        pairs.append((src.text, dst.text))
    path = config.po_path(lang, article.slug)
    update_catalog(path, article_template(article, root=config.root), lang=lang)
    catalog = load_catalog(path, lang=lang, validate=False)
    for msgid, msgstr in pairs:
        message = catalog.get(msgid)
        if message is not None:
            message.string = msgstr
            message.flags.discard("fuzzy")
            message.previous_id = []
    atomic_write(path, render_po(catalog))
    load_catalog(path, lang=lang)  # validates placeholders, naming the line
    return path


def _first_difference(article: Article, draft: Article) -> str:
    for src, dst in zip(article.segments, draft.segments, strict=False):
        if src.kind != dst.kind:
            return (
                f"first difference at source line {article.file_line(src)} ({src.kind}) / "
                f"draft line {draft.file_line(dst)} ({dst.kind})"
            )
    shorter = min(len(article.segments), len(draft.segments))
    return f"the first {shorter} blocks match; the rest differ in number"
