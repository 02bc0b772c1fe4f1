"""Batch throughput, memory and cache of `incident-map build`, side by side in one run.

Synthetic but realistic wire reports (a dateline, events with casualties and actors, quotes, talks,
verification cues, future plans) are assembled from templates over the gazetteer's Ukrainian places.
Article i is the same whatever the size, so the two sizes share their first articles.

Runs, each a fresh `incident-map build` process on the same JSONL input, at two sizes (--articles and a
tenth of it):
  --workers 1 and --workers 2 (no cached results): throughput, target 2 workers >= 1.8x 1 worker;
  the same input again with the 2-worker run's cache and output directory: target >= 20x faster than that
  run (nothing to process, and the outputs, unchanged, are not rewritten: only run.json is);
  the same again into a new output directory: the cost of writing the outputs from cached results;
  the same without the map pages: the other writers' memory (the page's alone: bench/page_bench.py);
  --engine dask --workers 2 (a LocalCluster), unless --no-dask.
Each run reports, measured in the build process itself (getrusage and VmHWM: exact peaks, no sampling):
its CPU time, the time it took after the last article was processed (tail: writing the outputs), the
main process's CPU time per article while articles are processed (from the two sizes, so start-up apart),
and the peak resident memory of the main process, of the article workers, and of any child by the end
(the output writers). Target: memory flat, the same at both sizes.

    .venv/bin/python bench/batch_bench.py                    # 2,000 and 200 articles: a few minutes
    .venv/bin/python bench/batch_bench.py --articles 100000  # the full figure (about an hour on 2 cores)
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from gazetteer import Gazetteer

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# Every format but the map pages (html, fragment).
FILES = "geojson,layers,gpkg,parquet,csv"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AGENCIES = ["Reuters", "AP", "AFP", "dpa", "Interfax-Ukraine"]
EVENTS = [
    "Russian missiles struck {city} on {weekday}, killing {n} people and wounding {m}, the regional "
    "governor said.",
    "Shelling hit residential areas of {city} overnight, local officials reported.",
    "Ukrainian forces clashed with Russian troops near {city}, the General Staff said in its morning update.",
    "A drone attack set fire to a fuel depot in {city} on {weekday}, emergency services said.",
    "Explosions were heard in {city} early on {weekday}, and air raid sirens sounded across the {region} "
    "region.",
    "Hundreds of protesters gathered in the centre of {city} to demand the release of the town's mayor.",
    "Police in {city} detained {n} people suspected of helping to direct artillery fire.",
    "An air strike destroyed a school in {city}; rescuers pulled {n} bodies from the rubble.",
]
OTHER = [
    "The claims could not be independently verified.",
    "Officials in {capital} said talks with the Russian delegation would resume next week.",
    "{city} had a population of about {pop:,} before the war.",
    "Residents of {city} queued for bread and water as temperatures fell below freezing.",
    "\u201cWe will rebuild everything,\u201d the mayor of {city} told reporters.",
    "Talks are expected to take place in {other} next month, according to the foreign ministry.",
    "The United Nations said it was deeply concerned about the civilian toll.",
    "The governor of the {region} region said air defence systems had been active all night.",
    "Electricity and heating were restored to most of {city} by the evening, the utility company said.",
    "Moscow denies targeting civilians and says it strikes only military infrastructure.",
    "President Volodymyr Zelenskiy thanked allies for new deliveries of air defence systems.",
    "Aid groups said they were struggling to reach villages east of {city} because of damaged bridges.",
    "The head of the International Atomic Energy Agency is due to visit {other} on {weekday}.",
    "Schools in {city} will move to online classes until the end of the month, the education office said.",
    "Prices for food and fuel have risen sharply in the {region} region since the spring.",
]


def places(gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(city, its oblast's name) for Ukrainian settlements of 20,000 or more, largest first."""
    oblasts = [p for p in gazetteer.places(("admin1",)) if p.country == "UA"]
    regions = {p.admin1: p.name.removesuffix(" Oblast") for p in oblasts}
    cities = [p for p in gazetteer.places(("city",)) if p.country == "UA" and p.population >= 20_000]
    cities.sort(key=lambda p: (-p.population, p.name))
    return [(p.name, regions.get(p.admin1, p.name)) for p in cities if p.admin1 in regions]


def article(i: int, names: list[tuple[str, str]]) -> dict:
    rng = random.Random(i)
    # Large cities are in the news more: draw by rank with a long tail.
    city, region = names[min(int(rng.paretovariate(1.2)) - 1, len(names) - 1)]
    month, day = rng.randrange(12), rng.randint(1, 28)
    values = {"city": city, "region": region, "capital": "Kyiv", "weekday": rng.choice(WEEKDAYS),
              "n": rng.randint(1, 40), "m": rng.randint(1, 90), "pop": rng.randrange(20_000, 1_500_000, 1000),
              "other": rng.choice(names)[0]}
    sentences = rng.sample(EVENTS, rng.randint(2, 5)) + rng.sample(OTHER, rng.randint(6, 12))
    rng.shuffle(sentences)
    paragraphs, line = [], f"{city.upper()}, {MONTHS[month]} {day}, 2022 ({rng.choice(AGENCIES)}) - "
    for sentence in sentences:
        values["city"] = rng.choice([city, city, rng.choice(names)[0]])
        line += sentence.format(**values) + " "
        if rng.random() < 0.4:
            paragraphs.append(line.strip())
            line = ""
    paragraphs.append(line.strip())
    return {"id": f"bench-{i}", "date": f"2022-{month + 1:02d}-{day:02d}",
            "text": "\n".join(p for p in paragraphs if p)}


def write_input(path: Path, count: int, names: list[tuple[str, str]]) -> int:
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            line = json.dumps(article(i, names), ensure_ascii=False) + "\n"
            size += len(line)
            out.write(line)
    return size


def parallelism() -> float:
    """How many cores the machine gives now: the work two CPU-bound processes get done in the time one
    takes alone (2.0 on two idle cores; less when other work shares the machine)."""
    loop = [sys.executable, "-c", "sum(range(30_000_000))"]

    def wall(count: int) -> float:
        started = time.perf_counter()
        for process in [subprocess.Popen(loop) for _ in range(count)]:
            process.wait()
        return time.perf_counter() - started

    return 2 * wall(1) / wall(2)


# Runs `incident-map build` and writes to the file named by its first argument the CPU time and peak
# resident memory of this process and of its children, when the articles are all processed (the engine
# stopped: the article workers done) and at the end (the output writers done too).
MEASURED_BUILD = """
import json, resource, runpy, sys, time
from incident_map import run

usage = {}


def peak_mb():
    # Not ru_maxrss, which keeps the peak of the process that started this one (the bench) across exec.
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))


def snapshot(name):
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    usage[name] = {"time": time.perf_counter(), "cpu": own.ru_utime + own.ru_stime, "mb": peak_mb(),
                   "children_cpu": children.ru_utime + children.ru_stime,
                   "children_mb": children.ru_maxrss / 1024}


stop = run.Pipeline.stop


def stop_and_measure(self):
    stop(self)
    usage.get("processed") or snapshot("processed")


run.Pipeline.stop = stop_and_measure
report, sys.argv = sys.argv[1], ["incident-map", *sys.argv[2:]]
try:
    runpy.run_module("incident_map", run_name="__main__")
finally:
    snapshot("end")
    with open(report, "w") as out:
        json.dump(usage, out)
"""


def run(input_path: Path, out: Path, cache: Path, *options: str) -> dict:
    """One `build` process: wall seconds, CPU seconds and peak memory (see MEASURED_BUILD)."""
    usage = out.parent / f"{out.name}-usage.json"
    command = [sys.executable, "-c", MEASURED_BUILD, str(usage), "build", str(input_path), "-o", str(out),
               "--cache", str(cache), *options]
    started = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[3:])} failed:\n{process.stderr[-2000:]}")
    measured = json.loads(usage.read_text(encoding="utf-8"))
    processed, end = measured["processed"], measured["end"]
    totals = json.loads((out / "run.json").read_text(encoding="utf-8"))["totals"]
    return {"seconds": seconds, "main_cpu": end["cpu"], "main_run_cpu": processed["cpu"],
            "cpu": end["cpu"] + end["children_cpu"], "main_mb": end["mb"],
            "workers_mb": processed["children_mb"], "children_mb": end["children_mb"], "totals": totals,
            "tail": end["time"] - processed["time"],
            "summary": process.stdout.strip().splitlines()[-1]}


def main() -> None:
    options = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--articles", type=int, default=2000, help="input size (default 2,000)")
    options.add_argument("--no-dask", action="store_true", help="skip the Dask engine runs")
    options.add_argument("--keep", type=Path, help="keep inputs and outputs in this directory")
    args = options.parse_args()

    names = places(Gazetteer.open())
    work = args.keep or Path(tempfile.mkdtemp(prefix="batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    # Two sizes: the difference between them gives the cost per article, free of start-up costs, and
    # memory that does not grow with the input is the same at both.
    small, large = max(args.articles // 10, 1), args.articles
    inputs = {}
    for count in (small, large):
        inputs[count] = work / f"articles-{count}.jsonl"
        size = write_input(inputs[count], count, names)
        print(f"{count:,} articles, {size / 2**20:.1f} MB of JSONL ({size / count / 1000:.1f} kB an article)")

    # (label, run directory: its cache, output directory within it, options)
    configurations = [("--workers 1", "w1", "out", ["--workers", "1"]),
                      ("--workers 2", "w2", "out", ["--workers", "2"]),
                      ("again, cached", "w2", "out", ["--workers", "2"]),
                      ("cached, new -o", "w2", "out-new", ["--workers", "2"]),
                      ("cached, new -o, no page", "w2", "out-files", ["--workers", "2", "--formats", FILES])]
    if not args.no_dask:
        configurations.append(("--engine dask --workers 2", "dask", "out",
                               ["--engine", "dask", "--workers", "2"]))
    results: dict[tuple[str, int], dict] = {}
    for count in (small, large):
        for label, name, out_name, extra in configurations:
            run_dir = work / f"{name}-{count}"
            result = run(inputs[count], run_dir / out_name, run_dir / "results.sqlite", *extra)
            results[label, count] = result
            print(f"  {label:<26} {count:>8,} {result['seconds']:8.1f} s   {result['summary'][:80]}",
                  flush=True)
    report(results, [label for label, _, _, _ in configurations], small, large)
    print(f"cores available during the bench: {parallelism():.2f} of {psutil.cpu_count()} "
          "(2 workers cannot beat this)")
    print(f"inputs and outputs in {work}")


def report(results: dict, labels: list[str], small: int, large: int) -> None:
    """Measured figures side by side, each configuration's cost split into a fixed part (start-up,
    writing outputs) and a part per article from the two sizes, and the targets."""
    print()
    print(f"{'run':<27} {'articles':>9} {'wall s':>7} {'tail s':>6} {'articles/s':>10} {'fixed s':>7}"
          f" {'ms/art':>7} {'CPU s':>7} {'main CPU s':>10} {'main ms/art':>11} {'main MB':>7}"
          f" {'workers MB':>10} {'children MB':>11}")
    per_article, main_per_article = {}, {}
    for label in labels:
        low, high = results[label, small], results[label, large]
        per_article[label] = (high["seconds"] - low["seconds"]) / (large - small)
        main_per_article[label] = (high["main_run_cpu"] - low["main_run_cpu"]) / (large - small)
        fixed = low["seconds"] - per_article[label] * small
        for count, result in ((small, low), (large, high)):
            print(f"{label:<27} {count:>9,} {result['seconds']:7.1f} {result['tail']:6.1f}"
                  f" {count / result['seconds']:10.1f}"
                  f" {fixed:7.1f} {per_article[label] * 1000:7.2f} {result['cpu']:7.1f}"
                  f" {result['main_cpu']:10.1f} {main_per_article[label] * 1000:11.3f}"
                  f" {result['main_mb']:7.0f} {result['workers_mb']:10.0f} {result['children_mb']:11.0f}")
    one, two, cached, rewritten, files = (results[label, large] for label in labels[:5])
    print()
    print(f"2 workers vs 1 at {large:,}: {one['seconds'] / two['seconds']:.2f}x measured, "
          f"{per_article['--workers 1'] / per_article['--workers 2']:.2f}x per article   (target >= 1.8x)")
    print(f"cached second run at {large:,}: {two['seconds'] / cached['seconds']:.1f}x faster measured, "
          f"{per_article['--workers 2'] / max(per_article['again, cached'], 1e-6):.0f}x per article"
          "   (target >= 20x)")
    print(f"cached, outputs written to a new directory, at {large:,}: "
          f"{two['seconds'] / rewritten['seconds']:.1f}x faster measured")
    for column, what in (("main_mb", "main process"), ("workers_mb", "article workers (largest)"),
                         ("children_mb", "any child by the end (output writers)")):
        grown = two[column] / max(results["--workers 2", small][column], 1)
        print(f"peak memory of the {what} with --workers 2, {large:,} vs {small:,} articles: "
              f"{results['--workers 2', small][column]:.0f} -> {two[column]:.0f} MB, {grown:.2f}x"
              "   (flat: about 1x)")
    low, high = results["cached, new -o, no page", small]["children_mb"], files["children_mb"]
    print(f"peak memory of the output writers without the map pages, {large:,} vs {small:,} articles: "
          f"{low:.0f} -> {high:.0f} MB, {high / max(low, 1):.2f}x   (flat: about 1x)")
    if len(labels) > 5:
        print(f"dask, 2 workers vs --workers 1: {one['seconds'] / results[labels[5], large]['seconds']:.2f}x "
              f"measured, {per_article['--workers 1'] / per_article[labels[5]]:.2f}x per article")


if __name__ == "__main__":
    main()
