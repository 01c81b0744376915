"""The shared constrained types: IDs, counts, money and timestamps (through the models)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.tz import gettz, tzlocal, tzoffset
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from tests.conftest import expect_error, machine_zone

from mturk_models import (
    HIT,
    Assignment,
    Comparator,
    ListAssignmentsForHITResponse,
    QualificationRequirement,
    _types,
    to_utc,
)
from mturk_models._errors import shown, summarize
from mturk_models._types import UtcDatetime, parse_currency
from mturk_models.testing import utc_datetimes

UTC = timezone.utc
LA = gettz("America/Los_Angeles")

# --- IDs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["A", "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR", "1" * 64, "2F1QJWKUDD8XADTFD2Q0G6UTO95ALH"],
)
def test_entity_id_accepts(value: str) -> None:
    assert Assignment.model_validate({"AssignmentId": value}).assignment_id == value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "string_too_short"),
        ("A" * 65, "string_too_long"),
        ("3yz8upk3", "string_pattern_mismatch"),
        ("3YZ8-UPK3", "string_pattern_mismatch"),
        (" 3YZ8", "string_pattern_mismatch"),
    ],
)
def test_entity_id_rejects(value: str, code: str) -> None:
    expect_error(Assignment, {"AssignmentId": value}, code, "", loc=("AssignmentId",))
    expect_error(HIT, {"HITTypeId": value}, code, "", loc=("HITTypeId",))


def test_entity_id_rejects_a_number() -> None:
    expect_error(HIT, {"HITId": 123}, "string_type", "valid string", loc=("HITId",))


@pytest.mark.parametrize("value", ["A3LT7W355XOAKF", "AWVLT2L5AP873", "A" + "Z" * 63])
def test_worker_id_accepts(value: str) -> None:
    assert Assignment.model_validate({"WorkerId": value}).worker_id == value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("A", "string_pattern_mismatch"),  # "A" then at least one more character
        ("B3LT7W355XOAKF", "string_pattern_mismatch"),
        ("a3lt7w355xoakf", "string_pattern_mismatch"),
        ("A" * 65, "string_too_long"),
        ("", "string_too_short"),
    ],
)
def test_worker_id_rejects(value: str, code: str) -> None:
    expect_error(Assignment, {"WorkerId": value}, code, "", loc=("WorkerId",))


# --- counts and durations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "MaxAssignments",
        "NumberOfAssignmentsPending",
        "NumberOfAssignmentsAvailable",
        "NumberOfAssignmentsCompleted",
        "AutoApprovalDelayInSeconds",
        "AssignmentDurationInSeconds",
    ],
)
def test_counts_are_not_negative(key: str) -> None:
    assert HIT.model_validate({key: 0}).model_dump(by_alias=True)[key] == 0
    expect_error(HIT, {key: -1}, "greater_than_equal", "greater than or equal to 0", loc=(key,))


def test_num_results_is_not_negative() -> None:
    expect_error(ListAssignmentsForHITResponse, {"NumResults": -1}, "greater_than_equal", "0")


@pytest.mark.parametrize("key", ["MaxAssignments", "AutoApprovalDelayInSeconds"])
def test_counts_and_durations_fit_botocores_long(key: str) -> None:
    # A fuzz finding: a 4,700-digit AutoApprovalDelayInSeconds validated, and the JSON that
    # model_dump_json() wrote did not read back ("number out of range").
    largest = 2**63 - 1  # botocore's Long, the widest integer of the service model
    hit = HIT.model_validate({key: largest})
    assert HIT.model_validate_json(hit.model_dump_json()) == hit
    for value in (largest + 1, 10**4700):
        expect_error(HIT, {key: value}, "less_than", str(largest + 1), loc=(key,))
        with pytest.raises(ValidationError) as info:
            HIT.model_validate({key: value})
        assert key in str(info.value)  # the message is built, however long the number
    expect_error(ListAssignmentsForHITResponse, {"NumResults": 2**63}, "less_than", "")


# --- money ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", "5.00"),
        ("0.5", "0.50"),
        ("5.00", "5.00"),
        ("5.", "5.00"),
        ("0", "0.00"),
        ("00.10", "0.10"),
        (Decimal("1.2"), "1.20"),
        (Decimal("1E+1"), "10.00"),
        (7, "7.00"),
        (0.1, "0.10"),
        ("123456789.99", "123456789.99"),
        ("9" * 40 + ".5", "9" * 40 + ".50"),  # beyond the default 28-digit Decimal context
    ],
)
def test_reward_accepts_and_dumps_two_decimals(value: Any, expected: str) -> None:
    hit = HIT.model_validate({"Reward": value})
    assert hit.reward == Decimal(expected)
    assert str(hit.reward) == expected
    assert hit.to_boto3() == {"Reward": expected}
    assert hit.model_dump_json().count(f'"{expected}"') == 1


@pytest.mark.parametrize(
    "value",
    [
        "$0.10",
        "0.105",
        "-1",
        "-0.50",
        "+1",
        ".5",
        "1,00",
        " 1",
        "",
        "1e2",
        "NaN",
        Decimal("-0.01"),
        Decimal("0.001"),
        Decimal("NaN"),
        Decimal("Infinity"),
        -3,
        0.105,
        float("nan"),
        True,
        False,
    ],
)
def test_reward_rejects(value: Any) -> None:
    error = expect_error(
        HIT, {"Reward": value}, "currency_amount", r"at most two decimals", loc=("Reward",)
    )
    assert error["ctx"]["value"] == repr(value)


@pytest.mark.parametrize("value", [object(), [1], {"Amount": "1.00"}, b"1"])
def test_reward_rejects_other_types(value: Any) -> None:
    expect_error(HIT, {"Reward": value}, "currency_amount_type", "string such as '0.50'")


def test_reward_json_schema_is_a_string_with_botocore_pattern() -> None:
    schema = HIT.model_json_schema(by_alias=True)["properties"]["Reward"]["anyOf"][0]
    assert schema == {"type": "string", "pattern": r"^[0-9]+(\.)?[0-9]{0,2}$"}


def test_parse_currency_quantizes() -> None:
    assert parse_currency("3").as_tuple().exponent == -2


# --- timestamps -------------------------------------------------------------------------------

SUBMIT = datetime(2021, 9, 17, 20, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        SUBMIT,
        SUBMIT.astimezone(tzlocal()),
        SUBMIT.astimezone(LA),
        SUBMIT.astimezone(tzoffset(None, 19800)),
        SUBMIT.astimezone(timezone(timedelta(hours=-3))),
        SUBMIT.replace(tzinfo=None),  # naive: documented as UTC
        "2021-09-17T20:28:00Z",
        "2021-09-17T20:28:00+00:00",
        "2021-09-17T13:28:00-07:00",
        "2021-09-18T01:58:00+05:30",
        "2021-09-17 13:28:00-07:00",  # str(datetime)
        "2021-09-17 20:28:00",  # naive string: UTC
        "20210917T202800Z",  # basic format (python-dateutil)
        " 2021-09-17T20:28:00Z ",
        1631910480,
        1631910480.0,
        "1631910480",
        "1631910480.000",
    ],
)
def test_timestamp_forms(value: Any) -> None:
    submitted = Assignment.model_validate({"SubmitTime": value}).submit_time
    assert submitted == SUBMIT
    assert submitted is not None
    assert submitted.tzinfo is UTC
    assert to_utc(value) == SUBMIT


def test_legacy_timestamp() -> None:
    hit = HIT.model_validate({"Expiration": "2005-01-31T23:59:59Z"})
    assert hit.expiration == datetime(2005, 1, 31, 23, 59, 59, tzinfo=UTC)


def test_epoch_float_keeps_fraction() -> None:
    value = Assignment.model_validate({"AcceptTime": "1631908051.25"}).accept_time
    assert value == datetime(2021, 9, 17, 19, 47, 31, 250000, tzinfo=UTC)


def test_tzinfo_without_offset_is_taken_as_utc() -> None:
    class Unknown(tzinfo):
        def utcoffset(self, dt: datetime | None) -> None:
            return None

    value = datetime(2021, 1, 1, tzinfo=Unknown())
    assert to_utc(value) == datetime(2021, 1, 1, tzinfo=UTC)


def test_other_tzinfo_classes_take_the_guarded_path() -> None:
    class Fixed(tzinfo):
        def utcoffset(self, dt: datetime | None) -> timedelta:
            return timedelta(hours=2)

    assert to_utc(datetime(2021, 1, 1, 12, tzinfo=Fixed())) == datetime(2021, 1, 1, 10, tzinfo=UTC)
    with pytest.raises(ValueError, match="outside the range of datetime"):
        to_utc(datetime(1, 1, 1, tzinfo=Fixed()))


def test_zoneinfo() -> None:
    value = datetime(2021, 7, 1, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    assert to_utc(value) == datetime(2021, 7, 1, 10, tzinfo=UTC)


def test_dst_fold_is_respected() -> None:
    # 01:30 happens twice in Los Angeles on 2021-11-07; fold=1 is the second (PST) one.
    first = datetime(2021, 11, 7, 1, 30, tzinfo=LA)
    assert to_utc(first) == datetime(2021, 11, 7, 8, 30, tzinfo=UTC)
    assert to_utc(first.replace(fold=1)) == datetime(2021, 11, 7, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("garbage", "utc_datetime"),
        ("", "utc_datetime"),
        ("2021-13-01T00:00:00Z", "utc_datetime"),
        ("Mon Mar 15 23:03:02 PDT 2021", "utc_datetime"),  # batch CSV form: the archive loader's
        ("nan", "utc_datetime"),
        ("inf", "utc_datetime"),
        (True, "utc_datetime"),
        (False, "utc_datetime"),
        (float("nan"), "utc_datetime"),
        (float("inf"), "utc_datetime"),
        (math.inf * -1, "utc_datetime"),
        (object(), "utc_datetime"),
        ([2021, 9, 17], "utc_datetime"),
        (1e20, "utc_datetime_range"),
        ("1e20", "utc_datetime"),
        ("99999999999999999999", "utc_datetime_range"),
        (datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))), "utc_datetime_range"),
        (datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-2))), "utc_datetime_range"),
        ("0001-01-01T00:00:00+01:00", "utc_datetime_range"),
        ("9999-12-31T23:59:59-01:00", "utc_datetime_range"),
    ],
)
def test_timestamp_rejects(value: Any, code: str) -> None:
    error = expect_error(Assignment, {"AcceptTime": value}, code, "", loc=("AcceptTime",))
    assert "AcceptTime" in str(error["loc"])


def test_timestamp_error_names_field_and_value() -> None:
    with pytest.raises(ValidationError) as info:
        HIT.model_validate({"CreationTime": "yesterday"})
    text = str(info.value)
    assert "CreationTime" in text
    assert "'yesterday'" in text
    assert "ISO 8601" in text


def test_to_utc_raises_our_error_outside_models() -> None:
    with pytest.raises(ValueError, match="epoch seconds or an ISO 8601"):
        to_utc(object())


class _Plain(BaseModel):
    at: UtcDatetime


@given(
    st.datetimes(
        min_value=datetime(1971, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([tzlocal(), UTC, LA, tzoffset(None, -12345)]) | st.none(),
    )
)
def test_any_datetime_becomes_the_same_instant_in_utc(value: datetime) -> None:
    result = _Plain(at=value).at
    assert result.tzinfo is UTC
    expected = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    assert result == expected


@given(utc_datetimes())
def test_iso_and_epoch_strings_round_trip(value: datetime) -> None:
    assert _Plain(at=value.isoformat()).at == value
    assert _Plain(at=str(value)).at == value
    assert _Plain(at=value.isoformat().replace("+00:00", "Z")).at == value
    assert abs(_Plain(at=value.timestamp()).at - value) <= timedelta(microseconds=1)


@given(st.text(max_size=30) | st.integers() | st.floats() | st.booleans())
def test_any_input_gives_a_utc_datetime_or_our_error(value: Any) -> None:
    try:
        result: Any = _Plain(at=value).at
    except ValidationError as exc:
        result = exc.errors()[0]["type"]
    assert result in {"utc_datetime", "utc_datetime_range"} or result.tzinfo is UTC


def test_huge_epoch_int_is_a_range_error() -> None:
    with pytest.raises(ValidationError) as info:
        Assignment.model_validate({"SubmitTime": 10**400})
    assert info.value.errors()[0]["type"] == "utc_datetime_range"
    assert info.value.errors()[0]["loc"] == ("SubmitTime",)


def test_pandas_nat_is_refused() -> None:
    pandas = pytest.importorskip("pandas")
    with pytest.raises(ValidationError) as info:
        Assignment(submit_time=pandas.NaT)
    assert info.value.errors()[0]["type"] == "utc_datetime"


# --- boto3's tzlocal() under other machine zones ------------------------------------------------
# POSIX TZ strings need no time zone database.
MACHINE_ZONES = [
    "UTC0",
    "IST-5:30",
    "XYZ+7",
    "PST8PDT,M3.2.0,M11.1.0",  # DST, northern hemisphere
    "AEST-10AEDT,M10.1.0,M4.1.0/3",  # DST, southern hemisphere
    "LHST-10:30LHDT-11,M10.1.0,M4.1.0",  # half an hour of DST
]


@pytest.mark.parametrize("spec", MACHINE_ZONES)
@given(
    instant=st.datetimes(
        min_value=datetime(1971, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.just(UTC)
    ),
    fold=st.sampled_from([0, 1]),
)
def test_tzlocal_gives_dateutils_instant(spec: str, instant: datetime, fold: int) -> None:
    # boto3 builds every timestamp with a fresh tzlocal(); the fast path for zones without DST
    # must agree with dateutil's own utcoffset(), fold included.
    with machine_zone(spec):
        value = instant.astimezone(tzlocal())
        value = value.replace(fold=fold) if fold else value
        result = _Plain(at=value).at
        assert result == value.astimezone(UTC)
        assert (result.tzinfo, result.fold) == (UTC, 0)


@pytest.mark.parametrize("spec", [zone for zone in MACHINE_ZONES if "," in zone])
def test_tzlocal_wall_times_around_every_transition(spec: str) -> None:
    # Every wall time from 00:00 to 04:50 in steps of 10 minutes on every day of two years, in
    # both folds: the skipped and repeated hours of each DST change are among them.
    with machine_zone(spec):
        zone = tzlocal()
        for day in range(731):
            date = datetime(2021, 1, 1) + timedelta(days=day)
            for minutes in range(0, 300, 10):
                for fold in (0, 1):
                    wall = (date + timedelta(minutes=minutes)).replace(tzinfo=zone, fold=fold)
                    result = _types._utc_value(wall)
                    assert result == wall.astimezone(UTC), (spec, wall, fold)
                    assert (result.tzinfo, result.fold) == (UTC, 0)


def test_tzlocal_without_dst_does_not_call_utcoffset(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fixed-offset path is what makes wrapping boto3 pages fast; keep it taken.
    def refuse(self: tzinfo, dt: datetime | None) -> timedelta:
        raise AssertionError("utcoffset() called")

    with machine_zone("IST-5:30"):
        value = datetime(2021, 9, 18, 1, 58, tzinfo=tzlocal())
        monkeypatch.setattr(tzlocal, "utcoffset", refuse)
        assert _Plain(at=value).at == SUBMIT


def test_tzlocal_without_its_attributes_takes_the_exact_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_types, "_TZLOCAL", None)  # what a dateutil without them gets
    with machine_zone("IST-5:30"):
        assert _Plain(at=datetime(2021, 9, 18, 1, 58, tzinfo=tzlocal())).at == SUBMIT
    with machine_zone("PST8PDT,M3.2.0,M11.1.0"):
        assert _Plain(at=datetime(2021, 9, 17, 13, 28, tzinfo=tzlocal())).at == SUBMIT


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        ("IST-5:30", datetime(1, 1, 1)),
        ("XYZ+7", datetime(9999, 12, 31, 23)),
        # DST zone, standard time in January: even dateutil's own utcoffset() overflows there,
        # so the message cannot show the offset
        ("PST8PDT,M3.2.0,M11.1.0", datetime(1, 1, 1, 0, 30)),
        ("PST8PDT,M3.2.0,M11.1.0", datetime(9999, 12, 31, 23)),
    ],
)
def test_tzlocal_outside_the_datetime_range_is_our_error(spec: str, value: datetime) -> None:
    with machine_zone(spec):
        local = value.replace(tzinfo=tzlocal())
        error = expect_error(
            Assignment, {"AcceptTime": local}, "utc_datetime_range", "", loc=("AcceptTime",)
        )
        assert value.isoformat() in error["msg"]
        with pytest.raises(ValueError, match="outside the range of datetime"):
            to_utc(local)


# --- what no test noticed before --------------------------------------------------------------


@pytest.mark.parametrize("value", ["20210917", "2021", " 20210917 ", "19700101"])
def test_digits_that_are_an_iso_date_are_not_read_as_epoch_seconds(value: str) -> None:
    expect_error(Assignment, {"SubmitTime": value}, "utc_datetime_ambiguous", "ISO 8601 date")
    with pytest.raises(ValueError, match="epoch seconds"):
        to_utc(value)


def test_epoch_strings_and_numbers_stay_epoch_seconds() -> None:
    assert to_utc("1631910480") == SUBMIT  # ten digits: not a date in any ISO form
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert to_utc("20211317") == epoch + timedelta(seconds=20211317)  # no such date: seconds
    assert to_utc(20210917) == epoch + timedelta(seconds=20210917)  # a number: always seconds
    assert to_utc("20210917.5").microsecond == 500_000  # a fraction: seconds


def _nested(kind: str, depth: int = 1000) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


@pytest.mark.parametrize("kind", ["list", "dict"])
@pytest.mark.parametrize(
    ("model", "key", "code"),
    [
        (Assignment, "SubmitTime", "utc_datetime"),
        (HIT, "Reward", "currency_amount_type"),
        (HIT, "HITStatus", "enum"),
        (Assignment, "AssignmentStatus", "enum"),
        (QualificationRequirement, "Comparator", "enum"),
        (QualificationRequirement, "ActionsGuarded", "enum"),
        (HIT, "MaxAssignments", "int_type"),
        (Assignment, "Answer", "string_type"),
    ],
)
def test_deeply_nested_values_give_a_validation_error(
    model: Any, key: str, code: str, kind: str
) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate({key: _nested(kind)})
    assert code in [error["type"] for error in info.value.errors()]
    assert key in str(info.value)  # the message is built without recursing
    assert "..." in summarize(info.value).message or "unprintable" in str(info.value)


def test_deeply_nested_values_outside_models() -> None:
    for kind in ("list", "dict"):
        with pytest.raises(ValueError, match=r"got [\[{]"):
            to_utc(_nested(kind))
        with pytest.raises(ValueError, match=r"got [\[{]"):
            parse_currency(_nested(kind))
        with pytest.raises(ValueError, match="is not a valid Comparator"):
            Comparator(_nested(kind))


def test_shown_never_raises() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    assert shown(Broken()) == "<Broken object>"
    assert shown(10**5000) == "an integer of about 5,001 digits"
    assert shown(_nested("list")) == "[[[[...]]]]"
    assert len(shown(["x" * 500] * 50)) == 80


# --- money: amounts already read --------------------------------------------------------------


@given(st.decimals(min_value=0, max_value=10**6, places=2))
def test_parse_currency_gives_the_same_amount_the_second_time(amount: Decimal) -> None:
    text = f"{amount:f}"
    first, second = parse_currency(text), parse_currency(text)
    assert first == second == amount
    assert first.as_tuple() == second.as_tuple()  # the same digits and exponent, -2


def test_parse_currency_ignores_the_thread_decimal_context() -> None:
    import decimal

    with decimal.localcontext() as context:
        context.prec = 2
        context.traps[decimal.Inexact] = True
        assert str(parse_currency("12345.6")) == "12345.60"
        assert str(parse_currency("9" * 40)) == "9" * 40 + ".00"
    assert str(parse_currency("12345.6")) == "12345.60"


def test_parse_currency_keeps_only_valid_exact_strings_and_a_bounded_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Text(str):
        pass

    read: dict[str, Decimal] = {}
    monkeypatch.setattr(_types, "_CURRENCY_READ", read)
    monkeypatch.setattr(_types, "_CURRENCY_READ_SIZE", 2)
    with pytest.raises(ValueError, match="at most two decimals"):
        parse_currency("1.234")
    parse_currency(Text("7.5"))  # a str subclass may compare and hash as it likes
    parse_currency(Decimal("8"))
    assert read == {}
    for text in ("1", "2.5", "3.25"):
        parse_currency(text)
    assert read == {"1": Decimal("1.00"), "2.5": Decimal("2.50")}
    assert parse_currency("3.25") == Decimal("3.25")  # beyond the bound, read each time
    with pytest.raises(ValueError, match="at most two decimals"):
        parse_currency("1.234")  # never kept, so refused again


# --- Int32: bounds in pydantic-core, a bool refused first --------------------------------------


def test_int32_bounds_are_minimum_and_maximum_in_json_schema() -> None:
    schema = QualificationRequirement.model_json_schema()["properties"]["IntegerValues"]
    assert schema["anyOf"][0]["items"] == {
        "type": "integer",
        "minimum": -(2**31),
        "maximum": 2**31 - 1,
    }


@pytest.mark.parametrize(
    ("value", "code"),
    [(True, "int32_bool"), (2**31, "int32_range"), ("2147483648", "less_than_equal")],
)
def test_int32_errors_after_the_bounds_moved(value: Any, code: str) -> None:
    data = {"QualificationTypeId": "3A", "Comparator": "EqualTo", "IntegerValues": [value]}
    expect_error(QualificationRequirement, data, code, "", loc=("IntegerValues", 0))


@pytest.mark.parametrize(
    "text",
    ["1890-01-01T00:00:00+00:19:32", "2021-09-17T20:28:00+05:30:15", "2021-09-17T20:28:00 Z"],
)
def test_to_utc_reads_every_string_a_model_field_reads(text: str) -> None:
    class Event(BaseModel):
        at: UtcDatetime

    assert to_utc(text) == Event(at=text).at


def test_a_float_subclass_amount_is_read_by_its_float_value() -> None:
    class Amount(float):
        def __repr__(self) -> str:  # as numpy 2's float64 does: "np.float64(0.5)"
            return f"Amount({float(self)!r})"

    assert parse_currency(Amount(0.5)) == Decimal("0.50")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the C parser reads it: an offset
        ("2021-09-17T12:47:31-07:00", datetime(2021, 9, 17, 19, 47, 31, tzinfo=UTC)),
        # neither the C parser nor pydantic-core reads a lower-case "z" after a space
        ("2021-09-17T20:28:00.5 z", datetime(2021, 9, 17, 20, 28, 0, 500_000, tzinfo=UTC)),
        ("2021-09-17T20:28:00 Z", datetime(2021, 9, 17, 20, 28, tzinfo=UTC)),
        # only python-dateutil reads the end of a day as 24:00
        ("2021-09-17T24:00:00Z", datetime(2021, 9, 18, tzinfo=UTC)),
        ("20210917T2400-0100", datetime(2021, 9, 18, 1, tzinfo=UTC)),
    ],
)
def test_to_utc_and_a_field_read_every_iso_form_alike(text: str, expected: datetime) -> None:
    assert to_utc(text) == expected
    assert to_utc(text).tzinfo is UTC
    assert _Plain(at=text).at == expected


def test_a_sequence_member_dumps_as_a_list() -> None:
    from mturk_models._types import Seq

    class Holder(BaseModel):
        values: Seq[int]

    holder = Holder(values=[1, 2])
    assert holder.values == (1, 2)
    assert holder.model_dump() == {"values": [1, 2]}
    assert holder.model_dump(mode="json") == {"values": [1, 2]}
