"""The whole build through build.main: output, strict mode, and failures."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import EN_HOME, ES_ARTICLE, ROOT


def _main(config, *args: str) -> int:
    spec = importlib.util.spec_from_file_location("build_under_test", ROOT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ROOT = config.root
    return module.main(list(args))


@pytest.fixture
def project(make_project):
    config = make_project({"docs/when-to-say-no.md": ES_ARTICLE, "docs/home.md": EN_HOME})
    assert _main(config, "catalogs") == 0
    return config


def test_builds_every_language_and_the_root(project, capsys) -> None:
    """site/<lang>/ for es, ru, en, a per-language 404, and the root chooser."""
    assert _main(project, "site") == 0
    site = project.root / "site"
    for lang in ("es", "ru", "en"):
        assert (site / lang / "when-to-say-no" / "index.html").exists()
        assert (site / lang / "404.html").exists()
        assert (site / lang / "search" / "search_index.json").exists()
    root = (site / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{lang}/"' in root for lang in ("es", "ru", "en"))
    out = capsys.readouterr().out
    assert "ru  when-to-say-no" in out and "0.0%" in out


def test_strict_fails_on_missing_translations(project, capsys) -> None:
    """--strict names each incomplete page and exits non-zero."""
    assert _main(project, "site", "--strict") == 1
    err = capsys.readouterr().err
    assert "docs/when-to-say-no.md: ru: " in err and "untranslated" in err


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("docs/bad.md", "---\ntitle: [x\n---\n", "docs/bad.md:2: malformed front matter"),
        ("docs/bad.md", "---\ntitle: T\ndescription: D\nlang: de\n---\n", "docs/bad.md:4: unknown lang 'de'"),
        ("docs/bad.md", "---\ndescription: D\nlang: en\n---\n", "docs/bad.md:1: front matter needs"),
        ("locales/ru/LC_MESSAGES/home.po", 'msgid "a"\nmsgstr "b\n', "locales/ru/LC_MESSAGES/home.po:2: syntax"),
        (
            "docs/bad.md",
            "---\ntitle: T\ndescription: D\nlang: en\n---\n\nSee [nowhere](missing.md).\n",
            "missing.md",
        ),
    ],
)
def test_bad_input_leaves_previous_site_untouched(project, capsys, monkeypatch, name, text, expected) -> None:
    """Each bad input: clear file:line message, exit 1, old site/ byte-identical."""
    monkeypatch.chdir(project.root)
    assert _main(project, "site") == 0
    marker = project.root / "site" / "en" / "home" / "index.html"
    before = marker.read_bytes()
    path = project.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert _main(project, "site", "--strict") == 1
    assert expected in capsys.readouterr().err
    assert marker.read_bytes() == before
    assert not list(project.root.glob(".site.staging-*"))


def test_catalogs_check_reports_stale(project) -> None:
    """catalogs --check fails after a source edit, until catalogs runs."""
    source = project.docs_dir / "home.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNew paragraph.\n", encoding="utf-8")
    assert _main(project, "catalogs", "--check") == 1
    assert _main(project, "catalogs") == 0
    assert _main(project, "catalogs", "--check") == 0


def test_import_draft_fills_catalog(project, tmp_path) -> None:
    """A parallel Markdown draft becomes the translations, block by block."""
    draft = tmp_path / "home.ru.md"
    draft.write_text(
        "---\ntitle: Главная\ndescription: Главная страница.\nlang: ru\n---\n\n"
        "Добро пожаловать, см. [когда отказать](when-to-say-no.md#payment-problems).\n\n"
        "## Начало { #start }\n\nАбзац.\n",
        encoding="utf-8",
    )
    assert _main(project, "import-draft", str(project.docs_dir / "home.md"), str(draft)) == 0
    text = Path(project.po_path("ru", "home")).read_text(encoding="utf-8")
    assert 'msgstr "Главная"' in text and 'msgstr "Начало"' in text


def test_two_builds_are_identical(project, monkeypatch, tmp_path) -> None:
    """With SOURCE_DATE_EPOCH fixed, two builds give byte-identical trees."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    trees = []
    for name in ("one", "two"):
        out = tmp_path / name
        assert _main(project, "site", "--out", str(out)) == 0
        trees.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []


def test_untranslated_page_shows_a_localized_notice_linking_to_the_original(project) -> None:
    """A Russian page with missing segments says so in Russian and links to the Spanish original."""
    assert _main(project, "site") == 0
    html = (project.root / "site" / "ru" / "when-to-say-no" / "index.html").read_text(encoding="utf-8")
    notice = html.split('class="admonition warning rf-fallback"')[1].split("</aside>")[0]
    assert "Перевод не закончен" in notice
    assert "фрагментов этой страницы ещё не переведены" in notice  # many-form plural
    assert 'href="../../es/when-to-say-no/" lang="es"' in notice
    original = (project.root / "site" / "es" / "when-to-say-no" / "index.html").read_text(encoding="utf-8")
    assert "rf-fallback" not in original


def test_base_url_with_a_sub_path_reaches_every_absolute_link(project) -> None:
    """--base-url with a sub-path is used by hreflang, sitemaps and the host-less 404 links."""
    base = "https://example.org/tools/redflags/"
    assert _main(project, "site", "--base-url", base.rstrip("/")) == 0
    site = project.root / "site"
    page = (site / "ru" / "when-to-say-no" / "index.html").read_text(encoding="utf-8")
    assert f'hreflang="es" href="{base}es/when-to-say-no/"' in page
    assert f'hreflang="x-default" href="{base}en/when-to-say-no/"' in page
    assert f"<loc>{base}ru/sitemap.xml</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}ru/when-to-say-no/</loc>" in (site / "ru" / "sitemap.xml").read_text(encoding="utf-8")
    root_404 = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/tools/redflags/ru/"' in root_404 and 'href="/tools/redflags/root.css"' in root_404
    assert '"/tools/redflags/ru/' in (site / "ru" / "404.html").read_text(encoding="utf-8")


def test_bad_base_url_is_refused_before_building(project, capsys, monkeypatch) -> None:
    """A bad REDFLAGS_BASE_URL stops the build with a message naming the variable; no site/ appears."""
    monkeypatch.setenv("REDFLAGS_BASE_URL", "redflags.example.org")
    assert _main(project, "site") == 2
    assert "error: REDFLAGS_BASE_URL: expected an http:// or https:// URL" in capsys.readouterr().err
    assert not (project.root / "site").exists()
