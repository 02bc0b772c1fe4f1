"""`incident-map mentions` end to end, and the dev-corpus scores that must not fall back."""

import json

import pytest

from geo import find_mentions
from geo.evaluate import GWN_IGNORED_TYPES, read_gold, score
from incident_map.cli import main


def test_mentions_writes_one_line_per_record_in_order(tmp_path, gazetteer):
    source = tmp_path / "in.jsonl"
    records = [
        {"id": "a", "text": "Shelling hit Kharkiv and Sumy overnight.", "extra": 1},
        {"id": "b", "text": "Nothing happened anywhere."},
    ]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["mentions", str(source), "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", None]
    first = lines[0]["toponyms"]
    assert [(t["name"], t["kind"]) for t in first] == [("Kharkiv", "city"), ("Sumy", "city")]
    text = records[0]["text"]
    assert all(text[t["start"] : t["end"]] == t["name"] for t in first)
    assert {"lat", "lon", "geonameid"} <= first[0].keys()
    assert lines[1]["toponyms"] == [] and "error" in lines[2]


def test_mentions_reads_a_record_whose_text_holds_a_unicode_line_separator(tmp_path, gazetteer):
    source = tmp_path / "in.jsonl"
    texts = ["Shelling hit Kharkiv.\x85Sumy was quiet.", "Odesa\u2028and Lviv."]
    records = (json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(texts))
    source.write_text("".join(f"{record}\n" for record in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["mentions", str(source), "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    names = [[t["name"] for t in line["toponyms"]] for line in lines]
    assert names == [["Kharkiv", "Sumy"], ["Odesa", "Lviv"]]


@pytest.mark.parametrize("command", [
    ["mentions", "{missing}", "-o", "{out}"],
    ["mentions", "{records}", "-o", "{missing_dir}"],
    ["eval", "--corpus", "{missing}"],
])
def test_a_file_that_cannot_be_opened_is_named_without_a_traceback(tmp_path, gazetteer, capsys, command):
    records = tmp_path / "records.jsonl"
    records.write_text('{"id": 1, "text": "Kharkiv"}\n', encoding="utf-8")
    paths = {"missing": tmp_path / "none.jsonl", "out": tmp_path / "out.jsonl",
             "records": records, "missing_dir": tmp_path / "none" / "out.jsonl"}
    argv = [part.format(**paths) for part in command]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert error.startswith("incident-map: ") and "No such file or directory" in error
    assert str(tmp_path / "none") in error and "Traceback" not in error


def test_eval_of_records_without_gold_toponyms_says_what_a_gold_line_is(tmp_path, gazetteer, capsys):
    records = tmp_path / "records.jsonl"
    records.write_text('{"id": 1, "text": "Kharkiv"}\n', encoding="utf-8")
    assert main(["eval", "--corpus", str(records)]) == 2
    error = capsys.readouterr().err
    assert f"{records}, line 1: document lacks toponyms" in error and '"toponyms": [{"start"' in error


# Dev scores reached (exact span match, demonyms included as the corpora count them), less a margin: a
# change that loses more than that is a regression to look at, not noise.
FLOORS = {
    "geowebnews_dev.jsonl": {"f1": 0.80, "accuracy_161": 0.955},
    "lgl.jsonl": {"f1": 0.795, "accuracy_161": 0.845},
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_dev_scores_do_not_fall(shared, gazetteer, corpus):
    gold = read_gold(shared / "dev" / corpus, drop_types=GWN_IGNORED_TYPES)
    predicted = [
        {"id": d["id"], "toponyms": [m.to_dict() for m in find_mentions(d["text"], gazetteer, demonyms=True)]}
        for d in gold
    ]
    exact = score(gold, predicted).exact
    for figure, floor in FLOORS[corpus].items():
        assert getattr(exact, figure) >= floor, (corpus, figure, getattr(exact, figure))
