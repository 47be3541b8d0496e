"""The build pipeline behind ``build.py``: one room per concern, imports only go down.

Layers, bottom to top (a module may import its own package and any layer below it,
never one above; ``tests/pipeline/test_layers.py`` keeps it so):

1. base modules here: ``config`` (one typed Config), ``errors`` (BuildError and kin),
   ``clock`` (SOURCE_DATE_EPOCH), ``model`` (dataclasses passed between stages),
   ``output`` (staging folder, swap into ``site/``), ``layout`` (folder names of the
   built site);
2. ``content``: Markdown sources to translated Markdown (segments, gettext catalogs);
3. ``quiz_runtime``: the quiz in the browser (catalogs, form, Pyodide bundle, assets);
4. ``channels``: delivery channels beside the site (embed, paper quiz, offline bundle);
5. ``site``: the MkDocs/Material build, its hooks, root pages, cards, CSP, checks;
6. ``deploy``: response headers, host files, precompression, the static server;
7. ``gates``: the quality gates of ``build.py check``;
8. ``commands``: whole builds and the live preview, in the order ``build.py`` calls them.
"""
