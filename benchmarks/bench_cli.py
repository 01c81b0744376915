"""``mturk-models answers`` on a large JSON Lines file: throughput, and memory that stays flat.

Run ``python benchmarks/bench_cli.py`` (package installed, or ``PYTHONPATH=src``); ``--quick``
(or ``MTURK_BENCH_QUICK=1``) runs a tenth of the work. The input is ``tests/data/boto3_01.jsonl``
(three real assignments of 38 answers each, as amti saves them) repeated to N lines in a
temporary directory; the command runs in-process (``main([...])``), output to a temporary file.

Measured in the same run:

* ``answers -f jsonl`` and ``answers -f csv`` (wide: two passes over the file, see docs/cli.md):
  assignments per second at 10 N lines, and the peak of Python allocations (tracemalloc, in a
  separate run because it slows everything) at N and at 10 N lines. Streaming means the 10 N
  peak is about the N peak (ratio near 1), not 10 times.
* The peer: what people write without the library: ``json.loads`` each line, ``xmltodict.parse``
  the Answer, collect every row, then ``csv.DictWriter`` (the header needs every column). No
  validation, no safety checks; its memory grows with the input.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xmltodict

from mturk_models.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "boto3_01.jsonl"


def _make_input(path: Path, lines: int) -> None:
    sample = [line for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(lines):
            handle.write(sample[number % len(sample)] + "\n")


def _peer(source: Path, target: Path) -> None:
    """json + xmltodict + csv.DictWriter, all rows in memory (the usual script)."""
    rows: list[dict[str, Any]] = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            row = {key: raw.get(key) for key in ("AssignmentId", "WorkerId", "HITId")}
            answers = xmltodict.parse(raw["Answer"])["QuestionFormAnswers"]["Answer"]
            for answer in answers if isinstance(answers, list) else [answers]:
                row[f"Answer.{answer['QuestionIdentifier']}"] = answer.get("FreeText")
            rows.append(row)
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(columns))
        writer.writeheader()
        writer.writerows(rows)


def _timed(run: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _peak(run: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _runs(source: Path, out: Path) -> dict[str, Callable[[], object]]:
    return {
        "cli jsonl": lambda: main(["answers", str(source), "-f", "jsonl", "-q", "-o", str(out)]),
        "cli csv": lambda: main(["answers", str(source), "-f", "csv", "-q", "-o", str(out)]),
        "peer csv": lambda: _peer(source, out),
    }


def main_bench(quick: bool) -> None:
    small = 100 if quick else 500
    big = small * 10
    print(f"answers on JSON Lines of real assignments (38 answers each), {big:,} lines")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        out = base / "out"
        inputs = {}
        for lines in (small, big):
            inputs[lines] = base / f"in_{lines}.jsonl"
            _make_input(inputs[lines], lines)
        speeds = {}
        for name, run in _runs(inputs[big], out).items():
            speeds[name] = big / _timed(run)
            print(f"  {name:<9} {speeds[name]:8,.0f} assignments/s")
        print(f"peak Python memory (tracemalloc) at {small:,} and {big:,} lines")
        peaks = {
            lines: {n: _peak(r) for n, r in _runs(inputs[lines], out).items()} for lines in inputs
        }
        for name in speeds:
            low, high = peaks[small][name] / 1e6, peaks[big][name] / 1e6
            print(
                f"  {name:<9} {low:6.1f} MB -> {high:6.1f} MB  ({high / low:4.1f}x for 10x input)"
            )
        print("ratios against the peer (json + xmltodict + csv.DictWriter, no validation)")
        for name in ("cli jsonl", "cli csv"):
            print(f"  {name:<9} speed {speeds[name] / speeds['peer csv']:4.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the work")
    options = parser.parse_args()
    main_bench(options.quick or bool(os.environ.get("MTURK_BENCH_QUICK")))
    sys.exit(0)
