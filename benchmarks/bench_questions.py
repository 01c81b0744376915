"""Benchmark: parse_question on 20-question QuestionForms against xmltodict, and CreateHITRequest.

Two corpora of QuestionForm documents of 20 questions each, every one read by each peer in the
same run:

* **plain**: the form of ``bench_hitdefs.py`` (questions alternating between a numeric free
  text and a five-choice selection, plain text content), written compactly as ``to_xml()``
  writes it.
* **mixed**: seeded forms as requesters write them: an Overview with instructions, questions
  with titles, text, lists, images (Binary) and some FormattedContent XHTML; free texts with
  IsNumeric, Length and AnswerFormatRegex constraints and default texts; selections of 2 to 8
  choices (some with an "other" choice, some pictured), display names and IsRequired; half of
  them indented with line breaks between elements as editors save them.

Peers: ``xmltodict.parse`` (how people usually read these documents: a dict, nothing checked),
``xml.etree.ElementTree.fromstring`` (a bare tree, nothing checked) and a bare pyexpat parse
(no handlers: the floor of any reader built on expat). ``parse_question`` returns the typed,
fully checked model. Target (issue 16): at least 1.0x ``xmltodict.parse``.

Then ``CreateHITRequest.model_validate`` of CreateHIT keyword arguments carrying each document
as ``Question``, against ``parse_question`` of the same document (strict, as the request reads
it). Target: the request costs at most 2x the parse.

Rounds alternate between the peers and are timed in process CPU time; the script prints each
peer's median rate and the median of the per-round ratios, which other work on a shared
machine skews far less than absolute rates.

Run: ``python benchmarks/bench_questions.py`` (about 40 s) or ``--quick`` (a few seconds).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.parsers import expat

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import xmltodict
from bench_hitdefs import _form as plain_form

from mturk_models import (
    AnswerFormatRegex,
    BinaryContent,
    Constraints,
    CreateHITRequest,
    FormattedContent,
    FreeTextAnswerSpecification,
    IsNumeric,
    Length,
    ListContent,
    Overview,
    Question,
    QuestionForm,
    Selection,
    SelectionAnswerSpecification,
    StyleSuggestion,
    TextContent,
    TitleContent,
    approval_rate_at_least,
    parse_question,
)

WORDS = [
    "the",
    "image",
    "shows",
    "a",
    "street",
    "scene",
    "with",
    "cars",
    "people",
    "and",
    "a",
    "dog",
    "please",
    "look",
    "at",
    "every",
    "part",
    "before",
    "you",
    "answer",
    "which",
    "of",
    "these",
    "words",
    "describe",
    "it",
    "best",
    "how",
    "many",
    "are",
    "there",
]


def words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def picture(rng: random.Random) -> BinaryContent:
    return BinaryContent(
        mime_type="image",
        mime_sub_type=rng.choice(["png", "jpeg", None]),
        data_url=f"https://example.com/img/{rng.randint(1, 9999)}.jpg",
        alt_text=words(rng, 2, 5),
    )


def formatted(rng: random.Random) -> FormattedContent:
    return FormattedContent(
        xhtml=f"<p>{words(rng, 5, 12)} <b>{words(rng, 1, 3)}</b></p>"
        f"<ul><li>{words(rng, 2, 6)}</li><li>{words(rng, 2, 6)}</li></ul>"
    )


def content(rng: random.Random) -> tuple[Any, ...]:
    parts: list[Any] = []
    if rng.random() < 0.5:
        parts.append(TitleContent(text=words(rng, 2, 5)))
    parts.append(TextContent(text=words(rng, 6, 20) + "?"))
    roll = rng.random()
    if roll < 0.25:
        parts.append(picture(rng))
    elif roll < 0.35:
        parts.append(formatted(rng))
    elif roll < 0.5:
        parts.append(ListContent(items=tuple(words(rng, 2, 6) for _ in range(rng.randint(2, 4)))))
    return tuple(parts)


def free_text(rng: random.Random) -> FreeTextAnswerSpecification:
    roll = rng.random()
    constraints = None
    if roll < 0.3:
        constraints = Constraints(is_numeric=IsNumeric(min_value=0, max_value=rng.randint(5, 500)))
    elif roll < 0.5:
        constraints = Constraints(length=Length(min_length=1, max_length=rng.randint(50, 2000)))
    elif roll < 0.6:
        constraints = Constraints(
            answer_format_regex=(
                AnswerFormatRegex(regex=r"^\d{5}$", error_text="Five digits, please"),
            )
        )
    return FreeTextAnswerSpecification(
        constraints=constraints,
        default_text=words(rng, 1, 3) if rng.random() < 0.2 else None,
        number_of_lines_suggestion=rng.choice([None, None, 1, 3, 5]),
    )


def selection(rng: random.Random) -> SelectionAnswerSpecification:
    count = rng.randint(2, 8)
    pictured = rng.random() < 0.15
    choices = tuple(
        Selection(selection_identifier=f"c{j}", binary=picture(rng))
        if pictured
        else Selection(selection_identifier=f"c{j}", text=words(rng, 1, 4))
        for j in range(count)
    )
    other = FreeTextAnswerSpecification() if rng.random() < 0.2 else None
    many = rng.random() < 0.3
    return SelectionAnswerSpecification(
        min_selection_count=1 if many else None,
        max_selection_count=count if many else None,
        style_suggestion=StyleSuggestion.CHECKBOX
        if many
        else rng.choice([StyleSuggestion.RADIOBUTTON, StyleSuggestion.DROPDOWN]),
        selections=choices,
        other_selection=other,
    )


def mixed_form(rng: random.Random) -> str:
    items: list[Any] = [Overview(content=(TitleContent(text="Instructions"), formatted(rng)))]
    for i in range(20):
        spec = selection(rng) if rng.random() < 0.5 else free_text(rng)
        items.append(
            Question(
                question_identifier=f"q{i + 1}",
                display_name=words(rng, 1, 3) if rng.random() < 0.3 else None,
                is_required=rng.choice([None, True, False]),
                question_content=content(rng),
                answer_specification=spec,
            )
        )
    xml = QuestionForm(items=tuple(items)).to_xml()
    return indent(xml) if rng.random() < 0.5 else xml


def indent(xml: str) -> str:
    """Line breaks and indents between elements (text and CDATA sections unchanged)."""
    parts = re.split(r"(<!\[CDATA\[.*?\]\]>)", xml, flags=re.S)

    def space(tag: re.Match[str]) -> str:
        start = not tag.group(1).startswith("</") and not tag.group(1).endswith("/>")
        return tag.group(1) if start and tag.group(2) == "/" else tag.group(1) + "\n  "

    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"(</?[A-Za-z][^<>]*>)(?=<([A-Za-z/]))", space, parts[i])
    return "".join(parts)


def bare_expat(data: str) -> None:
    expat.ParserCreate().Parse(data, True)


PEERS: dict[str, Callable[[str], object]] = {
    "parse_question": parse_question,
    "xmltodict.parse": xmltodict.parse,
    "ElementTree.fromstring": ET.fromstring,
    "bare pyexpat": bare_expat,
}


def measure(
    peers: dict[str, Callable[[Any], object]], docs: list[Any], seconds: float
) -> dict[str, list[float]]:
    """Documents per CPU second of each peer, one value per round; rounds alternate peers."""
    rates: dict[str, list[float]] = {name: [] for name in peers}
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(rates[next(iter(peers))]) < 5:
        for name, function in peers.items():
            start = time.process_time()
            for data in docs:
                function(data)
            elapsed = time.process_time() - start
            rates[name].append(len(docs) / max(elapsed, 1e-9))
    return rates


def ratios(ours: list[float], theirs: list[float]) -> tuple[float, float, float]:
    values = [a / b for a, b in zip(ours, theirs, strict=True)]
    return statistics.median(values), min(values), max(values)


def report_parse(title: str, docs: list[str], seconds: float) -> None:
    size = sum(map(len, docs)) / len(docs)
    print(f"{title}: {len(docs)} QuestionForms of 20 questions, {size:,.0f} characters on average")
    rates = measure(PEERS, docs, seconds)
    for name, values in rates.items():
        rate = statistics.median(values)
        print(f"  {name:<24} {rate:>9,.0f} docs/s  {1e6 / rate:8.1f} us/doc (median)")
    ours = rates["parse_question"]
    for peer in PEERS:
        if peer == "parse_question":
            continue
        median, low, high = ratios(ours, rates[peer])
        note = " (target >= 1.0x)" if peer == "xmltodict.parse" else ""
        print(
            f"  parse_question / {peer + ':':<24} {median:.2f}x median of {len(ours)} rounds, "
            f"{low:.2f}-{high:.2f}{note}"
        )


def report_request(title: str, docs: list[str], seconds: float) -> None:
    base = {
        "Title": "Describe an image",
        "Description": "Answer 20 questions about one image",
        "Reward": "0.50",
        "MaxAssignments": 3,
        "LifetimeInSeconds": 86_400,
        "AssignmentDurationInSeconds": 1_800,
        "QualificationRequirements": [approval_rate_at_least(95).to_boto3()],
    }
    requests = [{**base, "Question": doc} for doc in docs]
    index = {id(request): doc for request, doc in zip(requests, docs, strict=True)}

    def request(kwargs: dict[str, Any]) -> object:
        return CreateHITRequest.model_validate(kwargs)

    def parse(kwargs: dict[str, Any]) -> object:
        return parse_question(index[id(kwargs)], strict=True)

    peers: dict[str, Callable[[Any], object]] = {"CreateHITRequest": request, "parse": parse}
    rates = measure(peers, requests, seconds)
    ours, parsed = rates["CreateHITRequest"], rates["parse"]
    cost, low, high = ratios(parsed, ours)
    print(
        f"{title}: CreateHITRequest {statistics.median(ours):,.0f}/s, parse_question(strict) "
        f"{statistics.median(parsed):,.0f}/s; the request costs {cost:.2f}x the parse (median of "
        f"{len(ours)} rounds, {low:.2f}-{high:.2f}; target <= 2x)"
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="a short run (a few seconds)")
    args = options.parse_args()
    quick = args.quick or os.environ.get("MTURK_BENCH_QUICK") == "1"
    seconds = 2.0 if quick else 10.0
    rng = random.Random(20261205)
    plain = [plain_form(20).to_xml()] * 20
    mixed = [mixed_form(rng) for _ in range(20)]
    for doc in plain + mixed:
        form = parse_question(doc)
        assert isinstance(form, QuestionForm)
        assert len(form.questions) == 20
    print(f"load average {os.getloadavg()[0]:.2f} (1 min) at the start")
    report_parse("plain corpus", plain, seconds)
    report_parse("mixed corpus", mixed, seconds)
    report_request("plain corpus", plain, seconds / 2)
    report_request("mixed corpus", mixed, seconds / 2)
    print(f"load average {os.getloadavg()[0]:.2f} (1 min) at the end")


if __name__ == "__main__":
    main()
