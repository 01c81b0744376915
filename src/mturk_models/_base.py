"""The base models: one shared configuration for every model of the library."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_pascal

__all__ = ["MTurkModel", "RequestModel", "ResponseModel"]


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


class ResponseModel(MTurkModel):
    """Data that AWS sends: every field optional, unknown keys kept (``model_extra``)."""

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
