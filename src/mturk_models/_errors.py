"""Errors between pydantic and the library (private).

:func:`init_error` serves the request checks that read raw input: they report next to
pydantic's own errors, in one ``ValidationError``. :func:`warn_at_caller` issues the library's
warnings at the user's line.

Readers (legacy XML, batch CSV, question documents) build typed models from what they parsed
and, when a model refuses, raise their own error naming where in the *input* the problem is.
They share :func:`summarize`: the first error's location and a sentence naming the value and
how many more errors there were.
"""

from __future__ import annotations

import math
import os
import reprlib
import sys
import warnings
from typing import Any, Final, NamedTuple

import pydantic
from pydantic import ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

_SHOWN = 80  # characters of a refused value quoted in a message


class Summary(NamedTuple):
    """The first error of a ``ValidationError``, its location and a sentence describing it."""

    error: ErrorDetails
    loc: tuple[str, ...]
    message: str


_NESTED = reprlib.Repr()
_NESTED.maxlevel = 3  # a list nested a thousand deep is shown as [[[[...]]]], never recursed
_NESTED.maxstring = _NESTED.maxother = _SHOWN
_NESTED.maxlist = _NESTED.maxtuple = _NESTED.maxset = _NESTED.maxfrozenset = 8
_NESTED.maxdict = 6


def shown(value: object, width: int = _SHOWN) -> str:
    """``repr(value)`` for a message, cut to ``width`` characters with "...".

    Never raises: containers are shown three levels deep (a list nested a thousand deep does not
    reach the recursion limit), integers too long for ``str()`` by their size, and a value
    whose ``repr()`` fails by its type.

    >>> shown([[[[[1]]]]])
    '[[[[...]]]]'
    >>> shown("x" * 100, width=10)
    "'xxxxxx..."
    """
    try:
        if isinstance(value, int) and not isinstance(value, bool):
            text = int_shown(value)
        elif isinstance(value, (list, tuple, dict, set, frozenset)):
            text = _NESTED.repr(value)
        else:
            text = repr(value)
    except Exception:  # RecursionError, or a __repr__ that fails: say what it is instead
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= width else f"{text[: width - 3]}..."


def int_shown(value: int) -> str:
    """``value`` for a message; str() refuses ints of over 4,300 digits (and is slow before)."""
    if value.bit_length() <= 200:
        return str(value)
    digits = math.floor(value.bit_length() * math.log10(2)) + 1
    return f"{'-' if value < 0 else ''}an integer of about {digits:,} digits"


def summarize(exc: ValidationError) -> Summary:
    """The first error of ``exc``: its location and "message; got value (and N more errors)".

    >>> from pydantic import BaseModel
    >>> class M(BaseModel):
    ...     a: int
    ...     b: int
    >>> try:
    ...     M.model_validate({"a": "x", "b": "y"})
    ... except ValidationError as exc:
    ...     print(summarize(exc).loc, summarize(exc).message)
    ('a',) Input should be a valid integer, unable to parse string as an integer; got 'x' \
(and 1 more error)
    """
    first = exc.errors()[0]
    message = str(first["msg"])
    if "got " not in message and "input" in first:
        message += f"; got {shown(first['input'])}"
    more = exc.error_count() - 1
    if more:
        message += f" (and {more} more error{'s' if more > 1 else ''})"
    return Summary(first, tuple(str(part) for part in first["loc"]), message)


def init_error(code: str, message: str, loc: tuple[Any, ...], value: object) -> InitErrorDetails:
    """One error for ``ValidationError.from_exception_data``: its code, message, place, input."""
    return {"type": PydanticCustomError(code, message), "loc": loc, "input": value}


_SKIPPED_DIRS: Final = tuple(
    os.path.dirname(os.path.abspath(module.__file__ or "")) + os.sep
    for module in (sys.modules[__name__.partition(".")[0]], pydantic)
)
"""The directories of the library's top-level package and of pydantic: never the caller's.

The top-level package, not this module's parent: a warning raised under ``api/`` through a check
in ``documents/`` must still skip both."""


def warn_at_caller(message: str, category: type[Warning]) -> None:
    """Warn at the caller's line: the first frame outside mturk_models and pydantic.

    The warnings come from validators that pydantic calls, so a fixed ``stacklevel`` would point
    into the library (and module-specific warning filters would not match the caller).
    """
    frame = sys._getframe(1)
    level = 2
    while frame.f_back is not None and os.path.abspath(frame.f_code.co_filename).startswith(
        _SKIPPED_DIRS
    ):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)


def refuse_surrogates(text: str) -> str:
    """``text`` unchanged, or the error ``text_surrogate`` if it holds a lone surrogate.

    A lone surrogate (U+D800 to U+DFFF, which ``json.loads`` makes from ``"\\ud800"``) is no
    character: UTF-8 cannot encode it, XML 1.0 does not allow it, and pydantic can neither write
    it to JSON nor read it back. It is refused where it enters rather than failing later in
    ``model_dump_json()``. ASCII text (most of it) is checked in constant time.
    """
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise PydanticCustomError(
                "text_surrogate",
                "Text should hold only characters UTF-8 can encode; got the lone surrogate "
                "{character} at position {position} of {value}",
                {
                    "character": f"U+{ord(text[exc.start]):04X}",
                    "position": exc.start,
                    "value": shown(text),
                },
            ) from None
    return text
