#!/usr/bin/env python3
"""redflags build: the single entry point.

    python build.py catalogs [--check]       update (or check) every gettext catalog
    python build.py import-draft SRC DRAFT   fill a catalog from a parallel Markdown draft
    python build.py site [--strict]          build all languages into site/
    python build.py serve [--port 8000]      build, then serve site/ on 127.0.0.1
    python build.py check                    strict build into a temporary folder

This file only parses arguments, prints progress and runs the stages in
order; each stage is a module of ``pipeline/``. Errors are printed as
``file:line: message`` with a non-zero exit, and site/ is left untouched.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from pipeline import catalogs, checks, csp, localize, messages, output, report, root_pages, site, warning_signs
from pipeline.config import Config
from pipeline.errors import BuildError, BuildErrors, CatalogError, SiteError, SourceError
from pipeline.model import LocalizedArticle
from pipeline.sources import load_articles
from pipeline.ui_text import translations

ROOT = Path(__file__).resolve().parent


def say(message: str) -> None:
    print(message, flush=True)


def cmd_catalogs(config: Config, *, check: bool) -> int:
    articles = load_articles(config.docs_dir, languages=config.languages)
    changed = catalogs.update_article_catalogs(articles, config, check=check)
    changed += messages.update_messages(config, check=check)
    changed += _quiz_catalogs(config, check=check)
    for path in changed:
        say(f"{'out of date' if check else 'updated'}: {path.relative_to(config.root)}")
    if check and changed:
        raise CatalogError(f"{len(changed)} catalog(s) out of date: run `python build.py catalogs`")
    say(f"catalogs: {len(articles)} articles, {len(changed)} {'stale' if check else 'changed'}")
    return 0


def _quiz_catalogs(config: Config, *, check: bool) -> list[Path]:
    from pipeline import quiz_catalogs

    if not (config.root / quiz_catalogs.BANK).is_file():  # a project without the quiz
        return []
    changed = quiz_catalogs.update_quiz_catalogs(config.root, check=check)
    if not check:
        quiz_catalogs.compile_quiz_catalogs(config.root)  # so `python -m quiz` speaks es and ru
    return changed


def localize_all(config: Config) -> dict[str, list[LocalizedArticle]]:
    """Every article in every language, with the warning-sign catalogue filled in."""
    articles = load_articles(config.docs_dir, languages=config.languages)
    pages: dict[str, list[LocalizedArticle]] = {}
    errors: list[BuildError] = []
    for lang in config.languages:
        pages[lang] = []
        for article in articles:
            catalog = None
            path = config.po_path(lang, article.slug)
            if lang != article.lang and path.exists():
                try:
                    catalog = catalogs.load_catalog(path, lang=lang)
                except BuildErrors as exc:
                    errors.extend(exc.errors)
                    continue
                except BuildError as exc:
                    errors.append(exc)
                    continue
            pages[lang].append(localize.localize(article, lang=lang, catalog=catalog))
        gettext = translations(config.po_path(lang, config.domain_messages), lang).gettext
        pages[lang] = warning_signs.with_catalogue(pages[lang], gettext=gettext)
    if errors:
        raise BuildErrors(errors)
    return pages


def build_site(config: Config, target: Path) -> None:
    started = time.perf_counter()
    if (config.docs_dir / "quiz.md").exists():
        from pipeline.quiz_catalogs import compile_quiz_catalogs

        compile_quiz_catalogs(config.root)  # the quiz page's form is rendered from them
    pages = localize_all(config)
    flat = [page for lang in config.languages for page in pages[lang]]
    say("translation coverage:")
    for line in report.coverage_lines(flat):
        say(line)
    problems: list[BuildError] = []
    if config.strict:
        for page in report.incomplete(flat):
            problems.append(
                SourceError(
                    f"{page.lang}: {page.missing} untranslated or fuzzy segment(s) "
                    f"(catalog locales/{page.lang}/LC_MESSAGES/{page.article.slug}.po)",
                    page.article.path,
                )
            )
        for lang in config.languages:
            po = config.po_path(lang, config.domain_messages)
            if lang != "en" and po.exists():
                for message in catalogs.untranslated(po, lang=lang):
                    problems.append(CatalogError(f"UI string not translated: {message.id!r}", po, message.lineno))
        for tag in warning_signs.undescribed_tags(pages[config.default_language]):
            problems.append(SourceError(f"tag {tag!r} has no section in the catalogue", "docs/warning-signs.md"))
    warnings: list[str] = []
    with output.staging(target) as stage, tempfile.TemporaryDirectory(prefix="redflags-work-") as work:
        for lang in config.languages:
            say(f"building {lang} ...")
            catalogue = next((p for p in pages[lang] if p.article.slug == warning_signs.CATALOGUE), None)
            labels = warning_signs.tag_labels(catalogue.markdown) if catalogue else {}
            warnings += site.build_language(
                config, lang, pages[lang], work_dir=Path(work), site_dir=stage / lang, tag_labels=labels
            )
        if (config.docs_dir / "quiz.md").exists():
            from pipeline.quiz_bundle import build_quiz_bundle

            say("building the quiz runtime ...")
            build_quiz_bundle(stage / "_quiz", root=config.root)
            problems += [
                SiteError(p)
                for p in checks.topic_link_problems(stage, languages=config.languages, topics=checks.quiz_topics())
            ]
        root_pages.write_root(config, stage)
        csp.apply_csp(stage)
        for warning in warnings:
            say(f"warning: {warning}")
        if config.strict:
            problems += [SiteError(w) for w in warnings]
        if problems:
            raise BuildErrors(problems)
    say(f"site built in {time.perf_counter() - started:.1f}s -> {target}")


def cmd_serve(config: Config, *, port: int) -> int:
    from pipeline.serve import make_server

    build_site(config, config.root / "site")
    server = make_server(config.root / "site", port=port)
    say(f"serving site/ on http://127.0.0.1:{port}/ (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cat = sub.add_parser("catalogs", help="update gettext catalogs from the sources")
    cat.add_argument("--check", action="store_true", help="fail if any catalog is out of date")
    draft = sub.add_parser("import-draft", help="fill a catalog from a parallel Markdown draft")
    draft.add_argument("source", type=Path)
    draft.add_argument("draft", type=Path)
    build = sub.add_parser("site", help="build every language into site/")
    build.add_argument("--strict", action="store_true", help="fail on missing/fuzzy segments and warnings")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: site/)")
    serve = sub.add_parser("serve", help="build, then serve site/ on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    sub.add_parser("check", help="strict build into a temporary folder")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    config = Config(root=ROOT, strict=getattr(args, "strict", False))
    try:
        if args.command == "catalogs":
            return cmd_catalogs(config, check=args.check)
        if args.command == "import-draft":
            from pipeline.drafts import import_draft
            from pipeline.sources import read_article

            article = read_article(args.source.resolve(), languages=config.languages)
            path = import_draft(article, args.draft.resolve(), config=config)
            say(f"imported {args.draft} -> {path.relative_to(config.root)}")
            return 0
        if args.command == "site":
            build_site(config, (args.out or config.root / "site").resolve())
            return 0
        if args.command == "serve":
            return cmd_serve(config, port=args.port)
        if args.command == "check":
            strict = Config(root=ROOT, strict=True)
            out = Path(tempfile.mkdtemp(prefix="redflags-check-"))
            try:
                build_site(strict, out / "site")
            finally:
                shutil.rmtree(out, ignore_errors=True)
            return 0
    except BuildError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return exc.exit_code
    return 2


if __name__ == "__main__":
    sys.exit(main())
