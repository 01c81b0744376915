"""Export for analysis: wide and long rows, CSV, JSON Lines, pandas, streaming."""

from __future__ import annotations

import csv
import errno
import io
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.conftest import data_path, load_jsonl

from mturk_models import (
    HIT,
    LONG_COLUMNS,
    WIDE_COLUMNS,
    Assignment,
    BatchResultRow,
    CrowdAnswerError,
    ExportError,
    FreeTextAnswer,
    GetAssignmentResponse,
    ListAssignmentsForHITResponse,
    QuestionFormAnswers,
    SelectionAnswer,
    UploadedFileAnswer,
    parse_answers,
    parse_legacy_response,
    read_batch_csv,
    to_dataframe,
    to_rows,
    wide_columns,
    write_csv,
    write_jsonl,
)
from mturk_models import export as export_module
from mturk_models.cli._output import write_json
from mturk_models.export import _csv_line, _general_wide, _plain_wide, json_default, json_line
from mturk_models.testing import answer_texts, batch_result_rows, question_form_answers

UTC = timezone.utc


class _Kind(str, Enum):
    FREE = "free"


NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"


def answers_xml(*answers: str) -> str:
    return f'<QuestionFormAnswers xmlns="{NS}">{"".join(answers)}</QuestionFormAnswers>'


def free(name: str, text: str) -> str:
    identifier = f"<QuestionIdentifier>{name}</QuestionIdentifier>"
    return f"<Answer>{identifier}<FreeText>{text}</FreeText></Answer>"


def assignment(answer: str, **fields: object) -> Assignment:
    data = {"AssignmentId": "3A", "WorkerId": "AW1", "HITId": "3H", "Answer": answer, **fields}
    return Assignment.model_validate(data)


def legacy_assignments() -> ListAssignmentsForHITResponse:
    page = parse_legacy_response(data_path("legacy_01.xml").read_text("utf-8"))
    assert isinstance(page, ListAssignmentsForHITResponse)
    return page


# --- wide rows --------------------------------------------------------------------------------


def test_wide_row_of_a_legacy_assignment_with_every_answer_kind() -> None:
    (row,) = to_rows([legacy_assignments()])
    assert list(row)[: len(WIDE_COLUMNS)] == list(WIDE_COLUMNS)
    assert row["AssignmentId"] == "2YRFYQS1CSTMONWZ4QVIF1EYFYOLOD"
    assert row["WorkerId"] == "A2Z5DGE9WH1YMC"
    assert row["HITId"] == "2OM6OQ1SNQQ7QE68WZHKFNR1FW7Q67"
    assert row["AssignmentStatus"] == "Submitted"
    assert row["AcceptTime"] == datetime(2014, 1, 1, 23, 50, 26, tzinfo=UTC)
    assert row["ApprovalTime"] is None
    assert row["WorkTimeInSeconds"] == 24
    assert row["Answer.001"] == "2013-14-02"
    assert row["Answer.003"] == "C1"
    assert row["Answer.004"] == (
        "A2Z5DGE9WH1YMC/2OM6OQ1SNQQ7QE68WZHKFNR1FW7Q67/2YRFYQS1CSTMONWZ4QVIF1EYFYOLOD/004/"
        "chimpton2.jpg"
    )
    assert row["Answer.004.size"] == 315012


def test_wide_rows_of_real_boto3_assignments() -> None:
    found = [Assignment.model_validate(raw) for raw in load_jsonl("boto3_01.jsonl")]
    rows = list(to_rows(found))
    assert len(rows) == 3
    first = rows[0]
    assert first["AssignmentId"] == "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR"
    assert first["SubmitTime"] == datetime(2021, 9, 17, 20, 28, tzinfo=UTC)
    assert first["WorkTimeInSeconds"] == 40 * 60 + 29
    assert first["Answer.instruction_quality_q1"] == "1.0"
    answer_columns = [column for column in first if column.startswith("Answer.")]
    assert len(answer_columns) == 38
    assert "" in rows[2].values()  # <FreeText/> is an empty string, not a missing value


def test_selections_other_text_none_selected_and_repeated_identifiers() -> None:
    xml = answers_xml(
        "<Answer><QuestionIdentifier>color</QuestionIdentifier>"
        "<SelectionIdentifier>red</SelectionIdentifier><SelectionIdentifier>blue</SelectionIdentifier>"
        "<OtherSelectionText>teal</OtherSelectionText></Answer>",
        "<Answer><QuestionIdentifier>size</QuestionIdentifier></Answer>",
        free("topic", "a"),
        free("topic", "b"),
    )
    (row,) = to_rows([assignment(xml)])
    assert row["Answer.color"] == "red|blue"
    assert row["Answer.color.other"] == "teal"
    assert row["Answer.size"] is None
    assert row["Answer.topic"] == "a|b"
    (row,) = to_rows([assignment(xml)], separator=";", answer_prefix="")
    assert row["color"] == "red;blue"
    long = list(to_rows([assignment(xml)], long=True))
    assert [(r["question"], r["label"]) for r in long] == [
        ("color", "red"),
        ("color", "blue"),
        ("color.other", "teal"),
        ("topic", "a"),
        ("topic", "b"),
    ]
    assert all(list(r) == list(LONG_COLUMNS) for r in long)
    assert {(r["assignment"], r["task"], r["worker"]) for r in long} == {("3A", "3H", "AW1")}


CROWD = '[{"comments":"ok","confidence":{"high":true,"low":false},"tags":{"a":true,"b":true}}]'


def test_crowd_form_assignment_is_expanded_and_folded() -> None:
    crowd = assignment(answers_xml(free("taskAnswers", CROWD.replace("&", "&amp;"))))
    (row,) = to_rows([crowd])
    assert row["Answer.comments"] == "ok"
    assert row["Answer.confidence"] == "high"
    assert row["Answer.tags"] == "a|b"
    (raw,) = to_rows([crowd], fold=False)
    assert raw["Answer.confidence.high"] is True
    assert raw["Answer.confidence.low"] is False
    labels = {(r["question"], r["label"]) for r in to_rows([crowd], long=True)}
    assert labels == {("comments", "ok"), ("confidence", "high"), ("tags", "a"), ("tags", "b")}
    several = assignment(answers_xml(free("taskAnswers", '[{"q":"x"},{"q":"y"}]')))
    (row,) = to_rows([several])
    assert (row["Answer.0.q"], row["Answer.1.q"]) == ("x", "y")


def test_flattened_choices_in_free_text_answers_fold() -> None:
    xml = answers_xml(free("conf.high", "true"), free("conf.low", "false"), free("note", "n"))
    (row,) = to_rows([assignment(xml)])
    assert (row["Answer.conf"], row["Answer.note"]) == ("high", "n")
    (raw,) = to_rows([assignment(xml)], fold=False)
    assert raw["Answer.conf.high"] == "true"


def test_choice_groups_fold_whatever_other_identifiers_repeat() -> None:
    """A repeated identifier (tags) does not stop another question's group from folding."""
    once = answers_xml(free("confidence.high", "on"), free("tags", "x"))
    twice = answers_xml(free("confidence.high", "on"), free("tags", "x"), free("tags", "y"))
    for xml, tags in ((once, "x"), (twice, "x|y")):
        (row,) = to_rows([assignment(xml)])
        assert (row["Answer.confidence"], row["Answer.tags"]) == ("high", tags)
        assert "Answer.confidence.high" not in row
    long = [(r["question"], r["label"]) for r in to_rows([assignment(twice)], long=True)]
    assert long == [("confidence", "high"), ("tags", "x"), ("tags", "y")]
    # A group named like an identifier (repeated or not) is not folded: every value is kept.
    clash = answers_xml(free("tags.a", "on"), free("tags", "x"), free("tags", "y"))
    (row,) = to_rows([assignment(clash)])
    assert (row["Answer.tags.a"], row["Answer.tags"]) == ("on", "x|y")
    # A repeated identifier keeps its name; the derived name of another answer is numbered.
    mixed = answers_xml(selection("c", other="t"), free("c.other", "u"), free("c.other", "v"))
    (row,) = to_rows([assignment(mixed)])
    assert (row["Answer.c.other"], row["Answer.c.other#2"]) == ("u|v", "t")


def test_a_task_answers_key_and_an_answer_column_of_that_name_are_both_kept() -> None:
    """batch_05.csv with an added Answer.comments column: two answers, two columns."""
    with data_path("batch_05.csv").open(encoding="utf-8", newline="") as handle:
        header, *body = list(csv.reader(handle))
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([*header, "Answer.comments"])
    for record in body:
        writer.writerow([*record, *[""] * (len(header) - len(record)), "FROM-COLUMN"])
    text = out.getvalue()
    for fold in (True, False):
        rows = list(read_batch_csv(io.StringIO(text), fold=fold))
        first = next(to_rows(rows, fold=fold))
        assert first["Answer.comments"] == "FROM-COLUMN"  # the column keeps its own name
        task = rows[0].answers["taskAnswers"][0]["comments"]  # type: ignore[index]
        assert first["Answer.comments#2"] == task  # the crowd key is numbered
        long = list(to_rows(rows[:1], long=True, fold=fold))
        assert ("comments", "FROM-COLUMN") in [(r["question"], r["label"]) for r in long]
        assert ("comments#2", task) in [(r["question"], r["label"]) for r in long]
    several = BatchResultRow.model_validate(
        {
            "hit": {"HITId": "3H"},
            "assignment": {"AssignmentId": "3A", "HITId": "3H"},
            "answers": {"taskAnswers": [{"q": "x"}, {"q": "y"}], "0.q": "z"},
        }
    )
    (row,) = to_rows([several])
    assert (row["Answer.0.q"], row["Answer.0.q#2"], row["Answer.1.q"]) == ("z", "x", "y")


def test_batch_rows_carry_inputs_and_folded_answers() -> None:
    rows = list(read_batch_csv(data_path("batch_06.csv")))
    (row,) = to_rows(rows[:1])
    assert row["Input.action"] == "cleaning"
    assert row["Answer.confidence"] == "high"
    assert row["Answer.why"] == "both"
    assert row["Answer.category.labels"] == "[]"
    assert row["WorkTimeInSeconds"] == 150
    crowd = next(iter(read_batch_csv(data_path("batch_04.csv"))))
    (row,) = to_rows([crowd])
    assert row["Answer.reasons-0"] == "remove dirt"
    folded = next(iter(read_batch_csv(data_path("batch_04.csv"), fold=True)))
    assert next(to_rows([folded])) == row
    assert next(to_rows([folded], fold=False))["Answer.reasons-0"] == "remove dirt"


def test_envelopes_are_accepted() -> None:
    response = parse_legacy_response(data_path("legacy_05.xml").read_text("utf-8"))
    assert isinstance(response, GetAssignmentResponse)
    (row,) = to_rows([response, GetAssignmentResponse()])
    assert row["Answer.Q1HasEvents"] == "no"


def _boto3_page() -> dict[str, Any]:
    """A ListAssignmentsForHIT page as boto3 returns it, from the three real assignments."""
    records = load_jsonl("boto3_01.jsonl")
    metadata = {"RequestId": "r1", "HTTPStatusCode": 200}
    return {"NumResults": 3, "Assignments": records, "ResponseMetadata": metadata}


def test_single_responses_and_raw_boto3_data_are_accepted() -> None:
    """A single response, model or boto3 dict, or a paginator's dicts: never "got tuple"."""
    page = _boto3_page()
    ids = [record["AssignmentId"] for record in page["Assignments"]]
    response = {"Assignment": page["Assignments"][0], "HIT": {"HITId": "3H"}}
    model = GetAssignmentResponse.model_validate(response)
    wrapped = ListAssignmentsForHITResponse.model_validate(page)
    cases: list[tuple[Any, list[str]]] = [
        (model, ids[:1]),  # a GetAssignmentResponse model (iterating it gives tuples)
        (response, ids[:1]),  # client.get_assignment(...) as is
        (wrapped, ids),  # one page model
        (page, ids),  # one page as boto3 returns it
        (iter([page, page]), ids + ids),  # a paginator's pages
        ([response, wrapped], ids[:1] + ids),
        (page["Assignments"][1], ids[1:2]),  # an assignment dict
        (model.assignment, ids[:1]),  # one Assignment
    ]
    for items, expected in cases:
        assert [row["AssignmentId"] for row in to_rows(items)] == expected
    frame = to_dataframe(response)
    assert frame["AssignmentId"].tolist() == ids[:1]
    assert wide_columns(page)[: len(WIDE_COLUMNS)] == list(WIDE_COLUMNS)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ("3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR", r"got str \(read a saved file first"),
        (b"{}", r"got bytes \(read a saved file first"),
        (42, r"takes Assignment, .* or an iterable of any of these; got int$"),
        (None, r"; got NoneType$"),
        (HIT(hit_id="3H"), r"; got HIT$"),
        ([{"HIT": {"HITId": "3H"}}], r"item 0: a mapping without Assignments, .*\(its keys: HIT\)"),
        ({"HITs": [], "NextToken": "t"}, r"item 0: .*\(its keys: HITs, NextToken\)"),
        ([Assignment(), "3A"], r"item 1: to_rows takes .*; got str$"),
    ],
)
def test_anything_else_says_what_to_pass(items: Any, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        list(to_rows(items))


def test_bad_items_and_answers_name_the_assignment() -> None:
    with pytest.raises(ValidationError):  # boto3 data is validated as the model it names
        list(to_rows([{"AssignmentId": "3A", "SubmitTime": "not a time"}]))
    with pytest.raises(ExportError, match=r"assignment 3A: its answers cannot be read: "):
        list(to_rows([assignment("<QuestionFormAnswers><Answer>")]))
    with pytest.raises(ExportError, match=r"the column 'HITId' would be written twice"):
        list(to_rows([assignment(answers_xml(free("HITId", "x")))], answer_prefix=""))


def test_to_rows_is_lazy() -> None:
    pulled: list[int] = []

    def source() -> Iterator[Assignment]:
        for number in range(1_000_000):
            pulled.append(number)
            yield assignment(answers_xml(free("q", str(number))))

    rows = to_rows(source())
    assert next(rows)["Answer.q"] == "0"
    assert next(rows)["Answer.q"] == "1"
    assert len(pulled) == 2


# --- writers ----------------------------------------------------------------------------------


def test_write_csv_of_wide_rows_reads_back() -> None:
    out = io.StringIO(newline="")
    assert write_csv(to_rows([legacy_assignments()]), out) == 1
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert row["AcceptTime"] == "2014-01-01T23:50:26+00:00"
    assert row["ApprovalTime"] == ""
    assert row["Answer.004.size"] == "315012"
    assert row["Answer.001"] == "2013-14-02"


def test_write_csv_header_policy() -> None:
    first = assignment(answers_xml(free("a", "1")))
    second = assignment(answers_xml(free("b", "2")))
    with pytest.raises(ExportError, match=r"row 2 has the column\(s\) 'Answer.b', which are not"):
        write_csv(to_rows([first, second]), io.StringIO(), sample=1)
    out = io.StringIO()
    assert write_csv(to_rows([first, second]), out) == 2  # both within the sample
    assert out.getvalue().splitlines()[0].endswith("Answer.a,Answer.b")
    columns = wide_columns([first, second])
    assert columns == [*WIDE_COLUMNS, "Answer.a", "Answer.b"]
    out = io.StringIO()
    assert write_csv(to_rows([first, second]), out, columns=columns, sample=1) == 2
    with pytest.raises(ExportError, match=r"not among the columns given"):
        write_csv(to_rows([second]), io.StringIO(), columns=list(WIDE_COLUMNS))
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert out.getvalue() == ""


def test_write_csv_and_jsonl_to_paths(tmp_path: Path) -> None:
    rows = list(to_rows(read_batch_csv(data_path("batch_07.csv")), long=True))
    assert write_csv(rows, tmp_path / "long.csv") == len(rows)
    with (tmp_path / "long.csv").open(encoding="utf-8", newline="") as handle:
        back = list(csv.DictReader(handle))
    assert [row["label"] for row in back] == [str(row["label"]) for row in rows]
    assert any("\u2019" in row["label"] for row in back)
    assert (
        write_jsonl(to_rows(read_batch_csv(data_path("batch_07.csv"))), tmp_path / "w.jsonl") == 6
    )
    lines = (tmp_path / "w.jsonl").read_text("utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["SubmitTime"] == "2021-04-23T14:29:15+00:00"
    assert first["WorkTimeInSeconds"] == 534
    assert "\u2019" in (tmp_path / "w.jsonl").read_text("utf-8")  # not escaped


def test_write_jsonl_refuses_unknown_types() -> None:
    with pytest.raises(TypeError, match="set is not JSON serialisable"):
        write_jsonl([{"x": {1}}], io.StringIO())


_JSON_VALUES = (
    st.text()  # lone surrogates included: pydantic-core refuses them, the json module writes
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.booleans()
    | st.none()
    | st.datetimes(timezones=st.none() | st.timezones())
)


def _reference_line(row: dict[Any, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=json_default)


@given(st.dictionaries(st.text(), _JSON_VALUES, max_size=12))
def test_json_line_is_the_json_modules_compact_text(row: dict[str, Any]) -> None:
    """The fast path (pydantic-core) writes exactly what the json module writes."""
    assert json_line(row) == _reference_line(row)


def test_json_line_takes_the_fast_path_for_rows_of_to_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = list(to_rows(load_jsonl("boto3_01.jsonl")))
    expected = [_reference_line(row) for row in rows]
    calls: list[dict[str, Any]] = []
    real = pydantic_core.to_json

    def counted(value: dict[str, Any]) -> bytes:
        calls.append(value)
        return real(value)

    monkeypatch.setattr(export_module, "to_json", counted)
    assert [json_line(row) for row in rows] == expected
    assert len(calls) == len(rows)
    assert not any(isinstance(value, datetime) for value in calls[0].values())
    assert '"AcceptTime":"2021-09-17T19:47:31+00:00"' in expected[0]  # UTC stays +00:00


@pytest.mark.parametrize(
    ("row", "line"),
    [
        ({None: 1, 2: "x", True: None}, '{"null":1,"2":"x","true":null}'),  # keys as json writes
        ({"x": 1.5, "y": float("inf")}, '{"x":1.5,"y":Infinity}'),  # floats: the json module
        ({"d": Decimal("0.50"), "t": (1, "a")}, '{"d":"0.50","t":[1,"a"]}'),  # json_default
        ({"s": "\ud800"}, '{"s":"\ud800"}'),  # pydantic-core refuses it; json writes it
        (Counter(a=1), '{"a":1}'),  # a dict subclass
        ({"e": _Kind.FREE}, '{"e":"free"}'),  # a str subclass: the json module's reading
    ],
)
def test_json_line_leaves_other_rows_to_the_json_module(row: dict[Any, Any], line: str) -> None:
    assert json_line(row) == line == _reference_line(row)


def _outcome(write: Any, row: dict[str, Any]) -> tuple[str, str]:
    try:
        return "line", write(row)
    except ValueError as exc:
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("limit", [None, 640, 0])
@pytest.mark.parametrize("digits", [600, 700, 4300, 4301, 5000])
def test_json_line_writes_or_refuses_a_long_int_as_the_json_module_does(
    limit: int | None, digits: int
) -> None:
    """The json module refuses an int longer than Python's int-to-str limit (4,300 digits by
    default, 640 at its lowest, 0 for none) with ValueError; pydantic-core would write it."""
    set_limit = getattr(sys, "set_int_max_str_digits", None)
    if limit is not None and set_limit is None:
        pytest.skip("this Python has no int-to-str limit")
    row = {"n": -(10 ** (digits - 1)), "t": "x", "at": datetime(2021, 4, 23, tzinfo=UTC)}
    before = sys.get_int_max_str_digits() if set_limit is not None else None
    try:
        if limit is not None and set_limit is not None:
            set_limit(limit)
        assert _outcome(json_line, row) == _outcome(_reference_line, row)
    finally:
        if set_limit is not None:
            set_limit(before)


def test_write_json_and_jsonl_agree_line_for_line() -> None:
    rows = list(to_rows(load_jsonl("boto3_01.jsonl")))
    out, array = io.StringIO(), io.StringIO()
    assert write_jsonl(rows, out) == 3
    write_json(rows, array)
    lines = out.getvalue().splitlines()
    assert lines == [json_line(row) for row in rows]
    assert [line.strip().rstrip(",") for line in array.getvalue().splitlines()[1:-1]] == lines
    assert [json.loads(line) for line in lines] == json.loads(array.getvalue())
    assert json.loads(array.getvalue()) == json.loads(json.dumps(rows, default=json_default))


# --- pandas -----------------------------------------------------------------------------------


def test_to_dataframe_wide_and_long() -> None:
    pandas = pytest.importorskip("pandas")
    rows = list(read_batch_csv(data_path("batch_03.csv")))
    frame = to_dataframe(rows)
    assert len(frame) == 5
    assert str(frame["SubmitTime"].dtype).startswith("datetime64[")
    assert str(frame["SubmitTime"].dt.tz) == "UTC"
    assert frame.loc[0, "Answer.opt1"] == "420"
    long = to_dataframe(rows, long=True)
    assert list(long.columns) == list(LONG_COLUMNS)
    assert set(long["task"]) == {"3CESM1J3FM4L63H2S5IR4MWVKK66WV"}
    opt1 = long[long["question"] == "opt1"]
    assert len(opt1) == 5
    assert list(to_dataframe([]).columns) == list(WIDE_COLUMNS)
    assert list(to_dataframe([], long=True).columns) == list(LONG_COLUMNS)
    assert isinstance(frame, pandas.DataFrame)


def test_to_dataframe_times_from_year_1_to_9999() -> None:
    """Outside pandas' nanosecond years (1677 to 2262), also on pandas 2.x."""
    pytest.importorskip("pandas")
    first = datetime(1, 1, 1, tzinfo=UTC)
    last = datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    items = [
        assignment(answers_xml(free("q", "a")), AcceptTime=first, SubmitTime=last),
        assignment(answers_xml(free("q", "b")), AcceptTime=datetime(2021, 3, 1, tzinfo=UTC)),
    ]
    frame = to_dataframe(items)
    for column in ("AcceptTime", "SubmitTime", "RejectionTime"):
        assert str(frame[column].dtype) == "datetime64[us, UTC]", column
    assert frame["AcceptTime"].tolist() == [first, datetime(2021, 3, 1, tzinfo=UTC)]
    assert frame["SubmitTime"].iloc[0] == last
    assert frame["SubmitTime"].isna().tolist() == [False, True]


def test_to_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"needs pandas.*pip install .*pandas"):
        to_dataframe([])


# --- properties -------------------------------------------------------------------------------


@given(batch_result_rows())
def test_long_and_wide_agree(row: BatchResultRow) -> None:
    try:
        (wide,) = to_rows([row], fold=False, separator="\x00")
    except ExportError:  # a taskAnswers key named like an answer column: refused, long too
        with pytest.raises(ExportError, match=r"'taskAnswers[^']*'.* both give the question"):
            list(to_rows([row], long=True, fold=False))
        return
    long = list(to_rows([row], long=True, fold=False))
    for item in long:
        cell = wide[f"Answer.{item['question']}"]
        assert item["label"] == cell or str(item["label"]).lower() in str(cell).lower().split(
            "\x00"
        )
    questions = {item["question"] for item in long}
    for column, value in wide.items():
        if column.startswith("Answer.") and value not in (None, ""):
            assert column.removeprefix("Answer.") in questions
    out = io.StringIO(newline="")
    write_csv([wide], out)
    (back,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert back["AssignmentId"] == row.assignment.assignment_id
    assert set(back) == set(wide)


# --- review fixes -----------------------------------------------------------------------------


def selection(name: str, *chosen: str, other: str | None = None) -> str:
    identifier = f"<QuestionIdentifier>{name}</QuestionIdentifier>"
    body = "".join(f"<SelectionIdentifier>{c}</SelectionIdentifier>" for c in chosen)
    if other is not None:
        body += f"<OtherSelectionText>{other}</OtherSelectionText>"
    return f"<Answer>{identifier}{body}</Answer>"


def upload(name: str) -> str:
    identifier = f"<QuestionIdentifier>{name}</QuestionIdentifier>"
    return (
        f"<Answer>{identifier}<UploadedFileSizeInBytes>5</UploadedFileSizeInBytes>"
        "<UploadedFileKey>k</UploadedFileKey></Answer>"
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            answers_xml(selection("color", "red", other="teal"), free("color.other", "x")),
            [("color", "red"), ("color.other#2", "teal"), ("color.other", "x")],
        ),
        (
            answers_xml(free("f.size", "big"), upload("f")),
            [("f.size", "big"), ("f", "k"), ("f.size#2", 5)],
        ),
        (
            answers_xml(free("taskAnswers", '[{"a": {"b": "1"}, "a.b": "2"}]')),
            [("a.b", "1"), ("a.b#2", "2")],
        ),
        (  # the numbered name is taken too: the next number
            answers_xml(selection("c", other="t"), free("c.other", "u"), free("c.other#2", "v")),
            [("c.other#3", "t"), ("c.other", "u"), ("c.other#2", "v")],
        ),
    ],
    ids=["selection-other", "upload-size", "crowd-nested", "taken"],
)
def test_a_derived_name_equal_to_another_answer_is_numbered(
    answer: str, expected: list[tuple[str, object]]
) -> None:
    """A question's identifier keeps its name; a name made for another answer is numbered."""
    long = [(r["question"], r["label"]) for r in to_rows([assignment(answer)], long=True)]
    assert long == expected
    (row,) = to_rows([assignment(answer)])
    assert [(name, row[f"Answer.{name}"]) for name, _ in expected] == expected


def test_empty_answers_give_no_long_row() -> None:
    """``<FreeText/>`` and empty batch CSV cells: "" in the wide row, no long row."""
    xml = answers_xml(free("note", ""), "<Answer><QuestionIdentifier>e</QuestionIdentifier>"
                      "<FreeText/></Answer>", free("q", "a"))  # fmt: skip
    (row,) = to_rows([assignment(xml)])
    assert (row["Answer.note"], row["Answer.e"], row["Answer.q"]) == ("", "", "a")
    long = list(to_rows([assignment(xml)], long=True))
    assert [(r["question"], r["label"]) for r in long] == [("q", "a")]
    rows = list(read_batch_csv(data_path("batch_06.csv")))
    empty = {(r["AssignmentId"], c) for r in to_rows(rows) for c, v in r.items() if v == ""}
    assert empty
    labels = {(r["assignment"], f"Answer.{r['question']}") for r in to_rows(rows, long=True)}
    assert not empty & labels
    assert all(r["label"] != "" for r in to_rows(rows, long=True))


def test_values_of_one_question_are_still_joined() -> None:
    answer = answers_xml(selection("color", "red", "blue", other="teal"), free("size", "s"))
    row = next(to_rows([assignment(answer)]))
    assert (row["Answer.color"], row["Answer.color.other"]) == ("red|blue", "teal")


def test_empty_time_columns_are_aware_datetimes() -> None:
    frame = to_dataframe([Assignment(assignment_id="3A", worker_id="AW1")])
    empty = to_dataframe([])
    for column in ("AcceptTime", "SubmitTime", "AutoApprovalTime", "ApprovalTime", "RejectionTime"):
        assert str(frame[column].dtype) == "datetime64[us, UTC]", column
        assert str(empty[column].dtype) == "datetime64[us, UTC]", column
    page = legacy_assignments()
    full = to_dataframe([page])
    assert str(full["SubmitTime"].dtype) == "datetime64[us, UTC]"
    assert page.assignments
    assert full["SubmitTime"].iloc[0] == page.assignments[0].submit_time


# --- folding never drops answers ---------------------------------------------------------------


@pytest.mark.parametrize("typed", ["on", "true", "false"])
def test_a_flag_typed_in_an_other_box_is_the_workers_text(typed: str) -> None:
    """A selection's "other" text is never a choice flag, whatever the Worker typed."""
    xml = answers_xml(selection("color", "red", other=typed), free("note", "n"))
    for fold in (True, False):
        (row,) = to_rows([assignment(xml)], fold=fold)
        assert (row["Answer.color"], row["Answer.color.other"]) == ("red", typed)
        long = [(r["question"], r["label"]) for r in to_rows([assignment(xml)], long=True)]
        assert long == [("color", "red"), ("color.other", typed), ("note", "n")]


def test_a_question_beside_a_dotted_question_answered_true_keeps_both() -> None:
    """Questions agree and agree.strongly (free text "true"): two answers, two columns."""
    xml = answers_xml(free("agree", "yes"), free("agree.strongly", "true"))
    (row,) = to_rows([assignment(xml)])
    assert (row["Answer.agree"], row["Answer.agree.strongly"]) == ("yes", "true")
    long = [(r["question"], r["label"]) for r in to_rows([assignment(xml)], long=True)]
    assert long == [("agree", "yes"), ("agree.strongly", "true")]


def test_flags_in_crowd_json_are_booleans_not_typed_text() -> None:
    """In taskAnswers a choice is a JSON boolean; the text "true" in a field a.b stays text."""
    crowd = '[{"agree.strongly": "true", "mood.happy": true, "mood.sad": false}]'
    (row,) = to_rows([assignment(answers_xml(free("taskAnswers", crowd)))])
    assert (row["Answer.agree.strongly"], row["Answer.mood"]) == ("true", "happy")


def test_task_answers_that_are_not_crowd_json_are_an_error() -> None:
    """A crowd-form submission that does not decode is reported, not guessed at."""
    with pytest.raises(ExportError, match="assignment 3A: its answers cannot be read"):
        next(to_rows([assignment(answers_xml(free("taskAnswers", "not json")))]))


_NAMES = st.sampled_from(
    ["a", "a.b", "a.b.on", "a.c", "a.label", "c", "c.other", "c.other#2", "c.size", "f",
     "f.size", "taskAnswers", "x.y.z"]
)  # fmt: skip
_TEXTS = st.sampled_from(["true", "false", "on", "", "x", "on ", '[{"g": true}]']) | answer_texts()
_ANSWERS = st.one_of(
    st.builds(lambda q, t: FreeTextAnswer(question_identifier=q, text=t), _NAMES, _TEXTS),
    st.builds(
        lambda q, chosen, other: SelectionAnswer(
            question_identifier=q, selection_identifiers=tuple(chosen), other_selection_text=other
        ),
        _NAMES,
        st.lists(st.sampled_from(["a", "true", "on"]), max_size=3),
        st.none() | _TEXTS,
    ),
    st.builds(
        lambda q, key, size: UploadedFileAnswer(
            question_identifier=q, uploaded_file_key=key, uploaded_file_size_in_bytes=size
        ),
        _NAMES,
        st.sampled_from(["k", "true"]),
        st.integers(0, 10),
    ),
)
_FORMS = question_form_answers() | st.lists(_ANSWERS, max_size=6).map(
    lambda answers: QuestionFormAnswers(answers=tuple(answers))
)


def _values(answers: QuestionFormAnswers, *, fold: bool) -> Counter[object]:
    """The values a long export must hold (folding may turn a text flag into its option)."""
    values: Counter[object] = Counter()
    for answer in answers:
        if isinstance(answer, FreeTextAnswer):
            flag = fold and "." in answer.question_identifier and answer.text in FLAGS
            values.update([] if flag or answer.text == "" else [answer.text])
        elif isinstance(answer, SelectionAnswer):
            values.update(answer.selection_identifiers)
            other = answer.other_selection_text
            values.update([other] if other else [])
        else:
            values.update([answer.uploaded_file_key, answer.uploaded_file_size_in_bytes])
    return values


FLAGS = ("true", "false", "on")


@given(_FORMS, st.booleans())
def test_to_rows_never_raises_on_answers_and_never_loses_a_value(
    form: QuestionFormAnswers, fold: bool
) -> None:
    parsed = parse_answers(form.to_xml())
    item = assignment(form.to_xml())
    if len(parsed) == 1 and parsed.answers[0].question_identifier == "taskAnswers":
        # A crowd-form submission: decoded into its own keys, or an error if it is not crowd
        # JSON (tested above); either way never a folding error.
        try:
            parsed.crowd_answers()
        except CrowdAnswerError:
            return
        list(to_rows([item], long=True, fold=fold))  # decoded: never a folding error
        return
    (row,) = to_rows([item], fold=fold)  # never raises, one row per assignment
    long = list(to_rows([item], long=True, fold=fold))
    found = Counter(r["label"] for r in long)
    assert not _values(parsed, fold=fold) - found  # every value is a label
    if not fold:  # and nothing else is
        assert found == _values(parsed, fold=False)
    questions = {f"Answer.{r['question']}" for r in long}
    assert questions <= set(row)  # each long question is a wide column


# --- the fast paths agree with the general ones -----------------------------------------------

_CELLS = st.text(
    st.sampled_from(["a", " ", ",", '"', "\r", "\n", "\x00", "\u2028", "é"]) | st.characters()
)


@given(st.lists(_CELLS, max_size=5))
def test_csv_lines_are_what_the_csv_module_writes(cells: list[str]) -> None:
    """Every record reads back as its cells, and is byte for byte csv.writer's, except that a
    NUL is written as it is where Python 3.10's csv module refuses it."""
    line = _csv_line(cells)
    nul = any("\x00" in cell for cell in cells)
    if sys.version_info >= (3, 11) or not nul:  # 3.10's csv reads no NUL either
        assert list(csv.reader(io.StringIO(line, newline=""))) == [cells]
    out = io.StringIO(newline="")
    try:
        csv.writer(out).writerow(cells)
    except csv.Error:
        assert sys.version_info < (3, 11)
        assert nul
        return
    assert line == out.getvalue()


def test_write_csv_quotes_as_the_csv_module_does() -> None:
    rows = [{"a": 'say "hi"', "b": "x,y", "c": "line\r\nbreak", "d": "plain", "e": ""}]
    out = io.StringIO(newline="")
    assert write_csv(rows, out) == 1
    assert out.getvalue() == 'a,b,c,d,e\r\n"say ""hi""","x,y","line\r\nbreak",plain,\r\n'
    assert list(csv.DictReader(io.StringIO(out.getvalue(), newline=""))) == rows
    single = io.StringIO(newline="")
    write_csv([{"only": ""}], single)
    assert single.getvalue() == 'only\r\n""\r\n'  # an empty record would be no record


def test_write_csv_without_sample_takes_every_column_of_every_row() -> None:
    first = assignment(answers_xml(free("a", "1, with a comma")))
    second = assignment(answers_xml(free("b", "line&#13;\nbreak")))  # a textarea's CRLF
    third = assignment(answers_xml(free("a", "3"), free("c", '"quoted"')))
    items = [first, second, first, third, first]
    out = io.StringIO(newline="")
    assert write_csv(to_rows(items), out, sample=None) == 5
    expected = io.StringIO(newline="")
    write_csv(to_rows(items), expected, columns=wide_columns(items))
    assert out.getvalue() == expected.getvalue()  # short rows padded, the others copied
    header, *rows = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert header[len(WIDE_COLUMNS) :] == ["Answer.a", "Answer.b", "Answer.c"]
    assert {len(row) for row in rows} == {len(header)}
    assert [row[-3:] for row in rows][:2] == [
        ["1, with a comma", "", ""],
        ["", "line\r\nbreak", ""],
    ]
    assert rows[3][-3:] == ["3", "", '"quoted"']
    empty = io.StringIO()
    assert write_csv([], empty, sample=None) == 0
    assert empty.getvalue() == ""  # no rows, no header to take
    given_columns = io.StringIO()
    with pytest.raises(ExportError, match="not among the columns given"):
        write_csv(to_rows([second]), given_columns, columns=WIDE_COLUMNS, sample=None)


def test_write_csv_without_sample_when_no_row_adds_a_column(tmp_path: Path) -> None:
    rows = [{"a": "1", "b": str(number)} for number in range(3)]
    assert write_csv(rows, tmp_path / "out.csv", sample=None) == 3
    text = (tmp_path / "out.csv").read_bytes().decode("utf-8")
    assert text == "a,b\n1,0\n1,1\n1,2\n".replace("\n", "\r\n")


_PLAIN = st.lists(
    st.one_of(
        st.builds(lambda q, t: FreeTextAnswer(question_identifier=q, text=t), _NAMES, _TEXTS),
        st.builds(
            lambda q, chosen: SelectionAnswer(
                question_identifier=q, selection_identifiers=tuple(chosen)
            ),
            _NAMES,
            st.lists(st.sampled_from(["a", "true", "on"]), max_size=3),
        ),
    ),
    max_size=6,
)


@given(
    _FORMS | _PLAIN.map(lambda a: QuestionFormAnswers(answers=tuple(a))),
    st.booleans(),
    st.booleans(),
)
def test_the_plain_wide_row_is_the_general_one(
    form: QuestionFormAnswers, fold: bool, no_prefix: bool
) -> None:
    """Rows built straight from the answers equal the general path's, whenever it is taken."""
    item = assignment(form.to_xml())
    answers = parse_answers(item.answer)
    prefix = "" if no_prefix else "Answer."
    plain = _plain_wide(item, answers, fold, "|", prefix)
    try:
        general = _general_wide(item, answers, fold, "|", prefix, "Input.")
    except (ExportError, CrowdAnswerError):
        assert plain is None  # the general path's errors are never skipped
        return
    assert plain is None or list(plain.items()) == list(general.items())


@given(_PLAIN, st.booleans())
def test_the_plain_wide_row_is_taken_for_plain_answers(answers: list[Any], fold: bool) -> None:
    names = [answer.question_identifier for answer in answers]
    item = assignment(QuestionFormAnswers(answers=tuple(answers)).to_xml())
    plain = _plain_wide(item, parse_answers(item.answer), fold, "|", "Answer.")
    simple = len(set(names)) == len(names) and names != ["taskAnswers"]
    if simple and not (fold and any("." in name for name in names)):
        assert plain is not None


def test_write_csv_without_sample_pads_short_rows_of_a_large_spool() -> None:
    """The rows read back and padded, then the rest copied: larger than any buffer."""
    text = "x" * 500 + ", and\r\nmore"
    rows = [{"a": text, "n": number} for number in range(3000)]
    rows[2000]["late"] = "new"
    out = io.StringIO(newline="")
    assert write_csv(rows, out, sample=None) == 3000
    expected = io.StringIO(newline="")
    write_csv(rows, expected, columns=["a", "n", "late"])
    assert out.getvalue() == expected.getvalue()


def test_write_csv_without_sample_says_when_the_temporary_file_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    with pytest.raises(OSError, match=r"the temporary file in .*missing; set TMPDIR") as raised:
        write_csv([{"a": "1"}], io.StringIO(), sample=None)
    assert isinstance(raised.value.__cause__, FileNotFoundError)
    assert raised.value.errno == raised.value.__cause__.errno


def test_write_csv_without_sample_says_when_the_temporary_folder_is_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *args, **kwargs: Full())
    out = io.StringIO()
    with pytest.raises(OSError, match=r"No space left on device \(the temporary file") as raised:
        write_csv([{"a": "1"}], out, sample=None)
    assert raised.value.errno == errno.ENOSPC
    assert out.getvalue() == ""  # nothing of the target written


@pytest.mark.parametrize("sample", [1000, None])
def test_write_csv_names_columns_that_are_not_strings_as_the_csv_module_does(
    sample: int | None,
) -> None:
    rows = [{1: "one", None: "none", "b,c": True}]
    out = io.StringIO(newline="")
    assert write_csv(rows, out, sample=sample) == 1
    expected = io.StringIO(newline="")
    csv.writer(expected).writerows([list(rows[0]), ["one", "none", "true"]])
    assert out.getvalue() == expected.getvalue()
