"""Files at the site root: the language chooser, a multilingual 404 and the sitemap index."""

from __future__ import annotations

from html import escape
from pathlib import Path

from pipeline.config import Config
from pipeline.content.ui_text import SITE_NAME, translations

FAVICON = "assets/images/favicon.png"
"""Material's icon inside each language; without a link the browser asks for /favicon.ico
at the host's root, outside a sub-path install."""

CHOOSER_JS = """\
// Sends the reader to the site in the first of their browser's languages we publish.
// The page's plain links work without JavaScript; ?choose keeps the chooser open.
(function () {
  "use strict";
  var root = document.documentElement;
  var codes = (root.getAttribute("data-languages") || "").split(" ");
  if (/[?&]choose\\b/.test(location.search)) return;
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (codes.indexOf(code) !== -1) {
      location.replace(code + "/" + location.hash);
      return;
    }
  }
  location.replace(root.getAttribute("data-default") + "/");
})();
"""

CSS = """\
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
  display:grid;min-height:100vh;place-items:center;background:#fff;color:#1d1d1d}
main{padding:2rem;max-width:34rem;text-align:center}
h1{color:#b3261e;font-size:1.6rem}
ul{list-style:none;padding:0;display:flex;gap:1rem;justify-content:center;flex-wrap:wrap}
a{display:inline-block;padding:.6rem 1.2rem;border:2px solid #b3261e;border-radius:2rem;
  color:#8c1d18;text-decoration:none;font-weight:600}
a:focus-visible,a:hover{background:#b3261e;color:#fff}
@media (prefers-color-scheme: dark){body{background:#1e1e1e;color:#eee}
  a{color:#ff8a80;border-color:#ff8a80}h1{color:#ff8a80}}
"""


def _names(config: Config) -> list[tuple[str, str, str]]:
    out = []
    for lang in config.languages:
        gettext = translations(config.po_path(lang, config.domain_messages), lang).gettext
        out.append((lang, config.language_name(lang), gettext(SITE_NAME)))
    return out


def chooser_html(config: Config, *, redirect: bool) -> str:
    names = _names(config)
    links = "\n".join(
        f'    <li><a href="{lang}/" lang="{lang}" hreflang="{lang}">{escape(name)}</a></li>'
        for lang, name, _ in names
    )
    titles = " · ".join(escape(title) for _, _, title in names)
    heading = " · ".join(f'<span lang="{lang}">{escape(title)}</span>' for lang, _, title in names)
    script = '  <script src="choose-language.js"></script>\n' if redirect else ""
    alternates = "\n".join(
        f'  <link rel=" alternate" hreflang="{lang}" href="{config.url(lang + "/")}">' for lang, _, _ in names
    )
    return f"""<!doctype html>
<html lang="{config.default_language}" data-languages="{" ".join(config.languages)}"
      data-default="{config.default_language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>{titles}</title>
{alternates}
  <link rel=" alternate" hreflang="x-default" href="{config.url(config.default_language + "/")}">
  <link rel="icon" href="{config.default_language}/{FAVICON}">
  <link rel="stylesheet" href="root.css">
{script}</head>
<body>
<main>
  <h1>{heading}</h1>
  <ul>
{links}
  </ul>
</main>
</body>
</html>
"""


def not_found_html(config: Config) -> str:
    names = _names(config)
    items = "\n".join(
        f'    <li><a href="{config.site_path}{lang}/" lang="{lang}">{escape(name)}</a></li>' for lang, name, _ in names
    )
    return f"""<!doctype html>
<html lang="{config.default_language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>404</title>
  <link rel="icon" href="{config.site_path}{config.default_language}/{FAVICON}">
  <link rel="stylesheet" href="{config.site_path}root.css">
</head>
<body>
<main>
  <h1>404</h1>
  <p lang="es">Página no encontrada.</p><p lang="ru">Страница не найдена.</p><p lang="en">Page not found.</p>
  <ul>
{items}
  </ul>
</main>
</body>
</html>
"""


def sitemap_index(config: Config) -> str:
    entries = "\n".join(
        f"  <sitemap><loc>{config.url(lang + '/sitemap.xml')}</loc></sitemap>" for lang in config.languages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}\n</sitemapindex>\n"
    )


def robots_txt(config: Config) -> str:
    """Everything may be crawled; the sitemap index lists every page in every language."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.url('sitemap.xml')}\n"


def write_root(config: Config, site_dir: Path) -> None:
    (site_dir / "index.html").write_text(chooser_html(config, redirect=True), encoding="utf-8")
    (site_dir / "choose-language.js").write_text(CHOOSER_JS, encoding="utf-8")
    (site_dir / "root.css").write_text(CSS, encoding="utf-8")
    (site_dir / "404.html").write_text(not_found_html(config), encoding="utf-8")
    (site_dir / "sitemap.xml").write_text(sitemap_index(config), encoding="utf-8")
    (site_dir / "robots.txt").write_text(robots_txt(config), encoding="utf-8")
