"""The one safe XML reader that every XML entry point of the library uses.

Security model (no opt-out): a document with a DOCTYPE is refused before anything in it is
processed, so no DTD, no entity declaration (billion laughs, quadratic blowup), no parameter
entity and no external reference (``SYSTEM "file:///etc/passwd"``, external DTDs) is ever read.
Entity and external-reference handlers are installed as a second wall. These are the checks of
``defusedxml`` with ``forbid_dtd=True, forbid_entities=True, forbid_external=True``:

* :func:`parse_tree` uses ``defusedxml.ElementTree`` itself (question documents, legacy
  responses);
* :func:`secure_parser` returns a bare ``pyexpat`` parser with the same handlers that defusedxml
  installs, for the answer parser (:mod:`mturk_models.answers`), which builds no tree: it lets
  this parser read every answer document in full before it takes any value from it.

XInclude is never processed by any reader; :data:`XINCLUDE_NAMESPACES` lets readers refuse it
as unsafe rather than report it as an unknown element.

Encodings: expat reads UTF-8, UTF-16, ISO-8859-1 and US-ASCII itself, and pyexpat adds every
single-byte codec Python knows (``encoding="ASCII"``, ``windows-1252``). :func:`decode_declared`
decodes the rest (UTF-32, Shift_JIS, GB18030, ...) in Python, as the byte order mark or the XML
declaration names it, so that "bytes in any encoding the declaration names" holds.

Every failure becomes an :class:`~mturk_models.exceptions.UnsafeXMLError` or the caller's error
class; no ``ExpatError``, ``ParseError`` or ``UnicodeDecodeError`` escapes.
"""

from __future__ import annotations

import codecs
import re
from typing import Any, NoReturn
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

import defusedxml
import defusedxml.ElementTree as defused_et

from .exceptions import MTurkModelsError, UnsafeXMLError

__all__ = ["XINCLUDE_NAMESPACES", "decode_declared", "parse_tree", "prepare", "secure_parser"]

XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
"""XInclude elements are never processed; readers refuse them as unsafe rather than unknown."""

_WHITESPACE = b" \t\r\n"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_TEXT_WHITESPACE = (" ", "\t", "\r", "\n")


def prepare(data: str | bytes) -> str | bytes:
    """Drop whitespace before the document (saved files often have it, even before ``<?xml``).

    For bytes in an ASCII-compatible encoding, ASCII whitespace (and a UTF-8 BOM) is dropped.
    A UTF-16 document (with a BOM, or starting with a NUL byte) that starts with whitespace is
    decoded to str to drop it (expat reads a str whatever its declaration says); other UTF-16
    documents are passed on untouched. Raises :class:`UnicodeDecodeError` for UTF-16 that does
    not decode.

    >>> prepare(b"  \\r\\n<?xml version='1.0'?><a/>")
    b"<?xml version='1.0'?><a/>"
    >>> prepare(" <a/>".encode("utf-16"))
    '<a/>'
    """
    if isinstance(data, str):
        return data.lstrip(" \t\r\n\ufeff")
    if data[:1] == b"<":  # the usual case: nothing to drop
        return data
    if data.startswith(_BOMS[1:]) or data[:2].count(0):
        codec = _utf16_codec(data)
        if codec and data[:8].decode(codec, "ignore").lstrip("\ufeff")[:1] in _TEXT_WHITESPACE:
            return data.decode(codec).lstrip(" \t\r\n\ufeff")
        return data
    bom = data.startswith(_BOMS[0])
    body = data[3:] if bom else data
    return body.lstrip(_WHITESPACE)


def _utf16_codec(data: bytes) -> str | None:
    if data.startswith(_BOMS[1:]):
        return "utf-16"
    if data[:1] == b"\0" and data[1:2] != b"\0":
        return "utf-16-be"
    if data[1:2] == b"\0" and data[:1] != b"\0":
        return "utf-16-le"
    return None  # UTF-32 or not text: left to the reader


_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF32_STARTS = {b"<\0\0\0": "utf-32-le", b"\0\0\0<": "utf-32-be"}
_DECLARED = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._:-]*)[\"']")


def decode_declared(data: bytes) -> str:
    """Decode a document that expat cannot read itself, as its BOM or XML declaration says.

    UTF-32 is recognised by its byte order mark or its ``<`` pattern; otherwise the
    ``encoding`` of the XML declaration is looked up among Python's codecs. Raises
    :class:`LookupError` for an encoding Python does not know (or none declared) and
    :class:`UnicodeDecodeError` for bytes that are not in that encoding.

    >>> decode_declared('<?xml version="1.0" encoding="Shift_JIS"?><a>日本</a>'.encode("shift_jis"))
    '<?xml version="1.0" encoding="Shift_JIS"?><a>日本</a>'
    """
    if data.startswith(_UTF32_BOMS):
        return data.decode("utf-32")
    if data[:4] in _UTF32_STARTS:
        return data.decode(_UTF32_STARTS[data[:4]])
    match = _DECLARED.match(data)
    if match is None:
        raise LookupError("the document names no encoding that Python can decode")
    name = match.group(1).decode("ascii")
    # Only text encodings: bytes.decode refuses rot13, base64 and other transforms.
    return data.decode(codecs.lookup(name).name)


def _refuse_dtd(name: str, *_: Any) -> NoReturn:
    raise UnsafeXMLError(
        f"XML with a DOCTYPE declaration ({name!r}) is refused: DTDs are not allowed"
    )


def _refuse_entity(name: str, *_: Any) -> NoReturn:
    raise UnsafeXMLError(f"XML with an entity declaration ({name!r}) is refused")


def _refuse_external(context: Any, base: Any, system_id: Any, public_id: Any) -> NoReturn:
    raise UnsafeXMLError(f"XML with an external reference ({system_id!r}) is refused")


def secure_parser(
    namespace_separator: str | None = None, *, intern: dict[str, Any] | None = None
) -> expat.XMLParserType:
    """A new pyexpat parser that refuses DTDs, entity declarations and external references.

    ``intern`` is pyexpat's name-interning dictionary: element and attribute names are looked up
    in it and replaced by the value found there (names not found are added, mapped to
    themselves). Pass a fresh dictionary per parse.
    """
    parser = expat.ParserCreate(namespace_separator=namespace_separator, intern=intern)
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
