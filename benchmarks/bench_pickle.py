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
3. **Workers that read their own partition**: what the documentation recommends for a large
   file. A JSON Lines file of real assignments (38 answers each) is cut into byte ranges; each
   task sends only ``(path, start, end, output path)``, and the worker reads the lines that
   start in its range, runs ``to_rows`` + ``write_jsonl`` into a file of its own and sends back
   the count: nothing large is pickled either way. Pools of 1 and 2 processes run in
   interleaved rounds; printed are the wall-time speed-up, and the speed-up of the busiest
   process's CPU time (what the wall time is on two free cores: it shows the overhead and the
   balance of the split, whatever else runs on the machine), with the load average and, on
   Linux, whether the kernel shares the CPU by session (autogroup), which caps what a second
   process of one session can take from busy other sessions.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from bench_answers import referenced_document
from bench_export import pages

from mturk_models import Assignment, parse_answers, to_rows, write_jsonl

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


SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "boto3_01.jsonl"


def byte_ranges(path: str, parts: int) -> list[tuple[int, int]]:
    """``parts`` byte ranges covering the file; each line belongs to the range it starts in."""
    size = os.path.getsize(path)
    bounds = [size * number // parts for number in range(parts + 1)]
    return list(pairwise(bounds))


def lines_in(path: str, start: int, end: int) -> Iterator[bytes]:
    """The lines of ``path`` that start at a byte in ``[start, end)``."""
    with open(path, "rb") as handle:
        position = start
        if start:  # the line under way at ``start`` belongs to the range before
            handle.seek(start - 1)
            position = start - 1 + len(handle.readline())
        while position < end:
            line = handle.readline()
            if not line:
                break
            position += len(line)
            yield line


def export_range(task: tuple[str, int, int, str]) -> tuple[int, int, float]:
    """What a worker does: read its byte range of the JSON Lines file itself, export its rows
    to a file of its own, and send back only the count (with its process id and the CPU
    seconds it spent, for the benchmark): a few bytes each way."""
    path, start, end, target = task
    began = time.process_time()
    rows = to_rows(json.loads(line) for line in lines_in(path, start, end))
    written = write_jsonl(rows, target)
    return written, os.getpid(), time.process_time() - began


def pooled_ranges(
    workers: int, tasks: list[tuple[str, int, int, str]]
) -> tuple[float, float, float]:
    """Wall seconds of exporting every range with a warm pool, the pool's CPU seconds, and the
    CPU seconds of its busiest worker (plus the parent's): the wall time on free cores."""
    children = cpu_seconds(resource.RUSAGE_CHILDREN)
    busy: dict[int, float] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(time.sleep, [0.2] * workers))  # start every worker before timing
        start = time.perf_counter()
        parent = cpu_seconds(resource.RUSAGE_SELF)
        written = 0
        for count, pid, cpu in pool.map(export_range, tasks):
            written += count
            busy[pid] = busy.get(pid, 0.0) + cpu
        wall = time.perf_counter() - start
        parent = cpu_seconds(resource.RUSAGE_SELF) - parent
    assert written == sum(1 for task in tasks for _ in lines_in(*task[:3]))
    pool_cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - children + parent
    return wall, pool_cpu, max(busy.values()) + parent


def _autogroup() -> str:
    try:
        with open("/proc/sys/kernel/sched_autogroup_enabled", encoding="ascii") as handle:
            enabled = handle.read().strip() == "1"
    except OSError:
        return ""
    if not enabled:
        return ""
    return (
        "; the kernel shares the CPU by session (autogroup scheduling): when other sessions "
        "are busy, this session's processes share one session's part of it, and a second "
        "process gains wall time only from cores nobody else wants"
    )


def file_partitions(count: int, rounds: int) -> None:
    sample = [line for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    parts = 8
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "assignments.jsonl")
        with open(path, "w", encoding="utf-8") as handle:
            for number in range(count):
                handle.write(sample[number % len(sample)] + "\n")
        tasks = [
            (path, start, end, os.path.join(folder, f"part-{index}.jsonl"))
            for index, (start, end) in enumerate(byte_ranges(path, parts))
        ]
        print(
            f"process pool: to_rows + write_jsonl over {count:,} real assignments (38 answers "
            f"each) in a JSON Lines file, {parts} byte ranges; each worker reads its range and "
            f"returns a count; {rounds} interleaved rounds, load average {_load()}"
        )
        results: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
        for number in range(rounds):
            for workers in (1, 2) if number % 2 == 0 else (2, 1):
                results[workers].append(pooled_ranges(workers, tasks))
        one, two = results[1], results[2]
        for index, label in ((0, "wall time"), (2, "CPU time of the busiest process")):
            speedups = [a[index] / b[index] for a, b in zip(one, two, strict=True)]
            print(
                f"  {label}: 1 process {statistics.median(a[index] for a in one):.2f} s, "
                f"2 processes {statistics.median(b[index] for b in two):.2f} s: "
                f"{statistics.median(speedups):.2f}x median, "
                f"{min(speedups):.2f}-{max(speedups):.2f}"
            )
        print(
            f"    CPU seconds of the whole pool: {statistics.median(a[1] for a in one):.2f} with "
            f"1 process, {statistics.median(b[1] for b in two):.2f} with 2 (target >= 1.7x on "
            f"2 free cores: the busiest process's CPU time is the wall time there; load average "
            f"now {_load()}, {os.cpu_count()} cores{_autogroup()})"
        )


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="a short run (a few seconds)")
    args = options.parse_args()
    pickling(500 if args.quick else 2_000, 3 if args.quick else 7)
    processes(20_000 if args.quick else 60_000, 1 if args.quick else 3)
    file_partitions(2_000 if args.quick else 20_000, 2 if args.quick else 4)


if __name__ == "__main__":
    main()
