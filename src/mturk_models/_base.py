"""The base models, by role: one shared configuration for every model of the library.

* :class:`Structure`: a data structure of the API (``Assignment``, ``HIT``, ``Locale``, ...) as
  it travels on the wire: PascalCase aliases, every field optional, unknown keys kept.
* :class:`Document`: a document carried inside the API as XML (QuestionFormAnswers,
  QuestionForm, ...): ``to_xml()``, no ``to_boto3()``, unknown fields refused.
* :class:`Record`: the library's own rows (batch CSV rows, approval rates): snake_case names, no
  aliases, unknown fields refused.

Operation outputs (``Response``, ``Page``) live in :mod:`mturk_models.api._page`; operation
inputs (``Request``) in the API folder's pre-flight module.
"""

from __future__ import annotations

import importlib
import inspect
import math
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, ClassVar, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic.alias_generators import to_pascal
from pydantic.fields import ComputedFieldInfo, FieldInfo
from pydantic_core import CoreConfig, PydanticCustomError, SchemaValidator, core_schema

from ._errors import refuse_surrogates, shown

__all__ = [
    "ARCHIVED",
    "JSON_INTEGER_DIGITS",
    "UNKNOWN_MEMBER_DEPTH",
    "Document",
    "FastPath",
    "MTurkModel",
    "Record",
    "RequestModel",
    "Structure",
    "field_title",
    "inside_request",
    "model_description",
    "refuse_in_fast_path",
]


_WORDS = re.compile(r"HITs|[A-Z]+(?=[A-Z][a-z]|[0-9]|$)|[A-Z][a-z0-9]*|[a-z0-9]+")


def field_title(name: str, field: FieldInfo | ComputedFieldInfo) -> str:
    """A field's JSON Schema title: its botocore member in words (``HIT Type Id``, not
    ``Hittypeid``)."""
    return " ".join(word[:1].upper() + word[1:] for word in _WORDS.findall(field.alias or name))


def model_description(schema: dict[str, Any], cls: type[Any]) -> None:
    """A model's JSON Schema description: its docstring up to the first doctest example."""
    doc = inspect.cleandoc(cls.__doc__ or "").split(">>>", 1)[0].strip()
    if doc:
        schema["description"] = doc
    else:
        schema.pop("description", None)


_IN_REQUEST: ContextVar[bool] = ContextVar("mturk_models_in_request", default=False)


@contextmanager
def inside_request() -> Iterator[None]:
    """Validate structures as parts of a request: the request's pre-flight reports their unknown
    keys itself (``extra_forbidden`` with a suggestion), so the structural rules stand aside."""
    token = _IN_REQUEST.set(True)
    try:
        yield
    finally:
        _IN_REQUEST.reset(token)


ARCHIVED = "mturk_models.archived"
"""Validation context key: the data comes from an archive reader that built it element by
element (legacy XML), so its unknown keys are the archive's own members (``Request``,
``NumberOfSimilarHITs``) and are not checked for looking like another structure."""


JSON_INTEGER_DIGITS = 4300
"""The most digits (sign left out) an integer in an unknown member may have: pydantic's JSON
reader refuses longer ones ("number out of range") while its writer writes them, so a longer one
would not read back. Python's ``str()`` of an int has the same default limit."""

UNKNOWN_MEMBER_DEPTH = 100
"""How deep an unknown member's value may nest lists and objects. pydantic's JSON reader takes at
most 201 levels in a whole document and its serializer 255 (pydantic-core 2.33 to 2.50), counting
the structures around the member: 100 leaves room for the deepest structure of the API (7 levels,
a Locale in a ListHITs page). AWS sends unknown members a few levels deep at most."""


class MTurkModel(BaseModel):
    """The configuration every model of the library shares (frozen, PascalCase aliases)."""

    # Written out literally, not built from a shared dict, so that the pydantic mypy plugin
    # sees validate_by_name and lets users build models by attribute name.
    model_config = ConfigDict(
        alias_generator=to_pascal,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        frozen=True,
        field_title_generator=field_title,
        json_schema_extra=model_description,
    )


class Structure(MTurkModel):
    """A data structure of the API: every field optional, unknown keys kept (``model_extra``).

    Unknown keys are kept because AWS may add members, but input that is plainly not this
    structure is refused rather than read as an object whose fields are all None (see
    :func:`_misplaced`): a key that differs from a member only by case or underscores
    (``AssignmentID``, ``assignmentid``) is ``member_spelling``; a mapping that holds none of the
    members but other keys, or whose keys are all another structure's, is ``wrong_structure``,
    naming what it looks like; a member given under both its botocore key and its attribute
    name (``HITId`` and ``hit_id``) is ``duplicate_key``, as in requests. The checks run only when
    there are unknown keys; data an archive reader built (validation context :data:`ARCHIVED`)
    skips these structural rules.

    Unknown members must survive ``model_dump_json()``, ``model_validate_json()`` and
    ``to_boto3()`` unchanged, so what JSON or pydantic cannot carry is refused where it enters
    (see :func:`_refuse_unwritable`): a lone surrogate (``text_surrogate``, as in every text
    field), a NaN or infinite number (``non_finite_number``: JSON would write it as null), an
    integer of more than :data:`JSON_INTEGER_DIGITS` digits (``integer_too_long``) and lists or
    objects nested more than :data:`UNKNOWN_MEMBER_DEPTH` deep (``unknown_member_depth``).
    """

    model_config = ConfigDict(extra="allow")

    __abstract__: ClassVar[bool] = True
    """A base of other structures (Structure, Response, Page), never recognised as an input."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        _registry.cache_clear()  # a new structure: recognise it too

    @model_validator(mode="after")
    def _known_keys(self, info: ValidationInfo) -> Structure:
        extra = self.__pydantic_extra__
        if extra:
            _refuse_unwritable(extra)
            if not (info.context and info.context.get(ARCHIVED)) and not _IN_REQUEST.get():
                given = {name for name in self.__pydantic_fields_set__ if name in self.__dict__}
                _misplaced(type(self), extra, {n for n in given if self.__dict__[n] is not None})
        return self

    def to_boto3(self) -> dict[str, Any]:
        """Return the data in boto3's shape, as plain JSON values: ``json.dumps`` and
        ``yaml.safe_dump`` take it, and ``model_validate`` gives back an equal model.

        PascalCase keys, members that are ``None`` left out (boto3 never returns null), enums as
        their ``str`` values, money as botocore's CurrencyAmount string (``"0.50"``), timestamps
        as ISO 8601 strings in UTC (``"2021-09-17T20:28:00Z"``, the instant boto3 gave, in the
        form the AWS CLI prints and boto3 accepts). ``model_dump(by_alias=True)`` gives
        ``datetime`` objects instead. Unknown keys are kept as they are, ``None`` included, at
        every depth; they are dumped as JSON too: one that held a ``datetime`` comes back as its
        string.
        """
        data = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        _put_back_unknown_nones(self, data)
        return data

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # Sparse structures are mostly None, and an Answer or a Question is often thousands of
        # characters: the repr leaves out fields that are None and shows the start of long text.
        for name, value in super().__repr_args__():
            if value is None:
                continue
            if isinstance(value, str) and len(value) > _REPR_TEXT:
                yield name, _Shortened(value)
            else:
                yield name, value


_REPR_TEXT = 80
"""Text longer than this is shortened in a structure's repr (never in its data)."""


class _Shortened:
    """Stands for a long text in a repr: its start, then how long it is."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"{self.text[:60]!r}... ({len(self.text):,} characters)"


# --- to_boto3(): unknown keys whose value is None ----------------------------------------------
# exclude_none leaves out the members that are None (boto3 never sends them), but pydantic applies
# it to unknown keys too. A wrap serializer on Structure could keep them, at the price of a Python
# call for every structure dumped (to_boto3() of 10k assignments took 35% longer, and every
# model_dump paid too); this walk, in to_boto3() only, visits only the fields that can hold
# structures and changes the dump only where such a key is (about 12% on 10k assignments).


@cache
def _structure_fields(cls: type[Structure]) -> tuple[tuple[str, str], ...]:
    """``(attribute, dumped key)`` of the fields of ``cls`` whose type holds a structure."""
    found = []
    for name, field in cls.model_fields.items():
        stack = [field.annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, Structure):
                found.append((name, field.serialization_alias or field.alias or name))
                break
            stack.extend(get_args(current))
    return tuple(found)


def _put_back_unknown_nones(model: Structure, data: dict[str, Any]) -> None:
    """Put the unknown keys of ``model`` (and of the structures inside it) whose value is None
    back into its dump ``data``, in their place among the other unknown keys.

    An unknown key that is a member's attribute name (``hit_id`` next to ``HITId``: pydantic
    keeps the second spelling among the unknown keys) would fill that member when read back if
    the member, None, were left out: the member is then written as None too.
    """
    for name, key in _structure_fields(type(model)):
        value = model.__dict__.get(name)
        if value is not None and key in data:
            _put_back_in(value, data[key])
    extra = model.__pydantic_extra__
    if not extra:
        return
    keys = _dumped_keys(type(model))
    shadowed = [keys[name] for name in extra if name in keys and keys[name] not in data]
    if shadowed or any(value is None for value in extra.values()):
        dumped = dict(data)
        data.clear()
        data.update((key, value) for key, value in dumped.items() if key not in extra)
        data.update((key, None) for key in shadowed)
        for key, value in extra.items():
            if value is None:
                data[key] = None
            elif key in dumped:
                data[key] = dumped[key]


@cache
def _dumped_keys(cls: type[Structure]) -> dict[str, str]:
    """Attribute name -> dumped key (the botocore member), where the two differ."""
    keys = {
        name: field.serialization_alias or field.alias or name
        for name, field in cls.model_fields.items()
    }
    return {name: key for name, key in keys.items() if name != key}


def _put_back_in(value: Any, dumped: Any) -> None:
    if isinstance(value, Structure):
        if isinstance(dumped, dict):
            _put_back_unknown_nones(value, dumped)
    elif isinstance(value, (tuple, list)) and isinstance(dumped, list):
        for item, dumped_item in zip(value, dumped, strict=True):  # exclude_none keeps items
            _put_back_in(item, dumped_item)
    elif isinstance(value, dict) and isinstance(dumped, dict):
        for key, item in value.items():
            if isinstance(key, str) and key in dumped:
                _put_back_in(item, dumped[key])


class RequestModel(MTurkModel):
    """Data sent to AWS: required members required, unknown keys refused."""

    model_config = ConfigDict(extra="forbid")

    def to_boto3(self) -> dict[str, Any]:
        """Return keyword arguments that boto3 accepts unchanged (``None`` left out)."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class Document(MTurkModel):
    """A document carried inside the API as XML: unknown fields refused, ``to_xml()``."""

    model_config = ConfigDict(extra="forbid")

    def to_xml(self) -> str:
        """Return the document as XML text, which the library's parser reads back equal."""
        raise NotImplementedError(f"{type(self).__name__} is not written as a document of its own")


class Record(BaseModel):
    """A row of the library's own making: snake_case names, frozen, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --- input that is not the structure it was given to -----------------------------------------


def _fold(key: str) -> str:
    """A key compared without case and underscores: AssignmentID, assignment_id, AssignmentId."""
    return key.replace("_", "").lower()


@cache
def _members(cls: type[Structure]) -> frozenset[str]:
    """The keys ``cls`` reads: its botocore members and its attribute names."""
    return frozenset(
        key for name, field in cls.model_fields.items() for key in (name, field.alias) if key
    )


@cache
def _spellings(cls: type[Structure]) -> dict[str, str]:
    """Folded key -> botocore member, for suggestions."""
    return {
        _fold(key): field.alias or name
        for name, field in cls.model_fields.items()
        for key in (name, field.alias)
        if key
    }


# The package whose modules define every structure of the API.
_STRUCTURES_PACKAGE = "mturk_models.api"


@cache
def _registry() -> tuple[type[Structure], ...]:
    """Every concrete structure of the library.

    The package loads its public names on first use, so every module of the API package is
    imported first: what an input looks like, and whether it is refused, must not depend on
    the models the program happened to import before (an Assignment given a WorkerBlock is
    refused even when nothing imported WorkerBlock). This runs once, when unknown keys first
    need the check.
    """
    import pkgutil  # imported here: this runs once, and most runs never need it

    package = importlib.import_module(_STRUCTURES_PACKAGE)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{_STRUCTURES_PACKAGE}.{module.name}")
    found: list[type[Structure]] = []
    stack = list(Structure.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if (
            cls.__module__.startswith("mturk_models.")
            and not cls.__name__.startswith("_")
            and "[" not in cls.__name__  # Page[Assignment], a parametrisation
            and not vars(cls).get("__abstract__", False)
            and cls not in found
        ):
            found.append(cls)
    return tuple(sorted(found, key=lambda c: (len(_members(c)), c.__name__)))


def _mentions(annotation: Any, target: type) -> bool:
    """Whether a field type holds ``target`` (``Assignment | None``, ``tuple[Assignment, ...]``)."""
    stack = [annotation]
    while stack:
        current = stack.pop()
        if current is target:
            return True
        stack.extend(get_args(current))
    return False


def _look_alike(cls: type[Structure], keys: set[str], partial: bool) -> list[type[Structure]]:
    """The structures other than ``cls`` that ``keys`` fit best (all keys, unless ``partial``).

    Those that hold ``cls`` or that ``cls`` holds come first (a GetAssignmentResponse given an
    Assignment's keys names Assignment before BonusPayment, which shares them).
    """
    scored = []
    for other in _registry():
        if other is cls or issubclass(cls, other) or issubclass(other, cls):
            continue
        score = len(keys & _members(other))
        if score == len(keys) or (partial and score):
            scored.append((score, other))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    alike = [other for score, other in scored if score == best]
    return sorted(alike, key=lambda other: not _related(cls, other))


def _related(cls: type[Structure], other: type[Structure]) -> bool:
    return any(_mentions(f.annotation, other) for f in cls.model_fields.values()) or any(
        _mentions(f.annotation, cls) for f in other.model_fields.values()
    )


def _hint(cls: type[Structure], other: type[Structure]) -> str:
    """What to do with input shaped like ``other`` when ``cls`` was asked for."""
    for name, field in other.model_fields.items():
        if _mentions(field.annotation, cls):
            alias = field.alias or name
            if getattr(other, "__items__", None) == name:
                return f"pass the items of response[{alias!r}], or use {other.__name__}.iter_items"
            return f"pass response[{alias!r}]"
    for name, field in cls.model_fields.items():
        if _mentions(field.annotation, other):
            return f"put it under {field.alias or name!r}"
    return f"validate it with {other.__name__}"


def _a(name: str) -> str:
    """``name`` with its article: an Assignment, a HIT, a GetHITResponse."""
    vowel = name[0] in "AEIOU" and not name.startswith("HIT")
    return f"{'an' if vowel else 'a'} {name}"


def _names(classes: list[type[Structure]]) -> str:
    names = [_a(c.__name__) for c in classes[:3]]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _misplaced(cls: type[Structure], extra: dict[str, Any], fields_set: set[str]) -> None:
    """Refuse input whose unknown keys show it is not a ``cls`` (see :class:`Structure`).

    ``fields_set`` holds the members given a value other than None (None is what to_boto3()
    leaves out, so a member given as None does not count as one).
    """
    fields = cls.model_fields
    # An attribute name left among the unknown keys: pydantic read the member's botocore key,
    # so the input gave the member twice, perhaps with two values.
    twice = sorted(key for key in extra if key in fields and fields[key].alias not in (None, key))
    if twice:
        raise PydanticCustomError(
            "duplicate_key",
            "{model} got {pairs}: two names of one member each; give only one of them",
            {
                "model": cls.__name__,
                "pairs": ", ".join(f"{key!r} and {fields[key].alias!r}" for key in twice),
            },
        )
    spellings = _spellings(cls)
    exact = _members(cls)
    misspelt = {
        key: spellings[_fold(key)] for key in extra if _fold(key) in spellings and key not in exact
    }
    if misspelt:
        pairs = ", ".join(
            f"{shown(key, 40)} (did you mean {alias!r}?)" for key, alias in misspelt.items()
        )
        raise PydanticCustomError(
            "member_spelling",
            "{model} has no member {pairs}; member names are case-sensitive",
            {"model": cls.__name__, "pairs": pairs},
        )
    fields = cls.model_fields
    given = {fields[name].alias or name for name in fields_set if name in fields}
    keys = given | set(extra)
    if given:
        # Some members and unknown keys: AWS may have added members, so this is refused only
        # when another structure has every key (a HIT given as an Assignment shares HITId).
        # Keys whose value is None are left out, as to_boto3() leaves them out.
        valued = given | {key for key, value in extra.items() if value is not None}
        alike = _look_alike(cls, valued, partial=False) if valued != given else []
        if alike:
            _refuse_look_alike(cls, alike, valued)
        return
    alike = _look_alike(cls, keys, partial=True)
    if alike:
        _refuse_look_alike(cls, alike, keys)
    members = ", ".join(sorted(field.alias or name for name, field in fields.items())[:6])
    raise PydanticCustomError(
        "wrong_structure",
        "{model} got none of its members ({members}, ...) but only other keys: {keys}",
        {"model": cls.__name__, "members": members, "keys": _keys_text(keys)},
    )


def _keys_text(keys: set[str]) -> str:
    ordered = sorted(keys)
    text = ", ".join(shown(key, 40) for key in ordered[:6])
    return text + (f" and {len(ordered) - 6} more" if len(ordered) > 6 else "")


def _refuse_look_alike(cls: type[Structure], alike: list[type[Structure]], keys: set[str]) -> None:
    raise PydanticCustomError(
        "wrong_structure",
        "{model} got what looks like {looks_like} (keys: {keys}); {hint}",
        {
            "model": cls.__name__,
            "looks_like": _names(alike),
            "keys": _keys_text(keys),
            "hint": _hint(cls, alike[0]),
        },
    )


def _refuse_unwritable(extra: dict[str, Any]) -> None:
    """Refuse unknown keys or values that JSON or pydantic's serializer cannot carry unchanged
    (see :class:`Structure`), naming the unknown member: lone surrogates (``text_surrogate``),
    NaN or infinite numbers (``non_finite_number``), integers of more than
    :data:`JSON_INTEGER_DIGITS` digits (``integer_too_long``) and lists or objects nested more
    than :data:`UNKNOWN_MEMBER_DEPTH` deep (``unknown_member_depth``).

    The walk is iterative: a value nested a million deep is refused, never a RecursionError.
    """
    for member, top in extra.items():
        refuse_surrogates(member)
        stack: list[tuple[Any, int]] = [(top, 0)]
        while stack:
            value, depth = stack.pop()
            if isinstance(value, str):
                refuse_surrogates(value)
            elif isinstance(value, float):
                if not math.isfinite(value):
                    raise PydanticCustomError(
                        "non_finite_number",
                        "The unknown member {member} holds {value}; its numbers should be finite "
                        "(JSON has no NaN or infinity)",
                        {"member": shown(member, 40), "value": repr(value)},
                    )
            elif isinstance(value, int):
                if abs(value) >= _JSON_INTEGER_BOUND and not isinstance(value, bool):
                    digits = math.floor(abs(value).bit_length() * math.log10(2)) + 1
                    raise PydanticCustomError(
                        "integer_too_long",
                        "The unknown member {member} holds an integer of about {digits} digits; "
                        "its integers should have at most {limit} digits (the most pydantic's "
                        "JSON reader reads back)",
                        {
                            "member": shown(member, 40),
                            "digits": f"{digits:,}",
                            "limit": f"{JSON_INTEGER_DIGITS:,}",
                        },
                    )
            elif isinstance(value, (dict, list, tuple)):
                if depth == UNKNOWN_MEMBER_DEPTH:
                    raise PydanticCustomError(
                        "unknown_member_depth",
                        "The unknown member {member} nests lists and objects more than {limit} "
                        "levels deep; at most {limit} are written to JSON and read back",
                        {"member": shown(member, 40), "limit": UNKNOWN_MEMBER_DEPTH},
                    )
                if isinstance(value, dict):
                    stack.extend((key, depth) for key in value)
                    stack.extend((item, depth + 1) for item in value.values())
                else:
                    stack.extend((item, depth + 1) for item in value)


_JSON_INTEGER_BOUND = 10**JSON_INTEGER_DIGITS


# --- the fast path: structures without unknown keys, validated without a Python call ----------
# Profiles of iter_items showed that Structure._known_keys, a Python call for every structure
# (a HIT page of 100 makes 300: the HITs and their QualificationRequirements), cost as much as
# pydantic-core's own work on a WorkerBlock. It does nothing unless a structure has unknown keys,
# which boto3 never gives (botocore's parser keeps only the members of its model). So a second
# validator of the same schema leaves it out and refuses unknown keys instead; whatever that
# validator refuses is validated again by the full one, which gives the result or the errors.


_FAST_PATH: ContextVar[bool] = ContextVar("mturk_models_fast_path", default=False)


class _SlowPath(ValueError):
    """Raised inside the fast path by what only the full validation may do (warn)."""


def refuse_in_fast_path() -> None:
    """Called by a validator before it warns: inside :class:`FastPath`'s first attempt it raises,
    so that the warning is given once, by the full validation that follows."""
    if _FAST_PATH.get():
        raise _SlowPath("left to the full validation")


def _no_unknown_keys(value: Any) -> Any:
    raise PydanticCustomError("fast_path_unknown_key", "left to the full validation")


_KNOWN_KEYS = Structure.__pydantic_decorators__.model_validators["_known_keys"].func
_REFUSE_UNKNOWN = core_schema.no_info_plain_validator_function(_no_unknown_keys)


def _without_known_keys(schema: Any, strict_instead: frozenset[Any] = frozenset()) -> Any:
    """A copy of the core schema ``schema`` in which no structure calls ``_known_keys`` and every
    structure refuses unknown keys (the originals are left untouched); a before validator in
    ``strict_instead`` around a scalar schema becomes that schema in strict mode."""
    if isinstance(schema, list):
        return [_without_known_keys(item, strict_instead) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kind, function = schema.get("type"), schema.get("function")
    if isinstance(function, dict) and function.get("function") is _KNOWN_KEYS:
        return _without_known_keys(schema["schema"], strict_instead)  # around a model
    if (
        kind == "function-before"
        and isinstance(function, dict)
        and function.get("function") in strict_instead
        and schema["schema"].get("type") in _SCALARS
    ):
        return {**schema["schema"], "strict": True}
    copy = {
        key: value if key in _OPAQUE else _without_known_keys(value, strict_instead)
        for key, value in schema.items()
    }
    if kind == "model" and copy.get("config", {}).get("extra_fields_behavior") == "allow":
        fields = copy["schema"]
        if fields.get("type") == "model-fields" and "extras_schema" not in fields:
            copy["schema"] = {**fields, "extras_schema": _REFUSE_UNKNOWN}
    return copy


_SCALARS = frozenset({"int", "float", "str", "bool"})
"""Core schemas whose strict mode takes a subset of what their lax mode takes, unchanged."""
_OPAQUE = frozenset({"cls", "function", "metadata", "serialization", "config", "ref"})
"""Keys of a core schema whose values are not schemas: copied as they are."""


class FastPath:
    """A first attempt at validating with ``schema``, faster when no structure in the input has
    unknown keys; the caller validates whatever it refuses with the full schema.

    The attempt runs a copy of ``schema`` without ``Structure``'s unknown-keys check, which
    instead refuses every unknown key; it also refuses what a validator would warn about (see
    :func:`refuse_in_fast_path`). What it accepts, the full validation gives equal; what it
    refuses, the full validation decides, so the result, the errors and the warnings are always
    the full validation's own.
    """

    def __init__(
        self,
        schema: core_schema.CoreSchema,
        config: CoreConfig | None = None,
        *,
        strict_instead: Iterable[Callable[[Any], Any]] = (),
    ) -> None:
        """``strict_instead``: before validators that leave unchanged every value their scalar
        schema takes in strict mode (``Int32``'s, which only refuses bools and out-of-range
        ints): the attempt runs the schema in strict mode instead of calling them, and what
        strict mode refuses goes to the full validation."""
        fast = _without_known_keys(schema, frozenset(strict_instead))
        self._fast = SchemaValidator(fast, config)

    def attempt(self, value: Any) -> Any | None:
        """The validated ``value``, or None if the full validation must decide."""
        token = _FAST_PATH.set(True)
        try:
            return self._fast.validate_python(value)
        except ValidationError:
            return None
        finally:
            _FAST_PATH.reset(token)
