"""A run's outputs, built from the result cache by a child process: the assembler.

The assembler is given the processed articles' result keys a block at a time, in input order; it reads
their results from the cache, decodes and merges them, and once told the input is through, writes the
outputs (the formats by `processes` processes at once). In a run with several workers it starts with the
run, so that decoding and merging overlap with processing instead of following it; otherwise it starts at
the end. Either way the main process's memory does not grow with the outputs.

Nor does the assembler's: the merged incidents, which grow with the distinct incidents found, are kept in
a temporary SQLite table, and the outputs are written from it a block at a time.
"""

import json
import multiprocessing
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import reduce
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path

from gazetteer import Place
from geo import Incident, Merger
from geo.incidents import joined

from . import cache, work


class Assembler:
    """The child process that writes the outputs to `out` from the results in the cache file `results`."""

    def __init__(self, results: Path, out: Path, formats: Iterable[str], offline: bool,
                 processes: int) -> None:
        # Forked on Linux: the gazetteer, if open, is shared as with the engine's workers.
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        # A queue, not a pipe: put() hands the keys to a thread, so the run never waits for the assembler.
        self.keys = context.Queue()
        self.answer, answer = context.Pipe(duplex=False)
        self.process = context.Process(target=_assemble, name="incident-map outputs", args=(
            self.keys, answer, results, out, list(formats), offline, processes))
        self.process.start()
        self.finished = False
        answer.close()  # so that receiving fails, instead of waiting for ever, if the assembler dies

    def add(self, keys: list[str]) -> None:
        """The next processed articles' keys, in input order; their results must be committed."""
        if keys:
            self.keys.put(keys)

    def finish(self) -> tuple[dict[str, Path], int]:
        """Write the outputs: ({format: path written}, number of incidents)."""
        self.keys.put(None)
        self.finished = True
        try:
            outcome = self.answer.recv()
        except EOFError:
            self.process.join()
            raise ChildProcessError(f"the process writing them died (exit code {self.process.exitcode}): "
                                    "out of memory?") from None
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def close(self) -> None:
        if not self.finished:
            self.process.terminate()  # the run was stopped before its outputs were asked for
        self.process.join()
        self.keys.close()
        self.answer.close()


def _assemble(keys, answer, results: Path, out: Path, formats: list[str], offline: bool,
              processes: int) -> None:
    import maps
    from geo import to_frame

    try:
        place = work.gazetteer().get
        with KeptTable(results.parent, place) as kept:
            merger = Merger(kept)
            while (block := keys.get()) is not None:
                for text in cache.stored_texts(results, block):
                    merger.add(work.decode(values, place) for values in json.loads(text))
            written = maps.write_outputs(map(to_frame, kept.blocks()), out, formats=formats,
                                         offline=offline, processes=processes)
            answer.send((written, len(kept)))
    except Exception as error:  # the run's to report (a full disk), with the usual message
        answer.send(error)


# Incidents per block of the outputs: the writers' memory grows with it, not with the run's incidents.
BLOCK = 10_000
# Spans up to a month are found by the day they start, no more than this before the report's; the few
# longer ones (a report dated "in March") among all of the place's, so that one of them does not widen
# the search for every other report.
SHORT_DAYS = 31


class KeptTable:
    """geo.KeptIncidents in a temporary SQLite file in `directory`: each kept incident's place, sub-event
    type and days, by which reports find it, and its reports, encoded as the result cache stores them.

    A report that joins an incident is stored beside it, and the incidents are put together from their
    reports only when read (geo.joined is applied in the order the reports came, as in memory): decoding a
    kept incident, joining and encoding it again at every report made merging slow down as the kept
    incidents outgrew any cache of them (30 to 148 us a report over 200,000 reports, bench/merge_bench.py).
    Only the dates of a kept incident change as reports join it, and they are kept in its row."""

    def __init__(self, directory: Path, place: Callable[[str], Place]) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="incident-map-merged-", dir=directory))
        self.place = place
        self.db = sqlite3.connect(self.directory / "kept.sqlite")
        # The reports in a file of their own, whose page cache they cannot take from the kept incidents'
        # index, which every report searches.
        self.db.execute("ATTACH DATABASE ? AS spool", (str(self.directory / "reports.sqlite"),))
        # Scratch tables: a crash loses the run's outputs anyway. A fixed page cache for the kept
        # incidents (32 MB), not the default 2 MB, so that their index stays in memory.
        for schema in ("main", "spool"):
            self.db.execute(f"PRAGMA {schema}.synchronous=OFF")
            self.db.execute(f"PRAGMA {schema}.journal_mode=OFF")
        self.db.execute("PRAGMA main.cache_size=-32768")
        # Place and sub-event type as one small number, the kept incident's group.
        self.db.execute("CREATE TABLE kept (i INTEGER PRIMARY KEY, grp INTEGER NOT NULL, "
                        "first INTEGER NOT NULL, last INTEGER NOT NULL, long INTEGER NOT NULL)")
        self.db.execute("CREATE INDEX kept_days ON kept (grp, long, first, last)")
        # Each kept incident's reports in the order they came (rowid); indexed by incident once all are in.
        self.db.execute("CREATE TABLE spool.reports (i INTEGER NOT NULL, report TEXT NOT NULL)")
        self.pending: list[tuple[int, str]] = []  # reports not yet in it, written BLOCK at a time
        self.count = 0
        # Bounded by the gazetteer and the sub-event types, not the input: {(place, sub-event type): group},
        # and the groups with long spans kept.
        self.groups: dict[tuple[str, str], int] = {}
        self.with_long: set[int] = set()

    def first_overlapping(self, incident: Incident) -> int | None:
        group = self.groups.get((incident.place.id, incident.sub_event_type))
        if group is None:
            return None
        first, last, _ = _days(incident)
        [short] = self.db.execute(
            "SELECT min(i) FROM kept WHERE grp = ? AND long = 0 AND first BETWEEN ? AND ? AND last >= ?",
            (group, first - SHORT_DAYS, last, first)).fetchone()
        if group not in self.with_long:
            return short
        [long] = self.db.execute(
            "SELECT min(i) FROM kept WHERE grp = ? AND long = 1 AND first <= ? AND last >= ?",
            (group, last, first)).fetchone()
        return min((i for i in (short, long) if i is not None), default=None)

    def append(self, incident: Incident) -> None:
        group = self.groups.setdefault((incident.place.id, incident.sub_event_type), len(self.groups))
        days = _days(incident)
        if days[2]:  # a report joining an incident only narrows it: its long spans are all kept as it is
            self.with_long.add(group)
        self.db.execute("INSERT INTO kept VALUES (?, ?, ?, ?, ?)", (self.count, group, *days))
        self._report(self.count, incident)
        self.count += 1

    def join(self, i: int, incident: Incident) -> None:
        # geo.joined's dates: the report's if its span is narrower than the kept incident's.
        first, last, long = _days(incident)
        self.db.execute("UPDATE kept SET first = ?, last = ?, long = ? WHERE i = ? AND last - first > ?",
                        (first, last, long, i, last - first))
        self._report(i, incident)

    def _report(self, i: int, incident: Incident) -> None:
        self.pending.append((i, json.dumps(work.encode(incident), ensure_ascii=False)))
        if len(self.pending) == BLOCK:
            self._write_pending()

    def _write_pending(self) -> None:
        self.db.executemany("INSERT INTO spool.reports VALUES (?, ?)", self.pending)
        self.pending.clear()

    def __iter__(self) -> Iterator[Incident]:
        for block in self.blocks():
            yield from block

    def __len__(self) -> int:
        return self.count

    def blocks(self) -> Iterator[list[Incident]]:
        """The kept incidents, BLOCK at a time, in the order kept."""
        self._write_pending()
        self.db.execute("CREATE INDEX IF NOT EXISTS spool.reports_kept ON reports (i)")
        self.db.commit()  # they are read through a connection of their own
        db = sqlite3.connect(self.directory / "reports.sqlite")
        try:
            rows = db.execute("SELECT i, report FROM reports ORDER BY i, rowid")
            incidents = (reduce(joined, (work.decode(json.loads(text), self.place) for _, text in reports))
                         for _, reports in groupby(rows, key=itemgetter(0)))
            while block := list(islice(incidents, BLOCK)):
                yield block
        finally:
            db.close()

    def __enter__(self) -> "KeptTable":
        return self

    def __exit__(self, *_exc) -> None:
        self.db.close()
        shutil.rmtree(self.directory, ignore_errors=True)


def _days(incident: Incident) -> tuple[int, int, bool]:
    """A kept row's first and last days and whether its span is long."""
    first, last = incident.date_start.toordinal(), incident.date_end.toordinal()
    return first, last, last - first > SHORT_DAYS
