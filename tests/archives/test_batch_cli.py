"""The command line's batch CSV options: --delimiter and --anonymized-worker-ids.

Variants made here (files in a temporary folder): batch_05.csv saved again with ';' between the
fields, and batch_02.csv with every WorkerId replaced by its SHA-256 hex digest.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from tests.conftest import data_path

from mturk_models import read_batch_csv
from mturk_models.cli import main


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def semicolons(tmp_path: Path) -> Path:
    text = data_path("batch_05.csv").read_bytes().decode("utf-8")
    records = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(records)
    path = tmp_path / "excel.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


def test_a_semicolon_file_is_detected_and_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = semicolons(tmp_path)
    code, out, err = cli(capsys, "answers", str(path), "--format", "jsonl")
    assert code == 0, err
    assert len(out.splitlines()) == len(list(read_batch_csv(data_path("batch_05.csv"))))
    code, out, err = cli(capsys, "answers", str(path), "--format", "jsonl", "--delimiter", ";")
    assert code == 0, err
    code, out, err = cli(capsys, "answers", str(path), "--from", "csv", "--delimiter", ",")
    assert code == 1
    assert "one column" in err
    assert "delimiter" in err
    code, out, err = cli(capsys, "answers", str(path), "--from", "csv", "--delimiter", ";;")
    assert code == 1
    assert "delimiter should be one character" in err


def test_anonymised_worker_ids_on_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = data_path("batch_02.csv").read_bytes().decode("utf-8")
    workers = {row.assignment.worker_id for row in read_batch_csv(data_path("batch_02.csv"))}
    for worker in workers:
        assert worker is not None
        text = text.replace(f'"{worker}"', f'"{hashlib.sha256(worker.encode()).hexdigest()}"')
    path = tmp_path / "shared.csv"
    path.write_text(text, encoding="utf-8", newline="")
    code, out, err = cli(capsys, "answers", str(path), "--format", "jsonl")
    assert code == 1
    assert "anonymized_worker_ids" in err
    code, out, err = cli(
        capsys, "answers", str(path), "--format", "jsonl", "--anonymized-worker-ids"
    )
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 12
    assert all(len(line["WorkerId"]) == 64 for line in lines)


def test_the_command_line_tools_results_file_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "answers", str(data_path("clt_01.results")))
    assert code == 1
    assert "Command Line Tools" in err
