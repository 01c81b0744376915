"""Locale: ISO 3166-1 country, optional ISO 3166-2 subdivision of that country."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from tests.conftest import expect_error

from mturk_models import Locale
from mturk_models.testing import locales


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"Country": "US"}, ("US", None)),
        ({"Country": "US", "Subdivision": "WA"}, ("US", "WA")),
        ({"Country": "CA", "Subdivision": "QC"}, ("CA", "QC")),
        ({"Country": "DE", "Subdivision": "BY"}, ("DE", "BY")),
        ({"country": "GB"}, ("GB", None)),
    ],
)
def test_valid_locales(data: dict[str, Any], expected: tuple[str, str | None]) -> None:
    locale = Locale.model_validate(data)
    assert (locale.country, locale.subdivision) == expected
    assert Locale.model_validate(locale.to_boto3()) == locale


@pytest.mark.parametrize("country", ["us", "ZZ", "XX", "Us"])
def test_unknown_or_lower_case_country(country: str) -> None:
    error = expect_error(
        Locale, {"Country": country}, "locale_country", "ISO 3166-1 alpha-2", loc=("Country",)
    )
    assert repr(country) in error["msg"]


@pytest.mark.parametrize(
    ("country", "code"), [("usa", "string_too_long"), ("U", "string_too_short")]
)
def test_country_length(country: str, code: str) -> None:
    expect_error(Locale, {"Country": country}, code, "", loc=("Country",))


def test_country_required() -> None:
    expect_error(Locale, {"Subdivision": "WA"}, "missing", "required", loc=("Country",))


@pytest.mark.parametrize(
    ("country", "subdivision"), [("US", "ZZ"), ("US", "wa"), ("CA", "WA"), ("US", "QC")]
)
def test_subdivision_of_another_country(country: str, subdivision: str) -> None:
    error = expect_error(
        Locale,
        {"Country": country, "Subdivision": subdivision},
        "locale_subdivision",
        f"ISO 3166-2 subdivision of {country}",
    )
    assert repr(subdivision) in error["msg"]


def test_subdivision_of_a_country_without_subdivisions() -> None:
    expect_error(
        Locale, {"Country": "AQ", "Subdivision": "AA"}, "locale_subdivision", "no two-character"
    )


def test_subdivision_hint_is_a_code_that_fits() -> None:
    # Great Britain's ISO 3166-2 codes are three characters: none can be sent to MTurk.
    expect_error(
        Locale,
        {"Country": "GB", "Subdivision": "EN"},
        "locale_subdivision",
        "leave Subdivision out",
    )
    expect_error(
        Locale, {"Country": "US", "Subdivision": "ZZ"}, "locale_subdivision", "such as 'AK'"
    )


def test_three_character_subdivision_is_refused_by_length() -> None:
    # GB-LND exists in ISO 3166-2 but MTurk's CountryParameters are exactly two characters.
    expect_error(
        Locale, {"Country": "GB", "Subdivision": "LND"}, "string_too_long", "", ("Subdivision",)
    )


def test_unknown_keys_are_kept() -> None:
    locale = Locale.model_validate({"Country": "US", "City": "Seattle"})
    assert locale.model_extra == {"City": "Seattle"}
    assert locale.to_boto3() == {"Country": "US", "City": "Seattle"}


def test_frozen_and_hashable() -> None:
    locale = Locale(country="US")
    assert hash(locale) == hash(Locale(country="US"))
    with pytest.raises(ValueError, match="frozen"):
        locale.country = "CA"  # type: ignore[misc]


@given(locales())
def test_generated_locales_round_trip(locale: Locale) -> None:
    assert Locale.model_validate(locale.model_dump(by_alias=True, exclude_none=True)) == locale


def test_unknown_keys_are_refused_inside_a_request() -> None:
    """Kept when MTurk sends them, a typo when a request carries them: the same Locale class."""
    from pydantic import ValidationError

    from mturk_models import WORKER_LOCALE, CreateHITTypeRequest

    locale = Locale.model_validate({"Country": "US", "Subdivison": "WA"})
    requirement = {
        "QualificationTypeId": WORKER_LOCALE,
        "Comparator": "EqualTo",
        "LocaleValues": (x for x in [locale]),
    }
    request = {
        "Title": "t",
        "Description": "d",
        "Reward": "0.10",
        "AssignmentDurationInSeconds": 60,
        "QualificationRequirements": [requirement],
    }
    with pytest.raises(ValidationError) as info:
        CreateHITTypeRequest.model_validate(request)
    (error,) = info.value.errors()
    assert error["type"] == "extra_forbidden"
    assert error["loc"] == ("QualificationRequirements", 0, "LocaleValues", 0, "Subdivison")
    assert error["msg"].endswith("did you mean 'Subdivision'?")
