"""The one safe XML reader that every XML entry point of the library uses.

Security model (no opt-out): a document with a DOCTYPE is refused before anything in it is
processed, so no DTD, no entity declaration (billion laughs, quadratic blowup), no parameter
entity and no external reference (``SYSTEM "file:///etc/passwd"``, external DTDs) is ever read.
Entity and external-reference handlers are installed as a second wall. These are the checks of
``defusedxml`` with ``forbid_dtd=True, forbid_entities=True, forbid_external=True``:

* :func:`parse_tree` uses ``defusedxml.ElementTree`` itself (question documents, legacy
  responses);
* :func:`secure_parser` returns a bare ``pyexpat`` parser with the same handlers that defusedxml
  installs, for the answer parser (:mod:`mturk_models.documents.answers`), which builds no tree:
  it lets this parser read every answer document in full before it takes any value from it.

XInclude is never processed by any reader; :data:`XINCLUDE_NAMESPACES` lets readers refuse it
as unsafe rather than report it as an unknown element.

Encodings: expat reads UTF-8, UTF-16, ISO-8859-1 and US-ASCII itself. :func:`prepare` decodes
everything else in Python, as the byte order mark (UTF-32) or the XML declaration names it
(``ASCII``, ``windows-1252``, ``utf8``, Shift_JIS, GB18030, ...), so that "bytes in any encoding
the declaration names" holds for every reader. pyexpat's own fallback is not used: it takes any
codec for a single-byte one when decoding 256 bytes gives 256 characters, which ``utf8`` and
ISO-2022-JP do.

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

from ..exceptions import MTurkModelsError, UnsafeXMLError

__all__ = ["XINCLUDE_NAMESPACES", "parse_tree", "prepare", "secure_parser"]

XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
"""XInclude elements are never processed; readers refuse them as unsafe rather than unknown."""

_WHITESPACE = b" \t\r\n"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_TEXT_WHITESPACE = (" ", "\t", "\r", "\n")


def prepare(data: str | bytes) -> str | bytes:
    """Drop whitespace before the document, and decode what expat cannot read itself.

    Saved files often have whitespace before the document, even before ``<?xml``. For bytes:

    * UTF-32 (a byte order mark, or an ASCII character with three NUL bytes) is decoded to str;
    * UTF-16 (a byte order mark, or a NUL byte in the first two) that starts with whitespace is
      decoded to str to drop it; other UTF-16 documents are passed on untouched;
    * otherwise the bytes are ASCII-compatible: ASCII whitespace and a UTF-8 BOM are dropped,
      and a document whose XML declaration names an encoding other than the four expat reads
      itself (UTF-8, UTF-16, ISO-8859-1, US-ASCII: pyexpat would guess at the others, and reads
      ``utf8`` or Shift_JIS wrongly) is decoded with Python's codec of that name.

    expat reads a str whatever its declaration says. Raises :class:`UnicodeDecodeError` for
    bytes that are not in their encoding and :class:`LookupError` for an encoding that Python
    does not know.

    >>> prepare(b"  \\r\\n<?xml version='1.0'?><a/>")
    b"<?xml version='1.0'?><a/>"
    >>> prepare(" <a/>".encode("utf-16"))
    '<a/>'
    >>> prepare('<?xml version="1.0" encoding="utf8"?><a>é</a>'.encode())
    '<?xml version="1.0" encoding="utf8"?><a>é</a>'
    """
    if isinstance(data, str):
        return data.lstrip(" \t\r\n\ufeff")
    utf32 = _utf32_codec(data)
    if utf32:
        return data.decode(utf32).lstrip(" \t\r\n\ufeff")
    if data.startswith(_BOMS[1:]) or data[:2].count(0):
        codec = _utf16_codec(data)
        if codec and data[:8].decode(codec, "ignore").lstrip("\ufeff")[:1] in _TEXT_WHITESPACE:
            return data.decode(codec).lstrip(" \t\r\n\ufeff")
        return data
    if data[:1] != b"<":
        data = data[3:] if data.startswith(_BOMS[0]) else data
        data = data.lstrip(_WHITESPACE)
    declared = _DECLARED.match(data)
    if declared is not None and declared.group(1).upper() not in _EXPAT_ENCODINGS:
        # Only text encodings: bytes.decode refuses rot13, base64 and other transforms.
        return data.decode(codecs.lookup(declared.group(1).decode("ascii")).name)
    return data


def _utf32_codec(data: bytes) -> str | None:
    if data.startswith(_UTF32_BOMS):
        return "utf-32"
    head = data[:4]
    if len(head) == 4 and head.count(0) == 3:
        if head[0] and head[0] < 0x80:
            return "utf-32-le"
        if head[3] and head[3] < 0x80:
            return "utf-32-be"
    return None  # not UTF-32 (or not text: left to the reader)


def _utf16_codec(data: bytes) -> str | None:
    if data.startswith(_BOMS[1:]):
        return "utf-16"
    if data[:1] == b"\0" and data[1:2] != b"\0":
        return "utf-16-be"
    if data[1:2] == b"\0" and data[:1] != b"\0":
        return "utf-16-le"
    return None  # not text: left to the reader


_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_DECLARED = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._:-]*)[\"']")
# The encodings expat decodes itself (XML_SetEncoding's names; case does not matter).
_EXPAT_ENCODINGS = frozenset({b"UTF-8", b"UTF-16", b"ISO-8859-1", b"US-ASCII"})


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
