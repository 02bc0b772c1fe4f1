"""`incident-map build`: input records through an engine and the result cache to the map and exports.

Records stream through in blocks: each block's cached articles are found in the cache with one query and
the rest go to the engine, while the block before is stored and reported. The workers send each article's
incidents as JSON text, which the main process stores without decoding; it keeps only a digest per article
(to find duplicates). So the main process does little per article and its memory does not grow with the
input.

The processed articles' keys go, in input order, to the assembler (incident_map.outputs), a child process
that builds the outputs from the cache and writes them with as many processes as --workers. With several
workers it runs alongside; else the keys wait in a temporary file until the end. When the output directory
holds files this cache wrote from the same results with the same code, only run.json is written.
"""

import hashlib
import json
import sqlite3
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import tqdm

from geo.inputs import Fields, Record, read_records
from maps.formats import FILES

from . import cache, engines, work
from .outputs import Assembler
from .report import Report
from .sources import expand


@dataclass
class Job:
    """One record on its way through: `outcome` is set from the cache, a duplicate check or a worker."""

    record: Record
    key: str | None = None
    outcome: work.Outcome | None = None
    cached: bool = False


class Duplicates:
    """Records seen before in this run: by id (when records have one) and by text.

    Their digests are kept in a temporary SQLite database on disk, not in memory, so that the main
    process's memory does not grow with the input (in a dict they took about 27 MB per 100,000 articles).
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "": a private temporary database, removed when closed
        self.db.execute("CREATE TABLE seen (digest BLOB PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID")

    def check(self, records: list[Record]) -> list[str | None]:
        """For each record with an article, in order: why it is a duplicate, or None (then it is seen)."""
        digests = [(_digest("id", record.id) if record.id is not None else None,
                    _digest("text", record.article.text)) for record in records]
        wanted = [digest for pair in digests for digest in pair if digest is not None]
        seen = cache.select_in(self.db, "SELECT digest, record FROM seen WHERE digest IN ({})", wanted)
        new: dict[bytes, str] = {}
        reasons = []
        for record, (by_id, by_text) in zip(records, digests, strict=True):
            if by_id is not None and (first := seen.get(by_id) or new.get(by_id)):
                reasons.append(f"duplicate id {record.id!r}: same as {first}")
            elif first := seen.get(by_text) or new.get(by_text):
                reasons.append(f"duplicate text: same as {first}")
            else:
                where = f"{record.input} record {record.number}"
                if by_id is not None:
                    new[by_id] = where
                new[by_text] = where
                reasons.append(None)
        self.db.executemany("INSERT INTO seen VALUES (?, ?)", new.items())
        return reasons

    def close(self) -> None:
        self.db.close()


def _digest(kind: str, text: str) -> bytes:
    return hashlib.blake2b(f"{kind}\0{text}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Pipeline:
    """One run's records through duplicates, cache and engine to the report and the cache."""

    def __init__(self, args, results: cache.ResultCache, report: Report, assembler: Assembler | None) -> None:
        self.args, self.results, self.report = args, results, report
        self.duplicates = Duplicates()
        self.engine = None
        # The processed articles' result keys in input order, what the outputs are a function of: digested,
        # and sent to the assembler or kept for it.
        self.digest = hashlib.sha256()
        self.assembler = assembler
        self.keys = None if assembler else tempfile.TemporaryFile("w+", encoding="ascii")

    def run(self, records: Iterable[Record], bar) -> None:
        records = iter(records)
        pending: deque = deque()
        # Blocks as small as the serial engine's until an engine has started and says what suits it.
        while block := list(islice(records, (self.engine or engines.SerialEngine).block)):
            jobs = self._jobs(block)
            todo = [job for job in jobs if job.outcome is None]
            if todo and self.engine is None:
                # Started only when there is work: a run served from the cache needs no workers.
                self.engine = engines.engine(self.args.engine, self.args.workers, self.args.scheduler)
            wait = self.engine.submit([job.record.article for job in todo], self.args.date) if todo else list
            pending.append((jobs, todo, wait))
            if len(pending) > 1:
                bar.update(self._finish(*pending.popleft()))
        while pending:
            bar.update(self._finish(*pending.popleft()))

    def send_keys(self, assembler: Assembler) -> None:
        """The kept keys to an assembler started after the run."""
        self.keys.seek(0)
        while block := [line.rstrip("\n") for line in islice(self.keys, 1024)]:
            assembler.add(block)

    def stop(self) -> None:
        """Stop the engine: its workers are not needed to write the outputs."""
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def close(self) -> None:
        self.stop()
        self.duplicates.close()
        if self.keys is not None:
            self.keys.close()

    def _jobs(self, block: list[Record]) -> list[Job]:
        duplicates = iter(self.duplicates.check([record for record in block if record.article is not None]))
        jobs = []
        for record in block:
            if record.article is None:
                jobs.append(Job(record, outcome=(record.status, record.reason)))
            elif duplicate := next(duplicates):
                jobs.append(Job(record, outcome=("skipped", duplicate)))
            else:
                jobs.append(Job(record, cache.key(record.article, self.args.date)))
        found = self.results.counts([job.key for job in jobs if job.key is not None])
        for job in jobs:
            if job.key in found:
                job.outcome, job.cached = ("processed", found[job.key]), True
        return jobs

    def _finish(self, jobs: list[Job], todo: list[Job], wait) -> int:
        """Store and report one block, in input order; returns how many records it had."""
        for job, outcome in zip(todo, self._outcomes(wait, todo), strict=True):
            job.outcome = outcome
        keys = []
        for job in jobs:
            record, (status, payload) = job.record, job.outcome
            if record.article is None:
                self.report.add(record, status, payload)
            elif status == "processed":
                count = payload
                if not job.cached:
                    count, text = payload
                    self.results.put(job.key, count, text)
                self.digest.update(job.key.encode())
                keys.append(job.key)
                self.report.add(record, status, record.reason, count)
            else:
                # A duplicate is skipped whatever its date; a failure may be down to the date.
                notes = [payload, record.reason] if status == "failed" else [payload]
                self.report.add(record, status, "; ".join(filter(None, notes)))
        self.results.commit()
        if self.assembler is not None:
            self.assembler.add(keys)  # committed: the assembler can read them
        else:
            self.keys.writelines(key + "\n" for key in keys)
        return len(jobs)

    def _outcomes(self, wait, todo: list[Job]) -> list[work.Outcome]:
        """The block's outcomes; when a worker died, each article again on its own, so that only the one
        that kills its worker fails."""
        try:
            return wait()
        except engines.WorkerLost:
            return [self._alone(job) for job in todo]

    def _alone(self, job: Job) -> work.Outcome:
        try:
            return self.engine.submit([job.record.article], self.args.date)()[0]
        except engines.WorkerLost as error:
            return "failed", f"its worker process died while processing it ({error}): too big for memory?"


def build(args) -> int:
    out: Path = args.output
    problem = _unwritable(out)
    if problem:
        print(f"incident-map: cannot write to {out} ({problem}): choose another -o directory",
              file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = cache.ResultCache(None if args.no_cache else args.cache or cache.default_path())
    report = Report()
    # What this cache last wrote to `out`, if those files are still there untouched.
    previous = results.outputs(out)
    # With several workers the assembler keeps up with the run, unless the outputs may be left as they are.
    assembler = _assembler(args, results) if previous is None and _parallel(args) else None
    pipeline = Pipeline(args, results, report, assembler)
    records = read_records(expand(args.inputs), Fields(args.text_field, args.id_field, args.date_field),
                           args.max_chars)
    try:
        try:
            with tqdm.tqdm(unit=" records", disable=None, file=sys.stderr, dynamic_ncols=True) as bar:
                pipeline.run(records, bar)
        finally:
            pipeline.stop()
        results.commit()
        version = None if args.no_cache else cache.outputs_version(pipeline.digest.digest(), args.formats,
                                                                    args.offline)
        unchanged = previous is not None and previous[0] == version
        try:
            if unchanged:
                count = previous[1]
                written = {name: out / FILES[name] for name in dict.fromkeys(args.formats)}
            else:
                if assembler is None:
                    assembler = _assembler(args, results)
                    pipeline.send_keys(assembler)
                written, count = _write_outputs(args, results, version, assembler)
            report.write(out / "run.json")
        except (OSError, BrokenProcessPool) as error:
            print(f"incident-map: could not write the outputs to {out}: {error}; free some space or memory, "
                  "or choose another -o directory, then run again (processed articles are cached)",
                  file=sys.stderr)
            return 2
    finally:
        pipeline.close()
        if assembler is not None:
            assembler.close()
        results.close()
        report.close()
    totals = report.totals
    print(f"{count} incidents from {totals['processed']} articles ({totals['skipped']} skipped, "
          f"{totals['failed']} failed) in {time.perf_counter() - started:.1f} s -> "
          + ", ".join(str(p) for p in [*written.values(), out / "run.json"])
          + (" (all but run.json unchanged since the last run, not rewritten)" if unchanged else ""))
    if not totals["processed"]:
        print(f"incident-map: no article could be processed; {out / 'run.json'} gives the reason for each "
              "record (for example: give undated articles --date YYYY-MM-DD, name the text field with "
              "--text-field)", file=sys.stderr)
        return 1
    return 0


def _parallel(args) -> bool:
    return args.workers > 1 or args.engine == "dask"


def _assembler(args, results: cache.ResultCache) -> Assembler:
    # As many processes writing the outputs as the run has workers.
    return Assembler(results.path, args.output, args.formats, args.offline, args.workers)


def _write_outputs(args, results: cache.ResultCache, version: str | None,
                   assembler: Assembler) -> tuple[dict[str, Path], int]:
    """The outputs and how many incidents they hold, remembered in the cache with the version they were
    written from."""
    out: Path = args.output
    results.wrote_outputs(out, None, [], 0)  # until they are all written, they are not that version
    written, count = assembler.finish()
    files = list(written.values())
    if "layers" in written:
        manifest = json.loads(written["layers"].read_text(encoding="utf-8"))
        files += [out / layer["file"] for layer in manifest["layers"]]
    results.wrote_outputs(out, version, files, count)
    return written, count


def _unwritable(out: Path) -> str | None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except OSError as error:
        return error.strerror or str(error)
    return None
