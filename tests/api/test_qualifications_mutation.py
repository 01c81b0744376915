"""Qualifications: the behaviours that mutation testing found no test for.

Each test pins what a user relies on and what no other test noticed when it changed in
``api/qualifications.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from mturk_models import (
    MASTERS_PRODUCTION,
    PERCENT_ASSIGNMENTS_APPROVED,
    WORKER_LOCALE,
    ActionsGuarded,
    AnswerKeyParseError,
    CreateHITTypeRequest,
    CreateQualificationTypeRequest,
    InputError,
    Locale,
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
