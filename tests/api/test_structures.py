"""What every Structure shares: wrong input refused, text that JSON can carry, plain to_boto3(),
hashing, a short repr and a readable JSON Schema. Driven by every public Structure, so models
added later are covered without a list to keep."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import Field, ValidationError
from pydantic.alias_generators import to_snake
from tests.conftest import expect_error

import mturk_models
import mturk_models.testing
from mturk_models import (
    HIT,
    Assignment,
    BonusPayment,
    GetAssignmentResponse,
    ListAssignmentsForHITResponse,
    ListHITsResponse,
    Locale,
)
from mturk_models._base import Structure, _registry
from mturk_models.api._page import ResponseMetadata

METADATA = {
    "RequestId": "2b0d6b0c-6c39-4b5b-9a55-3f1c1b8f0d7e",
    "HTTPStatusCode": 200,
    "HTTPHeaders": {"content-type": "application/x-amz-json-1.1", "date": "Fri, 17 Sep 2021"},
    "RetryAttempts": 0,
}


def public_structures() -> list[type[Structure]]:
    found = [getattr(mturk_models, name) for name in mturk_models.__all__]
    models = [m for m in found if isinstance(m, type) and issubclass(m, Structure)]
    return sorted({*models, ResponseMetadata}, key=lambda m: m.__name__)


STRUCTURES = public_structures()


def strategy_for(model: type[Structure]) -> st.SearchStrategy[Any]:
    """The plural-named strategy of ``mturk_models.testing`` (``hits()``), else the empty model."""
    name = to_snake(model.__name__.replace("HITs", "Hits").replace("HIT", "Hit")) + "s"
    found = getattr(mturk_models.testing, name, None)
    if found is not None:
        return found()
    if any(field.is_required() for field in model.model_fields.values()):
        pytest.skip(f"no strategy {name}() for {model.__name__}, which has required members")
    return st.just(model())


def aliases(model: type[Structure]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def takes_text(annotation: Any) -> bool:
    """A text field: ``str`` (constrained or not), possibly optional."""
    options = getattr(annotation, "__args__", None) if annotation is not str else None
    return annotation is str or (
        options is not None and str in options and getattr(annotation, "__origin__", 0) is not dict
    )


# --- wrong input is an error, not an empty object --------------------------------------------


def test_registry_has_every_public_structure() -> None:
    assert set(STRUCTURES) <= set(_registry())
    assert not {cls.__name__ for cls in _registry()} & {"Structure", "Response", "Page"}


def test_whole_response_given_as_its_item() -> None:
    response = {"Assignment": {"AssignmentId": "3A"}, "HIT": {}, "ResponseMetadata": METADATA}
    error = expect_error(Assignment, response, "wrong_structure", "GetAssignmentResponse")
    assert "response['Assignment']" in error["msg"]
    error = expect_error(HIT, {"HIT": {"HITId": "3H"}}, "wrong_structure", "GetHITResponse")
    assert "response['HIT']" in error["msg"]


def test_a_page_given_as_its_item_points_to_iter_items() -> None:
    page = {"Assignments": [], "NumResults": 0, "NextToken": "t"}
    error = expect_error(Assignment, page, "wrong_structure", "ListAssignmentsForHITResponse")
    assert "iter_items" in error["msg"]


def test_a_hit_given_as_an_assignment() -> None:
    hit = {"HITId": "3H", "HITTypeId": "3T", "Title": "t", "Reward": "0.50", "MaxAssignments": 3}
    expect_error(Assignment, hit, "wrong_structure", "looks like a HIT")
    # an assignment given as a bonus payment: they share AssignmentId and WorkerId
    assignment = {"AssignmentId": "3A", "WorkerId": "A1", "AssignmentStatus": "Approved"}
    expect_error(BonusPayment, assignment, "wrong_structure", "an Assignment")


def test_an_item_given_as_its_response() -> None:
    error = expect_error(
        GetAssignmentResponse, {"AssignmentId": "3A"}, "wrong_structure", "an Assignment"
    )
    assert "put it under 'Assignment'" in error["msg"]
    expect_error(ListHITsResponse, {"Assignments": []}, "wrong_structure", "ListAssignmentsFor")


def test_keys_of_nothing_known() -> None:
    error = expect_error(Assignment, {"foo": 1, "bar": 2}, "wrong_structure", "none of its members")
    assert "'bar', 'foo'" in error["msg"]


@pytest.mark.parametrize(
    ("data", "wrong", "right"),
    [
        ({"AssignmentID": "3A"}, "AssignmentID", "AssignmentId"),
        ({"assignmentid": "3A"}, "assignmentid", "AssignmentId"),
        ({"assignmentId": "3A", "WorkerId": "A1"}, "assignmentId", "AssignmentId"),  # with others
        ({"HitId": "3H", "AssignmentId": "3A"}, "HitId", "HITId"),
        ({"Hit_Id": "3H"}, "Hit_Id", "HITId"),
        ({"submitTime": "2021-09-17T20:28:00Z"}, "submitTime", "SubmitTime"),
    ],
)
def test_a_key_spelt_like_a_member_is_an_error_with_a_suggestion(
    data: dict[str, Any], wrong: str, right: str
) -> None:
    error = expect_error(Assignment, data, "member_spelling", "did you mean")
    assert repr(wrong) in error["msg"]
    assert repr(right) in error["msg"]


def test_nested_wrong_input_is_located() -> None:
    with pytest.raises(ValidationError) as info:
        ListAssignmentsForHITResponse.model_validate(
            {"Assignments": [{"AssignmentId": "3A"}, {"assignmentID": "3B"}]}
        )
    (error,) = info.value.errors()
    assert (error["type"], error["loc"]) == ("member_spelling", ("Assignments", 1))


def test_unknown_members_next_to_real_ones_are_kept() -> None:
    assignment = Assignment.model_validate({"AssignmentId": "3A", "WorkTimeInSeconds": 4})
    assert assignment.model_extra == {"WorkTimeInSeconds": 4}
    hit = HIT.model_validate({"HITId": "3H", "NumberOfSimilarHITs": 2})
    assert hit.model_extra == {"NumberOfSimilarHITs": 2}
    # a member given twice (alias and attribute name) is not a misspelling
    assert Locale.model_validate({"Country": "US", "country": "US"}).country == "US"


@pytest.mark.parametrize("model", STRUCTURES, ids=lambda m: m.__name__)
def test_every_structure_refuses_wrong_keys_and_accepts_empty(model: type[Structure]) -> None:
    # A structure with required members (Locale, QualificationRequirement) reports them missing
    # first: its model-level check runs only once its fields validate.
    required = any(field.is_required() for field in model.model_fields.values())
    if not required:
        assert model.model_validate({}) == model()  # sparse data stays valid
    expected = {"missing", "wrong_structure"} if required else {"wrong_structure"}
    with pytest.raises(ValidationError) as info:
        model.model_validate({"ZzNotAMemberOfAnything": 1})
    assert {error["type"] for error in info.value.errors()} <= expected
    members = set(model.model_fields) | set(aliases(model))
    expected = {"missing", "member_spelling"} if required else {"member_spelling"}
    for alias in aliases(model):
        for wrong in (alias.lower(), alias.upper()):
            if wrong in members:
                continue  # the attribute name itself: valid
            with pytest.raises(ValidationError) as info:
                model.model_validate({wrong: None})
            assert {error["type"] for error in info.value.errors()} <= expected, wrong


def test_structures_added_later_are_recognised() -> None:
    class Later(Structure):
        __module__ = "mturk_models.api.later"  # as if the library had it
        later_only_member: str | None = Field(default=None, description="x")

    try:
        expect_error(Assignment, {"LaterOnlyMember": "x"}, "wrong_structure", "a Later")
    finally:
        del Later
        _registry.cache_clear()


# --- text: a lone surrogate is refused everywhere ---------------------------------------------


@pytest.mark.parametrize("model", STRUCTURES, ids=lambda m: m.__name__)
def test_every_text_field_refuses_a_lone_surrogate(model: type[Structure]) -> None:
    for name, field in model.model_fields.items():
        if not takes_text(field.annotation):
            continue
        alias = field.alias or name
        with pytest.raises(ValidationError) as info:
            model.model_validate({alias: "ok \ud800"})
        codes = {error["type"] for error in info.value.errors() if error["loc"][:1] == (alias,)}
        assert codes & {"text_surrogate", "string_unicode", "string_pattern_mismatch"}, (
            name,
            codes,
        )


@pytest.mark.parametrize(
    "data",
    [
        {"RequesterFeedback": "ok \udc00 ok"},
        {"Answer": "\ud83d"},  # half of an emoji, as a truncated JSON string gives it
        {"AssignmentId": "3A", "Note": "\ud800"},
        {"AssignmentId": "3A", "Deep": [{"k": ["\udfff"]}]},
        {"AssignmentId": "3A", "Deep": {"\ud800": 1}},
    ],
)
def test_lone_surrogates_in_fields_and_unknown_keys(data: dict[str, Any]) -> None:
    error = expect_error(Assignment, data, "text_surrogate", "lone surrogate U\\+D[89A-F]")
    assert "position" in error["msg"]


def test_header_names_and_values_refuse_a_lone_surrogate() -> None:
    for headers in ({"x-amz": "\ud800"}, {"\udc00": "v"}):
        error = expect_error(
            ResponseMetadata, {"HTTPHeaders": headers}, "text_surrogate", "lone surrogate"
        )
        assert error["loc"][0] == "HTTPHeaders"


@pytest.mark.parametrize("number", [float("nan"), float("inf"), -float("inf")])
def test_unknown_numbers_json_cannot_carry_are_refused(number: float) -> None:
    expect_error(Assignment, {"AssignmentId": "3A", "X": [number]}, "non_finite_number", "finite")


def test_a_member_given_as_none_is_not_a_member() -> None:
    # to_boto3() would leave RequestId out and keep only the other key: refused at once
    expect_error(ResponseMetadata, {"RequestId": None, "Foo": 1}, "wrong_structure", "none of")


def test_text_that_utf8_carries_is_kept() -> None:
    text = "caf\u00e9 \U0001f600 \u65e5\u672c \u00a0"
    assignment = Assignment.model_validate({"RequesterFeedback": text, "X": text})
    assert assignment.requester_feedback == text
    assert Assignment.model_validate_json(assignment.model_dump_json()) == assignment


# --- hashing ------------------------------------------------------------------------------------


def test_envelopes_with_response_metadata_are_hashable() -> None:
    one = GetAssignmentResponse.model_validate({"Assignment": {}, "ResponseMetadata": METADATA})
    two = GetAssignmentResponse.model_validate({"Assignment": {}, "ResponseMetadata": METADATA})
    assert one == two
    assert hash(one) == hash(two)
    assert len({one, two}) == 1
    headers = one.response_metadata.http_headers if one.response_metadata else None
    assert headers == METADATA["HTTPHeaders"]
    with pytest.raises(TypeError):
        headers["x"] = "y"  # type: ignore[index]


@pytest.mark.parametrize("model", STRUCTURES, ids=lambda m: m.__name__)
@settings(max_examples=15)
@given(data=st.data())
def test_every_structure_is_hashable(model: type[Structure], data: st.DataObject) -> None:
    instance = data.draw(strategy_for(model))
    assert hash(instance) == hash(model.model_validate(instance.to_boto3()))


# --- to_boto3: plain values -----------------------------------------------------------------


@pytest.mark.parametrize("model", STRUCTURES, ids=lambda m: m.__name__)
@settings(max_examples=25)
@given(data=st.data())
def test_to_boto3_is_plain_and_round_trips(model: type[Structure], data: st.DataObject) -> None:
    import json

    yaml = pytest.importorskip("yaml")
    instance = data.draw(strategy_for(model))
    plain = instance.to_boto3()
    assert model.model_validate(plain) == instance
    assert json.loads(json.dumps(plain)) == plain
    assert yaml.safe_load(yaml.safe_dump(plain)) == plain
    assert all_plain(plain)


def all_plain(value: Any) -> bool:
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            assert all(type(key) is str for key in current)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
        else:
            assert current is None or type(current) in (str, int, float, bool), type(current)
    return True


def test_to_boto3_gives_boto3s_values() -> None:
    raw = {
        "HITId": "3H",
        "HITStatus": "Assignable",
        "Reward": "0.5",
        "CreationTime": "2021-09-17T13:28:00-07:00",
        "QualificationRequirements": [{"QualificationTypeId": "3Q", "Comparator": "Exists"}],
    }
    plain = HIT.model_validate(raw).to_boto3()
    assert plain == {
        "HITId": "3H",
        "HITStatus": "Assignable",  # a str, not the enum member
        "Reward": "0.50",  # botocore's CurrencyAmount is a string
        "CreationTime": "2021-09-17T20:28:00Z",  # ISO 8601 in UTC, the same instant
        "QualificationRequirements": [{"QualificationTypeId": "3Q", "Comparator": "Exists"}],
    }
    assert type(plain["HITStatus"]) is str


# --- repr ---------------------------------------------------------------------------------------


def test_long_text_is_shortened_in_the_repr_only() -> None:
    answer = "<QuestionFormAnswers>" + "x" * 10_000 + "</QuestionFormAnswers>"
    assignment = Assignment.model_validate({"AssignmentId": "3A", "Answer": answer})
    text = repr(assignment)
    assert len(text) < 400
    assert "10,043 characters" in text
    assert "assignment_id='3A'" in text
    assert assignment.answer == answer  # the data is whole
    hit = HIT.model_validate({"Question": "q" * 5000, "Title": "short"})
    assert len(repr(hit)) < 200
    assert "title='short'" in repr(hit)
    assert "5,000 characters" in str(hit)
    assert "hit_id" not in repr(hit)  # fields that are None are left out of the repr


def test_short_text_is_shown_whole() -> None:
    assert "requester_feedback='Thanks!'" in repr(
        Assignment.model_validate({"RequesterFeedback": "Thanks!"})
    )


# --- JSON Schema --------------------------------------------------------------------------------


@pytest.mark.parametrize("model", STRUCTURES, ids=lambda m: m.__name__)
def test_json_schema_titles_read_well_and_descriptions_have_no_doctests(
    model: type[Structure],
) -> None:
    schema = model.model_json_schema()
    for definition in iter_schemas(schema):
        assert ">>>" not in definition.get("description", ""), definition.get("title")
        for name, prop in definition.get("properties", {}).items():
            if "$ref" in prop:  # a required enum: pydantic gives the reference, not a title
                continue
            title = prop["title"]
            assert re.fullmatch(r"[A-Z][A-Za-z0-9]*( [A-Z0-9][A-Za-z0-9]*)*", title), title
            assert title.replace(" ", "") == name, (title, name)


def iter_schemas(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield schema
    yield from schema.get("$defs", {}).values()


def test_json_schema_examples() -> None:
    schema = Assignment.model_json_schema()
    assert schema["properties"]["AssignmentId"]["title"] == "Assignment Id"
    assert schema["properties"]["HITId"]["title"] == "HIT Id"
    assert schema["description"].startswith("A single assignment of a HIT to a Worker")
    hit = HIT.model_json_schema()
    assert hit["properties"]["NumberOfAssignmentsPending"]["title"] == (
        "Number Of Assignments Pending"
    )
    meta = ResponseMetadata.model_json_schema()
    assert meta["properties"]["HTTPStatusCode"]["title"] == "HTTP Status Code"


# --- any input gives a model or a ValidationError -------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=3)
    ),
    max_leaves=12,
)


def _keys(model: type[Structure]) -> st.SearchStrategy[str]:
    """Members, their near misses and other keys: the inputs the checks must tell apart."""
    members = aliases(model)
    names = set(model.model_fields) - set(members)
    # Attribute names are left out: a member given under both its botocore name and its
    # attribute name keeps the second among the unknown keys (pydantic's rule; requests refuse
    # it as duplicate_key).
    return (
        st.sampled_from(members)
        | st.sampled_from(members).map(str.lower)
        | st.sampled_from(["ResponseMetadata", "Assignment", "HITs", "NextToken", "Foo"])
        | st.text(max_size=12)
    ).filter(lambda key: key not in names)


@pytest.mark.parametrize("model", STRUCTURES, ids=lambda m: m.__name__)
@settings(max_examples=40)
@given(data=st.data())
def test_any_mapping_gives_a_model_or_a_validation_error(
    model: type[Structure], data: st.DataObject
) -> None:
    raw = data.draw(st.dictionaries(_keys(model), _JSON, max_size=5))
    try:
        result = model.model_validate(raw)
    except ValidationError as exc:
        message = str(exc)  # the message can be built
    else:
        message = ""
    if message:
        return
    assert model.model_validate_json(result.model_dump_json()) == result
    # to_boto3() leaves out None values (boto3 never gives null), unknown ones included
    plain = result.to_boto3()
    assert model.model_validate(plain).to_boto3() == plain


@pytest.mark.parametrize("model", STRUCTURES, ids=lambda m: m.__name__)
@settings(max_examples=15)
@given(data=st.data())
def test_json_round_trip(model: type[Structure], data: st.DataObject) -> None:
    instance = data.draw(strategy_for(model))
    assert model.model_validate_json(instance.model_dump_json()) == instance


def test_archive_readers_skip_the_structural_rules_but_not_the_text_rules() -> None:
    from mturk_models._base import ARCHIVED

    echoed = {"Request": {"IsValid": "True"}}  # a legacy CreateHIT echo: the HIT's only element
    with pytest.raises(ValidationError):
        HIT.model_validate(echoed)
    assert HIT.model_validate(echoed, context={ARCHIVED: True}).model_extra == echoed
    with pytest.raises(ValidationError) as info:
        HIT.model_validate({"Request": "\ud800"}, context={ARCHIVED: True})
    assert info.value.errors()[0]["type"] == "text_surrogate"


def test_inside_a_request_the_pre_flight_reports_unknown_keys() -> None:
    from mturk_models._base import inside_request

    with inside_request():
        assert HIT.model_validate({"Foo": 1}).model_extra == {"Foo": 1}
    with pytest.raises(ValidationError):
        HIT.model_validate({"Foo": 1})
