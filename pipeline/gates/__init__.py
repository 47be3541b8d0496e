"""Quality gates run over a built site by ``build.py check`` (and by the tests).

Each gate is one module with a ``run(site_dir, *, root) -> GateResult`` function
that only reads the site. Gates discover their pages by walking every HTML file
of the output (``html_files``), so pages added later (the embed frame, the
offline bundle) are covered without listing them here.

Shared pieces are in ``base``; ``run`` runs the gates in order.

May import: the base modules and ``deploy`` (the static server).
"""
