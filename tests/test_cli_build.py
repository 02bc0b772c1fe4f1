"""The `build` command line: its arguments and standard input."""

import io
import json

import pytest

from incident_map import cache
from incident_map.cli import main, parser


def test_articles_from_standard_input(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cache, "default_path", lambda: tmp_path / "results.sqlite")
    text = "Russian missiles struck Odesa on Thursday."
    feed = json.dumps({"id": "s1", "text": text, "date": "2022-03-03"})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(feed.encode())))
    assert main(["build", "-", "-o", str(tmp_path / "out"), "--formats", "geojson"]) == 0
    [entry] = json.loads((tmp_path / "out" / "run.json").read_text())["records"]
    assert (entry["input"], entry["id"], entry["status"]) == ("stdin", "s1", "processed")
    assert "1 articles" in capsys.readouterr().out


@pytest.mark.parametrize("workers", ["0", "-1", "two"])
def test_workers_must_be_a_positive_number(workers, capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["build", "x.txt", "-o", "out", "--workers", workers])
    assert "--workers" in capsys.readouterr().err


def test_defaults():
    args = parser().parse_args(["build", "news/", "feed.jsonl", "-o", "out"])
    assert args.inputs == ["news/", "feed.jsonl"]
    assert (args.workers, args.engine, args.scheduler) == (1, "local", None)
    assert (args.text_field, args.max_chars, args.no_cache) == (None, 100_000, False)
