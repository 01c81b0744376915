"""The Locale structure: a country and, optionally, one of its ISO 3166-2 subdivisions."""

from __future__ import annotations

from functools import cache

import pycountry
from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ._base import ResponseModel

__all__ = ["Locale"]


@cache
def _countries() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _subdivisions(country: str) -> frozenset[str]:
    found = pycountry.subdivisions.get(country_code=country) or ()  # type: ignore[no-untyped-call]
    return frozenset(sub.code.partition("-")[2] for sub in found)


class Locale(ResponseModel):
    """A geographical region: an ISO 3166-1 alpha-2 country, optionally an ISO 3166-2 subdivision.

    Country and subdivision codes are checked against pycountry's copy of the ISO 3166 tables.
    MTurk's CountryParameters are exactly two characters, so three-character subdivision codes
    (``GB-LND``) cannot be expressed and are refused by the length rule.

    >>> Locale(country="US", subdivision="WA").to_boto3()
    {'Country': 'US', 'Subdivision': 'WA'}
    """

    country: str = Field(
        min_length=2,
        max_length=2,
        description="The country of the locale. Must be a valid ISO 3166 country code. For "
        "example, the code US refers to the United States of America.",
    )
    subdivision: str | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="The state or subdivision of the locale. A valid ISO 3166-2 subdivision code. "
        "For example, the code WA refers to the state of Washington.",
    )

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        if value not in _countries():
            raise PydanticCustomError(
                "locale_country",
                "Country should be an upper-case ISO 3166-1 alpha-2 code such as 'US'; got {value}",
                {"value": repr(value)},
            )
        return value

    @model_validator(mode="after")
    def _known_subdivision(self) -> Locale:
        sub = self.subdivision
        if sub is None:
            return self
        known = _subdivisions(self.country)
        if sub in known:
            return self
        two_letter = sorted(code for code in known if len(code) == 2)
        if two_letter:
            hint = f"such as {two_letter[0]!r}"
        else:
            hint = "but it has no two-character ISO 3166-2 codes: leave Subdivision out"
        raise PydanticCustomError(
            "locale_subdivision",
            "Subdivision should be an ISO 3166-2 subdivision of {country} {hint}; got {value}",
            {"value": repr(sub), "country": self.country, "hint": hint},
        )
