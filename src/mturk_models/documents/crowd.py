"""Crowd HTML Elements and HTML forms: decode ``taskAnswers`` and fold choice groups.

A ``crowd-form`` submits one free-text answer named ``taskAnswers`` whose text is a JSON array,
one object per task; :func:`decode_task_answers` decodes it (``QuestionFormAnswers
.crowd_answers()`` calls it). Crowd radio groups and checkboxes arrive as one boolean per
option, and the Requester website's batch CSV flattens the same objects into dotted column
names; :func:`fold_choices` turns every such group into the chosen value. Real examples, from
``tests/data/batch_04.csv`` and ``tests/data/batch_03.csv``:

>>> tasks = decode_task_answers('[{"comments":"ok","confidence-0":{"high":true,"low":false}}]')
>>> fold_choices(tasks[0])
{'comments': 'ok', 'confidence-0': 'high'}
>>> fold_choices({"Answer.opt1.420": "true", "Answer.opt1.42069": "false",
...               "Answer.set_number": "296"}, prefix="Answer.")
{'opt1': '420', 'set_number': '296'}

Only real flags fold: crowd-classifier's ``{"label": "False"}`` is an answer, not a choice.

>>> fold_choices({"claim": {"label": "False"}, "rating.label": "true"})
{'claim': {'label': 'False'}, 'rating.label': 'true'}
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..exceptions import CrowdAnswerError

__all__ = ["TASK_ANSWERS", "decode_task_answers", "fold_choices"]

TASK_ANSWERS = "taskAnswers"
"""The one answer a crowd-form submits (its QuestionIdentifier, a batch CSV's
``Answer.taskAnswers`` column): a JSON array, one object per task."""

# How a flattened cell spells a flag: a JSON boolean as text, or an HTML checkbox without a value.
_CELL_FLAGS = {"true": True, "false": False, "on": True}
_LABEL = "label"  # crowd-classifier's {"label": "<category>"}: an answer, never a choice group
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # alone, none is a character: not Unicode text


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):  # 1e999: JSON, but no float holds it (json would give inf)
        raise ValueError(f"the number {text[:40]} is too large for a float")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict; a key that appears twice is an error, not a silent overwrite."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:  # pragma: no branch - a key repeats, so the loop ends by raising
            if key in seen:
                raise CrowdAnswerError(
                    f"taskAnswers has the key {key[:40]!r} twice in one object; "
                    "keeping one value would lose the other"
                )
            seen.add(key)
    return found


def _strings(value: Any) -> Iterator[str]:
    """Every key and string value of decoded JSON, without recursion (nesting may be deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack += item
            stack += item.values()
        elif isinstance(item, list):
            stack += item


def _surrogate_error(code: str, where: str) -> CrowdAnswerError:
    return CrowdAnswerError(
        f"taskAnswers holds the lone surrogate U+{ord(code):04X} {where}, which is not Unicode text"
    )


def decode_task_answers(text: str | bytes) -> list[dict[str, Any]]:
    """Decode a crowd-form ``taskAnswers`` value: a JSON array with one object per task.

    Raises :class:`~mturk_models.CrowdAnswerError` (a :class:`ValueError`) for text that is
    not JSON (with the line and column), for ``NaN``/``Infinity`` and numbers beyond a float
    (``1e999``), for a key repeated in one object (keeping one value would lose the other),
    for a lone surrogate (raw, or an unpaired ``\\ud800`` escape: not Unicode text, which no
    CSV or JSON Lines writer could encode), and for JSON that is not an array of objects.

    >>> decode_task_answers('[{"category": {"label": "neutral"}}]')
    [{'category': {'label': 'neutral'}}]
    >>> decode_task_answers('{"a": 1}')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mturk_models.exceptions.CrowdAnswerError: taskAnswers must be a JSON array of objects, ...
    """
    try:
        if not isinstance(text, str):  # as json.loads does, so that the text can be checked
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        if not text.isascii() and (found := _SURROGATE.search(text)):
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - text.rfind("\n", 0, found.start())
            raise _surrogate_error(found.group(), f"at line {line}, column {column}")
        value = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
        )
    except CrowdAnswerError:
        raise
    except json.JSONDecodeError as exc:
        raise CrowdAnswerError(
            f"taskAnswers is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except (ValueError, RecursionError) as exc:  # NaN/Infinity, bad UTF-8 bytes, deep nesting
        raise CrowdAnswerError(f"taskAnswers cannot be read as JSON: {exc}") from exc
    if "\\ud" in text or "\\uD" in text:  # only a \uD800-\uDFFF escape gives a surrogate
        for string in _strings(value):
            if found := _SURROGATE.search(string):
                code = found.group()
                raise _surrogate_error(code, f"(an unpaired \\u{ord(code):04x} escape)")
    if not isinstance(value, list):
        raise CrowdAnswerError(
            "taskAnswers must be a JSON array of objects, one per task; "
            f"got a {type(value).__name__}"
        )
    for index, task in enumerate(value):
        if not isinstance(task, dict):
            raise CrowdAnswerError(
                f"taskAnswers item {index} must be a JSON object; got {type(task).__name__} "
                f"{json.dumps(task)[:40]}"
            )
    return value


def _object_flag(value: Any) -> bool | None:
    """In a crowd object: a JSON boolean, or ``{"on": <boolean>}``; None for any other value."""
    if isinstance(value, bool):
        return value
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("on"), bool):
        return bool(value["on"])
    return None


def _cell_flag(value: Any) -> bool | None:
    """In a flattened cell: a bool, or exactly ``"true"``, ``"false"`` or ``"on"``; else None."""
    if isinstance(value, bool):
        return value
    return _CELL_FLAGS.get(value) if isinstance(value, str) else None


def _result(chosen: list[str]) -> str | tuple[str, ...] | None:
    if not chosen:
        return None
    return chosen[0] if len(chosen) == 1 else tuple(chosen)


def _fold_object(value: Any) -> Any:
    """A crowd group object ``{"high": true, "low": false}`` folds; anything else is kept."""
    if not isinstance(value, dict) or not value or list(value) == [_LABEL]:
        return value
    flags = [_object_flag(option) for option in value.values()]
    if any(flag is None for flag in flags):
        return value
    return _result([option for option, flag in zip(value, flags, strict=True) if flag])


def _split(name: str) -> tuple[str, str] | None:
    """``"confidence.high.on"`` -> ("confidence", "high"); ``"opt1.420"`` -> ("opt1", "420")."""
    if name.endswith(".on") and "." in name[:-3]:
        name = name[:-3]
    group, dot, option = name.rpartition(".")
    return (group, option) if dot and group and option else None


def fold_choices(
    mapping: Mapping[str, Any], *, prefix: str = "", text_flags: bool = True
) -> dict[str, Any]:
    """Fold crowd radio/checkbox groups and flattened choice columns into ``{name: chosen}``.

    Two conventions are folded, in the mapping's order, everything else is kept unchanged:

    * a crowd-form object per group, as in ``taskAnswers``:
      ``"confidence-0": {"high": true, "low": false}``. Every option must be a JSON boolean
      (or ``{"on": <boolean>}``): crowd forms always send booleans, so an object with any other
      value, such as the text ``"true"``, is not a choice group;
    * flattened keys ``name.option``, as in batch CSV columns: ``Answer.opt1.420`` = ``"true"``,
      and ``Answer.confidence.high.on`` = ``"true"`` (a trailing ``.on`` is dropped). Only the
      exact texts ``"true"`` and ``"false"`` (a flattened JSON boolean) and ``"on"`` (an HTML
      checkbox without a value), or a bool, are flags: ``"True"`` or ``" true"`` is text.
      ``text_flags=False`` counts bools only, for a decoded crowd-form object, where a flag is
      always a JSON boolean and the text ``"true"`` is what a Worker typed.

    A group whose only option is ``label`` is crowd-classifier output (``{"label": "False"}``,
    ``claim.label`` = ``"true"``), never a choice group, and is kept as it is.

    A group with one chosen option gives that option (``str``); several give a ``tuple`` of
    them, in order; none gives ``None``. Keys without a dot, and dotted keys with other values
    (``Answer.category.label`` = ``"neutral"``), are not choices and are kept as they are.
    ``prefix`` keeps only the keys that start with it and removes it (``prefix="Answer."``
    for a batch CSV row).

    A group whose name is also a key of its own (a question ``agree`` beside a question
    ``agree.strongly`` answered ``true``) is not folded: both keys are kept, with their values
    as they are, since folding would put two answers under one name.

    >>> fold_choices({"Answer.confidence.high.on": "true", "Answer.confidence.low.on": "false",
    ...               "Answer.why.both.on": "true", "Answer.why.shown.on": "true",
    ...               "Input.video": "v.mp4"}, prefix="Answer.")
    {'confidence': 'high', 'why': ('both', 'shown')}
    >>> fold_choices({"agree": "yes", "agree.strongly": "true"})
    {'agree': 'yes', 'agree.strongly': 'true'}
    """
    pairs: list[tuple[str, Any]] = []
    for full_name, value in mapping.items():
        if not isinstance(full_name, str):
            raise CrowdAnswerError(f"choice keys are strings; got {full_name!r}")
        if full_name.startswith(prefix):
            pairs.append((full_name[len(prefix) :], value))
    result: dict[str, Any] = {}
    for name, value, positions in fold_pairs(pairs, text_flags=text_flags):
        folded = name != pairs[positions[0]][0]  # a group is named after its options' prefix
        result[name] = value if folded else _fold_object(value)
    return result


def fold_pairs(
    pairs: Sequence[tuple[str, Any]],
    candidates: Sequence[bool] | None = None,
    *,
    text_flags: bool = True,
) -> list[tuple[str, Any, tuple[int, ...]]]:
    """The flattened ``name.option`` folding of :func:`fold_choices` over ``(name, value)`` pairs.

    Gives ``(name, value, positions)`` in order: a pair kept as it is (its one position), or a
    folded group (the positions of its flags), placed where its first flag was. Only the pairs
    whose ``candidates`` entry is true may be flags (all by default): a name the caller made up,
    such as export's ``<question>.other``, is never a choice. A name given more than once is
    never a flag (each of its values is kept), and a group whose name is also a kept name is not
    folded (see :func:`fold_choices`). Crowd objects are not folded here.
    """
    repeated = {name for name, count in Counter(name for name, _ in pairs).items() if count > 1}
    splits: list[tuple[str, str, bool] | None] = []
    options: dict[str, set[str]] = {}
    for index, (name, value) in enumerate(pairs):
        flag = None
        if (candidates is None or candidates[index]) and name not in repeated:
            flag = _cell_flag(value) if text_flags else value if isinstance(value, bool) else None
        parts = _split(name) if flag is not None else None
        splits.append(None if parts is None else (*parts, bool(flag)))
        if parts is not None:
            options.setdefault(parts[0], set()).add(parts[1])
    folding = {group for group, found in options.items() if found != {_LABEL}}
    while True:  # a group named like a kept key stays unfolded, its keys kept: until none is
        kept = {
            name
            for (name, _), split in zip(pairs, splits, strict=True)
            if split is None or split[0] not in folding
        }
        if not folding & kept:
            break
        folding -= kept
    found: list[tuple[str, Any, tuple[int, ...]]] = []
    groups: dict[str, tuple[int, list[str], list[int]]] = {}
    for index, ((name, value), split) in enumerate(zip(pairs, splits, strict=True)):
        if split is None or split[0] not in folding:
            found.append((name, value, (index,)))
            continue
        group, option, chosen = split
        if group not in groups:
            groups[group] = (len(found), [], [])
            found.append((group, None, ()))
        slot, chosen_options, positions = groups[group]
        positions.append(index)
        if chosen:
            chosen_options.append(option)
    for group, (slot, chosen_options, positions) in groups.items():
        found[slot] = (group, _result(chosen_options), tuple(positions))
    return found
