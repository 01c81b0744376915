"""Operation outputs: :class:`Response` (with boto3's ``ResponseMetadata``) and :class:`Page`.

Every list operation's output is a ``Page`` of its items: ``next_token``, ``num_results``, the
items under the operation's own member name, ``items()`` and the lazy ``iter_items(pages)`` that
reads a paginator's output one page at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Annotated, Any, ClassVar, Generic, NoReturn, TypeVar

from pydantic import AfterValidator, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._base import FastPath, Structure
from .._types import Count, PaginationToken, Text
from .._types import _int32 as int32_validator

__all__ = ["Page", "Response", "ResponseMetadata"]

ItemT = TypeVar("ItemT", bound=Structure)


class FrozenDict(dict[str, str]):
    """A dict that cannot change and hashes by its items, so models holding it are hashable.

    It is a ``dict``: it compares equal to the plain dict it was made from and dumps as one.
    """

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, str]]]:
        return type(self), (dict(self),)  # pickle and copy without __setitem__

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(f"{type(self).__name__} is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse


Headers = Annotated[dict[Text, Text], AfterValidator(FrozenDict)]
"""HTTP headers: names and values are text; held read-only and hashable."""


class ResponseMetadata(Structure):
    """What boto3 adds to every response: the request ID, the HTTP status, headers, retries.

    >>> ResponseMetadata.model_validate({"RequestId": "a1", "HTTPStatusCode": 200}).request_id
    'a1'
    """

    request_id: Text | None = Field(default=None, description="The ID AWS gave the request.")
    http_status_code: int | None = Field(
        default=None, alias="HTTPStatusCode", description="The HTTP status code of the response."
    )
    http_headers: Headers | None = Field(
        default=None,
        alias="HTTPHeaders",
        description="The HTTP headers of the response (a read-only, hashable mapping).",
    )
    retry_attempts: int | None = Field(
        default=None, description="How many times botocore retried the request."
    )
    host_id: Text | None = Field(default=None, description="The host ID, when AWS sends one.")


class Response(Structure):
    """The output of an operation: its members, plus boto3's ``ResponseMetadata``."""

    __abstract__: ClassVar[bool] = True

    response_metadata: ResponseMetadata | None = Field(
        default=None,
        description="boto3's ResponseMetadata (RequestId, HTTPStatusCode, HTTPHeaders, "
        "RetryAttempts).",
    )


class Page(Response, Generic[ItemT]):
    """One page of a list operation: its items, ``NextToken`` and ``NumResults``.

    A subclass names its items' field in ``__items__`` and declares that field.
    """

    __items__: ClassVar[str]
    __abstract__: ClassVar[bool] = True

    next_token: PaginationToken | None = Field(
        default=None,
        description="If the previous response was incomplete (because there is more data to "
        "retrieve), the token that retrieves the next page.",
    )
    num_results: Count | None = Field(
        default=None, description="The number of results on this page of the list results."
    )

    def items(self) -> tuple[ItemT, ...]:
        """The items of this page (an empty tuple when the page has none)."""
        items: tuple[ItemT, ...] | None = getattr(self, self.__items__)
        return items or ()

    @classmethod
    def items_alias(cls) -> str:
        """The botocore member that holds the items (``"Assignments"``, ``"HITs"``, ...)."""
        alias = cls.model_fields[cls.__items__].alias
        assert alias is not None  # every field of the library's models has an alias
        return alias

    @classmethod
    def iter_items(
        cls, pages: Iterable[Mapping[str, Any] | Page[ItemT]] | Mapping[str, Any] | Page[ItemT]
    ) -> Iterator[ItemT]:
        """Yield the items of boto3 pages one by one, holding only one page at a time.

        ``pages`` is any iterable of this operation's responses (a boto3 paginator's
        ``paginate(...)``, a generator, a list of saved pages, or pages already wrapped in this
        class); a single page is accepted too. Pages are read only as the items are consumed.
        Each page is validated as a whole, which is faster than one item at a time.

        Raises :class:`pydantic.ValidationError` when a page is invalid; the error's location
        starts with the page's index. A page that is not a mapping (``<items>_page_type``), or a
        mapping without the items' member that carries other keys, such as an item passed by
        mistake (``<items>_page_keys``), is refused rather than skipped, so no item is silently
        lost.
        """
        if isinstance(pages, (Mapping, Page)):
            pages = (pages,)
        alias = cls.items_alias()
        envelope = _envelope_keys(cls)
        fast = _fast_path(cls)
        for index, page in enumerate(pages):
            if isinstance(page, cls):
                yield from page.items()
                continue
            if type(page) is not dict and not isinstance(page, Mapping):
                raise _page_error(
                    cls,
                    index,
                    page,
                    "page_type",
                    "Page {index} should be a {operation} response (a mapping with "
                    "'{alias}'); got {type}",
                    type=type(page).__name__,
                )
            if alias not in page and not page.keys() <= envelope:
                raise _page_error(
                    cls,
                    index,
                    page,
                    "page_keys",
                    "Page {index} has no '{alias}' but has {keys}; pass {operation} responses, "
                    "not {items} or other responses",
                    keys=", ".join(sorted(map(str, page.keys()))[:5]),
                )
            wrapped = fast.attempt(page)
            if wrapped is None:  # unknown keys, a warning or an error: the full validation
                wrapped = _pages_adapter(cls).validate_python({index: page})[index]
            yield from wrapped.items()


def _operation(cls: type[Page[Any]]) -> str:
    return cls.__name__.removesuffix("Response")


@cache
def _envelope_keys(cls: type[Page[Any]]) -> frozenset[str]:
    return frozenset(field.alias or name for name, field in cls.model_fields.items())


@cache
def _pages_adapter(cls: type[Page[Any]]) -> TypeAdapter[dict[int, Any]]:
    # Pages are validated as ``{index: page}`` so that an error's location starts with the page's
    # position in the stream: ``(3, "Assignments", 41, "SubmitTime")``.
    return TypeAdapter(dict[int, cls], config=ConfigDict(title=f"{cls.__name__}.iter_items"))  # type: ignore[valid-type]


@cache
def _fast_path(cls: type[Page[Any]]) -> FastPath:
    # A page as it is, not as {index: page}: the index only matters in errors, which the full
    # validation gives.
    return FastPath(cls.__pydantic_core_schema__, strict_instead=(int32_validator,))


def _page_error(
    cls: type[Page[Any]], index: int, page: object, code: str, message: str, **context: Any
) -> ValidationError:
    context = {
        "index": index,
        "operation": _operation(cls),
        "alias": cls.items_alias(),
        "items": cls.__items__,
        **context,
    }
    error = PydanticCustomError(f"{cls.__items__}_{code}", message, context)
    return ValidationError.from_exception_data(
        f"{cls.__name__}.iter_items", [InitErrorDetails(type=error, loc=(index,), input=page)]
    )
