"""CreateHIT, CreateHITType and CreateHITWithHITType requests: a pre-flight that rejects what MTurk
would, reporting every violation at once.

botocore's own client-side validation checks only required members, types and minimums, so a bad
comparator, ``Reward="$0.10"`` or a 100-character UniqueRequestToken travel to MTurk and fail
there. These models take the exact keyword arguments of ``client.create_hit(**kwargs)`` (or the
snake_case names), check every documented rule, and give the kwargs back with ``to_boto3()``.

Every member of botocore's shapes is a field (the test suite compares them with botocore's
service model). The limits, each from the API reference:

* Title at most 128 characters, Description at most 2,000, Keywords at most 1,000,
  RequesterAnnotation at most 255: API reference 2014-08-15, CreateHIT and RegisterHITType (the
  R client MTurkR applies the same Title, Description and Keywords limits). Title and
  Description are required, so an empty one is refused as well.
* UniqueRequestToken 1 to 64 characters: botocore ``IdempotencyToken`` (min 1, max 64); the API
  reference 2017-01-17 CreateHIT says "at most 64 characters".
* LifetimeInSeconds and AssignmentDurationInSeconds 30 to 31,536,000 (365 days);
  AutoApprovalDelayInSeconds 0 to 2,592,000 (30 days); MaxAssignments 1 to 1,000,000,000:
  API reference 2014-08-15, CreateHIT (botocore has no bounds for these).
* Reward: botocore ``CurrencyAmount`` pattern ``^[0-9]+(\\.)?[0-9]{0,2}$``; at least 0.01 because
  $0.01 is the smallest amount MTurk pays (no API page states a minimum reward).
* QualificationRequirements: 0 to 10 (API reference 2017-01-17, CreateHIT and HIT data structure).
* Question: at most 65,535 bytes including whitespace (API reference 2017-01-17, CreateHIT and
  CreateHITWithHITType, "Constraints"), measured here as UTF-8 bytes; no FileUploadAnswer and no
  Application in a QuestionForm (API reference, "Data Structure Schema Locations": retired on
  12 December 2017).
* AssignmentReviewPolicy and HITReviewPolicy: the documented policy name, and its Parameters as
  the Assignment Review Policies and HIT Review Policies pages list them (known keys, each once,
  Values or MapEntries, integer ranges, required keys; sources in ``_policies``).

>>> req = CreateHITRequest.model_validate({
...     "Title": "Tag an image", "Description": "Pick the best tag", "Reward": "0.05",
...     "LifetimeInSeconds": 3600, "AssignmentDurationInSeconds": 600,
...     "Question": ExternalQuestion(external_url="https://example.com/t", frame_height=0),
... })
>>> req.to_boto3()["Reward"]
'0.05'
"""

from __future__ import annotations

import difflib
import os
import sys
import typing
import warnings
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Annotated, Any, Final

import pydantic
from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._base import RequestModel
from .._errors import init_error, raw_member
from .._types import CENT, EntityId, IdempotencyToken, Reward, Seq
from ..documents.questions import (
    ExternalQuestion,
    HTMLQuestion,
    QuestionForm,
    parse_question,
)
from ..enums import Environment
from ..exceptions import HTMLQuestionWarning, QualificationEnvironmentWarning, QuestionParseError
from .hits import MAX_QUALIFICATION_REQUIREMENTS
from .qualifications import (
    MASTERS_ENVIRONMENTS,
    Locale,
    QualificationRequirement,
    approval_rate_errors,
    masters_comparator_error,
)
from .reviews import review_policy_errors

__all__ = [
    "ASSIGNMENT_REVIEW_POLICY",
    "HIT_REVIEW_POLICY",
    "MAX_QUESTION_BYTES",
    "CreateHITRequest",
    "CreateHITTypeRequest",
    "CreateHITWithHITTypeRequest",
    "HITLayoutParameter",
    "ParameterMapEntry",
    "PolicyParameter",
    "ReviewPolicy",
]

MAX_QUESTION_BYTES: Final = 65_535
"""CreateHIT Question: "must not be larger than 64 kilobytes (65,535 bytes) in size, including
whitespace" (API reference 2017-01-17, CreateHIT and CreateHITWithHITType)."""
ASSIGNMENT_REVIEW_POLICY: Final = "ScoreMyKnownAnswers/2011-09-01"
"""The one assignment-level review policy (API reference, HIT Review Policy data structure:
"SimplePlurality/2011-09-01 or ScoreMyKnownAnswers/2011-09-01"; Assignment Review Policies)."""
HIT_REVIEW_POLICY: Final = "SimplePlurality/2011-09-01"
"""The one HIT-level review policy (API reference, HIT Review Policies)."""

_POLICIES: Final = (
    ("assignment_review_policy", "AssignmentReviewPolicy", ASSIGNMENT_REVIEW_POLICY),
    ("hit_review_policy", "HITReviewPolicy", HIT_REVIEW_POLICY),
)

# --- constrained request types (each limit's source is in the module docstring) ---------------

StrictInt = Annotated[int, Strict()]
Title = Annotated[str, Field(min_length=1, max_length=128)]
Description = Annotated[str, Field(min_length=1, max_length=2_000)]
Keywords = Annotated[str, Field(max_length=1_000)]
RequesterAnnotation = Annotated[str, Field(max_length=255)]
LifetimeInSeconds = Annotated[StrictInt, Field(ge=30, le=31_536_000)]
AssignmentDurationInSeconds = Annotated[StrictInt, Field(ge=30, le=31_536_000)]
AutoApprovalDelayInSeconds = Annotated[StrictInt, Field(ge=0, le=2_592_000)]
MaxAssignments = Annotated[StrictInt, Field(ge=1, le=1_000_000_000)]


def _min_reward(value: Decimal) -> Decimal:
    if value < CENT:
        raise PydanticCustomError(
            "reward_minimum",
            "Reward should be at least 0.01 (USD), the smallest amount MTurk pays; got {value}",
            {"value": f"{value:.2f}"},
        )
    return value


RequestReward = Annotated[Reward, AfterValidator(_min_reward)]

# --- nested request structures ------------------------------------------------------------------


class ParameterMapEntry(RequestModel):
    """A key and its values inside a review policy parameter.

    >>> ParameterMapEntry(key="q1", values=("yes",)).to_boto3()
    {'Key': 'q1', 'Values': ['yes']}
    """

    key: str | None = Field(
        default=None,
        description="The QuestionID from the HIT that is used to identify which question "
        "requires Mechanical Turk to score as part of the ScoreMyKnownAnswers/2011-09-01 "
        "Review Policy.",
    )
    values: Seq[str] | None = Field(
        default=None,
        description="The list of answers to the question specified in the MapEntry Key element.",
    )


class PolicyParameter(RequestModel):
    """A name and values of a review policy parameter.

    >>> PolicyParameter(key="ApproveIfKnownAnswerScoreIsAtLeast", values=("80",)).key
    'ApproveIfKnownAnswerScoreIsAtLeast'
    """

    key: str | None = Field(
        default=None, description="Name of the parameter from the list of Review Polices."
    )
    values: Seq[str] | None = Field(
        default=None, description="The list of values of the Parameter."
    )
    map_entries: Seq[ParameterMapEntry] | None = Field(
        default=None, description="List of ParameterMapEntry objects."
    )


class ReviewPolicy(RequestModel):
    """A review policy for a HIT or its assignments.

    >>> ReviewPolicy(policy_name="SimplePlurality/2011-09-01").to_boto3()
    {'PolicyName': 'SimplePlurality/2011-09-01'}
    """

    policy_name: str = Field(
        description="Name of a Review Policy: SimplePlurality/2011-09-01 or "
        "ScoreMyKnownAnswers/2011-09-01."
    )
    parameters: Seq[PolicyParameter] | None = Field(
        default=None, description="Name of the parameter from the Review policy."
    )


class HITLayoutParameter(RequestModel):
    """A value for one placeholder of a HIT layout.

    >>> HITLayoutParameter(name="image_url", value="https://example.com/1.png").to_boto3()
    {'Name': 'image_url', 'Value': 'https://example.com/1.png'}
    """

    name: str = Field(
        description="The name of the parameter in the HITLayout.",
    )
    value: str = Field(
        description="The value substituted for the parameter referenced in the HITLayout."
    )


# --- "all at once": one report for field errors, unknown keys and cross-field rules ------------


def _known_keys(model: type[BaseModel]) -> dict[str, str]:
    """Every key the model accepts (alias and name), mapped to the alias to suggest."""
    keys: dict[str, str] = {}
    for name, info in model.model_fields.items():
        alias = info.alias or name
        keys[alias] = alias
        keys[name] = alias
    return keys


def _unknown_key(
    key: object, model: type[BaseModel] | None, loc: tuple[Any, ...]
) -> InitErrorDetails:
    suggestion = ""
    if model is not None:
        known = _known_keys(model)
        other = known.get(str(key))
        if other is not None:
            # A valid key is only refused when the field's other spelling is there too.
            field = next(n for n, info in model.model_fields.items() if (info.alias or n) == other)
            twin = field if str(key) == other else other
            return init_error(
                "duplicate_key",
                f"Duplicate key {str(key)!r}: {twin!r} names the same field; give only one of them",
                loc,
                key,
            )
        close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
        if close:
            suggestion = f"; did you mean {known[close[0]]!r}?"
    return init_error("extra_forbidden", f"Unknown key {str(key)!r}{suggestion}", loc, key)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X | None``, ``tuple[X, ...]`` or ``Annotated[...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _model_at(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        current = _model_of(info.annotation) if info is not None else None
    return current


def _nested_unknown_keys(requirements: object) -> list[InitErrorDetails]:
    """Unknown keys in QualificationRequirements and their LocaleValues.

    Those two models are response models (AWS may add keys to them, so they keep unknown keys in
    ``model_extra``); inside a request an unknown key is a typo, so it is refused here, from the
    raw input, whatever else fails.
    """
    errors: list[InitErrorDetails] = []
    if not isinstance(requirements, Sequence) or isinstance(requirements, (str, bytes)):
        return errors
    for i, req in enumerate(requirements):
        loc: tuple[Any, ...] = ("QualificationRequirements", i)
        errors.extend(_extra_keys(req, QualificationRequirement, loc))
        locales = raw_member(req, "locale_values", "LocaleValues")
        if isinstance(locales, Sequence) and not isinstance(locales, (str, bytes)):
            for j, locale in enumerate(locales):
                errors.extend(_extra_keys(locale, Locale, (*loc, "LocaleValues", j)))
    return errors


def _extra_keys(
    data: object, model: type[BaseModel], loc: tuple[Any, ...]
) -> list[InitErrorDetails]:
    if isinstance(data, BaseModel):
        keys = list(data.model_extra or ())
    elif isinstance(data, Mapping):
        known = _known_keys(model)
        # A field given by name and by alias: the name is the extra one, as pydantic reports it.
        keys = [
            key for key in data if key not in known or (key != known[key] and known[key] in data)
        ]
    else:
        return []
    return [_unknown_key(key, model, (*loc, key)) for key in keys]


def _as_init_error(error: Any, model: type[BaseModel]) -> InitErrorDetails:
    loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden":
        return _unknown_key(loc[-1], _model_at(model, loc[:-1]), loc)
    # Without a context, PydanticCustomError keeps the message as it is (braces included).
    return {
        "type": PydanticCustomError(error["type"], str(error["msg"])),
        "loc": loc,
        "input": error.get("input"),
    }


class _Preflight(RequestModel):
    """Collects every violation of a request into one :class:`pydantic.ValidationError`.

    Pydantic skips ``mode="after"`` model validators once a field has failed, so the rules across
    fields are checked on the raw input here, independently of the field errors, and both kinds
    are raised together (one error per violation, each with its code, message and location).
    """

    @model_validator(mode="wrap")
    @classmethod
    def _all_at_once(
        cls, data: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Any:
        if isinstance(data, cls):
            return handler(data)
        environment = info.context.get("environment") if isinstance(info.context, dict) else None
        if environment is not None:
            try:
                environment = Environment(environment)
            except ValueError as exc:
                raise PydanticCustomError(
                    "environment",
                    "The validation context's 'environment' should be {allowed} (any case); "
                    "got {value}",
                    {"allowed": "'production' or 'sandbox'", "value": repr(environment)},
                ) from exc
        data = _materialise(data)
        errors: list[InitErrorDetails] = []
        model = None
        try:
            model = handler(data)
        except ValidationError as exc:
            errors.extend(_as_init_error(e, cls) for e in exc.errors())
        errors.extend(cls._cross_field(data, model))
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        assert model is not None
        if environment is not None:
            model.check_environment(environment)
        return model

    @classmethod
    def _cross_field(cls, data: Any, model: BaseModel | None) -> list[InitErrorDetails]:
        """The rules across fields; ``model`` is the validated request, when it validated."""
        errors: list[InitErrorDetails] = []
        if not isinstance(data, Mapping):
            return errors  # not an object at all: the type error says it all
        fields = cls.model_fields
        if "qualification_requirements" in fields:
            reqs = raw_member(data, "qualification_requirements", "QualificationRequirements")
            errors.extend(_nested_unknown_keys(reqs))
            validated = _validated_requirements(reqs, model)
            errors.extend(_masters_comparators(validated))
            errors.extend(_approval_rates(validated))
        if "hit_layout_id" in fields:
            question = raw_member(data, "question", "Question")
            layout = raw_member(data, "hit_layout_id", "HITLayoutId")
            params = raw_member(data, "hit_layout_parameters", "HITLayoutParameters")
            if (question is None) == (layout is None):
                got = "both" if question is not None else "neither"
                errors.append(
                    init_error(
                        "question_or_layout",
                        f"Exactly one of Question and HITLayoutId is required; got {got}",
                        (),
                        {"Question": question, "HITLayoutId": layout},
                    )
                )
            for field, alias, expected in _POLICIES:
                policy = raw_member(data, field, alias)
                if not isinstance(policy, (Mapping, ReviewPolicy)):
                    continue  # absent, or not an object: the field's own error says it
                name = raw_member(policy, "policy_name", "PolicyName")
                if isinstance(name, str) and name != expected:
                    errors.append(
                        init_error(
                            "review_policy_name",
                            f"{alias} takes the policy {expected}; got {name!r}",
                            (alias, "PolicyName"),
                            name,
                        )
                    )
                elif name == expected:
                    parameters = raw_member(policy, "parameters", "Parameters")
                    errors.extend(review_policy_errors(alias, expected, parameters))
            if params is not None and layout is None:
                errors.append(
                    init_error(
                        "layout_parameters_without_layout",
                        "HITLayoutParameters can only be used with HITLayoutId; got "
                        "HITLayoutParameters without a HITLayoutId",
                        ("HITLayoutParameters",),
                        params,
                    )
                )
        return errors

    def check_environment(self, environment: Environment | str) -> list[str]:
        """Warn (:class:`~mturk_models.QualificationEnvironmentWarning`) for each qualification
        type of the other environment (the Masters IDs differ between production and sandbox);
        return their IDs.
        """
        env = Environment(environment)
        found = []
        for i, req in enumerate(getattr(self, "qualification_requirements", None) or ()):
            owner = MASTERS_ENVIRONMENTS.get(req.qualification_type_id)
            if owner is not None and owner is not env:
                found.append(req.qualification_type_id)
                _warn(
                    f"QualificationRequirements.{i} uses the {owner.value} Masters qualification "
                    f"type {req.qualification_type_id} in a request for {env.value}; Workers "
                    f"there cannot hold it (use masters({env.value!r}))",
                    QualificationEnvironmentWarning,
                )
        return found


_SKIPPED_DIRS: Final = tuple(
    os.path.dirname(os.path.abspath(module.__file__ or "")) + os.sep
    for module in (sys.modules[__name__.rpartition(".")[0]], pydantic)
)


def _warn(message: str, category: type[Warning]) -> None:
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


def _materialise(data: Any) -> Any:
    """Turn a one-shot iterable of requirements into a list, so both passes can read it."""
    if not isinstance(data, Mapping):
        return data
    out = dict(data)
    for key in ("QualificationRequirements", "qualification_requirements"):
        value = out.get(key)
        if isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping, Sequence)):
            out[key] = list(value)
    return out


def _validated_requirements(
    requirements: object, model: BaseModel | None
) -> list[tuple[int, QualificationRequirement]]:
    """Each requirement that validates, with its index; the others have their own errors.

    The request rules below judge validated values, so that what pydantic converts (``"200"``,
    ``200.0``, a deque, bytes) cannot slip past them in a form the raw checks did not expect.
    The validated request's requirements are used as they are; only when the request failed
    is each raw requirement validated on its own.
    """
    if model is not None:
        return list(enumerate(getattr(model, "qualification_requirements", None) or ()))
    if not isinstance(requirements, Sequence) or isinstance(requirements, (str, bytes)):
        return []
    found = []
    for i, req in enumerate(requirements):
        try:
            found.append((i, QualificationRequirement.model_validate(req)))
        except ValidationError:
            continue  # reported by the request's own validation
    return found


def _masters_comparators(
    requirements: list[tuple[int, QualificationRequirement]],
) -> list[InitErrorDetails]:
    errors: list[InitErrorDetails] = []
    for i, req in requirements:
        comparator = req.comparator.value
        error = masters_comparator_error(req.qualification_type_id, comparator)
        if error is not None:
            errors.append(
                {
                    "type": error,
                    "loc": ("QualificationRequirements", i, "Comparator"),
                    "input": comparator,
                }
            )
    return errors


def _approval_rates(
    requirements: list[tuple[int, QualificationRequirement]],
) -> list[InitErrorDetails]:
    return [
        {
            "type": error,
            "loc": ("QualificationRequirements", i, "IntegerValues", index),
            "input": (req.integer_values or ())[index],
        }
        for i, req in requirements
        for index, error in approval_rate_errors(
            req.qualification_type_id, list(req.integer_values or ())
        )
    ]


# --- the Question string ------------------------------------------------------------------------


def _question_document(value: Any) -> Any:
    if isinstance(value, (ExternalQuestion, HTMLQuestion, QuestionForm)):
        return value.to_xml()
    return value


def _check_question(value: str) -> str:
    size = len(value.encode("utf-8", "surrogatepass"))
    if size > MAX_QUESTION_BYTES:
        raise PydanticCustomError(
            "question_size",
            "Question should be at most {limit} bytes encoded as UTF-8, whitespace included; "
            "got {size}",
            {"limit": MAX_QUESTION_BYTES, "size": size},
        )
    try:
        document = parse_question(value, strict=True)
    except QuestionParseError as exc:
        raise PydanticCustomError(
            "question_document",
            "Question should be an ExternalQuestion, HTMLQuestion or QuestionForm document: "
            "{reason}",
            {"reason": str(exc)},
        ) from exc
    if isinstance(document, QuestionForm) and document.retired_elements:
        raise PydanticCustomError(
            "question_retired_element",
            "QuestionForm uses elements MTurk no longer supports (since 12 December 2017: "
            "FileUploadAnswer and Application): {where}",
            {"where": ", ".join(document.retired_elements)},
        )
    if isinstance(document, HTMLQuestion):
        for finding in document.check():
            _warn(f"Question: {finding.message}", HTMLQuestionWarning)
    return value


QuestionString = Annotated[str, AfterValidator(_check_question)]

# --- the request models ---------------------------------------------------------------------------

_REQUIREMENTS_DESCRIPTION = (
    "Conditions that a Worker's Qualifications must meet in order to accept the HIT. A HIT can "
    "have between zero and ten Qualification requirements."
)


class _HITTypeFields(_Preflight):
    auto_approval_delay_in_seconds: AutoApprovalDelayInSeconds | None = Field(
        default=None,
        description="The number of seconds after an assignment for the HIT has been submitted, "
        "after which the assignment is considered Approved automatically unless the Requester "
        "explicitly rejects it (0 to 2,592,000, 30 days).",
    )
    assignment_duration_in_seconds: AssignmentDurationInSeconds = Field(
        description="The amount of time, in seconds, that a Worker has to complete the HIT after "
        "accepting it (30 to 31,536,000, 365 days).",
    )
    reward: RequestReward = Field(
        description="The amount of money the Requester will pay a Worker for successfully "
        "completing the HIT (USD, at most two decimals, at least 0.01).",
    )
    title: Title = Field(
        description="The title of the HIT, shown in search results (at most 128 characters).",
    )
    keywords: Keywords | None = Field(
        default=None,
        description="One or more words or phrases that describe the HIT, separated by commas "
        "(at most 1,000 characters).",
    )
    description: Description = Field(
        description="A general description of the HIT (at most 2,000 characters).",
    )
    qualification_requirements: Seq[QualificationRequirement] | None = Field(
        default=None,
        max_length=MAX_QUALIFICATION_REQUIREMENTS,
        description=_REQUIREMENTS_DESCRIPTION,
    )


class _HITFields(_Preflight):
    max_assignments: MaxAssignments | None = Field(
        default=None,
        description="The number of times the HIT can be accepted and completed before the HIT "
        "becomes unavailable (1 to 1,000,000,000).",
    )
    lifetime_in_seconds: LifetimeInSeconds = Field(
        description="An amount of time, in seconds, after which the HIT is no longer available "
        "for users to accept (30 to 31,536,000, 365 days).",
    )
    question: QuestionString | None = Field(
        default=None,
        description="The data the person completing the HIT uses to produce the results: a "
        "QuestionForm, ExternalQuestion or HTMLQuestion document of at most 65,535 bytes. A "
        "question model is turned into its XML. Either Question or HITLayoutId.",
    )
    requester_annotation: RequesterAnnotation | None = Field(
        default=None,
        description="An arbitrary data field, visible only to the Requester (at most 255 "
        "characters).",
    )
    unique_request_token: IdempotencyToken | None = Field(
        default=None,
        description="A unique identifier for this request which allows you to retry the call on "
        "error without creating duplicate HITs (1 to 64 characters).",
    )
    assignment_review_policy: ReviewPolicy | None = Field(
        default=None,
        description="The Assignment-level Review Policy (ScoreMyKnownAnswers/2011-09-01).",
    )
    hit_review_policy: ReviewPolicy | None = Field(
        default=None,
        alias="HITReviewPolicy",
        description="The HIT-level Review Policy (SimplePlurality/2011-09-01).",
    )
    hit_layout_id: EntityId | None = Field(
        default=None,
        alias="HITLayoutId",
        description="The ID of a pre-existing HIT design with placeholder values; either "
        "Question or HITLayoutId.",
    )
    hit_layout_parameters: Seq[HITLayoutParameter] | None = Field(
        default=None,
        alias="HITLayoutParameters",
        description="Values for the placeholders of the HITLayoutId's layout.",
    )

    @field_validator("question", mode="before")
    @classmethod
    def _question_model(cls, value: Any) -> Any:
        return _question_document(value)


class CreateHITTypeRequest(_HITTypeFields):
    """The parameters of ``client.create_hit_type(**kwargs)``, checked before sending.

    >>> CreateHITTypeRequest(title="Tag", description="Tag images", reward="0.1",
    ...                      assignment_duration_in_seconds=300).to_boto3()["Reward"]
    '0.10'
    """


class CreateHITRequest(_HITTypeFields, _HITFields):
    """The parameters of ``client.create_hit(**kwargs)``, checked before sending.

    Every violation is reported in one :class:`pydantic.ValidationError`. Pass
    ``context={"environment": "production"}`` to ``model_validate`` (or call
    :meth:`check_environment`) to be warned about qualification types of the other environment.

    >>> from pydantic import ValidationError
    >>> try:
    ...     CreateHITRequest.model_validate({"Title": "x" * 129, "Description": "d",
    ...         "Reward": "$0.10", "LifetimeInSeconds": 60,
    ...         "AssignmentDurationInSeconds": 60, "HITLayoutId": "3LAYOUT"})
    ... except ValidationError as exc:
    ...     sorted(e["type"] for e in exc.errors())
    ['currency_amount', 'string_too_long']
    """


class CreateHITWithHITTypeRequest(_HITFields):
    """The parameters of ``client.create_hit_with_hit_type(**kwargs)``, checked before sending.

    >>> CreateHITWithHITTypeRequest(hit_type_id="3HITTYPE", lifetime_in_seconds=3600,
    ...     hit_layout_id="3LAYOUT").to_boto3()["HITTypeId"]
    '3HITTYPE'
    """

    hit_type_id: EntityId = Field(
        alias="HITTypeId", description="The HIT type ID you want to create this HIT with."
    )
