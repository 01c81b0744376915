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

from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_pascal

__all__ = ["Document", "MTurkModel", "Record", "RequestModel", "Structure"]


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
    )


class Structure(MTurkModel):
    """A data structure of the API: every field optional, unknown keys kept (``model_extra``)."""

    model_config = ConfigDict(extra="allow")

    def to_boto3(self) -> dict[str, Any]:
        """Return the data in boto3's shape: PascalCase keys, ``None`` left out."""
        return self.model_dump(by_alias=True, exclude_none=True)


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
