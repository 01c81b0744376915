"""The shared types' promises that no model test looks at: their error messages are complete
sentences naming the value, and ``UtcDatetime`` behaves the same in a model defined later.

Every error of ``_types`` is checked for what a reader of the message relies on (a sentence,
every placeholder filled, the value named, the cause given), never for its exact wording.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError
from tests.conftest import machine_zone

from mturk_models import Assignment, to_utc
from mturk_models._errors import shown
from mturk_models._types import Int32, UtcDatetime, parse_currency, strip_identifier

UTC = timezone.utc
PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}")


def _int32(value: Any) -> Any:
    class Holder(BaseModel):
        number: Int32

    return Holder(number=value)


# (the call, its input, the error code, the text that names the value in the message)
ERRORS: list[tuple[str, Callable[[Any], Any], Any, str, str]] = [
    ("text", to_utc, "yesterday", "utc_datetime", "'yesterday'"),
    ("object", to_utc, [2021], "utc_datetime", "[2021]"),
    ("nan", to_utc, float("nan"), "utc_datetime", "nan"),
    ("infinite_string", to_utc, "-inf", "utc_datetime", "'-inf'"),
    ("huge_int", to_utc, 10**400, "utc_datetime_range", shown(10**400)),
    ("huge_float", to_utc, 1e20, "utc_datetime_range", "1e+20"),
    ("huge_string", to_utc, "99999999999999999999", "utc_datetime_range", "1e+20"),
    (
        "before_year_1",
        to_utc,
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
        "utc_datetime_range",
        "0001-01-01T00:00:00+01:00",
    ),
    ("iso_date_digits", to_utc, "20210917", "utc_datetime_ambiguous", "'20210917'"),
    ("blank_identifier", strip_identifier, " \t", "empty_identifier", "' \\t'"),
    ("currency_type", parse_currency, [1], "currency_amount_type", "[1]"),
    ("currency_sign", parse_currency, "-1.00", "currency_amount", "'-1.00'"),
]


def _error(call: Callable[[Any], Any], value: Any) -> PydanticCustomError:
    with pytest.raises(PydanticCustomError) as info:
        call(value)
    return info.value


@pytest.mark.parametrize(
    ("call", "value", "code", "named"), [case[1:] for case in ERRORS], ids=[c[0] for c in ERRORS]
)
def test_every_error_is_a_complete_sentence_naming_the_value(
    call: Callable[[Any], Any], value: Any, code: str, named: str
) -> None:
    error = _error(call, value)
    message = error.message()
    assert error.type == code
    assert PLACEHOLDER.search(message) is None, message  # every placeholder was filled
    assert named in message, message
    assert re.match(r"[A-Z][a-z ]", message), message  # starts as a sentence
    assert message[-1].isalnum() or message[-1] in "')]", message  # ends with a word or value
    if "; got " in message:  # "...; got <value>": the value given closes the sentence
        assert message.endswith(f"; got {named}"), message


@pytest.mark.parametrize("value", [True, 2**31, -(2**31) - 1])
def test_int32_errors_are_complete_sentences_naming_the_value(value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        _int32(value)
    message = info.value.errors()[0]["msg"]
    assert PLACEHOLDER.search(message) is None, message
    assert message.endswith(f"got {value}"), message
    assert re.match(r"[A-Z][a-z ]", message), message


@pytest.mark.parametrize("value", [10**400, 1e20, "99999999999999999999"])
def test_epoch_range_errors_give_the_reason(value: Any) -> None:
    error = _error(to_utc, value)
    assert error.__cause__ is not None
    reason = str(error.__cause__)
    assert (
        reason
    )  # Python's own words: "int too large to convert to float", "year ... out of range"
    assert error.message().endswith(f": {reason}"), error.message()


def test_an_iso_date_written_as_digits_names_both_readings_and_the_remedy() -> None:
    message = _error(to_utc, "20210917").message()
    assert "'20210917'" in message
    assert "2021-09-17" in message  # the date it also is
    assert "20210917 epoch seconds" in message  # the seconds it also is
    # The remedy the docstring of to_utc gives: the date written with dashes, or a number.
    assert "'2021-09-17'" in message
    assert message.endswith("the seconds as a number"), message


def test_out_of_range_errors_name_the_timestamp_in_its_own_zone() -> None:
    value = datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-2)))
    message = _error(to_utc, value).message()
    assert value.isoformat() in message
    assert re.match(r"[A-Z][a-z ]", message), message
    assert message.endswith("UTC"), message  # the rule: the instant, converted to UTC


def test_errors_inside_a_model_keep_the_sentence() -> None:
    with pytest.raises(ValidationError) as info:
        Assignment.model_validate({"SubmitTime": 1e20})
    error = info.value.errors()[0]
    assert error["type"] == "utc_datetime_range"
    assert error["loc"] == ("SubmitTime",)
    assert PLACEHOLDER.search(error["msg"]) is None
    assert shown(1e20) in error["msg"]


# --- UtcDatetime in a model defined after import -----------------------------------------------
# The library's own models are built when it is imported; a user's model is built later, from
# the same annotation. It must validate, dump and describe itself exactly as documented.

SUBMIT = datetime(2021, 9, 17, 20, 28, tzinfo=UTC)


def test_a_model_defined_later_validates_dumps_and_describes_utc_datetime() -> None:
    class Event(BaseModel):
        at: UtcDatetime
        until: UtcDatetime | None = None

    event = Event.model_validate({"at": "2021-09-17T13:28:00-07:00", "until": 1631910480})
    assert event.at == SUBMIT
    assert event.at.tzinfo is UTC
    assert event.until == SUBMIT
    assert event.model_dump() == {"at": SUBMIT, "until": SUBMIT}
    assert event.model_dump(mode="json") == {
        "at": "2021-09-17T20:28:00Z",
        "until": "2021-09-17T20:28:00Z",
    }
    assert Event.model_validate_json(event.model_dump_json()) == event
    for mode in ("validation", "serialization"):
        schema = Event.model_json_schema(mode=mode)  # type: ignore[arg-type]
        assert schema["properties"]["at"] == {
            "format": "date-time",
            "title": "At",
            "type": "string",
        }
    with pytest.raises(ValidationError) as info:
        Event.model_validate({"at": "20210917"})
    assert info.value.errors()[0]["type"] == "utc_datetime_ambiguous"


def test_utc_datetime_serialises_as_pydantic_serialises_datetime() -> None:
    # The same output, and the same warning for a value that is not a datetime (a model made
    # with model_construct skips validation): pydantic's own datetime serialiser does both.
    plain, utc = TypeAdapter(datetime), TypeAdapter(UtcDatetime)
    for mode in ("python", "json"):
        assert utc.dump_python(SUBMIT, mode=mode) == plain.dump_python(SUBMIT, mode=mode)
    assert utc.dump_json(SUBMIT) == plain.dump_json(SUBMIT)
    for adapter in (plain, utc):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert adapter.dump_python("not a time", mode="json") == "not a time"
        assert [w.category.__name__ for w in caught] == ["UserWarning"], adapter


def test_decimal_and_identifier_results_are_unchanged_by_the_checks() -> None:
    assert parse_currency("0.5") == Decimal("0.50")
    assert strip_identifier(" q1\n") == "q1"


@pytest.mark.parametrize("text", ["+202109", "+2021001", "+202109.17", "-202109", "2021.", ".5"])
def test_signed_and_decimal_epoch_strings_stay_epoch_seconds(text: str) -> None:
    # Only a string of digits is ambiguous with an ISO 8601 date; a sign or a decimal point
    # makes a number (even where python-dateutil would read "+202109" as the year 202).
    expected = datetime.fromtimestamp(float(text), UTC)
    assert to_utc(text) == expected
    assert Assignment.model_validate({"SubmitTime": text}).submit_time == expected


def test_pandas_nat_is_refused_with_a_sentence_naming_it() -> None:
    pandas = pytest.importorskip("pandas")
    error = _error(to_utc, pandas.NaT)
    assert error.type == "utc_datetime"
    message = error.message()
    assert PLACEHOLDER.search(message) is None, message
    assert message.endswith("got NaT"), message
    assert re.match(r"[A-Z][a-z ]", message), message


# --- behaviour the model tests never reach --------------------------------------------------------


@pytest.mark.parametrize("value", [-(2**31), 2**31 - 1, "95", "-2147483648", 0])
def test_int32_accepts_its_bounds_and_integer_strings(value: Any) -> None:
    assert _int32(value).number == int(value)


def test_identifiers_keep_unicode_spaces_that_xml_does_not_strip() -> None:
    # XML whitespace is space, tab, CR and LF; a no-break space is part of the identifier.
    assert strip_identifier("\u00a0q1\u2003") == "\u00a0q1\u2003"
    assert strip_identifier(" \t\u00a0q1\r\n") == "\u00a0q1"


def test_an_amount_of_any_length_the_pattern_admits_is_read_exactly() -> None:
    digits = "9" * 1_000_001  # beyond decimal's default exponent limit of 999,999
    amount = parse_currency(digits + ".5")
    assert amount == Decimal(digits + ".50")
    assert str(amount) == digits + ".50"


class _NoOffset(tzinfo):
    """A zone that does not know its offset: read as UTC, like a naive datetime."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None


@pytest.mark.parametrize("spec", ["EST5EDT,M3.2.0,M11.1.0", "IST-5:30"])
def test_a_zone_without_offset_is_utc_whatever_the_machine_zone(spec: str) -> None:
    # astimezone() would read such a datetime as the machine's local time.
    class Event(BaseModel):
        at: UtcDatetime

    value = datetime(2021, 1, 1, 12, tzinfo=_NoOffset())
    with machine_zone(spec):
        assert to_utc(value) == datetime(2021, 1, 1, 12, tzinfo=UTC)
        assert Event(at=value).at == datetime(2021, 1, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What datetime.isoformat() writes for a zone whose offset has seconds (local mean time,
        # as zoneinfo gives it before 1900 or so).
        ("1890-01-01T00:00:00+00:19:32", datetime(1889, 12, 31, 23, 40, 28, tzinfo=UTC)),
        ("2021-09-17T20:28:00+05:30:15", datetime(2021, 9, 17, 14, 57, 45, tzinfo=UTC)),
        ("2021-09-17T20:28:00 Z", datetime(2021, 9, 17, 20, 28, tzinfo=UTC)),
    ],
)
def test_model_fields_read_every_form_pythons_isoformat_reads(
    text: str, expected: datetime
) -> None:
    if sys.version_info >= (3, 11) or not text.endswith("Z"):  # 3.10's reads no "Z"
        assert datetime.fromisoformat(text) == expected

    class Event(BaseModel):
        at: UtcDatetime

    assert Event(at=text).at == expected
    assert Assignment.model_validate({"SubmitTime": text}).submit_time == expected
