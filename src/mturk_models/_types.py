"""Constrained types shared by the models, each declared once.

The patterns and lengths are botocore's (service model ``mturk`` 2017-01-17): ``EntityId``,
``CustomerId``, ``CurrencyAmount``, ``IdempotencyToken``, ``PaginationToken``.
"""

from __future__ import annotations

import math
import re
import time
from datetime import datetime, timezone, tzinfo
from decimal import Context, Decimal
from typing import Annotated, Any, Final, TypeVar
from zoneinfo import ZoneInfo

from dateutil import tz
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainValidator,
    StringConstraints,
    ValidationError,
    WrapSerializer,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, SchemaValidator, TzInfo, core_schema

from ._errors import int_shown, refuse_surrogates, shown

__all__ = [
    "CENT",
    "INT32_MAX",
    "INT32_MIN",
    "UTC",
    "XML_WHITESPACE",
    "Count",
    "CurrencyAmount",
    "EntityId",
    "IdempotencyToken",
    "Int32",
    "PaginationToken",
    "Reward",
    "Seconds",
    "Seq",
    "Text",
    "UtcDatetime",
    "WorkerId",
    "parse_currency",
    "strip_identifier",
    "to_utc",
]

UTC = timezone.utc
T = TypeVar("T")

ENTITY_ID_PATTERN = r"^[A-Z0-9]+$"
WORKER_ID_PATTERN = r"^A[A-Z0-9]+$"
CURRENCY_PATTERN = r"^[0-9]+(\.)?[0-9]{0,2}$"

EntityId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=ENTITY_ID_PATTERN)]
"""An MTurk ID (AssignmentId, HITId, HITTypeId, ...): 1 to 64 of ``A-Z`` and ``0-9``."""

WorkerId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=WORKER_ID_PATTERN)]
"""A Worker's ID (botocore's CustomerId): ``A`` then ``A-Z0-9``, at most 64 characters."""

IdempotencyToken = Annotated[str, StringConstraints(min_length=1, max_length=64)]
"""UniqueRequestToken: 1 to 64 characters."""

PaginationToken = Annotated[str, StringConstraints(min_length=1, max_length=255)]
"""NextToken: 1 to 255 characters."""

LONG_BOUND: Final = 2**63
"""One more than the largest value of botocore's Long, the widest integer type of the MTurk
service model. Given as ``lt``, so that a field's own ``le`` (a smaller bound) still applies:
pydantic keeps one ``le``, the alias's, when both the alias and the field give one."""

Count = Annotated[int, Field(ge=0, lt=LONG_BOUND)]
"""A count of things: never negative, at most botocore's Long (its Integer members are
narrower; a larger number would also not read back from the JSON pydantic writes)."""

Seconds = Annotated[int, Field(ge=0, lt=LONG_BOUND)]
"""A duration in whole seconds: never negative, at most botocore's Long (AutoApprovalDelay-
InSeconds and AssignmentDurationInSeconds are Longs)."""

INT32_MIN: Final = -(2**31)
INT32_MAX: Final = 2**31 - 1


def _int32(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError(
            "int32_bool",
            "A 32-bit integer should not be a bool; got {value}",
            {"value": shown(value)},
        )
    if isinstance(value, int) and not INT32_MIN <= value <= INT32_MAX:
        raise PydanticCustomError(
            "int32_range",
            "A 32-bit integer (botocore's Integer) should be {low} to {high}; got {value}",
            {"low": INT32_MIN, "high": INT32_MAX, "value": int_shown(value)},
        )
    return value


Int32 = Annotated[
    int,
    Field(ge=INT32_MIN, le=INT32_MAX),
    BeforeValidator(_int32),
]
"""botocore's ``Integer`` shape: -2**31 to 2**31-1; a bool is refused, not read as 0 or 1.

Integer strings (``"95"``) are read, since archived XML carries the values as text. The bounds
come before the validator, so that they are part of pydantic-core's integer check (after it,
pydantic would check them with two more Python calls per value, and the JSON Schema would say
``ge``/``le`` instead of ``minimum``/``maximum``).
"""


def _as_list(value: Any, handler: Any) -> Any:
    return list(handler(value))


Seq = Annotated[tuple[T, ...], WrapSerializer(_as_list)]
"""An immutable sequence (a tuple, so models hash) that dumps as a list, as boto3 gives it."""

Text = Annotated[str, AfterValidator(refuse_surrogates)]
"""Free text from AWS (Answer, Title, Reason, ...): any characters UTF-8 can encode.

A lone surrogate is refused (``text_surrogate``): it is not a character, no UTF-8 or XML document
carries it, and pydantic could neither write nor read it as JSON (see ``refuse_surrogates``).
ASCII text costs one constant-time check.
"""

XML_WHITESPACE: Final = " \t\r\n"
"""XML's whitespace. ``str.strip()`` would also drop a no-break space and other Unicode spaces."""


def strip_identifier(value: str) -> str:
    """An identifier (QuestionIdentifier, SelectionIdentifier, UploadedFileKey) without the XML
    whitespace around it; nothing left is the error ``empty_identifier``."""
    stripped = value.strip(XML_WHITESPACE)
    if not stripped:
        raise PydanticCustomError(
            "empty_identifier",
            "An identifier must hold at least one character besides whitespace; got {value}",
            {"value": shown(value)},
        )
    return stripped


# --- timestamps -------------------------------------------------------------------------------


_EPOCH = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


# Zone classes whose utcoffset() is never None for an aware datetime: ``astimezone`` (one C call)
# is exact for them. Other tzinfo classes go through the guarded path, because astimezone()
# would read an offset of None as the machine's local time, while naive means UTC here.
_EXACT_ZONES: frozenset[type[tzinfo]] = frozenset(
    {type(UTC), TzInfo, ZoneInfo, tz.tzlocal, tz.tzutc, tz.tzoffset, tz.tzfile, tz.tzrange}
    | {tz.tzstr}
)


def _out_of_range(value: datetime) -> PydanticCustomError:
    try:
        text = value.isoformat()
    except (OverflowError, OSError):  # the zone cannot tell its offset there either
        text = f"{value.replace(tzinfo=None).isoformat()} in {value.tzinfo!r}"
    return PydanticCustomError(
        "utc_datetime_range",
        "Timestamp {value} is outside the range of datetime once converted to UTC",
        {"value": text},
    )


def _utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime; naive means UTC; out-of-range instants are our error."""
    zone = value.tzinfo
    if zone is UTC:
        return value
    if zone is None:
        if value != value:  # pandas.NaT: a datetime subclass that is not a point in time
            raise PydanticCustomError(
                "utc_datetime",
                "Input should be a datetime, epoch seconds or an ISO 8601 timestamp; got {value}",
                {"value": shown(value)},
            )
        return value.replace(tzinfo=UTC)
    try:
        if type(zone) in _EXACT_ZONES:
            return value.astimezone(UTC)
        offset = value.utcoffset()
        if offset is None:  # a tzinfo that does not know its offset: taken as UTC, like naive
            return value.replace(tzinfo=UTC)
        return (value.replace(tzinfo=None) - offset).replace(tzinfo=UTC)
    except (OverflowError, OSError) as exc:  # beyond year 1..9999, or beyond the C library
        raise _out_of_range(value) from exc


def _from_epoch(seconds: float) -> datetime:
    try:
        finite = math.isfinite(seconds)
    except OverflowError as exc:  # an int too large for a float
        raise PydanticCustomError(
            "utc_datetime_range",
            "Epoch seconds {value} are out of range: {reason}",
            {"value": shown(seconds), "reason": str(exc)},
        ) from exc
    if not finite:
        raise PydanticCustomError(
            "utc_datetime",
            "Input should be epoch seconds or an ISO 8601 timestamp; got {value}",
            {"value": shown(seconds)},
        )
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise PydanticCustomError(
            "utc_datetime_range",
            "Epoch seconds {value} are out of range: {reason}",
            {"value": shown(seconds), "reason": str(exc)},
        ) from exc


def _isoparse(text: str) -> datetime:
    """dateutil's ISO 8601 reader, imported when first needed: the forms every model field
    reads never reach it, and importing it costs every program that reads timestamps."""
    from dateutil.parser import isoparse

    return isoparse(text)


def _refuse_date_digits(text: str) -> None:
    """Digits that ISO 8601 reads as a date (basic ``YYYYMMDD``, or ``YYYY``) are ambiguous."""
    try:
        as_date = _isoparse(text)
    except (ValueError, OverflowError):
        return
    raise PydanticCustomError(
        "utc_datetime_ambiguous",
        "Timestamp {value} is both the ISO 8601 date {date} and {seconds} epoch seconds; write "
        "the date as '{date}' or the seconds as a number",
        {"value": shown(text), "date": as_date.date().isoformat(), "seconds": text},
    )


def to_utc(value: Any) -> datetime:
    """Normalise a timestamp in any form MTurk data carries it to an aware UTC ``datetime``.

    Accepted: aware datetimes (any zone, e.g. boto3's ``tzlocal()``), naive datetimes (taken as
    UTC), epoch seconds (int, float or numeric string, the AWS CLI's ``wire`` format) and
    ISO 8601 strings (``Z``, offsets, the space-separated form of ``str(datetime)``, basic
    format). Booleans and anything else are a validation error.

    A string of digits that is also an ISO 8601 date (``"20210917"``, ``"2021"``) is refused
    (``utc_datetime_ambiguous``) rather than read as epoch seconds of 1970: pass the date as
    ``"2021-09-17"`` or the seconds as a number. Epoch strings of MTurk's era have ten digits.

    >>> to_utc("2021-09-17T12:47:31-07:00").isoformat()
    '2021-09-17T19:47:31+00:00'
    >>> to_utc(0).isoformat()
    '1970-01-01T00:00:00+00:00'
    """
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(value)
    if isinstance(value, str):
        text = value.strip()
        if _EPOCH.fullmatch(text):
            if text.isascii() and text.isdigit():
                _refuse_date_digits(text)
            return _from_epoch(float(text))
        parsed = _iso_string(text)  # the forms a model field reads, then dateutil's
        if parsed is not None:
            return _utc(parsed)
        try:
            parsed = _isoparse(text)
        except (ValueError, OverflowError) as exc:
            raise PydanticCustomError(
                "utc_datetime",
                "Input should be a datetime, epoch seconds or an ISO 8601 timestamp; got {value}",
                {"value": shown(value)},
            ) from exc
        return _utc(parsed)
    raise PydanticCustomError(
        "utc_datetime",
        "Input should be a datetime, epoch seconds or an ISO 8601 timestamp; got {value}",
        {"value": shown(value)},
    )


_combine = datetime.combine
_localtime = time.localtime
# The tzlocal paths read the attributes tzlocal.utcoffset() itself reads; a dateutil without
# them (none is known) gets the exact path through astimezone instead.
_TZLOCAL_ATTRIBUTES = {"_hasdst", "_std_offset", "_dst_offset", "_dst_saved"}
_TZLOCAL = tz.tzlocal if vars(tz.tzlocal()).keys() >= _TZLOCAL_ATTRIBUTES else None
# pydantic-core's own ISO 8601 parser, for the forms datetime.fromisoformat refuses.
_PYDANTIC_DATETIME = SchemaValidator(core_schema.datetime_schema())


def _from_tzlocal(value: datetime, zone: Any) -> datetime:
    """``value``, in a dateutil ``tzlocal()`` with daylight saving time, as UTC.

    The rules of ``tzlocal.utcoffset()`` (dateutil 2.7 to 2.9), without its four Python frames:
    DST if the C library says so for the wall time read as standard time; a standard wall time
    that is DST one saving earlier is ambiguous, and ``fold`` picks (0: the first, DST).
    """
    wall = _combine(value, value.time(), UTC)  # the wall time, read as if it were UTC
    if _localtime(wall.timestamp() + time.timezone).tm_isdst:
        offset = zone._dst_offset
    elif _localtime((wall - zone._dst_saved).timestamp() + time.timezone).tm_isdst:
        offset = zone._std_offset if value.fold else zone._dst_offset
    else:
        offset = zone._std_offset
    result: datetime = wall - offset
    return result


def _iso_string(text: str) -> datetime | None:
    """An ISO 8601 timestamp read by the C parser, else pydantic-core's, else ``None``."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return _PYDANTIC_DATETIME.validate_python(text)  # type: ignore[no-any-return]
        except ValidationError:
            return _iso_with_z(text)


def _iso_with_z(text: str) -> datetime | None:
    """What Python 3.11's ``fromisoformat`` reads with a ``Z`` (``…00 Z``), read the same on 3.10,
    whose parser takes only ``+00:00``; else ``None``."""
    if text[-1:] not in ("Z", "z"):
        return None
    text = text[:-1].rstrip()
    try:
        return datetime.fromisoformat(text + "+00:00")
    except ValueError:  # 3.10 reads only 3 or 6 decimals of a second; pydantic-core, any
        try:
            return _PYDANTIC_DATETIME.validate_python(text + "Z")  # type: ignore[no-any-return]
        except ValidationError:
            return None


def _utc_value(value: Any) -> datetime:
    """The validator of every ``UtcDatetime`` field: the common forms inline, the rest via to_utc.

    The hot path is what boto3 returns: an aware ``datetime`` in a fresh ``dateutil.tz.tzlocal()``
    for every timestamp. dateutil's ``utcoffset()`` is Python code (four frames and up to three
    ``time.localtime`` calls) that ``astimezone`` would run for each of them. Here a tzlocal zone
    without daylight saving time (servers and containers, which mostly run in UTC) is the fixed
    offset it holds, and moving the wall time onto UTC is two C calls; one with DST follows
    dateutil's rules in :func:`_from_tzlocal`, fold included.
    """
    if type(value) is datetime:
        zone = value.tzinfo
        if zone is UTC:
            return value
        if type(zone) is _TZLOCAL:
            try:
                if zone._hasdst:  # type: ignore[attr-defined]
                    return _from_tzlocal(value, zone)
                offset = zone._std_offset  # type: ignore[attr-defined]
                utc = _combine(value, value.time(), UTC)
                # The subtraction also resets ``fold`` to 0, which is meaningless in UTC.
                return utc - offset if offset or value.fold else utc
            except (OverflowError, OSError) as exc:  # beyond year 1..9999, or the C library
                raise _out_of_range(value) from exc
        if type(zone) in _EXACT_ZONES:
            try:
                return value.astimezone(UTC)
            except (OverflowError, OSError) as exc:
                raise _out_of_range(value) from exc
        return _utc(value)
    # JSON and the AWS CLI hand over ISO strings: the C parser first (its zones convert in C),
    # then pydantic-core's; python-dateutil (in to_utc) only sees the forms both refuse. Epoch
    # strings never reach the ISO parsers, which would read "20210917" as a date.
    if isinstance(value, str):
        text = value.strip()
        if ":" in text or not _EPOCH.fullmatch(text):
            parsed = _iso_string(text)
            if parsed is not None:
                return _utc(parsed)
    return to_utc(value)


class _UtcDatetimeSchema:
    """The core schema of ``UtcDatetime``: one Python call per value, no second validation.

    Validation is :func:`_utc_value` alone; serialisation and JSON Schema are pydantic's own
    for ``datetime`` (``BeforeValidator`` would validate the result again, ``PlainValidator``
    would serialise through a Python function).
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _utc_value,
            json_schema_input_schema=core_schema.datetime_schema(),  # pragma: no mutate
            serialization=core_schema.simple_ser_schema("datetime"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(core_schema.datetime_schema())  # in both modes: a date-time string


UtcDatetime = Annotated[datetime, _UtcDatetimeSchema]
"""A timestamp, always a timezone-aware ``datetime`` in UTC (see :func:`to_utc`)."""

# --- money ------------------------------------------------------------------------------------

_CURRENCY = re.compile(CURRENCY_PATTERN)
CENT: Final = Decimal("0.01")
"""One US cent, the smallest amount MTurk pays and the quantum of every CurrencyAmount."""


def parse_currency(value: Any) -> Decimal:
    """Read a CurrencyAmount (``"5"``, ``"0.5"``, ``"5.00"``; also int and Decimal) as USD.

    Strings must match botocore's pattern ``^[0-9]+(\\.)?[0-9]{0,2}$``: no sign, no ``$``, at most
    two decimals. A float is read through its shortest repr (``0.1`` is ``"0.1"``).

    >>> parse_currency("0.5")
    Decimal('0.50')
    """
    if type(value) is str:  # botocore's strings: the same few amounts over and over
        known = _CURRENCY_READ.get(value)
        if known is not None:
            return known
    if isinstance(value, bool):
        text = ""
    elif isinstance(value, Decimal):
        text = format(value, "f") if value.is_finite() else str(value)
    elif isinstance(value, (int, float)):
        # float.__repr__: numpy's float64 (a float) reprs as "np.float64(0.5)" since numpy 2.
        text = float.__repr__(value) if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = value
    else:
        raise PydanticCustomError(
            "currency_amount_type",
            "A currency amount should be a string such as '0.50', an int or a Decimal; got {value}",
            {"value": shown(value)},
        )
    if not _CURRENCY.fullmatch(text):
        raise PydanticCustomError(
            "currency_amount",
            "A currency amount should match {pattern} (digits, at most two decimals, no sign or "
            "currency symbol); got {value}",
            {"value": shown(value), "pattern": CURRENCY_PATTERN},
        )
    # The pattern admits any number of digits; the default context (28 digits, exponents up to
    # 999,999) would refuse to quantize longer amounts, so size the context to the amount. The
    # context is always given: the thread's own (decimal.getcontext()) may have been changed.
    size = len(text) + 3
    context = _CURRENCY_CONTEXT if size <= _CURRENCY_CONTEXT.prec else _sized_context(size)
    amount = Decimal(text).quantize(CENT, context=context)
    if type(value) is str and len(_CURRENCY_READ) < _CURRENCY_READ_SIZE:
        _CURRENCY_READ[value] = amount
    return amount


def _sized_context(size: int) -> Context:
    return Context(prec=size, Emax=max(size, 999_999))


_CURRENCY_CONTEXT: Final = _sized_context(32)
"""The context of every amount of up to 29 characters (quantizing one to cents is exact in it)."""

_CURRENCY_READ: dict[str, Decimal] = {}
"""Amounts already read, by their exact text: a page of HITs or bonuses repeats a few amounts,
and reading one (pattern, ``Decimal``, ``quantize``) costs twenty times a lookup. ``Decimal`` is
immutable, so models can share one. Only valid text is kept, and at most
:data:`_CURRENCY_READ_SIZE` amounts (then new ones are read each time, as before)."""
_CURRENCY_READ_SIZE: Final = 4096


def _currency_str(value: Decimal) -> str:
    return f"{value:.2f}"


def _currency_ser(value: Decimal, handler: Any) -> str:
    return _currency_str(value)


CurrencyAmount = Annotated[
    Decimal,
    PlainValidator(parse_currency),
    WrapSerializer(_currency_ser, return_type=str, when_used="always"),
    Field(json_schema_extra={"type": "string", "pattern": CURRENCY_PATTERN}),
]
"""A USD amount as ``Decimal`` with two decimals; dumps as a string such as ``"0.50"``."""

Reward = CurrencyAmount
"""The reward of a HIT (a :data:`CurrencyAmount`)."""
