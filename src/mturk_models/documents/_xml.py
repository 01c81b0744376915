"""The one safe XML reader that every XML entry point of the library uses.

This is the only module of the package that imports an XML parser (``xml.*``, ``pyexpat``;
an import-linter contract enforces it). It does four jobs for every reader:

1. **Prepare the input** (:func:`prepare`): whitespace and byte order marks before the document
   are dropped, and encodings expat does not read itself are decoded in Python (below).
2. **Refuse hostile XML**, with one class and one wording whatever the entry point
   (:class:`~mturk_models.exceptions.UnsafeXMLError`): a document with a DOCTYPE is refused
   before anything in it is processed, so no DTD, no entity declaration (billion laughs,
   quadratic blowup), no parameter entity and no external reference (``SYSTEM
   "file:///etc/passwd"``, external DTDs) is ever read; entity and external-reference handlers
   are installed as a second wall (the checks of ``defusedxml`` with ``forbid_dtd=True,
   forbid_entities=True, forbid_external=True``). XInclude elements
   (:data:`XINCLUDE_NAMESPACES`) are never processed and are refused as unsafe too, by
   :func:`parse_tree` and by the answer reader alike. There is no option to switch any of this
   off.
3. **Locate errors**: a malformed document raises the caller's error class (a
   :class:`~mturk_models.exceptions.DocumentError`) with ``line`` and ``column`` and expat's
   reason, once.
4. **Walk elements with one path convention** (:func:`children`): ``Root/Child[1]/Leaf[2]``,
   with the position among same-named siblings on every step, and each element's namespace
   split from its name so that readers apply their namespace rule to both.

Two ways in:

* :func:`parse_tree` checks the document with :func:`secure_parser`, then builds an ElementTree
  with ElementTree's C parser (question documents, answer keys, legacy responses);
* :func:`secure_parser` returns a bare ``pyexpat`` parser with the same refusals, for the
  answer reader (:mod:`mturk_models.documents.answers`) and the XHTML checker, which build no
  tree.

Encodings: expat reads UTF-8, UTF-16, ISO-8859-1 and US-ASCII itself. :func:`prepare` decodes
everything else in Python, as the byte order mark (UTF-32), the NUL bytes (UTF-16 without a byte
order mark) or the XML declaration names it (``ASCII``, ``windows-1252``, ``utf8``, Shift_JIS,
GB18030, ...), so that "bytes in any encoding the declaration names" holds for every reader.
pyexpat's own fallback is not used: it takes any codec for a single-byte one when decoding 256
bytes gives 256 characters, which ``utf8`` and ISO-2022-JP do, and it raises ``LookupError`` for
a name it does not know. A declared encoding that Python does not know, or that is not a text
encoding (``base64``, ``rot13``), is refused with an error naming it
(:class:`XMLEncodingError`, which readers turn into their own error).

No ``ExpatError``, ``ParseError``, ``UnicodeDecodeError`` or ``LookupError`` escapes a reader.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Annotated, Any, NoReturn, TypeVar
from xml.etree.ElementTree import Element, ParseError
from xml.etree.ElementTree import fromstring as _fromstring
from xml.parsers import expat
from xml.parsers.expat import ExpatError
from xml.parsers.expat import errors as expat_errors

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .._errors import shown
from .._types import strip_identifier
from ..exceptions import DocumentError, UnsafeXMLError

__all__ = [
    "XINCLUDE_NAMESPACES",
    "AnswerIdentifier",
    "Child",
    "Element",
    "ExpatError",
    "XMLEncodingError",
    "XmlText",
    "at_line",
    "children",
    "escape_text",
    "expat_errors",
    "expat_reason",
    "find_unsafe",
    "parse_tree",
    "prepare",
    "quote_attribute",
    "secure_parser",
    "sniff_encoding",
    "split_name",
    "unsafe_xinclude",
    "xml_characters",
]

XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
"""XInclude elements are never processed; every reader refuses them as unsafe."""

_XINCLUDE_TAGS = tuple(f"{{{namespace}}}" for namespace in XINCLUDE_NAMESPACES)
_WHITESPACE = b" \t\r\n"
_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_LEADING = " \t\r\n\ufeff"


# --- text every document can carry --------------------------------------------------------------

# XML 1.0 "Char": everything else (C0 controls but tab/LF/CR, lone surrogates, U+FFFE, U+FFFF)
# cannot appear in a document, not even as a character reference.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_characters(value: str) -> str:
    """``value`` unchanged, or the error ``xml_character`` for a character XML 1.0 cannot carry.

    >>> xml_characters("caf\u00e9 \U0001f600")
    'café 😀'
    >>> xml_characters("a\\x00b")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: XML 1.0 cannot carry the character U+0000 (at index 1); got 'a\\x00b'
    """  # noqa: E501
    found = _NOT_XML.search(value)
    if found is not None:
        raise PydanticCustomError(
            "xml_character",
            "XML 1.0 cannot carry the character {character} (at index {index}); got {value}",
            {
                "character": f"U+{ord(found.group()):04X}",
                "index": found.start(),
                "value": shown(value),
            },
        )
    return value


def escape_text(text: str) -> str:
    """Text as element content: ``&``, ``<`` and ``>`` escaped, as
    ``xml.sax.saxutils.escape`` does (which imports ``urllib.request``, ``http.client`` and
    ``ssl`` with it, a cost every run of the command line would pay).

    >>> escape_text("a < b & c")
    'a &lt; b &amp; c'
    """
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


_ATTRIBUTE_WHITESPACE = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def quote_attribute(value: str) -> str:
    """An attribute value with its quotes, as ``xml.sax.saxutils.quoteattr`` writes it:
    escaped as :func:`escape_text` escapes, line breaks and tabs as character references (an
    attribute value would normalise them to spaces), in double quotes, or in single quotes when
    it holds a double quote and no single one, else with ``&quot;``.

    >>> print(quote_attribute('say "hi"'), quote_attribute("a\\tb"))
    'say "hi"' "a&#9;b"
    """
    value = escape_text(value).translate(_ATTRIBUTE_WHITESPACE)
    if '"' in value:
        if "'" in value:
            return '"{}"'.format(value.replace('"', "&quot;"))
        return f"'{value}'"
    return f'"{value}"'


XmlText = Annotated[str, AfterValidator(xml_characters)]
"""Text a document can carry: only characters XML 1.0 allows (no NUL, no other C0 control but
tab, LF and CR, no lone surrogate, no U+FFFE or U+FFFF); error code ``xml_character``."""

AnswerIdentifier = Annotated[str, AfterValidator(strip_identifier), AfterValidator(xml_characters)]
"""A QuestionIdentifier, SelectionIdentifier or UploadedFileKey, in answers and in questions
alike (so the two always match): XML whitespace around it stripped, not empty
(``empty_identifier``), only characters XML 1.0 allows (``xml_character``)."""


# --- encodings ------------------------------------------------------------------------------------


class XMLEncodingError(ValueError):
    """An XML declaration names an encoding that cannot decode the document.

    Readers catch it as a :class:`ValueError` and raise their own error with this message.
    """


def sniff_encoding(head: bytes) -> str | None:
    """The UTF-16 or UTF-32 codec the first bytes of a document show, or ``None``.

    A byte order mark, or NUL bytes between ASCII characters (what Windows PowerShell's ``>``
    writes is UTF-16 with a BOM; some tools write it without). ``None`` means an ASCII-compatible
    encoding (or not text at all): the XML declaration, if any, says which.

    >>> sniff_encoding(" <a/>".encode("utf-16-le")), sniff_encoding(b"<a/>")
    ('utf-16-le', None)
    """
    if head.startswith(_UTF32_BOMS):
        return "utf-32"
    first = head[:4]
    if len(first) == 4 and first.count(0) == 3:
        if first[0] and first[0] < 0x80:
            return "utf-32-le"
        if first[3] and first[3] < 0x80:
            return "utf-32-be"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    if head[:1] == b"\0" and head[1:2] != b"\0":
        return "utf-16-be"
    if head[1:2] == b"\0" and head[:1] != b"\0":
        return "utf-16-le"
    return None


# The declaration's encoding, whatever its spelling; EncName ([A-Za-z][A-Za-z0-9._-]*) is
# checked after, so that a malformed name is refused with the name rather than left to expat.
_DECLARED = re.compile(r"<\?xml[^>]*?encoding\s*=\s*([\"'])([^\"']*)\1")
_Text = TypeVar("_Text", str, bytes)
_ENCODING_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
# The encodings expat decodes itself (XML_SetEncoding's names; case does not matter).
_EXPAT_ENCODINGS = frozenset({"UTF-8", "UTF-16", "ISO-8859-1", "US-ASCII"})


def _declared_codec(head: str) -> tuple[str, str] | None:
    """(the declared name, Python's codec for it) when the document declares an encoding.

    Raises :class:`XMLEncodingError` naming the encoding when it is not a valid name, not known
    to Python, or not a text encoding.
    """
    found = _DECLARED.match(head)
    if found is None:
        return None
    name = found.group(2)
    if _ENCODING_NAME.fullmatch(name) is None:
        raise XMLEncodingError(
            f"the XML declaration names the encoding {shown(name)}, which is not an encoding name"
        )
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise XMLEncodingError(
            f"the XML declaration names the encoding {shown(name)}, which Python does not know"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise XMLEncodingError(
            f"the XML declaration names the encoding {shown(name)}, which is not a text encoding"
        )
    return name, info.name


def _declaration(data: _Text) -> _Text:
    """The XML declaration at the start of ``data``, whatever its length (up to its ``>``), or
    nothing: every encoding expat would be asked to use is checked here first.

    >>> _declaration(b'<?xml version="1.0" encoding="' + b"x" * 300 + b'"?><a/>')[-4:]
    b'x"?>'
    """
    if isinstance(data, str):
        end = data.find(">") if data.startswith("<?xml") else 0
    else:
        end = data.find(b">") if data.startswith(b"<?xml") else 0
    return data if end < 0 else data[: end + 1]


def prepare(data: str | bytes) -> str | bytes:
    """Drop whitespace before the document, and decode what expat cannot read itself.

    Saved files often have whitespace before the document, even before ``<?xml``. A ``str`` is
    returned without that whitespace (expat reads a str whatever its declaration says). For
    bytes:

    * UTF-32 and UTF-16 (a byte order mark, or NUL bytes among the first four) are decoded to
      str, the declared encoding checked to be a text encoding Python knows;
    * otherwise the bytes are ASCII-compatible: ASCII whitespace and a UTF-8 BOM are dropped,
      and a document whose XML declaration names an encoding other than the four expat reads
      itself (UTF-8, UTF-16, ISO-8859-1, US-ASCII: pyexpat would guess at the others, and reads
      ``utf8`` or Shift_JIS wrongly) is decoded with Python's codec of that name.

    Raises :class:`UnicodeDecodeError` for bytes that are not in their encoding and
    :class:`XMLEncodingError` for a declared encoding that Python does not know or that is not a
    text encoding; both are :class:`ValueError`.

    >>> prepare(b"  \\r\\n<?xml version='1.0'?><a/>")
    b"<?xml version='1.0'?><a/>"
    >>> prepare(" <a/>".encode("utf-16"))
    '<a/>'
    >>> prepare('<?xml version="1.0" encoding="utf8"?><a>é</a>'.encode())
    '<?xml version="1.0" encoding="utf8"?><a>é</a>'
    >>> prepare(b'<?xml version="1.0" encoding="bogus"?><a/>')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mturk_models.documents._xml.XMLEncodingError: ... encoding 'bogus', which Python does not know
    """
    if isinstance(data, str):
        return data.lstrip(_LEADING)
    wide = sniff_encoding(data)
    if wide is not None:
        text = data.decode(wide).lstrip(_LEADING)
        _declared_codec(_declaration(text))
        return text
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    data = data.lstrip(_WHITESPACE)
    declared = _declared_codec(_declaration(data).decode("latin-1"))
    if declared is not None and declared[0].upper() not in _EXPAT_ENCODINGS:
        return data.decode(declared[1])
    return data


# --- refusals -------------------------------------------------------------------------------------


def _unsafe(what: str, detail: str) -> UnsafeXMLError:
    """The one wording of every refusal: "<what> are refused (<detail>)"."""
    return UnsafeXMLError(f"{what} are refused ({detail})")


def _doctype(name: object) -> UnsafeXMLError:
    return _unsafe("DOCTYPE declarations", f"DOCTYPE {name}")


def _entity(name: object) -> UnsafeXMLError:
    return _unsafe("entity declarations", f"ENTITY {name}")


def _external(system_id: object) -> UnsafeXMLError:
    return _unsafe("external references", f"SYSTEM {shown(system_id)}")


def _refuse_doctype(name: str, *_: Any) -> NoReturn:
    raise _doctype(name)


def _refuse_entity(name: str, *_: Any) -> NoReturn:
    raise _entity(name)


def _refuse_external(context: Any, base: Any, system_id: Any, public_id: Any) -> NoReturn:
    raise _external(system_id)


def at_line(error: UnsafeXMLError, parser: expat.XMLParserType) -> UnsafeXMLError:
    """A refusal of :func:`secure_parser`'s handlers with the line expat had reached.

    The handlers do not hold their parser (that would make a reference cycle, and every parser
    garbage the cycle collector must find: several times the cost of creating the parser), so
    a reader that keeps its parser adds the line when it catches the refusal. Only the line: in
    a declaration handler expat's column points somewhere inside the declaration.
    """
    line = parser.CurrentLineNumber
    return UnsafeXMLError(f"{error} at line {line}", line=line)


def unsafe_xinclude(
    element: str, *, line: int | None = None, column: int | None = None
) -> NoReturn:
    """Raise the refusal of an XInclude element (``element`` is its name, for the message)."""
    where = "" if line is None else f" at line {line}, column {column}"
    raise UnsafeXMLError(
        f"XInclude elements are refused ({element}){where}: the library never reads other files",
        line=line,
        column=column,
    )


_DECLARATION = re.compile(r"<!(DOCTYPE|ENTITY)[ \t\r\n]+(%?[^ \t\r\n\[>]*)")
_XINCLUDE_DECLARATION = re.compile(
    r"xmlns(?::[^ \t\r\n=]+)?[ \t\r\n]*=[ \t\r\n]*([\"'])("
    + "|".join(re.escape(namespace) for namespace in XINCLUDE_NAMESPACES)
    + r")\1"
)


def find_unsafe(text: str) -> tuple[str, int] | None:
    """The refusal message and offset of the first DOCTYPE, entity declaration or XInclude
    namespace in a fragment of markup, or ``None``.

    For XML fragments that the library parses inside a document of its own making (XHTML
    FormattedContent), where expat would report a DOCTYPE as a mere syntax error: the refusal
    has the same wording as a whole document's.

    >>> find_unsafe('<p>x</p><!DOCTYPE p [<!ENTITY a "b">]>')
    ('DOCTYPE declarations are refused (DOCTYPE p)', 8)
    """
    declaration = _DECLARATION.search(text)
    xinclude = _XINCLUDE_DECLARATION.search(text)
    if declaration is not None and (xinclude is None or declaration.start() < xinclude.start()):
        kind, name = declaration.groups()
        make = _doctype if kind == "DOCTYPE" else _entity
        return str(make(name)), declaration.start()
    if xinclude is not None:
        return (
            f"XInclude elements are refused (namespace {xinclude.group(2)}): the library never "
            "reads other files",
            xinclude.start(),
        )
    return None


def secure_parser(
    namespace_separator: str | None = None, *, intern: dict[str, Any] | None = None
) -> expat.XMLParserType:
    """A new pyexpat parser that refuses DTDs, entity declarations and external references.

    ``intern`` is pyexpat's name-interning dictionary: element and attribute names are looked up
    in it and replaced by the value found there (names not found are added, mapped to
    themselves). Pass a fresh dictionary per parse. Refusals name the declaration as written,
    even when the interning dictionary maps its name to another value.
    """
    parser = expat.ParserCreate(namespace_separator=namespace_separator, intern=intern)
    doctype, entity = _refuse_doctype, _refuse_entity
    if intern:  # names may come back as the values they are interned to
        names = {value: key for key, value in intern.items()}

        def doctype(name: Any, *_: Any) -> NoReturn:
            raise _doctype(name if isinstance(name, str) else names.get(name, name))

        def entity(name: Any, *_: Any) -> NoReturn:
            raise _entity(name if isinstance(name, str) else names.get(name, name))

    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = _refuse_external
    return parser


# --- trees -------------------------------------------------------------------------------------


def expat_reason(code: int) -> str:
    """expat's reason for an error code, without the position (``not well-formed (invalid
    token)``)."""
    return str(expat.ErrorString(code))


def _malformed(
    error: type[DocumentError], what: str, code: int, line: int, column: int
) -> DocumentError:
    return error(
        f"{what} is not well-formed XML at line {line}, column {column}: {expat_reason(code)}",
        line=line,
        column=column,
    )


def parse_tree(data: str | bytes, *, error: type[DocumentError], what: str) -> Element:
    """Parse ``data`` into an ElementTree element, refusing unsafe XML.

    ``what`` names the document in messages ("question document", "legacy response"). A DTD,
    an entity, an external reference or an XInclude element raises
    :class:`~mturk_models.exceptions.UnsafeXMLError`; a malformed document raises ``error``
    with its ``line`` and ``column``; an encoding that cannot be read raises ``error`` naming
    the encoding.

    Two passes over the same prepared input. The first is :func:`secure_parser` (namespace
    processing on, as ElementTree has it) with no element handlers: it refuses a DOCTYPE before
    anything in it is processed (so entity declarations and external references, which only a
    DTD can bring, never reach the second pass) and finds every well-formedness error, with
    expat's line and column. Only a document it accepted goes to ElementTree's C parser, which
    builds the tree without calling back into Python; it sees the same characters in the same
    encoding (``str`` is read as UTF-8 by both, bytes by the same expat rules).
    """
    included: list[str] = []

    def namespace(prefix: str | None, uri: str | None) -> None:
        if uri in XINCLUDE_NAMESPACES:
            included.append(uri)

    try:
        prepared = prepare(data)
        checker = secure_parser("}")
        checker.StartNamespaceDeclHandler = namespace
        checker.Parse(prepared, True)
        root: Element = _fromstring(prepared)
    except UnsafeXMLError:  # a refusal of the first pass's handlers, as it is
        raise
    except ExpatError as exc:
        raise _malformed(error, what, exc.code, exc.lineno, exc.offset) from exc
    except ParseError as exc:  # pragma: no cover - the first pass finds every error first
        raise _malformed(error, what, exc.code, *exc.position) from exc
    except (ValueError, RecursionError) as exc:  # UnicodeError and XMLEncodingError included
        raise error(f"{what} cannot be read: {exc}") from exc
    if included:  # an XInclude element needs its namespace declared: look only then
        for element in root.iter():
            tag = element.tag
            if isinstance(tag, str) and tag.startswith(_XINCLUDE_TAGS):
                unsafe_xinclude(tag)
    return root


def split_name(tag: str) -> tuple[str, str]:
    """An ElementTree tag as (namespace, local name); the namespace is ``""`` when there is none.

    >>> split_name("{urn:x}Answer"), split_name("Answer")
    (('urn:x', 'Answer'), ('', 'Answer'))
    """
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


Child = tuple[str, str, Element, str]
"""A child element met by :func:`children`: (namespace, local name, element, path). A plain
tuple, not a NamedTuple: this is built for every element of every question document."""


def children(element: Element, path: str) -> Iterator[Child]:
    """The child elements of ``element``, each with its path ``<path>/<name>[<n>]``.

    ``n`` counts the same-named siblings met so far, from 1, on every step, so a path names one
    element whatever follows it: ``QuestionForm/Question[2]/QuestionContent[1]``.

    >>> root = Element("Form")
    >>> root.extend([Element("{urn:x}Item"), Element("Note"), Element("{urn:x}Item")])
    >>> [path for _, _, _, path in children(root, "Form")]
    ['Form/Item[1]', 'Form/Note[1]', 'Form/Item[2]']
    """
    counts: dict[str, int] = {}
    for child in element:
        tag = child.tag
        if tag[:1] == "{":  # split_name, inlined: this runs for every element of a document
            namespace, _, name = tag[1:].partition("}")
        else:
            namespace, name = "", tag
        number = counts[name] = counts.get(name, 0) + 1
        yield namespace, name, child, f"{path}/{name}[{number}]"
