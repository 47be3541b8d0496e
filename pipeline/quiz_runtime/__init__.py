"""The quiz runtime: what the browser needs to run ``quiz/`` through Pyodide.

Owns the quiz catalogs (``catalogs``), the static question form rendered into
pages (``form``), the quiz wheel (``wheel``), the runtime folder over http
(``bundle``) and its ``file://`` form (``file_bundle``), the folder fingerprint,
the pinned Pyodide file sums and the browser code in ``assets/``.

May import: the base modules, ``content`` and ``quiz``.
"""
