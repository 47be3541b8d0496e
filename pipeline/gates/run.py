"""Run the gates in order and print one line per gate (``build.py check``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.gates import axe, catalogs, lighthouse, links, vnu
from pipeline.gates.base import GateResult


def all_gates() -> dict[str, Callable[..., GateResult]]:
    """The gates in the order ``build.py check`` runs them (cheap ones first)."""
    return {
        "catalogs": catalogs.run,
        "vnu": vnu.run,
        "links": links.run,
        "axe": axe.run,
        "lighthouse": lighthouse.run,
    }


def run_gates(
    site_dir: Path, *, root: Path, only: list[str] | None = None, say: Callable[[str], None] = print
) -> list[GateResult]:
    """Run the selected gates (all by default) over ``site_dir``; print one line per gate."""
    results = []
    for name, gate in all_gates().items():
        if only and name not in only:
            continue
        result = gate(site_dir, root=root)
        say(result.line())
        results.append(result)
    return results
