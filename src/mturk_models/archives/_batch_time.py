"""The timestamps of batch results CSV files: ``Mon Mar 15 23:03:02 PDT 2021``.

The format, the zone table and both directions; :mod:`mturk_models.archives.batch` re-exports
them. Real files use PST and PDT (the website ran on US Pacific time); see
``tests/data/SOURCES.md``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from datetime import datetime, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz
from pydantic_core import PydanticCustomError

from .._errors import shown
from ..exceptions import InputError

__all__ = ["BATCH_TIMEZONES", "format_batch_timestamp", "parse_batch_timestamp"]


def _zone(name: str, hours: int) -> tzinfo:
    return tz.tzoffset(name, hours * 3600)


BATCH_TIMEZONES: Mapping[str, tzinfo] = {
    name: _zone(name, hours)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "AKST": -9,
        "AKDT": -8,
        "HST": -10,
        "HDT": -9,
    }.items()
}
"""python-dateutil ``tzinfos``: the zone abbreviations of the website's timestamps.

Real files use PST and PDT (the site ran on US Pacific time); the other United States zones and
UTC/GMT are accepted too. ``CST`` is US Central (not China Standard Time). An abbreviation outside
this table is an error, never a naive time.
"""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NUMBER = {name: number for number, name in enumerate(_MONTHS, 1)}
_STAMP = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) "
    r"([A-Za-z]{1,6}) (\d{4})"
)
_ZONE_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,6})(?![A-Za-z])")
_DATE_WORDS = frozenset(day.upper() for day in _DAYS) | frozenset(m.upper() for m in _MONTHS)
_DATE_WORDS |= frozenset({"T", "AM", "PM"})
_UTC = timezone.utc
_STAMP_CACHE: dict[str, datetime] = {}


def _time_error(value: str, rule: str) -> PydanticCustomError:
    # The rule may quote the value (dateutil's messages do): a lone surrogate in it could not be
    # encoded when the message is built, so it is written as an escape, like repr() does.
    rule = rule.encode("utf-8", "backslashreplace").decode("utf-8")
    return PydanticCustomError(
        "batch_timestamp", "{rule}; got {value}", {"rule": rule, "value": repr(value)}
    )


def parse_batch_timestamp(value: str) -> datetime:
    """Read a batch CSV timestamp (``Mon Mar 15 23:03:02 PDT 2021``) as an aware UTC datetime.

    The zone abbreviation must be one of :data:`BATCH_TIMEZONES`. Other complete forms that
    python-dateutil reads with that table (for example ISO 8601 with an offset, as a spreadsheet
    may rewrite the column) are accepted too, but only with an explicit zone.

    >>> parse_batch_timestamp("Mon Mar 15 23:03:02 PDT 2021").isoformat()
    '2021-03-16T06:03:02+00:00'
    """
    cached = _STAMP_CACHE.get(value)
    if cached is not None:
        return cached
    match = _STAMP.fullmatch(value)
    result = _parse_standard(value, match) if match else _parse_other(value)
    if len(_STAMP_CACHE) > 4096:  # files repeat CreationTime/Expiration on every row
        _STAMP_CACHE.clear()
    _STAMP_CACHE[value] = result
    return result


def _parse_standard(value: str, match: re.Match[str]) -> datetime:
    weekday, month, day, hour, minute, second, zone, year = match.groups()
    zone_info = BATCH_TIMEZONES.get(zone)
    if zone_info is None:
        raise _time_error(
            value,
            f"Unknown time zone abbreviation {zone!r}; batch timestamps use one of "
            + ", ".join(BATCH_TIMEZONES),
        )
    if month not in _MONTH_NUMBER:
        raise _time_error(value, f"Unknown month {month!r}")
    try:
        local = datetime(
            int(year), _MONTH_NUMBER[month], int(day), int(hour), int(minute), int(second),
            tzinfo=zone_info,
        )  # fmt: skip
    except ValueError as exc:
        raise _time_error(value, f"Not a valid date or time ({exc})") from exc
    if _DAYS[local.weekday()] != weekday:
        raise _time_error(value, f"{local:%Y-%m-%d} is a {_DAYS[local.weekday()]}, not a {weekday}")
    return _to_utc(local, value)


def _to_utc(local: datetime, value: str) -> datetime:
    try:
        return local.astimezone(_UTC)
    except OverflowError as exc:  # late on 9999-12-31 west of UTC, early on 0001-01-01 east
        raise _time_error(
            value, "The time falls outside the years 1 to 9999 once converted to UTC"
        ) from exc


def _parse_other(value: str) -> datetime:
    from dateutil import parser as date_parser  # the uncommon forms only: spared at start-up

    text = value.strip()
    if not re.search(r"\d{4}", text) or not re.search(r"\d{1,2}:\d{2}", text):
        raise _time_error(
            value,
            "A batch timestamp should look like 'Mon Mar 15 23:03:02 PDT 2021' (a full date, "
            "a time and a zone)",
        )
    for word in _ZONE_WORD.findall(text):
        if word.upper() not in _DATE_WORDS and word not in BATCH_TIMEZONES:
            raise _time_error(
                value,
                f"Unknown time zone abbreviation {word!r}; batch timestamps use one of "
                + ", ".join(BATCH_TIMEZONES),
            )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", date_parser.UnknownTimezoneWarning)
            parsed = date_parser.parse(text, tzinfos=dict(BATCH_TIMEZONES))
    except (ValueError, OverflowError, date_parser.UnknownTimezoneWarning) as exc:
        raise _time_error(value, f"Not a timestamp ({exc})") from exc
    except ArithmeticError as exc:  # decimal.InvalidOperation: dateutil on 40-digit seconds
        raise _time_error(value, "Not a timestamp (a number in it is too large)") from exc
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise _time_error(value, "A batch timestamp needs a time zone; this one has none")
    return _to_utc(parsed, value)


@lru_cache(maxsize=32)
def _named_zone(name: str) -> tzinfo:
    """An IANA zone: the standard library's (fast) when it has the data, else dateutil's."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        found = tz.gettz(name)
        if found is None:
            raise InputError(
                f"Unknown time zone {shown(name)}", code="batch_zone_unknown"
            ) from None
        return found


def format_batch_timestamp(value: datetime, zone: str | tzinfo = "America/Los_Angeles") -> str:
    """Write a timestamp the way the website does, in ``zone`` (US Pacific by default).

    The zone's abbreviation at that instant must be in :data:`BATCH_TIMEZONES`, so that
    :func:`parse_batch_timestamp` reads it back to the same instant. A naive ``value`` is taken
    as UTC.

    The format has whole seconds only: sub-seconds (boto3 gives milliseconds) are truncated, so
    a time with a fraction reads back up to one second earlier. Truncating rather than refusing
    is deliberate: the format cannot carry a fraction, and refusing would make every boto3 time
    unwritable. Compare times read back with ``value.replace(microsecond=0)``.

    >>> from datetime import datetime, timezone
    >>> format_batch_timestamp(datetime(2021, 3, 16, 6, 3, 2, 999000, tzinfo=timezone.utc))
    'Mon Mar 15 23:03:02 PDT 2021'
    """
    zone_info = _named_zone(zone) if isinstance(zone, str) else zone
    try:
        local = (value if value.tzinfo else value.replace(tzinfo=_UTC)).astimezone(zone_info)
    except OverflowError:
        raise InputError(
            f"{value.isoformat()} falls outside the years 1 to 9999 in the zone {zone!r}",
            code="batch_time_range",
        ) from None
    name = local.tzname()
    known = BATCH_TIMEZONES.get(name or "")
    if known is None or known.utcoffset(None) != local.utcoffset():
        # Before standard time (1883 in the US) a zone gives its local mean time ('LMT').
        raise InputError(
            f"The zone {zone!r} gives the abbreviation {name!r} at {value.isoformat()}, which "
            "batch timestamps cannot carry; use a US zone or UTC (for instants before 1883, "
            "when US zones had no standard time, UTC)",
            code="batch_zone_abbreviation",
        )
    return (
        f"{_DAYS[local.weekday()]} {_MONTHS[local.month - 1]} {local.day:02d} "
        f"{local:%H:%M:%S} {name} {local.year:04d}"
    )
