"""Typed build errors that carry the file, the line and the offending text.

Stages raise these; only ``build.py`` prints them and maps them to an exit code.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class BuildError(Exception):
    """A problem that stops the build, located in a file (and line when known)."""

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def location(self) -> str:
        if self.path is None:
            return ""
        where = _display(self.path)
        return f"{where}:{self.line}" if self.line else where

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class SourceError(BuildError):
    """Bad front matter or Markdown in ``docs/``."""


class CatalogError(BuildError):
    """A ``.po`` catalog that cannot be read, or whose translation breaks the source."""


class SiteError(BuildError):
    """The site generator reported a problem (a warning in strict mode counts)."""


class QuizBundleError(BuildError):
    """The quiz runtime could not be assembled (missing or altered Pyodide file, bad wheel...)."""


class BuildErrors(BuildError):
    """Several problems found in one pass, reported together."""

    def __init__(self, errors: Iterable[BuildError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def _display(path: Path) -> str:
    """Show paths relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
