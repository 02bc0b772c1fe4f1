"""Input sources to records: every format, encoding and kind of bad input gives a record with a reason."""

import codecs
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.inputs import (
    Fields,
    Source,
    decode,
    file_source,
    html_text,
    looks_like_html,
    parse_date,
    read_records,
)
from incident_map.sources import expand

KHARKIV = "KHARKIV, March 3 (Reuters) - Shelling hit Kharkiv on Thursday."
CAFE = "Café owners in Mariupol said the “strikes” went on all night."


def records(tmp_path: Path, name: str, data: bytes | str, **options) -> list:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return list(read_records([file_source(path)], **options))


def jsonl(*lines) -> str:
    return "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)


# --- encodings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
# Without NUL: UTF-16 of a text starting with NUL begins with the UTF-32 byte-order mark.
@given(text=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\0"), min_size=1))
def test_unicode_encodings_decode_exactly(encoding, text):
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Café owners in Mariupol said the “strikes” went on all night."),
        ("cp1251", "Обстріл Харкова тривав усю ніч, повідомили місцеві жителі та рятувальники."),
        ("latin-1", "Les frappes sur Kharkiv ont repris jeudi, a déclaré le maire de la ville."),
        # Short, where DOS and Mac code pages decode the bytes as cleanly as the right one.
        ("cp1252", '{"id": "1", "text": "Café owners in Mariupol said the “strikes” went on all night."}'),
    ],
)
def test_legacy_encodings_are_detected(encoding, text):
    assert decode(text.encode(encoding)) == text


def test_binary_is_not_text():
    with pytest.raises(UnicodeError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))


@settings(max_examples=50)
@given(data=st.binary(max_size=3000))
def test_any_bytes_give_exactly_one_accounted_record(tmp_path_factory, data):
    got = records(tmp_path_factory.mktemp("bytes"), "blob.txt", data)
    assert len(got) == 1
    record = got[0]
    assert (record.article is not None) == (record.status == "processed")
    assert record.status == "processed" or record.reason


# --- whole files -----------------------------------------------------------------------------------


def test_text_file_is_one_article_named_by_the_file(tmp_path):
    [record] = records(tmp_path, "report.txt", KHARKIV)
    assert (record.input, record.number, record.id) == ("report.txt", 1, None)
    assert record.article.id == "report.txt"
    assert record.article.text == KHARKIV


def test_empty_and_blank_files_are_skipped(tmp_path):
    assert records(tmp_path, "empty.txt", b"")[0].status == "skipped"
    [blank] = records(tmp_path, "blank.txt", " \n\t\n")
    assert (blank.status, blank.reason) == ("skipped", "empty: no text")


def test_binary_file_fails_with_reason(tmp_path):
    [record] = records(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0" + bytes(range(256)) * 4)
    assert record.status == "failed"
    assert "binary" in record.reason


def test_huge_file_is_skipped_before_reading(tmp_path):
    path = tmp_path / "archive.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # 50 MB (sparse): a file that is read would fail as binary
    [record] = read_records([file_source(path)])
    assert record.status == "skipped"
    assert record.reason.startswith("too long: 52,428,800 bytes") and "--max-chars" in record.reason


def test_article_over_the_limit_is_skipped(tmp_path):
    [record] = records(tmp_path, "long.txt", KHARKIV * 10, max_chars=100)
    assert record.status == "skipped"
    assert "too long" in record.reason


def test_html_page_gives_its_article_text(tmp_path):
    page = """<!doctype html><html><head><title>News</title><style>p {color: red}</style>
    <script>var headline = "Explosions in Lviv";</script></head><body>
    <nav><a href="/">Home</a> <a href="/odesa">Odesa</a></nav>
    <article><h1>Strikes on Zhytomyr</h1><p>ZHYTOMYR, March 5 (Reuters) &ndash; Missiles hit
    Zhytomyr on <b>Saturday</b>.</p><script>track("Kyiv")</script></article>
    <aside>Related: fighting in Kherson</aside><footer>&copy; News</footer></body></html>"""
    [record] = records(tmp_path, "page.html", page)
    assert record.article.text == (
        "Strikes on Zhytomyr\nZHYTOMYR, March 5 (Reuters) – Missiles hit Zhytomyr on Saturday."
    )


def test_page_without_article_uses_its_body_without_furniture():
    text = html_text("<body><nav>Lviv</nav><div>Shelling hit Kharkiv.</div><form>Search Kyiv</form></body>")
    assert text == "Shelling hit Kharkiv."


@given(st.text())
def test_html_text_never_keeps_script_contents(text):
    markup = f"<p>{text}</p><script>evil('{text}')</script><style>x{{}}</style>"
    assert "evil(" not in html_text(markup)


# --- JSONL -----------------------------------------------------------------------------------------


def test_jsonl_records_with_every_kind_of_problem(tmp_path):
    got = records(tmp_path, "feed.jsonl", jsonl(
        {"id": "a1", "text": KHARKIV, "date": "2022-03-03"},
        "",
        "{not json",
        ["a", "list"],
        {"id": "a4", "headline": "no text field"},
        {"id": "a5", "text": ""},
        {"id": "a6", "text": 42},
        {"text": "Shelling in Mykolaiv.", "published": "Thu, 03 Mar 2022 10:00:00 GMT"},
        {"id": 8, "text": "Shelling in Kherson.", "date": "yesterday"},
    ))
    assert [(r.number, r.status) for r in got] == [
        (1, "processed"), (3, "failed"), (4, "failed"), (5, "failed"), (6, "skipped"), (7, "failed"),
        (8, "processed"), (9, "processed")]
    by_line = {r.number: r for r in got}
    assert by_line[1].article == by_line[1].article.__class__("a1", KHARKIV, date(2022, 3, 3))
    assert "not JSON" in by_line[3].reason
    assert "not an object" in by_line[4].reason
    assert "no text field" in by_line[5].reason and "id, headline" in by_line[5].reason
    assert "--text-field" in by_line[5].reason
    assert "int, not text" in by_line[7].reason
    assert by_line[8].id is None and by_line[8].article.id == "feed.jsonl:8"
    assert by_line[8].article.date == date(2022, 3, 3)
    assert by_line[9].id == "8" and by_line[9].article.date is None
    assert "'yesterday' not understood" in by_line[9].reason


def test_jsonl_records_with_other_fields_find_their_own(tmp_path):
    feed = jsonl({"id": "a", "text": KHARKIV}, {"GUID": "b", "Body": CAFE, "Date": "3 March 2022"},
                 {"id": "c", "text": CAFE})
    got = records(tmp_path, "feed.jsonl", feed)
    assert [(r.id, r.article.text, r.article.date) for r in got] == [
        ("a", KHARKIV, None), ("b", CAFE, date(2022, 3, 3)), ("c", CAFE, None)]
    # The same fields named otherwise are other fields.
    [record, *_] = records(tmp_path, "feed.jsonl", feed, fields=Fields(id="text", text="id"))
    assert (record.id, record.article.text) == (KHARKIV, "a")


def test_jsonl_fields_can_be_named(tmp_path):
    [record] = records(tmp_path, "feed.jsonl", jsonl({"guid": "g", "story": KHARKIV, "when": "3 March 2022"}),
                       fields=Fields(text="story", id="guid", date="when"))
    assert (record.id, record.article.text, record.article.date) == ("g", KHARKIV, date(2022, 3, 3))


def test_jsonl_line_in_another_encoding_is_still_read(tmp_path):
    good = json.dumps({"id": "1", "text": KHARKIV}).encode()
    latin = json.dumps({"id": "2", "text": "Café in Odesa was hit."}, ensure_ascii=False).encode("cp1252")
    got = records(tmp_path, "mixed.jsonl", good + b"\n" + latin + b"\n")
    assert [r.status for r in got] == ["processed", "processed"]
    assert got[1].article.text == "Café in Odesa was hit."


def test_a_utf8_line_in_a_legacy_encoded_file_is_read_as_utf8_not_mojibake(tmp_path):
    first = json.dumps({"id": "1", "text": CAFE}, ensure_ascii=False).encode("cp1252")
    second = json.dumps({"id": "2", "text": "Обстріл Харкова. Café Kyiv."}, ensure_ascii=False).encode()
    got = records(tmp_path, "mixed.jsonl", first + b"\n" + second + b"\n")
    assert [r.article.text for r in got] == [CAFE, "Обстріл Харкова. Café Kyiv."]
    assert got[0].reason is None and got[1].reason.endswith("read as utf-8")


def filler(count: int) -> list[dict]:
    """ASCII records: a file's first non-UTF-8 byte comes after count * ~100 bytes."""
    return [{"id": f"f{i}", "text": f"Report {i}: shelling was heard near Kharkiv overnight."}
            for i in range(count)]


@pytest.mark.parametrize("first_bad", [300, 3000])  # rows after about 30 KB and 300 KB
def test_jsonl_lines_not_in_the_encoding_of_the_file_start_are_read_and_noted(tmp_path, first_bad):
    lines = [json.dumps(row) for row in filler(first_bad)]
    lines += [json.dumps({"id": "late", "text": CAFE}, ensure_ascii=False), json.dumps(filler(1)[0])]
    got = records(tmp_path, "feed.jsonl", "\n".join(lines).encode("cp1252"))
    late = got[first_bad]
    assert (late.status, late.article.text) == ("processed", CAFE)
    # Within the first 64 KiB the file's encoding is detected on them; later, the record says how it was read.
    if first_bad == 300:
        assert late.reason is None
    else:
        assert late.reason.startswith("not utf-8 like the first 64 KiB of the file: read as cp125")
    assert all(r.reason is None for r in got if r is not late)


@pytest.mark.parametrize("first_bad", [300, 3000])
def test_csv_rows_after_the_first_kilobytes_are_not_decoded_as_utf8(tmp_path, first_bad):
    rows = [f'{row["id"]},"{row["text"]}"' for row in filler(first_bad)] + [f'late,"{CAFE}"', 'next,"Kyiv."']
    got = records(tmp_path, "feed.csv", "\n".join(["id,text", *rows]).encode("cp1252"))
    assert len(got) == first_bad + 2 and {r.status for r in got} == {"processed"}
    late = got[first_bad]
    assert late.article.text == CAFE
    assert (late.reason is None) == (first_bad == 300)
    assert all(r.reason is None for r in got if r is not late)


def test_csv_row_that_is_no_text_fails_alone(tmp_path):
    data = b"id,text\n1,Shelling hit Kharkiv.\n2,\"\xff\x00\xfe\x00 two\nlines\"\n3,Missiles hit Odesa.\n"
    got = records(tmp_path, "feed.csv", data)
    assert [(r.number, r.status) for r in got] == [(1, "processed"), (2, "failed"), (3, "processed")]
    assert "binary" in got[1].reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])  # with a byte-order mark and without
def test_utf16_jsonl(tmp_path, encoding):
    texts = ["Обстріл Харкова.", KHARKIV, CAFE]
    data = jsonl(*({"id": str(i), "text": text} for i, text in enumerate(texts))).encode(encoding)
    got = records(tmp_path, "feed.jsonl", data)
    assert [r.article.text for r in got] == texts


@given(st.lists(st.text(st.characters(exclude_categories=["Cs"])), max_size=8))
def test_jsonl_of_any_text_accounts_for_each_line(texts):
    data = jsonl(*({"id": str(i), "text": t} for i, t in enumerate(texts)))
    source = Source("gen.jsonl", lambda: io.BytesIO(data.encode()), "jsonl")
    got = list(read_records([source]))
    assert [r.number for r in got] == list(range(1, len(texts) + 1))
    for record, text in zip(got, texts, strict=True):
        assert record.status != "failed"
        if not text.strip():
            assert record.status == "skipped"
        elif not looks_like_html(text):
            assert record.article.text == text


def test_html_in_a_record_is_reduced_to_text(tmp_path):
    [record] = records(tmp_path, "feed.jsonl", jsonl(
        {"id": "1", "text": "<p>Explosions were heard in Kherson.</p><script>alert('Kyiv')</script>"}))
    assert record.article.text == "Explosions were heard in Kherson."


# --- CSV -------------------------------------------------------------------------------------------


def test_csv_rows(tmp_path):
    data = ('id,date,text\n1,2022-03-04,"Shelling hit Kharkiv, killing three."\n2,oops\n\n'
            '3,,"Two lines:\nMissiles hit Odesa."\n')
    got = records(tmp_path, "feed.csv", data)
    assert [(r.number, r.status) for r in got] == [(1, "processed"), (2, "failed"), (4, "processed")]
    assert got[0].article.date == date(2022, 3, 4)
    assert got[1].reason == "row 2 has 2 columns, the header 3"
    assert got[2].article.text == "Two lines:\nMissiles hit Odesa."


def test_csv_without_the_text_column_fails_once_naming_the_columns(tmp_path):
    got = records(tmp_path, "feed.csv", "id,headline\n1,a\n2,b\n")
    assert len(got) == 1 and got[0].status == "failed"
    assert "the fields are id, headline" in got[0].reason and "--text-field" in got[0].reason


def test_csv_with_semicolons_and_named_column(tmp_path):
    data = "Body;Id\nShelling hit Kharkiv.;k1\n"
    [record] = records(tmp_path, "feed.csv", data, fields=Fields(text="body"))
    assert (record.id, record.article.text) == ("k1", "Shelling hit Kharkiv.")


def test_csv_field_over_the_csv_module_limit_is_skipped_as_too_long(tmp_path):
    got = records(tmp_path, "feed.csv", f"id,text\n1,{'x' * 200_000}\n2,\"{KHARKIV}\"\n")
    assert [r.status for r in got] == ["skipped", "processed"]
    assert "too long" in got[0].reason


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2022-03-28", "2022-03-28T23:30:00-05:00", "2022-03-28 10:00",
                                  "Mon, 28 Mar 2022 10:00:00 +0000", "28 March 2022", "March 28, 2022",
                                  "28.03.2022", "2022/03/28"])
def test_record_dates(text):
    assert parse_date(text) == date(2022, 3, 28)


@pytest.mark.parametrize("value", ["yesterday", "03/04/2022", "2022-13-45", "", None, 1648425600])
def test_dates_that_do_not_parse(value):
    assert parse_date(value) is None


# --- sources ---------------------------------------------------------------------------------------


def test_directories_globs_and_missing_paths(tmp_path, monkeypatch):
    for name in ["a/x.txt", "a/sub/x.txt", "a/.hidden/y.txt", "b/z.jsonl"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(KHARKIV)
    monkeypatch.chdir(tmp_path)
    got = list(expand(["a", "b/*.jsonl", "missing.txt", "c/*.txt", "b/z.jsonl"]))
    assert [(s.name, s.error is None) for s in got] == [
        ("sub/x.txt", True), ("x.txt", True), ("z.jsonl", True), ("missing.txt", False), ("c/*.txt", False),
        ("z.jsonl", True)]
    assert "no file matches" in got[4].error


def test_stdin_is_sniffed(monkeypatch):
    data = jsonl({"id": "s1", "text": KHARKIV}).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    [record] = read_records(expand(["-"]))
    assert (record.input, record.id, record.article.text) == ("stdin", "s1", KHARKIV)


def test_boms_are_not_text(tmp_path):
    [record] = records(tmp_path, "bom.txt", codecs.BOM_UTF8 + KHARKIV.encode())
    assert record.article.text == KHARKIV
