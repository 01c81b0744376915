"""JavaScript regular expressions (MTurk's AnswerFormatRegex) translated to the ``regex`` module.

MTurk checks an AnswerFormatRegex in the Worker's browser, so its meaning is JavaScript's: a
``RegExp`` without the ``u`` or ``v`` flag (with the web-compatibility grammar of ECMAScript
Annex B), tested like ``RegExp.prototype.test``. :func:`compile_js` scans the pattern once and
writes the Python pattern that means the same:

- ``\\d \\w \\b`` are ASCII, ``\\s`` is JavaScript's whitespace list, ``.`` excludes the four
  line terminators unless flag ``s``, ``^``/``$`` anchor at the string's ends (or, with flag
  ``m``, also at line terminators);
- escapes that mean nothing in JavaScript (``\\A \\Z \\a \\U \\N``...) are the literal letter;
  ``\\1`` without a group 1 is an octal escape; ``\\k<name>`` and ``(?<name>...)`` work;
- a backreference to a group that did not take part matches the empty string, as in JavaScript;
- JavaScript strings are UTF-16, so the pattern and the answer are compared as UTF-16 code units.

What JavaScript refuses (``(?i)``, ``(?P<n>a)``, ``a**``, unknown flags...) raises
:class:`JSRegexError` with the reason; so do the flags ``u`` and ``v``, which change the syntax
and are not emulated. Known residue: with flag ``i``, JavaScript (without ``u``) does not fold
``ſ`` (U+017F) to ``s`` nor the Kelvin sign to ``k`` inside ranges and literals; ``regex`` does.
JavaScript forgets the captures of a quantified group at each repetition (``^(?:(a)|b)+\\1$``
matches ``ab``); ``regex`` keeps the last one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

__all__ = ["JSRegex", "JSRegexError", "compile_js", "utf16"]

_WORD = "[A-Za-z0-9_]"
_WORD_ITEMS = "A-Za-z0-9_"
_DIGIT_ITEMS = "0-9"
_SPACE_ITEMS = (
    "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
_LINE_ITEMS = "\\n\\r\\u2028\\u2029"
_ANY = "[\\s\\S]"
_CONTROL = {"t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c", "r": "\r"}
_KNOWN_FLAGS = "dgimsuvy"
_SYNTAX = "^$\\.*+?()[]{}|/"


class JSRegexError(ValueError):
    """A pattern or flags that JavaScript refuses, or that are not emulated."""


def _char(code: int) -> str:
    """A Python pattern matching exactly the UTF-16 code unit (or code point) ``code``."""
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"  # pragma: no cover - patterns are scanned as UTF-16 code units


def utf16(text: str) -> str:
    """``text`` as a string of UTF-16 code units (a character beyond U+FFFF becomes two)."""
    if text.isascii() or max(text) <= "\uffff":
        return text
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(data[i] | data[i + 1] << 8) for i in range(0, len(data), 2))


def _is_ident(name: str) -> bool:
    head, rest = name[:1], name[1:]
    return (
        bool(head)
        and (head.isidentifier() or head == "$")
        and all(
            (c.isidentifier() or ("a" + c).isidentifier() or c in "$\u200c\u200d") for c in rest
        )
    )


class _Scanner:
    def __init__(self, source: str, flags: str) -> None:
        self.src = source
        self.pos = 0
        self.ignore_case = "i" in flags
        self.multiline = "m" in flags
        self.dot_all = "s" in flags
        self.group_count, self.names = self._count_groups()
        self.named = bool(self.names)
        self.opened = 0  # capturing groups opened so far
        self.open: list[int] = []  # numbers of the capturing groups around the position
        self.out: list[str] = []

    # -- a first pass: capturing groups, which decide what \1 and \k mean -----------------------
    def _count_groups(self) -> tuple[int, dict[str, str]]:
        src, i, count, names = self.src, 0, 0, {}
        in_class = False
        while i < len(src):
            c = src[i]
            if c == "\\":
                i += 2
                continue
            if in_class:
                in_class = c != "]"
            elif c == "[":
                in_class = True
            elif c == "(":
                if not src.startswith("?", i + 1):
                    count += 1
                elif src.startswith("?<", i + 1) and src[i + 3 : i + 4] not in ("=", "!"):
                    count += 1
                    end = src.find(">", i + 3)
                    name = src[i + 3 : end] if end > 0 else ""
                    if not _is_ident(name):
                        raise JSRegexError(f"invalid capture group name {name!r}")
                    if name in names:
                        raise JSRegexError(f"duplicate capture group name {name!r}")
                    names[name] = f"n{count}"
            i += 1
        return count, names

    def error(self, why: str) -> JSRegexError:
        return JSRegexError(f"{why} at position {self.pos}")

    def peek(self, text: str) -> bool:
        return self.src.startswith(text, self.pos)

    # -- the translation ---------------------------------------------------------------------------
    def translate(self) -> str:
        self.alternatives(depth=0)
        if self.pos < len(self.src):
            raise self.error("unmatched ')'")
        return "".join(self.out)

    def alternatives(self, depth: int) -> None:
        quantifiable = False
        src = self.src
        while self.pos < len(src):
            c = src[self.pos]
            if c == ")":
                if depth == 0:
                    raise self.error("unmatched ')'")
                return
            if c == "|":
                self.out.append("|")
                self.pos += 1
                quantifiable = False
            elif c in "*+?" or (c == "{" and self.braced() is not None):
                if not quantifiable:
                    raise self.error("nothing to repeat")
                self.quantifier()
                quantifiable = False
            else:
                quantifiable = self.atom()

    def braced(self) -> tuple[str, int] | None:
        """``{n}``, ``{n,}`` or ``{n,m}`` at the position (with its length), else None."""
        m = regex.match(r"\{([0-9]+)(,([0-9]*))?\}", self.src[self.pos :])
        if m is None:
            return None
        low, comma, high = m.group(1), m.group(2), m.group(3)
        if high and int(high) < int(low):
            raise self.error("numbers out of order in {} quantifier")
        text = f"{{{int(low)}}}" if not comma else f"{{{int(low)},{int(high) if high else ''}}}"
        return text, m.end()

    def quantifier(self) -> None:
        c = self.src[self.pos]
        if c == "{":
            braced = self.braced()
            assert braced is not None
            self.out.append(braced[0])
            self.pos += braced[1]
        else:
            self.out.append(c)
            self.pos += 1
        if self.peek("?"):
            self.out.append("?")
            self.pos += 1

    def atom(self) -> bool:
        """Translate one atom or assertion; whether a quantifier may follow it."""
        c = self.src[self.pos]
        if c == "(":
            return self.group()
        if c == "[":
            self.out.append(self.char_class())
            return True
        if c == "\\":
            return self.escape()
        self.pos += 1
        if c == ".":
            self.out.append(_ANY if self.dot_all else f"[^{_LINE_ITEMS}]")
        elif c == "^":
            self.out.append(f"(?<![^{_LINE_ITEMS}])" if self.multiline else "(?<![\\s\\S])")
            return False
        elif c == "$":
            self.out.append(f"(?![^{_LINE_ITEMS}])" if self.multiline else "(?![\\s\\S])")
            return False
        else:  # a literal, including ] and } and a { that is no quantifier (Annex B)
            self.out.append(_char(ord(c)))
        return True

    def group(self) -> bool:
        start, first = self.pos, len(self.out)
        src = self.src
        quantifiable = True
        lookbehind = self.peek("(?<=") or self.peek("(?<!")
        capturing = not self.peek("(?") or (self.peek("(?<") and not lookbehind)
        if capturing:
            self.opened += 1
            self.open.append(self.opened)
        if not self.peek("(?"):
            self.out.append("(")
            self.pos += 1
        elif self.peek("(?:") or self.peek("(?=") or self.peek("(?!"):
            self.out.append(src[self.pos : self.pos + 3])
            self.pos += 3
        elif self.peek("(?<=") or self.peek("(?<!"):
            self.out.append(src[self.pos : self.pos + 4])
            self.pos += 4
            quantifiable = False  # a lookbehind takes no quantifier
        elif self.peek("(?<"):
            end = src.index(">", self.pos)  # names were checked in the first pass
            self.out.append(f"(?P<{self.names[src[self.pos + 3 : end]]}>")
            self.pos = end + 1
        else:
            what = src[self.pos : self.pos + 4]
            raise self.error(f"invalid group {what!r}... (no such group syntax in JavaScript)")
        self.alternatives(depth=1)
        if not self.peek(")"):
            self.pos = start
            raise self.error("unterminated group")
        self.out.append(")")
        self.pos += 1
        if capturing:
            self.open.pop()
        if src.startswith(("(?=", "(?!"), start):
            # JavaScript (Annex B) lets a quantifier follow a lookahead: wrap it for Python
            self.out.insert(first, "(?:")
            self.out.append(")")
        return quantifiable

    def escape(self) -> bool:
        """An escape outside a character class."""
        src = self.src
        if self.pos + 1 >= len(src):
            raise self.error("\\ at end of pattern")
        c = src[self.pos + 1]
        if c in "bB":
            self.pos += 2
            w = f"(?-i:{_WORD})" if self.ignore_case else _WORD
            if c == "b":
                self.out.append(f"(?:(?<={w})(?!{w})|(?<!{w})(?={w}))")
            else:
                self.out.append(f"(?:(?<={w})(?={w})|(?<!{w})(?!{w}))")
            return False
        if c in "dDwWsS":
            self.pos += 2
            items = {"d": _DIGIT_ITEMS, "w": _WORD_ITEMS, "s": _SPACE_ITEMS}[c.lower()]
            pattern = f"[{'^' if c.isupper() else ''}{items}]"
            self.out.append(f"(?-i:{pattern})" if self.ignore_case and c in "wW" else pattern)
            return True
        if c.isdigit() and c != "0":
            m = regex.match(r"[0-9]+", src[self.pos + 1 :])
            assert m is not None
            number = int(m.group())
            if number <= self.group_count:
                self.pos += 1 + m.end()
                self.out.append(self.reference(number, str(number), f"\\{number}"))
                return True
        if c == "k" and self.named:
            m = regex.match(r"<([^>]*)>", src[self.pos + 2 :])
            if m is None or m.group(1) not in self.names:
                raise self.error("invalid named reference")
            self.pos += 2 + m.end()
            name = self.names[m.group(1)]
            self.out.append(self.reference(int(name[1:]), name, f"(?P={name})"))
            return True
        self.out.append(_char(self.char_escape(in_class=False)))
        return True

    def reference(self, number: int, group: str, backreference: str) -> str:
        """A backreference: the empty string inside its own group or before the group took part
        (JavaScript's meaning), else what the group matched."""
        if number in self.open:
            return "(?:)"
        return f"(?:(?({group}){backreference}|))"

    def char_escape(self, *, in_class: bool) -> int:
        """The code unit of a character escape at the position (Annex B), moving past it."""
        src, i = self.src, self.pos + 1
        c = src[i]
        self.pos = i + 1
        if c in _CONTROL:
            return ord(_CONTROL[c])
        if c == "c":
            letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            nxt = src[i + 1 : i + 2]
            if nxt and (nxt in letters or (in_class and nxt in "0123456789_")):
                self.pos = i + 2
                return ord(nxt) % 32
            self.pos = i  # \c without a letter is a backslash, and the c is read next
            return ord("\\")
        if c == "x":
            m = regex.match(r"[0-9A-Fa-f]{2}", src[i + 1 :])
            if m:
                self.pos = i + 3
                return int(m.group(), 16)
            return ord("x")
        if c == "u":
            m = regex.match(r"[0-9A-Fa-f]{4}", src[i + 1 :])
            if m:
                self.pos = i + 5
                return int(m.group(), 16)
            return ord("u")
        if c in "01234567":  # legacy octal: \0, or a number that is no backreference
            m = regex.match(r"[0-3][0-7]{0,2}|[4-7][0-7]?", src[i:])
            assert m is not None
            self.pos = i + m.end()
            return int(m.group(), 8)
        return ord(c)  # identity escape: \A is A, \8 is 8, \/ is /

    def char_class(self) -> str:
        src = self.src
        start = self.pos
        self.pos += 1
        negated = self.peek("^")
        if negated:
            self.pos += 1
        items: list[str] = []  # items of a Python [...] set
        extra: list[str] = []  # negated escapes (\D \W \S), joined as alternatives
        while True:
            if self.pos >= len(src):
                self.pos = start
                raise self.error("unterminated character class")
            c = src[self.pos]
            if c == "]":
                self.pos += 1
                break
            code, escape = self.class_atom()
            if (
                self.peek("-")
                and code is not None
                and self.pos + 1 < len(src)
                and src[self.pos + 1] != "]"
            ):
                saved = self.pos
                self.pos += 1
                high, high_escape = self.class_atom()
                if high is None:  # [a-\d]: Annex B reads the - as a character
                    items.append(_char(code) + _char(ord("-")))
                    self._class_escape(high_escape, items, extra)
                else:
                    if high < code:
                        self.pos = saved
                        raise self.error("range out of order in character class")
                    items.append(f"{_char(code)}-{_char(high)}")
                continue
            if code is None:
                self._class_escape(escape, items, extra)
            else:
                items.append(_char(code))
        body = "".join(items)
        if not extra:
            if not body:
                return _ANY if negated else "(?!)"
            return f"[{'^' if negated else ''}{body}]"
        alternatives = ([f"[{body}]"] if body else []) + extra
        joined = "(?:" + "|".join(alternatives) + ")"
        return f"(?:(?!{joined}){_ANY})" if negated else joined

    def _class_escape(self, escape: str, items: list[str], extra: list[str]) -> None:
        kind = {"d": _DIGIT_ITEMS, "w": _WORD_ITEMS, "s": _SPACE_ITEMS}[escape.lower()]
        if escape in "wW" and self.ignore_case:  # [A-Za-z] ignoring case would take ſ and K
            extra.append(f"(?-i:[{'^' if escape.isupper() else ''}{kind}])")
        elif escape.islower():
            items.append(kind)
        else:
            extra.append(f"[^{kind}]")

    def class_atom(self) -> tuple[int | None, str]:
        """One class atom: its code unit, or None and the class escape letter (d, W...)."""
        src = self.src
        c = src[self.pos]
        if c != "\\":
            self.pos += 1
            return ord(c), ""
        if self.pos + 1 >= len(src):
            raise self.error("\\ at end of pattern")
        nxt = src[self.pos + 1]
        if nxt in "dDwWsS":
            self.pos += 2
            return None, nxt
        if nxt == "b":
            self.pos += 2
            return 8, ""
        if nxt == "-":
            self.pos += 2
            return ord("-"), ""
        if nxt == "k" and self.named:
            raise self.error("\\k in a character class of a pattern with named groups")
        if nxt in "89":
            self.pos += 2
            return ord(nxt), ""
        return self.char_escape(in_class=True), ""


def _check_flags(flags: str) -> None:
    for flag in flags:
        if flag not in _KNOWN_FLAGS:
            raise JSRegexError(f"invalid flag {flag!r} (JavaScript knows {_KNOWN_FLAGS})")
    if len(set(flags)) != len(flags):
        raise JSRegexError(f"repeated flag in {flags!r}")
    for flag in "uv":
        if flag in flags:
            raise JSRegexError(f"flag {flag!r} changes the pattern syntax and is not emulated")


def translate(source: str, flags: str = "") -> str:
    """The Python (``regex`` VERSION0) pattern meaning the JavaScript ``/source/flags``.

    >>> translate(r"^\\d$")
    '(?<![\\\\s\\\\S])[0-9](?![\\\\s\\\\S])'
    """
    _check_flags(flags)
    return _Scanner(utf16(source), flags).translate()


@dataclass(frozen=True)
class JSRegex:
    """A translated JavaScript regular expression; :meth:`test` is ``RegExp.prototype.test``."""

    pattern: regex.Pattern[str]
    sticky: bool

    def test(self, text: str, *, timeout: float) -> bool:
        """Whether the pattern is found in ``text``; ``TimeoutError`` after ``timeout`` s."""
        find = self.pattern.match if self.sticky else self.pattern.search
        return find(utf16(text), timeout=timeout) is not None


def compile_js(source: str, flags: str = "") -> JSRegex:
    """Compile the JavaScript ``/source/flags``; :class:`JSRegexError` if it is refused."""
    compiled = _compiled(source, flags)
    if isinstance(compiled, JSRegexError):
        raise compiled
    return compiled


@functools.lru_cache(maxsize=512)  # one form checks many answers with the same patterns
def _compiled(source: str, flags: str) -> JSRegex | JSRegexError:
    try:
        python = translate(source, flags)
        ignore_case = regex.IGNORECASE if "i" in flags else 0
        return JSRegex(regex.compile(python, regex.VERSION0 | ignore_case), "y" in flags)
    except JSRegexError as exc:
        return exc
    except (regex.error, OverflowError, RecursionError) as exc:  # e.g. a{99999999999}
        return JSRegexError(str(exc))
