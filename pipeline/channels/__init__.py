"""Delivery channels beside the web site, siblings of one another.

Owns the embed (``embed``: ``embed.js`` and the frame page; ``embed_page``: the
snippet generator; ``embed_assets/``), the paper quiz (``paper_quiz``,
``paper_text``) and the offline bundle's ``file://`` transforms and zip
(``offline``). The whole offline build is ``commands.build_offline``.

May import: the base modules, ``content``, ``quiz_runtime`` and ``quiz``.
"""
