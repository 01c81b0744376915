"""What the commands write: standard output per format, tables, JSON arrays, the progress bar.

Tables and the progress bar are a few lines of plain text formatting, on purpose: a terminal
library would be a dependency of every install for no feature the commands use.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, BinaryIO, TextIO, cast

from ._common import one_line


class Progress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.last = 0.0

    def update(self, done: int, count: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1:
            return
        self.last = now
        share = min(done / self.total, 1.0) if self.total else 1.0
        bar = "#" * int(share * 30)
        self.stream.write(
            f"\r[{bar:<30}] {share:4.0%}  {done / 1e6:,.1f}/{self.total / 1e6:,.1f} MB  "
            f"{count:,} assignments"
        )
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar (before an error line, and at the end); the next update redraws it."""
        self.stream.write("\r\x1b[K")
        self.stream.flush()
        self.last = 0.0

    close = clear


def _cell(value: Any) -> str:
    """A value as table text: one line, ``None`` empty, lists joined."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ").replace("+00:00", "Z")
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return one_line(str(value)) if isinstance(value, str) else str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


_ID_COLUMNS = frozenset(
    {"AssignmentId", "WorkerId", "HITId", "HITTypeId", "assignment", "task", "worker"}
)
_MIN_TEXT, _MIN_OTHER = 10, 3
"""Free text is cut down to 10 characters first, then any column but an ID down to 3."""


def _is_id(name: str) -> bool:
    """An ID column: export's (``AssignmentId``, long ``task``...) or any ``...Id``/``...ID``."""
    return name in _ID_COLUMNS or name.endswith(("Id", "ID"))


def print_table(rows: Sequence[dict[str, Any]], out: TextIO, width: int) -> None:
    """Rows as an aligned table fitted to ``width``, or one block per row if too wide.

    ID columns (``AssignmentId``, ``WorkerId``, ``HITId``, ...) are never cut: one copies them
    into the next command. Free text (a cell with a space) is cut first, with ``…``, down to
    ten characters, then any other column down to three; when the IDs and the rest still do not
    fit, each row is printed as a block of ``name  value`` lines instead.
    """
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    names = list(columns)
    if not names:
        return
    cells = [[_cell(row.get(name)) for name in names] for row in rows]
    ids = [_is_id(name) for name in names]
    widths = [max([len(n), *(len(c[i]) for c in cells)]) for i, n in enumerate(names)]
    widths = [w if ids[i] else min(w, 50) for i, w in enumerate(widths)]
    gap = 2
    if len(names) * (6 + gap) > width:
        _print_records(names, cells, ids, out, width)
        return
    texty = [any(" " in c[i] for c in cells) for i in range(len(names))]
    while sum(widths) + gap * (len(widths) - 1) > width:
        others = [i for i in range(len(widths)) if not ids[i] and widths[i] > _MIN_OTHER]
        pool = [i for i in others if texty[i] and widths[i] > _MIN_TEXT] or others
        if not pool:
            _print_records(names, cells, ids, out, width)
            return
        widest = max(pool, key=widths.__getitem__)
        widths[widest] -= 1
    line = " " * gap
    out.write(
        line.join(_clip(n, w).ljust(w) for n, w in zip(names, widths, strict=True)).rstrip() + "\n"
    )
    rule = _rule(out)
    out.write(line.join(rule * w for w in widths) + "\n")
    for texts in cells:
        out.write(
            line.join(_clip(c, w).ljust(w) for c, w in zip(texts, widths, strict=True)).rstrip()
            + "\n"
        )


def _rule(out: TextIO) -> str:
    """The line drawing character: ``─``, or ``-`` where the output's encoding has no ``─``."""
    try:
        "─".encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return "-"
    return "─"


def _print_records(
    names: list[str], cells: list[list[str]], ids: list[bool], out: TextIO, width: int
) -> None:
    key_width = min(max(len(n) for n in names), max(width // 2, 20))
    value_width = max(width - key_width - 2, 10)
    rule = _rule(out)
    for number, row in enumerate(cells, 1):
        out.write(f"{rule * 2} {number} " + rule * max(width - len(str(number)) - 5, 0) + "\n")
        for name, cell, is_id in zip(names, row, ids, strict=True):
            value = cell if is_id else _clip(cell, value_width)  # an ID is never cut
            out.write(f"{_clip(name, key_width):<{key_width}}  {value}".rstrip())
            out.write("\n")


def write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """A JSON array, written row by row (nothing held in memory), as ``write_jsonl`` writes rows.

    Each row is the export module's JSON line, so ``json`` and ``jsonl`` output agree.
    """
    from ..export import json_line  # imported here: the other commands need no models

    out.write("[")
    for number, row in enumerate(rows):
        out.write(",\n  " if number else "\n  ")
        out.write(json_line(row))
    out.write("\n]\n")


class _Encoded:
    """Text written to standard output's bytes in an encoding of our choice.

    The machine formats (CSV, JSON Lines, JSON) are UTF-8 with their own line ends, whatever
    the console's code page (cp1252 on Windows) or its newline translation (which turns CSV's
    ``\\r\\n`` into ``\\r\\r\\n``) would make of them: the same bytes as ``-o FILE``. The table
    is for a person: the terminal's encoding and line ends, a character it cannot show
    replaced by ``?`` rather than failing the run.
    """

    def __init__(self, buffer: BinaryIO, encoding: str, errors: str, newline: str) -> None:
        self.encoding = encoding
        self._buffer = buffer
        self._encoder = codecs.getincrementalencoder(encoding)(errors)
        self._newline = newline

    def write(self, text: str) -> int:
        translated = text.replace("\n", self._newline) if self._newline != "\n" else text
        self._buffer.write(self._encoder.encode(translated))
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()


def stdout_for(out: TextIO, fmt: str) -> TextIO:
    """Standard output set up for ``fmt`` (see :class:`_Encoded`); a stream without bytes as is."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        return out
    out.flush()  # whatever was written as text goes first
    if fmt == "table":
        encoded = _Encoded(buffer, out.encoding or "utf-8", "replace", os.linesep)
    else:
        encoded = _Encoded(buffer, "utf-8", "strict", "\n")
    return cast(TextIO, encoded)


def discard_stdout() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
