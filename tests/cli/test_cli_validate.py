"""``mturk-models validate``: request files of any of the 39 operations, named by an "Operation"
key, by --operation or told from their keys; ``validate-hit`` is its alias."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocore import xform_name
from botocore.session import get_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mturk_models.cli import main
from mturk_models.cli.validate import operation_named, request_models, snake_name
from mturk_models.testing import operation_requests

SERVICE = get_session().get_service_model("mturk")
BONUS = {
    "WorkerId": "AGDRU4D1VTQLB",
    "BonusAmount": "0.50",
    "AssignmentId": "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    "Reason": "Careful work",
}


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse: --help, usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, value: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(value, indent=2), "utf-8")
    return str(path)


def test_the_registry_is_every_operation_by_its_botocore_name() -> None:
    models = request_models()
    assert sorted(models) == sorted(SERVICE.operation_names)
    for operation, model in models.items():
        assert model.__name__ == SERVICE.operation_model(operation).input_shape.name


@pytest.mark.parametrize("operation", SERVICE.operation_names)
def test_every_spelling_of_an_operation(operation: str) -> None:
    assert snake_name(operation) == xform_name(operation)  # boto3's method name
    kebab = snake_name(operation).replace("_", "-")  # the AWS CLI's command name
    for spelling in (operation, snake_name(operation), kebab, operation.upper()):
        assert operation_named(spelling) == operation


def test_a_file_names_its_operation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "bonus.json", {"Operation": "SendBonus", **BONUS})
    assert cli(capsys, "validate", path) == (0, "", "1 of 1 request valid\n")
    code, out, _ = cli(capsys, "validate", "--json", path)
    assert code == 0
    assert json.loads(out)[0]["operation"] == "send_bonus"


@pytest.mark.parametrize("spelling", ["send-bonus", "send_bonus", "SendBonus"])
def test_the_option_names_the_operation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spelling: str
) -> None:
    path = write(tmp_path, "bonus.json", BONUS)
    assert cli(capsys, "validate", "--operation", spelling, path)[0] == 0


def test_every_violation_of_a_bonus(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = {"Operation": "send-bonus", **BONUS, "BonusAmount": "$5", "Reason": " ", "Resaon": "x"}
    path = write(tmp_path, "bonus.json", bad)
    code, out, err = cli(capsys, "validate", path)
    assert code == 1
    codes = {line.rsplit("[", 1)[1].rstrip("]") for line in out.splitlines()}
    assert codes == {"currency_amount", "message_blank", "extra_forbidden"}
    assert err == "0 of 1 request valid; 1 failed\n"


def test_money_must_be_a_json_string(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "bonus.json", {"Operation": "SendBonus", **BONUS, "BonusAmount": 0.5})
    code, out, _ = cli(capsys, "validate", path)
    assert code == 1
    assert out.splitlines() == [
        f'{path}: BonusAmount: BonusAmount should be a JSON string such as "0.50" (the AWS CLI '
        "and botocore refuse a number); got 0.5 [json_type]"
    ]


def test_a_cli_skeleton_is_read_as_it_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # What 'aws mturk send-bonus --generate-cli-skeleton' prints: every member, empty values.
    skeleton = {
        "WorkerId": "",
        "BonusAmount": "",
        "AssignmentId": "",
        "Reason": "",
        "UniqueRequestToken": "",
    }
    path = write(tmp_path, "skeleton.json", skeleton)
    code, out, _ = cli(capsys, "validate", "--operation", "send-bonus", "--json", path)
    assert code == 1
    (result,) = json.loads(out)
    assert result["operation"] == "send_bonus"
    assert sorted(e["loc"] for e in result["errors"]) == sorted(skeleton)  # every empty value
    assert "extra_forbidden" not in {e["type"] for e in result["errors"]}
    filled = write(tmp_path, "filled.json", {**BONUS, "UniqueRequestToken": "bonus-1"})
    assert cli(capsys, "validate", "--operation", "send-bonus", filled)[0] == 0


def test_operation_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    unknown = write(tmp_path, "unknown.json", {"Operation": "SendBonuses", **BONUS})
    conflict = write(tmp_path, "conflict.json", {"Operation": "GetHIT", **BONUS})
    ambiguous = write(tmp_path, "ambiguous.json", {"HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999"})
    not_text = write(tmp_path, "number.json", {"Operation": 7})
    code, out, _ = cli(capsys, "validate", "--json", "-q", unknown, ambiguous, not_text)
    assert code == 1
    results = json.loads(out)
    assert [r["errors"][0]["type"] for r in results] == ["input", "input", "input"]
    assert "SendBonuses" in results[0]["errors"][0]["msg"]
    assert "GetHIT" in results[1]["errors"][0]["msg"]
    assert "DeleteHIT" in results[1]["errors"][0]["msg"]
    code, out, _ = cli(capsys, "validate", "--operation", "send-bonus", conflict)
    assert code == 1
    assert "GetHIT" in out
    assert "SendBonus" in out


def test_an_unknown_operation_option_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "bonus.json", BONUS)
    code, _, err = cli(capsys, "validate", "--operation", "send-bonuses", path)
    assert code == 2
    assert "SendBonus" in err  # the closest operation is suggested


def test_told_from_the_keys_when_only_one_operation_fits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "notify.json", {"Subject": "s", "MessageText": "m", "WorkerIds": ["A1"]})
    code, out, _ = cli(capsys, "validate", "--json", path)
    assert code == 0
    assert json.loads(out)[0]["operation"] == "notify_workers"


def test_validate_hit_is_the_same_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "bonus.json", {"Operation": "SendBonus", **BONUS, "Reason": ""})
    assert cli(capsys, "validate-hit", path)[:2] == cli(capsys, "validate", path)[:2]


@pytest.mark.parametrize("operation", SERVICE.operation_names)
@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_valid_request_of_every_operation_is_valid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, operation: str, data: st.DataObject
) -> None:
    request = data.draw(operation_requests(request_models()[operation]))
    path = write(tmp_path, "request.json", {"Operation": operation, **request.to_boto3()})
    code, out, _ = cli(capsys, "validate", "-q", path)
    assert code == 0, out
    assert all(": warning: " in line for line in out.splitlines()), out  # no error line
