"""The one safe XML reader that every XML entry point of the library uses.

Security model (no opt-out): a document with a DOCTYPE is refused before anything in it is
processed, so no DTD, no entity declaration (billion laughs, quadratic blowup), no parameter
entity and no external reference (``SYSTEM "file:///etc/passwd"``, external DTDs) is ever read.
Entity and external-reference handlers are installed as a second wall. These are the checks of
``defusedxml`` with ``forbid_dtd=True, forbid_entities=True, forbid_external=True``:

* :func:`parse_tree` uses ``defusedxml.ElementTree`` itself (question documents, legacy
  responses);
* :func:`secure_parser` returns a bare ``pyexpat`` parser with the same handlers that defusedxml
  installs, for the streaming answer parser, which builds no tree and is faster.

Every failure becomes an :class:`~mturk_models.exceptions.UnsafeXMLError` or the caller's error
class; no ``ExpatError``, ``ParseError`` or ``UnicodeDecodeError`` escapes.
"""

from __future__ import annotations

from typing import Any, NoReturn
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

import defusedxml
import defusedxml.ElementTree as defused_et

from .exceptions import MTurkModelsError, UnsafeXMLError

__all__ = ["parse_tree", "prepare", "secure_parser"]

_WHITESPACE = b" \t\r\n"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def prepare(data: str | bytes) -> str | bytes:
    """Drop whitespace before the document (saved files often have it, even before ``<?xml``).

    For bytes, only ASCII whitespace in an ASCII-compatible encoding is dropped; a UTF-16
    document (with a BOM, or starting with a NUL byte) is passed on untouched.
    """
    if isinstance(data, str):
        return data.lstrip(" \t\r\n\ufeff")
    if data.startswith(_BOMS[1:]) or data[:2].count(0):
        return data
    bom = data.startswith(_BOMS[0])
    body = data[3:] if bom else data
    return body.lstrip(_WHITESPACE)


def _refuse_dtd(name: str, *_: Any) -> NoReturn:
    raise UnsafeXMLError(
        f"XML with a DOCTYPE declaration ({name!r}) is refused: DTDs are not allowed"
    )


def _refuse_entity(name: str, *_: Any) -> NoReturn:
    raise UnsafeXMLError(f"XML with an entity declaration ({name!r}) is refused")


def _refuse_external(context: Any, base: Any, system_id: Any, public_id: Any) -> NoReturn:
    raise UnsafeXMLError(f"XML with an external reference ({system_id!r}) is refused")


def secure_parser(namespace_separator: str | None = None) -> expat.XMLParserType:
    """A new pyexpat parser that refuses DTDs, entity declarations and external references."""
    parser = expat.ParserCreate(namespace_separator=namespace_separator)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    return parser


def parse_tree(data: str | bytes, *, error: type[MTurkModelsError], what: str) -> Element:
    """Parse ``data`` into an ElementTree element through defusedxml, refusing DTDs.

    ``what`` names the document in messages ("question document", "legacy response"); a
    malformed document raises ``error`` with expat's line and column.
    """
    try:
        root: Element = defused_et.fromstring(
            prepare(data), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        return root
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeXMLError(f"{what} refused: {exc}") from exc
    except ParseError as exc:
        line, column = exc.position
        raise error(
            f"{what} is not well-formed XML at line {line}, column {column}: {exc}"
        ) from exc
    except (ValueError, LookupError, UnicodeError, RecursionError) as exc:
        raise error(f"{what} cannot be read: {exc}") from exc
