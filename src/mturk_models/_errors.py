"""A pydantic ``ValidationError`` summed up for the library's own errors (private).

Readers (legacy XML, batch CSV, question documents) build typed models from what they parsed
and, when a model refuses, raise their own error naming where in the *input* the problem is.
They share this one summary: the first error's location and a sentence naming the value and
how many more errors there were.
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import ValidationError
from pydantic_core import ErrorDetails

_SHOWN = 80  # characters of a refused value quoted in a message


class Summary(NamedTuple):
    """The first error of a ``ValidationError``, its location and a sentence describing it."""

    error: ErrorDetails
    loc: tuple[str, ...]
    message: str


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
        shown = repr(first["input"])
        message += f"; got {shown if len(shown) <= _SHOWN else shown[: _SHOWN - 3] + '...'}"
    more = exc.error_count() - 1
    if more:
        message += f" (and {more} more error{'s' if more > 1 else ''})"
    return Summary(first, tuple(str(part) for part in first["loc"]), message)
