"""FormattedContent XHTML checked against MTurk's subset before CreateHIT sends it (private).

MTurk wraps a FormattedContent block as ``<?xml version="1.0"?><FormattedContent
xmlns="http://www.w3.org/1999/xhtml">CONTENT</FormattedContent>`` and validates that document
against ``FormattedContentXHTMLSubset.xsd`` (API reference, "Formatted Content: XHTML"). This
module does the same with the library's safe XML reader
(:func:`mturk_models.documents._xml.secure_parser`) and these rules, from that page and from the
schema (2006-07-14) as Amazon's Java SDK shipped it
(``etc/schema/2006-07-14/FormattedContentXHTMLSubset.xsd``):

* well-formed XML in that wrapper: every tag closed in the same block and properly nested,
  attribute values quoted; HTML's named character references (``&nbsp;``, the XHTML 1.0 set) are
  resolved first, as the page's own example needs them; an unknown name is an error;
* only the tags and attributes of the page's table (names are lowercase), plus ``title`` on every
  tag and ``dir`` and ``lang`` on every tag but ``<br>``; no comments, no processing instructions;
* ``alt`` on ``<img>`` and ``<area>``, ``src`` on ``<img>``, ``name`` and ``id`` on ``<map>``;
* attribute values of the schema's types (``align="center"``, ``border="1"``, ``width="50%"``);
* ``href`` of ``<a>`` and ``<area>`` and ``src`` of ``<img>`` match the schema's pattern
  ``http://.*|https://.*|ftp://.*|news://.*|nntp://.*|mailto://.*|gopher://.*|telnet://.*``;
* each element where the schema's content models put it (``<li>`` in ``<ul>`` or ``<ol>``, no
  ``<table>`` inside ``<p>``, table parts in order, ...).

Where the page and the schema differ, new HITs get the stricter rule that MTurk's own data still
passes, and archived documents (``archived=True``) get what the schema accepted; docs/
hit-definitions.md lists each choice and why.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.entities import name2codepoint
from typing import Final

from pydantic_core import PydanticCustomError

from .._errors import shown
from .._types import XML_WHITESPACE
from ..exceptions import MTurkModelsError
from ._xml import ExpatError, expat_errors, find_unsafe, secure_parser

__all__ = ["XHTML_NAMESPACE", "check_xhtml"]

XHTML_NAMESPACE: Final = "http://www.w3.org/1999/xhtml"
_XML_NAMESPACE: Final = "http://www.w3.org/XML/1998/namespace"
_PREFIX: Final = f'<?xml version="1.0"?><FormattedContent xmlns="{XHTML_NAMESPACE}">'
_SUFFIX: Final = "</FormattedContent>"
_ROOT: Final = "FormattedContent"
_SHOWN = 60  # characters of a value quoted in a message

# --- attribute types (the schema's simple types) ------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]+")
_NAME_START = (
    ":A-Z_a-z\xc0-\xd6\xd8-\xf6\xf8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME_CHAR = _NAME_START + r"\-.0-9\xb7\u0300-\u036f\u203f\u2040"
_NMTOKEN = re.compile(f"[{_NAME_CHAR}]+")
_NCNAME = re.compile(f"[{_NAME_START.replace(':', '')}][{_NAME_CHAR.replace(':', '')}]*")
_LENGTH = r"[\-+]?(\d+|\d+(\.\d+)?%)"
_DATETIME = re.compile(
    r"-?(?P<year>[1-9][0-9]{3,}|0[0-9]{3})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])"
    r"T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"
    r"(Z|[+\-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
)
_URL = re.compile("(http|https|ftp|news|nntp|mailto|gopher|telnet)://.*")
_URL_METHODS = "http://, https://, ftp://, news://, nntp://, mailto://, gopher:// or telnet://"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_SCHEMES = frozenset(("http", "https", "ftp", "news", "nntp", "mailto", "gopher", "telnet"))
_URL_SPACE = re.compile("[\t\n\r]")
_LINE_BREAK = re.compile("\r\n|\r|\n")


def _scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it: tab, CR and LF removed anywhere (so that
    ``java&#9;script:`` is ``javascript:``), spaces around it dropped; lower case."""
    found = _SCHEME.match(_URL_SPACE.sub("", value).strip(" "))
    return found.group(1).lower() if found is not None else None


def _collapse(value: str) -> str:
    """XML Schema's whiteSpace="collapse" (every type derived from xs:token, numbers, URIs)."""
    return _SPACE.sub(" ", value).strip(" ")


@dataclass(frozen=True)
class _Type:
    """A simple type: ``accepts`` says whether a value is one; ``expected`` says what one is."""

    expected: str
    accepts: Callable[[str], bool]
    code: str = "xhtml_attribute_value"


def _enum(*values: str) -> _Type:
    shown = values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]
    return _Type(shown, lambda v: _collapse(v) in values)


def _pattern(regex: str, expected: str, *, collapse: bool = True) -> _Type:
    compiled = re.compile(regex)
    if collapse:
        return _Type(expected, lambda v: compiled.fullmatch(_collapse(v)) is not None)
    return _Type(expected, lambda v: compiled.fullmatch(v) is not None)


def _date_time(value: str) -> bool:
    match = _DATETIME.fullmatch(_collapse(value))
    if match is None or not match["year"].strip("0"):  # there is no year 0
        return False
    # The Gregorian calendar repeats every 400 years (and a year's last four digits tell where
    # in the cycle it is, so a year of thousands of digits never reaches int()).
    year = int(match["year"][-4:]) % 400 or 400
    return int(match["day"]) <= calendar.monthrange(year, int(match["month"]))[1]


def _tokens(value: str, token: re.Pattern[str]) -> bool:
    parts = _collapse(value).split(" ")
    return parts != [""] and all(token.fullmatch(part) for part in parts)


def _uri(value: str) -> bool:
    """anyURI attributes (cite, longdesc, usemap): relative references, #fragments, or one of
    the schemes MTurk lists for links (compared case-insensitively, as URI schemes are)."""
    scheme = _scheme(value)
    return scheme is None or scheme in _SCHEMES


_TEXT: Final = _Type("text", lambda v: True)
_NUMBER: Final = _pattern("[0-9]+", "a number such as 2")
_PIXELS: Final = _pattern(r"\+?[0-9]+|-0+", "a whole number of pixels such as 1")
_LEN: Final = _pattern(_LENGTH, "pixels or a percentage such as 100 or 50%", collapse=False)
_MULTI_LENGTH: Final = _pattern(
    _LENGTH + r"|[1-9]?(\d+)?\*",
    "pixels, a percentage or a relative width such as 2*",
    collapse=False,
)
_COLOR: Final = _pattern(
    "[A-Za-z]+|#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}", "a color name or #RRGGBB", collapse=False
)
_COORDS: Final = _pattern(
    f"{_LENGTH}(,[ \\t\\n\\r]*{_LENGTH})*",
    "comma-separated lengths such as 0,0,10,10",
    collapse=False,
)
_CHARACTER: Final = _Type("a single character", lambda v: len(v) == 1)
_LANGUAGE: Final = _pattern("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*", "a language code such as en-US")
_TABINDEX: Final = _Type(
    "a number from 0 to 32767",
    lambda v: re.fullmatch("0*[0-9]{1,5}", c := _collapse(v)) is not None and int(c) <= 32767,
)
_NAME_TOKEN: Final = _pattern(f"[{_NAME_CHAR}]+", "a name token (letters, digits, - _ . :)")
_LINK_TYPES: Final = _Type("space-separated name tokens", lambda v: _tokens(v, _NMTOKEN))
_TARGET: Final = _pattern(
    f"_(blank|self|parent|top)|[A-Za-z][{_NAME_CHAR}]*", "_blank, _self, _parent, _top or a name"
)
_DATE_TIME: Final = _Type("a date and time such as 2024-01-31T12:00:00Z", _date_time)
_URI: Final = _Type(
    f"a relative URL, a #fragment or a URL starting with {_URL_METHODS}",
    _uri,
    code="xhtml_url",
)
_LINK: Final = _Type(
    f"an absolute URL starting with {_URL_METHODS} (as MTurk's schema spells them)",
    lambda v: _URL.fullmatch(_collapse(v)) is not None,
    code="xhtml_url",
)
_ID: Final = _Type(
    "a name (letters, digits, - _ .)", lambda v: bool(_NCNAME.fullmatch(_collapse(v)))
)
_IDREFS: Final = _Type("the ids of <map> elements", lambda v: _tokens(v, _NCNAME))
_CELL_ALIGN: Final = _enum("left", "center", "right", "justify", "char")
_CELL_VALIGN: Final = _enum("top", "middle", "bottom", "baseline")
_CELL: Final = {"align": _CELL_ALIGN, "char": _CHARACTER, "charoff": _LEN, "valign": _CELL_VALIGN}
_TABLE_CELL: Final = {
    **_CELL,
    "abbr": _TEXT,
    "axis": _TEXT,
    "bgcolor": _COLOR,
    "colspan": _NUMBER,
    "headers": _IDREFS,
    "height": _LEN,
    "nowrap": _enum("nowrap"),
    "rowspan": _NUMBER,
    "scope": _enum("row", "col", "rowgroup", "colgroup"),
    "width": _LEN,
}
_COLUMN: Final = {**_CELL, "span": _NUMBER, "width": _MULTI_LENGTH}
_TEXT_ALIGN: Final = {"align": _enum("left", "center", "right", "justify")}
_CITE: Final = {"cite": _URI}
_EDIT: Final = {"cite": _URI, "datetime": _DATE_TIME}

# --- tags and their attributes -------------------------------------------------------------------

# Every tag of the API reference's table. dt is not in the table, but dl and dd are, and the
# schema's dl takes dt and dd: the table leaves it out by mistake (a definition list needs its
# terms). map's id: the page says no element takes an id, but the schema requires one on map
# (xs:ID, use="required"), so every map MTurk ever accepted had one; map is the one exception.
_ATTRIBUTES: Final[dict[str, dict[str, _Type]]] = {
    "a": {
        "accesskey": _CHARACTER,
        "charset": _TEXT,
        "coords": _COORDS,
        "href": _LINK,
        "hreflang": _LANGUAGE,
        "name": _NAME_TOKEN,
        "rel": _LINK_TYPES,
        "rev": _LINK_TYPES,
        "shape": _enum("rect", "circle", "poly", "default"),
        "tabindex": _TABINDEX,
        "target": _TARGET,
        "type": _TEXT,
    },
    "area": {
        "alt": _TEXT,
        "coords": _COORDS,
        "href": _LINK,
        "nohref": _enum("nohref"),
        "shape": _enum("rect", "circle", "poly", "default"),
        "target": _TARGET,
    },
    "b": {},
    "big": {},
    "blockquote": _CITE,
    "br": {},
    "center": {},
    "cite": {},
    "code": {},
    "col": _COLUMN,
    "colgroup": _COLUMN,
    "dd": {},
    "del": _EDIT,
    "dl": {},
    "dt": {},
    "em": {},
    "font": {"color": _COLOR, "face": _TEXT, "size": _TEXT},
    **{f"h{level}": _TEXT_ALIGN for level in range(1, 7)},
    "hr": {
        "align": _enum("left", "center", "right"),
        "noshade": _enum("noshade"),
        "size": _PIXELS,
        "width": _LEN,
    },
    "i": {},
    "img": {
        "align": _enum("top", "middle", "bottom", "left", "right"),
        "alt": _TEXT,
        "border": _LEN,
        "height": _LEN,
        "hspace": _PIXELS,
        "ismap": _enum("ismap"),
        "longdesc": _URI,
        "src": _LINK,
        "usemap": _URI,
        "vspace": _PIXELS,
        "width": _LEN,
    },
    "ins": _EDIT,
    "li": {"type": _TEXT, "value": _NUMBER},
    "map": {"id": _ID, "name": _TEXT},
    "ol": {"compact": _enum("compact"), "start": _NUMBER, "type": _TEXT},
    "p": _TEXT_ALIGN,
    "pre": {"width": _NUMBER},
    "q": _CITE,
    "small": {},
    "strong": {},
    "sub": {},
    "sup": {},
    "table": {
        "align": _enum("left", "center", "right"),
        "bgcolor": _COLOR,
        "border": _PIXELS,
        "cellpadding": _LEN,
        "cellspacing": _LEN,
        "frame": _enum("void", "above", "below", "hsides", "lhs", "rhs", "vsides", "box", "border"),
        "rules": _enum("none", "groups", "rows", "cols", "all"),
        "summary": _TEXT,
        "width": _LEN,
    },
    "tbody": _CELL,
    "td": _TABLE_CELL,
    "tfoot": _CELL,
    "th": _TABLE_CELL,
    "thead": _CELL,
    "tr": {**_CELL, "bgcolor": _COLOR},
    "u": {},
    "ul": {"compact": _enum("compact"), "type": _enum("disc", "square", "circle")},
}
_XML_SPACE = f"{_XML_NAMESPACE} space"
# What the schema accepts but the page's table leaves out: refused in new HITs (the stricter
# source), accepted in archived documents, which MTurk validated against the schema.
_SCHEMA_ONLY: Final[dict[str, dict[str, _Type]]] = {
    "s": {},
    "strike": {},
    "area": {"accesskey": _CHARACTER, "tabindex": _TABINDEX},
    "br": {"clear": _enum("left", "all", "right", "none")},
    "dl": {"compact": _enum("compact")},
    "img": {"name": _NAME_TOKEN},
    "pre": {_XML_SPACE: _enum("preserve")},
}
_COMMON: Final = {"title": _TEXT, "lang": _LANGUAGE, "dir": _enum("ltr", "rtl")}
_REQUIRED: Final = {"img": ("src", "alt"), "area": ("alt",), "map": ("name", "id")}


def _tables(archived: bool) -> dict[str, dict[str, _Type]]:
    tables = {}
    for tag in _ATTRIBUTES.keys() | (_SCHEMA_ONLY.keys() if archived else set()):
        extra = _SCHEMA_ONLY.get(tag, {}) if archived else {}
        common = {"title": _TEXT} if tag == "br" else _COMMON
        tables[tag] = {**common, **_ATTRIBUTES.get(tag, {}), **extra}
    return tables


_STRICT_TABLES: Final = _tables(archived=False)
_ARCHIVED_TABLES: Final = _tables(archived=True)

_REFUSED_TAGS: Final = {
    "script": "JavaScript is not allowed",
    "noscript": "JavaScript is not allowed",
    "style": "CSS is not allowed",
    "link": "CSS is not allowed",
    "div": "MTurk does not support <div> and <span>",
    "span": "MTurk does not support <div> and <span>",
    "s": "it is not among the tags MTurk documents (use <del>)",
    "strike": "it is not among the tags MTurk documents (use <del>)",
}
_REFUSED_ATTRIBUTES: Final = {
    "class": "CSS is not allowed",
    "style": "CSS is not allowed",
    "id": "element ids are not allowed (only <map> takes one)",
}

# --- where each element may go (the schema's content models) ------------------------------------


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split(" "))


_INLINE: Final = _tags("a br img map i b u s strike big small font em strong code q cite sub sup")
_EDITS: Final = frozenset(("ins", "del"))
_BLOCK: Final = _tags("p h1 h2 h3 h4 h5 h6 ul ol dl pre hr blockquote center table")


@dataclass(frozen=True)
class _Content:
    """What an element holds: these children, text or not, nothing at all (``empty``)."""

    children: frozenset[str]
    text: bool
    describe: str
    needs: frozenset[str] = frozenset()  # at least one child among these

    @property
    def empty(self) -> bool:
        return not self.children and not self.text


_FLOW: Final = _Content(_BLOCK | _INLINE | _EDITS, True, "text, block and inline elements")
_INLINE_ONLY: Final = _Content(_INLINE | _EDITS, True, "text and inline elements only")
_EMPTY: Final = _Content(frozenset(), False, "nothing (it is an empty element)")


def _element_only(children: Iterable[str], needs: Iterable[str] = ()) -> _Content:
    names = sorted(children)
    shown = ", ".join(f"<{n}>" for n in names[:-1]) + (" and " if len(names) > 1 else "")
    return _Content(frozenset(names), False, f"{shown}<{names[-1]}> only", frozenset(needs))


_CONTENT: Final[dict[str, _Content]] = {
    _ROOT: _FLOW,
    **dict.fromkeys(_tags("li dd td th blockquote center ins del"), _FLOW),
    **dict.fromkeys(
        _tags("p h1 h2 h3 h4 h5 h6 dt em strong code cite q sub sup i b big small u s strike font"),
        _INLINE_ONLY,
    ),
    "a": _Content(_INLINE_ONLY.children - {"a"}, True, "text and inline elements but <a>"),
    "pre": _Content(
        _tags("a br i b u s strike em strong code q cite ins del"),
        True,
        "text and inline elements but <img>, <map>, <big>, <small>, <font>, <sub> and <sup>",
    ),
    **dict.fromkeys(_tags("br hr img area col"), _EMPTY),
    "ul": _element_only(["li"], ["li"]),
    "ol": _element_only(["li"], ["li"]),
    "dl": _element_only(["dt", "dd"], ["dt", "dd"]),
    "map": _element_only(["area"], ["area"]),
    "thead": _element_only(["tr"], ["tr"]),
    "tbody": _element_only(["tr"], ["tr"]),
    "tfoot": _element_only(["tr"], ["tr"]),
    "tr": _element_only(["td", "th"], ["td", "th"]),
    "colgroup": _element_only(["col"]),
    "table": _element_only(["col", "colgroup", "thead", "tfoot", "tbody", "tr"], ["tbody", "tr"]),
}
# Parts that belong in one kind of parent, for messages such as "<li> belongs in <ul> or <ol>".
_BELONGS: Final = {
    "li": "<ul> or <ol>",
    "dt": "<dl>",
    "dd": "<dl>",
    "area": "<map>",
    "tr": "<table>, <thead>, <tbody> or <tfoot>",
    "td": "<tr>",
    "th": "<tr>",
    "thead": "<table>",
    "tbody": "<table>",
    "tfoot": "<table>",
    "colgroup": "<table>",
    "col": "<table> or <colgroup>",
}
# table: (col* | colgroup*), thead?, tfoot?, (tbody+ | tr+), in this order.
_TABLE_RANK: Final = {"col": 0, "colgroup": 0, "thead": 1, "tfoot": 2, "tbody": 3, "tr": 3}

# --- character references --------------------------------------------------------------------

_XML_REFERENCES: Final = frozenset(("amp", "lt", "gt", "quot", "apos"))
_MARKUP_START = re.compile(r"<!\[CDATA\[|<!--|<\?|&")
_REFERENCE = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_:][\w.:\-]*);")
_SKIP_TO: Final = {"<![CDATA[": "]]>", "<!--": "-->", "<?": "?>"}


@dataclass
class _Problem:
    """One broken rule: a code, a message template and its values, and where.

    ``byte`` is the index in the UTF-8 document the parser read, ``offset`` the index in the
    content; the parser's problems get their offset only when they are reported.
    """

    code: str
    template: str
    context: dict[str, str | int]
    byte: int = -1
    offset: int | None = None


@dataclass
class _Open:
    """An open element: its name (None when refused: its children are not judged by it)."""

    name: str | None
    byte: int
    children: dict[str, int] = field(default_factory=dict)
    rank: int = -1
    text_reported: bool = False
    misplaced: bool = False  # a child was refused here (then "needs at least one" is not said)


def _shown(text: str) -> str:
    return shown(text, _SHOWN)


def _attribute_name(name: str) -> str:
    namespace, _, local = name.rpartition(" ")
    if namespace == _XML_NAMESPACE:
        return f"xml:{local}"
    return f"{{{namespace}}}{local}" if namespace else local


class _Resolved:
    """The content with HTML's named references replaced by numeric ones, and the way back.

    References are replaced outside CDATA sections, comments and processing instructions only
    (XML expands none there). A bare ``&`` and an unknown name are problems; each is replaced
    too, so that the parse goes on and finds the rest.
    """

    def __init__(self, content: str) -> None:
        self.problems: list[_Problem] = []
        # (start, end) in the resolved text and (start, end) in the content of each replacement
        self.spans: list[tuple[int, int, int, int]] = []
        parts: list[str] = []
        done = position = shift = 0
        while (found := _MARKUP_START.search(content, position)) is not None:
            start = found.start()
            if found.group() != "&":
                close = _SKIP_TO[found.group()]
                end = content.find(close, found.end())
                if end < 0:
                    break  # unclosed: the parser reports it
                position = end + len(close)
                continue
            reference = _REFERENCE.match(content, start)
            end = reference.end() if reference else start + 1
            position = end
            replacement = self._replace(reference, start)
            if replacement is None:
                continue
            parts.append(content[done:start] + replacement)
            done = end
            self.spans.append((start + shift, start + shift + len(replacement), start, end))
            shift += len(replacement) - (end - start)
        parts.append(content[done:])
        self.text = "".join(parts)
        self.starts = [span[0] for span in self.spans]

    def _replace(self, reference: re.Match[str] | None, start: int) -> str | None:
        if reference is None:
            self.problems.append(
                _Problem("xhtml_malformed", "a bare & (write &amp; for one)", {}, offset=start)
            )
            return "&amp;"
        name = reference.group(1)
        if name.startswith("#") or name in _XML_REFERENCES:
            return None
        if name in name2codepoint:
            return f"&#{name2codepoint[name]};"
        hint = (
            f" (names are case-sensitive: &{name.lower()};)"
            if name.lower() in name2codepoint
            else ""
        )
        self.problems.append(
            _Problem(
                "xhtml_entity",
                "&{name}; is not a character reference XHTML defines{hint}",
                {"name": name, "hint": hint},
                offset=start,
            )
        )
        return "&#65533;"

    def offset(self, index: int) -> int:
        """The index in the content of index ``index`` of the resolved text."""
        at = bisect.bisect_right(self.starts, index) - 1
        if at < 0:
            return index
        _, text_end, start, end = self.spans[at]
        return start if index < text_end else end + index - text_end


class _Scan:
    """One pass of pyexpat over the wrapped content, collecting every problem it meets."""

    def __init__(self, content: str, *, archived: bool) -> None:
        self.resolved = _Resolved(content)
        self.tables = _ARCHIVED_TABLES if archived else _STRICT_TABLES
        self.problems: list[_Problem] = list(self.resolved.problems)
        self.stack: list[_Open] = []
        self.closed_early = False
        self.map_ids: set[str] = set()
        self.headers: list[tuple[str, int]] = []
        self.data = (_PREFIX + self.resolved.text + _SUFFIX).encode("utf-8", "surrogatepass")
        self.content_end = len(self.data) - len(_SUFFIX)
        self.parser = secure_parser(" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.CommentHandler = self.comment
        self.in_cdata = False
        self.cdata_reported = False
        self.parser.StartCdataSectionHandler = self.cdata_start
        self.parser.EndCdataSectionHandler = self.cdata_end
        self.parser.ProcessingInstructionHandler = self.instruction

    def run(self) -> list[_Problem]:
        try:
            self.parser.Parse(self.data, True)
        except ExpatError as exc:
            self.malformed(exc)
        except MTurkModelsError as exc:  # pragma: no cover - the refusals of secure_parser
            # (DOCTYPE, entity declarations) cannot fire inside the root: expat stops first.
            self.add("xhtml_malformed", "{reason}", self.parser.CurrentByteIndex, reason=str(exc))
        else:
            for token, byte in self.headers:
                if token not in self.map_ids:
                    self.add(
                        "xhtml_attribute_value",
                        "headers of <td> and <th> should name ids of <map> elements (the only "
                        "elements with an id); got {value}",
                        byte,
                        value=_shown(token),
                    )
        finally:
            # The parser's handlers are this scan's bound methods: dropping the parser breaks
            # the cycle, so both are freed when the check ends instead of waiting, and adding
            # to every collection, for the cyclic garbage collector.
            del self.parser
        return self.problems

    def add(self, code: str, template: str, byte: int, **context: str | int) -> None:
        self.problems.append(_Problem(code, template, context, byte))

    # handlers

    def start(self, name: str, attributes: dict[str, str]) -> None:
        byte = self.parser.CurrentByteIndex
        if not self.stack:
            self.stack.append(_Open(_ROOT, byte))
            return
        tag = self.tag(name, byte)
        if tag is not None:
            self.attributes(tag, attributes, byte)
            self.place(tag, byte)
        else:  # its own error says it; the parent's "needs at least one" would only hide it
            self.stack[-1].misplaced = True
        self.stack.append(_Open(tag, byte))

    def end(self, name: str) -> None:
        byte = self.parser.CurrentByteIndex
        element = self.stack.pop()
        if not self.stack:
            if byte < self.content_end:
                self.closed_early = True
                self.add(
                    "xhtml_malformed",
                    "</FormattedContent> closes the element MTurk wraps the content in",
                    byte,
                )
            return
        content = _CONTENT.get(element.name or "")
        if content is None or not content.needs or element.misplaced or element.text_reported:
            return
        if not any(element.children.get(child) for child in content.needs):
            self.add(
                "xhtml_nesting",
                "<{element}> needs at least one {needed}",
                element.byte,
                element=str(element.name),
                needed=" or ".join(f"<{n}>" for n in sorted(content.needs)),
            )

    def cdata_start(self) -> None:
        self.in_cdata = True

    def cdata_end(self) -> None:
        self.in_cdata = False

    def text(self, data: str) -> None:
        if self.in_cdata and not self.cdata_reported and ("<" in data or ">" in data):
            # MTurk shows the block as HTML, where <![CDATA[ is not a section: it ends at the
            # first ">", and markup after it (<img onerror=...>) would run.
            self.cdata_reported = True
            self.add(
                "xhtml_cdata",
                "a CDATA section cannot hold < or > in FormattedContent: browsers read the block "
                "as HTML, where the section ends at the first >; write &lt; and &gt;",
                self.parser.CurrentByteIndex,
            )
        parent = self.stack[-1] if self.stack else None
        if parent is None or parent.name is None or parent.text_reported:
            return
        content = _CONTENT[parent.name]
        if content.text or (not content.empty and not data.strip(XML_WHITESPACE)):
            return  # element-only content may have whitespace between its elements
        parent.text_reported = True
        self.add(
            "xhtml_nesting",
            "<{element}> takes {takes}; got text {text}",
            self.parser.CurrentByteIndex,
            element=parent.name,
            takes=content.describe,
            text=_shown(data),
        )

    def comment(self, data: str) -> None:
        self.add(
            "xhtml_comment",
            "XML comments (<!-- -->) are not allowed in FormattedContent",
            self.parser.CurrentByteIndex,
        )

    def instruction(self, target: str, data: str) -> None:
        self.add(
            "xhtml_processing_instruction",
            "processing instructions (<?{target} ...?>) are not allowed in FormattedContent",
            self.parser.CurrentByteIndex,
            target=target,
        )

    # rules

    def tag(self, name: str, byte: int) -> str | None:
        namespace, _, local = name.rpartition(" ")
        if namespace != XHTML_NAMESPACE:
            self.add(
                "xhtml_element",
                "<{element}> is not allowed: FormattedContent takes XHTML elements only; this "
                "one is in {namespace}",
                byte,
                element=local,
                namespace=namespace or "no namespace",
            )
            return None
        if local in self.tables:
            return local
        reason = _REFUSED_TAGS.get(local.lower())
        if reason is None and local.lower() in self.tables:
            reason = f"tag names are lowercase in XHTML (<{local.lower()}>)"
        self.add(
            "xhtml_element",
            "<{element}> is not allowed: {reason}",
            byte,
            element=local,
            reason=reason or "it is not one of the XHTML tags FormattedContent supports",
        )
        return None

    def attributes(self, tag: str, attributes: dict[str, str], byte: int) -> None:
        table = self.tables[tag]
        for name, value in attributes.items():
            kind = table.get(name)
            if kind is None:
                self.refuse_attribute(tag, _attribute_name(name), byte)
            elif not kind.accepts(value):
                if _scheme(value) in ("javascript", "vbscript"):
                    template = "{attribute} of <{element}> cannot be a script URL (JavaScript is "
                    template += "not allowed); got {value}"
                else:
                    template = "{attribute} of <{element}> should be {expected}; got {value}"
                self.add(
                    kind.code,
                    template,
                    byte,
                    attribute=_attribute_name(name),
                    element=tag,
                    expected=kind.expected,
                    value=_shown(value),
                )
            elif kind is _ID:
                if _collapse(value) in self.map_ids:
                    self.add(
                        "xhtml_attribute_value",
                        "id {value} is used twice (ids are unique)",
                        byte,
                        value=_shown(value),
                    )
                self.map_ids.add(_collapse(value))
            elif kind is _IDREFS:
                self.headers.extend((token, byte) for token in _collapse(value).split(" "))
        for required in _REQUIRED.get(tag, ()):
            if required not in attributes:
                self.add(
                    "xhtml_attribute_required",
                    "<{element}> needs the {attribute} attribute",
                    byte,
                    element=tag,
                    attribute=required,
                )

    def refuse_attribute(self, tag: str, name: str, byte: int) -> None:
        lower = name.lower()
        if lower in _REFUSED_ATTRIBUTES:
            reason = _REFUSED_ATTRIBUTES[lower]
        elif lower.startswith("on"):
            reason = "JavaScript (event handler attributes) is not allowed"
        elif lower in self.tables[tag]:
            reason = f"attribute names are lowercase in XHTML ({lower})"
        else:
            allowed = ", ".join(sorted(_attribute_name(a) for a in self.tables[tag]))
            reason = f"<{tag}> takes {allowed}"
        self.add(
            "xhtml_attribute",
            "<{element}> does not take attribute {attribute}: {reason}",
            byte,
            element=tag,
            attribute=name,
            reason=reason,
        )

    def place(self, tag: str, byte: int) -> None:
        parent = self.stack[-1]
        if parent.name is None:
            return
        content = _CONTENT[parent.name]
        if tag not in content.children:
            parent.misplaced = True
            where = "FormattedContent" if parent.name == _ROOT else f"<{parent.name}>"
            if tag in _BELONGS:
                template = "<{element}> belongs in {belongs}, not in {parent}"
            else:
                template = "<{element}> cannot go in {parent}, which takes {takes}"
            self.add(
                "xhtml_nesting",
                template,
                byte,
                element=tag,
                belongs=_BELONGS.get(tag, ""),
                parent=where,
                takes=content.describe,
            )
            return
        count = parent.children[tag] = parent.children.get(tag, 0) + 1
        if parent.name == "table":
            self.table_order(parent, tag, count, byte)

    def table_order(self, table: _Open, tag: str, count: int, byte: int) -> None:
        rank = _TABLE_RANK[tag]
        rival = {"col": "colgroup", "colgroup": "col", "tbody": "tr", "tr": "tbody"}.get(tag)
        if rank < table.rank:
            problem = (
                "<{element}> comes too late in <table>: its parts go in the order col or "
                "colgroup, thead, tfoot, then tbody or tr"
            )
        elif tag in ("thead", "tfoot") and count > 1:
            problem = "<table> takes at most one <{element}>"
        elif rival is not None and table.children.get(rival):
            problem = "<table> takes <{element}> or <{rival}> elements, not both"
        else:
            table.rank = rank
            return
        self.add("xhtml_nesting", problem, byte, element=tag, rival=rival or "")

    def malformed(self, exc: ExpatError) -> None:
        if self.closed_early:
            return  # the early </FormattedContent> is the problem, already reported
        byte = self.parser.ErrorByteIndex
        if self.data[max(0, byte - 2) : byte] in (b"</", b"<!"):
            byte -= 2  # expat points past the "</" of an end tag and the "<!" of a DOCTYPE
        innermost = self.stack[-1] if len(self.stack) > 1 else None
        if exc.code == expat_errors.codes[expat_errors.XML_ERROR_TAG_MISMATCH]:
            if innermost is None:
                self.add(
                    "xhtml_malformed", "</{end}> has no start tag", byte, end=self.name_at(byte)
                )
            elif byte >= self.content_end:
                self.add(
                    "xhtml_malformed",
                    "<{element}> is never closed (close every tag in its FormattedContent block)",
                    innermost.byte,
                    element=self.name_at(innermost.byte),
                )
            else:
                self.add(
                    "xhtml_malformed",
                    "</{end}> does not close <{element}>, the innermost open element (tags must "
                    "nest properly)",
                    byte,
                    end=self.name_at(byte),
                    element=self.name_at(innermost.byte),
                )
            return
        reason = re.sub(r"not well-formed \((.*)\)", r"\1", expat_errors.messages[exc.code])
        before = self.data[max(0, byte - 80) : byte].rstrip(b" \t\r\n")
        if before.endswith(b"=") and self.data[byte : byte + 1] not in (b'"', b"'"):
            reason = "attribute values must be in quotes"
        elif self.data[byte : byte + 9] == b"<!DOCTYPE":
            reason = "a DOCTYPE is not allowed"
        elif reason == "invalid token" and self.data[byte - 1 : byte] == b"<":
            byte, reason = byte - 1, "a bare < (write &lt; for one)"
        elif self.data[byte - 2 : byte + 1] == b"]]>":
            byte, reason = byte - 2, "]]> cannot appear in text (write ]]&gt;)"
        self.add("xhtml_malformed", "not well-formed XML: {reason}", byte, reason=reason)

    def name_at(self, byte: int) -> str:
        """The tag name of the start or end tag at ``byte``."""
        tag = self.data[byte : byte + 200].decode("utf-8", "ignore").lstrip("</")
        return re.split(r"[ \t\r\n/>]", tag, maxsplit=1)[0]

    # reporting

    def first(self) -> _Problem:
        """The problem that comes first in the content, with its offset."""
        parsed = [p for p in self.problems if p.offset is None]
        located = [p for p in self.problems if p.offset is not None]
        if parsed:
            earliest = min(parsed, key=lambda p: p.byte)
            index = len(self.data[: earliest.byte].decode("utf-8", "surrogatepass")) - len(_PREFIX)
            earliest.offset = self.resolved.offset(min(max(index, 0), len(self.resolved.text)))
            located.append(earliest)
        return min(located, key=lambda p: p.offset or 0)


def check_xhtml(content: str, *, archived: bool = False) -> None:
    """Raise a ``PydanticCustomError`` for the first problem of ``content`` as FormattedContent.

    The error's code is the problem's (``xhtml_malformed``, ``xhtml_element``, ...); its message
    names the element, attribute or value and the rule, gives the line and column in
    ``content``, and says how many more problems the block has. ``archived`` also accepts what
    MTurk's schema accepted but its API reference leaves out (``<s>``, ``<strike>``, a few
    attributes).

    >>> check_xhtml("<p>Pick the <b>best</b>&nbsp;answer</p>")
    >>> try:
    ...     check_xhtml("<p onclick='go()'>Hi</p>")
    ... except PydanticCustomError as exc:
    ...     print(exc.type, "-", exc.message())
    xhtml_attribute - <p> does not take attribute onclick: JavaScript (event handler attributes) \
is not allowed at line 1, column 1
    """
    unsafe = find_unsafe(content)
    if unsafe is not None:
        # The same refusal as a whole document's: parse_question raises it as UnsafeXMLError.
        message, offset = unsafe
        lines = _LINE_BREAK.split(content[:offset])
        raise PydanticCustomError(
            "xml_unsafe",
            "{message} at line {line}, column {column}",
            {"message": message, "line": len(lines), "column": len(lines[-1]) + 1},
        )
    scan = _Scan(content, archived=archived)
    problems = scan.run()
    if not problems:
        return
    first = scan.first()
    offset = first.offset or 0
    lines = _LINE_BREAK.split(content[:offset])  # CR LF, CR and LF all end a line, as in XML
    line, column = len(lines), len(lines[-1]) + 1
    more = len(problems) - 1
    template = first.template + " at line {line}, column {column}"
    if more:
        template += " (and {more} more problem" + ("s)" if more > 1 else ")")
    # Values taken from the content go last: pydantic fills placeholders in the context's order.
    context: dict[str, str | int] = {"line": line, "column": column, "more": more}
    context.update(first.context)
    raise PydanticCustomError(first.code, template, context)
