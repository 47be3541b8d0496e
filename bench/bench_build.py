"""Build-time benchmark: our pipeline against plain ``mkdocs build`` of the same pages.

    .venv/bin/python bench/bench_build.py [--runs 3] [--synthetic 30,300]

Prints, as medians over the runs, with the load average before and after:
- the full build of this project (all languages, root pages, CSP pass), twice per
  run with one fresh precompression cache (``pipeline/deploy/compress_cache.py``):
  "cold" (empty cache: a first build, or one after ``rm -rf .cache``) and "warm"
  (the same sources again: what a rebuild after a text edit pays, every file but
  the edited ones found in the cache);
- plain ``mkdocs build`` of the very same per-language Markdown (Material, same
  extensions, no hooks, one language after the other) -- the ratio of the two is
  the overhead figure (the goal is <= 1.5 with the cache warm);
- the same for synthetic corpora of 30 and 300 articles (scaling);
- the quiz runtime stage alone (copying Pyodide, building the wheel and lock),
  which plain MkDocs has no counterpart for;
- inside our full build, the time of the per-language MkDocs stage (languages in
  parallel processes) and of the deployment stages plain MkDocs has no counterpart
  for: precompression (``.br``/``.gz``, cold and warm) and the link-preview cards
  (timed by wrapping those stages, nothing else changed).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.config import Config  # noqa: E402
from pipeline.site.mkdocs_build import base_settings  # noqa: E402


def load_build():
    spec = importlib.util.spec_from_file_location("build_cli", ROOT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def runtime_only(config: Config, out: Path) -> float:
    """The quiz runtime stage alone (Pyodide files, wheel, lock file): plain MkDocs has no equivalent."""
    if not (config.docs_dir / "quiz.md").exists():
        return 0.0
    from pipeline.quiz_runtime.bundle import build_quiz_bundle

    started = time.perf_counter()
    build_quiz_bundle(out, root=config.root)
    return time.perf_counter() - started


TIMED_STAGES = ("_precompress", "_social_cards")
"""Finishing stages of ``pipeline/commands/build_site.py`` timed inside our build (deployment products)."""
stage_times: dict[str, list[float]] = {name: [] for name in (*TIMED_STAGES, "languages")}


def _timed(stage):
    def run(config: Config, site_dir: Path):
        started = time.perf_counter()
        try:
            return stage(config, site_dir)
        finally:
            stage_times[stage.__name__].append(time.perf_counter() - started)

    run.__name__ = stage.__name__
    return run


def ours(config: Config, out: Path, cache: Path) -> float:
    import dataclasses

    from pipeline.commands import build_site
    from pipeline.site import social_card

    social_card.render_card.cache_clear()  # a build process draws each card once: time that, not a cache hit
    build = load_build()
    original = list(build_site.FINISHING_STAGES)
    original_languages = build_site.build_languages

    def languages(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original_languages(*args, **kwargs)
        finally:
            stage_times["languages"].append(time.perf_counter() - started)

    build_site.FINISHING_STAGES[:] = [_timed(s) if s.__name__ in TIMED_STAGES else s for s in original]
    build_site.build_languages = languages
    try:
        started = time.perf_counter()
        with redirect_stdout(io.StringIO()):
            build.build_site(dataclasses.replace(config, cache_dir=cache), out)
        return time.perf_counter() - started
    finally:
        build_site.FINISHING_STAGES[:] = original
        build_site.build_languages = original_languages


def plain(config: Config, work: Path) -> float:
    """Plain MkDocs + Material on the localized Markdown our pipeline produced."""
    import logging

    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from pipeline.commands.build_site import localize_all

    pages = localize_all(config)
    base = base_settings(config)
    configs = []
    for lang, items in pages.items():
        docs = work / lang / "docs"
        docs.mkdir(parents=True, exist_ok=True)
        for page in items:
            (docs / page.article.rel_path).write_text(page.markdown, encoding="utf-8")
        settings = {
            "site_name": base["site_name"],
            "docs_dir": str(docs),
            "site_dir": str(work / lang / "site"),
            "theme": {"name": "material", "language": lang, "font": False},
            "markdown_extensions": base["markdown_extensions"],
            "plugins": [{"search": {"lang": [lang]}}],
        }
        path = work / lang / "mkdocs.yml"
        path.write_text(yaml.safe_dump(settings), encoding="utf-8")
        configs.append(path)
    started = time.perf_counter()
    for path in configs:
        build(load_config(str(path)))
    return time.perf_counter() - started


def synthetic(root: Path, count: int) -> Config:
    """A project with ``count`` Spanish articles, fully translated by import-free catalogs."""
    from pipeline.content.catalogs import atomic_write, load_catalog, render_po, update_article_catalogs
    from pipeline.content.sources import load_articles

    for name in ("mkdocs.yml", "babel.cfg"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "pipeline", root / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "locales", root / "locales", ignore=shutil.ignore_patterns("*.po"), dirs_exist_ok=True)
    for lang in ("es", "ru"):
        src = ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po"
        if src.exists():
            dst = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dst)
    yml = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start = yml.index("nav:")
    (root / "mkdocs.yml").write_text(yml[:start] + yml[yml.index("\n\n", start) + 2 :], encoding="utf-8")
    docs = root / "docs"
    docs.mkdir()
    for i in range(count):
        body = "\n\n".join(
            f"## Sección {j} {{ #s{j} }}\n\nPárrafo {j} del artículo {i} con **negrita** y un "
            f"[enlace](a{(i + 1) % count}.md#s{j}).\n\n- punto uno\n- punto dos"
            for j in range(6)
        )
        (docs / f"a{i}.md").write_text(
            f"---\ntitle: Artículo {i}\ndescription: Descripción {i}.\nlang: es\ndate: 2024-01-01\n"
            f"tags: [late-payment]\nsources: []\n---\n\n{body}\n",
            encoding="utf-8",
        )
    config = Config(root=root)
    articles = load_articles(config.docs_dir, languages=config.languages)
    update_article_catalogs(articles, config)
    for lang in ("ru", "en"):
        for article in articles:
            po = config.po_path(lang, article.slug)
            catalog = load_catalog(po, lang=lang)
            for message in catalog:
                if message.id:
                    message.string = f"{lang}: {message.id}"
            atomic_write(po, render_po(catalog))
    return config


def measure(config: Config, runs: int) -> dict[str, float]:
    """Medians over ``runs``: cold and warm builds, plain MkDocs, the runtime stage and the timed stages."""
    figures: dict[str, list[float]] = {"cold": [], "warm": [], "plain": [], "runtime": []}
    for times in stage_times.values():
        times.clear()
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            figures["cold"].append(ours(config, Path(tmp) / "cold", Path(tmp) / "cache"))
            figures["warm"].append(ours(config, Path(tmp) / "warm", Path(tmp) / "cache"))
        with tempfile.TemporaryDirectory() as tmp:
            figures["plain"].append(plain(config, Path(tmp)))
        with tempfile.TemporaryDirectory() as tmp:
            figures["runtime"].append(runtime_only(config, Path(tmp) / "_quiz"))
    out = {name: statistics.median(values) for name, values in figures.items()}
    for name, values in stage_times.items():  # cold and warm builds alternate
        out[f"{name} cold"] = statistics.median(values[0::2])
        out[f"{name} warm"] = statistics.median(values[1::2])
    return out


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--synthetic", default="30,300", help="sizes of the synthetic corpora ('' for none)")
    args = parser.parse_args()
    rows = [("this project", Config(root=ROOT))]
    with tempfile.TemporaryDirectory() as tmp:
        for count in [int(n) for n in args.synthetic.split(",") if n.strip()]:
            root = Path(tmp) / f"c{count}"
            root.mkdir()
            rows.append((f"synthetic {count} articles", synthetic(root, count)))
        print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, medians of {args.runs} run(s), "
              f"{os.cpu_count()} CPUs; times in seconds; ratio = ours / plain MkDocs")
        print(f"{'corpus':<24} {'cold':>6} {'warm':>6} {'mkdocs':>6} {'quiz rt':>7} {'precompr':>15} "
              f"{'cards':>5} {'plain':>6} {'ratio cold':>10} {'ratio warm':>10}  load before/after")
        for name, config in rows:
            before = load()
            m = measure(config, args.runs)
            print(
                f"{name:<24} {m['cold']:6.2f} {m['warm']:6.2f} {m['languages warm']:6.2f} {m['runtime']:7.2f}"
                f" {m['_precompress cold']:6.2f} / {m['_precompress warm']:5.2f}"
                f" {m['_social_cards warm']:5.2f} {m['plain']:6.2f}"
                f" {m['cold'] / m['plain']:10.2f} {m['warm'] / m['plain']:10.2f}  {before} / {load()}"
            )
        print("mkdocs: our per-language stage (warm builds); precompr: cold / warm cache")


if __name__ == "__main__":
    main()
