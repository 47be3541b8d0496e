"""The MkDocs site: one Material build per language and what completes it.

Owns running MkDocs (``mkdocs_build``, the only module importing mkdocs' build),
its hooks (``mkdocs_hooks``: the quiz form, embed generator and paper sheets
inserted into pages), the theme overrides (``overrides/``), the root pages, the
social cards, the Content-Security-Policy, print links and post-build checks.

May import: the base modules, ``content``, ``quiz_runtime``, ``channels`` and ``quiz``.
"""
