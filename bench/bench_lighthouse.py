"""Lighthouse (mobile) scores of home, guidance and quiz in es, ru, en: the gate's runs, as a table.

    .venv/bin/python bench/bench_lighthouse.py [--site site/] [--runs 3]

Builds the site when ``--site`` is not given, then runs the Lighthouse gate
(``pipeline/gates/lighthouse.py``: the site served as production serves it,
precompressed and kept alive; Debian's Chromium; ``--runs`` audits per page)
and prints one Markdown table row per page: performance as median [min-max]
over the runs, then accessibility, best practices and SEO (medians). The 1-minute
load average before and after is printed too: Lighthouse's simulated timings
multiply the CPU time of a real load, so a busy machine lowers performance.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.gates import lighthouse  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=lighthouse.DEFAULT_RUNS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="redflags-lighthouse-") as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            subprocess.run([sys.executable, str(ROOT / "build.py"), "site", "--out", str(site)], check=True,
                           capture_output=True)
        before = os.getloadavg()
        started = datetime.datetime.now(datetime.UTC)
        result = lighthouse.run(site, root=ROOT, runs=args.runs)
        after = os.getloadavg()
    print(f"{started:%Y-%m-%d %H:%M} UTC, {args.runs} run(s) per page, {os.cpu_count()} CPUs, "
          f"load average (1/5/15 min) before {before[0]:.1f}/{before[1]:.1f}/{before[2]:.1f}, "
          f"after {after[0]:.1f}/{after[1]:.1f}/{after[2]:.1f}")
    print("| page | performance | accessibility | best practices | SEO |")
    print("|---|---|---|---|---|")
    for path, median in result.scores.items():
        perf = [r["performance"] for r in result.runs[path]]
        spread = f" [{min(perf)}-{max(perf)}]" if len(perf) > 1 else ""
        print(f"| {path} | {median['performance']}{spread} | {median['accessibility']} | "
              f"{median['best-practices']} | {median['seo']} |")
    for finding in result.findings:
        print(f"miss: {finding}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
