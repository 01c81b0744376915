"""The pre-flight every request model shares: all violations at once, unknown keys, declared rules.

A request model (``CreateHITRequest``, ``SendBonusRequest``, ...) subclasses :class:`Request`
and gets, without naming any of its fields here:

* unknown keys refused with a "did you mean" suggestion (``extra_forbidden``), at any depth: the
  structures inside a request (QualificationRequirement, Locale, ReviewPolicy, ...) keep unknown
  keys when MTurk sends them, but inside a request an unknown key is a typo, so the keys are
  checked against the field types, recursively;
* a field given under both its attribute name and its botocore key refused (``duplicate_key``);
* building by attribute name (``reward=``) or by botocore key (``Reward=``);
* one-shot iterables (generators, dict views, sets, deques) turned into lists wherever a field's
  type is a sequence, before anything reads them, so the field validation and the rules see the
  same items;
* every violation in one :class:`pydantic.ValidationError`: the field errors, the unknown keys
  and the errors of every rule, each with a stable snake_case code and a location in boto3's
  keys (pydantic skips ``mode="after"`` validators once a field has failed, so rules across fields
  are run here instead, on the raw input and on the validated model when there is one);
* ``to_boto3()``: the keyword arguments boto3 takes, as plain JSON values.

Rules are declared per class, next to the data they judge: a rule is a callable
``rule(raw, model)`` that yields errors (:data:`Rule`). ``raw`` is the :class:`RawRequest` (the
materialised input, read with ``raw.member("field")``, and the typed validation context);
``model`` is the validated request, or ``None`` when a field failed. Each API area exports the
rules of its structures (``api.qualifications.qualification_requirement_rules``,
``api.reviews.review_policy_rule``). A subclass's ``__rules__`` replaces its parent's; extend
with ``(*Parent.__rules__, my_rule)``.

A request of two fields and one rule:

>>> from typing import ClassVar
>>> from pydantic import Field, ValidationError
>>> from mturk_models._errors import init_error
>>> from mturk_models._types import Seq, WorkerId
>>> def _subject_needs_text(raw: RawRequest, model: object) -> list[Any]:
...     if raw.member("subject") is not None and raw.member("message_text") is None:
...         return [init_error("subject_without_text", "Subject needs a MessageText; got none",
...                            (raw.alias("subject"),), raw.member("subject"))]
...     return []
>>> class GreetWorkersRequest(Request):
...     subject: str | None = Field(default=None, max_length=200)
...     message_text: str | None = None
...     worker_ids: Seq[WorkerId] = Field(min_length=1, max_length=100, alias="WorkerIds")
...     __rules__: ClassVar[tuple[Rule, ...]] = (_subject_needs_text,)
>>> GreetWorkersRequest(worker_ids=("A1",), message_text="Hi").to_boto3()
{'MessageText': 'Hi', 'WorkerIds': ['A1']}
>>> try:
...     GreetWorkersRequest.model_validate({"Subject": "Hi", "WorkerIDs": (w for w in ["A1"])})
... except ValidationError as exc:
...     [(e["type"], e["loc"]) for e in exc.errors()]
[('missing', ('WorkerIds',)), ('extra_forbidden', ('WorkerIDs',)), \
('subject_without_text', ('Subject',))]

Pass ``context={"environment": "production"}`` (or a :class:`RequestContext`) to
``model_validate`` for the rules that depend on the environment; a rule reads it as
``raw.context.environment``.

Each public request model is one row of the invariant test (``tests/api/test_preflight.py``,
``INVARIANT``): whatever it accepts, generated from botocore's input shape and given in every
container pydantic converts, must pass botocore's ``ParamValidator`` for its operation.
"""

from __future__ import annotations

import collections.abc
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._base import MTurkModel, inside_request
from .._errors import init_error
from ..enums import Environment

__all__ = [
    "RawRequest",
    "Request",
    "RequestContext",
    "Rule",
    "member",
]

Rule = Callable[["RawRequest", "BaseModel | None"], Iterable[InitErrorDetails]]
"""A rule of a request: ``rule(raw, model)`` yields an error for each violation it finds.

``model`` is the validated request, or ``None`` when a field failed; a rule that needs valid
values falls back on :meth:`RawRequest.valid_items` then, and leaves what is malformed to the
field's own error (one error per violation).
"""

_SEQUENCES: tuple[Any, ...] = (
    tuple,
    list,
    set,
    frozenset,
    collections.abc.Sequence,
    collections.abc.Set,
    collections.abc.Iterable,
)


# --- reading field types ----------------------------------------------------------------------


def _alternatives(annotation: Any) -> list[Any]:
    """The types a field accepts: ``Annotated`` unwrapped, ``X | Y`` split, ``None`` left out."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _alternatives(typing.get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [alt for arg in typing.get_args(annotation) for alt in _alternatives(arg)]
    return [] if annotation is type(None) else [annotation]


@cache
def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class a field takes directly (``X``, ``X | None``), if any."""
    for alt in _alternatives(annotation):
        if isinstance(alt, type) and issubclass(alt, BaseModel):
            return alt
    return None


@cache
def _item_of(annotation: Any) -> tuple[bool, Any]:
    """``(True, item type)`` when a field takes a sequence (``tuple[X, ...]``, ``list[X]``, a
    ``Seq[X]``), else ``(False, None)``."""
    for alt in _alternatives(annotation):
        origin = typing.get_origin(alt)
        if origin not in _SEQUENCES:
            continue
        args = typing.get_args(alt)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            continue  # a fixed-length tuple is a record, not a sequence
        return True, (args[0] if args else Any)
    return False, None


class _Type(typing.NamedTuple):
    """What the pre-flight reads of a field's type, worked out once per annotation: the model
    a value validates as, and, when the field takes a sequence, the type of its items."""

    model: type[BaseModel] | None
    item: _Type | None
    leaf: bool  # neither: nothing below it to materialise or check


@cache
def _type_of(annotation: Any) -> _Type:
    is_sequence, item = _item_of(annotation)
    model, item_type = _model_in(annotation), (_type_of(item) if is_sequence else None)
    return _Type(model, item_type, model is None and item_type is None)


class _Field(typing.NamedTuple):
    name: str
    alias: str
    type: _Type


@cache
def _nested_fields(model: type[BaseModel]) -> tuple[_Field, ...]:
    """The fields that hold models or sequences: the only ones to materialise or descend into."""
    return tuple(
        field
        for name, field in _fields_by_key(model).items()
        if name == field.name and not field.type.leaf
    )


@cache
def _forbids_extra(model: type[BaseModel]) -> bool:
    """pydantic itself reports the unknown keys of such a model."""
    return model.model_config.get("extra") == "forbid"


@cache
def _fields_by_key(model: type[BaseModel]) -> dict[str, _Field]:
    """Every key the model accepts (botocore key and attribute name) -> its field."""
    keys: dict[str, _Field] = {}
    for name, info in model.model_fields.items():
        annotation: Any = info.annotation
        field = _Field(name, info.alias or name, _type_of(annotation))
        keys[field.alias] = field
        keys[name] = field
    return keys


def _annotation(model: type[BaseModel], field: str) -> Any:
    return model.model_fields[field].annotation


def _alias(model: type[BaseModel], field: str) -> str:
    return _fields_by_key(model)[field].alias


def member(data: object, model: type[BaseModel], field: str) -> Any:
    """The value of ``field`` in raw input for ``model`` (a mapping under the botocore key or the
    attribute name, or a model instance); ``None`` when absent.

    >>> from mturk_models import Locale
    >>> member({"Country": "US"}, Locale, "country"), member({"country": "US"}, Locale, "country")
    ('US', 'US')
    """
    if isinstance(data, Mapping):
        alias = _alias(model, field)
        return data[alias] if alias in data else data.get(field)
    if isinstance(data, BaseModel):
        return getattr(data, field, None)
    return None


# --- one pass over the input: one-shot iterables read, unknown keys found ----------------------


def _is_one_shot(value: object) -> bool:
    """An iterable that a second reader cannot read again as a sequence (generators, iterators,
    dict views, sets, deques, ranges): anything iterable but text, a mapping, a model, a list
    or a tuple."""
    return isinstance(value, Iterable) and not isinstance(
        value, (str, bytes, bytearray, Mapping, BaseModel, list, tuple)
    )


def _prepare(value: Any, kind: _Type, loc: tuple[Any, ...], errors: list[InitErrorDetails]) -> Any:
    """``value`` for a field of type ``kind``, with every one-shot iterable where a sequence is
    expected turned into a list, at any depth; every unknown or duplicated key below it added to
    ``errors`` (found from the field types, so nested structures are covered wherever they are).

    Copy on write: a container with no one-shot iterable inside is the user's own object, so
    errors quote exactly what the user gave; where one was read, they quote the list it gave.
    """
    if kind.leaf:
        return value
    item = kind.item
    if item is not None:
        if isinstance(value, (list, tuple)):
            if item.leaf:
                return value
            items = [_prepare(v, item, (*loc, i), errors) for i, v in enumerate(value)]
            if any(new is not old for new, old in zip(items, value, strict=True)):
                return items
            return value
        if _is_one_shot(value):
            return [_prepare(v, item, (*loc, i), errors) for i, v in enumerate(value)]
    model = kind.model
    if model is not None:
        if isinstance(value, Mapping):
            return _prepare_mapping(value, model, loc, errors)
        if isinstance(value, BaseModel):
            _instance_keys(value, loc, errors)
    return value


def _prepare_mapping(
    data: Mapping[Any, Any],
    model: type[BaseModel],
    loc: tuple[Any, ...],
    errors: list[InitErrorDetails],
) -> Mapping[Any, Any]:
    if not _forbids_extra(model):  # else pydantic reports them, and relocate() explains them
        fields = _fields_by_key(model)
        for key, value in data.items():
            field = fields.get(key) if isinstance(key, str) else None
            if field is None or (key != field.alias and field.alias in data):
                # Unknown; or both spellings, where the attribute name is the extra one (as
                # pydantic reports it).
                errors.append(_unknown_key(key, model, (*loc, key), value))
    changed = {}
    for field in _nested_fields(model):
        for key in (field.alias, field.name):
            if key in data and (key == field.alias or field.alias not in data):
                value = data[key]
                new = _prepare(value, field.type, (*loc, key), errors)
                if new is not value:
                    changed[key] = new
    return {**data, **changed} if changed else data


def _instance_keys(data: BaseModel, loc: tuple[Any, ...], errors: list[InitErrorDetails]) -> None:
    """The unknown keys a model instance (a Structure built by the user) carries, at any depth."""
    cls = type(data)
    for key, value in (data.model_extra or {}).items():
        errors.append(_unknown_key(key, cls, (*loc, key), value))
    for field in _nested_fields(cls):
        _prepare(getattr(data, field.name, None), field.type, (*loc, field.alias), errors)


def _unknown_key(
    key: object, model: type[BaseModel] | None, loc: tuple[Any, ...], value: object
) -> InitErrorDetails:
    """``extra_forbidden`` with the closest key as a suggestion, or ``duplicate_key`` when the
    key is valid but the field's other spelling is there too."""
    if model is not None:
        fields = _fields_by_key(model)
        found = fields.get(key) if isinstance(key, str) else None
        if found is not None:
            twin = found.name if key == found.alias else found.alias
            return init_error(
                "duplicate_key",
                f"Duplicate key {key!r}: {twin!r} names the same field; give only one of them",
                loc,
                value,
            )
        import difflib  # only for an unknown key: valid requests are spared its import

        close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
        if close:
            suggestion = fields[close[0]].alias
            message = f"Unknown key {str(key)!r}; did you mean {suggestion!r}?"
            return init_error("extra_forbidden", message, loc, value)
    return init_error("extra_forbidden", f"Unknown key {str(key)!r}", loc, value)


def _model_at(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    """The model whose field (or item) ``loc`` names, following the field types."""
    kind = _Type(model, None, False)
    for part in loc:
        if isinstance(part, int):
            kind = kind.item or kind
            continue
        field = _fields_by_key(kind.model).get(part) if kind.model is not None else None
        if field is None:
            return None
        kind = field.type
    return kind.model


# --- the validation context -------------------------------------------------------------------


@dataclass(frozen=True)
class RequestContext:
    """What a request's rules may know beyond its members: the environment it is sent to.

    Give it to ``model_validate`` as ``context=RequestContext(environment=...)`` or as a dict
    ``{"environment": "production"}`` (any case).

    >>> RequestContext.of({"environment": "Sandbox"}).environment
    <Environment.SANDBOX: 'sandbox'>
    """

    environment: Environment | None = None

    @classmethod
    def of(cls, context: object) -> RequestContext:
        """The typed context of ``model_validate``'s ``context`` argument."""
        if isinstance(context, RequestContext):
            return context
        value = context.get("environment") if isinstance(context, Mapping) else None
        if value is None:
            return cls()
        try:
            return cls(environment=Environment(value))
        except ValueError as exc:
            raise PydanticCustomError(
                "environment",
                "The validation context's 'environment' should be {allowed} (any case); "
                "got {value}",
                {"allowed": "'production' or 'sandbox'", "value": repr(value)},
            ) from exc


# --- the raw request --------------------------------------------------------------------------


class RawRequest:
    """The input of a request with its one-shot iterables materialised, and the context.

    ``data`` is what the field validation reads too; ``member(field)`` reads a member by its
    attribute name, whichever spelling the input used.
    """

    def __init__(self, model: type[BaseModel], data: object, context: RequestContext) -> None:
        self.model = model
        self.context = context
        self.unknown_keys: list[InitErrorDetails] = []
        """Unknown and duplicated keys at any depth (those pydantic reports itself left out)."""
        if isinstance(data, Mapping):
            self.data: Any = _prepare_mapping(data, model, (), self.unknown_keys)
        else:
            self.data = data

    def member(self, field: str) -> Any:
        """The member ``field`` (an attribute name) as given: by botocore key or by name."""
        return member(self.data, self.model, field)

    def alias(self, field: str) -> str:
        """The botocore key of ``field``, for error locations."""
        return _alias(self.model, field)

    def valid_items(self, field: str, model: BaseModel | None) -> list[tuple[int, Any]]:
        """The items of a sequence field that validate, with their indexes.

        From the validated request when there is one; otherwise each raw item is validated on
        its own, and an item that fails is left out (its own error reports it). Rules judge these
        validated values, so that what pydantic converts (``"200"``, ``200.0``, bytes) cannot
        slip past them.
        """
        if model is not None:
            return list(enumerate(getattr(model, field) or ()))
        raw = self.member(field)
        if not isinstance(raw, (list, tuple)):
            return []
        is_sequence, item = _item_of(_annotation(self.model, field))
        adapter = _adapter(item if is_sequence else Any)
        found = []
        for i, value in enumerate(raw):
            try:
                found.append((i, adapter.validate_python(value)))
            except ValidationError:
                continue
        return found

    def valid_member(self, field: str, model: BaseModel | None) -> Any:
        """The validated value of ``field``: the request's, or the raw member validated on its own;
        ``None`` when it fails (its own error reports it) or is absent."""
        if model is not None:
            return getattr(model, field)
        raw = self.member(field)
        if raw is None:
            return None
        try:
            return _adapter(_annotation(self.model, field)).validate_python(raw)
        except ValidationError:
            return None

    def relocate(self, exc: ValidationError) -> list[InitErrorDetails]:
        """pydantic's errors, re-raisable: unknown keys with suggestions, inputs kept."""
        errors: list[InitErrorDetails] = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            value = error.get("input")
            if error["type"] == "extra_forbidden":
                errors.append(_unknown_key(loc[-1], _model_at(self.model, loc[:-1]), loc, value))
                continue
            # Without a context, PydanticCustomError keeps the message as it is (braces included).
            code = PydanticCustomError(error["type"], str(error["msg"]))
            errors.append({"type": code, "loc": loc, "input": value})
        return errors


def _flat(model: type[BaseModel], data: object) -> bool:
    """A dict whose every field holding something below is absent or a list (or tuple) of
    scalars: nothing to materialise or check below, and the input can be read twice."""
    if type(data) is not dict:
        return False
    for field in _nested_fields(model):
        for key in (field.alias, field.name):
            if key in data:
                item = field.type.item
                if item is None or not item.leaf or type(data[key]) not in (list, tuple):
                    return False
    return True


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


# --- the base -----------------------------------------------------------------------------------


class Request(MTurkModel):
    """The input of one MTurk operation, checked before it is sent (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    __rules__: ClassVar[tuple[Rule, ...]] = ()

    @model_validator(mode="wrap")
    @classmethod
    def _all_at_once(
        cls, data: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Any:
        if isinstance(data, cls):
            return handler(data)
        if not cls.__rules__ and info.context is None and _flat(cls, data):
            try:
                return handler(data)
            except ValidationError:
                pass  # the full pre-flight below reports it, with suggestions and originals
        raw = RawRequest(cls, data, RequestContext.of(info.context))
        errors: list[InitErrorDetails] = []
        model = None
        try:
            with inside_request():  # nested structures' unknown keys: reported below, once
                model = handler(raw.data)
        except ValidationError as exc:
            errors.extend(raw.relocate(exc))
        reported = {tuple(e["loc"]) for e in errors}
        errors.extend(e for e in raw.unknown_keys if e["loc"] not in reported)
        if isinstance(raw.data, Mapping):  # else not an object at all: model_type says it all
            for rule in cls.__rules__:
                errors.extend(rule(raw, model))
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return model

    def to_boto3(self) -> dict[str, Any]:
        """Return the keyword arguments boto3 takes unchanged: botocore keys, plain JSON values,
        ``None`` left out."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")
