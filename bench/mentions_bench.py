"""`incident-map mentions` against geotext on the same GeoWebNews documents, as whole commands, in one run.

Each tool runs as its own process pinned to one core (where `taskset` exists), reading the same JSONL
file and writing one JSONL line per document; start-up (imports, opening the gazetteer or loading
geotext's city list) is part of the time, as a user would see it. Each tool runs on the GeoWebNews dev
half once and repeated `--repeat` times: the difference between the two runs is the cost of the extra
documents alone, printed as warm milliseconds per document, and what is left is start-up. Times are CPU
seconds (user + system) of the process, which other jobs on the machine disturb less than wall time;
the best of `--runs` runs counts. Our packages' bytecode is compiled first, as pip compiles geotext's when
it installs it (with PYTHONDONTWRITEBYTECODE set, a checkout would otherwise compile every module again at
every start). Run: `python bench/mentions_bench.py [--repeat 10]`. The documents of one copy are all
different, so its figure is that of a run's caches filling as they go: `--corpus
../shared/data/dev/lgl.jsonl --repeat 2` gives it for 588 distinct LGL documents.
"""

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "data" / "dev" / "geowebnews_dev.jsonl"

# geotext as a command of the same shape as ours: JSONL records in, one JSONL line of places out.
GEOTEXT = """
import json, sys
from geotext import GeoText
with open(sys.argv[1], encoding="utf-8") as lines, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in lines:
        record = json.loads(line)
        found = GeoText(record["text"])
        places = {"id": record["id"], "cities": found.cities, "countries": found.countries}
        out.write(json.dumps(places) + "\\n")
"""


def run(command: list[str]) -> tuple[float, int]:
    """CPU seconds (user + system) and peak resident set size (KiB) of one process."""
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def best(command: list[str], runs: int) -> tuple[float, int]:
    """The run with the least CPU time."""
    return min(run(command) for _ in range(runs))


def write(docs: list[dict], copies: int, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for doc in docs:
                out.write(json.dumps({"id": f"{doc['id']}#{copy}", "text": doc["text"]}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=10, help="copies of the corpus in the long input")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command; the fastest counts")
    args = parser.parse_args()
    with args.corpus.open(encoding="utf-8") as lines:  # not splitlines(): a text may hold U+0085
        docs = [json.loads(line) for line in lines if line.strip()]
    incident_map = str(Path(sys.executable).with_name("incident-map"))
    for package in ("gazetteer", "geo", "incident_map", "maps"):
        compileall.compile_dir(REPO / package, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        once, repeated = (
            write(docs, 1, Path(tmp) / "once.jsonl"),
            write(docs, args.repeat, Path(tmp) / "all.jsonl"),
        )
        out = str(Path(tmp) / "out.jsonl")
        commands = {
            "geotext": lambda source: [sys.executable, "-c", GEOTEXT, str(source), out],
            "incident-map mentions": lambda source: [incident_map, "mentions", str(source), "-o", out],
        }
        run(commands["incident-map mentions"](once))  # builds the gazetteer if needed
        results = {
            name: (best(command(once), args.runs), best(command(repeated), args.runs))
            for name, command in commands.items()
        }
    k, n = len(docs), len(docs) * args.repeat
    print(f"{args.corpus.name}: {k} documents, x {args.repeat} = {n}; one core; CPU s, best of {args.runs}")
    print(
        f"{'command':<24}{f'docs/s ({k})':>14}{f'docs/s ({n})':>15}{'start-up s':>12}{'warm ms/doc':>13}"
        f"{'peak RSS MB':>13}"
    )
    for name, ((cpu_once, _), (cpu, rss_kib)) in results.items():
        warm = (cpu - cpu_once) / (n - k)
        print(
            f"{name:<24}{k / cpu_once:>14.0f}{n / cpu:>15.0f}{cpu_once - warm * k:>12.2f}{1000 * warm:>13.2f}"
            f"{rss_kib / 1024:>13.0f}"
        )


if __name__ == "__main__":
    main()
