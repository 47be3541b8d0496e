#!/usr/bin/env python3
"""redflags build: the single entry point.

    python build.py catalogs [--check]       update (or check) every gettext catalog
    python build.py import-draft SRC DRAFT   fill a catalog from a parallel Markdown draft
    python build.py site [--strict]          build all languages into site/
    python build.py offline [--out ZIP]      the workshop zip for file:// (dist/redflags-offline-<version>.zip)
    python build.py all                      site/ and the offline zip
    python build.py serve [--port 8000] [-v] live preview: rebuilds on every edit, the tab reloads
    python build.py new SLUG --lang es       start an article: docs/SLUG.md and its catalogs
    python build.py check [--only vnu,axe]   strict build into a temporary folder, then every
                                             quality gate over it (pipeline/gates/)
    python build.py deploy-config [--check]  write (or check) deploy/nginx.conf from pipeline/deploy/headers.py

Every command takes ``--base-url URL`` (the public address of site/, may
have a sub-path); without it ``$REDFLAGS_BASE_URL``, then ``site_url`` of
mkdocs.yml is used (see ``pipeline/config.py``). Builds keep the precompressed
copies of each file's content and Jinja2's compiled templates in ``.cache/``
(ignored by git, safe to delete); ``--no-cache`` builds without it, with the same output.

This file only parses arguments, prints progress and runs the stages in
order; each stage is a module of ``pipeline/``. Errors are printed as
``file:line: message`` with a non-zero exit, and site/ is left untouched.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pipeline.commands import build_site as site_command
from pipeline.config import BASE_URL_ENV, Config
from pipeline.content import catalogs, messages
from pipeline.content.sources import load_articles
from pipeline.errors import BuildError, CatalogError

ROOT = Path(__file__).resolve().parent
CACHE_DIR = ".cache"


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
    from pipeline.quiz_runtime import catalogs as quiz_catalogs

    if not (config.root / quiz_catalogs.BANK).is_file():  # a project without the quiz
        return []
    changed = quiz_catalogs.update_quiz_catalogs(config.root, check=check)
    if not check:
        quiz_catalogs.compile_quiz_catalogs(config.root)  # so `python -m quiz` speaks es and ru
    return changed


def build_site(config: Config, target: Path) -> None:
    site_command.build_site(config, target, say=say)


def cmd_gates(site_dir: Path, *, only: list[str]) -> int:
    from pipeline.gates.run import run_gates

    results = run_gates(site_dir, root=ROOT, only=only or None, say=say)
    problems = [finding for result in results for finding in result.findings]
    for finding in problems:
        print(f"error: {finding}", file=sys.stderr)
    failed = [r.name for r in results if not r.ok]
    say(f"check: {len(results)} gates, {len(problems)} problem(s){' in ' + ', '.join(failed) if failed else ''}")
    return 1 if problems else 0


def cmd_serve(config: Config, *, host: str, port: int, verbose: bool) -> int:
    from pipeline.commands import preview

    return preview.serve(config, host=host, port=port, verbose=verbose, say=say)


def cmd_new(config: Config, *, slug: str, lang: str, title: str | None) -> int:
    from pipeline.content import new_article

    for path in new_article.create(config, slug, lang=lang, title=title):
        say(f"wrote {path.relative_to(config.root)}")
    say(f"next: edit docs/{slug}.md, preview it with `python build.py serve`")
    return 0


def cmd_deploy_config(config: Config, *, check: bool) -> int:
    from pipeline.deploy import host_files

    path = config.root / host_files.NGINX_CONF
    text = host_files.nginx_conf(languages=config.languages)
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if current == text:
        say(f"{host_files.NGINX_CONF} is up to date")
        return 0
    if check:
        raise BuildError(f"{host_files.NGINX_CONF} is out of date: run `python build.py deploy-config`")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    say(f"wrote {host_files.NGINX_CONF}")
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
    serve = sub.add_parser("serve", help="live preview: build, serve, rebuild on edits, reload the tab")
    serve.add_argument("--port", type=int, default=8000, help="0 picks a free port (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("-v", "--verbose", action="store_true", help="log every request")
    new = sub.add_parser("new", help="start an article: docs/SLUG.md and its catalogs")
    new.add_argument("slug", help="file name without .md: lowercase letters, digits and dashes")
    new.add_argument("--lang", required=True, choices=list(Config(root=ROOT).languages),
                     help="the language you write it in")
    new.add_argument("--title", default=None, help="page title (default: from the slug)")
    offline = sub.add_parser("offline", help="the workshop zip that works from file://")
    offline.add_argument("--out", type=Path, default=None, help="zip path (default: dist/...)")
    sub.add_parser("all", help="build site/ and the offline zip")
    check = sub.add_parser("check", help="strict build into a temporary folder, then the quality gates")
    check.add_argument("--only", default="", help="comma-separated gates (default: all)")
    deploy_config = sub.add_parser("deploy-config", help="write deploy/nginx.conf from pipeline/deploy/headers.py")
    deploy_config.add_argument("--check", action="store_true", help="fail if deploy/nginx.conf is out of date")
    for command in sub.choices.values():
        command.add_argument(
            "--base-url",
            metavar="URL",
            default=None,
            help=f"public base URL of the site (default: ${BASE_URL_ENV}, else site_url of mkdocs.yml)",
        )
        command.add_argument(
            "--no-cache", action="store_true", help=f"build without the cache in {CACHE_DIR}/ (same output, slower)"
        )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        config = Config.load(
            ROOT,
            base_url=args.base_url,
            strict=getattr(args, "strict", False),
            cache_dir=None if args.no_cache else ROOT / CACHE_DIR,
        )
        if args.command == "catalogs":
            return cmd_catalogs(config, check=args.check)
        if args.command == "import-draft":
            from pipeline.content.drafts import import_draft
            from pipeline.content.sources import read_article

            article = read_article(args.source.resolve(), languages=config.languages)
            path = import_draft(article, args.draft.resolve(), config=config)
            say(f"imported {args.draft} -> {path.relative_to(config.root)}")
            return 0
        if args.command == "site":
            build_site(config, (args.out or config.root / "site").resolve())
            return 0
        if args.command in ("offline", "all"):
            from pipeline.commands.build_offline import build_offline

            if args.command == "all":
                build_site(config, config.root / "site")
            build_offline(config, getattr(args, "out", None), say=say)
            return 0
        if args.command == "serve":
            return cmd_serve(config, host=args.host, port=args.port, verbose=args.verbose)
        if args.command == "new":
            return cmd_new(config, slug=args.slug, lang=args.lang, title=args.title)
        if args.command == "deploy-config":
            return cmd_deploy_config(config, check=args.check)
        if args.command == "check":
            strict = dataclasses.replace(config, strict=True)
            out = Path(tempfile.mkdtemp(prefix="redflags-check-"))
            try:
                build_site(strict, out / "site")
                return cmd_gates(out / "site", only=[g for g in args.only.split(",") if g])
            finally:
                shutil.rmtree(out, ignore_errors=True)
    except BuildError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:  # Ctrl+C while building or serving: stop quietly
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
