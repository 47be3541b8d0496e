"""Quiz engine timings (CPython): what Pyodide pays to start the quiz, and what one answer set costs.

Prints plain figures:

- ``import quiz``: fresh interpreter, median of N runs (``-X importtime`` total of the package);
- ``import quiz.json_api + load bank + first score``: the whole cold start of a worker, median of N;
- ``score one answer set``: ``score_json`` on a warm engine, median of many calls.

Usage: ``python bench/bench_quiz.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLD_START = (
    "import time; t = time.perf_counter(); import quiz.json_api as api, json; "
    "bank = json.loads(api.bank_json('es')); "
    "answers = {q['id']: q['answers'][0]['id'] for q in bank['questions']}; "
    "api.score_json(json.dumps({'schema_version': 1, 'answers': answers}), 'es'); "
    "print(time.perf_counter() - t)"
)


def import_time_ms(module: str) -> float:
    """Cumulative import time of ``module`` in a fresh interpreter, from ``-X importtime`` (ms)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    for line in proc.stderr.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1]) / 1000
    raise RuntimeError(f"no import time line for {module}")


def cold_start_ms() -> float:
    proc = subprocess.run([sys.executable, "-c", COLD_START], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(proc.stdout) * 1000


def score_ms(calls: int) -> float:
    sys.path.insert(0, str(ROOT))
    from quiz.json_api import bank_json, score_json

    bank = json.loads(bank_json("es"))
    answers = {q["id"]: q["answers"][-2]["id"] for q in bank["questions"]}
    text = json.dumps({"schema_version": 1, "answers": answers})
    score_json(text, "es")
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        score_json(text, "es")
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="fresh interpreters per import figure")
    args = parser.parse_args()
    runs = args.runs
    print(f"python {sys.version.split()[0]}")
    for module in ("quiz", "quiz.json_api"):
        median = statistics.median(import_time_ms(module) for _ in range(runs))
        print(f"import {module}: {median:.2f} ms (median of {runs} fresh interpreters)")
    median = statistics.median(cold_start_ms() for _ in range(runs))
    print(f"cold start (import, load bank, bank_json, first score): {median:.2f} ms (median of {runs})")
    print(f"score one answer set (score_json, warm): {score_ms(500):.3f} ms (median of 500)")


if __name__ == "__main__":
    main()
