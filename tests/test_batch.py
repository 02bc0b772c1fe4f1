"""`incident-map build` on batches: every record accounted for, the same outputs from every engine, number
of workers and cache state, and nothing lost or half-written when input is bad or a run is stopped."""

import json
import os
import sqlite3
from pathlib import Path

import pytest

import maps
from incident_map import cache, engines, work
from incident_map.cli import main

PLACES = ["Kharkiv", "Odesa", "Kherson", "Mykolaiv", "Zhytomyr", "Chernihiv", "Sumy", "Dnipro", "Mariupol",
          "Irpin", "Bucha", "Lviv"]
OUTPUTS = ["incidents.geojson", "incidents.csv", "layers.json", "run.json"]


def article(i: int) -> dict:
    place, other, day = PLACES[i % len(PLACES)], PLACES[(i + 3) % len(PLACES)], 1 + i % 27
    return {"id": f"wire-{i}", "date": f"2022-03-{day:02d}", "text": (
        f"KYIV, March {day}, 2022 (Reuters) - Russian missiles struck {place} on Thursday, killing "
        f"{i % 5 + 1} people, the regional governor said.\nShelling also hit the outskirts of {other}."
    )}


def write_jsonl(path: Path, items) -> Path:
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


def build(inputs, out: Path, *options: str) -> int:
    return main(["build", *map(str, inputs), "-o", str(out), "--formats", "geojson,csv,layers",
                 *map(str, options)])


def outputs(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8") for name in OUTPUTS}


def run_report(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Runs that name no cache use one of their own, not the user's."""
    monkeypatch.setattr(cache, "default_path", lambda: tmp_path / "default-results.sqlite")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "wire.jsonl", map(article, range(24)))


@pytest.fixture(scope="module")
def scratch(corpus, tmp_path_factory) -> dict[str, str]:
    """The outputs of one process with no cache: what every other way of running must reproduce."""
    out = tmp_path_factory.mktemp("scratch")
    assert build([corpus], out, "--no-cache") == 0
    return outputs(out)


@pytest.fixture
def counted(monkeypatch) -> list:
    """Articles processed in this process (the serial engine), by id."""
    seen = []

    def process(article, default_date):
        seen.append(article.id)
        return real(article, default_date)

    real = work.process
    monkeypatch.setattr(work, "process", process)
    return seen


def test_scratch_run_finds_incidents(scratch):
    features = json.loads(scratch["incidents.geojson"])["features"]
    assert {f["properties"]["place_name"] for f in features} >= {"Kharkiv", "Odesa", "Kherson"}
    assert json.loads(scratch["run.json"])["totals"] == {"processed": 24, "skipped": 0, "failed": 0}


def test_two_workers_give_the_same_outputs(corpus, scratch, tmp_path):
    assert build([corpus], tmp_path, "--no-cache", "--workers", "2") == 0
    assert outputs(tmp_path) == scratch


def test_dask_engine_gives_the_same_outputs(corpus, scratch, tmp_path):
    pytest.importorskip("distributed")
    # The default: a LocalCluster of --workers worker processes.
    assert build([corpus], tmp_path, "--no-cache", "--engine", "dask", "--workers", "2") == 0
    assert outputs(tmp_path) == scratch


def test_second_run_comes_from_the_cache(corpus, scratch, tmp_path, monkeypatch):
    cache = tmp_path / "results.sqlite"
    assert build([corpus], tmp_path / "first", "--cache", cache) == 0

    def no_engine(*args):
        raise AssertionError("an engine was started though every article is cached")

    monkeypatch.setattr(engines, "engine", no_engine)
    assert build([corpus], tmp_path / "second", "--cache", cache) == 0
    assert outputs(tmp_path / "second") == scratch


def test_grown_input_processes_only_new_articles(tmp_path, counted):
    cache = tmp_path / "results.sqlite"
    first = write_jsonl(tmp_path / "a.jsonl", map(article, range(10)))
    assert build([first], tmp_path / "first", "--cache", cache) == 0
    grown = write_jsonl(tmp_path / "b.jsonl", map(article, range(14)))
    counted.clear()
    assert build([grown], tmp_path / "grown", "--cache", cache) == 0
    assert counted == [f"wire-{i}" for i in range(10, 14)]
    assert build([grown], tmp_path / "fresh", "--no-cache") == 0
    assert outputs(tmp_path / "grown") == outputs(tmp_path / "fresh")


def test_stopped_run_leaves_no_outputs_and_resumes(corpus, scratch, tmp_path, monkeypatch, counted):
    monkeypatch.setattr(engines.SerialEngine, "block", 4)
    cache, out = tmp_path / "results.sqlite", tmp_path / "out"
    real = work.process

    def stop_at_tenth(article, default_date):
        if len(counted) == 10:
            raise KeyboardInterrupt
        return real(article, default_date)

    monkeypatch.setattr(work, "process", stop_at_tenth)
    with pytest.raises(KeyboardInterrupt):
        build([corpus], out, "--cache", cache)
    assert list(out.iterdir()) == []  # nothing half-written, no temporary files left behind
    monkeypatch.setattr(work, "process", real)
    done = len(counted)
    assert build([corpus], out, "--cache", cache) == 0
    assert outputs(out) == scratch
    assert 0 < len(counted) - done < 24  # the blocks committed before the stop were not processed again


def test_bad_input_is_accounted_for_and_loses_nothing(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    (src / "cp1251.txt").write_bytes("ХАРКІВ - Обстріл Харкова тривав усю ніч.".encode("cp1251"))
    (src / "latin.txt").write_bytes("Shelling hit Kharkiv on Thursday, the café owner said.".encode("cp1252"))
    (src / "huge.txt").write_text("Shelling hit Kharkiv. " * 2_400_000)  # 50 MB
    (src / "wrong.csv").write_text("id,headline\n1,Kharkiv shelled\n")
    write_jsonl(src / "feed.jsonl", [
        article(0),
        article(0),
        {"id": "no-text", "title": "Kharkiv"},
        {"id": "bad-date", "text": article(1)["text"], "date": "the day before yesterday"},
        {"id": "huge", "text": "Missiles hit Odesa. " * 2_600_000},  # 50 MB on one line
        {"id": "undated", "text": "Missiles hit Odesa on Monday."},
    ])
    (src / "feed.jsonl").write_text((src / "feed.jsonl").read_text() + '{"id": "broken", "text": "Kher\n')
    assert build([src, tmp_path / "missing.txt"], tmp_path / "out") == 0
    report = run_report(tmp_path / "out")
    got = {(r["input"], r["record"]): (r["status"], r["reason"] or "") for r in report["records"]}
    assert got[("empty.txt", 1)] == ("skipped", "empty: no text")
    assert got[("photo.png", 1)][0] == "failed" and "binary" in got[("photo.png", 1)][1]
    assert got[("cp1251.txt", 1)][0] == "failed" and "no date" in got[("cp1251.txt", 1)][1]
    assert got[("latin.txt", 1)][0] == "failed"  # no dateline and no --date: says so
    assert got[("huge.txt", 1)][0] == "skipped" and "too long" in got[("huge.txt", 1)][1]
    assert got[("wrong.csv", 1)][0] == "failed" and "--text-field" in got[("wrong.csv", 1)][1]
    assert got[("feed.jsonl", 1)] == ("processed", "")
    assert got[("feed.jsonl", 2)][0] == "skipped" and "duplicate id 'wire-0'" in got[("feed.jsonl", 2)][1]
    assert got[("feed.jsonl", 3)][0] == "failed" and "no text field" in got[("feed.jsonl", 3)][1]
    assert got[("feed.jsonl", 4)][0] == "processed" and "not understood" in got[("feed.jsonl", 4)][1]
    assert got[("feed.jsonl", 5)][0] == "skipped" and "too long" in got[("feed.jsonl", 5)][1]
    assert got[("feed.jsonl", 6)][0] == "failed" and "--date" in got[("feed.jsonl", 6)][1]
    assert got[("feed.jsonl", 7)][0] == "failed" and "not JSON" in got[("feed.jsonl", 7)][1]
    assert got[("missing.txt", 1)][0] == "failed" and "No such file" in got[("missing.txt", 1)][1]
    assert report["totals"] == {"processed": 2, "skipped": 4, "failed": 8}
    stderr = capsys.readouterr().err
    for (name, number), (status, reason) in got.items():
        if reason:
            assert f"{name} record {number}: {status}: {reason}" in stderr


def test_duplicates_are_found_across_blocks_and_files(tmp_path, monkeypatch):
    monkeypatch.setattr(engines.SerialEngine, "block", 2)
    first = write_jsonl(tmp_path / "a.jsonl", map(article, range(3)))
    again = write_jsonl(tmp_path / "b.jsonl", [article(5), article(1), {**article(2), "id": "other"},
                                               {**article(0), "text": "Shelling hit Odesa."}, article(6)])
    assert build([first, again], tmp_path / "out") == 0
    assert [(r["status"], r["reason"]) for r in run_report(tmp_path / "out")["records"][3:]] == [
        ("processed", None),
        ("skipped", "duplicate id 'wire-1': same as a.jsonl record 2"),
        ("skipped", "duplicate text: same as a.jsonl record 3"),
        ("skipped", "duplicate id 'wire-0': same as a.jsonl record 1"),
        ("processed", None)]


def test_select_in_finds_more_keys_than_a_query_takes_parameters():
    db = sqlite3.connect(":memory:")
    db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)  # the default before SQLite 3.32
    db.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INT)")
    stored = {f"k{i}": i for i in range(0, 4_000, 2)}
    db.executemany("INSERT INTO t VALUES (?, ?)", stored.items())
    keys = [f"k{i}" for i in range(4_000)]
    assert cache.select_in(db, "SELECT k, v FROM t WHERE k IN ({})", keys) == stored


def test_undated_articles_take_the_date_option(tmp_path):
    src = write_jsonl(tmp_path / "feed.jsonl", [{"id": "1", "text": "Missiles hit Odesa on Monday."},
                                                {"id": "2", "text": "Обстріл Харкова тривав усю ніч.",
                                                 "date": "не дата"}])
    assert build([src], tmp_path / "out", "--date", "2022-03-28") == 0
    assert [r["status"] for r in run_report(tmp_path / "out")["records"]] == ["processed", "processed"]


def test_markup_in_articles_never_reaches_the_map_unescaped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "plain.txt").write_text("KYIV, March 3, 2022 (Reuters) - Shelling hit Kharkiv "
                                   "<img src=x onerror=alert(1)> on Thursday, killing two people.")
    write_jsonl(src / "feed.jsonl", [{"id": "h", "date": "2022-03-03", "text": (
        "<p>Missiles struck Odesa on Thursday.</p><script>document.title='pwned'</script>")}])
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out), "--formats", "html,geojson"]) == 0
    page = (out / "map.html").read_text(encoding="utf-8")
    assert "pwned" not in page
    assert "<img src=x onerror" not in page
    features = json.loads((out / "incidents.geojson").read_text())["features"]
    assert {f["properties"]["place_name"] for f in features} >= {"Kharkiv", "Odesa"}


def test_nothing_processed_exits_non_zero_saying_what_to_do(tmp_path, capsys):
    src = write_jsonl(tmp_path / "feed.jsonl", [{"id": "1", "text": "Missiles hit Odesa."}])
    assert build([src], tmp_path / "out") == 1
    assert "no article could be processed" in capsys.readouterr().err
    assert run_report(tmp_path / "out")["totals"] == {"processed": 0, "skipped": 0, "failed": 1}


def test_unwritable_output_exits_non_zero_saying_what_to_do(corpus, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert build([corpus], blocker / "out") == 2
    assert "choose another -o directory" in capsys.readouterr().err


def test_output_writer_that_dies_exits_non_zero_saying_what_to_do(corpus, tmp_path, monkeypatch, capsys):
    def killed(*args, **kwargs):
        os._exit(9)  # as the kernel's out-of-memory killer would end it

    real = maps.write_outputs
    monkeypatch.setattr(maps, "write_outputs", killed)  # called in the (forked) child writing the outputs
    assert build([corpus], tmp_path / "out", "--cache", tmp_path / "results.sqlite") == 2
    assert "the process writing them died" in capsys.readouterr().err
    monkeypatch.setattr(maps, "write_outputs", real)
    assert build([corpus], tmp_path / "out", "--cache", tmp_path / "results.sqlite") == 0


def states(out: Path) -> dict[str, tuple[int, int]]:
    """Every file under `out` but run.json, by inode and modification time: changed when rewritten."""
    return {str(file.relative_to(out)): (file.stat().st_ino, file.stat().st_mtime_ns)
            for file in sorted(out.rglob("*")) if file.is_file() and file.name != "run.json"}


def test_unchanged_outputs_are_not_rewritten(corpus, scratch, tmp_path, monkeypatch):
    cache, out = tmp_path / "results.sqlite", tmp_path / "out"
    assert build([corpus], out, "--cache", cache) == 0
    before = states(out)
    (out / "run.json").unlink()

    def no_writing(*args, **kwargs):
        raise AssertionError("outputs were rewritten though nothing they come from changed")

    monkeypatch.setattr(maps, "write_outputs", no_writing)
    assert build([corpus], out, "--cache", cache) == 0
    assert states(out) == before
    assert outputs(out) == scratch  # run.json written again, the same


@pytest.mark.parametrize("change", ["edit a file", "remove a layer", "other formats", "grown input"])
def test_outputs_are_rewritten_when_what_they_come_from_changed(corpus, scratch, tmp_path, change):
    cache, out = tmp_path / "results.sqlite", tmp_path / "out"
    assert build([corpus], out, "--cache", cache) == 0
    inputs = [corpus]
    if change == "edit a file":
        (out / "incidents.csv").write_text("edited", encoding="utf-8")
    elif change == "remove a layer":
        next((out / "layers").iterdir()).unlink()
    elif change == "other formats":
        csv = states(out)["incidents.csv"]
        assert main(["build", str(corpus), "-o", str(out), "--cache", str(cache), "--formats", "csv"]) == 0
        assert states(out)["incidents.csv"] != csv
    else:
        inputs = [corpus, write_jsonl(tmp_path / "more.jsonl", map(article, range(24, 30)))]
    before = states(out)
    assert build(inputs, out, "--cache", cache) == 0
    expected = scratch
    if change == "grown input":
        assert build(inputs, tmp_path / "fresh", "--no-cache") == 0
        expected = outputs(tmp_path / "fresh")
    assert outputs(out) == expected
    assert states(out) != before


def test_incidents_merged_on_disk_are_those_merged_in_memory(gazetteer, tmp_path, monkeypatch):
    """The assembler keeps a run's merged incidents in a table on disk: the same reports must merge into
    the same incidents as geo.merge's, long spans (not indexed by day in memory) and narrowing ones too,
    put together from their reports when read, a block at a time."""
    import random
    from dataclasses import replace
    from datetime import date, timedelta

    from geo import Article, Merger, article_incidents, merge
    from incident_map import outputs
    from incident_map.outputs import KeptTable

    monkeypatch.setattr(outputs, "BLOCK", 7)

    templates = [incident for text in ("Rockets hit Kherson on Monday.", "Fighting raged near Bakhmut.")
                 for incident in article_incidents(Article("t", text), gazetteer, date(2023, 5, 10))]
    rng = random.Random(7)
    reports = []
    # At the first place mostly short spans, which narrow the long ones that join them; at the second
    # only long ones ("in March"), which stay long.
    spans = [[0, 0, 1, 3, 10, 45, 90], [40, 60, 90, 200]]
    for n in range(400):
        template = rng.randrange(2)
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(360))
        end = start + timedelta(days=rng.choice(spans[template]))
        reports.append(replace(templates[template], sources=(f"s{n}",), date_start=start, date_end=end))
    with KeptTable(tmp_path, gazetteer.get) as kept:
        merger = Merger(kept)
        merger.add(reports[:150])
        merger.add(reports[150:])
        on_disk = merger.merged
        sizes = [len(block) for block in kept.blocks()]
    assert len(templates) == 2 and on_disk == merge(reports)
    assert set(sizes[:-1]) == {7} and sum(sizes) == len(on_disk)
    assert 20 < len(on_disk) < 300 and list(tmp_path.iterdir()) == []

