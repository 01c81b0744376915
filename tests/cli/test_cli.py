"""The ``mturk-models`` command line, on the real samples in tests/data.

Most cases call ``main([...])`` in-process (fast); a representative few run the console script in
a subprocess (``python -m mturk_models`` with ``src`` on PYTHONPATH, so they work with and without
installation), checking exit codes, stdout and stderr as a user's shell sees them.

Files made for these tests (all built in ``tmp_path`` from the samples, none stored): a JSONL file
with one bad line between good ones, a ListAssignmentsForHIT page and a list of pages built from
``boto3_01.jsonl``, a GetAssignment response, a directory and a non-UTF-8 file as bad inputs, and
CreateHIT / CreateHITType / CreateHITWithHITType requests with and without mistakes.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from mturk_models import (
    LONG_COLUMNS,
    WIDE_COLUMNS,
    Assignment,
    InputError,
    ListAssignmentsForHITResponse,
    read_batch_csv,
    to_rows,
    wide_columns,
    write_csv,
)
from mturk_models.cli import main
from mturk_models.cli._output import print_table
from mturk_models.cli._sources import _interpret
from mturk_models.testing import list_assignments_for_hit_responses

ROOT = Path(__file__).parent.parent.parent
DATA = ROOT / "tests" / "data"


def _env() -> dict[str, str]:
    """The environment of a subprocess: this checkout's ``src`` first on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("COLUMNS", None)
    return env


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The console script in a subprocess, as a shell runs it."""
    completed = subprocess.run(
        [sys.executable, "-m", "mturk_models", *args],
        input=stdin,
        capture_output=True,
        env=_env(),
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8"),
        completed.stderr.decode("utf-8"),
    )


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``main([...])`` in-process: exit code, stdout, stderr."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse: --help, usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_entry_point_is_declared() -> None:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    section = re.search(r"^\[project\.scripts\]\n(.*?)(?:^\[|\Z)", text, re.M | re.S)
    assert section is not None
    assert 'mturk-models = "mturk_models.cli:main"' in section.group(1).splitlines()


# --- help, usage, demo, schema ----------------------------------------------------------------


def test_help_and_usage_in_a_subprocess() -> None:
    shown = run("--help")
    assert shown.returncode == 0
    for text in ("answers", "validate-hit", "schema", "demo", "examples:", "exit codes:"):
        assert text in shown.stdout
    nothing = run()
    assert nothing.returncode == 2
    assert "usage: mturk-models" in nothing.stderr


@pytest.mark.parametrize("command", ["answers", "validate", "validate-hit", "schema", "demo"])
def test_each_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = cli(capsys, command, "--help")
    assert code == 0
    # validate-hit is an alias of validate, whose usage it prints
    assert f"usage: mturk-models {command.removesuffix('-hit')}" in out
    assert "--quiet" in out
    assert "examples:" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "answers")
    assert code == 2
    assert "the following arguments are required: FILE" in err
    assert "Traceback" not in err
    code, _, err = cli(capsys, "answers", "--format", "xlsx", "x.json")
    assert code == 2
    assert "invalid choice: 'xlsx'" in err
    code, _, err = cli(capsys, "frobnicate")
    assert code == 2
    assert "invalid choice: 'frobnicate'" in err


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "demo")
    assert code == 0
    assert "3NKQQ8O39Z3JIVE5JGJ3B5CU0ERUDR" in out
    assert err == ""


def test_schema_of_models_by_name_case_insensitive(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "schema", "assignment")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Assignment"
    assert {"AssignmentId", "WorkerId", "HITId", "SubmitTime", "Answer"} <= set(
        schema["properties"]
    )
    code, out, _ = cli(capsys, "schema", "QualificationRequirement")
    assert code == 0
    assert set(json.loads(out)["required"]) == {"QualificationTypeId", "Comparator"}


def test_schema_of_every_public_model(capsys: pytest.CaptureFixture[str]) -> None:
    import mturk_models

    names = cli(capsys, "schema")[1].split()
    assert "CreateHITRequest" in names
    for name in names:
        assert issubclass(getattr(mturk_models, name), BaseModel)
        for mode in ("validation", "serialization"):
            code, out, err = cli(capsys, "schema", name, "--mode", mode)
            assert (code, err) == (0, "")
            assert json.loads(out)["title"] == name


def test_schema_lists_models_and_refuses_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "schema")
    assert code == 0
    names = out.split()
    for name in (
        "Assignment",
        "HIT",
        "Locale",
        "QualificationRequirement",
        "ListAssignmentsForHITResponse",
    ):
        assert name in names


@pytest.mark.parametrize(
    ("given", "suggested"),
    [
        ("Assignmnet", ["Assignment"]),  # a typo
        ("GetAssignment", ["GetAssignmentRequest", "GetAssignmentResponse"]),  # a name's start
        ("qualificationrequirment", ["QualificationRequirement"]),
    ],
)
def test_schema_of_an_unknown_model_is_a_usage_error_with_the_nearest_names(
    capsys: pytest.CaptureFixture[str], given: str, suggested: list[str]
) -> None:
    code, out, err = cli(capsys, "schema", given)
    assert (code, out) == (2, "")
    assert err.startswith("usage: mturk-models schema")
    (message,) = [line for line in err.splitlines() if "error:" in line]
    assert f"'{given}'" in message
    assert (
        re.findall(r"'(\w+)'", message.partition("did you mean")[2])[: len(suggested)] == suggested
    )


def test_schema_of_a_name_near_none_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "schema", "zzzz")
    assert code == 2
    assert "Assignment, " in err
    assert "did you mean" not in err


# --- answers ----------------------------------------------------------------------------------

JSONL = DATA / "boto3_01.jsonl"
IDS = [
    "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    "3COPXFW7XCAE4WCJUB6W5CKLC6WPK3",
    "3NKQQ8O39Z3JIVE5JGJ3B5CU0ERUDR",
]


def _assignments() -> list[dict[str, Any]]:
    lines = JSONL.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _page(tmp_path: Path, name: str = "page.json") -> Path:
    """A ListAssignmentsForHIT page as ``aws mturk list-assignments-for-hit`` prints it."""
    path = tmp_path / name
    page = {"Assignments": _assignments(), "NumResults": 3}
    path.write_text(json.dumps(page, indent=4), "utf-8")
    return path


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_answers_csv_from_jsonl_in_a_subprocess() -> None:
    done = run("answers", str(JSONL.relative_to(ROOT)), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = _csv_rows(done.stdout)
    assert [row["AssignmentId"] for row in rows] == IDS
    assert rows[0]["WorkerId"] == "A3LT7W355XOAKF"
    assert rows[0]["Answer.instruction_quality_q1"] == "1.0"
    assert done.stderr == "3 assignments from 1 input\n"


def test_answers_reads_stdin_in_a_subprocess(tmp_path: Path) -> None:
    page = _page(tmp_path).read_bytes()
    done = run("answers", "-", "--format", "jsonl", stdin=page)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["AssignmentId"] for row in rows] == IDS
    # without --format, output that is not a terminal is CSV
    done = run("answers", "-", "--quiet", stdin=page)
    assert done.returncode == 0
    assert [row["AssignmentId"] for row in _csv_rows(done.stdout)] == IDS
    assert done.stderr == ""


def _console_script() -> list[str]:
    """The installed ``mturk-models`` script beside this Python, else ``python -m``."""
    script = shutil.which("mturk-models", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-m", "mturk_models"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_answers_stops_quietly_when_the_reader_goes_away(tmp_path: Path, fmt: str) -> None:
    """``mturk-models answers big.jsonl | head -1``: no traceback, no 'Exception ignored', and
    the status SIGPIPE gives any writer (141), not 1: the run did not fail."""
    lines = JSONL.read_text("utf-8").splitlines()
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(lines * 200) + "\n", "utf-8")
    process = subprocess.Popen(
        [*_console_script(), "answers", str(big), "-f", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as head does after its line
    error = process.stderr.read().decode()
    process.stderr.close()
    status = process.wait(timeout=60)
    assert status == (141 if hasattr(signal, "SIGPIPE") else 1)
    if fmt == "jsonl":
        assert json.loads(first)["AssignmentId"] == IDS[0]
    elif fmt == "csv":
        assert first.startswith(b"AssignmentId")
    assert error == ""


class _Console(io.TextIOWrapper):
    """A Windows-like standard output: cp1252, and newline translation to CRLF."""

    def __init__(self, terminal: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding="cp1252", newline="\r\n")
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal

    def written(self) -> bytes:
        self.flush()
        assert isinstance(self.buffer, io.BytesIO)
        return self.buffer.getvalue()


def test_answers_machine_formats_are_utf8_on_any_console(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """CSV, JSON Lines and JSON on standard output: UTF-8, their own line ends, as with -o."""
    record = _assignments()[0]
    record["Answer"] = record["Answer"].replace(">1.0</FreeText>", ">誤字なし</FreeText>", 1)
    japanese = tmp_path / "japanese.jsonl"
    japanese.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    batch = str(DATA / "batch_03.csv")
    for fmt in ("csv", "jsonl", "json"):
        console = _Console()
        monkeypatch.setattr(sys, "stdout", console)
        code, _, err = cli(capsys, "answers", str(japanese), batch, "-f", fmt, "-q")
        assert (code, err) == (0, "")
        target = tmp_path / f"rows.{fmt}"
        assert cli(capsys, "answers", str(japanese), batch, "-o", str(target), "-q")[0] == 0
        assert console.written() == target.read_bytes()
        assert "誤字なし" in console.written().decode("utf-8")
    assert b"\r\r\n" not in console.written()
    # The table is for the terminal: its encoding, its line ends, '?' for what it cannot show.
    console = _Console(terminal=True)
    monkeypatch.setattr(sys, "stdout", console)
    code, _, err = cli(capsys, "answers", str(japanese), "-q")
    assert (code, err) == (0, "")
    table = console.written().decode("cp1252")
    assert "????" in table
    assert "── 1 ─" not in table
    assert "-- 1 ---" in table
    assert table.count(os.linesep) == len(table.splitlines())


def test_answers_a_lone_surrogate_from_crowd_json_is_a_located_record_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """JSON's "\\ud800" is not Unicode text: the record is reported, never a crash."""
    task = json.dumps([{"q": "a\ud800b"}]).replace("&", "&amp;").replace("<", "&lt;")
    answer = (
        '<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/'
        'AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"><Answer>'
        f"<QuestionIdentifier>taskAnswers</QuestionIdentifier><FreeText>{task}</FreeText>"
        "</Answer></QuestionFormAnswers>"
    )
    source = tmp_path / "crowd.jsonl"
    source.write_text(json.dumps({"AssignmentId": "3A", "Answer": answer}) + "\n", "utf-8")
    for fmt in ("csv", "jsonl", "json"):
        code, _, err = cli(capsys, "answers", str(source), "-f", fmt)
        assert code == 1
        assert "line 1: assignment 3A: its answers cannot be read: taskAnswers holds the " in err
        assert "lone surrogate U+D800" in err


class _FullDisk(io.StringIO):
    """A standard output on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(
    "args",
    [
        ("answers", str(JSONL), "-f", "csv"),
        ("answers", str(JSONL), "-f", "table"),
        ("validate-hit", str(JSONL)),
        ("schema", "Assignment"),
        ("demo",),
    ],
)
def test_a_full_disk_is_reported_not_an_internal_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    code, _, err = cli(capsys, *args)
    assert code == 1
    assert err.splitlines()[-1] == (
        f"mturk-models: cannot write to standard output: {os.strerror(errno.ENOSPC)}"
    )
    assert "internal error" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_in_a_subprocess(tmp_path: Path) -> None:
    """``-o /dev/full`` and ``> /dev/full``: one line, exit code 1, no 'Exception ignored'."""
    completed = run("answers", str(DATA / "batch_03.csv"), "-o", "/dev/full")
    assert completed.returncode == 1
    assert completed.stderr == (
        "mturk-models: cannot write to /dev/full: No space left on device\n"
    )
    for args in (("answers", str(DATA / "batch_03.csv")), ("demo",)):
        with open("/dev/full", "wb") as full:
            process = subprocess.run(
                [sys.executable, "-m", "mturk_models", *args],
                stdout=full,
                capture_output=False,
                stderr=subprocess.PIPE,
                env=_env(),
                cwd=ROOT,
                timeout=60,
                check=False,
            )
        assert process.returncode == 1
        assert process.stderr.decode() == (
            "mturk-models: cannot write to standard output: No space left on device\n"
        )


def test_answers_mixed_good_and_bad_inputs_in_a_subprocess(tmp_path: Path) -> None:
    good = _assignments()
    bad_worker = dict(good[1], WorkerId="worker-7")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        "\n".join([json.dumps(good[0]), "{not json", json.dumps(bad_worker), json.dumps(good[2])])
        + "\n",
        "utf-8",
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("just some text\n", "utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    missing = tmp_path / "missing.json"
    done = run(
        "answers", str(JSONL), str(missing), str(folder), str(notes), str(mixed), "--format", "csv"
    )
    assert done.returncode == 1
    assert [row["AssignmentId"] for row in _csv_rows(done.stdout)] == [*IDS, IDS[0], IDS[2]]
    errors = done.stderr.splitlines()
    # json's own words after "not valid JSON at ...:" change between Pythons (3.13 changed
    # some): the location is what is asserted.
    assert errors[3].startswith(f"{mixed}: line 2: not valid JSON at column 2: ")
    errors[3] = "<the json module's message>"
    assert errors == [
        f"{missing}: cannot read: No such file or directory",
        f"{folder}: is a directory, not a file",
        f"{notes}: cannot tell the format: not JSON, JSON Lines, XML or a batch results CSV "
        "(a CSV needs an AssignmentId column); name it with --from",
        "<the json module's message>",
        f"{mixed}: line 3: WorkerId: String should match pattern '^A[A-Z0-9]+$'; got 'worker-7' "
        "[string_pattern_mismatch]",
        "5 assignments from 5 inputs; 4 with errors",
    ]


def test_answers_json_shapes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """GetAssignment, a page, a list of pages, a bare assignment, a list of assignments."""
    assignments = _assignments()
    shapes = {
        "get_assignment.json": {
            "Assignment": assignments[2],
            "HIT": {"HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999"},
        },
        "pages.json": [{"Assignments": assignments[:2]}, {"Assignments": assignments[2:]}],
        "bare.json": assignments[0],
        "list.json": assignments,
        # aws mturk ... with cli_timestamp_format = wire: epoch seconds
        "wire.json": {
            "Assignments": [dict(assignments[0], AcceptTime=1631907451.0, SubmitTime=1631909880)],
            "NextToken": "p2",
        },
    }
    for name, value in shapes.items():
        (tmp_path / name).write_text(json.dumps(value), "utf-8")
    code, out, err = cli(capsys, "answers", *(str(tmp_path / n) for n in shapes), "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [row["AssignmentId"] for row in rows] == [IDS[2], *IDS, IDS[0], *IDS, IDS[0]]
    assert rows[-1]["AcceptTime"] == "2021-09-17T19:37:31+00:00"
    assert rows[-1]["WorkTimeInSeconds"] == 2429
    assert err == "9 assignments from 5 inputs\n"


def test_answers_bad_json_values(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cases = {
        "number.json": ("[42]", "[0]: expected a JSON object or array, got int"),
        "other.json": (
            '{"HIT": {}, "Foo": 1}',
            "a JSON object without Assignments, Assignment or AssignmentId is not assignment "
            "data (its keys: Foo, HIT)",
        ),
        "broken.json": ('{"Assignments": [\n{]}', "not valid JSON at line 2, column 2"),
        "latin1.json": (b'{"AssignmentId": "\xe9"}', "not UTF-8 text"),
        "page.json": (
            '{"Assignments": {"AssignmentId": "3A"}}',
            "Assignments: expected a JSON array, got dict",
        ),
        "empty.json": ("  \n", "is empty"),
        # Nesting beyond the decoder's depth is a RecursionError on some Pythons and an
        # unclosed array on others: either way that input's located error, never a crash.
        "deep.json": ("[" * 100_000, "not "),
        "deep.jsonl": ("[]\n" + "[" * 100_000, "line 2: not "),
    }
    for name, (content, _) in cases.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    code, out, err = cli(capsys, "answers", *(str(tmp_path / n) for n in cases), "-f", "jsonl")
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == len(cases) + 1
    for line, (name, (_, message)) in zip(lines[:-1], cases.items(), strict=True):
        assert line.startswith(f"{tmp_path / name}: ")
        assert message in line
        if name.startswith("deep"):
            assert re.search(r": not (readable as|valid) JSON", line), line
    assert "Traceback" not in err


def test_answers_deep_nesting_is_a_located_error_and_the_next_input_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A deeply nested first line (format detection parses it) is that file's error only."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 2000 + "\n", "utf-8")
    code, out, err = cli(capsys, "answers", str(deep), str(DATA / "batch_03.csv"), "-f", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == len(list(read_batch_csv(DATA / "batch_03.csv")))
    (reported, summary) = err.splitlines()
    assert re.match(rf"{re.escape(str(deep))}: not (readable as|valid) JSON", reported)
    assert summary.endswith("; 1 with errors")
    assert "internal error" not in err
    # Arrays nested as deeply as the decoder accepts are walked without recursion (close to
    # the limit, the walk used to overflow the stack the decoder had left).
    value: Any = _assignments()[0]
    for _ in range(5000):
        value = [value]
    records = list(_interpret(value, ""))
    assert [type(record).__name__ for record in records] == ["Record"]
    assert records[0].where == "[0]" * 5000


def test_get_assignment_responses_are_read_as_assignments_in_reads_them() -> None:
    """A GetAssignment response's assignment is a record; a bad one, or none, is reported."""
    good = _assignments()[0]
    (record,) = _interpret({"Assignment": good, "HIT": {"HITId": good["HITId"]}}, "line 1")
    assert record.item.assignment_id == good["AssignmentId"]
    (problem,) = _interpret({"Assignment": dict(good, WorkerId="worker-7")}, "line 2")
    assert isinstance(problem.error, ValidationError)
    assert problem.error.errors()[0]["loc"] == ("Assignment", "WorkerId")
    (empty,) = _interpret({"Assignment": None}, "line 3")
    assert (empty.where, type(empty.error)) == ("line 3", InputError)


def test_answers_json_lines_with_a_bad_first_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Line 1 is reported and the records after it are written, as with any bad line."""
    lines = JSONL.read_text("utf-8").splitlines()
    cases = {
        "bad.jsonl": ["{bad}", *lines],
        "big.jsonl": ["{bad}", *lines * 100],  # beyond the bytes detection reads
        "long.jsonl": ['{"x": "' + "a" * 70_000, *lines],  # a first line longer than them
        "split.jsonl": [  # a first record over two lines: each is reported where it is
            lines[0].replace(', "WorkerId"', ',\n "WorkerId"', 1),
            *lines[1:],
        ],
    }
    for name, content in cases.items():
        (tmp_path / name).write_text("\n".join(content) + "\n", "utf-8")
    split_at = lines[0].index(' "WorkerId"') + 1  # the column after the comma
    expected = {
        # located by line and column; the json module's words after them are its own
        "bad.jsonl": (3, ["line 1: not valid JSON at column 2: "]),
        "big.jsonl": (300, ["line 1: not valid JSON at column 2: "]),
        "long.jsonl": (3, ["line 1: not valid JSON at column 7: "]),
        "split.jsonl": (
            2,
            [
                f"line 1: not valid JSON at column {split_at}: ",
                "line 2: not valid JSON at column 12: ",
            ],
        ),
    }
    for name, (count, errors) in expected.items():
        code, out, err = cli(capsys, "answers", str(tmp_path / name), "-f", "jsonl")
        assert (code, len(out.splitlines())) == (1, count), name
        reported = err.splitlines()[:-1]
        assert len(reported) == len(errors), err
        for line, error in zip(reported, errors, strict=True):
            assert line.startswith(f"{tmp_path / name}: {error}"), line
    # One JSON array with an object per line is still one document, not JSON Lines.
    records = [json.loads(line) for line in lines]
    for opening, closing in (("[", "]"), ('{"Assignments": [', "]}")):
        array = tmp_path / "array.json"
        body = ",\n".join(json.dumps(record) for record in records)
        array.write_text(f"{opening}\n{body}\n{closing}\n", "utf-8")
        code, out, err = cli(capsys, "answers", str(array), "-f", "jsonl")
        assert (code, len(out.splitlines()), err) == (0, 3, "3 assignments from 1 input\n")


def test_answers_reports_a_number_longer_than_python_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A whole number beyond Python's int-to-str limit (4,300 digits by default) is a reported
    problem of its line or file, never an internal error; the other records are written."""
    lines = JSONL.read_text("utf-8").splitlines()
    huge = "1" * 5000
    (tmp_path / "big.jsonl").write_text(
        "\n".join([lines[0], f'{{"AssignmentId": "3A", "NumResults": {huge}}}', *lines[1:]]) + "\n",
        "utf-8",
    )
    code, out, err = cli(capsys, "answers", str(tmp_path / "big.jsonl"), "-f", "jsonl")
    assert (code, len(out.splitlines())) == (1, 3)
    assert err.startswith(f"{tmp_path / 'big.jsonl'}: line 2: not readable as JSON: Exceeds the")
    assert "internal error" not in err
    (tmp_path / "big.json").write_text(f'[{{"AssignmentId": "3A", "X": {huge}}}]', "utf-8")
    code, out, err = cli(capsys, "answers", str(tmp_path / "big.json"), "-f", "jsonl")
    assert (code, out) == (1, "")
    assert err.startswith(f"{tmp_path / 'big.json'}: not readable as JSON: Exceeds the")
    assert "internal error" not in err


def test_answers_json_lines_with_a_long_first_line_and_a_single_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second, _ = _assignments()
    long_line = tmp_path / "long.jsonl"  # the first line is longer than the 64 KiB read to detect
    long_line.write_text(
        json.dumps(dict(first, RequesterFeedback="x" * 70_000)) + "\n" + json.dumps(second) + "\n",
        "utf-8",
    )
    single = tmp_path / "single.jsonl"
    single.write_text(json.dumps(dict(first, WorkerId="nobody")) + "\n", "utf-8")
    code, out, err = cli(capsys, "answers", str(long_line), str(single), "-f", "jsonl")
    assert code == 1
    assert [json.loads(line)["AssignmentId"] for line in out.splitlines()] == IDS[:2]
    assert err.splitlines()[0].startswith(f"{single}: line 1: WorkerId: String should match")


def test_answers_from_overrides_detection(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "answers", "--from", "json", str(JSONL), "-f", "jsonl")
    assert code == 1
    assert out == ""
    assert f"{JSONL}: not valid JSON at line 2, column 1: " in err  # a second value on line 2
    code, out, _ = cli(capsys, "answers", "--from", "jsonl", str(JSONL), "-f", "jsonl", "-q")
    assert code == 0
    assert len(out.splitlines()) == 3


def test_answers_output_file_and_its_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "answers.jsonl"
    code, out, err = cli(capsys, "answers", str(JSONL), "-o", str(target))
    assert (code, out) == (0, "")
    assert err == "3 assignments from 1 input\n"
    rows = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [row["AssignmentId"] for row in rows] == IDS
    # --format wins over the extension; an unwritable target is one error line
    code, _, _ = cli(capsys, "answers", str(JSONL), "-o", str(target), "-f", "csv", "-q")
    assert code == 0
    assert target.read_text("utf-8").startswith("AssignmentId,")
    code, out, err = cli(capsys, "answers", str(JSONL), "-o", str(tmp_path / "no" / "x.csv"))
    assert code == 1
    assert err == f"{tmp_path / 'no' / 'x.csv'}: cannot write: No such file or directory\n"
    # an output that is one of the inputs is refused before anything is read or written
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(JSONL.read_bytes())
    code, out, err = cli(capsys, "answers", str(JSONL), str(copy), "-o", str(copy))
    assert code == 1
    assert err == f"{copy}: is also an input ({copy}); not overwritten\n"
    assert copy.read_bytes() == JSONL.read_bytes()


def test_answers_output_that_is_standard_input_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``answers - -o x.jsonl < x.jsonl``: the file on standard input is not emptied."""
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(JSONL.read_bytes())
    link = tmp_path / "link.jsonl"
    link.symlink_to(copy)
    for target in (copy, link):
        with copy.open(encoding="utf-8") as stdin:
            monkeypatch.setattr(sys, "stdin", stdin)
            code, out, err = cli(capsys, "answers", "-", "-o", str(target))
        assert (code, out) == (1, "")
        assert err == f"{target}: is also an input (<stdin>); not overwritten\n"
        assert copy.read_bytes() == JSONL.read_bytes()
    # another file on standard input, or a pipe, is read as usual
    other = tmp_path / "other.jsonl"
    with JSONL.open(encoding="utf-8") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        code, _, _ = cli(capsys, "answers", "-", "-o", str(other), "-q")
    assert code == 0
    assert len(other.read_text("utf-8").splitlines()) == 3


def test_answers_output_that_is_standard_input_in_a_subprocess(tmp_path: Path) -> None:
    copy = tmp_path / "x.jsonl"
    copy.write_bytes(JSONL.read_bytes())
    with copy.open("rb") as stdin:
        completed = subprocess.run(
            [sys.executable, "-m", "mturk_models", "answers", "-", "-o", str(copy)],
            stdin=stdin,
            capture_output=True,
            env=_env(),
            cwd=ROOT,
            timeout=60,
            check=False,
        )
    assert completed.returncode == 1
    assert b"is also an input (<stdin>); not overwritten" in completed.stderr
    assert copy.read_bytes() == JSONL.read_bytes()


def test_answers_wide_csv_of_no_rows_has_the_fixed_header(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text('{"Assignments": []}', "utf-8")
    header = ",".join(WIDE_COLUMNS)
    code, out, _ = cli(capsys, "answers", str(empty), "-f", "csv")
    assert (code, out.splitlines()) == (0, [header])
    with empty.open(encoding="utf-8") as stdin:  # standard input: read once, rows spooled
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, _ = cli(capsys, "answers", "-", "-f", "csv")
    assert (code, out.splitlines()) == (0, [header])
    code, out, _ = cli(capsys, "answers", str(empty), "-f", "csv", "--long")
    assert (code, out.splitlines()) == (0, [",".join(LONG_COLUMNS)])


def test_answers_wide_csv_header_has_every_question_of_every_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """One pass: rows read before a question first appears get an empty cell for it, from
    files and from standard input alike, and the file is what write_csv(columns=...) writes."""
    first, second = (json.loads(line) for line in JSONL.read_text("utf-8").splitlines()[:2])
    late = {**second, "Answer": second["Answer"].replace("instruction_quality_q1", "late_q")}
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(json.dumps(item) for item in (first, late, first)), "utf-8")
    items = [Assignment.model_validate(item) for item in (first, late, first)]
    expected = io.StringIO(newline="")
    write_csv(to_rows(items), expected, columns=wide_columns(items))
    code, out, _ = cli(capsys, "answers", str(source), "-f", "csv", "-q")
    assert (code, out) == (0, expected.getvalue())
    with source.open(encoding="utf-8") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, _ = cli(capsys, "answers", "-", "-f", "csv", "-q")
    assert (code, out) == (0, expected.getvalue())
    header, *rows = csv.reader(io.StringIO(out, newline=""))
    assert header[-1] == "Answer.late_q"
    assert [row[-1] for row in rows] == ["", "1.0", ""]


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_answers_table_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["answers", str(JSONL), "--quiet"]) == 0
    lines = terminal.getvalue().splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert any(IDS[0] in line for line in lines)


def test_table_layouts() -> None:
    rows = [{"AssignmentId": "3A", "Answer": "line one\r\nline two", "Score": None}]
    out = io.StringIO()
    print_table(rows, out, 80)
    assert out.getvalue().splitlines() == [
        "AssignmentId  Answer             Score",
        "────────────  ─────────────────  ─────",
        "3A            line one line two",
    ]
    narrow = io.StringIO()
    print_table(rows, narrow, 30)
    assert [len(line) <= 30 for line in narrow.getvalue().splitlines()] == [True] * 3
    assert (
        narrow.getvalue().splitlines()[2] == "3A            line one…"
    )  # free text shrinks, IDs never
    wide = {f"question_{n}": f"answer {n}" for n in range(20)}
    records = io.StringIO()
    print_table([wide, wide], records, 60)
    text = records.getvalue()
    assert text.count("── ") == 2  # one block per row when the columns cannot fit
    assert "question_19  answer 19" in text


def test_answers_progress_bar_only_on_a_terminal_for_large_inputs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mturk_models.cli.answers as cli_module

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code = main(["answers", str(JSONL), "-f", "jsonl"])
    assert code == 0
    assert "\r[" not in terminal.getvalue()  # 28 kB: too small for a bar
    monkeypatch.setattr(cli_module, "_PROGRESS_MIN_BYTES", 1)
    terminal.seek(0)
    terminal.truncate()
    assert main(["answers", str(JSONL), "-f", "jsonl"]) == 0
    shown = terminal.getvalue()
    assert "\r[##############################] 100%" in shown
    assert "3 assignments" in shown
    assert shown.endswith("3 assignments from 1 input\n")
    terminal.seek(0)
    terminal.truncate()
    assert main(["answers", str(JSONL), "-f", "jsonl", "--quiet"]) == 0
    assert terminal.getvalue() == ""
    capsys.readouterr()


def test_debug_shows_tracebacks_and_internal_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.json")
    code, _, err = cli(capsys, "answers", missing, "--debug")
    assert code == 1
    assert "Traceback (most recent call last)" in err
    assert f"\n{missing}: cannot read: No such file or directory\n" in err

    import mturk_models.cli.demo as demo_module

    def broken(*_: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(demo_module, "run", broken)
    code, _, err = cli(capsys, "demo")
    assert code == 1
    assert err == (
        "mturk-models: internal error: RuntimeError: boom "
        "(rerun with --debug for the traceback, and please report it)\n"
    )
    with pytest.raises(RuntimeError, match="boom"):
        main(["--debug", "demo"])


def test_answers_legacy_xml_batch_csv_and_answer_documents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every non-JSON format, detected from the content, in one run."""
    files = [
        DATA / "legacy_01.xml",  # GetAssignmentsForHIT, 2014, with a file upload answer
        DATA / "legacy_06.xml",  # 2009: 20-character HITId, 40-character AssignmentId
        DATA / "batch_04.csv",  # crowd-form taskAnswers JSON, 8 rows
        DATA / "batch_03.csv",  # flattened radio groups, Approved and Rejected rows
        DATA / "qfa_02.xml",  # a bare QuestionFormAnswers document
    ]
    code, out, err = cli(capsys, "answers", *map(str, files), "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 1 + 1 + 8 + 5 + 1
    legacy = rows[0]
    assert legacy["AssignmentId"] == "2YRFYQS1CSTMONWZ4QVIF1EYFYOLOD"
    assert legacy["AcceptTime"] == "2014-01-01T23:50:26+00:00"
    assert legacy["Answer.001"] == "2013-14-02"
    assert legacy["Answer.004.size"] == 315012
    assert rows[1]["AssignmentId"] == "32A8TDZQEZYRV84XKZ4ZBT6JT05DKJRZ1BC42YSZ"
    crowd = rows[2]
    assert crowd["WorkerId"] == "A2ML7ATI15HJO7"
    assert crowd["Answer.confidence-0"] == "high"  # {"high": true, "low": false} folded
    assert {row["AssignmentStatus"] for row in rows[10:15]} == {"Approved", "Rejected"}
    document = rows[15]
    assert document["AssignmentId"] is None
    assert {k: v for k, v in document.items() if k.startswith("Answer.")} == {
        key: legacy[key] for key in legacy if key.startswith("Answer.")
    }  # qfa_02.xml is the Answer of legacy_01.xml
    assert err == "16 assignments from 5 inputs\n"


def test_answers_utf16_answer_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """qfa_03.xml re-encoded as UTF-16 (BOM, declaration saying so): still told and parsed."""
    text = (DATA / "qfa_03.xml").read_text("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "answers16.xml"
    path.write_bytes(text.encode("utf-16"))
    code, out, err = cli(capsys, "answers", str(path), str(DATA / "qfa_03.xml"), "-f", "jsonl")
    assert code == 0, err
    utf16, utf8 = (json.loads(line) for line in out.splitlines())
    assert utf16 == utf8
    assert utf16["Answer.tags"] == "asd"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash's <(...)")
def test_answers_wide_csv_from_a_pipe() -> None:
    """A pipe (bash's ``<(aws ...)``) is read once, as every input: nothing lost."""
    command = f'"{sys.executable}" -m mturk_models answers <(cat "$0") -f csv'
    done = subprocess.run(
        ["bash", "-c", command, str(DATA / "boto3_01.jsonl")],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "3 assignments from 1 input\n")
    assert len(list(csv.DictReader(io.StringIO(done.stdout)))) == 3


def test_closed_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """With standard input closed (``<&-``: sys.stdin is None) files are read; ``-`` is empty."""
    monkeypatch.setattr(sys, "stdin", None)
    code, out, err = cli(capsys, "answers", str(DATA / "boto3_01.jsonl"), "-f", "jsonl")
    assert (code, len(out.splitlines()), err) == (0, 3, "3 assignments from 1 input\n")
    code, out, err = cli(capsys, "answers", "-", "-f", "jsonl")
    assert (code, out) == (1, "")
    assert err.startswith("<stdin>: is empty\n")
    code, out, err = cli(capsys, "validate-hit", "-")
    assert code == 1
    assert out.startswith("<stdin>: not valid JSON at line 1, column 1")


def test_closed_stdout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With standard output closed (``>&-``: sys.stdout is None) nothing is lost silently."""
    sample = str(DATA / "boto3_01.jsonl")
    monkeypatch.setattr(sys, "stdout", None)
    code, out, err = cli(capsys, "answers", sample)
    assert (code, out) == (2, "")
    assert err == (
        "mturk-models: standard output is closed, so nothing can be written; "
        "write to a file with -o FILE\n"
    )
    code, out, err = cli(capsys, "validate-hit", sample)
    assert (code, err) == (
        2,
        "mturk-models: standard output is closed, so nothing can be written\n",
    )
    target = tmp_path / "rows.csv"
    code, out, err = cli(capsys, "answers", sample, "-o", str(target))
    assert (code, err) == (0, "3 assignments from 1 input\n")
    assert len(list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))) == 3


def test_closed_stderr(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """With standard error closed (``2>&-``) errors are dropped, not a crash; the code stays."""
    monkeypatch.setattr(sys, "stderr", None)
    code, out, _ = cli(capsys, "answers", str(DATA / "missing.jsonl"))
    assert (code, out.splitlines()) == (1, [",".join(WIDE_COLUMNS)])  # no rows: the header


def test_answers_utf16_batch_csv_says_save_as_utf8(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A batch CSV saved as UTF-16 is told as a CSV (not XML) and refused with what to do."""
    text = (DATA / "batch_03.csv").read_text("utf-8")
    names = []
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"")):
        path = tmp_path / f"{codec}{'-bom' if bom else ''}.csv"
        path.write_bytes(bom + text.encode(codec))
        names.append(str(path))
    message = "batch CSV, line 1: the file is UTF-16, not UTF-8 (save the file as UTF-8)"
    code, out, err = cli(capsys, "answers", *names, str(JSONL), "-f", "jsonl")
    assert (code, len(out.splitlines())) == (1, 3)  # the other input is read
    assert err.splitlines()[:-1] == [f"{name}: {message}" for name in names]
    code, out, err = cli(capsys, "answers", "--from", "csv", *names, "-f", "jsonl")
    assert (code, out) == (1, "")
    assert err.splitlines()[:-1] == [f"{name}: {message}" for name in names]


def test_answers_utf16_json_and_json_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """JSON saved as UTF-16 (Windows PowerShell's ``>``) is JSON, not XML; JSON Lines too."""
    lines = (DATA / "boto3_01.jsonl").read_text("utf-8").splitlines()
    page = tmp_path / "page16.json"
    page.write_bytes(json.dumps({"Assignments": [json.loads(x) for x in lines]}).encode("utf-16"))
    jsonl = tmp_path / "assignments16.jsonl"
    jsonl.write_bytes("\r\n".join([lines[0], "", *lines[1:]]).encode("utf-16"))
    code, out, err = cli(capsys, "answers", str(page), str(jsonl), "-f", "jsonl")
    assert code == 0, err
    ids = [json.loads(line)["AssignmentId"] for line in out.splitlines()]
    assert ids == [json.loads(x)["AssignmentId"] for x in lines] * 2
    assert err == "6 assignments from 2 inputs\n"
    broken = tmp_path / "broken16.jsonl"
    broken.write_bytes(jsonl.read_bytes() + "\n".encode("utf-16-le") + b"\x00\xd8")
    code, out, err = cli(capsys, "answers", str(broken), "-f", "jsonl")
    assert code == 1
    assert "broken16.jsonl: not UTF-16 text" in err


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_answers_utf32_json_lines_and_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, codec: str
) -> None:
    """UTF-32 is told by the same sniffing the XML readers use: JSON Lines are read, a batch
    CSV is refused with what to do."""
    lines = (DATA / "boto3_01.jsonl").read_text("utf-8").splitlines()
    jsonl = tmp_path / "assignments32.jsonl"
    jsonl.write_bytes("\n".join(lines).encode(codec))
    code, out, err = cli(capsys, "answers", str(jsonl), "-f", "jsonl")
    assert code == 0, err
    assert [json.loads(line)["AssignmentId"] for line in out.splitlines()] == IDS
    batch = tmp_path / "batch32.csv"
    batch.write_bytes((DATA / "batch_02.csv").read_text("utf-8").encode(codec))
    code, out, err = cli(capsys, "answers", str(batch), "-f", "jsonl")
    assert (code, out) == (1, "")
    assert "the file is UTF-32, not UTF-8 (save the file as UTF-8)" in err


def test_answers_reports_non_assignment_documents_and_bad_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken_csv = tmp_path / "batch.csv"
    lines = (DATA / "batch_02.csv").read_text("utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("PST 2021", "XYZ 2021", 1)  # an unknown zone in row 3
    broken_csv.write_text("".join(lines), "utf-8")
    bad_answer = tmp_path / "bad_answer.jsonl"
    bad_answer.write_text(json.dumps(dict(_assignments()[0], Answer="<Nope/>")) + "\n", "utf-8")
    code, out, err = cli(
        capsys,
        "answers",
        str(DATA / "legacy_02.xml"),  # a GetHIT response: no assignments
        str(DATA / "legacy_08.xml"),  # GetBonusPayments
        str(broken_csv),
        str(bad_answer),
        "-f",
        "jsonl",
    )
    assert code == 1
    assert len(out.splitlines()) == 11  # the other 11 rows of batch_02.csv
    errors = err.splitlines()
    assert (
        errors[0]
        == f"{DATA / 'legacy_02.xml'}: holds no assignments (it is a legacy GetHITResponse)"
    )
    assert errors[1].startswith(f"{DATA / 'legacy_08.xml'}: holds no assignments")
    assert errors[2].startswith(f"{broken_csv}: ")
    assert "line 4" in errors[2]
    assert errors[3].startswith(f"{bad_answer}: ")
    assert IDS[0] in errors[3]
    assert errors[4] == "11 assignments from 4 inputs; 4 with errors"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(pages=st.lists(list_assignments_for_hit_responses(), min_size=1, max_size=3))
def test_answers_every_generated_assignment_is_a_row_or_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pages: list[ListAssignmentsForHITResponse]
) -> None:
    """Generated pages (their Answer is arbitrary text): each assignment is one row or one error."""
    path = tmp_path / "pages.json"
    path.write_text(json.dumps([page.model_dump(mode="json") for page in pages]), "utf-8")
    code, out, err = cli(capsys, "answers", str(path), "-f", "jsonl", "-q")
    assignments = [a for page in pages for a in page.assignments or ()]
    rows = [json.loads(line) for line in out.splitlines()]
    errors = err.splitlines()
    assert len(rows) + len(errors) == len(assignments)
    assert {row["AssignmentId"] for row in rows} <= {a.assignment_id for a in assignments}
    assert code == (1 if errors else 0)
    assert all(line.startswith(f"{path}: ") for line in errors)


_PREFIXES = [
    b"",
    b"{",
    b"[",
    b"<",
    b'{"Assignments": [',
    b"<?xml version='1.0'?><",
    b"AssignmentId,HITId\n",
]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=200))
def test_answers_any_bytes_give_rows_or_located_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, prefix: bytes, body: bytes
) -> None:
    path = tmp_path / "input"
    path.write_bytes(prefix + body)
    code, _, err = cli(capsys, "answers", str(path), "-f", "jsonl", "-q")
    assert code in (0, 1)
    assert "internal error" not in err
    assert "Traceback" not in err
    assert all(line.startswith(f"{path}: ") for line in err.splitlines())
    assert (code == 1) == bool(err)


# --- validate-hit -----------------------------------------------------------------------------

EXTERNAL_QUESTION = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/task</ExternalURL>'
    "<FrameHeight>600</FrameHeight></ExternalQuestion>"
)
HIT_TYPE = {
    "Title": "Rate the quality of task instructions",
    "Description": "Read a task definition and its examples, then rate them.",
    "Reward": "0.50",
    "AssignmentDurationInSeconds": 1800,
    "AutoApprovalDelayInSeconds": 86400,
    "Keywords": "instructions, rating",
    "QualificationRequirements": [
        {
            "QualificationTypeId": "000000000000000000L0",
            "Comparator": "GreaterThanOrEqualTo",
            "IntegerValues": [95],
        },
        {
            "QualificationTypeId": "00000000000000000071",
            "Comparator": "In",
            "LocaleValues": [{"Country": "US"}, {"Country": "CA"}],
        },
    ],
}
HIT = {**HIT_TYPE, "MaxAssignments": 3, "LifetimeInSeconds": 259200, "Question": EXTERNAL_QUESTION}
HIT_WITH_TYPE = {
    "HITTypeId": "3ABCDEFGHIJKLMNOPQRSTUVWXYZ012",
    "MaxAssignments": 3,
    "LifetimeInSeconds": 259200,
    "Question": EXTERNAL_QUESTION,
}


def _write(tmp_path: Path, name: str, value: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(value, indent=2), "utf-8")
    return str(path)


def test_validate_hit_valid_requests_of_each_operation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = [
        _write(tmp_path, "hit.json", HIT),
        _write(tmp_path, "hit_type.json", HIT_TYPE),
        _write(tmp_path, "hit_with_type.json", HIT_WITH_TYPE),
    ]
    code, out, err = cli(capsys, "validate-hit", *files)
    assert (code, out, err) == (0, "", "3 of 3 requests valid\n")
    code, out, _ = cli(capsys, "validate-hit", "--json", *files)
    assert code == 0
    assert [(r["operation"], r["valid"], r["errors"]) for r in json.loads(out)] == [
        ("create_hit", True, []),
        ("create_hit_type", True, []),
        ("create_hit_with_hit_type", True, []),
    ]


def test_validate_hit_reports_every_violation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = dict(HIT, Reward="$0.10", Title="x" * 129)
    bad["QualificationRequirements"] = [
        {
            "QualificationTypeId": "000000000000000000L0",
            "Comparator": "Equals",
            "IntegerValues": [95],
        }
    ]
    path = _write(tmp_path, "bad.json", bad)
    code, out, err = cli(capsys, "validate-hit", path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) >= 3
    assert all(line.startswith(f"{path}: ") and line.endswith("]") for line in lines)
    located = {line.split(": ")[1] for line in lines}
    assert {"Reward", "Title", "QualificationRequirements[0].Comparator"} <= located
    assert err == "0 of 1 request valid; 1 failed\n"
    code, out, _ = cli(capsys, "validate-hit", "--json", "-q", path)
    assert code == 1
    (result,) = json.loads(out)
    assert result["file"] == path
    assert result["valid"] is False
    assert {e["loc"] for e in result["errors"]} >= located - {""}
    assert all(set(e) == {"loc", "msg", "type"} for e in result["errors"])


def test_validate_hit_operation_override_and_bad_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hit_type = _write(tmp_path, "hit_type.json", HIT_TYPE)
    code, out, _ = cli(capsys, "validate-hit", "--operation", "create_hit", hit_type, "-q")
    assert code == 1
    assert f"{hit_type}: LifetimeInSeconds: Field required [missing]" in out.splitlines()
    listing = _write(tmp_path, "list.json", [HIT])
    broken = tmp_path / "broken.json"
    broken.write_text('{"Title": ', "utf-8")
    missing = str(tmp_path / "missing.json")
    code, out, err = cli(capsys, "validate-hit", listing, str(broken), missing, hit_type)
    assert code == 1
    found = out.splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(broken))}: not valid JSON at line 1, column 11: .+ \[input\]", found[1]
    )
    assert [found[0], found[2]] == [
        f"{listing}: a request is a JSON object of request members, got list [input]",
        f"{missing}: cannot read: No such file or directory [input]",
    ]
    assert err == "1 of 4 requests valid; 3 failed\n"


def test_validate_hit_from_stdin_in_a_subprocess() -> None:
    bad = dict(HIT_WITH_TYPE, Reward="0.50")  # Reward belongs to the HIT type
    done = run("validate-hit", "-", stdin=json.dumps(bad).encode())
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>: Reward: ")
    assert "[extra_forbidden]" in done.stdout or "[unknown_key]" in done.stdout
    assert done.stderr == "0 of 1 request valid; 1 failed\n"
    good = run("validate-hit", "-", stdin=json.dumps(HIT).encode())
    assert (good.returncode, good.stdout) == (0, "")


def test_validate_hit_warnings_environment_and_strict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sandbox_masters = {
        "QualificationTypeId": "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6",
        "Comparator": "Exists",
    }
    path = _write(tmp_path, "masters.json", dict(HIT, QualificationRequirements=[sandbox_masters]))
    code, out, err = cli(capsys, "validate-hit", path)
    assert (code, out, err) == (0, "", "1 of 1 request valid\n")
    code, out, err = cli(capsys, "validate-hit", "--environment", "production", path)
    assert code == 0
    (line,) = out.splitlines()
    assert line.startswith(f"{path}: warning: QualificationRequirements")
    assert "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6" in line
    assert line.endswith("[QualificationEnvironmentWarning]")
    assert err == "1 of 1 request valid; 1 warning\n"
    code, out, _ = cli(capsys, "validate-hit", "--environment", "sandbox", "--strict", path)
    assert (code, out) == (0, "")
    code, out, err = cli(capsys, "validate-hit", "--environment", "production", "--strict", path)
    assert code == 1
    assert err == "0 of 1 request valid; 1 failed; 1 warning\n"


def test_the_cli_guide_names_every_command_and_option() -> None:
    """docs/cli.md keeps up with the parser: each command and each long option appears."""
    import argparse

    from mturk_models.cli import build_parser as _parser

    guide = (ROOT / "docs" / "cli.md").read_text("utf-8")
    parser = _parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, command in commands.choices.items():
        if f"## {name}" not in guide:
            missing.append(name)
        for action in command._actions:
            missing += [o for o in action.option_strings if o.startswith("--") and o not in guide]
    assert missing == []


def test_validate_hit_refuses_json_types_the_aws_cli_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A request file is --cli-input-json: botocore's own type check must pass too."""
    from botocore.session import get_session
    from botocore.validate import ParamValidator

    request = {
        "Title": "t",
        "Description": "d",
        "Reward": 0.1,
        "AssignmentDurationInSeconds": 60,
        "LifetimeInSeconds": 60,
        "Question": EXTERNAL_QUESTION,
        "QualificationRequirements": [
            {
                "QualificationTypeId": "000000000000000000L0",
                "Comparator": "GreaterThan",
                "IntegerValues": ["95"],
            }
        ],
    }
    shape = get_session().get_service_model("mturk").operation_model("CreateHIT").input_shape
    report = ParamValidator().validate(request, shape).generate_report()
    assert "parameter Reward" in report
    assert "IntegerValues[0]" in report
    path = tmp_path / "hit.json"
    path.write_text(json.dumps(request), "utf-8")
    code, out, _ = cli(capsys, "validate-hit", str(path))
    assert code == 1
    assert out.splitlines() == [
        f'{path}: Reward: Reward should be a JSON string such as "0.50" (the AWS CLI and '
        "botocore refuse a number); got 0.1 [json_type]",
        f"{path}: QualificationRequirements[0].IntegerValues[0]: IntegerValues should be JSON "
        "numbers (the AWS CLI and botocore refuse strings); got '95' [json_type]",
    ]
    request["Reward"] = "0.10"
    request["QualificationRequirements"][0]["IntegerValues"] = [95]  # type: ignore[index]
    assert ParamValidator().validate(request, shape).generate_report() == ""
    path.write_text(json.dumps(request), "utf-8")
    assert cli(capsys, "validate-hit", str(path))[0] == 0


_QFA = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"


def _answer_document(*answers: str) -> str:
    return f'<QuestionFormAnswers xmlns="{_QFA}">{"".join(answers)}</QuestionFormAnswers>'


def test_answers_never_drops_an_assignment_for_its_folding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue cases: "on"/"true" typed in an "other" box; questions agree and agree.strongly."""
    other = "<Answer><QuestionIdentifier>color</QuestionIdentifier>"
    other += "<SelectionIdentifier>red</SelectionIdentifier>"
    records = [
        {"AssignmentId": f"3A{typed.upper()}", "HITId": "3H", "WorkerId": "AW1",
         "Answer": _answer_document(f"{other}<OtherSelectionText>{typed}</OtherSelectionText>"
                                    "</Answer>")}
        for typed in ("on", "true")
    ]  # fmt: skip
    agree = "<Answer><QuestionIdentifier>agree</QuestionIdentifier><FreeText>yes</FreeText>"
    agree += "</Answer><Answer><QuestionIdentifier>agree.strongly</QuestionIdentifier>"
    agree += "<FreeText>true</FreeText></Answer>"
    records.append({"AssignmentId": "3AGREE", "HITId": "3H", "Answer": _answer_document(agree)})
    path = tmp_path / "assignments.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")
    code, out, err = cli(capsys, "answers", str(path), "--long", "-f", "jsonl")
    assert code == 0, err
    labels = [
        (r["assignment"], r["question"], r["label"]) for r in map(json.loads, out.splitlines())
    ]
    assert labels == [
        ("3AON", "color", "red"),
        ("3AON", "color.other", "on"),
        ("3ATRUE", "color", "red"),
        ("3ATRUE", "color.other", "true"),
        ("3AGREE", "agree", "yes"),
        ("3AGREE", "agree.strongly", "true"),
    ]
    assert err == "3 assignments from 1 input\n"


# --- output targets and tables -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", [None, "jsonl", "json"])
def test_answers_dash_o_dash_is_standard_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str | None
) -> None:
    """``-o -`` writes to standard output (the format as without -o: csv off a terminal)."""
    with_format = ["-f", fmt] if fmt else []
    code, out, err = cli(capsys, "answers", str(JSONL), "-o", "-", *with_format)
    assert (code, err) == (0, "3 assignments from 1 input\n")
    assert not (tmp_path / "-").exists()
    assert not Path("-").exists()
    if fmt is None:
        assert [row["AssignmentId"] for row in _csv_rows(out)] == IDS
    elif fmt == "jsonl":
        assert [json.loads(line)["AssignmentId"] for line in out.splitlines()] == IDS
    else:
        assert [row["AssignmentId"] for row in json.loads(out)] == IDS


def test_answers_dash_o_dash_with_standard_output_closed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["answers", str(JSONL), "-o", "-"]) == 2
    assert "standard output is closed" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["answers.xlsx", "answers.txt", "answers.CSV.gz", "a.tsv"])
def test_answers_output_extension_it_cannot_write_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    code, out, err = cli(capsys, "answers", str(JSONL), "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith("usage: mturk-models answers")
    assert all(extension in err for extension in (".csv", ".jsonl", ".json"))
    assert not target.exists()  # refused before anything is opened
    # naming the format is the way to write such a name on purpose
    assert cli(capsys, "answers", str(JSONL), "-o", str(target), "-f", "csv")[0] == 0
    assert target.read_text("utf-8").startswith("AssignmentId,")


def test_answers_output_extension_case_and_no_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    upper = tmp_path / "ANSWERS.JSONL"
    assert cli(capsys, "answers", str(JSONL), "-o", str(upper))[0] == 0
    assert json.loads(upper.read_text("utf-8").splitlines()[0])["AssignmentId"] == IDS[0]
    bare = tmp_path / "answers"
    assert cli(capsys, "answers", str(JSONL), "-o", str(bare))[0] == 0
    assert bare.read_text("utf-8").startswith("AssignmentId,")  # CSV, as documented


_LONG_ID = "3" + "X" * 63  # EntityId allows 64 characters; legacy AssignmentIds had 40


@pytest.mark.parametrize("width", [200, 120, 80, 40])
def test_table_never_cuts_ids_but_cuts_free_text(width: int) -> None:
    rows = [
        {
            "AssignmentId": _LONG_ID,
            "WorkerId": "A3LT7W355XOAKF",
            "HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999",
            "Answer.comment": "a long free text answer " * 6,
            "Answer.workerId": "A1B2C3D4E5F6G7",
        }
    ]
    out = io.StringIO()
    print_table(rows, out, width)
    text = out.getvalue()
    for value in rows[0].values():
        if value != rows[0]["Answer.comment"]:
            assert value in text  # every ID whole, in the table or in the blocks
    assert rows[0]["Answer.comment"].strip() not in text  # free text is cut
    assert "…" in text


def test_table_long_rows_keep_their_ids() -> None:
    rows = [
        {"assignment": _LONG_ID, "task": "3H" * 15, "worker": "AW" * 7, "question": "q",
         "label": "free text " * 20}
    ]  # fmt: skip
    out = io.StringIO()
    print_table(rows, out, 140)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3  # still a table: the label gave way
    for value in (_LONG_ID, "3H" * 15, "AW" * 7):
        assert value in lines[2]
    assert all(len(line) <= 140 for line in lines)


def test_validate_operations_name_public_request_models() -> None:
    import mturk_models
    from mturk_models.cli.validate import request_models

    for operation, model in request_models().items():
        assert model.__name__ in mturk_models.__all__
        assert operation == model.__name__.removesuffix("Request")


def test_answers_wide_csv_says_when_the_temporary_file_cannot_be_made(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    code, _, err = cli(capsys, "answers", str(JSONL), "-f", "csv", "-o", str(tmp_path / "a.csv"))
    assert code == 1
    assert "the temporary file in" in err
    assert "set TMPDIR" in err
