"""The command line imports only the module of the command it runs; the parser it builds for one
command behaves as the full parser does."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from tests.conftest import fresh_python

import mturk_models
from mturk_models.cli import ALIASES, COMMANDS, _command_in, build_parser, main

ROOT = Path(__file__).parent.parent.parent
DATA = ROOT / "tests" / "data"


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["answers", "a.jsonl"], "answers"),
        (["-q", "answers", "a.jsonl"], "answers"),
        (["--quiet", "--debug", "score", "--key", "k.xml"], "score"),
        (["--qu", "--deb", "schema", "HIT"], "schema"),
        (["validate-hit", "x.json"], "validate"),
        (["demo"], "demo"),
        ([], None),
        (["--help", "answers"], None),  # the top-level help lists every command
        (["-h"], None),
        (["--version"], None),
        (["--", "answers"], None),
        (["answer", "a.jsonl"], None),  # a typo: the full parser names the choices
        (["-x", "answers"], None),
        (["--quieter", "answers"], None),
    ],
)
def test_the_command_is_found_only_when_plain(argv: list[str], command: str | None) -> None:
    assert _command_in(argv) == command


def test_the_names_and_aliases_are_the_parsers() -> None:
    assert set(_commands(build_parser())) == set(COMMANDS) | set(ALIASES)
    assert set(ALIASES.values()) <= set(COMMANDS)


@pytest.mark.parametrize("name", [*COMMANDS, *ALIASES])
def test_a_one_command_parser_reads_as_the_full_one(name: str) -> None:
    """Help, usage and options of a command are the same whether it was built alone or not."""
    alone = _commands(build_parser(ALIASES.get(name, name)))[name]
    full = _commands(build_parser())[name]
    assert alone.format_help() == full.format_help()
    assert alone.prog == full.prog


def test_usage_errors_of_a_command_alone_are_the_full_parsers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as alone:
        main(["answers"])
    alone_err = capsys.readouterr().err
    with pytest.raises(SystemExit) as full:
        build_parser().parse_args(["answers"])
    assert alone.value.code == full.value.code == 2
    assert alone_err == capsys.readouterr().err


def test_version_is_read_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"mturk-models {mturk_models.__version__}\n"


def test_answers_loads_neither_the_other_commands_nor_the_client(tmp_path: Path) -> None:
    """``answers`` on JSON Lines needs the assignment models and the export, not the request
    models, the question forms, the answer keys, the legacy XML reader, the client or the
    other commands (each of which costs start-up time)."""
    target = tmp_path / "out.csv"
    source = DATA / "boto3_01.jsonl"
    code = (
        "import sys, json\n"
        "from mturk_models.cli import main\n"
        f"code = main(['answers', {str(source)!r}, '-q', '-o', {str(target)!r}])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    status, modules = json.loads(fresh_python(code))
    assert status == 0
    assert target.read_text("utf-8").startswith("AssignmentId,")
    loaded = {name for name in modules if name.startswith("mturk_models")}
    assert "mturk_models.cli.answers" in loaded
    unwanted = {
        "mturk_models.cli.validate",
        "mturk_models.cli.score",
        "mturk_models.cli.schema",
        "mturk_models.cli.demo",
        "mturk_models.client",
        "mturk_models.documents.questions",
        "mturk_models.documents.answer_key",
        "mturk_models.archives.legacy",
        "mturk_models.api.requests",
        "mturk_models.api.reviews",
        "mturk_models.api.workers",
        "mturk_models.api.notifications",
        "mturk_models.api.events",
        "mturk_models.testing",
    }
    assert loaded & unwanted == set()
    # Nor the standard library's web stack, which xml.sax.saxutils would bring with it, nor what
    # only other paths need: pycountry (a Locale checked), difflib (an unknown key's suggestion),
    # traceback (--debug), pkgutil (the structure registry of the unknown-keys check),
    # dateutil.parser (timestamps in forms the standard library and pydantic-core do not read).
    unneeded = {"urllib.request", "http.client", "ssl", "xml.sax.saxutils"}
    unneeded |= {"pycountry", "difflib", "traceback", "pkgutil", "dateutil.parser"}
    assert unneeded & set(modules) == set()


def test_the_full_parser_still_runs_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    """A leading option the scan does not know (here ``-q`` twice as ``-qq``, which argparse
    accepts) gives the full parser, which runs the command all the same."""
    assert _command_in(["-qq", "schema", "Locale"]) is None
    assert main(["-qq", "schema", "Locale"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Locale"
