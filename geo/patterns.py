"""Regular expressions on the words before a name, searched only where a match can start."""

import re
import re._constants as _C
import re._parser as _parser


class Ending:
    """A compiled pattern for the text before a name, which only matches at the end of it ("... of $").

    A search tries the pattern at every position of the sentence up to the name; a match that must end
    at the end and can span at most N characters starts in the last N + 1 of them (N + 1: `$` also
    matches before a final newline), so only those are tried. The engine still sees the characters
    before its starting position (a `\\b` there is read right), so the result is the same match.
    Patterns without such a bound (`\\w*`, `[^,]*`) are searched whole.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.regex = re.compile(pattern, flags)
        parsed = _parser.parse(pattern, flags)
        ends = bool(parsed.data) and parsed.data[-1] == (_C.AT, _C.AT_END)
        width = parsed.getwidth()[1]
        bounded = ends and width < _C.MAXREPEAT and not self.regex.flags & re.MULTILINE
        self.reach = width + 1 if bounded else None

    def search(self, text: str) -> re.Match | None:
        start = 0 if self.reach is None else max(0, len(text) - self.reach)
        return self.regex.search(text, start)
