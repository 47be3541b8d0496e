"""The redflags build pipeline: one module per stage, ordered by ``build.py``."""
