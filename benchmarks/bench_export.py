"""Exporting assignments for analysis: throughput, and memory that stays flat as rows grow.

Run ``python benchmarks/bench_export.py`` (package installed, or ``PYTHONPATH=src``); ``--quick``
(or ``MTURK_BENCH_QUICK=1``) runs 2k vs 20k instead of 10k vs 200k assignments.

The assignments come from a generator of boto3-shaped ListAssignmentsForHIT pages (100 per page,
aware datetimes, an answer document of six answers: free text, a two-way selection, a file
upload), through ``iter_assignments`` and ``to_rows`` into ``write_csv`` / ``write_jsonl``
writing to a sink that discards the text. Measured in the same run:

* assignments/s and peak RSS of each export (wide CSV, long CSV, wide JSONL) at the small
  count, and of the wide CSV export at the large count, each in a fresh subprocess, untraced:
  equal peak RSS for 20x the assignments means constant memory;
* peak traced memory (tracemalloc) of the streaming wide CSV export at a fifth of the small
  count (at least 1,000: ``write_csv`` buffers its first 1,000 rows to take the header from
  them, so below that the peak grows with the rows) and at the small count: tracemalloc makes
  the pipeline about six times slower, so
  tracing the large count does not fit in the benchmark's 60 seconds; the ratio should be 1.0,
  whereas
* the peer ``materialised`` (``list(to_rows(...))`` then write: what holding every row costs),
  traced at the small count, grows linearly with it.

A full tracemalloc run at 10k vs 200k (``--trace-large``, about two minutes on a shared 2-core
machine) gave 2.07 MB for both.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from mturk_models import iter_assignments, to_rows, write_csv, write_jsonl

PAGE_SIZE = 100
NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"


def _answer(number: int) -> str:
    return (
        f'<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="{NS}">'
        "<Answer><QuestionIdentifier>label</QuestionIdentifier>"
        f"<FreeText>{'cat' if number % 3 else 'dog'}</FreeText></Answer>"
        "<Answer><QuestionIdentifier>comment</QuestionIdentifier>"
        f"<FreeText>Looks fine to me, item {number}.</FreeText></Answer>"
        "<Answer><QuestionIdentifier>colors</QuestionIdentifier>"
        "<SelectionIdentifier>red</SelectionIdentifier>"
        "<SelectionIdentifier>blue</SelectionIdentifier></Answer>"
        "<Answer><QuestionIdentifier>confident</QuestionIdentifier><FreeText>yes</FreeText></Answer>"
        "<Answer><QuestionIdentifier>photo</QuestionIdentifier>"
        "<UploadedFileSizeInBytes>315012</UploadedFileSizeInBytes>"
        f"<UploadedFileKey>AW1/3H/3A{number}/photo/x.jpg</UploadedFileKey></Answer>"
        "<Answer><QuestionIdentifier>seconds</QuestionIdentifier><FreeText>42</FreeText></Answer>"
        "</QuestionFormAnswers>"
    )


def pages(count: int) -> Iterator[dict[str, Any]]:
    """boto3 pages of ``count`` assignments in total, made on demand."""
    start = datetime(2021, 9, 17, 19, 47, 31, tzinfo=timezone.utc)
    for first in range(0, count, PAGE_SIZE):
        batch = []
        for number in range(first, min(first + PAGE_SIZE, count)):
            accept = start + timedelta(seconds=number)
            batch.append(
                {
                    "AssignmentId": f"3A{number:028d}",
                    "WorkerId": f"AW{number % 5000:012d}",
                    "HITId": f"3H{number // 3:028d}",
                    "AssignmentStatus": "Submitted",
                    "AcceptTime": accept,
                    "SubmitTime": accept + timedelta(seconds=95),
                    "AutoApprovalTime": accept + timedelta(days=3),
                    "Answer": _answer(number),
                }
            )
        yield {"Assignments": batch, "NumResults": len(batch)}


class Sink:
    """A text file that discards what it is given (the cost of the disk is not measured)."""

    def write(self, text: str) -> int:
        return len(text)


def wide_csv(count: int) -> int:
    return write_csv(to_rows(iter_assignments(pages(count))), Sink())  # type: ignore[arg-type]


def long_csv(count: int) -> int:
    rows = to_rows(iter_assignments(pages(count)), long=True)
    return write_csv(rows, Sink())  # type: ignore[arg-type]


def wide_jsonl(count: int) -> int:
    return write_jsonl(to_rows(iter_assignments(pages(count))), Sink())  # type: ignore[arg-type]


def materialised(count: int) -> int:
    rows = list(to_rows(iter_assignments(pages(count))))
    return write_csv(rows, Sink())  # type: ignore[arg-type]


def timed(job: Callable[[int], int], count: int) -> tuple[int, float]:
    gc.collect()
    began = time.perf_counter()
    written = job(count)
    return written, time.perf_counter() - began


def peak(job: Callable[[int], int], count: int) -> tuple[int, float]:
    gc.collect()
    tracemalloc.start()
    try:
        began = time.perf_counter()
        job(count)
        return tracemalloc.get_traced_memory()[1], time.perf_counter() - began
    finally:
        tracemalloc.stop()


def child(form: str, count: int) -> None:
    """Run one export in this (fresh) process; print rows, seconds and peak RSS in KiB."""
    job = {"wide CSV": wide_csv, "long CSV": long_csv, "wide JSONL": wide_jsonl}[form]
    written, seconds = timed(job, count)
    print(written, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def in_subprocess(form: str, count: int) -> tuple[int, float, int]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, __file__, "--child", form, str(count)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    rows, seconds, rss = result.stdout.split()
    return int(rows), float(seconds), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2k vs 20k assignments")
    parser.add_argument("--trace-large", action="store_true", help="tracemalloc at both counts")
    parser.add_argument("--child", nargs=2, metavar=("FORM", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    quick = args.quick or os.environ.get("MTURK_BENCH_QUICK") == "1"
    small, large = (2_000, 20_000) if quick else (10_000, 200_000)

    print(f"export benchmark: {small:,} vs {large:,} assignments (6 answers each)")
    runs = [(form, small) for form in ("wide CSV", "long CSV", "wide JSONL")]
    runs.append(("wide CSV", large))
    rss: dict[int, int] = {}
    for form, count in runs:
        written, seconds, peak_rss = in_subprocess(form, count)
        if form == "wide CSV":
            rss[count] = peak_rss
        print(
            f"  {form:<11} {count:>8,} assignments: {count / seconds:>8,.0f} assignments/s "
            f"({written:,} rows), peak RSS {peak_rss / 1024:.1f} MiB"
        )
    print(
        f"  peak RSS ratio {rss[large] / rss[small]:.2f} for {large // small}x the assignments "
        "(flat = 1.0)"
    )

    # write_csv buffers its first 1,000 rows (the header's sample): start above that.
    base, top = (small, large) if args.trace_large else (max(small // 5, 1_000), small)
    low, _ = peak(wide_csv, base)
    high, _ = peak(wide_csv, top)
    held, _ = peak(materialised, small)
    print(
        f"  tracemalloc peak, streaming wide CSV: {low / 1e6:.2f} MB at {base:,}, "
        f"{high / 1e6:.2f} MB at {top:,}: ratio {high / low:.2f} (flat = 1.0)"
    )
    print(
        f"  peer materialised (list then write) at {small:,}: {held / 1e6:.2f} MB, "
        f"{held / high:.1f}x streaming; it grows with the row count"
    )


if __name__ == "__main__":
    main()
