"""``mturk-models answers`` and ``to_rows`` + ``write_csv`` end to end, against the usual script.

Run ``python benchmarks/bench_cli.py`` (package installed, or ``PYTHONPATH=src``; about two
minutes of CPU time); ``--quick`` (or ``MTURK_BENCH_QUICK=1``) runs 1,000
assignments and a few rounds. The input is ``tests/data/boto3_01.jsonl`` (three real assignments
of 38 answers each, as amti saves them) repeated to N lines in a temporary directory.

Every contender runs in a child process of its own, so that each pays what a user pays (the
interpreter, its imports, reading and writing files) and nothing else:

* ``cli jsonl`` and ``cli csv``: ``mturk-models answers FILE -f jsonl|csv -o OUT`` (wide CSV:
  one pass, rows spooled while the header is collected);
* ``lib jsonl`` and ``lib csv``: the library from Python,
  ``write_jsonl(to_rows(json.loads(line) for line in file), OUT)`` and the same with
  ``write_csv`` (its header from the first 1,000 rows);
* ``peer jsonl`` and ``peer csv``: what people write without the library: ``json.loads`` each
  line, ``xmltodict.parse`` the Answer, a dict with the same columns (ids, status, the times as
  the file has them, the work time from ``datetime.fromisoformat``, one column per question),
  then ``json.dumps`` per row, or every row in a list for ``csv.DictWriter`` (its header needs
  every column). No validation, no safety checks.

Every child reads its modules' bytecode from a cache (``PYTHONPYCACHEPREFIX`` in the temporary
directory, filled by one untimed warm-up run of each contender), as an installed package does:
pip compiles a package's modules when it installs it, and the standard library and xmltodict
come compiled. Without it (``PYTHONDONTWRITEBYTECODE`` set, or a source tree never imported)
each run of the library would also compile its own sources, a cost users do not pay.

The rounds are interleaved (each round runs every contender once, in a rotated order), and
each child is timed by its CPU time (user + system, from ``os.wait4``, the same figure as the
``RUSAGE_CHILDREN`` delta): "total" is the whole process, "work" what the child measured
itself after its imports (for the command, ``mturk_models.cli`` and the module of
``answers``, which ``main()`` imports once it has read the command line), so the fixed cost of
starting Python and importing pydantic and the models shows apart. Ratios are the medians of
the per-round ratios, measured in the same rounds. Peak RSS (``ru_maxrss``) of each child at
N/10 and N, and of the command at 10 N (the full run: 1,000, 10,000 and 100,000 lines), shows
whether memory stays flat.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "boto3_01.jsonl"
CONTENDERS = ("cli jsonl", "lib jsonl", "peer jsonl", "cli csv", "lib csv", "peer csv")
PAIRS = (
    ("cli jsonl", "peer jsonl"),
    ("lib jsonl", "peer jsonl"),
    ("cli csv", "peer csv"),
    ("lib csv", "peer csv"),
)
FIXED = (
    "AssignmentId",
    "WorkerId",
    "HITId",
    "AssignmentStatus",
    "AcceptTime",
    "SubmitTime",
    "AutoApprovalTime",
    "ApprovalTime",
    "RejectionTime",
)


# --- the children -------------------------------------------------------------------------------


def _peer_rows(source: str) -> Iterator[dict[str, Any]]:
    import xmltodict

    with open(source, encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            row = {key: raw.get(key) for key in FIXED}
            accept, submit = raw.get("AcceptTime"), raw.get("SubmitTime")
            row["WorkTimeInSeconds"] = (
                int(
                    (
                        datetime.fromisoformat(submit) - datetime.fromisoformat(accept)
                    ).total_seconds()
                )
                if accept and submit
                else None
            )
            answers = xmltodict.parse(raw["Answer"])["QuestionFormAnswers"]["Answer"]
            for answer in answers if isinstance(answers, list) else [answers]:
                value = answer.get("FreeText")
                chosen = answer.get("SelectionIdentifier")
                if chosen is not None:
                    value = "|".join(chosen) if isinstance(chosen, list) else chosen
                row[f"Answer.{answer['QuestionIdentifier']}"] = value
            yield row


def _peer(fmt: str, source: str, target: str) -> None:
    if fmt == "jsonl":
        with open(target, "w", encoding="utf-8") as out:
            for row in _peer_rows(source):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    rows = list(_peer_rows(source))
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    with open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, list(columns))
        writer.writeheader()
        writer.writerows(rows)


def _child(kind: str, fmt: str, source: str, target: str) -> None:
    """Run one contender in this process; print the CPU seconds of its work (after imports)."""
    if kind == "peer":
        import xmltodict  # noqa: F401 - imported before the work, as the others' imports are

        start = time.process_time()
        _peer(fmt, source, target)
    elif kind == "cli":
        from mturk_models.cli import command_module, main

        command_module("answers")  # what main() imports for the command, before its work
        start = time.process_time()
        code = main(["answers", source, "-f", fmt, "-q", "-o", target])
        if code:
            raise SystemExit(f"the command failed with exit code {code}")
    else:
        from mturk_models import to_rows, write_csv, write_jsonl

        start = time.process_time()
        with open(source, "rb") as handle:
            rows = to_rows(json.loads(line) for line in handle)
            (write_csv if fmt == "csv" else write_jsonl)(rows, target)
    print(time.process_time() - start)


# --- the parent ---------------------------------------------------------------------------------


def _make_input(path: Path, lines: int) -> None:
    sample = [line for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(lines):
            handle.write(sample[number % len(sample)] + "\n")


def _run(name: str, source: Path, target: str) -> tuple[float, float, float, int]:
    """One child: its total CPU seconds, its work CPU seconds, wall seconds, peak RSS in KiB."""
    kind, fmt = name.split()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(source.parent / "pycache")
    command = [sys.executable, __file__, "--child", kind, fmt, str(source), target]
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)
    assert child.stdout is not None
    printed = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    if child.returncode:
        raise SystemExit(f"{name} failed (exit code {child.returncode})")
    return usage.ru_utime + usage.ru_stime, float(printed), wall, usage.ru_maxrss


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main_bench(quick: bool) -> None:
    count, rounds = (1_000, 3) if quick else (10_000, 4)
    print(
        f"answers on JSON Lines of real assignments (38 answers each): {count:,} lines, "
        f"{rounds} interleaved rounds, CPU time of each child process; load average {_load()} "
        f"({os.cpu_count()} cores)"
    )
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = base / f"in_{count}.jsonl"
        _make_input(source, count)
        for name in CONTENDERS:  # untimed: fills the bytecode cache (see the module docstring)
            _run(name, source, str(base / f"out.{name.split()[1]}"))
        results: dict[str, list[tuple[float, float, float, int]]] = {n: [] for n in CONTENDERS}
        for number in range(rounds):
            shift = number % len(CONTENDERS)
            for name in CONTENDERS[shift:] + CONTENDERS[:shift]:
                results[name].append(_run(name, source, str(base / f"out.{name.split()[1]}")))
        print(
            f"  {'':<11} {'total CPU s':>11} {'work CPU s':>11} {'start-up s':>10} "
            f"{'assignments/s':>14} {'wall s':>7}"
        )
        for name in CONTENDERS:
            total, work, wall, _ = (statistics.median(v) for v in zip(*results[name], strict=True))
            # Start-up: the interpreter and the imports, the part of each run the input does not
            # change (the median of the rounds' total minus work).
            startup = statistics.median(run[0] - run[1] for run in results[name])
            print(
                f"  {name:<11} {total:>11.2f} {work:>11.2f} {startup:>10.2f} "
                f"{count / work:>14,.0f} {wall:>7.2f}"
            )
        print("ratios, ours over the peer's CPU time in the same round (median, min-max)")
        for ours, peer in PAIRS:
            line = f"  {ours:<10} / {peer:<11}"
            for index, label in ((0, "total"), (1, "work")):
                ratios = [
                    theirs[index] / mine[index]
                    for mine, theirs in zip(results[ours], results[peer], strict=True)
                ]
                line += (
                    f"  {label} {statistics.median(ratios):4.2f}x "
                    f"({min(ratios):.2f}-{max(ratios):.2f})"
                )
            print(line)
        print(f"load average after the rounds: {_load()}", flush=True)
        low, high = count // 10, count * 10
        for lines in (low, high):
            _make_input(base / f"in_{lines}.jsonl", lines)
        print(
            f"peak RSS of each child at {low:,} and {count:,} lines, and of the command at "
            f"{high:,} (flat: 1.0x)",
            flush=True,
        )
        for name in CONTENDERS:
            middle = statistics.median(rss for *_, rss in results[name])
            first = _run(name, base / f"in_{low}.jsonl", os.devnull)[3]
            line = f"  {name:<11} {first / 1024:7.1f} -> {middle / 1024:7.1f} MiB"
            if name.startswith("cli"):
                last = _run(name, base / f"in_{high}.jsonl", os.devnull)[3]
                line += f" -> {last / 1024:7.1f} MiB ({last / first:.2f}x for 100x the input)"
            else:
                line += f" ({middle / first:.2f}x for 10x the input)"
            print(line, flush=True)
    print(f"load average at the end: {_load()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 assignments, 3 rounds")
    parser.add_argument(
        "--child", nargs=4, metavar=("KIND", "FORMAT", "IN", "OUT"), help=argparse.SUPPRESS
    )
    options = parser.parse_args()
    if options.child:
        _child(*options.child)
    else:
        main_bench(options.quick or bool(os.environ.get("MTURK_BENCH_QUICK")))
    sys.exit(0)
