"""Code as users write it, checked by mypy --strict (pyproject: [tool.mypy] files), not run.

Building models by attribute name must type-check for fields with explicit aliases too
(``hit_id`` for ``HITId``): the pydantic mypy plugin must see ``validate_by_name``.
"""

from __future__ import annotations

from mturk_models import (
    Assignment,
    CreateHITWithHITTypeRequest,
    ExternalQuestion,
    FreeTextAnswer,
    QuestionFormAnswers,
)

assignment = Assignment(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999", worker_id="A3LT7W355XOAKF")
question = ExternalQuestion(external_url="https://example.com/task", frame_height=0)
request = CreateHITWithHITTypeRequest(
    hit_type_id="3ABCDEF", lifetime_in_seconds=3600, question=question.to_xml()
)
answers = QuestionFormAnswers(answers=(FreeTextAnswer(question_identifier="q1", text="yes"),))
