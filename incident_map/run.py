"""`incident-map build`: input records through an engine and the result cache to the map and exports.

Records stream through in blocks: each block's cached articles are taken from the cache and the rest go
to the engine, while the block before is stored, merged and reported. Only the merged incidents and a
digest per article (to find duplicates) grow with the input; texts are held for two blocks at most.

When the output directory holds files this cache wrote and nobody changed since, a run defers decoding and
merging (the results are spooled to a temporary file) until it knows whether its outputs would differ: a
re-run on the same input with the same code writes nothing but run.json.
"""

import hashlib
import json
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import tqdm

import maps
from geo import Incident, merge, to_frame
from geo.inputs import Fields, Record, read_records
from maps.formats import FILES

from . import cache, engines, work
from .report import Report
from .sources import expand


@dataclass
class Job:
    """One record on its way through: `outcome` is set from the cache, a duplicate check or a worker."""

    record: Record
    key: str | None = None
    outcome: work.Outcome | None = None
    cached: bool = False


@dataclass
class Merged:
    """The incidents so far, merged. New ones wait in `pending` until there are about as many as merged
    ones, so merging the whole list again costs linear time over the run."""

    merged: list[Incident] = field(default_factory=list)
    pending: list[Incident] = field(default_factory=list)

    def add(self, incidents: list[Incident]) -> None:
        self.pending += incidents
        if len(self.pending) >= max(4096, len(self.merged)):
            self.result()

    def result(self) -> list[Incident]:
        # merge() folds left to right, so merging the merged list with more gives merge() of them all.
        self.merged, self.pending = merge(self.merged + self.pending), []
        return self.merged


class Duplicates:
    """Records seen before in this run: by id (when records have one) and by text."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.texts: dict[bytes, str] = {}

    def check(self, record: Record) -> str | None:
        where = f"{record.input} record {record.number}"
        text = hashlib.blake2b(record.article.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if record.id is not None and record.id in self.ids:
            return f"duplicate id {record.id!r}: same as {self.ids[record.id]}"
        if text in self.texts:
            return f"duplicate text: same as {self.texts[text]}"
        if record.id is not None:
            self.ids[record.id] = where
        self.texts[text] = where
        return None


class Pipeline:
    """One run's records through duplicates, cache and engine to the report and the merged incidents."""

    def __init__(self, args, results, report: Report, deferred: bool = False) -> None:
        self.args, self.results, self.report = args, results, report
        self.merged, self.duplicates = Merged(), Duplicates()
        self.engine = None
        # The processed articles' result keys in input order: what the outputs are a function of.
        self.keys = hashlib.sha256()
        # Deferred: results (JSON text, one a line) wait here, undecoded, until incidents() is called.
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8") if deferred else None

    def run(self, records: Iterable[Record], bar) -> None:
        records = iter(records)
        pending: deque = deque()
        # Blocks as small as the serial engine's until an engine has started and says what suits it.
        while block := list(islice(records, (self.engine or engines.SerialEngine).block)):
            jobs = [self._job(record) for record in block]
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

    def incidents(self) -> list[Incident]:
        """The merged incidents of every processed article, in input order."""
        if self.spool is not None:
            self.spool.seek(0)
            for line in self.spool:
                self.merged.add(self._decode(json.loads(line)))
            self.spool.close()
            self.spool = None
        return self.merged.result()

    def stop(self) -> None:
        """Stop the engine: its workers are not needed to write the outputs."""
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def close(self) -> None:
        self.stop()
        if self.spool is not None:
            self.spool.close()

    @staticmethod
    def _decode(encoded: list) -> list[Incident]:
        place = work.gazetteer().get
        return [work.decode(values, place) for values in encoded]

    def _job(self, record: Record) -> Job:
        if record.article is None:
            return Job(record, outcome=(record.status, record.reason))
        duplicate = self.duplicates.check(record)
        if duplicate:
            return Job(record, outcome=("skipped", duplicate))
        key = cache.key(record.article, self.args.date)
        found = self.results.get_text(key)  # decoded in _finish
        return Job(record, key, ("processed", found), cached=True) if found is not None else Job(record, key)

    def _finish(self, jobs: list[Job], todo: list[Job], wait) -> int:
        """Store, merge and report one block, in input order; returns how many records it had."""
        for job, outcome in zip(todo, self._outcomes(wait, todo), strict=True):
            job.outcome = outcome
        for job in jobs:
            record, (status, payload) = job.record, job.outcome
            if record.article is None:
                self.report.add(record, status, payload)
            elif status == "processed":
                text = payload if job.cached else self.results.put(job.key, payload)
                encoded = json.loads(text) if job.cached else payload
                self.keys.update(job.key.encode())
                if self.spool is not None:
                    self.spool.write(text + "\n")
                else:
                    self.merged.add(self._decode(encoded))
                self.report.add(record, status, record.reason, len(encoded))
            else:
                # A duplicate is skipped whatever its date; a failure may be down to the date.
                notes = [payload, record.reason] if status == "failed" else [payload]
                self.report.add(record, status, "; ".join(filter(None, notes)))
        self.results.commit()
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
    results = cache.NoCache() if args.no_cache else cache.ResultCache(args.cache or cache.default_path())
    report = Report()
    # What this cache last wrote to `out`, if those files are still there untouched.
    previous = results.outputs(out)
    pipeline = Pipeline(args, results, report, deferred=previous is not None)
    records = read_records(expand(args.inputs), Fields(args.text_field, args.id_field, args.date_field),
                           args.max_chars)
    try:
        try:
            with tqdm.tqdm(unit=" records", disable=None, file=sys.stderr, dynamic_ncols=True) as bar:
                pipeline.run(records, bar)
        finally:
            pipeline.stop()
        version = None if args.no_cache else cache.outputs_version(pipeline.keys.digest(), args.formats,
                                                                    args.offline)
        unchanged = previous is not None and previous[0] == version
        try:
            if unchanged:
                count = previous[1]
                written = {name: out / FILES[name] for name in dict.fromkeys(args.formats)}
            else:
                incidents = pipeline.incidents()
                count = len(incidents)
                written = _write_outputs(args, results, version, incidents)
            report.write(out / "run.json")
        except OSError as error:
            print(f"incident-map: could not write the outputs to {out}: {error}; free some space or choose "
                  "another -o directory, then run again (processed articles are cached)", file=sys.stderr)
            return 2
    finally:
        pipeline.close()
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


def _write_outputs(args, results, version: str | None, incidents: list[Incident]) -> dict[str, Path]:
    """The outputs, remembered in the cache with the version they were written from."""
    out: Path = args.output
    results.wrote_outputs(out, None, [], 0)  # until they are all written, they are not that version
    written = maps.write_outputs(to_frame(incidents), out, formats=args.formats, offline=args.offline)
    files = list(written.values())
    if "layers" in written:
        manifest = json.loads(written["layers"].read_text(encoding="utf-8"))
        files += [out / layer["file"] for layer in manifest["layers"]]
    results.wrote_outputs(out, version, files, len(incidents))
    return written


def _unwritable(out: Path) -> str | None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except OSError as error:
        return error.strerror or str(error)
    return None
