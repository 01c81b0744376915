"""Qualifications: QualificationRequirement, Locale, the system qualification types, and builders.

The comparator rules are those of the API reference (QualificationRequirement data structure):

* LessThan, LessThanOrEqualTo, GreaterThan, GreaterThanOrEqualTo: exactly one IntegerValue.
* EqualTo, NotEqualTo: exactly one IntegerValue or exactly one LocaleValue.
* In, NotIn: 1 to 15 IntegerValues or 1 to 30 LocaleValues.
* Exists, DoesNotExist: no values.
* LocaleValues only with Worker_Locale; IntegerValues never with it.
* RequiredToPreview (deprecated) "should not be used in combination with the ActionsGuarded
  field": a weak rule that MTurk's own data breaks (GetHIT returns ``RequiredToPreview: false``
  beside ``ActionsGuarded``), so never an error; a request that gives ``RequiredToPreview: true``
  with ActionsGuarded (two instructions for the same thing) gets a
  :class:`~mturk_models.RequestWarning` (:func:`qualification_requirement_rules`).
* The Masters types only with Exists or DoesNotExist (:func:`masters_comparator_error`), and
  Worker_PercentAssignmentsApproved values 0 to 100 (:func:`approval_rate_errors`): both checked
  by the request models (:func:`qualification_requirement_rules`), since a stored requirement is
  what MTurk already accepted.

The value counts of each comparator are one table, :data:`COMPARATOR_VALUE_COUNTS`.

The requests of the qualification operations add (sources in ``docs/requests.md``):

* IDs: QualificationTypeId botocore's EntityId, WorkerId botocore's CustomerId.
* IntegerValue (AssociateQualificationWithWorker, AcceptQualificationRequest) and
  AutoGrantedValue: botocore's 32-bit Integer.
* CreateQualificationType: Description at most 2,000 characters, Keywords at most 1,000
  (API reference 2017-01-17); RetryDelayInSeconds a non-negative integer (its request syntax).
* Test (CreateQualificationType, UpdateQualificationType): a QuestionForm document ("Must be a
  QuestionForm data structure", read with :func:`~mturk_models.parse_question`, without the
  elements retired in 2017) of at most 65,535 bytes; it requires TestDurationInSeconds; it cannot
  come with AutoGranted true. AnswerKey: an AnswerKey document of at most 65,535 bytes, only with
  a Test. UpdateQualificationType also refuses a TestDurationInSeconds without a Test ("you must
  specify a Test parameter with the original questions"). These cross-field rules are
  :func:`qualification_test_rule`.
* Warnings (:class:`~mturk_models.RequestWarning`): an AutoGrantedValue without AutoGranted true
  ("used only if the AutoGranted parameter is true"), a CreateQualificationType
  TestDurationInSeconds without a Test.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from functools import cache, partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._base import Structure, refuse_in_fast_path
from .._errors import init_error, shown, warn_at_caller
from .._types import INT32_MAX, EntityId, Int32, Seconds, Seq, Text, UtcDatetime, WorkerId
from ..enums import (
    ActionsGuarded,
    Comparator,
    Environment,
    QualificationStatus,
    QualificationTypeStatus,
)
from ..exceptions import (
    InputError,
    MTurkModelsError,
    QualificationEnvironmentWarning,
    QuestionParseError,
    RequestWarning,
    ResponseDataWarning,
)
from ._page import Page, Response
from ._preflight import RawRequest, Request, Rule
from ._request_fields import Boolean, Integer, Long, PagedRequest

if TYPE_CHECKING:
    from ..documents.answers import QuestionFormAnswers
    from ..documents.questions import QuestionForm

__all__ = [
    "ADULT",
    "ANSWER_KEY_ERRORS",
    "COMPARATOR_VALUE_COUNTS",
    "MASTERS_ENVIRONMENTS",
    "MASTERS_PRODUCTION",
    "MASTERS_SANDBOX",
    "MAX_IN_INTEGER_VALUES",
    "MAX_IN_LOCALE_VALUES",
    "MAX_TEST_BYTES",
    "NUMBER_HITS_APPROVED",
    "PERCENT_ASSIGNMENTS_APPROVED",
    "PRESENCE_COMPARATORS",
    "SANDBOX_ONLY_QUALIFICATION_TYPES",
    "WORKER_LOCALE",
    "AcceptQualificationRequestRequest",
    "AcceptQualificationRequestResponse",
    "AssociateQualificationWithWorkerRequest",
    "AssociateQualificationWithWorkerResponse",
    "CreateQualificationTypeRequest",
    "CreateQualificationTypeResponse",
    "DeleteQualificationTypeRequest",
    "DeleteQualificationTypeResponse",
    "DisassociateQualificationFromWorkerRequest",
    "DisassociateQualificationFromWorkerResponse",
    "GetQualificationScoreRequest",
    "GetQualificationScoreResponse",
    "GetQualificationTypeRequest",
    "GetQualificationTypeResponse",
    "ListQualificationRequestsRequest",
    "ListQualificationRequestsResponse",
    "ListQualificationTypesRequest",
    "ListQualificationTypesResponse",
    "ListWorkersWithQualificationTypeRequest",
    "ListWorkersWithQualificationTypeResponse",
    "Locale",
    "Qualification",
    "QualificationRequest",
    "QualificationRequirement",
    "QualificationType",
    "RejectQualificationRequestRequest",
    "RejectQualificationRequestResponse",
    "UpdateQualificationTypeRequest",
    "UpdateQualificationTypeResponse",
    "ValueCounts",
    "adult_content",
    "approval_rate_at_least",
    "approval_rate_errors",
    "environment_warnings",
    "hits_approved_at_least",
    "locale_in",
    "locale_not_in",
    "masters",
    "masters_comparator_error",
    "qualification_requirement_rules",
    "qualification_test_rule",
]


# pycountry is imported when a Locale is first checked: its import alone costs several
# milliseconds that reading assignments (and the command line's ``answers``) never needs.


@cache
def _countries() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _subdivisions(country: str) -> frozenset[str]:
    import pycountry

    found = pycountry.subdivisions.get(country_code=country) or ()  # type: ignore[no-untyped-call]
    return frozenset(sub.code.partition("-")[2] for sub in found)


class Locale(Structure):
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


MASTERS_PRODUCTION: Final = "2F1QJWKUDD8XADTFD2Q0G6UTO95ALH"
"""Masters qualification type in production (use with Exists)."""
MASTERS_SANDBOX: Final = "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6"
"""Masters qualification type in the sandbox."""
NUMBER_HITS_APPROVED: Final = "00000000000000000040"
"""Worker_NumberHITsApproved: how many of the Worker's HITs were approved."""
WORKER_LOCALE: Final = "00000000000000000071"
"""Worker_Locale: the Worker's location; the only type that takes LocaleValues."""
ADULT: Final = "00000000000000000060"
"""Worker_Adult: 1 when the Worker agreed to see adult content."""
PERCENT_ASSIGNMENTS_APPROVED: Final = "000000000000000000L0"
"""Worker_PercentAssignmentsApproved: 0 to 100."""
SANDBOX_ONLY_QUALIFICATION_TYPES: Final = frozenset({MASTERS_SANDBOX})
"""System qualification types that exist only in the sandbox."""
MASTERS_ENVIRONMENTS: Final = {
    MASTERS_PRODUCTION: Environment.PRODUCTION,
    MASTERS_SANDBOX: Environment.SANDBOX,
}
"""The Masters qualification type of each environment, by type ID."""

MAX_IN_INTEGER_VALUES: Final = 15
MAX_IN_LOCALE_VALUES: Final = 30


class ValueCounts(NamedTuple):
    """How many IntegerValues and LocaleValues a comparator takes, each as ``(least, most)``;
    a requirement gives values of one kind only (or none, where both allow 0)."""

    integers: tuple[int, int]
    locales: tuple[int, int]


_RELATIONAL_COUNTS: Final = ValueCounts(integers=(1, 1), locales=(0, 0))
_EQUALITY_COUNTS: Final = ValueCounts(integers=(1, 1), locales=(1, 1))
_SET_COUNTS: Final = ValueCounts(
    integers=(1, MAX_IN_INTEGER_VALUES), locales=(1, MAX_IN_LOCALE_VALUES)
)
_PRESENCE_COUNTS: Final = ValueCounts(integers=(0, 0), locales=(0, 0))
COMPARATOR_VALUE_COUNTS: Final[Mapping[Comparator, ValueCounts]] = MappingProxyType(
    {
        Comparator.LESS_THAN: _RELATIONAL_COUNTS,
        Comparator.LESS_THAN_OR_EQUAL_TO: _RELATIONAL_COUNTS,
        Comparator.GREATER_THAN: _RELATIONAL_COUNTS,
        Comparator.GREATER_THAN_OR_EQUAL_TO: _RELATIONAL_COUNTS,
        Comparator.EQUAL_TO: _EQUALITY_COUNTS,
        Comparator.NOT_EQUAL_TO: _EQUALITY_COUNTS,
        Comparator.IN: _SET_COUNTS,
        Comparator.NOT_IN: _SET_COUNTS,
        Comparator.EXISTS: _PRESENCE_COUNTS,
        Comparator.DOES_NOT_EXIST: _PRESENCE_COUNTS,
    }
)
"""The values each comparator takes (API reference, QualificationRequirement data structure):
the one table that :class:`QualificationRequirement` checks and the test strategies draw from."""
PRESENCE_COMPARATORS: Final = frozenset(
    c for c, counts in COMPARATOR_VALUE_COUNTS.items() if counts == _PRESENCE_COUNTS
)
"""The comparators that test whether a Worker holds a qualification (they take no values); the
only ones the Masters qualification types accept."""


class QualificationRequirement(Structure):
    """A condition on a Worker's qualification for accepting (or seeing) a HIT.

    >>> from mturk_models import Comparator, QualificationRequirement
    >>> QualificationRequirement(
    ...     qualification_type_id="000000000000000000L0",
    ...     comparator=Comparator.GREATER_THAN_OR_EQUAL_TO,
    ...     integer_values=(95,),
    ... ).to_boto3()["IntegerValues"]
    [95]
    """

    qualification_type_id: EntityId = Field(
        description="The ID of the Qualification type for the requirement. (botocore types it "
        "as a plain string; every qualification type ID MTurk issues matches EntityId, so it is "
        "checked as one.)"
    )
    comparator: Comparator = Field(
        description="The kind of comparison to make against a Qualification's value."
    )
    integer_values: Seq[Int32] | None = Field(
        default=None,
        description="The integer values to compare against the Qualification's value (32-bit, "
        "botocore's Integer; a bool is refused). Not with Exists or DoesNotExist, and never with "
        "the Worker_Locale type.",
    )
    locale_values: Seq[Locale] | None = Field(
        default=None,
        description="The locale values to compare against; only with the Worker_Locale type and "
        "the EqualTo, NotEqualTo, In and NotIn comparators.",
    )
    required_to_preview: bool | None = Field(
        default=None,
        description="DEPRECATED: use ActionsGuarded. If true, Workers who do not meet the "
        "requirement cannot preview the HIT.",
    )
    actions_guarded: ActionsGuarded | None = Field(
        default=None,
        description="What Workers who do not meet the requirement may not do: Accept, "
        "PreviewAndAccept or DiscoverPreviewAndAccept.",
    )

    @model_validator(mode="after")
    def _comparator_rules(self) -> QualificationRequirement:
        fields = self.__dict__  # a HIT page checks hundreds: plain lookups, no attributes
        ints, locales = fields["integer_values"], fields["locale_values"]
        shape = (
            fields["comparator"]._value_,
            len(ints) if ints else 0,
            len(locales) if locales else 0,
            fields["qualification_type_id"] == WORKER_LOCALE,
        )
        if shape not in _VALID_SHAPES:
            _check_requirement(self)  # raises the rule's error, or the shape is valid
            _VALID_SHAPES.add(shape)
        return self


_VALID_SHAPES: set[tuple[str, int, int, bool]] = set()
"""The shapes of requirements :func:`_check_requirement` has passed: the comparator, how many
IntegerValues and LocaleValues, whether the type is Worker_Locale. Its verdict depends on nothing
else, and a HIT page repeats a few shapes, so each is checked once (a set lookup instead of the
rules). Only shapes that pass are kept, and they are few: at most 15 IntegerValues or 30
LocaleValues pass, never both."""


def _fail(code: str, message: str, **context: object) -> PydanticCustomError:
    return PydanticCustomError(code, message, context or None)


def _check_requirement(req: QualificationRequirement) -> None:
    ints = len(req.integer_values or ())
    locales = len(req.locale_values or ())
    comparator = req.comparator
    type_id = req.qualification_type_id
    if ints and locales:
        raise _fail(
            "comparator_mixed_values",
            "IntegerValues and LocaleValues cannot be used together; got {ints} IntegerValues "
            "and {locales} LocaleValues",
            ints=ints,
            locales=locales,
        )
    if locales and type_id != WORKER_LOCALE:
        raise _fail(
            "locale_values_type",
            "LocaleValues can only be used with the Worker_Locale qualification type "
            f"{WORKER_LOCALE}; got QualificationTypeId {{type_id}}",
            type_id=type_id,
        )
    if ints and type_id == WORKER_LOCALE:
        raise _fail(
            "integer_values_worker_locale",
            "IntegerValues cannot be used with the Worker_Locale qualification type "
            f"{WORKER_LOCALE}; compare locales with LocaleValues",
        )
    name = comparator.value
    counts = COMPARATOR_VALUE_COUNTS[comparator]
    if counts == _PRESENCE_COUNTS:
        if ints or locales:
            raise _fail(
                "comparator_no_values",
                "{comparator} takes no values; got {ints} IntegerValues and {locales} LocaleValues",
                comparator=name,
                ints=ints,
                locales=locales,
            )
    elif counts.locales == (0, 0):
        if locales:
            raise _fail(
                "comparator_locale_values",
                "{comparator} compares integers and cannot take LocaleValues; got {locales}",
                comparator=name,
                locales=locales,
            )
        low, high = counts.integers
        if not low <= ints <= high:
            raise _fail(
                "relational_integer_count",
                f"{{comparator}} takes exactly {high} IntegerValue; got {{ints}}",
                comparator=name,
                ints=ints,
            )
    elif counts.integers[1] == counts.locales[1] == 1:
        if ints + locales != 1:
            raise _fail(
                "equality_value_count",
                "{comparator} takes exactly 1 IntegerValue or 1 LocaleValue; got {ints} "
                "IntegerValues and {locales} LocaleValues",
                comparator=name,
                ints=ints,
                locales=locales,
            )
    else:
        if not ints and not locales:
            raise _fail(
                "in_value_count",
                f"{{comparator}} takes {counts.integers[0]} to {{limit}} IntegerValues or "
                f"{counts.locales[0]} to {{locale_limit}} LocaleValues; got none",
                comparator=name,
                limit=counts.integers[1],
                locale_limit=counts.locales[1],
            )
        if locales > counts.locales[1]:
            raise _fail(
                "in_locale_count",
                f"{{comparator}} takes {counts.locales[0]} to {{limit}} LocaleValues; "
                "got {locales}",
                comparator=name,
                limit=counts.locales[1],
                locales=locales,
            )
        if ints > counts.integers[1]:
            raise _fail(
                "in_integer_count",
                f"{{comparator}} takes {counts.integers[0]} to {{limit}} IntegerValues; "
                "got {ints}",
                comparator=name,
                limit=counts.integers[1],
                ints=ints,
            )


_COMPARATORS: Final = frozenset(c.value for c in Comparator)


def masters_comparator_error(type_id: object, comparator: object) -> PydanticCustomError | None:
    """The error for a Masters requirement compared with anything but Exists or DoesNotExist.

    Takes raw values (a request's input before validation): ``None`` when ``type_id`` is not a
    Masters type or ``comparator`` is not a valid comparator at all (its own error says so).

    >>> masters_comparator_error(MASTERS_PRODUCTION, "EqualTo").type
    'masters_comparator'
    >>> masters_comparator_error(MASTERS_PRODUCTION, "Exists") is None
    True
    """
    if not isinstance(type_id, str) or type_id not in MASTERS_ENVIRONMENTS:
        return None
    if not isinstance(comparator, str) or comparator not in _COMPARATORS:
        return None
    if Comparator(comparator) in PRESENCE_COMPARATORS:
        return None
    return _fail(
        "masters_comparator",
        "A Masters qualification requirement must use Exists or DoesNotExist; got {comparator}",
        comparator=repr(str(comparator)),
    )


def approval_rate_errors(
    type_id: object, integer_values: object
) -> list[tuple[int, PydanticCustomError]]:
    """The IntegerValues of a Worker_PercentAssignmentsApproved requirement outside 0 to 100.

    Takes raw values (a request's input before validation) and gives ``(index, error)`` pairs;
    values that are not integers are left to their own error.

    >>> [(i, e.type) for i, e in approval_rate_errors(PERCENT_ASSIGNMENTS_APPROVED, [95, 101])]
    [(1, 'approval_rate_range')]
    """
    if type_id != PERCENT_ASSIGNMENTS_APPROVED or not isinstance(integer_values, (list, tuple)):
        return []
    return [
        (
            index,
            _fail(
                "approval_rate_range",
                "Worker_PercentAssignmentsApproved is a percentage: its IntegerValues should be "
                "0 to 100; got {value}",
                value=value,
            ),
        )
        for index, value in enumerate(integer_values)
        if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 100
    ]


def environment_warnings(
    requirements: Iterable[QualificationRequirement], environment: Environment | str, alias: str
) -> list[str]:
    """Warn (:class:`~mturk_models.QualificationEnvironmentWarning`) for each Masters
    qualification type of the other environment among ``requirements`` (the request member
    ``alias``); return their IDs.

    The Masters IDs differ between production and sandbox: Workers of one cannot hold the
    other's, so the HIT would find no Worker. A warning, not an error: the request is valid.
    """
    env = Environment(environment)
    found = []
    for i, req in enumerate(requirements):
        owner = MASTERS_ENVIRONMENTS.get(req.qualification_type_id)
        if owner is not None and owner is not env:
            found.append(req.qualification_type_id)
            warn_at_caller(
                f"{alias}.{i} uses the {owner.value} Masters qualification type "
                f"{req.qualification_type_id} in a request for {env.value}; Workers there "
                f"cannot hold it (use masters({env.value!r}))",
                QualificationEnvironmentWarning,
            )
    return found


def qualification_requirement_rules(field: str = "qualification_requirements") -> tuple[Rule, ...]:
    """The rules a request declares for its QualificationRequirements member ``field``.

    * ``masters_comparator``: a Masters type compared with anything but Exists or DoesNotExist;
    * ``approval_rate_range``: Worker_PercentAssignmentsApproved values outside 0 to 100;
    * the environment warning, when the validation context names an environment
      (``context={"environment": "production"}``) and the request is valid;
    * a :class:`~mturk_models.RequestWarning` for RequiredToPreview true beside ActionsGuarded,
      when the request is valid.

    Each judges the validated requirements (what pydantic converts cannot slip past); a
    requirement that fails its own validation is left to its own errors.
    """
    # Module-level functions rather than closures built at import: mutation testing switches a
    # mutant on after import, which a closure would never see.
    return tuple(
        partial(rule, field=field)
        for rule in (_masters_rule, _approval_rate_rule, _environment_rule, _preview_rule)
    )


def _masters_rule(
    raw: RawRequest, model: BaseModel | None, *, field: str
) -> list[InitErrorDetails]:
    alias = raw.alias(field)
    errors: list[InitErrorDetails] = []
    for i, req in raw.valid_items(field, model):
        comparator = req.comparator.value
        error = masters_comparator_error(req.qualification_type_id, comparator)
        if error is not None:
            errors.append({"type": error, "loc": (alias, i, "Comparator"), "input": comparator})
    return errors


def _approval_rate_rule(
    raw: RawRequest, model: BaseModel | None, *, field: str
) -> list[InitErrorDetails]:
    alias = raw.alias(field)
    errors: list[InitErrorDetails] = []
    for i, req in raw.valid_items(field, model):
        values = list(req.integer_values or ())
        for index, error in approval_rate_errors(req.qualification_type_id, values):
            loc = (alias, i, "IntegerValues", index)
            errors.append({"type": error, "loc": loc, "input": values[index]})
    return errors


def _environment_rule(
    raw: RawRequest, model: BaseModel | None, *, field: str
) -> list[InitErrorDetails]:
    environment = raw.context.environment
    if environment is not None and model is not None:
        environment_warnings(getattr(model, field) or (), environment, raw.alias(field))
    return []


def _preview_rule(
    raw: RawRequest, model: BaseModel | None, *, field: str
) -> list[InitErrorDetails]:
    if model is not None:
        alias = raw.alias(field)
        for i, req in enumerate(getattr(model, field) or ()):
            if req.required_to_preview and req.actions_guarded is not None:
                warn_at_caller(
                    f'{alias}.{i}: RequiredToPreview true is deprecated and "should not be '
                    f'used in combination with" ActionsGuarded ({req.actions_guarded.value}); '
                    "MTurk may follow either: give ActionsGuarded alone",
                    RequestWarning,
                )
    return []


# --- builders ---------------------------------------------------------------------------------


def approval_rate_at_least(
    percent: int, *, actions_guarded: ActionsGuarded | None = ActionsGuarded.ACCEPT
) -> QualificationRequirement:
    """Workers whose approval rate is at least ``percent`` (0 to 100).

    >>> approval_rate_at_least(95).to_boto3()["Comparator"] == "GreaterThanOrEqualTo"
    True
    """
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise InputError(
            f"approval_rate_at_least: percent must be 0 to 100; got {shown(percent)} (an int "
            "is required: the requirement's IntegerValue)",
            code="approval_rate_range",
        )
    return QualificationRequirement(
        qualification_type_id=PERCENT_ASSIGNMENTS_APPROVED,
        comparator=Comparator.GREATER_THAN_OR_EQUAL_TO,
        integer_values=(percent,),
        actions_guarded=actions_guarded,
    )


def hits_approved_at_least(
    count: int, *, actions_guarded: ActionsGuarded | None = ActionsGuarded.ACCEPT
) -> QualificationRequirement:
    """Workers with at least ``count`` approved HITs.

    >>> hits_approved_at_least(1000).integer_values
    (1000,)
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= INT32_MAX:
        rule = (
            "must not be negative"
            if isinstance(count, int) and count < 0
            else (f"must be an int of at most {INT32_MAX} (a 32-bit IntegerValue)")
        )
        raise InputError(
            f"hits_approved_at_least: count {rule}; got {shown(count)}", code="hits_approved_range"
        )
    return QualificationRequirement(
        qualification_type_id=NUMBER_HITS_APPROVED,
        comparator=Comparator.GREATER_THAN_OR_EQUAL_TO,
        integer_values=(count,),
        actions_guarded=actions_guarded,
    )


LocaleSpec = str | Locale | tuple[str] | tuple[str, str]
"""A locale for the builders: ``"US"``, ``"US-WA"``, ``("US",)``, ``("US", "WA")`` or a Locale."""


def _locales(
    values: Iterable[LocaleSpec], builder: Literal["locale_in", "locale_not_in"]
) -> tuple[Locale, ...]:
    out: list[Locale] = []
    for i, value in enumerate(values):
        if isinstance(value, Locale):
            out.append(value)
        elif isinstance(value, tuple):
            if len(value) not in (1, 2):
                raise InputError(
                    f"{builder}: locale {i} should be (country,) or (country, subdivision); "
                    f"got a tuple of {len(value)} items {shown(value)}",
                    code="locale_spec_tuple",
                )
            out.append(Locale(country=value[0], subdivision=value[1] if len(value) > 1 else None))
        elif isinstance(value, str):
            country, _, sub = value.partition("-")
            out.append(Locale(country=country, subdivision=sub or None))
        else:
            raise InputError(
                f"{builder}: locale {i} should be a str such as 'US' or 'US-WA', a (country, "
                f"subdivision) tuple or a Locale; got {type(value).__name__} {shown(value)}",
                code="locale_spec_type",
            )
    return tuple(out)


def _locale_requirement(
    comparator: Comparator,
    values: Iterable[LocaleSpec],
    actions_guarded: ActionsGuarded | None,
) -> QualificationRequirement:
    builder: Literal["locale_in", "locale_not_in"] = (
        "locale_in" if comparator is Comparator.IN else "locale_not_in"
    )
    locales = _locales(values, builder)
    if len(locales) == 1:
        comparator = Comparator.EQUAL_TO if comparator is Comparator.IN else Comparator.NOT_EQUAL_TO
    return QualificationRequirement(
        qualification_type_id=WORKER_LOCALE,
        comparator=comparator,
        locale_values=locales,
        actions_guarded=actions_guarded,
    )


def locale_in(
    *locales: LocaleSpec,
    actions_guarded: ActionsGuarded | None = ActionsGuarded.ACCEPT,
) -> QualificationRequirement:
    """Workers located in one of ``locales`` (``"US"``, ``"US-WA"``, ``("US", "WA")``, ``("US",)``
    or a Locale).

    One locale gives EqualTo, several give In (at most 30).

    >>> [loc.country for loc in locale_in("US", "CA-QC").locale_values]
    ['US', 'CA']
    """
    return _locale_requirement(Comparator.IN, locales, actions_guarded)


def locale_not_in(
    *locales: LocaleSpec,
    actions_guarded: ActionsGuarded | None = ActionsGuarded.ACCEPT,
) -> QualificationRequirement:
    """Workers located outside all of ``locales`` (NotEqualTo for one, NotIn for several).

    >>> locale_not_in("US").comparator.value
    'NotEqualTo'
    """
    return _locale_requirement(Comparator.NOT_IN, locales, actions_guarded)


def masters(
    environment: Environment | str = Environment.PRODUCTION,
    *,
    actions_guarded: ActionsGuarded | None = ActionsGuarded.ACCEPT,
) -> QualificationRequirement:
    """Masters Workers of the given environment (their IDs differ between production and sandbox).

    ``environment`` is read in any case (``"Production"``); another value is an
    :class:`~mturk_models.InputError` (``masters_environment``) listing the allowed ones.

    >>> masters("sandbox").qualification_type_id
    '2ARFPLSP75KLA8M8DH1HTEQVJT3SY6'
    """
    try:
        env = Environment(environment)
    except ValueError as exc:
        raise InputError(f"masters: {exc}", code="masters_environment") from exc
    type_id = MASTERS_PRODUCTION if env is Environment.PRODUCTION else MASTERS_SANDBOX
    return QualificationRequirement(
        qualification_type_id=type_id,
        comparator=Comparator.EXISTS,
        actions_guarded=actions_guarded,
    )


def adult_content(
    *, actions_guarded: ActionsGuarded | None = ActionsGuarded.PREVIEW_AND_ACCEPT
) -> QualificationRequirement:
    """Workers who agreed to see adult content (Worker_Adult EqualTo 1).

    >>> adult_content().integer_values
    (1,)
    """
    return QualificationRequirement(
        qualification_type_id=ADULT,
        comparator=Comparator.EQUAL_TO,
        integer_values=(1,),
        actions_guarded=actions_guarded,
    )


# --- requests -----------------------------------------------------------------------------------

MAX_TEST_BYTES: Final = 65_535
"""Test and AnswerKey: "Must not be longer than 65535 bytes" (CreateQualificationType,
UpdateQualificationType), measured as UTF-8 bytes."""

_TYPE_ID = "The ID of the Qualification type."
_REQUEST_ID = (
    "The ID of the Qualification request, as returned by the ListQualificationRequests operation."
)


def _too_large(code: str, member: str, value: str) -> PydanticCustomError | None:
    size = len(value.encode("utf-8", "surrogatepass"))
    if size <= MAX_TEST_BYTES:
        return None
    return PydanticCustomError(
        code,
        "{member} should be at most {limit} bytes encoded as UTF-8; got {size}",
        {"member": member, "limit": MAX_TEST_BYTES, "size": size},
    )


# The question and answer-key documents are imported where a Test or an AnswerKey is read: the
# structures of this module (QualificationRequirement, which every HIT and Assignment reaches)
# do not need them, and importing them is about a quarter of the CPU time of importing the
# assignment models.


def _form_xml(value: Any) -> Any:
    from ..documents.questions import QuestionForm

    return value.to_xml() if isinstance(value, QuestionForm) else value


def _check_test(value: str) -> str:
    from ..documents.questions import QuestionForm, parse_question

    error = _too_large("test_size", "Test", value)
    if error is not None:
        raise error
    try:
        document = parse_question(value, strict=True)
    except QuestionParseError as exc:
        raise PydanticCustomError(
            "test_document",
            "Test should be a QuestionForm document: {reason}",
            {"reason": str(exc)},
        ) from exc
    if not isinstance(document, QuestionForm):
        raise PydanticCustomError(
            "test_document",
            'Test should be a QuestionForm document ("Must be a QuestionForm data structure"); '
            "got an {kind}",
            {"kind": type(document).__name__},
        )
    if document.retired_elements:
        raise PydanticCustomError(
            "test_retired_element",
            "Test uses elements MTurk no longer supports (since 12 December 2017: "
            "FileUploadAnswer and Application): {where}",
            {"where": ", ".join(document.retired_elements)},
        )
    return value


def _key_xml(value: Any) -> Any:
    from ..documents.answer_key import AnswerKey

    return value.to_xml() if isinstance(value, AnswerKey) else value


def _check_answer_key(value: str) -> str:
    from ..documents.answer_key import parse_answer_key

    error = _too_large("answer_key_size", "AnswerKey", value)
    if error is not None:
        raise error
    try:
        parse_answer_key(value)
    except MTurkModelsError as exc:
        raise PydanticCustomError(
            "answer_key_document",
            "AnswerKey should be an AnswerKey document: {reason}",
            {"reason": str(exc)},
        ) from exc
    return value


# The findings of AnswerKey.check() that break a rule the API reference states ("corresponds to
# a QuestionIdentifier in the QuestionForm", "correspond to identifiers for the selections in
# the QuestionForm", "Ranges cannot overlap"), which no real key contradicts: errors. The others
# (a question the key does not score, an unreachable maximum, a gap between ranges, ...) are the
# library's own advice: warnings.
ANSWER_KEY_ERRORS: Final = frozenset(
    {"key_question_not_in_test", "key_selection_not_in_question", "range_overlap"}
)
"""The codes of ``AnswerKey.check()`` findings that a Create/UpdateQualificationType request
reports as errors; the other findings are :class:`~mturk_models.RequestWarning` warnings."""


def _answer_key_findings(
    test_xml: str, key_xml: str, where: str
) -> tuple[list[InitErrorDetails], list[str]]:
    """Errors and warning messages of an AnswerKey checked against its Test (both valid)."""
    from ..documents.answer_key import parse_answer_key
    from ..documents.questions import QuestionForm, parse_question

    test = parse_question(test_xml)
    assert isinstance(test, QuestionForm)  # _check_test refuses any other document
    errors: list[InitErrorDetails] = []
    warnings: list[str] = []
    for finding in parse_answer_key(key_xml).check(test):
        if finding.code in ANSWER_KEY_ERRORS:
            message = f"AnswerKey does not fit the Test: {finding.message}"
            errors.append(init_error(finding.code, message, (where,), finding.question_identifier))
        else:
            warnings.append(f"AnswerKey: {finding.message} [{finding.code}]")
    return errors, warnings


TestDocument = Annotated[str, BeforeValidator(_form_xml), AfterValidator(_check_test)]
"""A Qualification test: a QuestionForm (model or XML) of at most 65,535 bytes."""

AnswerKeyDocument = Annotated[str, BeforeValidator(_key_xml), AfterValidator(_check_answer_key)]
"""The answers to a Qualification test: an AnswerKey (model or XML) of at most 65,535 bytes."""

NonNegativeLong = Annotated[Long, Field(ge=0)]


def qualification_test_rule(*, update: bool) -> Rule:
    """The rules between Test, TestDurationInSeconds, AnswerKey, AutoGranted and
    AutoGrantedValue of CreateQualificationType (``update=False``) or UpdateQualificationType.

    Errors: ``test_without_duration``, ``test_with_auto_granted``, ``answer_key_without_test``
    and, for an update, ``test_duration_without_test``; warnings
    (:class:`~mturk_models.RequestWarning`) for the members MTurk ignores. With both a Test and
    an AnswerKey, ``AnswerKey.check(test)``: the findings in :data:`ANSWER_KEY_ERRORS` are
    errors, the others warnings.
    """
    return partial(_qualification_test_rule, update=update)


def _qualification_test_rule(
    raw: RawRequest, model: BaseModel | None, *, update: bool
) -> Iterable[InitErrorDetails]:
    """:func:`qualification_test_rule`'s rule: a module-level function, not a closure built at
    import, so that mutation testing (which switches a mutant on after import) reaches it."""
    test = raw.member("test")
    duration = raw.member("test_duration_in_seconds")
    auto_granted = raw.valid_member("auto_granted", model)
    answer_key = raw.member("answer_key")
    errors: list[InitErrorDetails] = []
    if test is not None and duration is None:
        errors.append(
            init_error(
                "test_without_duration",
                'A Test needs TestDurationInSeconds ("If this parameter is specified, '
                'TestDurationInSeconds must also be specified"); got none',
                (raw.alias("test_duration_in_seconds"),),
                None,
            )
        )
    if test is not None and auto_granted is True:
        errors.append(
            init_error(
                "test_with_auto_granted",
                'AutoGranted cannot be true with a Test ("If the Test parameter is '
                'specified, this parameter cannot be true"); got AutoGranted true',
                (raw.alias("auto_granted"),),
                True,
            )
        )
    if answer_key is not None and test is None:
        errors.append(
            init_error(
                "answer_key_without_test",
                "An AnswerKey needs the Test it answers; got an AnswerKey without a Test",
                (raw.alias("answer_key"),),
                answer_key,
            )
        )
    if update and duration is not None and test is None:
        errors.append(
            init_error(
                "test_duration_without_test",
                "UpdateQualificationType changes TestDurationInSeconds only with a Test "
                '("you must specify a Test parameter with the original questions"); got '
                "no Test",
                (raw.alias("test_duration_in_seconds"),),
                duration,
            )
        )
    advice: list[str] = []
    test_xml = raw.valid_member("test", model) if test is not None else None
    key_xml = raw.valid_member("answer_key", model) if answer_key is not None else None
    if test_xml is not None and key_xml is not None:
        found, advice = _answer_key_findings(test_xml, key_xml, raw.alias("answer_key"))
        errors += found
    if model is not None and not errors:
        for message in advice:
            warn_at_caller(message, RequestWarning)
        if not update and duration is not None and test is None:
            warn_at_caller(
                "TestDurationInSeconds is ignored without a Test: the Qualification type "
                "has no test to time",
                RequestWarning,
            )
        if raw.member("auto_granted_value") is not None and auto_granted is not True:
            warn_at_caller(
                "AutoGrantedValue is used only if AutoGranted is true; it is ignored here",
                RequestWarning,
            )
    return errors


class _QualificationTypeFields(Request):
    """The members CreateQualificationType and UpdateQualificationType share."""

    retry_delay_in_seconds: NonNegativeLong | None = Field(
        default=None,
        description="The number of seconds that a Worker must wait after requesting a "
        "Qualification of the Qualification type before the worker can retry the Qualification "
        "request (non-negative). Retries cannot be disabled once enabled.",
    )
    test: TestDocument | None = Field(
        default=None,
        description="The questions for the Qualification test a Worker must answer correctly to "
        "obtain a Qualification of this type: a QuestionForm of at most 65,535 bytes (a "
        "QuestionForm model becomes its XML). Requires TestDurationInSeconds; not with "
        "AutoGranted true.",
    )
    answer_key: AnswerKeyDocument | None = Field(
        default=None,
        description="The answers to the Qualification test specified in the Test parameter, in "
        "the form of an AnswerKey data structure of at most 65,535 bytes.",
    )
    test_duration_in_seconds: Long | None = Field(
        default=None,
        description="The number of seconds the Worker has to complete the Qualification test, "
        "starting from the time the Worker requests the Qualification.",
    )
    auto_granted: Boolean | None = Field(
        default=None,
        description="Specifies whether requests for the Qualification type are granted "
        "immediately, without prompting the Worker with a Qualification test. Cannot be true "
        "with a Test.",
    )
    auto_granted_value: Integer | None = Field(
        default=None,
        description="The Qualification value to use for automatically granted Qualifications. "
        "This parameter is used only if the AutoGranted parameter is true.",
    )


class CreateQualificationTypeRequest(_QualificationTypeFields):
    """The parameters of ``client.create_qualification_type(**kwargs)``, checked before sending.

    >>> req = CreateQualificationTypeRequest(name="Tagging test", description="Tag 3 images",
    ...     qualification_type_status="Active", auto_granted=True, auto_granted_value=90)
    >>> req.to_boto3()["QualificationTypeStatus"]
    'Active'
    """

    __rules__ = (qualification_test_rule(update=False),)

    name: str = Field(
        description="The name you give to the Qualification type. The type name is used to "
        "represent the Qualification to Workers, and to find the type using a Qualification "
        "type search. It must be unique across all of your Qualification types.",
    )
    keywords: str | None = Field(
        default=None,
        max_length=1_000,
        description="One or more words or phrases that describe the Qualification type, "
        "separated by commas (at most 1,000 characters, commas and spaces included).",
    )
    description: str = Field(
        max_length=2_000,
        description="A long description for the Qualification type, displayed when a Worker "
        "examines it (at most 2,000 characters).",
    )
    qualification_type_status: QualificationTypeStatus = Field(
        description="The initial status of the Qualification type: Active | Inactive."
    )


class UpdateQualificationTypeRequest(_QualificationTypeFields):
    """The parameters of ``client.update_qualification_type(**kwargs)``, checked before sending.

    Name and Keywords cannot be changed. A Test replaces the test (with its TestDurationInSeconds
    and, optionally, its AnswerKey); no Test leaves the test as it is.

    >>> UpdateQualificationTypeRequest(qualification_type_id="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O",
    ...     qualification_type_status="Inactive").to_boto3()["QualificationTypeStatus"]
    'Inactive'
    """

    __rules__ = (qualification_test_rule(update=True),)

    qualification_type_id: EntityId = Field(
        description="The ID of the Qualification type to update."
    )
    description: str | None = Field(
        default=None, description="The new description of the Qualification type."
    )
    qualification_type_status: QualificationTypeStatus | None = Field(
        default=None, description="The new status of the Qualification type: Active | Inactive."
    )


class AcceptQualificationRequestRequest(Request):
    """The parameters of ``client.accept_qualification_request(**kwargs)``, checked.

    >>> AcceptQualificationRequestRequest(qualification_request_id="3QR1", integer_value=80
    ...     ).to_boto3()
    {'QualificationRequestId': '3QR1', 'IntegerValue': 80}
    """

    qualification_request_id: str = Field(description=_REQUEST_ID)
    integer_value: Integer | None = Field(
        default=None,
        description="The value of the Qualification (a 32-bit integer). You can omit this value "
        "if you are using the presence or absence of the Qualification as the basis for a HIT "
        "requirement.",
    )


class AssociateQualificationWithWorkerRequest(Request):
    """The parameters of ``client.associate_qualification_with_worker(**kwargs)``, checked.

    >>> AssociateQualificationWithWorkerRequest(
    ...     qualification_type_id="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O", worker_id="AGDRU4D1VTQLB",
    ...     integer_value=1, send_notification=False).integer_value
    1
    """

    qualification_type_id: EntityId = Field(
        description="The ID of the Qualification type to use for the assigned Qualification."
    )
    worker_id: WorkerId = Field(
        description="The ID of the Worker to whom the Qualification is being assigned."
    )
    integer_value: Integer | None = Field(
        default=None, description="The value of the Qualification to assign (a 32-bit integer)."
    )
    send_notification: Boolean | None = Field(
        default=None,
        description="Whether to send a notification email message to the Worker saying that "
        "the qualification was assigned (true by default).",
    )


class DeleteQualificationTypeRequest(Request):
    """The parameters of ``client.delete_qualification_type(**kwargs)``, checked.

    >>> DeleteQualificationTypeRequest(QualificationTypeId="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O"
    ...     ).qualification_type_id
    '3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O'
    """

    qualification_type_id: EntityId = Field(
        description="The ID of the QualificationType to dispose."
    )


class DisassociateQualificationFromWorkerRequest(Request):
    """The parameters of ``client.disassociate_qualification_from_worker(**kwargs)``, checked.

    >>> DisassociateQualificationFromWorkerRequest(worker_id="AGDRU4D1VTQLB",
    ...     qualification_type_id="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O").to_boto3()["WorkerId"]
    'AGDRU4D1VTQLB'
    """

    worker_id: WorkerId = Field(
        description="The ID of the Worker who possesses the Qualification to be revoked."
    )
    qualification_type_id: EntityId = Field(
        description="The ID of the Qualification type of the Qualification to be revoked."
    )
    reason: str | None = Field(
        default=None,
        description="A text message that explains why the Qualification was revoked. The user "
        "who had the Qualification sees this message.",
    )


class GetQualificationScoreRequest(Request):
    """The parameters of ``client.get_qualification_score(**kwargs)``, checked.

    >>> GetQualificationScoreRequest(qualification_type_id="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O",
    ...     worker_id="AGDRU4D1VTQLB").to_boto3()["WorkerId"]
    'AGDRU4D1VTQLB'
    """

    qualification_type_id: EntityId = Field(description=_TYPE_ID)
    worker_id: WorkerId = Field(description="The ID of the Worker whose Qualification is read.")


class GetQualificationTypeRequest(Request):
    """The parameters of ``client.get_qualification_type(**kwargs)``, checked.

    >>> GetQualificationTypeRequest(qualification_type_id="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O"
    ...     ).to_boto3()
    {'QualificationTypeId': '3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O'}
    """

    qualification_type_id: EntityId = Field(description=_TYPE_ID)


class ListQualificationRequestsRequest(PagedRequest):
    """The parameters of ``client.list_qualification_requests(**kwargs)``, checked.

    >>> ListQualificationRequestsRequest(max_results=10).to_boto3()
    {'MaxResults': 10}
    """

    qualification_type_id: EntityId | None = Field(default=None, description=_TYPE_ID)


class ListQualificationTypesRequest(PagedRequest):
    """The parameters of ``client.list_qualification_types(**kwargs)``, checked.

    >>> ListQualificationTypesRequest(query="tagging", must_be_requestable=False,
    ...     must_be_owned_by_caller=True).to_boto3()["MustBeRequestable"]
    False
    """

    query: str | None = Field(
        default=None,
        description="A text query against all of the searchable attributes of Qualification types.",
    )
    must_be_requestable: Boolean = Field(
        description="Only Qualification types that a user can request through the Amazon "
        "Mechanical Turk web site, such as by taking a Qualification test (required). If false, "
        "all Qualification types, including those managed by the system, are considered.",
    )
    must_be_owned_by_caller: Boolean | None = Field(
        default=None,
        description="Only Qualification types that the Requester created. If false, the "
        "operation returns all Qualification types.",
    )


class ListWorkersWithQualificationTypeRequest(PagedRequest):
    """The parameters of ``client.list_workers_with_qualification_type(**kwargs)``, checked.

    >>> ListWorkersWithQualificationTypeRequest(
    ...     qualification_type_id="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O", status="Granted"
    ... ).to_boto3()["Status"]
    'Granted'
    """

    qualification_type_id: EntityId = Field(
        description="The ID of the Qualification type of the Qualifications to return."
    )
    status: QualificationStatus | None = Field(
        default=None,
        description="The status of the Qualifications to return: Granted | Revoked.",
    )


class RejectQualificationRequestRequest(Request):
    """The parameters of ``client.reject_qualification_request(**kwargs)``, checked.

    >>> RejectQualificationRequestRequest(qualification_request_id="3QR1",
    ...     reason="The test answers were incomplete.").to_boto3()["Reason"]
    'The test answers were incomplete.'
    """

    qualification_request_id: str = Field(description=_REQUEST_ID)
    reason: str | None = Field(
        default=None,
        description="A text message explaining why the request was rejected, to be shown to "
        "the Worker who made the request.",
    )


# --- Qualification types, Qualifications, Qualification requests, and their operations ---------
# Descriptions: API reference 2017-01-17 (QualificationType, Qualification and
# QualificationRequest data structures), as botocore's member documentation carries them.


class QualificationType(Structure):
    """A Qualification type: a property of Workers that HITs can require, and how to obtain it.

    ``test`` keeps the QuestionForm of the type's test as sent; :meth:`parse_test` reads it.

    Rule (QualificationType data structure, Test: "A Qualification type cannot have both a
    specified Test parameter and an AutoGranted value of true"): a type with a Test and
    ``AutoGranted`` true is the error ``qualification_type_test_auto_granted``.

    >>> t = QualificationType.model_validate(
    ...     {"QualificationTypeId": "3TL87MO8CLOFYXKXNRLMZZEXAMPLE", "Name": "Cat photos",
    ...      "QualificationTypeStatus": "Active", "CreationTime": "2017-01-17T12:00:00Z"}
    ... )
    >>> t.qualification_type_status.value, t.creation_time.isoformat()
    ('Active', '2017-01-17T12:00:00+00:00')
    """

    qualification_type_id: EntityId | None = Field(
        default=None,
        description="A unique identifier for the Qualification type, given when the type is "
        "created with CreateQualificationType.",
    )
    creation_time: UtcDatetime | None = Field(
        default=None, description="The date and time the Qualification type was created."
    )
    name: Text | None = Field(
        default=None,
        description="The name of the Qualification type, used to identify the type and to find "
        "it with a Qualification type search.",
    )
    description: Text | None = Field(
        default=None, description="A long description for the Qualification type."
    )
    keywords: Text | None = Field(
        default=None,
        description="One or more words or phrases that describe the Qualification type, "
        "separated by commas, which make the type easier to find with a search.",
    )
    qualification_type_status: QualificationTypeStatus | None = Field(
        default=None,
        description="The status of the Qualification type (Active or Inactive): whether users "
        "can apply for a Qualification of this type and HITs can require it.",
    )
    test: Text | None = Field(
        default=None,
        description="The questions of the Qualification test a user can take to obtain a "
        "Qualification of this type (a QuestionForm document). Not with AutoGranted true.",
    )
    test_duration_in_seconds: Seconds | None = Field(
        default=None,
        description="The time, in seconds, given to a Worker to complete the Qualification "
        "test, from the time the Worker requests the Qualification.",
    )
    answer_key: Text | None = Field(
        default=None,
        description="The answers to the Qualification test specified in Test (an AnswerKey "
        "document).",
    )
    retry_delay_in_seconds: Seconds | None = Field(
        default=None,
        description="The time, in seconds, Workers must wait after taking the Qualification "
        "test before they can take it again. If not specified, retries are disabled and "
        "Workers can request the Qualification only once.",
    )
    is_requestable: bool | None = Field(
        default=None,
        description="Whether users can request the Qualification type through the Amazon "
        "Mechanical Turk web site, for example by taking a test; False for Qualifications the "
        "system assigns automatically.",
    )
    auto_granted: bool | None = Field(
        default=None,
        description="Whether requests for the Qualification type are granted immediately, "
        "without a Qualification test.",
    )
    auto_granted_value: Int32 | None = Field(
        default=None,
        description="The integer value of automatically granted Qualifications, if AutoGranted "
        "is true (1 by default).",
    )

    @model_validator(mode="after")
    def _test_not_auto_granted(self) -> QualificationType:
        if self.test is not None and self.auto_granted is True:
            raise PydanticCustomError(
                "qualification_type_test_auto_granted",
                "A Qualification type cannot have both a Test and AutoGranted true (API "
                "reference, QualificationType); got a Test of {size} characters with "
                "AutoGranted true",
                {"size": len(self.test)},
            )
        return self

    def parse_test(self) -> QuestionForm | None:
        """Parse ``test`` into a :class:`~mturk_models.QuestionForm`; ``None`` without a test.

        Raises :class:`~mturk_models.QuestionParseError` when the test is not a QuestionForm.

        >>> QualificationType().parse_test() is None
        True
        """
        return _parse_test(self.test, "QualificationType")


def _parse_test(test: str | None, owner: str) -> QuestionForm | None:
    from ..documents.questions import QuestionForm, parse_question

    if test is None:
        return None
    document = parse_question(test)
    if not isinstance(document, QuestionForm):
        raise QuestionParseError(
            f"a {owner}'s Test should be a QuestionForm document; got {type(document).__name__}"
        )
    return document


class Qualification(Structure):
    """A Qualification a Worker holds: its type, the Worker, the value (score) and its status.

    Rule (Qualification data structure: IntegerValue "if the Qualification has an integer
    value", LocaleValue "if the Qualification describes a geographical region"): a value is one
    or the other. Both together, an IntegerValue on Worker_Locale, or a LocaleValue on another
    type warns (:class:`~mturk_models.ResponseDataWarning`) and is kept: the reference implies
    the rule without stating it as a constraint.

    >>> q = Qualification.model_validate(
    ...     {"QualificationTypeId": "789RVWYBAZW00EXAMPLE", "WorkerId": "AZ3456EXAMPLE",
    ...      "GrantTime": "2005-01-31T23:59:59Z", "IntegerValue": 95, "Status": "Granted"}
    ... )
    >>> q.integer_value, q.status.value
    (95, 'Granted')
    """

    qualification_type_id: EntityId | None = Field(
        default=None, description="The ID of the Qualification type for the Qualification."
    )
    worker_id: WorkerId | None = Field(
        default=None, description="The ID of the Worker who possesses the Qualification."
    )
    grant_time: UtcDatetime | None = Field(
        default=None,
        description="The date and time the Qualification was granted to the Worker. If it was "
        "revoked and then granted again after a new Qualification request, the time of the last "
        "call to AcceptQualificationRequest.",
    )
    integer_value: Int32 | None = Field(
        default=None,
        description="The value (score) of the Qualification, if the Qualification has an "
        "integer value.",
    )
    locale_value: Locale | None = Field(
        default=None,
        description="The value of the Qualification if it describes a geographical region or "
        "location (the Worker_Locale type).",
    )
    status: QualificationStatus | None = Field(
        default=None, description="The status of the Qualification: Granted or Revoked."
    )

    @model_validator(mode="after")
    def _one_kind_of_value(self) -> Qualification:
        problem = None
        if self.integer_value is not None and self.locale_value is not None:
            problem = "has both an IntegerValue and a LocaleValue"
        elif self.qualification_type_id == WORKER_LOCALE and self.integer_value is not None:
            problem = f"of Worker_Locale ({WORKER_LOCALE}) has an IntegerValue"
        elif (
            self.locale_value is not None
            and self.qualification_type_id is not None
            and self.qualification_type_id != WORKER_LOCALE
        ):
            problem = f"of type {self.qualification_type_id} has a LocaleValue"
        if problem is not None:
            refuse_in_fast_path()  # the warning is given once, by the full validation
            warnings.warn(
                f"A Qualification {problem}; the API reference gives a locale value only to "
                f"Worker_Locale and an integer value to the other types (kept as sent)",
                ResponseDataWarning,
                stacklevel=2,
            )
        return self


class QualificationRequest(Structure):
    """A Worker's request for a Qualification, with the test and the Worker's answers.

    ``test`` (a QuestionForm) and ``answer`` (a QuestionFormAnswers) are kept as sent;
    :meth:`parse_test` and :meth:`parse_answers` read them.

    >>> r = QualificationRequest.model_validate(
    ...     {"QualificationRequestId": "3LWKEXAMPLE", "WorkerId": "AZ3456EXAMPLE",
    ...      "SubmitTime": "2017-01-17T12:00:00-08:00"}
    ... )
    >>> r.submit_time.isoformat(), r.parse_answers().to_dict()
    ('2017-01-17T20:00:00+00:00', {})
    """

    qualification_request_id: Text | None = Field(
        default=None,
        description="The ID of the Qualification request, a unique identifier generated when "
        "the request was submitted. (botocore: a plain string.)",
    )
    qualification_type_id: EntityId | None = Field(
        default=None,
        description="The ID of the Qualification type the Worker is requesting, as returned by "
        "CreateQualificationType.",
    )
    worker_id: WorkerId | None = Field(
        default=None, description="The ID of the Worker requesting the Qualification."
    )
    test: Text | None = Field(
        default=None,
        description="The Qualification test presented to the Worker, if the type has a test and "
        "the Worker has submitted answers: the type's QuestionForm at the time of the request.",
    )
    answer: Text | None = Field(
        default=None,
        description="The Worker's answers to the test in a QuestionFormAnswers document, if the "
        "type has a test and the Worker has submitted answers; may be empty.",
    )
    submit_time: UtcDatetime | None = Field(
        default=None,
        description="The date and time the Qualification request had a status of Submitted: "
        "when the Worker submitted the test's answers, or requested the Qualification if the "
        "type has no test.",
    )

    def parse_test(self) -> QuestionForm | None:
        """Parse ``test`` into a :class:`~mturk_models.QuestionForm`; ``None`` without a test.

        >>> QualificationRequest().parse_test() is None
        True
        """
        return _parse_test(self.test, "QualificationRequest")

    def parse_answers(self) -> QuestionFormAnswers:
        """Parse ``answer`` into typed answers (see :func:`mturk_models.parse_answers`).

        A request without an Answer gives an empty :class:`~mturk_models.QuestionFormAnswers`.
        """
        from ..documents.answers import parse_answers

        return parse_answers(self.answer)


class CreateQualificationTypeResponse(Response):
    """What ``client.create_qualification_type(...)`` returns: the created type."""

    qualification_type: QualificationType | None = Field(
        default=None,
        description="The created Qualification type, returned as a QualificationType data "
        "structure.",
    )


class GetQualificationTypeResponse(Response):
    """What ``client.get_qualification_type(QualificationTypeId=...)`` returns."""

    qualification_type: QualificationType | None = Field(
        default=None, description="The returned Qualification type."
    )


class UpdateQualificationTypeResponse(Response):
    """What ``client.update_qualification_type(...)`` returns: the type as updated."""

    qualification_type: QualificationType | None = Field(
        default=None, description="The updated Qualification type (a QualificationType)."
    )


class GetQualificationScoreResponse(Response):
    """What ``client.get_qualification_score(QualificationTypeId=..., WorkerId=...)`` returns."""

    qualification: Qualification | None = Field(
        default=None,
        description="The Qualification assigned to the Worker, including the Qualification type "
        "and the value (score).",
    )


class ListQualificationTypesResponse(Page[QualificationType]):
    """One page of ``client.list_qualification_types(...)``.

    >>> page = {"NumResults": 1, "QualificationTypes": [{"Name": "Cat photos"}]}
    >>> [t.name for t in ListQualificationTypesResponse.iter_items([page, page])]
    ['Cat photos', 'Cat photos']
    """

    __items__ = "qualification_types"

    qualification_types: Seq[QualificationType] | None = Field(
        default=None, description="The list of QualificationType elements returned by the query."
    )


class ListQualificationRequestsResponse(Page[QualificationRequest]):
    """One page of ``client.list_qualification_requests(...)``."""

    __items__ = "qualification_requests"

    qualification_requests: Seq[QualificationRequest] | None = Field(
        default=None,
        description="The Qualification requests: one QualificationRequest element for each "
        "request returned by the query.",
    )


class ListWorkersWithQualificationTypeResponse(Page[Qualification]):
    """One page of ``client.list_workers_with_qualification_type(QualificationTypeId=...)``."""

    __items__ = "qualifications"

    qualifications: Seq[Qualification] | None = Field(
        default=None, description="The list of Qualification elements returned by this call."
    )


class AcceptQualificationRequestResponse(Response):
    """What ``client.accept_qualification_request(...)`` returns: only ``ResponseMetadata``."""


class RejectQualificationRequestResponse(Response):
    """What ``client.reject_qualification_request(...)`` returns: only ``ResponseMetadata``."""


class AssociateQualificationWithWorkerResponse(Response):
    """What ``client.associate_qualification_with_worker(...)`` returns: ``ResponseMetadata``."""


class DisassociateQualificationFromWorkerResponse(Response):
    """What ``client.disassociate_qualification_from_worker(...)`` returns: ``ResponseMetadata``."""


class DeleteQualificationTypeResponse(Response):
    """What ``client.delete_qualification_type(...)`` returns: only ``ResponseMetadata``."""
