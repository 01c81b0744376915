"""CreateHIT, CreateHITType and CreateHITWithHITType requests: a pre-flight that rejects what MTurk
would, reporting every violation at once.

botocore's own client-side validation checks only required members, types and minimums, so a bad
comparator, ``Reward="$0.10"`` or a 100-character UniqueRequestToken travel to MTurk and fail
there. These models take the exact keyword arguments of ``client.create_hit(**kwargs)`` (or the
snake_case names), check every documented rule, and give the kwargs back with ``to_boto3()``.
They are :class:`~mturk_models.api._preflight.Request` models: every violation at once, unknown
keys refused at any depth, and the rules across fields declared in ``__rules__`` (the review
policy rules of ``api.reviews``, the requirement rules of ``api.qualifications``).

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
* Reward: botocore ``CurrencyAmount`` pattern ``^[0-9]+(\\.)?[0-9]{0,2}$``. No minimum: no API
  page states one, and AWS's own Python sample (aws-samples/mturk-code-samples) creates a HIT
  with ``Reward="0.00"``, so 0.00 is accepted (as the HIT model reads it back).
* QualificationRequirements: 0 to 10 (API reference 2017-01-17, CreateHIT and HIT data structure).
* Question: "must not be larger than 64 kilobytes (65,535 bytes) in size, including whitespace"
  (API reference 2017-01-17, CreateHIT and CreateHITWithHITType, "Constraints"; botocore's member
  documentation says the same, and its shape has no ``max``). The limit is stated in bytes, so it
  is measured as UTF-8 bytes (the encoding of the request body). Real use contradicts it: the
  project's issue 11 reports HTMLQuestions of 69 KB and 78 KB posted through a widely used tool in
  2020 and answered (the HITs themselves could not be found again in public data), and at that
  size they are over the limit whether it counts bytes or characters. So a larger Question is a
  :class:`~mturk_models.QuestionSizeWarning`, not an error. No
  FileUploadAnswer and no Application in a QuestionForm (API reference, "Data Structure Schema
  Locations": retired on 12 December 2017).
* AssignmentReviewPolicy and HITReviewPolicy: the documented policy name, and its Parameters as
  the Assignment Review Policies and HIT Review Policies pages list them (known keys, each once,
  Values or MapEntries, integer ranges, required keys; sources in ``api.reviews``).

>>> req = CreateHITRequest.model_validate({
...     "Title": "Tag an image", "Description": "Pick the best tag", "Reward": "0.05",
...     "LifetimeInSeconds": 3600, "AssignmentDurationInSeconds": 600,
...     "Question": ExternalQuestion(external_url="https://example.com/t", frame_height=0),
... })
>>> req.to_boto3()["Reward"]
'0.05'
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Final

from pydantic import AfterValidator, BaseModel, Field, Strict, field_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._base import Structure
from .._errors import init_error, warn_at_caller
from .._types import EntityId, IdempotencyToken, Reward, Seq, Text
from ..documents.questions import (
    ExternalQuestion,
    HTMLQuestion,
    QuestionForm,
    parse_question,
)
from ..enums import Environment
from ..exceptions import HTMLQuestionWarning, QuestionParseError, QuestionSizeWarning
from ._preflight import RawRequest, Request, Rule
from .hits import MAX_QUALIFICATION_REQUIREMENTS
from .qualifications import (
    QualificationRequirement,
    environment_warnings,
    qualification_requirement_rules,
)
from .reviews import ReviewPolicy, review_policy_rule

__all__ = [
    "MAX_QUESTION_BYTES",
    "CreateHITRequest",
    "CreateHITTypeRequest",
    "CreateHITWithHITTypeRequest",
    "HITLayoutParameter",
]

MAX_QUESTION_BYTES: Final = 65_535
"""CreateHIT Question: "must not be larger than 64 kilobytes (65,535 bytes) in size, including
whitespace" (API reference 2017-01-17, CreateHIT and CreateHITWithHITType)."""

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


# --- nested request structures ------------------------------------------------------------------


class HITLayoutParameter(Structure):
    """A value for one placeholder of a HIT layout (unknown keys are refused inside a request).

    >>> HITLayoutParameter(name="image_url", value="https://example.com/1.png").to_boto3()
    {'Name': 'image_url', 'Value': 'https://example.com/1.png'}
    """

    name: Text = Field(
        description="The name of the parameter in the HITLayout.",
    )
    value: Text = Field(
        description="The value substituted for the parameter referenced in the HITLayout."
    )


# --- the rules across fields of CreateHIT and CreateHITWithHITType -------------------------------


def _question_or_layout(raw: RawRequest, model: BaseModel | None) -> list[InitErrorDetails]:
    """Exactly one of Question and HITLayoutId (API reference, CreateHIT)."""
    question, layout = raw.member("question"), raw.member("hit_layout_id")
    if (question is None) != (layout is None):
        return []
    got = "both" if question is not None else "neither"
    return [
        init_error(
            "question_or_layout",
            f"Exactly one of Question and HITLayoutId is required; got {got}",
            (),
            {raw.alias("question"): question, raw.alias("hit_layout_id"): layout},
        )
    ]


def _layout_parameters_need_a_layout(
    raw: RawRequest, model: BaseModel | None
) -> list[InitErrorDetails]:
    """HITLayoutParameters only with a HITLayoutId (API reference, CreateHIT)."""
    params = raw.member("hit_layout_parameters")
    if params is None or raw.member("hit_layout_id") is not None:
        return []
    return [
        init_error(
            "layout_parameters_without_layout",
            "HITLayoutParameters can only be used with HITLayoutId; got HITLayoutParameters "
            "without a HITLayoutId",
            (raw.alias("hit_layout_parameters"),),
            params,
        )
    ]


_HIT_RULES: Final[tuple[Rule, ...]] = (
    _question_or_layout,
    _layout_parameters_need_a_layout,
    review_policy_rule("assignment_review_policy"),
    review_policy_rule("hit_review_policy"),
)


# --- the Question string ------------------------------------------------------------------------


def _question_document(value: Any) -> Any:
    if isinstance(value, (ExternalQuestion, HTMLQuestion, QuestionForm)):
        return value.to_xml()
    return value


def _check_question(value: str) -> str:
    size = len(value.encode("utf-8", "surrogatepass"))
    if size > MAX_QUESTION_BYTES:
        warn_at_caller(
            f"Question is {size:,} bytes as UTF-8, over the {MAX_QUESTION_BYTES:,} bytes the API "
            "reference states (larger HTMLQuestions have been accepted, but MTurk may refuse it)",
            QuestionSizeWarning,
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
            warn_at_caller(f"Question: {finding.message}", HTMLQuestionWarning)
    return value


QuestionString = Annotated[str, AfterValidator(_check_question)]

# --- the request models ---------------------------------------------------------------------------

_REQUIREMENTS_DESCRIPTION = (
    "Conditions that a Worker's Qualifications must meet in order to accept the HIT. A HIT can "
    "have between zero and ten Qualification requirements."
)


class _HITTypeFields(Request):
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
    reward: Reward = Field(
        description="The amount of money the Requester will pay a Worker for successfully "
        "completing the HIT (USD, at most two decimals; 0.00 is accepted).",
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

    def check_environment(self, environment: Environment | str) -> list[str]:
        """Warn (:class:`~mturk_models.QualificationEnvironmentWarning`) for each qualification
        type of the other environment (the Masters IDs differ between production and sandbox);
        return their IDs. ``context={"environment": ...}`` runs the same check while validating.
        """
        return environment_warnings(
            self.qualification_requirements or (), environment, "QualificationRequirements"
        )


class _HITFields(Request):
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
        "QuestionForm, ExternalQuestion or HTMLQuestion document (over 65,535 bytes: a "
        "QuestionSizeWarning). A "
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

    __rules__: ClassVar[tuple[Rule, ...]] = qualification_requirement_rules()


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

    __rules__: ClassVar[tuple[Rule, ...]] = (*_HIT_RULES, *qualification_requirement_rules())


class CreateHITWithHITTypeRequest(_HITFields):
    """The parameters of ``client.create_hit_with_hit_type(**kwargs)``, checked before sending.

    >>> CreateHITWithHITTypeRequest(hit_type_id="3HITTYPE", lifetime_in_seconds=3600,
    ...     hit_layout_id="3LAYOUT").to_boto3()["HITTypeId"]
    '3HITTYPE'
    """

    __rules__: ClassVar[tuple[Rule, ...]] = _HIT_RULES

    hit_type_id: EntityId = Field(
        alias="HITTypeId", description="The HIT type ID you want to create this HIT with."
    )

    def check_environment(self, environment: Environment | str) -> list[str]:
        """No qualification requirements here (they belong to the HIT type): always ``[]``; the
        environment is still checked to be ``production`` or ``sandbox``."""
        Environment(environment)
        return []
