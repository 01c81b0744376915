"""Qualifications: the behaviours that mutation testing found no test for.

Each test pins what a user relies on and what no other test noticed when it changed in
``api/qualifications.py``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from pydantic import ValidationError

from mturk_models import (
    MASTERS_PRODUCTION,
    MASTERS_SANDBOX,
    NUMBER_HITS_APPROVED,
    PERCENT_ASSIGNMENTS_APPROVED,
    WORKER_LOCALE,
    ActionsGuarded,
    AnswerKeyParseError,
    CreateHITTypeRequest,
    CreateQualificationTypeRequest,
    Environment,
    InputError,
    Locale,
    QualificationEnvironmentWarning,
    QualificationRequest,
    QualificationRequirement,
    QualificationType,
    QuestionParseError,
    RequestWarning,
    UpdateQualificationTypeRequest,
    adult_content,
    approval_rate_at_least,
    hits_approved_at_least,
    locale_in,
    locale_not_in,
    masters,
    parse_answer_key,
    parse_question,
)
from mturk_models._types import Seq
from mturk_models.api._preflight import Request, Rule
from mturk_models.api.qualifications import (
    approval_rate_errors,
    environment_warnings,
    masters_comparator_error,
    qualification_requirement_rules,
    qualification_test_rule,
)

FORM_NS = (
    "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd"
)
CREATE = {"Name": "Arithmetic", "Description": "One sum", "QualificationTypeStatus": "Active"}
UPDATE = {"QualificationTypeId": "3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O"}


def form(content: str) -> str:
    return (
        f'<QuestionForm xmlns="{FORM_NS}"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
        f"<QuestionContent>{content}</QuestionContent><AnswerSpecification><FreeTextAnswer/>"
        "</AnswerSpecification></Question></QuestionForm>"
    )


# --- builders ---------------------------------------------------------------------------------

BUILDERS: list[tuple[str, Callable[..., QualificationRequirement]]] = [
    ("approval_rate_at_least", lambda **kw: approval_rate_at_least(95, **kw)),
    ("hits_approved_at_least", lambda **kw: hits_approved_at_least(10, **kw)),
    ("locale_in one", lambda **kw: locale_in("US", **kw)),
    ("locale_in several", lambda **kw: locale_in("US", "CA-QC", **kw)),
    ("locale_not_in one", lambda **kw: locale_not_in(("US", "WA"), **kw)),
    ("locale_not_in several", lambda **kw: locale_not_in("US", Locale(country="CA"), **kw)),
    ("masters", lambda **kw: masters("sandbox", **kw)),
    ("adult_content", lambda **kw: adult_content(**kw)),
]


@pytest.mark.parametrize(("name", "build"), BUILDERS, ids=[name for name, _ in BUILDERS])
@pytest.mark.parametrize("actions", [*ActionsGuarded, None])
def test_every_builder_keeps_the_actions_guarded_it_is_given(
    name: str, build: Callable[..., QualificationRequirement], actions: ActionsGuarded | None
) -> None:
    assert build(actions_guarded=actions).actions_guarded is actions


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: approval_rate_at_least(101), "approval_rate_range"),
        (lambda: approval_rate_at_least(True), "approval_rate_range"),
        (lambda: hits_approved_at_least(-1), "hits_approved_range"),
        (lambda: hits_approved_at_least(2**31), "hits_approved_range"),
        (lambda: locale_in(("US", "WA", "x")), "locale_spec_tuple"),
        (lambda: locale_not_in(7), "locale_spec_type"),
        (lambda: masters("staging"), "masters_environment"),
    ],
)
def test_builder_errors_carry_their_stable_code(call: Callable[[], object], code: str) -> None:
    with pytest.raises(InputError) as info:
        call()
    assert info.value.code == code


@pytest.mark.parametrize("count", [2**31, "10", 1.5])
def test_hits_approved_at_least_says_an_int_of_at_most_32_bits(count: object) -> None:
    """Anything but a non-negative int is told the type and the 32-bit maximum (only a
    negative int is told it is negative), and never leaks a TypeError from the comparison."""
    with pytest.raises(InputError, match=r"count must be an int of at most 2147483647 \("):
        hits_approved_at_least(count)  # type: ignore[arg-type]


# --- the Test document ----------------------------------------------------------------------


@pytest.mark.parametrize("model", [CreateQualificationTypeRequest, UpdateQualificationTypeRequest])
def test_a_new_test_is_held_to_todays_rules_not_the_archived_ones(model: type) -> None:
    """A Test is a new document: read with today's rules (as CreateHIT reads a Question), so
    XHTML that only archived documents may carry (``<s>``, which the schema allowed) is refused,
    although the same form reads as an archived document."""
    test = form("<FormattedContent><![CDATA[<p><s>old</s> new</p>]]></FormattedContent>")
    parse_question(test)  # an archived QuestionForm may carry it
    base = CREATE if model is CreateQualificationTypeRequest else UPDATE
    with pytest.raises(ValidationError) as info:
        model.model_validate({**base, "Test": test, "TestDurationInSeconds": 60})
    [error] = info.value.errors()
    assert (error["type"], error["loc"]) == ("test_document", ("Test",))
    assert "<s>" in error["msg"]


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        (
            '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
            '2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<p>x</p>]]></HTMLContent>'
            "<FrameHeight>0</FrameHeight></HTMLQuestion>",
            "HTMLQuestion",
        ),
        (
            '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/'
            'AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>'
            "https://example.com/</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>",
            "ExternalQuestion",
        ),
    ],
)
def test_a_test_of_another_kind_says_which_kind_it_is(document: str, kind: str) -> None:
    """A valid question document that is not a QuestionForm: the error names its kind."""
    with pytest.raises(ValidationError) as info:
        CreateQualificationTypeRequest.model_validate(
            {**CREATE, "Test": document, "TestDurationInSeconds": 60}
        )
    [error] = info.value.errors()
    assert error["type"] == "test_document"
    assert error["msg"].endswith(f"; got an {kind}")


def test_a_retired_element_in_a_test_is_named_with_its_question() -> None:
    """The error says which retired element the Test uses and in which question."""
    upload = (
        "<FileUploadAnswer><MaxFileSizeInBytes>100</MaxFileSizeInBytes>"
        "<MinFileSizeInBytes>1</MinFileSizeInBytes></FileUploadAnswer>"
    )
    test = (
        '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
        '2005-10-01/QuestionForm.xsd"><Question><QuestionIdentifier>q7</QuestionIdentifier>'
        f"<QuestionContent><Text>x</Text></QuestionContent><AnswerSpecification>{upload}"
        "</AnswerSpecification></Question></QuestionForm>"
    )
    with pytest.raises(ValidationError) as info:
        CreateQualificationTypeRequest.model_validate(
            {**CREATE, "Test": test, "TestDurationInSeconds": 60}
        )
    [error] = info.value.errors()
    assert error["type"] == "test_retired_element"
    assert error["msg"] == (
        "Test uses elements MTurk no longer supports (since 12 December 2017: FileUploadAnswer "
        "and Application): FileUploadAnswer in question 'q7'"
    )


@pytest.mark.parametrize(
    ("member", "code"), [("Test", "test_size"), ("AnswerKey", "answer_key_size")]
)
def test_a_document_over_the_limit_is_told_its_size_in_bytes(member: str, code: str) -> None:
    """The size error gives the member, the limit and the measured UTF-8 size."""
    padding = "<!--" + "\u00e9" * 40_000 + "-->"  # 80,000 bytes, 40,000 characters
    test = FREE_TEXT_TEST.replace("</QuestionForm>", padding + "</QuestionForm>")
    key = key_for("q1").replace("</AnswerKey>", padding + "</AnswerKey>")
    data = {**CREATE, "TestDurationInSeconds": 60}
    data |= {"Test": test} if member == "Test" else {"Test": FREE_TEXT_TEST, "AnswerKey": key}
    size = len((test if member == "Test" else key).encode("utf-8"))
    with pytest.raises(ValidationError) as info:
        CreateQualificationTypeRequest.model_validate(data)
    [error] = info.value.errors()
    assert (error["type"], error["loc"]) == (code, (member,))
    assert error["msg"] == f"{member} should be at most 65535 bytes encoded as UTF-8; got {size}"


# --- warnings for members MTurk ignores -----------------------------------------------------


def test_the_ignored_member_warnings_say_what_is_ignored_and_why() -> None:
    """The whole sentence of each RequestWarning: it is all the user sees of a member that
    MTurk will ignore."""
    with pytest.warns(RequestWarning) as caught:
        CreateQualificationTypeRequest.model_validate({**CREATE, "TestDurationInSeconds": 60})
    assert [str(w.message) for w in caught] == [
        "TestDurationInSeconds is ignored without a Test: the Qualification type has no test "
        "to time"
    ]
    with pytest.warns(RequestWarning) as caught:
        CreateQualificationTypeRequest.model_validate({**CREATE, "AutoGrantedValue": 3})
    assert [str(w.message) for w in caught] == [
        "AutoGrantedValue is used only if AutoGranted is true; it is ignored here"
    ]


# --- the AnswerKey against its Test -----------------------------------------------------------

KEY_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd"
FREE_TEXT_TEST = form("<Text>2 + 2?</Text>")


def key_for(question: str) -> str:
    return (
        f'<AnswerKey xmlns="{KEY_NS}"><Question><QuestionIdentifier>{question}'
        "</QuestionIdentifier><AnswerOption><SelectionIdentifier>a</SelectionIdentifier>"
        "<AnswerScore>1</AnswerScore></AnswerOption></Question></AnswerKey>"
    )


@pytest.mark.parametrize("model", [CreateQualificationTypeRequest, UpdateQualificationTypeRequest])
def test_an_answer_key_that_scores_a_question_the_test_lacks_is_refused(model: type) -> None:
    """The key is checked against the Test it comes with (``AnswerKey.check``): a question the
    Test does not have is an error located at AnswerKey, with the question as its input."""
    base = CREATE if model is CreateQualificationTypeRequest else UPDATE
    data = {**base, "Test": FREE_TEXT_TEST, "TestDurationInSeconds": 60, "AnswerKey": key_for("q2")}
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    [error] = info.value.errors()
    assert (error["type"], error["loc"], error["input"]) == (
        "key_question_not_in_test",
        ("AnswerKey",),
        "q2",
    )
    assert error["msg"].startswith("AnswerKey does not fit the Test: ")


def test_an_answer_key_finding_that_is_advice_is_a_warning() -> None:
    """A key that scores a free-text question is valid, but no Worker can match it: the
    finding is a RequestWarning that names its code, and the request is built."""
    data = {
        **CREATE,
        "Test": FREE_TEXT_TEST,
        "TestDurationInSeconds": 60,
        "AnswerKey": key_for("q1"),
    }
    with pytest.warns(RequestWarning) as caught:
        request = CreateQualificationTypeRequest.model_validate(data)
    assert request.answer_key == key_for("q1")
    [warning] = caught
    message = str(warning.message)
    assert message.startswith("AnswerKey: The key scores question 'q1'")
    assert message.endswith(" [key_question_not_selection]")


def test_an_answer_key_model_becomes_its_xml() -> None:
    """An AnswerKey model is accepted where the document is, and sent as its XML."""
    test = (
        f'<QuestionForm xmlns="{FORM_NS}"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
        "<QuestionContent><Text>Pick one</Text></QuestionContent><AnswerSpecification>"
        "<SelectionAnswer><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier>"
        "<Text>A</Text></Selection></Selections></SelectionAnswer></AnswerSpecification>"
        "</Question></QuestionForm>"
    )
    key = parse_answer_key(key_for("q1"))
    request = CreateQualificationTypeRequest.model_validate(
        {**CREATE, "Test": test, "TestDurationInSeconds": 60, "AnswerKey": key}
    )
    assert request.to_boto3()["AnswerKey"] == key.to_xml()
    assert parse_answer_key(request.to_boto3()["AnswerKey"]) == key


# --- the comparator rules: code, context and sentence of each ---------------------------------

TYPE = "3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O"
US = {"Country": "US"}
COMPARATOR_RULES: list[tuple[dict[str, Any], str, dict[str, Any] | None, str]] = [
    (
        {"Comparator": "In", "IntegerValues": [1], "LocaleValues": [US], "locale": True},
        "comparator_mixed_values",
        {"ints": 1, "locales": 1},
        "IntegerValues and LocaleValues cannot be used together; got 1 IntegerValues and 1 "
        "LocaleValues",
    ),
    (
        {"Comparator": "EqualTo", "LocaleValues": [US]},
        "locale_values_type",
        {"type_id": TYPE},
        f"LocaleValues can only be used with the Worker_Locale qualification type "
        f"{WORKER_LOCALE}; got QualificationTypeId {TYPE}",
    ),
    (
        {"Comparator": "EqualTo", "IntegerValues": [1], "locale": True},
        "integer_values_worker_locale",
        None,
        f"IntegerValues cannot be used with the Worker_Locale qualification type {WORKER_LOCALE}; "
        "compare locales with LocaleValues",
    ),
    (
        {"Comparator": "Exists", "IntegerValues": [1]},
        "comparator_no_values",
        {"comparator": "Exists", "ints": 1, "locales": 0},
        "Exists takes no values; got 1 IntegerValues and 0 LocaleValues",
    ),
    (
        {"Comparator": "DoesNotExist", "LocaleValues": [US], "locale": True},
        "comparator_no_values",
        {"comparator": "DoesNotExist", "ints": 0, "locales": 1},
        "DoesNotExist takes no values; got 0 IntegerValues and 1 LocaleValues",
    ),
    (
        {"Comparator": "LessThan", "LocaleValues": [US], "locale": True},
        "comparator_locale_values",
        {"comparator": "LessThan", "locales": 1},
        "LessThan compares integers and cannot take LocaleValues; got 1",
    ),
    (
        {"Comparator": "GreaterThan", "IntegerValues": [1, 2]},
        "relational_integer_count",
        {"comparator": "GreaterThan", "ints": 2},
        "GreaterThan takes exactly 1 IntegerValue; got 2",
    ),
    (
        {"Comparator": "EqualTo", "IntegerValues": [1, 2]},
        "equality_value_count",
        {"comparator": "EqualTo", "ints": 2, "locales": 0},
        "EqualTo takes exactly 1 IntegerValue or 1 LocaleValue; got 2 IntegerValues and 0 "
        "LocaleValues",
    ),
    (
        {"Comparator": "NotIn"},
        "in_value_count",
        {"comparator": "NotIn", "limit": 15, "locale_limit": 30},
        "NotIn takes 1 to 15 IntegerValues or 1 to 30 LocaleValues; got none",
    ),
    (
        {"Comparator": "In", "LocaleValues": [US] * 31, "locale": True},
        "in_locale_count",
        {"comparator": "In", "limit": 30, "locales": 31},
        "In takes 1 to 30 LocaleValues; got 31",
    ),
    (
        {"Comparator": "In", "IntegerValues": list(range(16))},
        "in_integer_count",
        {"comparator": "In", "limit": 15, "ints": 16},
        "In takes 1 to 15 IntegerValues; got 16",
    ),
]


@pytest.mark.parametrize(
    ("data", "code", "context", "message"),
    COMPARATOR_RULES,
    ids=[f"{code}-{data['Comparator']}" for data, code, _, _ in COMPARATOR_RULES],
)
def test_each_comparator_rule_reports_its_code_counts_and_sentence(
    data: dict[str, Any], code: str, context: dict[str, Any] | None, message: str
) -> None:
    """The counts a program reads from the error's context, and the sentence a person reads."""
    fields = {k: v for k, v in data.items() if k != "locale"}
    type_id = WORKER_LOCALE if data.get("locale") else TYPE
    with pytest.raises(ValidationError) as info:
        QualificationRequirement.model_validate({"QualificationTypeId": type_id, **fields})
    [error] = info.value.errors()
    assert (error["type"], error.get("ctx"), error["msg"]) == (code, context, message)


# --- the rules across a qualification test's members ------------------------------------------

TEST_RULES: list[tuple[type, dict[str, Any], str, str, Any, str]] = [
    (
        CreateQualificationTypeRequest,
        {**CREATE, "Test": FREE_TEXT_TEST},
        "test_without_duration",
        "TestDurationInSeconds",
        None,
        'A Test needs TestDurationInSeconds ("If this parameter is specified, '
        'TestDurationInSeconds must also be specified"); got none',
    ),
    (
        UpdateQualificationTypeRequest,
        {**UPDATE, "Test": FREE_TEXT_TEST, "TestDurationInSeconds": 60, "AutoGranted": True},
        "test_with_auto_granted",
        "AutoGranted",
        True,
        'AutoGranted cannot be true with a Test ("If the Test parameter is specified, this '
        'parameter cannot be true"); got AutoGranted true',
    ),
    (
        CreateQualificationTypeRequest,
        {**CREATE, "AnswerKey": key_for("q1")},
        "answer_key_without_test",
        "AnswerKey",
        key_for("q1"),
        "An AnswerKey needs the Test it answers; got an AnswerKey without a Test",
    ),
    (
        UpdateQualificationTypeRequest,
        {**UPDATE, "TestDurationInSeconds": 5},
        "test_duration_without_test",
        "TestDurationInSeconds",
        5,
        'UpdateQualificationType changes TestDurationInSeconds only with a Test ("you must '
        'specify a Test parameter with the original questions"); got no Test',
    ),
]


@pytest.mark.parametrize(
    ("model", "data", "code", "member", "given", "message"),
    TEST_RULES,
    ids=[rule[2] for rule in TEST_RULES],
)
def test_each_test_rule_reports_its_member_input_and_sentence(
    model: type, data: dict[str, Any], code: str, member: str, given: Any, message: str
) -> None:
    """Each rule of a qualification test: its code, the member it locates, what was given
    there, and the sentence (quoting the API reference) that says why."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    [error] = info.value.errors()
    assert (error["type"], error["loc"], error["input"], error["msg"]) == (
        code,
        (member,),
        given,
        message,
    )


def test_an_answer_key_error_carries_the_parsers_reason() -> None:
    """The answer_key_document error gives the AnswerKey parser's own reason verbatim."""
    with pytest.raises(AnswerKeyParseError) as parsed:
        parse_answer_key("<AnswerKey/>")
    data = {**CREATE, "Test": FREE_TEXT_TEST, "TestDurationInSeconds": 60}
    with pytest.raises(ValidationError) as info:
        CreateQualificationTypeRequest.model_validate({**data, "AnswerKey": "<AnswerKey/>"})
    [error] = info.value.errors()
    assert error["type"] == "answer_key_document"
    assert error["msg"] == f"AnswerKey should be an AnswerKey document: {parsed.value}"


def test_a_test_rule_error_and_an_answer_key_error_come_together() -> None:
    """Every violation at once: a Test without its duration and a key that does not fit it
    are two errors, neither hiding the other."""
    data = {**CREATE, "Test": FREE_TEXT_TEST, "AnswerKey": key_for("q2")}
    with pytest.raises(ValidationError) as info:
        CreateQualificationTypeRequest.model_validate(data)
    assert sorted(error["type"] for error in info.value.errors()) == [
        "key_question_not_in_test",
        "test_without_duration",
    ]


HTML_QUESTION = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<p>x</p>]]></HTMLContent>'
    "<FrameHeight>0</FrameHeight></HTMLQuestion>"
)


@pytest.mark.parametrize("model", [QualificationType, QualificationRequest])
def test_parse_test_names_the_owner_of_a_test_that_is_not_a_form(model: type) -> None:
    """A stored Test that is another kind of question document: the error says whose Test it
    is and what kind it is."""
    owner = model(test=HTML_QUESTION)
    with pytest.raises(QuestionParseError) as info:
        owner.parse_test()
    assert str(info.value) == (
        f"a {model.__name__}'s Test should be a QuestionForm document; got HTMLQuestion"
    )
    assert model(test=FREE_TEXT_TEST).parse_test() == parse_question(FREE_TEXT_TEST)


def test_the_request_rules_judge_requirements_given_as_a_generator() -> None:
    """The Masters and approval-rate rules judge the validated requirements, so that a
    one-shot iterable (consumed by validation) is judged as a list would be."""
    requirements = [
        {"QualificationTypeId": MASTERS_PRODUCTION, "Comparator": "EqualTo", "IntegerValues": [1]},
        {
            "QualificationTypeId": PERCENT_ASSIGNMENTS_APPROVED,
            "Comparator": "GreaterThan",
            "IntegerValues": [101],
        },
    ]
    data = {
        "Title": "Tag",
        "Description": "Tag images",
        "Reward": "0.05",
        "AssignmentDurationInSeconds": 600,
        "QualificationRequirements": (requirement for requirement in requirements),
    }
    with pytest.raises(ValidationError) as info:
        CreateHITTypeRequest.model_validate(data)
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [
        ("masters_comparator", ("QualificationRequirements", 0, "Comparator")),
        ("approval_rate_range", ("QualificationRequirements", 1, "IntegerValues", 0)),
    ]


@pytest.mark.parametrize("container", [set, frozenset, lambda items: dict.fromkeys(items).keys()])
def test_the_masters_rule_judges_requirements_given_in_any_container(
    container: Callable[[list[QualificationRequirement]], Any],
) -> None:
    """A set (or a dict view) of requirement models is judged as a list would be."""
    wrong = QualificationRequirement(
        qualification_type_id=MASTERS_PRODUCTION, comparator="EqualTo", integer_values=[1]
    )
    data = {
        "Title": "Tag",
        "Description": "Tag images",
        "Reward": "0.05",
        "AssignmentDurationInSeconds": 600,
        "QualificationRequirements": container([wrong]),
    }
    with pytest.raises(ValidationError) as info:
        CreateHITTypeRequest.model_validate(data)
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [
        ("masters_comparator", ("QualificationRequirements", 0, "Comparator"))
    ]


# --- the rule factories, called where a request class is declared -----------------------------
# The request models of the library call qualification_requirement_rules() and
# qualification_test_rule() once, when their module is imported; these tests declare their own
# request classes, so that what the factories return is judged by its behaviour.

MASTERS_EQUAL_TO = {
    "QualificationTypeId": MASTERS_PRODUCTION,
    "Comparator": "EqualTo",
    "IntegerValues": [1],
}
RATE_101 = {
    "QualificationTypeId": PERCENT_ASSIGNMENTS_APPROVED,
    "Comparator": "GreaterThan",
    "IntegerValues": [101],
}
HIT_TYPE = {
    "Title": "Tag",
    "Description": "Tag images",
    "Reward": "0.05",
    "AssignmentDurationInSeconds": 600,
}


class Gate(Request):
    """A request whose requirements member has another name: the rules follow ``field``."""

    entry_requirements: Seq[QualificationRequirement] | None = None
    __rules__: ClassVar[tuple[Rule, ...]] = qualification_requirement_rules("entry_requirements")


def test_the_requirement_rules_judge_the_member_they_are_given() -> None:
    """Each rule reads the member named by ``field`` and locates its errors under its key."""
    with pytest.raises(ValidationError) as info:
        Gate.model_validate({"EntryRequirements": [MASTERS_EQUAL_TO, RATE_101]})
    assert [(e["type"], e["loc"], e["input"]) for e in info.value.errors()] == [
        ("masters_comparator", ("EntryRequirements", 0, "Comparator"), "EqualTo"),
        ("approval_rate_range", ("EntryRequirements", 1, "IntegerValues", 0), 101),
    ]
    assert Gate.model_validate({}).entry_requirements is None
    with pytest.warns(QualificationEnvironmentWarning, match=r"^EntryRequirements\.0 uses"):
        Gate.model_validate(
            {
                "EntryRequirements": [
                    {"QualificationTypeId": MASTERS_SANDBOX, "Comparator": "Exists"}
                ]
            },
            context={"environment": "production"},
        )
    preview = {"QualificationTypeId": "3A", "Comparator": "Exists"}
    preview |= {"RequiredToPreview": True, "ActionsGuarded": "Accept"}
    with pytest.warns(RequestWarning, match=r"^EntryRequirements\.0: RequiredToPreview"):
        Gate.model_validate({"EntryRequirements": [preview]})


def test_the_requirement_rules_default_to_the_qualification_requirements_member() -> None:
    """Without ``field``: the four rules of a request's QualificationRequirements member."""

    class HITType(CreateHITTypeRequest):
        __rules__: ClassVar[tuple[Rule, ...]] = qualification_requirement_rules()

    assert len(HITType.__rules__) == 4
    data = {**HIT_TYPE, "QualificationRequirements": [MASTERS_EQUAL_TO, RATE_101]}
    with pytest.raises(ValidationError) as info:
        HITType.model_validate(data)
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [
        ("masters_comparator", ("QualificationRequirements", 0, "Comparator")),
        ("approval_rate_range", ("QualificationRequirements", 1, "IntegerValues", 0)),
    ]


@pytest.mark.parametrize("update", [False, True])
def test_the_test_rule_is_the_update_rule_only_when_asked(update: bool) -> None:
    """``qualification_test_rule(update=True)`` refuses a TestDurationInSeconds without a Test;
    ``update=False`` only warns that it is ignored."""

    class Declared(UpdateQualificationTypeRequest):
        __rules__: ClassVar[tuple[Rule, ...]] = (qualification_test_rule(update=update),)

    data = {**UPDATE, "TestDurationInSeconds": 5}
    if update:
        with pytest.raises(ValidationError) as info:
            Declared.model_validate(data)
        assert [e["type"] for e in info.value.errors()] == ["test_duration_without_test"]
    else:
        with pytest.warns(RequestWarning, match="TestDurationInSeconds is ignored"):
            Declared.model_validate(data)


# --- the environment warning ------------------------------------------------------------------


def test_a_masters_type_of_the_other_environment_is_warned_with_its_place() -> None:
    """A request for production that asks for the sandbox Masters type: the warning names the
    member and index, the type, both environments and the builder to use."""
    other = {"QualificationTypeId": "3A", "Comparator": "Exists"}
    sandbox = {"QualificationTypeId": MASTERS_SANDBOX, "Comparator": "DoesNotExist"}
    data = {**HIT_TYPE, "QualificationRequirements": [other, sandbox]}
    with pytest.warns(QualificationEnvironmentWarning) as caught:
        CreateHITTypeRequest.model_validate(data, context={"environment": "production"})
    assert [str(w.message) for w in caught] == [
        f"QualificationRequirements.1 uses the sandbox Masters qualification type "
        f"{MASTERS_SANDBOX} in a request for production; Workers there cannot hold it (use "
        "masters('production'))"
    ]


@pytest.mark.parametrize(
    "context", [{"environment": "sandbox"}, None, {}], ids=["same", "no-context", "no-env"]
)
def test_no_environment_warning_without_a_mismatch(context: dict[str, str] | None) -> None:
    """The sandbox Masters type sent to the sandbox, or with no environment known: no warning;
    no requirements at all: nothing to judge."""
    sandbox = {"QualificationTypeId": MASTERS_SANDBOX, "Comparator": "Exists"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CreateHITTypeRequest.model_validate(
            {**HIT_TYPE, "QualificationRequirements": [sandbox]}, context=context
        )
        CreateHITTypeRequest.model_validate(HIT_TYPE, context={"environment": "production"})


def test_no_environment_warning_for_a_refused_request() -> None:
    """A request that fails is told its errors, not warned about its environment."""
    sandbox = {"QualificationTypeId": MASTERS_SANDBOX, "Comparator": "Exists"}
    data = {**HIT_TYPE, "Reward": "x", "QualificationRequirements": [sandbox]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValidationError):
            CreateHITTypeRequest.model_validate(data, context={"environment": "production"})


def test_environment_warnings_returns_the_foreign_masters_ids() -> None:
    """``environment_warnings`` returns the IDs it warned about, in order, and warns once each;
    the environment may be given as text."""
    requirements = [
        QualificationRequirement(qualification_type_id=MASTERS_SANDBOX, comparator="Exists"),
        QualificationRequirement(qualification_type_id=MASTERS_PRODUCTION, comparator="Exists"),
        approval_rate_at_least(90),
        QualificationRequirement(qualification_type_id=MASTERS_SANDBOX, comparator="Exists"),
    ]
    with pytest.warns(QualificationEnvironmentWarning) as caught:
        found = environment_warnings(requirements, "production", "Reqs")
    assert found == [MASTERS_SANDBOX, MASTERS_SANDBOX]
    assert [str(w.message).split(" uses ")[0] for w in caught] == ["Reqs.0", "Reqs.3"]
    with pytest.warns(QualificationEnvironmentWarning) as caught:
        found = environment_warnings(requirements, Environment.SANDBOX, "Reqs")
    assert found == [MASTERS_PRODUCTION]
    assert [str(w.message) for w in caught] == [
        f"Reqs.1 uses the production Masters qualification type {MASTERS_PRODUCTION} in a "
        "request for sandbox; Workers there cannot hold it (use masters('sandbox'))"
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert environment_warnings(requirements[2:3], "production", "Reqs") == []


# --- the request rules' errors: input and sentence ---------------------------------------------


def test_approval_rate_errors_holds_0_and_100_and_names_the_value() -> None:
    """0 and 100 are percentages, -1 and 101 are not; bools and non-integers are left to their
    own errors; another type is not judged at all."""
    assert approval_rate_errors(PERCENT_ASSIGNMENTS_APPROVED, [0, 100, 95, True, "x", 1.5]) == []
    found = approval_rate_errors(PERCENT_ASSIGNMENTS_APPROVED, (-1, 50, 101))
    assert [(i, e.type, e.context) for i, e in found] == [
        (0, "approval_rate_range", {"value": -1}),
        (2, "approval_rate_range", {"value": 101}),
    ]
    assert str(found[1][1]) == (
        "Worker_PercentAssignmentsApproved is a percentage: its IntegerValues should be 0 to 100; "
        "got 101"
    )
    assert approval_rate_errors(NUMBER_HITS_APPROVED, [101]) == []
    assert approval_rate_errors(PERCENT_ASSIGNMENTS_APPROVED, 101) == []


def test_the_masters_comparator_error_is_the_whole_sentence() -> None:
    error = masters_comparator_error(MASTERS_PRODUCTION, "In")
    assert error is not None
    assert str(error) == (
        "A Masters qualification requirement must use Exists or DoesNotExist; got 'In'"
    )


def test_the_preview_warning_is_the_whole_sentence() -> None:
    preview = {"QualificationTypeId": "3A", "Comparator": "Exists"}
    preview |= {"RequiredToPreview": True, "ActionsGuarded": "PreviewAndAccept"}
    with pytest.warns(RequestWarning) as caught:
        CreateHITTypeRequest.model_validate({**HIT_TYPE, "QualificationRequirements": [preview]})
    assert [str(w.message) for w in caught] == [
        'QualificationRequirements.0: RequiredToPreview true is deprecated and "should not be '
        'used in combination with" ActionsGuarded (PreviewAndAccept); MTurk may follow either: '
        "give ActionsGuarded alone"
    ]


# --- builders: the edges and the whole sentence --------------------------------------------------


def test_builder_errors_are_whole_sentences_that_show_the_value() -> None:
    with pytest.raises(InputError) as info:
        approval_rate_at_least(101)
    assert str(info.value) == (
        "approval_rate_at_least: percent must be 0 to 100; got 101 (an int is required: the "
        "requirement's IntegerValue)"
    )
    with pytest.raises(InputError) as info:
        locale_in("CA", ("US", "WA", "x"))
    assert str(info.value) == (
        "locale_in: locale 1 should be (country,) or (country, subdivision); got a tuple of 3 "
        "items ('US', 'WA', 'x')"
    )


def test_hits_approved_at_least_takes_the_32_bit_maximum() -> None:
    assert hits_approved_at_least(2**31 - 1).integer_values == (2**31 - 1,)


# --- the Test document: the sentences ------------------------------------------------------------


def test_a_test_that_is_no_document_says_so_with_the_parsers_reason() -> None:
    with pytest.raises(QuestionParseError) as parsed:
        parse_question("<QuestionForm", strict=True)
    with pytest.raises(ValidationError) as info:
        CreateQualificationTypeRequest.model_validate(
            {**CREATE, "Test": "<QuestionForm", "TestDurationInSeconds": 60}
        )
    [error] = info.value.errors()
    assert error["type"] == "test_document"
    assert error["msg"] == f"Test should be a QuestionForm document: {parsed.value}"


def test_a_test_of_another_kind_is_the_whole_sentence() -> None:
    with pytest.raises(ValidationError) as info:
        CreateQualificationTypeRequest.model_validate(
            {**CREATE, "Test": HTML_QUESTION, "TestDurationInSeconds": 60}
        )
    [error] = info.value.errors()
    assert error["msg"] == (
        'Test should be a QuestionForm document ("Must be a QuestionForm data structure"); got '
        "an HTMLQuestion"
    )


def test_every_retired_element_of_a_test_is_listed() -> None:
    upload = (
        "<FileUploadAnswer><MaxFileSizeInBytes>100</MaxFileSizeInBytes>"
        "<MinFileSizeInBytes>1</MinFileSizeInBytes></FileUploadAnswer>"
    )
    questions = "".join(
        f"<Question><QuestionIdentifier>{q}</QuestionIdentifier><QuestionContent><Text>x</Text>"
        f"</QuestionContent><AnswerSpecification>{upload}</AnswerSpecification></Question>"
        for q in ("q1", "q2")
    )
    test = (
        '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
        f'2005-10-01/QuestionForm.xsd">{questions}</QuestionForm>'
    )
    with pytest.raises(ValidationError) as info:
        CreateQualificationTypeRequest.model_validate(
            {**CREATE, "Test": test, "TestDurationInSeconds": 60}
        )
    [error] = info.value.errors()
    assert error["type"] == "test_retired_element"
    assert error["msg"].endswith(
        "): FileUploadAnswer in question 'q1', FileUploadAnswer in question 'q2'"
    )
