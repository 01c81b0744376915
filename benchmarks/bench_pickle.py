"""Beyond one process: what pickling costs, and what a second process gains.

Run ``python benchmarks/bench_pickle.py`` (about 40 s; ``--quick`` for a few seconds).

1. **Pickle cost per assignment** of what a worker process sends back: the ``Assignment``
   model, its parsed answers (``QuestionFormAnswers``), and its export row (``to_rows``), each
   against a plain ``dict``/``list`` of the same data (``model_dump()``, ``to_dict()``; the row
   is already a dict of str, int and datetime). Printed: pickle and unpickle microseconds per
   assignment and pickled bytes, median of the rounds, with the protocol
   ``ProcessPoolExecutor`` uses (``pickle.HIGHEST_PROTOCOL``), one assignment per call as a
   pool sending single items would, and a partition of 1,000 at once as ``map`` over
   partitions does.
2. **Two processes over one**: a ``ProcessPoolExecutor`` of 1 and of 2 workers maps
   ``parse_answers`` over partitions of answer documents (MTurk-shaped ASCII documents with
   character references, from ``bench_answers.py``); each worker returns its partition's
   answers as plain dicts (``to_dict()``), and, second, as the ``QuestionFormAnswers`` models
   themselves. Printed: wall time and the speed-up (target on 2 free cores: at least 1.7x).
   On a machine shared with other work the speed-up is capped by the cores actually free:
   the script prints the load average next to it, and the CPU seconds the pool spent with 1
   and with 2 processes (equal when the work splits without overhead).
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from bench_answers import referenced_document
from bench_export import pages

from mturk_models import Assignment, parse_answers, to_rows

PROTOCOL = pickle.HIGHEST_PROTOCOL


def per_item(items: list[Any], rounds: int) -> tuple[float, float, float]:
    """Median pickle and unpickle microseconds per item (one call per item), mean size."""
    dumps, loads = pickle.dumps, pickle.loads
    blobs = [dumps(item, PROTOCOL) for item in items]
    out, back = [], []
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            dumps(item, PROTOCOL)
        middle = time.process_time()
        for blob in blobs:
            loads(blob)
        end = time.process_time()
        out.append((middle - start) / len(items) * 1e6)
        back.append((end - middle) / len(items) * 1e6)
    return statistics.median(out), statistics.median(back), sum(map(len, blobs)) / len(items)


def batched(items: list[Any], rounds: int) -> tuple[float, float, float]:
    """The same for the whole list in one pickle (what a pool sends for one partition)."""
    out, back = [], []
    blob = pickle.dumps(items, PROTOCOL)
    for _ in range(rounds):
        start = time.process_time()
        pickle.dumps(items, PROTOCOL)
        middle = time.process_time()
        pickle.loads(blob)
        end = time.process_time()
        out.append((middle - start) / len(items) * 1e6)
        back.append((end - middle) / len(items) * 1e6)
    return statistics.median(out), statistics.median(back), len(blob) / len(items)


def pickling(count: int, rounds: int) -> None:
    raw = [item for page in pages(count) for item in page["Assignments"]]
    assignments = [Assignment.model_validate(item) for item in raw]
    answers = [parse_answers(item.answer) for item in assignments]
    rows = list(to_rows(assignments))
    cases: list[tuple[str, list[Any], list[Any]]] = [
        ("Assignment", assignments, [a.model_dump() for a in assignments]),
        ("QuestionFormAnswers", answers, [a.model_dump() for a in answers]),
        ("QuestionFormAnswers vs to_dict()", answers, [a.to_dict() for a in answers]),
        ("export row (to_rows)", rows, [dict(row) for row in rows]),
    ]
    for _, models, _ in cases:
        assert pickle.loads(pickle.dumps(models, PROTOCOL)) == models
    print(f"pickling, {count:,} assignments of 6 answers, protocol {PROTOCOL}, median of rounds")
    print(f"  {'':<34} {'dumps us':>9} {'loads us':>9} {'bytes':>7}   per assignment")
    for label, models, plain in cases:
        for how, measure in (("one by one", per_item), ("partition", batched)):
            ours = measure(models, rounds)
            peer = measure(plain, rounds)
            print(
                f"  {label + ', ' + how:<34} {ours[0]:>9.1f} {ours[1]:>9.1f} {ours[2]:>7.0f}"
                f"   plain: {peer[0]:.1f} / {peer[1]:.1f} us, {peer[2]:.0f} B"
                f"  ({ours[0] / peer[0]:.1f}x / {ours[1] / peer[1]:.1f}x / "
                f"{ours[2] / peer[2]:.2f}x)"
            )


def parse_partition(documents: list[bytes]) -> list[dict[str, Any]]:
    """What a worker does: parse a partition, return plain values."""
    return [parse_answers(document).to_dict() for document in documents]


def parse_partition_models(documents: list[bytes]) -> list[Any]:
    """The same, returning the models themselves (pickled back to the parent)."""
    return [parse_answers(document) for document in documents]


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def pooled(
    workers: int, partitions: list[list[bytes]], job: Callable[[list[bytes]], list[Any]]
) -> tuple[float, float]:
    """Wall seconds of the mapping, and CPU seconds of the whole pool (workers, once they have
    ended, and this process) for it."""
    children = cpu_seconds(resource.RUSAGE_CHILDREN)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(job, partitions[:workers]))  # start the workers before timing
        start = time.perf_counter()
        parent = cpu_seconds(resource.RUSAGE_SELF)
        for _ in pool.map(job, partitions):
            pass
        wall = time.perf_counter() - start
        parent = cpu_seconds(resource.RUSAGE_SELF) - parent
    warm_up = sum(map(len, partitions[:workers])) / sum(map(len, partitions))
    workers_cpu = (cpu_seconds(resource.RUSAGE_CHILDREN) - children) / (1 + warm_up)
    return wall, workers_cpu + parent


def processes(count: int, rounds: int) -> None:
    rng = random.Random(20261204)
    documents = [referenced_document(rng) for _ in range(count)]
    size = 2_000
    partitions = [documents[i : i + size] for i in range(0, len(documents), size)]
    print(
        f"process pool: parse_answers over {count:,} ASCII documents with references, "
        f"{len(partitions)} partitions of {size:,}; wall time, median of {rounds} rounds"
    )
    start = time.process_time()
    for partition in partitions:
        parse_partition(partition)
    alone = time.process_time() - start
    print(f"  in this process, no pool: {alone:.2f} CPU s ({count / alone:,.0f} docs/s)")
    for label, job in (("to_dict()", parse_partition), ("models", parse_partition_models)):
        one, two, cpu_one, cpu_two = [], [], [], []
        for _ in range(rounds):
            wall, cpu = pooled(1, partitions, job)
            one.append(wall)
            cpu_one.append(cpu)
            wall, cpu = pooled(2, partitions, job)
            two.append(wall)
            cpu_two.append(cpu)
        speedups = [a / b for a, b in zip(one, two, strict=True)]
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(
            f"  returning {label}: 1 process {statistics.median(one):.2f} s, 2 processes "
            f"{statistics.median(two):.2f} s: {statistics.median(speedups):.2f}x median, "
            f"{min(speedups):.2f}-{max(speedups):.2f} (target >= 1.7x on 2 free cores; load "
            f"average {load}, {os.cpu_count()} cores)"
        )
        print(
            f"    CPU seconds of the pool: {statistics.median(cpu_one):.2f} with 1 process, "
            f"{statistics.median(cpu_two):.2f} with 2 (equal: the work splits without "
            "overhead, and only the cores other work leaves free cap the speed-up)"
        )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="a short run (a few seconds)")
    args = options.parse_args()
    pickling(500 if args.quick else 2_000, 3 if args.quick else 7)
    processes(20_000 if args.quick else 60_000, 1 if args.quick else 3)


if __name__ == "__main__":
    main()
