"""Printed pages say where their links go: each link in a page's content gets its public URL.

On paper a link's text alone leads nowhere, and a relative ``href`` such as
``../protect-yourself/#deposit`` (or ``protect-yourself.html`` in the offline
bundle) means nothing to a reader. ``add_print_urls`` resolves every link of a
page's content against the page's public URL (the site's base URL setting,
directory URLs, whatever the build's own URL style) and keeps the result in
``data-rf-href``; the print stylesheet (``redflags.css``) writes it after the
link text. Links within the page (``#...``) and the heading permalinks are left
alone.
"""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urljoin, urlsplit, urlunsplit

_LINK = re.compile(r'<a (?P<before>[^>]*?)href="(?P<href>[^"]*)"(?P<after>[^>]*)>')


def public_url(href: str, *, page_url: str, directory_urls: bool) -> str:
    """``href`` resolved against ``page_url``; an offline ``x.html`` link becomes the site's ``x/``."""
    url = urljoin(page_url, href)
    if directory_urls:
        return url
    parts = urlsplit(url)
    path = parts.path
    if path.endswith("/index.html"):
        path = path.removesuffix("index.html")
    elif path.endswith(".html"):
        path = path.removesuffix(".html") + "/"
    return urlunsplit(parts._replace(path=path))


def add_print_urls(html: str, *, page_url: str, directory_urls: bool = True) -> str:
    """Give each link of ``html`` (a page's content) a ``data-rf-href`` with its public URL."""

    def replace(match: re.Match[str]) -> str:
        href = unescape(match.group("href"))
        attrs = match.group("before") + match.group("after")
        if not href or href.startswith(("#", "mailto:")) or "headerlink" in attrs or "data-rf-href" in attrs:
            return match.group(0)
        url = public_url(href, page_url=page_url, directory_urls=directory_urls)
        return f'{match.group(0)[:-1]} data-rf-href="{escape(url)}">'

    return _LINK.sub(replace, html)
