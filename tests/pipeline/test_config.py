"""The public base URL: where it comes from, how it is checked, how links are built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import BASE_URL_ENV, Config, ConfigError, normalize_base_url


def _project(tmp_path: Path, site_url: str = "https://from-yml.example/") -> Path:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: X\nsite_url: {site_url}\nnav: []\n", encoding="utf-8")
    return tmp_path


def test_mkdocs_yml_is_the_default_source(tmp_path) -> None:
    """Without flag or environment, ``site_url`` of mkdocs.yml is the base URL."""
    assert Config.load(_project(tmp_path), environ={}).site_url == "https://from-yml.example/"


def test_environment_overrides_mkdocs_yml_and_the_flag_overrides_both(tmp_path) -> None:
    """--base-url > REDFLAGS_BASE_URL > mkdocs.yml."""
    root = _project(tmp_path)
    env = {BASE_URL_ENV: "https://env.example/sub"}
    assert Config.load(root, environ=env).site_url == "https://env.example/sub/"
    assert Config.load(root, environ=env, base_url="http://flag.example:8080/a/b/").site_url == (
        "http://flag.example:8080/a/b/"
    )


def test_sub_path_helpers(tmp_path) -> None:
    """``site_path`` is the host-less path, ``url()`` joins relative paths onto the base."""
    config = Config.load(_project(tmp_path), environ={}, base_url="https://example.org/tools/redflags")
    assert config.site_url == "https://example.org/tools/redflags/"
    assert config.site_path == "/tools/redflags/"
    assert config.url("ru/quiz/") == "https://example.org/tools/redflags/ru/quiz/"
    assert config.url("/embed.js") == "https://example.org/tools/redflags/embed.js"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("example.org/x/", "expected an http:// or https:// URL"),
        ("ftp://example.org/", "expected an http:// or https:// URL"),
        ("https:///x/", "expected a host name"),
        ("https://example.org/?a=1", "no ?query or #fragment"),
        ("https://example.org/a b/", "no spaces"),
    ],
)
def test_bad_base_url_names_its_origin(value, problem) -> None:
    """A bad value is refused with where it came from, what was expected and what was given."""
    with pytest.raises(ConfigError) as info:
        normalize_base_url(value, origin="--base-url")
    assert str(info.value).startswith("--base-url: ") and problem in str(info.value)
    assert repr(value.strip()) in str(info.value)


def test_bad_site_url_in_mkdocs_yml_points_at_its_line(tmp_path) -> None:
    """A bad ``site_url`` is reported as ``mkdocs.yml:2``."""
    with pytest.raises(ConfigError) as info:
        Config.load(_project(tmp_path, "not a url"), environ={})
    assert info.value.line == 2 and info.value.path.name == "mkdocs.yml"
    assert "site_url: expected an http:// or https:// URL" in str(info.value)


def test_language_names_come_from_babel() -> None:
    """Each language is named in itself, from CLDR, capitalised for the switcher."""
    from pipeline.config import LANGUAGES

    assert LANGUAGES == {"es": "Español", "ru": "Русский", "en": "English"}
