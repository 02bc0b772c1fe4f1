"""Input sources to articles: plain text and HTML pages (one article each), JSONL and CSV records.

Every record is accounted for: each yields an article or the reason it could not be one, so a batch
run reports processed, skipped and failed records instead of losing any. Records are read one at a
time (JSONL line by line, CSV row by row), so an input of any size is never held in memory whole.

Text in any common encoding is read: UTF-8 (with or without a byte-order mark), UTF-16/32 with a mark,
else what charset-normalizer detects. Markup (an .html page, or HTML in a record's text) is reduced to
its main text, never passed on as markup.
"""

import codecs
import csv
import email.utils
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from .article import Article
from .defaults import DATE_FIELDS, ID_FIELDS, MAX_CHARS, TEXT_FIELDS

FORMATS = ("text", "html", "jsonl", "csv")
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
                yield from _records(source, _peekable(stream), fields, max_chars)
        except OSError as error:
            yield Record(source.name, 1, None, status="failed", reason=f"cannot read: {error}")


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    return stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)


def _records(source: Source, stream: io.BufferedReader, fields: Fields, max_chars: int) -> Iterator[Record]:
    head = stream.peek(4096)[:4096]
    kind = source.format or _sniff(head)
    if kind == "jsonl":
        yield from _jsonl_records(source.name, stream, fields, max_chars)
    elif kind == "csv":
        yield from _csv_records(source.name, stream, fields, max_chars)
    else:
        yield _whole_record(source, kind, stream, max_chars)


def _sniff(head: bytes) -> str:
    """The format of a source without a telling suffix (standard input, a .txt file)."""
    start = head.lstrip()[:1]
    return "jsonl" if start == b"{" else "html" if start == b"<" else "text"


def _whole_record(source: Source, kind: str, stream: BinaryIO, max_chars: int) -> Record:
    name = source.name
    # Check the size before reading: no character takes more than 4 bytes, and HTML is mostly markup.
    limit = max_chars * (50 if kind == "html" else 4)
    if source.size is not None and source.size > limit:
        return Record(name, 1, None, status="skipped", reason=_too_long(f"{source.size:,} bytes", max_chars))
    try:
        text = decode(stream.read())
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
    import charset_normalizer  # 60 ms of imports, for the rare input that is not UTF-8

    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise UnicodeError("not text in any known encoding (binary data?)")
    return str(best)


def _stream_encoding(head: bytes) -> str:
    """The encoding of a streamed file, from its first bytes: a mark, UTF-8, else a detected one."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        import charset_normalizer

        best = charset_normalizer.from_bytes(head).best()
        return best.encoding if best else "utf-8"


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


def _field(names: Iterable[str], wanted: str | None, defaults: tuple[str, ...]) -> str | None:
    """The record's field for `wanted` (or for the first of `defaults` it has), matched without case."""
    by_lower = {str(name).strip().lower(): name for name in names}
    for candidate in (wanted,) if wanted else defaults:
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None


def _no_text(fields: Fields, names: Iterable) -> str:
    wanted = repr(fields.text) if fields.text else "text field (any of " + ", ".join(TEXT_FIELDS) + ")"
    found = ", ".join(map(str, names)) or "none"
    return f"no {wanted}; the fields are {found}: name the text field with --text-field"


def _fields_of(name: str, number: int, data: dict, fields: Fields, max_chars: int) -> Record:
    """The record made of one JSON object or CSV row."""
    id_key = _field(data, fields.id, ID_FIELDS)
    raw_id = data.get(id_key) if id_key else None
    record_id = str(raw_id) if raw_id not in (None, "") else None
    text_key = _field(data, fields.text, TEXT_FIELDS)
    if text_key is None:
        return Record(name, number, record_id, status="failed", reason=_no_text(fields, data))
    text = data[text_key]
    if text is None or text == "":
        return Record(name, number, record_id, status="skipped", reason=f"empty: no text in {text_key!r}")
    if not isinstance(text, str):
        return Record(name, number, record_id, status="failed",
                      reason=f"{text_key!r} is a {type(text).__name__}, not text")
    date_key = _field(data, fields.date, DATE_FIELDS)
    raw_date = data.get(date_key) if date_key else None
    when = parse_date(raw_date)
    note = None
    if raw_date not in (None, "") and when is None:
        note = f"date {raw_date!r} not understood: dated by its dateline or --date"
    return _record(name, number, record_id, record_id or f"{name}:{number}", text, when, note, max_chars)


def _jsonl_records(name: str, stream: io.BufferedReader, fields: Fields, max_chars: int) -> Iterator[Record]:
    encoding = _stream_encoding(stream.peek(65536)[:65536])
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        lines: Iterable = (line.encode("utf-8") for line in io.TextIOWrapper(stream, encoding, "replace"))
        encoding = "utf-8"
    else:
        lines = stream
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError:
            try:
                line = decode(raw)  # a line in another encoding than the file's first lines
            except UnicodeError as error:
                yield Record(name, number, None, status="failed", reason=f"line {number}: {error}")
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
        yield _fields_of(name, number, data, fields, max_chars)


def _csv_records(name: str, stream: io.BufferedReader, fields: Fields, max_chars: int) -> Iterator[Record]:
    text = io.TextIOWrapper(stream, _stream_encoding(stream.peek(65536)[:65536]), "replace", newline="")
    header_line = text.readline()
    # The delimiter the header uses most: article text in the rows would fool csv.Sniffer.
    delimiter = max(",;\t|", key=header_line.count)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    if not header:
        yield Record(name, 1, None, status="skipped", reason="empty: no header and no rows")
        return
    if _field(header, fields.text, TEXT_FIELDS) is None:
        # Said once for the file rather than once for each of its rows.
        yield Record(name, 1, None, status="failed", reason=_no_text(fields, header))
        return
    _allow_long_fields()
    for number, row in enumerate(csv.reader(text, delimiter=delimiter), start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Record(name, number, None, status="failed",
                         reason=f"row {number} has {len(row)} columns, the header {len(header)}")
            continue
        yield _fields_of(name, number, dict(zip(header, row, strict=True)), fields, max_chars)


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
