"""QualificationRequirement rules, the system qualification types and the builders."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.conftest import expect_error

from mturk_models import (
    ADULT,
    MASTERS_PRODUCTION,
    MASTERS_SANDBOX,
    NUMBER_HITS_APPROVED,
    PERCENT_ASSIGNMENTS_APPROVED,
    WORKER_LOCALE,
    ActionsGuarded,
    Comparator,
    CreateHITTypeRequest,
    Environment,
    InputError,
    Locale,
    QualificationRequirement,
    RequestWarning,
    adult_content,
    approval_rate_at_least,
    hits_approved_at_least,
    locale_in,
    locale_not_in,
    masters,
)
from mturk_models.testing import qualification_requirements

QR = QualificationRequirement
OTHER = "3ZZ1QXYVU3S1TB1HSJ4WQ7M6A8PEXG"  # a custom qualification type
US = {"Country": "US"}
RELATIONAL = ["LessThan", "LessThanOrEqualTo", "GreaterThan", "GreaterThanOrEqualTo"]
EQUALITY = ["EqualTo", "NotEqualTo"]
SETS = ["In", "NotIn"]
PRESENCE = ["Exists", "DoesNotExist"]


def req(comparator: str, type_id: str = OTHER, **values: Any) -> dict[str, Any]:
    return {"QualificationTypeId": type_id, "Comparator": comparator, **values}


def locales(count: int) -> list[dict[str, str]]:
    codes = ["US", "CA", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "AT", "CH", "SE", "NO", "DK"]
    codes += ["FI", "IE", "PT", "PL", "CZ", "HU", "GR", "RO", "BG", "HR", "SI", "SK", "LT"]
    codes += ["LV", "EE", "LU", "MT", "CY", "IS", "AU", "NZ", "JP", "IN", "BR", "MX", "AR"]
    return [{"Country": code} for code in codes[:count]]


def test_constants_are_the_documented_ids() -> None:
    assert MASTERS_PRODUCTION == "2F1QJWKUDD8XADTFD2Q0G6UTO95ALH"
    assert MASTERS_SANDBOX == "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6"
    assert NUMBER_HITS_APPROVED == "00000000000000000040"
    assert WORKER_LOCALE == "00000000000000000071"
    assert ADULT == "00000000000000000060"
    assert PERCENT_ASSIGNMENTS_APPROVED == "000000000000000000L0"


# --- valid requirements -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        *(req(c, IntegerValues=[90]) for c in RELATIONAL),
        *(req(c, IntegerValues=[1]) for c in EQUALITY),
        *(req(c, WORKER_LOCALE, LocaleValues=[US]) for c in EQUALITY),
        *(req(c, IntegerValues=list(range(15))) for c in SETS),
        *(req(c, IntegerValues=[7]) for c in SETS),
        *(req(c, WORKER_LOCALE, LocaleValues=locales(30)) for c in SETS),
        *(
            req(c, WORKER_LOCALE, LocaleValues=[{"Country": "US", "Subdivision": "WA"}])
            for c in SETS
        ),
        *(req(c) for c in PRESENCE),
        *(req(c, IntegerValues=[], LocaleValues=[]) for c in PRESENCE),
        *(req(c, WORKER_LOCALE) for c in PRESENCE),
        req("Exists", MASTERS_PRODUCTION, ActionsGuarded="DiscoverPreviewAndAccept"),
        req("EqualTo", ADULT, IntegerValues=[1], RequiredToPreview=True),
        req("In", WORKER_LOCALE, LocaleValues=locales(2), IntegerValues=[]),
    ],
)
def test_valid(data: dict[str, Any]) -> None:
    model = QR.model_validate(data)
    assert QR.model_validate(model.to_boto3()) == model


def test_builds_by_name_and_dumps_boto3_shape() -> None:
    model = QR(
        qualification_type_id=WORKER_LOCALE,
        comparator=Comparator.IN,
        locale_values=(Locale(country="US", subdivision="WA"), Locale(country="CA")),
        actions_guarded=ActionsGuarded.ACCEPT,
    )
    assert model.to_boto3() == {
        "QualificationTypeId": WORKER_LOCALE,
        "Comparator": "In",
        "LocaleValues": [{"Country": "US", "Subdivision": "WA"}, {"Country": "CA"}],
        "ActionsGuarded": "Accept",
    }


# --- each rule broken -------------------------------------------------------------------------


@pytest.mark.parametrize("comparator", RELATIONAL)
@pytest.mark.parametrize("ints", [[], [1, 2]])
def test_relational_takes_exactly_one_integer(comparator: str, ints: list[int]) -> None:
    data = req(comparator, IntegerValues=ints)
    error = expect_error(
        QR, data, "relational_integer_count", f"{comparator} takes exactly 1 IntegerValue"
    )
    assert error["ctx"] == {"comparator": comparator, "ints": len(ints)}


@pytest.mark.parametrize("comparator", RELATIONAL)
def test_relational_refuses_locale_values(comparator: str) -> None:
    data = req(comparator, WORKER_LOCALE, LocaleValues=[US])
    expect_error(QR, data, "comparator_locale_values", f"{comparator} compares integers.*got 1")


@pytest.mark.parametrize("comparator", EQUALITY)
@pytest.mark.parametrize(
    ("type_id", "values", "got"),
    [
        (OTHER, {}, "got 0 IntegerValues and 0 LocaleValues"),
        (OTHER, {"IntegerValues": [1, 2]}, "got 2 IntegerValues"),
        (
            WORKER_LOCALE,
            {"LocaleValues": [US, {"Country": "CA"}]},
            "got 0 IntegerValues and 2 LocaleValues",
        ),
    ],
)
def test_equality_takes_one_value(
    comparator: str, type_id: str, values: dict[str, Any], got: str
) -> None:
    expect_error(
        QR,
        req(comparator, type_id, **values),
        "equality_value_count",
        f"{comparator} takes exactly 1 IntegerValue or 1 LocaleValue; {got}",
    )


@pytest.mark.parametrize("comparator", SETS)
@pytest.mark.parametrize("count", [16, 40])
def test_set_integer_count(comparator: str, count: int) -> None:
    expect_error(
        QR,
        req(comparator, IntegerValues=list(range(count))),
        "in_integer_count",
        f"{comparator} takes 1 to 15 IntegerValues; got {count}",
    )


@pytest.mark.parametrize("comparator", SETS)
@pytest.mark.parametrize(
    ("type_id", "values"), [(OTHER, {}), (WORKER_LOCALE, {"LocaleValues": []})]
)
def test_set_takes_at_least_one_value(
    comparator: str, type_id: str, values: dict[str, Any]
) -> None:
    error = expect_error(
        QR,
        req(comparator, type_id, **values),
        "in_value_count",
        f"{comparator} takes 1 to 15 IntegerValues or 1 to 30 LocaleValues; got none",
    )
    assert error["ctx"] == {"comparator": comparator, "limit": 15, "locale_limit": 30}


@pytest.mark.parametrize("comparator", SETS)
def test_set_locale_count(comparator: str) -> None:
    expect_error(
        QR,
        req(comparator, WORKER_LOCALE, LocaleValues=locales(31)),
        "in_locale_count",
        f"{comparator} takes 1 to 30 LocaleValues; got 31",
    )


@pytest.mark.parametrize("comparator", PRESENCE)
@pytest.mark.parametrize(
    ("type_id", "values"),
    [(OTHER, {"IntegerValues": [1]}), (WORKER_LOCALE, {"LocaleValues": [US]})],
)
def test_presence_takes_no_values(comparator: str, type_id: str, values: dict[str, Any]) -> None:
    expect_error(
        QR, req(comparator, type_id, **values), "comparator_no_values", f"{comparator} takes no"
    )


def test_mixed_values() -> None:
    data = req("In", WORKER_LOCALE, IntegerValues=[1], LocaleValues=[US])
    expect_error(QR, data, "comparator_mixed_values", "cannot be used together; got 1 Integer")


@pytest.mark.parametrize("type_id", [OTHER, ADULT, MASTERS_PRODUCTION])
def test_locale_values_only_with_worker_locale(type_id: str) -> None:
    error = expect_error(
        QR,
        req("EqualTo", type_id, LocaleValues=[US]),
        "locale_values_type",
        f"only be used with the Worker_Locale qualification type {WORKER_LOCALE}; got Qual",
    )
    assert error["ctx"] == {"type_id": type_id}


@pytest.mark.parametrize("comparator", ["EqualTo", "In", "GreaterThan"])
def test_integer_values_never_with_worker_locale(comparator: str) -> None:
    expect_error(
        QR,
        req(comparator, WORKER_LOCALE, IntegerValues=[1]),
        "integer_values_worker_locale",
        "IntegerValues cannot be used with the Worker_Locale",
    )


@pytest.mark.parametrize("preview", [True, False])
@pytest.mark.parametrize("actions", ["Accept", "PreviewAndAccept", "DiscoverPreviewAndAccept"])
def test_required_to_preview_with_actions_guarded_is_read_as_given(
    preview: bool, actions: str
) -> None:
    # "should not be used in combination": a weak rule that MTurk's own GetHIT breaks (it
    # returns RequiredToPreview false beside ActionsGuarded), so a stored requirement is kept.
    data = req("Exists", ActionsGuarded=actions, RequiredToPreview=preview)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        requirement = QR.model_validate(data)
    assert requirement.required_to_preview is preview
    assert requirement.actions_guarded is not None
    assert requirement.actions_guarded.value == actions


@pytest.mark.parametrize("preview", [True, False])
def test_a_request_with_required_to_preview_true_and_actions_guarded_is_warned(
    preview: bool,
) -> None:
    requirement = req("Exists", ActionsGuarded="Accept", RequiredToPreview=preview)
    request = {
        "AssignmentDurationInSeconds": 60,
        "Reward": "0.10",
        "Title": "t",
        "Description": "d",
        "QualificationRequirements": [req("Exists"), requirement],
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        CreateHITTypeRequest.model_validate(request)
    messages = [str(w.message) for w in caught if issubclass(w.category, RequestWarning)]
    if preview:
        (message,) = messages
        assert message.startswith("QualificationRequirements.1: RequiredToPreview")
        assert "(Accept)" in message
    else:  # false is the default MTurk itself returns: nothing to warn about
        assert messages == []


def test_unknown_comparator_lists_the_allowed_values() -> None:
    error = expect_error(
        QR, req("Between"), "enum", "'LessThan', 'LessThanOrEqualTo'.*'In' or 'NotIn'"
    )
    assert error["loc"] == ("Comparator",)


def test_unknown_actions_guarded_lists_the_allowed_values() -> None:
    expect_error(
        QR,
        req("Exists", ActionsGuarded="Preview"),
        "enum",
        "'Accept', 'PreviewAndAccept' or 'DiscoverPreviewAndAccept'",
        loc=("ActionsGuarded",),
    )


@pytest.mark.parametrize("missing", ["QualificationTypeId", "Comparator"])
def test_required_members(missing: str) -> None:
    data = req("Exists")
    del data[missing]
    expect_error(QR, data, "missing", "Field required", loc=(missing,))


def test_type_id_is_an_entity_id() -> None:
    expect_error(
        QR, req("Exists", "worker_locale"), "string_pattern_mismatch", "", ("QualificationTypeId",)
    )


def test_bad_locale_inside_is_located() -> None:
    expect_error(
        QR,
        req("In", WORKER_LOCALE, LocaleValues=[US, {"Country": "us"}]),
        "locale_country",
        "ISO 3166-1",
        loc=("LocaleValues", 1, "Country"),
    )


def test_unknown_keys_are_kept() -> None:
    model = QR.model_validate(req("Exists", Weight=3))
    assert model.model_extra == {"Weight": 3}


# --- builders ---------------------------------------------------------------------------------


def test_approval_rate_at_least() -> None:
    model = approval_rate_at_least(95)
    assert model.to_boto3() == {
        "QualificationTypeId": PERCENT_ASSIGNMENTS_APPROVED,
        "Comparator": "GreaterThanOrEqualTo",
        "IntegerValues": [95],
        "ActionsGuarded": "Accept",
    }
    assert approval_rate_at_least(0, actions_guarded=None).actions_guarded is None
    assert approval_rate_at_least(100).integer_values == (100,)


@pytest.mark.parametrize("percent", [-1, 101])
def test_approval_rate_range(percent: int) -> None:
    with pytest.raises(ValueError, match=f"percent must be 0 to 100; got {percent}"):
        approval_rate_at_least(percent)


def test_hits_approved_at_least() -> None:
    model = hits_approved_at_least(1000, actions_guarded=ActionsGuarded.DISCOVER_PREVIEW_AND_ACCEPT)
    assert model.qualification_type_id == NUMBER_HITS_APPROVED
    assert model.comparator is Comparator.GREATER_THAN_OR_EQUAL_TO
    assert model.integer_values == (1000,)
    assert model.actions_guarded is ActionsGuarded.DISCOVER_PREVIEW_AND_ACCEPT
    with pytest.raises(ValueError, match="count must not be negative; got -1"):
        hits_approved_at_least(-1)


def test_hits_approved_at_least_zero_is_the_boundary() -> None:
    """0 approved HITs is a valid threshold (every Worker); -1 is the first refused."""
    assert hits_approved_at_least(0).integer_values == (0,)
    with pytest.raises(ValueError, match="-1"):
        hits_approved_at_least(-1)


@pytest.mark.parametrize(
    ("builder", "one", "many"),
    [
        (locale_in, Comparator.EQUAL_TO, Comparator.IN),
        (locale_not_in, Comparator.NOT_EQUAL_TO, Comparator.NOT_IN),
    ],
)
def test_locale_builders(builder: Any, one: Comparator, many: Comparator) -> None:
    single = builder("US")
    assert single.comparator is one
    assert single.qualification_type_id == WORKER_LOCALE
    assert single.locale_values == (Locale(country="US"),)
    several = builder("US-WA", ("CA", "QC"), Locale(country="GB"), "DE")
    assert several.comparator is many
    assert [loc.to_boto3() for loc in several.locale_values] == [
        {"Country": "US", "Subdivision": "WA"},
        {"Country": "CA", "Subdivision": "QC"},
        {"Country": "GB"},
        {"Country": "DE"},
    ]
    assert builder(*(d["Country"] for d in locales(30))).comparator is many
    with pytest.raises(ValidationError, match="takes 1 to 30 LocaleValues; got 31") as info:
        builder(*(d["Country"] for d in locales(31)))
    assert info.value.errors()[0]["type"] == "in_locale_count"
    with pytest.raises(ValidationError) as info:
        builder("US-ZZ")
    assert info.value.errors()[0]["type"] == "locale_subdivision"
    with pytest.raises(ValidationError) as info:
        builder()
    assert info.value.errors()[0]["type"] == "in_value_count"


@pytest.mark.parametrize(
    ("environment", "type_id"),
    [
        (Environment.PRODUCTION, MASTERS_PRODUCTION),
        ("production", MASTERS_PRODUCTION),
        (Environment.SANDBOX, MASTERS_SANDBOX),
        ("sandbox", MASTERS_SANDBOX),
    ],
)
def test_masters(environment: Any, type_id: str) -> None:
    model = masters(environment)
    assert model.to_boto3() == {
        "QualificationTypeId": type_id,
        "Comparator": "Exists",
        "ActionsGuarded": "Accept",
    }


def test_masters_default_is_production_and_bad_environment_fails() -> None:
    assert masters().qualification_type_id == MASTERS_PRODUCTION
    with pytest.raises(ValueError, match=r"should be 'production' or 'sandbox'.*got 'live'"):
        masters("live")


def test_adult_content() -> None:
    assert adult_content().to_boto3() == {
        "QualificationTypeId": ADULT,
        "Comparator": "EqualTo",
        "IntegerValues": [1],
        "ActionsGuarded": "PreviewAndAccept",
    }


# --- properties -------------------------------------------------------------------------------


@given(qualification_requirements())
def test_generated_requirements_are_valid_and_round_trip(requirement: QR) -> None:
    dumped = requirement.model_dump(by_alias=True, exclude_none=True)
    assert QR.model_validate(dumped) == requirement


@given(qualification_requirements(comparators=["In", "NotIn"]))
def test_comparators_argument_restricts(requirement: QR) -> None:
    assert requirement.comparator in {Comparator.IN, Comparator.NOT_IN}


@st.composite
def mutated_requirements(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A valid requirement's boto3 dict with exactly one rule broken, and the expected code."""
    valid = draw(qualification_requirements())
    data = valid.model_dump(by_alias=True, exclude_none=True)
    comparator = valid.comparator.value
    ints = data.get("IntegerValues")
    locs = data.get("LocaleValues")
    options: list[tuple[str, str]] = [("comparator", "enum")]
    options.append(("type_id", "string_pattern_mismatch"))
    if comparator in PRESENCE:
        if valid.qualification_type_id == WORKER_LOCALE:
            options.append(("add_locale", "comparator_no_values"))
        else:
            options.append(("add_int", "comparator_no_values"))
    else:
        options.append(("count", ""))  # the code depends on the comparator; set below
        if ints:
            options.append(("to_locale_type", "integer_values_worker_locale"))
        if locs:
            options.append(("to_other_type", "locale_values_type"))
            options.append(("add_int", "comparator_mixed_values"))
    mutation, code = draw(st.sampled_from(options))
    if mutation == "comparator":
        data["Comparator"] = draw(st.sampled_from(["lessthan", "Equal", "", "IN", "Within"]))
    elif mutation == "type_id":
        data["QualificationTypeId"] = data["QualificationTypeId"].lower() + "-x"
    elif mutation == "add_locale":
        data["LocaleValues"] = [US]
    elif mutation == "add_int":
        data["IntegerValues"] = [1]
    elif mutation == "to_locale_type":
        data["QualificationTypeId"] = WORKER_LOCALE
    elif mutation == "to_other_type":
        data["QualificationTypeId"] = OTHER
    else:  # count: one value too many (or none, for In/NotIn)
        key = "IntegerValues" if ints else "LocaleValues"
        if comparator in SETS and draw(st.booleans()):
            data[key] = []
            code = "in_value_count"
        elif comparator in SETS:
            data[key] = list(range(16)) if ints else locales(31)
            code = "in_integer_count" if ints else "in_locale_count"
        elif comparator in RELATIONAL:  # relational requirements hold integers only
            data[key] = [1, 2]
            code = "relational_integer_count"
        else:
            data[key] = [1, 2] if ints else locales(2)
            code = "equality_value_count"
    return data, code


@given(mutated_requirements())
def test_each_single_mutation_fails_with_its_code(case: tuple[dict[str, Any], str]) -> None:
    data, code = case
    with pytest.raises(ValidationError) as info:
        QR.model_validate(data)
    assert [error["type"] for error in info.value.errors()] == [code]


# --- review 1: fixes -----------------------------------------------------------------------------


def test_locale_builders_take_a_country_tuple() -> None:
    assert locale_in(("US",)).locale_values == (Locale(country="US"),)
    assert locale_not_in(("US",), ("CA", "QC")).comparator is Comparator.NOT_IN
    with pytest.raises(ValueError, match=r"locale_in: locale 0 should be \(country,\).*3 items"):
        locale_in(("US", "WA", "x"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"locale_not_in: locale 1 .*0 items"):
        locale_not_in("US", ())  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"locale 0 should be a str .*got int 840"):
        locale_in(840)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "code"),
    [((True,), "int32_bool"), ((2**31,), "int32_range"), ((1, -(2**31) - 1), "int32_range")],
)
def test_integer_values_are_32_bit_and_not_bools(values: tuple[Any, ...], code: str) -> None:
    with pytest.raises(ValidationError) as info:
        QualificationRequirement(
            qualification_type_id=PERCENT_ASSIGNMENTS_APPROVED,
            comparator=Comparator.IN,
            integer_values=values,
        )
    assert [e["type"] for e in info.value.errors()] == [code]
    assert "32-bit" in str(info.value)


def test_integer_values_read_text_and_the_32_bit_edges() -> None:
    req = QualificationRequirement.model_validate(
        {
            "QualificationTypeId": PERCENT_ASSIGNMENTS_APPROVED,
            "Comparator": "In",
            "IntegerValues": ["95", -(2**31), 2**31 - 1],  # archived XML carries text
        }
    )
    assert req.integer_values == (95, -(2**31), 2**31 - 1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Production", MASTERS_PRODUCTION),
        ("SANDBOX", MASTERS_SANDBOX),
        ("sandbox", MASTERS_SANDBOX),
    ],
)
def test_masters_environment_in_any_case(name: str, expected: str) -> None:
    assert masters(name).qualification_type_id == expected
    assert Environment(name).value == name.lower()


def test_masters_comparator_rule_lives_with_the_qualification_rules() -> None:
    from mturk_models.api import qualifications as qualification

    assert {Comparator.EXISTS, Comparator.DOES_NOT_EXIST} == qualification.PRESENCE_COMPARATORS
    assert set(qualification.MASTERS_ENVIRONMENTS) == {MASTERS_PRODUCTION, MASTERS_SANDBOX}
    error = qualification.masters_comparator_error(MASTERS_SANDBOX, Comparator.EQUAL_TO)
    assert error is not None
    assert error.type == "masters_comparator"
    assert "must use Exists or DoesNotExist; got 'EqualTo'" in str(error)
    for type_id, comparator in [
        (MASTERS_PRODUCTION, "Exists"),
        (MASTERS_PRODUCTION, "DoesNotExist"),
        (MASTERS_PRODUCTION, "Bogus"),  # its own error says so
        (PERCENT_ASSIGNMENTS_APPROVED, "EqualTo"),
        (None, None),
    ]:
        assert qualification.masters_comparator_error(type_id, comparator) is None


# --- one table of value counts, for the check and the strategy ---------------------------------


def test_the_value_count_table_covers_every_comparator() -> None:
    from mturk_models.api.qualifications import COMPARATOR_VALUE_COUNTS, PRESENCE_COMPARATORS

    assert set(COMPARATOR_VALUE_COUNTS) == set(Comparator)
    assert COMPARATOR_VALUE_COUNTS[Comparator.IN].integers == (1, 15)
    assert COMPARATOR_VALUE_COUNTS[Comparator.NOT_IN].locales == (1, 30)
    assert COMPARATOR_VALUE_COUNTS[Comparator.LESS_THAN].locales == (0, 0)
    assert {Comparator.EXISTS, Comparator.DOES_NOT_EXIST} == PRESENCE_COMPARATORS


@pytest.mark.parametrize("comparator", list(Comparator))
def test_each_count_at_and_past_the_table_limits(comparator: Comparator) -> None:
    """The table's limits hold exactly: its most values pass, one more fails."""
    from mturk_models.api.qualifications import COMPARATOR_VALUE_COUNTS

    counts = COMPARATOR_VALUE_COUNTS[comparator]
    if counts.integers[1]:
        ok = req(comparator, IntegerValues=list(range(counts.integers[1])))
        QualificationRequirement.model_validate(ok)
        with pytest.raises(ValidationError):
            QualificationRequirement.model_validate(
                req(comparator, IntegerValues=list(range(counts.integers[1] + 1)))
            )
    if counts.locales[1]:
        many = [{"Country": "US"}] * counts.locales[1]
        QualificationRequirement.model_validate(req(comparator, WORKER_LOCALE, LocaleValues=many))
        with pytest.raises(ValidationError):
            QualificationRequirement.model_validate(
                req(comparator, WORKER_LOCALE, LocaleValues=[*many, {"Country": "CA"}])
            )


@given(st.data())
def test_the_strategy_draws_counts_from_the_table(data: st.DataObject) -> None:
    from mturk_models.api.qualifications import COMPARATOR_VALUE_COUNTS

    comparator = data.draw(st.sampled_from(list(Comparator)))
    requirement = data.draw(qualification_requirements(comparators=[comparator]))
    counts = COMPARATOR_VALUE_COUNTS[comparator]
    ints, locales = len(requirement.integer_values or ()), len(requirement.locale_values or ())
    assert not (ints and locales)
    assert ints == 0 or counts.integers[0] <= ints <= counts.integers[1]
    assert locales == 0 or counts.locales[0] <= locales <= counts.locales[1]


# --- the comparator rules, checked once per shape of requirement ------------------------------


@pytest.mark.parametrize(
    ("valid", "invalid", "code"),
    [
        (
            {"QualificationTypeId": "3A", "Comparator": "GreaterThan", "IntegerValues": [1]},
            {
                "QualificationTypeId": WORKER_LOCALE,
                "Comparator": "GreaterThan",
                "IntegerValues": [1],
            },
            "integer_values_worker_locale",
        ),
        (
            {"QualificationTypeId": "3A", "Comparator": "In", "IntegerValues": list(range(15))},
            {"QualificationTypeId": "3A", "Comparator": "In", "IntegerValues": list(range(16))},
            "in_integer_count",
        ),
        (
            {"QualificationTypeId": "3A", "Comparator": "EqualTo", "IntegerValues": [1]},
            {"QualificationTypeId": "3A", "Comparator": "LessThan", "IntegerValues": [1, 2]},
            "relational_integer_count",
        ),
    ],
)
def test_a_valid_shape_seen_before_does_not_let_an_invalid_one_through(
    valid: dict[str, Any], invalid: dict[str, Any], code: str
) -> None:
    for _ in range(2):  # the valid shape is remembered; the invalid one is refused every time
        QualificationRequirement.model_validate(valid)
        expect_error(QualificationRequirement, invalid, code, "")
