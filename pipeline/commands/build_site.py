"""The whole-site build, in the order of work: read and localize, then write.

``build_site`` reads every article in every language first (all content errors
of a run are reported together), then builds each language with MkDocs into a
staging folder, adds the quiz runtime, runs the *finishing stages* over the
staged tree, and only then swaps it into place (``pipeline/output.py``): a
failed build leaves the previous site untouched.

A finishing stage is a function ``(config, site_dir) -> list[BuildError]``
that adds or rewrites files of the staged site (root pages, CSP, ...) and
returns problems instead of raising them; add one by appending it to
``FINISHING_STAGES``. Two sets say how the live preview (``pipeline/commands/preview.py``)
treats a stage: one in ``RUNTIME_STAGES`` writes files that depend only on
``quiz/`` and the vendored runtime, so the preview runs it once and reuses its
output until ``quiz/`` changes; one in ``NOT_IN_PREVIEW`` (the offline zip) is
skipped by the preview. Every other stage runs on every preview rebuild, over
the whole site, exactly as in ``build.py site``.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from pipeline import clock, output
from pipeline.config import Config
from pipeline.content import catalogs, localize, report, warning_signs
from pipeline.content.sources import load_articles
from pipeline.content.ui_text import translations
from pipeline.deploy import host_files
from pipeline.deploy.compress_cache import CompressCache
from pipeline.errors import BuildError, BuildErrors, CatalogError, SiteError, SourceError
from pipeline.model import LocalizedArticle
from pipeline.quiz_runtime import fingerprint
from pipeline.site import checks, csp, mkdocs_build, root_pages, social_card

Say = Callable[[str], None]
FinishingStage = Callable[[Config, Path], list[BuildError]]


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


def has_quiz(config: Config) -> bool:
    return (config.docs_dir / "quiz.md").exists()


def content_problems(config: Config, pages: dict[str, list[LocalizedArticle]]) -> list[BuildError]:
    """What ``--strict`` refuses before anything is built: missing translations, undescribed tags."""
    flat = [page for lang in config.languages for page in pages[lang]]
    problems: list[BuildError] = []
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
    return problems


def _quiz_runtime(config: Config, site_dir: Path) -> list[BuildError]:
    """The vendored Pyodide runtime, the quiz wheel and lock file in ``_quiz/``."""
    if not has_quiz(config):
        return []
    from pipeline.quiz_runtime.bundle import build_quiz_bundle

    build_quiz_bundle(site_dir / "_quiz", root=config.root, file_urls=config.offline, cache_dir=config.cache_dir)
    return []


def _quiz_topic_links(config: Config, site_dir: Path) -> list[BuildError]:
    """Every topic link of the quiz's action plan resolves to a page and anchor in every language."""
    if not has_quiz(config):
        return []
    topics = checks.quiz_topics()
    return [SiteError(p) for p in checks.topic_link_problems(site_dir, languages=config.languages, topics=topics)]


def _quoted_link_titles(config: Config, site_dir: Path) -> list[BuildError]:
    return [SiteError(p) for p in checks.quoted_link_title_problems(site_dir, languages=config.languages)]


def _root_pages(config: Config, site_dir: Path) -> list[BuildError]:
    root_pages.write_root(config, site_dir)
    return []


def _embed(config: Config, site_dir: Path) -> list[BuildError]:
    """``embed.js`` and the frameless quiz page per language (``pipeline/channels/embed.py``)."""
    if has_quiz(config):
        from pipeline.channels.embed import write_embed

        write_embed(config, site_dir)
    return []


def _social_cards(config: Config, site_dir: Path) -> list[BuildError]:
    """The link-preview image of each language (``pipeline/site/social_card.py``)."""
    social_card.write_cards(config, site_dir)
    return []


def _content_security_policy(config: Config, site_dir: Path) -> list[BuildError]:
    csp.apply_csp(site_dir)  # last: hashes the inline scripts of every page the stages above wrote
    return []


def _fingerprint(config: Config, site_dir: Path) -> list[BuildError]:
    fingerprint.fingerprint_quiz_runtime(site_dir)  # before the CSP: the pages' references change
    return []


def _deploy_files(config: Config, site_dir: Path) -> list[BuildError]:
    host_files.write_headers_file(site_dir)
    return []


def _precompress(config: Config, site_dir: Path) -> list[BuildError]:
    cache = CompressCache(config.cache_dir / "precompressed") if config.cache_dir else None
    host_files.precompress(site_dir, cache=cache)  # last: compresses what every stage above wrote
    return []


FINISHING_STAGES: list[FinishingStage] = [
    _quiz_runtime,
    _quiz_topic_links,
    _quoted_link_titles,
    _root_pages,
    _embed,
    _social_cards,
    _fingerprint,
    _content_security_policy,
    _deploy_files,
    _precompress,
]
"""Run in order over the staged site after every language is built."""

RUNTIME_STAGES: set[FinishingStage] = {_quiz_runtime}
"""Stages whose files depend only on ``quiz/`` and the pinned runtime: the preview reuses them,
and a full build runs them beside the language builds (they write only ``_quiz/``)."""

NOT_IN_PREVIEW: set[FinishingStage] = {_precompress}
"""Stages the live preview skips (slow products nobody previews: precompression, the offline zip)."""


def prepare(config: Config) -> None:
    """What every build does before reading pages: compile the quiz catalogs the quiz form needs."""
    if has_quiz(config):
        from pipeline.quiz_runtime.catalogs import compile_quiz_catalogs

        compile_quiz_catalogs(config.root)


def tag_labels_of(pages: list[LocalizedArticle]) -> dict[str, str]:
    catalogue = next((p for p in pages if p.article.slug == warning_signs.CATALOGUE), None)
    return warning_signs.tag_labels(catalogue.markdown) if catalogue else {}


def build_languages(
    config: Config,
    pages: dict[str, list[LocalizedArticle]],
    languages: Iterable[str],
    *,
    site_dir: Path,
    say: Say = print,
    pool: Executor | None = None,
) -> list[str]:
    """The per-language stage: one MkDocs build per language into ``site_dir/<lang>``; the warnings.

    With a ``pool`` (``build_pool``) the languages build at once, each in a forked process
    (MkDocs builds are CPU-bound Python; each language writes only its own folder, and the
    warnings come back in language order, so the output does not depend on the timing).
    """
    languages = list(languages)
    with tempfile.TemporaryDirectory(prefix="redflags-work-") as work:
        jobs = [
            (config, lang, pages[lang], Path(work), site_dir / lang, tag_labels_of(pages[lang])) for lang in languages
        ]
        if pool is None:
            warnings: list[str] = []
            for job in jobs:
                say(f"building {job[1]} ...")
                warnings += _build_one(*job)
            return warnings
        say(f"building {', '.join(languages)} in parallel ...")
        results = [pool.submit(_build_one, *job) for job in jobs]
        return [warning for result in results for warning in result.result()]


def _build_one(
    config: Config, lang: str, pages: list[LocalizedArticle], work: Path, site_dir: Path, labels: dict[str, str]
) -> list[str]:
    return mkdocs_build.build_language(config, lang, pages, work_dir=work, site_dir=site_dir, tag_labels=labels)


def build_processes(cores: int | None = None, load: float | None = None) -> int:
    """How many processes a full build runs at once: the cores nothing else is using.

    Measured on the 2-core build machine (``handbook/benchmarks.md``): with both cores
    already busy with other work (load average 8-10), two processes made a warm build
    slower (3.2 s against 2.6 s sequential, five alternating runs); forking and the
    copy-on-write of the parent only pay where a core would otherwise sit idle. So the
    count is the cores this process may use minus the 1-minute load average, rounded up,
    at least one: an idle 2-core machine gets two, a busy one builds sequentially. The
    output does not depend on it.
    """
    if cores is None:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # not Linux
            cores = os.cpu_count() or 1
    if load is None:
        try:
            load = os.getloadavg()[0]
        except OSError:
            load = 0.0
    return max(1, min(cores, math.ceil(cores - load)))


@contextmanager
def build_pool(processes: int) -> Iterator[Executor | None]:
    """Forked worker processes for independent stages, or ``None`` with one core or no ``fork``.

    MkDocs is imported first, so every worker inherits it instead of importing it again.
    """
    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    mkdocs_build.preload()
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool


def finish(config: Config, site_dir: Path, stages: Iterable[FinishingStage]) -> list[BuildError]:
    """Run ``stages`` in order over a staged site; the problems they found."""
    problems: list[BuildError] = []
    for stage in stages:
        problems += stage(config, site_dir)
    return problems


def build_site(config: Config, target: Path, *, say: Say = print) -> None:
    """Build every language into ``target`` (swapped in only when everything passed)."""
    with clock.pinned_clock(config.root):
        _build_site(config, target, say=say)


def _build_site(config: Config, target: Path, *, say: Say) -> None:
    started = time.perf_counter()
    prepare(config)
    pages = localize_all(config)
    say("translation coverage:")
    for line in report.coverage_lines([page for lang in config.languages for page in pages[lang]]):
        say(line)
    problems = content_problems(config, pages) if config.strict else []
    # Everything is read; from here on files are written, into the staging folder only.
    runtime_stages = [s for s in FINISHING_STAGES if s in RUNTIME_STAGES]
    later_stages = [s for s in FINISHING_STAGES if s not in RUNTIME_STAGES]
    with output.staging(target) as stage:
        # The runtime stages write only _quiz/ from quiz/ and the pinned runtime: they run
        # beside the language builds, in the pool's spare process.
        with build_pool(build_processes()) as pool:
            runtime = pool.submit(finish, config, stage, runtime_stages) if pool else None
            warnings = build_languages(config, pages, config.languages, site_dir=stage, say=say, pool=pool)
            problems += runtime.result() if runtime else finish(config, stage, runtime_stages)
        problems += finish(config, stage, later_stages)
        for warning in warnings:
            say(f"warning: {warning}")
        if config.strict:
            problems += [SiteError(w) for w in warnings]
        if problems:
            raise BuildErrors(problems)
    say(f"site built in {time.perf_counter() - started:.1f}s -> {target}")
