"""The errors mturk-models raises.

Every error the library raises on purpose derives from :class:`MTurkModelsError`, and every
error about bad input is also a :class:`ValueError`::

    MTurkModelsError
    ├── AnswerNotFoundError (KeyError)      ``answers["q9"]``: no answer has that QuestionIdentifier
    ├── QuestionNotFoundError (KeyError)    ``form.question("q9")``: no question has that identifier
    ├── DocumentError (ValueError)          a document or archive that cannot be read; says where
    │   │                                   (``location``, ``line``, ``column``, when known)
    │   ├── AnswerParseError                an Assignment's Answer document cannot be read
    │   │   ├── MalformedAnswerError        well-formed XML that breaks the answer schema
    │   │   ├── CrowdAnswerError            crowd-form ``taskAnswers`` that is not JSON objects
    │   │   └── UnsafeXMLError              DTDs, entities, external references, XInclude
    │   ├── QuestionParseError              a question document (QuestionForm, HTMLQuestion,
    │   │                                   ExternalQuestion) that cannot be read
    │   ├── AnswerKeyParseError             a qualification test's AnswerKey document that
    │   │                                   cannot be read
    │   └── ArchiveError                    a legacy XML API response or a batch results CSV that
    │                                       cannot be loaded
    ├── ExportError (ValueError)            assignments that cannot be written as the table asked
    │                                       for (an answer that does not parse, a column the
    │                                       header lacks); names the assignment or row
    ├── InputError (ValueError)             an argument or an input a function cannot use: a
    │                                       builder's argument out of its range
    │                                       (``approval_rate_at_least(101)``), an object that
    │                                       holds no assignments, a file the command line cannot
    │                                       read; ``code`` is a stable snake_case code
    ├── NotificationError (ValueError)      a message that is not an MTurk event notification
    │                                       (broken JSON, an SNS SubscriptionConfirmation,
    │                                       another service's message); ``code`` says which
    └── MTurkAPIError                       MTurk refused a call made through ``MTurkClient``:
        │                                   ``operation``, ``message``, ``turk_error_code``,
        │                                   ``request_id``, ``http_status_code``
        ├── MTurkRequestError               ``RequestError``: the request was refused
        └── MTurkServiceFault               ``ServiceFault``: MTurk failed to process it

Hostile XML is refused by the one safe XML reader that every XML entry point shares, with the
same class and the same wording whatever the entry point: :class:`UnsafeXMLError`. It is a
:class:`DocumentError`, and (for code written before :class:`DocumentError` existed) also an
:class:`AnswerParseError`, a :class:`QuestionParseError` and an :class:`ArchiveError`, so
``except QuestionParseError`` around ``parse_question`` catches it too. Catch
:class:`DocumentError` for "any document that cannot be read, hostile ones included": future
readers join it rather than adding bases to :class:`UnsafeXMLError`.

Warnings (never errors: the request is valid, but probably not what you meant)::

    MTurkModelsWarning (UserWarning)
    ├── QualificationEnvironmentWarning     a Masters qualification type of the other
    │                                       environment (sandbox ID in a production request)
    ├── HTMLQuestionWarning                 an HTMLQuestion whose page cannot be submitted
    │                                       (no form to externalSubmit, no assignmentId)
    ├── QuestionSizeWarning                 a Question over the documented 65,535 bytes, which
    │                                       MTurk has been seen to accept
    ├── RequestWarning                      a request member MTurk ignores as given (an
    │                                       AutoGrantedValue without AutoGranted, a test
    │                                       duration without a Test)
    └── ResponseDataWarning                 data AWS sent that breaks a rule the API reference
                                            implies but does not state outright (a
                                            Qualification with both an IntegerValue and a
                                            LocaleValue)

Validating a model (``Assignment.model_validate(...)``, ``CreateHITRequest(...)``) raises
:class:`pydantic.ValidationError`, which is a :class:`ValueError`; each of its errors carries a
stable snake_case ``type`` code (for example ``relational_integer_count``) and a message naming the
rule and the value.
"""

from __future__ import annotations

__all__ = [
    "AnswerKeyParseError",
    "AnswerNotFoundError",
    "AnswerParseError",
    "ArchiveError",
    "CrowdAnswerError",
    "DocumentError",
    "ExportError",
    "HTMLQuestionWarning",
    "InputError",
    "MTurkAPIError",
    "MTurkModelsError",
    "MTurkModelsWarning",
    "MTurkRequestError",
    "MTurkServiceFault",
    "MalformedAnswerError",
    "NotificationError",
    "QualificationEnvironmentWarning",
    "QuestionNotFoundError",
    "QuestionParseError",
    "QuestionSizeWarning",
    "RequestWarning",
    "ResponseDataWarning",
    "UnsafeXMLError",
]


class MTurkModelsError(Exception):
    """Base class of every error that mturk-models raises on purpose."""


class AnswerNotFoundError(MTurkModelsError, KeyError):
    """No answer in a QuestionFormAnswers has the QuestionIdentifier that was looked up.

    It is a :class:`KeyError`, so ``except KeyError`` and ``Mapping``-style code keep working;
    unlike a bare ``KeyError`` its message is a sentence, not the quoted key.

    >>> from mturk_models import AnswerNotFoundError, parse_answers
    >>> try:
    ...     parse_answers(None)["q1"]
    ... except KeyError as exc:
    ...     print(type(exc).__name__, exc.identifier)
    AnswerNotFoundError q1
    """

    def __init__(self, message: str, identifier: str) -> None:
        super().__init__(message, identifier)
        self.identifier = identifier

    def __str__(self) -> str:
        return str(self.args[0])


class QuestionNotFoundError(MTurkModelsError, KeyError):
    """No question of a QuestionForm has the QuestionIdentifier that was looked up.

    Like :class:`AnswerNotFoundError`, it is a :class:`KeyError` (what
    ``QuestionForm.question()`` raised before), with a sentence for a message.

    >>> from mturk_models import QuestionNotFoundError
    >>> error = QuestionNotFoundError("no question 'q9' in this QuestionForm", "q9")
    >>> isinstance(error, KeyError), error.identifier, str(error)
    (True, 'q9', "no question 'q9' in this QuestionForm")
    """

    def __init__(self, message: str, identifier: str) -> None:
        super().__init__(message, identifier)
        self.identifier = identifier

    def __str__(self) -> str:
        return str(self.args[0])


class DocumentError(MTurkModelsError, ValueError):
    """A document (answers, question, legacy response, batch CSV) that cannot be read.

    Every reader's error has the same three optional attributes, ``None`` when unknown:
    ``location`` (an element path such as ``QuestionForm/Question[1]/IsRequired[1]``, or
    ``line 7, column CreationTime`` for a CSV), ``line`` (from 1) and ``column`` (from 0, as
    expat and ElementTree count). The message says the same in words.

    >>> from mturk_models import DocumentError, parse_answers
    >>> try:
    ...     parse_answers("<QuestionFormAnswers>\\n<Answer/></QuestionFormAnswers>")
    ... except DocumentError as exc:
    ...     print(type(exc).__name__, exc.location, exc.line, exc.column)
    MalformedAnswerError QuestionFormAnswers/Answer[1] 2 0
    """

    location: str | None = None
    line: int | None = None
    column: int | None = None

    def __init__(
        self,
        message: str,
        *,
        location: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.location = location
        self.line = line
        self.column = column


class AnswerParseError(DocumentError):
    """An answer document (``Assignment.Answer``) could not be read."""


class MalformedAnswerError(AnswerParseError):
    """An answer document that is not well-formed XML or does not follow the QuestionFormAnswers
    schema.

    ``element``, ``line`` and ``column`` say where, when known (``column`` counts from 0, as
    expat and ElementTree do); ``location`` is the element's path when the schema is broken
    (``QuestionFormAnswers/Answer[2]/FreeText[1]``).
    """

    def __init__(
        self,
        message: str,
        *,
        element: str | None = None,
        location: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message, location=location or element, line=line, column=column)
        self.element = element


class CrowdAnswerError(AnswerParseError):
    """A crowd-form ``taskAnswers`` value that is not a JSON array of objects."""


class QuestionParseError(DocumentError):
    """A question document (QuestionForm, HTMLQuestion, ExternalQuestion) could not be read."""


class ArchiveError(DocumentError):
    """A legacy XML API response or a batch results CSV could not be loaded.

    ``location`` says where: an element path such as ``GetHITResponse/HIT/Reward/CurrencyCode``
    for legacy XML, ``line 7, column CreationTime`` for a CSV; ``line`` is the CSV line number
    where the record starts, or the XML line when the parser gives one. Both are also part of
    the message.
    """


class AnswerKeyParseError(DocumentError):
    """A qualification test's AnswerKey document could not be read (``parse_answer_key``).

    ``location`` is the element path (``AnswerKey/Question[2]/AnswerOption[1]/AnswerScore[1]``),
    ``line`` and ``column`` the position of a malformed document (``column`` counts from 0);
    each is ``None`` when unknown. Hostile XML raises :class:`UnsafeXMLError` instead (a
    :class:`DocumentError` too).
    """


class UnsafeXMLError(AnswerParseError, QuestionParseError, ArchiveError):
    """XML with a DTD, an entity declaration, an external reference or XInclude; always refused.

    Every reader raises it with the same wording, such as "DOCTYPE declarations are refused
    (DOCTYPE lolz)". Its bases are frozen: catch :class:`DocumentError` for any reader.
    """


class ExportError(MTurkModelsError, ValueError):
    """Assignments could not be exported as asked (see :mod:`mturk_models.export`)."""


class InputError(MTurkModelsError, ValueError):
    """An argument or an input that a function of the library cannot use.

    ``code`` is a stable snake_case code naming the rule (``approval_rate_range``,
    ``masters_environment``, ...), or ``None`` for the command line's unreadable inputs.

    >>> from mturk_models import InputError, approval_rate_at_least
    >>> try:
    ...     approval_rate_at_least(101)
    ... except InputError as exc:
    ...     print(exc.code)
    approval_rate_range
    """

    code: str | None = None

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class NotificationError(MTurkModelsError, ValueError):
    """A message that :func:`~mturk_models.parse_event_notification` cannot read as an MTurk
    event notification; ``code`` is a stable snake_case name of the reason (``json``,
    ``subscription_confirmation``, ``not_a_notification``, ``document``, ...)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class MTurkAPIError(MTurkModelsError):
    """MTurk answered a call with an error (botocore's ``ClientError`` with MTurk's code).

    ``operation`` is boto3's method name (``create_hit``), ``error_code`` botocore's error code
    (``RequestError`` or ``ServiceFault``), ``message`` MTurk's message, ``turk_error_code``
    MTurk's own code (``AWS.MechanicalTurk.HITDoesNotExist``) when it sends one, ``request_id``
    the ID to quote to AWS support. The botocore error is the ``__cause__``.
    """

    def __init__(
        self,
        *,
        operation: str,
        error_code: str,
        message: str,
        turk_error_code: str | None = None,
        request_id: str | None = None,
        http_status_code: int | None = None,
    ) -> None:
        detail = f" ({turk_error_code})" if turk_error_code else ""
        super().__init__(f"{operation}: MTurk {error_code}{detail}: {message}")
        self.operation = operation
        self.error_code = error_code
        self.message = message
        self.turk_error_code = turk_error_code
        self.request_id = request_id
        self.http_status_code = http_status_code


class MTurkRequestError(MTurkAPIError):
    """MTurk refused the request (botocore error code ``RequestError``)."""


class MTurkServiceFault(MTurkAPIError):
    """MTurk could not process a valid request (botocore error code ``ServiceFault``)."""


class MTurkModelsWarning(UserWarning):
    """Base class of the warnings mturk-models issues."""


class QualificationEnvironmentWarning(MTurkModelsWarning):
    """A request for one environment uses a qualification type that exists only in the other."""


class HTMLQuestionWarning(MTurkModelsWarning):
    """An HTMLQuestion whose page Workers cannot submit (see ``HTMLQuestion.check()``)."""


class QuestionSizeWarning(MTurkModelsWarning):
    """A Question larger than the 65,535 bytes the API reference states: larger HTMLQuestions
    have been created and answered, so the limit is not enforced, but MTurk may refuse it."""


class RequestWarning(MTurkModelsWarning):
    """A request member that MTurk ignores as given (the request is valid, but probably not what
    was meant): for example an AutoGrantedValue without AutoGranted."""


class ResponseDataWarning(MTurkModelsWarning):
    """Data from AWS that breaks a rule the API reference implies but does not state outright.

    The data is kept as it is: a weak rule never refuses what AWS sent.
    """
