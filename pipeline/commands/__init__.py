"""Whole builds and the live preview: the order of work that ``build.py`` runs.

``build_site`` runs every stage into a staging folder and swaps it into
``site/`` only when all passed; ``build_offline`` builds the site for ``file://``
and zips it; ``preview`` rebuilds what an edit touches and reloads the tab.

May import: every package of ``pipeline`` (this is the top layer under ``build.py``).
"""
