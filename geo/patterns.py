"""Regular expressions on the words before a name, searched only where a match can start."""

import re
import re._constants as _C
import re._parser as _parser


class Ending:
    """A compiled pattern for the text before a name, which only matches at the end of it ("... of $").

    A search tries the pattern at every position of the sentence up to the name, and most sentences have
    no match. So the reversed pattern is first tried once, at the start of the reversed text: when it
    fails, there is no match (the usual case, told by one try instead of one per position). When it
    succeeds, the text is searched for the match itself. A match that must end at the end and can span
    at most N characters starts in the last N + 1 of them (N + 1: `$` also matches before a final
    newline), so only those are tried; the engine still sees the characters before its starting position
    (a `\\b` there is read right). A pattern without such a bound (`\\w*`, `[^,]*`) is searched whole.
    Either way the result is the match a search of the whole text finds.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.regex = re.compile(pattern, flags)
        parsed = _parser.parse(pattern, flags)
        ends = bool(parsed.data) and parsed.data[-1] == (_C.AT, _C.AT_END)
        if not ends or self.regex.flags & re.MULTILINE:
            self.reach, self.reversed = None, None
            return
        width = parsed.getwidth()[1]
        self.reach = width + 1 if width < _C.MAXREPEAT else None
        self.reversed = _reversed(parsed, self.regex.flags)

    def search(self, text: str) -> re.Match | None:
        if self.reversed is not None and not text.endswith("\n") and not self.reversed.match(text[::-1]):
            return None
        start = 0 if self.reach is None else max(0, len(text) - self.reach)
        return self.regex.search(text, start)


def _reversed(parsed: _parser.SubPattern, flags: int) -> re.Pattern | None:
    """The pattern that matches the reversed strings of the parsed one, or None for constructs that
    cannot be reversed exactly (back references, atomic groups, possessive repeats)."""
    try:
        return re.compile(_unparse_reversed(parsed), flags & ~re.VERBOSE)
    except (_Irreversible, re.error):
        return None


class _Irreversible(Exception):
    pass


_CATEGORIES = {
    _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W", _C.CATEGORY_DIGIT: r"\d",
    _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_NOT_SPACE: r"\S",
}
# Anchors read from the other end: the start of the text becomes its end and the other way round (a text
# that ends in a newline, where `$` means two places, is never searched reversed).
_ANCHORS = {
    _C.AT_BOUNDARY: r"\b", _C.AT_NON_BOUNDARY: r"\B", _C.AT_BEGINNING: r"\Z",
    _C.AT_BEGINNING_STRING: r"\Z", _C.AT_END: r"\A", _C.AT_END_STRING: r"\A",
}
_FLAGS = {re.IGNORECASE: "i", re.DOTALL: "s", re.ASCII: "a", re.UNICODE: "u"}


def _unparse_reversed(pattern: _parser.SubPattern) -> str:
    return "".join(_item(op, av) for op, av in reversed(pattern.data))


def _item(op, av) -> str:
    if op is _C.LITERAL:
        return re.escape(chr(av))
    if op is _C.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is _C.ANY:
        return "."
    if op is _C.IN:
        return _charset(av)
    if op is _C.AT and av in _ANCHORS:
        return _ANCHORS[av]
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        low, high, item = av
        bound = f"{{{low},}}" if high == _C.MAXREPEAT else f"{{{low},{high}}}"
        return f"(?:{_unparse_reversed(item)}){bound}{'?' if op is _C.MIN_REPEAT else ''}"
    if op is _C.SUBPATTERN:
        _, add, remove, item = av
        on = "".join(letter for flag, letter in _FLAGS.items() if add & flag)
        off = "".join(letter for flag, letter in _FLAGS.items() if remove & flag)
        return f"(?{on}{'-' + off if off else ''}:{_unparse_reversed(item)})"
    if op is _C.BRANCH:
        return "(?:" + "|".join(_unparse_reversed(branch) for branch in av[1]) + ")"
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        direction, item = av  # a look ahead becomes a look behind and the other way round
        kind = "=" if op is _C.ASSERT else "!"
        return f"(?{'<' if direction == 1 else ''}{kind}{_unparse_reversed(item)})"
    raise _Irreversible(op)


def _charset(items) -> str:
    parts = []
    for op, av in items:
        if op is _C.NEGATE:
            parts.insert(0, "^")
        elif op is _C.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _C.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise _Irreversible(op)
    return f"[{''.join(parts)}]"
