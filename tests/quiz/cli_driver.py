"""Drive ``quiz.cli.main`` in the test process: streams and environment passed in, nothing global touched."""

from __future__ import annotations

import io
import json

from quiz.cli import main


def run(argv: list[str], stdin: str = "", env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one CLI run with ``stdin`` as its input and only ``env`` as environment."""
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err, env=env or {})
    return code, out.getvalue(), err.getvalue()


def doc(answers: dict[str, str]) -> str:
    """An answers file as the CLI and the browser write it (schema 1)."""
    return json.dumps({"schema_version": 1, "answers": answers})
