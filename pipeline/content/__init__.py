"""Content: ``docs/*.md`` to per-language Markdown through gettext catalogs.

Owns reading and validating articles (``sources``), splitting them into segments
(``segment``), the article and UI catalogs (``catalogs``, ``messages``, ``ui_text``),
rendering a language (``localize``), the warning-sign catalogue, drafts and new
articles, and the translation coverage report.

May import: the base modules (config, errors, clock, model, output, layout) and ``quiz``.
"""
