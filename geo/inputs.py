"""Input sources to articles: plain text and HTML pages (one article each), JSONL and CSV records.

Every record is accounted for: each yields an article or the reason it could not be one, so a batch
run reports processed, skipped and failed records instead of losing any. Records are read one at a
time (JSONL line by line, CSV row by row), so an input of any size is never held in memory whole.

Text in any common encoding is read: UTF-8 (with or without a byte-order mark), UTF-16/32 with a mark,
else what charset-normalizer detects. A JSONL or CSV file's encoding is detected on its first 64 KiB, and
its lines are decoded strictly: a later line in another encoding is read in the one detected from there,
and its record says so, rather than have characters replaced unseen. Markup (an .html page, or HTML in a
record's text) is reduced to its main text, never passed on as markup.
"""

import codecs
import csv
import dataclasses
import email.utils
import functools
import io
import itertools
import json
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from .article import Article
from .defaults import DATE_FIELDS, ID_FIELDS, MAX_CHARS, TEXT_FIELDS

FORMATS = ("text", "html", "jsonl", "csv")
SAMPLE = 65536  # bytes of a streamed file its encoding is detected on
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
                  ".html": "html", ".htm": "html", ".xhtml": "html"}


@dataclass(frozen=True, slots=True)
class Record:
    """One input record: `article` when it could be read, else `status` and `reason` say why not.

    A record with an article may still carry a `reason`: a note on how it was read (a date that was not
    understood and left to the dateline)."""

    input: str
    number: int  # 1-based within its source: the line of a JSONL file, the row of a CSV file
    id: str | None
    article: Article | None = None
    status: str = "processed"  # "processed" | "skipped" | "failed"
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One input: `name` is how reports call it; `open` gives its bytes; `error` when it cannot be had."""

    name: str
    open: Callable[[], BinaryIO] | None = None
    format: str | None = None  # None: from the suffix, else from the first bytes
    size: int | None = None  # bytes, when known before reading
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields of a JSONL or CSV record hold the text, id and date (None: the usual names)."""

    text: str | None = None
    id: str | None = None
    date: str | None = None


def file_source(path: Path, name: str | None = None) -> Source:
    try:
        size = path.stat().st_size
    except OSError as error:
        return Source(name or path.name, error=f"cannot read {path}: {error.strerror}")
    return Source(name or path.name, lambda: path.open("rb"), SUFFIX_FORMATS.get(path.suffix.lower()), size)


def read_records(sources: Iterable[Source], fields: Fields = Fields(), max_chars: int = MAX_CHARS
                 ) -> Iterator[Record]:
    """The records of every source, in order."""
    for source in sources:
        if source.error:
            yield Record(source.name, 1, None, status="failed", reason=source.error)
            continue
        try:
            with source.open() as stream:
                yield from _records(source, stream, fields, max_chars)
        except OSError as error:
            yield Record(source.name, 1, None, status="failed", reason=f"cannot read: {error}")


def _records(source: Source, stream: BinaryIO, fields: Fields, max_chars: int) -> Iterator[Record]:
    # Read, not peeked: a buffered stream's peek gives only what its buffer holds (8 KiB).
    head = stream.read(SAMPLE)
    kind = source.format or _sniff(head[:4096])
    if kind in ("jsonl", "csv"):
        read = _jsonl_records if kind == "jsonl" else _csv_records
        yield from read(source.name, _decoded(*_lines(head, stream)), fields, max_chars)
    else:
        yield _whole_record(source, kind, head, stream, max_chars)


class _Replay(io.RawIOBase):
    """A stream whose first bytes were read already: those bytes, then the rest of it."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.head:
            return self.rest.readinto(buffer)
        size = min(len(buffer), len(self.head))
        buffer[:size] = self.head[:size]
        self.head = self.head[size:]
        return size


def _sniff(head: bytes) -> str:
    """The format of a source without a telling suffix (standard input, a .txt file)."""
    start = head.lstrip()[:1]
    return "jsonl" if start == b"{" else "html" if start == b"<" else "text"


def _whole_record(source: Source, kind: str, head: bytes, stream: BinaryIO, max_chars: int) -> Record:
    name = source.name
    # Check the size before reading: no character takes more than 4 bytes, and HTML is mostly markup.
    limit = max_chars * (50 if kind == "html" else 4)
    if source.size is not None and source.size > limit:
        return Record(name, 1, None, status="skipped", reason=_too_long(f"{source.size:,} bytes", max_chars))
    try:
        text = decode(head + stream.read())
    except UnicodeError as error:
        return Record(name, 1, None, status="failed", reason=str(error))
    return _record(name, 1, None, name, text, None, None, max_chars)


def _record(name: str, number: int, record_id: str | None, article_id: str, text: str, when: date | None,
            note: str | None, max_chars: int) -> Record:
    """A record of `text`; `record_id` is the record's own id (None for a whole file), `article_id` names
    the article in incidents' sources."""
    if looks_like_html(text):
        text = html_text(text)
    if not text.strip():
        return Record(name, number, record_id, status="skipped", reason="empty: no text")
    if len(text) > max_chars:
        return Record(name, number, record_id, status="skipped",
                      reason=_too_long(f"{len(text):,} characters", max_chars))
    return Record(name, number, record_id, Article(article_id, text, when), reason=note)


def _too_long(size: str, max_chars: int) -> str:
    return (f"too long: {size}, over the {max_chars:,}-character limit for one article; "
            "split it into articles or raise --max-chars")


# --- encodings ---------------------------------------------------------------------------------

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(raw: bytes) -> str:
    """Bytes in any common encoding as text; UnicodeError (saying why) for binary data."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\0" in raw[:8192]:
        raise UnicodeError("a binary file, not text")
    encoding = _detect(raw)
    if encoding is None:
        raise UnicodeError("not text in any known encoding (binary data?)")
    return raw.decode(encoding)


# The encodings of the WHATWG Encoding Standard, those web pages and news feeds are written in, by their
# Python names. charset-normalizer otherwise weighs some ninety, and on a short text picks DOS or Mac code
# pages that decode it as well as the right one does ("Café" as cp775).
WEB_ENCODINGS = (
    "utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le",
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "cp866",
    "mac_roman", "mac_cyrillic", "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
)


def _detect(raw: bytes) -> str | None:
    """The encoding charset-normalizer finds for bytes among WEB_ENCODINGS, None when it finds none."""
    import charset_normalizer  # 60 ms of imports, for the rare input that is not UTF-8

    best = charset_normalizer.from_bytes(raw, cp_isolation=list(WEB_ENCODINGS)).best()
    return best.encoding if best else None


def _stream_encoding(head: bytes) -> str:
    """The encoding of a streamed file, from its first bytes: a mark, UTF-8, else a detected one."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        # UTF-16 and UTF-32 have NUL bytes, and their lines are no byte lines.
        sample = head if b"\0" in head else _not_utf8(head.splitlines(keepends=True))
        return _detect(sample) or "utf-8"


def _not_utf8(lines: Iterable[bytes]) -> bytes:
    """The lines that are not UTF-8, to detect their encoding on: in a file that mixes encodings the UTF-8
    lines would mislead the detector (Cyrillic in UTF-8 beside cp1252 lines reads as cp1251)."""
    return b"".join(line for line in lines if _strict(line, "utf-8") is None)


def _lines(head: bytes, rest: BinaryIO) -> tuple[Iterator[bytes], str]:
    """The lines of a streamed file, of which `head` was read already, with their ends (\\n, \\r\\n or \\r,
    as csv wants them), and their encoding, detected on `head`; a file in UTF-16 or UTF-32 gives them in
    UTF-8."""
    encoding = _stream_encoding(head)
    stream = io.BufferedReader(_Replay(head, rest))
    if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):  # "utf_16_le" is "utf-16-le"
        text = io.TextIOWrapper(stream, encoding, "replace", newline="")
        return (line.encode("utf-8") for line in text), "utf-8"
    # Latin-1 makes each byte one character and back: lines are split without being decoded.
    return (line.encode("latin-1") for line in io.TextIOWrapper(stream, "latin-1", newline="")), encoding


def _decoded(lines: Iterable[bytes], encoding: str) -> Iterator[tuple[str, str | None, bool]]:
    """Each line as (text, note, failed): `note` says how a line not in the file's `encoding` was read,
    or why it could not be (`failed`; its text then has replacement characters, for csv to go on with).

    Such a line (the file's first non-UTF-8 byte came after the first 64 KiB, or it mixes encodings) is
    read in the encoding detected on the 64 KiB of lines from it, which then serves later such lines too;
    failing that, in the one detected on the line alone. Its record carries the note: a guess can be wrong.
    In a file of a legacy 8-bit encoding, a line that is valid UTF-8 beyond ASCII is read as UTF-8: such
    an encoding decodes nearly any bytes, UTF-8 ones to mojibake ("CafÃ©"), while 8-bit text seldom
    happens to be valid UTF-8."""
    lines = iter(lines)
    ahead: deque[bytes] = deque()
    fallback: tuple[str | None, int] | None = None  # (encoding, the line it was detected from)
    legacy = codecs.lookup(encoding).name != "utf-8"
    for number in itertools.count(1):
        raw = ahead.popleft() if ahead else next(lines, None)
        if raw is None:
            return
        if legacy and not raw.isascii() and (text := _strict(raw, "utf-8")) is not None:
            yield text, f"not {encoding} like the first 64 KiB of the file: read as utf-8", False
            continue
        text = _strict(raw, encoding)
        if text is not None:
            yield text, None, False
            continue
        if fallback is None:
            size = len(raw)
            while size < SAMPLE and (line := next(lines, None)) is not None:
                ahead.append(line)
                size += len(line)
            fallback = _detect(_not_utf8([raw, *ahead])), number  # whole lines: no character cut short
        other, since = fallback
        unlike = f"not {encoding} like the first 64 KiB of the file"
        text = _strict(raw, other) if other else None
        if text is not None:
            yield text, f"{unlike}: read as {other}, detected on the lines from line {since}", False
            continue
        try:
            yield decode(raw), f"{unlike}: read in an encoding detected on its line alone", False
        except UnicodeError as error:
            yield raw.decode(encoding, "replace"), f"line {number}: {error}", True


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


# --- HTML ----------------------------------------------------------------------------------------

_MARKUP = re.compile(r"<(?:!doctype|html|head|body|p|div|br|script|style|article|span|a|h[1-6])\b[^>]*>",
                     re.IGNORECASE)
# Never text of the article: code, styling, navigation and page furniture.
_SKIPPED = {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas",
            "nav", "footer", "aside", "form", "button", "select", "textarea"}
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
           "section", "article", "main", "header", "blockquote", "pre", "figcaption", "dd", "dt", "hr",
           "table", "title"}
_SPACE = re.compile(r"\s+")


def looks_like_html(text: str) -> bool:
    return _MARKUP.search(text[:20_000]) is not None


class _TextParser(HTMLParser):
    """Text of a page by where it stands: inside <article>, inside <main>, or anywhere in the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.inside = {"article": 0, "main": 0}
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "page": []}

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in self.inside:
            self.inside[tag] += 1
        if tag in _BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in self.inside:
            self.inside[tag] = max(self.inside[tag] - 1, 0)
        if tag in _BLOCKS:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Line breaks in the source are spaces; only block elements break lines (and sentences).
            self._add(_SPACE.sub(" ", data))

    def _add(self, data: str) -> None:
        self.parts["page"].append(data)
        for where, depth in self.inside.items():
            if depth:
                self.parts[where].append(data)


def html_text(markup: str) -> str:
    """The main text of an HTML page or fragment: its <article>s, else its <main>, else its whole body,
    without scripts, styles, navigation or forms; one line per paragraph."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    for where in ("article", "main", "page"):
        lines = "".join(parser.parts[where]).split("\n")
        text = "\n".join(line.strip() for line in lines if line.strip())
        if text:
            return text
    return ""


# --- JSONL and CSV records ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)  # a file's records mostly share their fields: found once for them all
def _keys(names: tuple, fields: Fields) -> tuple[str | None, str | None, str | None]:
    """Which of a record's fields (`names`) hold its id, text and date: the ones `fields` names, else the
    first of the usual names it has, matched without case; None for one it does not have."""
    by_lower = {str(name).strip().lower(): name for name in names}

    def field(wanted: str | None, defaults: tuple[str, ...]) -> str | None:
        for candidate in (wanted,) if wanted else defaults:
            if candidate.lower() in by_lower:
                return by_lower[candidate.lower()]
        return None

    return field(fields.id, ID_FIELDS), field(fields.text, TEXT_FIELDS), field(fields.date, DATE_FIELDS)


def _no_text(fields: Fields, names: Iterable) -> str:
    wanted = repr(fields.text) if fields.text else "text field (any of " + ", ".join(TEXT_FIELDS) + ")"
    found = ", ".join(map(str, names)) or "none"
    return f"no {wanted}; the fields are {found}: name the text field with --text-field"


def _fields_of(name: str, number: int, data: dict, fields: Fields, max_chars: int) -> Record:
    """The record made of one JSON object or CSV row."""
    id_key, text_key, date_key = _keys(tuple(data), fields)
    raw_id = data.get(id_key) if id_key else None
    record_id = str(raw_id) if raw_id not in (None, "") else None
    if text_key is None:
        return Record(name, number, record_id, status="failed", reason=_no_text(fields, data))
    text = data[text_key]
    if text is None or text == "":
        return Record(name, number, record_id, status="skipped", reason=f"empty: no text in {text_key!r}")
    if not isinstance(text, str):
        return Record(name, number, record_id, status="failed",
                      reason=f"{text_key!r} is a {type(text).__name__}, not text")
    raw_date = data.get(date_key) if date_key else None
    when = parse_date(raw_date)
    note = None
    if raw_date not in (None, "") and when is None:
        note = f"date {raw_date!r} not understood: dated by its dateline or --date"
    return _record(name, number, record_id, record_id or f"{name}:{number}", text, when, note, max_chars)


def _jsonl_records(name: str, lines: Iterator[tuple[str, str | None, bool]], fields: Fields, max_chars: int
                   ) -> Iterator[Record]:
    for number, (line, note, failed) in enumerate(lines, start=1):
        if failed:
            yield Record(name, number, None, status="failed", reason=note)
            continue
        if not line.strip():
            continue  # blank lines separate records, they are not records
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield Record(name, number, None, status="failed",
                         reason=f"line {number} is not JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(data, dict):
            yield Record(name, number, None, status="failed",
                         reason=f"line {number} is a JSON {type(data).__name__}, not an object")
            continue
        yield _noted(_fields_of(name, number, data, fields, max_chars), [note])


def _csv_records(name: str, lines: Iterator[tuple[str, str | None, bool]], fields: Fields, max_chars: int
                 ) -> Iterator[Record]:
    header_line = next(lines, ("",))[0]
    # The delimiter the header uses most: article text in the rows would fool csv.Sniffer.
    delimiter = max(",;\t|", key=header_line.count)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    if not header:
        yield Record(name, 1, None, status="skipped", reason="empty: no header and no rows")
        return
    if _keys(tuple(header), fields)[1] is None:
        # Said once for the file rather than once for each of its rows.
        yield Record(name, 1, None, status="failed", reason=_no_text(fields, header))
        return
    _allow_long_fields()
    notes: list[str] = []  # of the lines of the row being read
    failed: list[str] = []

    def texts() -> Iterator[str]:
        for text, note, failure in lines:
            if note:
                (failed if failure else notes).append(note)
            yield text

    for number, row in enumerate(csv.reader(texts(), delimiter=delimiter), start=1):
        row_notes, row_failed = notes[:], failed[:]
        notes.clear()
        failed.clear()
        if not any(cell.strip() for cell in row):
            continue
        if row_failed:
            yield Record(name, number, None, status="failed", reason="; ".join(row_failed))
        elif len(row) != len(header):
            yield Record(name, number, None, status="failed",
                         reason=f"row {number} has {len(row)} columns, the header {len(header)}")
        else:
            yield _noted(_fields_of(name, number, dict(zip(header, row, strict=True)), fields, max_chars),
                         row_notes)


def _noted(record: Record, notes: list[str | None]) -> Record:
    """The record with the notes on how its lines were read before its own reason."""
    notes = [note for note in [*notes, record.reason] if note]
    return dataclasses.replace(record, reason="; ".join(notes)) if notes else record


def _allow_long_fields() -> None:
    # The csv module refuses fields over 128 KiB by default; a long article is ours to skip, with a reason.
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))


# --- dates ------------------------------------------------------------------------------------------

_DAY_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d.%m.%Y", "%Y/%m/%d")


def parse_date(value) -> date | None:
    """A record's date: ISO 8601 (a date or a time), RFC 2822 (RSS feeds), or a day written out in
    English ("28 March 2022", "March 28, 2022"), or dotted ("28.03.2022"); None for anything else,
    including slashed day/month orders that could be read both ways."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for layout in _DAY_FORMATS:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None
