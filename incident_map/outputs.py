"""A run's outputs, built from the result cache by a child process: the assembler.

The assembler is given the processed articles' result keys a block at a time, in input order; it reads
their results from the cache, decodes and merges them, and once told the input is through, writes the
outputs (the formats by `processes` processes at once). In a run with several workers it starts with the
run, so that decoding and merging overlap with processing instead of following it; otherwise it starts at
the end. Either way the main process's memory does not grow with the outputs.

Nor does the assembler's: the merged incidents, which grow with the distinct incidents found, are kept in
a temporary SQLite table, and the outputs are written from it a block at a time (but the map pages, which
hold every incident).
"""

import json
import multiprocessing
import os
import sqlite3
import sys
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from gazetteer import Place
from geo import Incident, Merger

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
# Incidents the table keeps decoded in memory, the ones most recently used: reports of one event come
# close together in a run, and the others are written and read back as JSON.
RECENT = 20_000
# Spans up to a month are found by the day they start, no more than this before the report's; the few
# longer ones (a report dated "in March") among all of the place's, so that one of them does not widen
# the search for every other report.
SHORT_DAYS = 31


class KeptTable:
    """geo.KeptIncidents in a temporary SQLite file in `directory`, encoded as the result cache stores
    them; found by place, sub-event type and the days they cover."""

    def __init__(self, directory: Path, place: Callable[[str], Place]) -> None:
        handle, name = tempfile.mkstemp(prefix="incident-map-merged-", suffix=".sqlite", dir=directory)
        os.close(handle)
        self.path, self.place = Path(name), place
        self.db = sqlite3.connect(self.path)
        # A scratch table: a crash loses the run's outputs anyway. A fixed page cache (32 MB), not the
        # default 2 MB, so that the index stays in memory.
        for pragma in ("synchronous=OFF", "journal_mode=OFF", "cache_size=-32768"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("CREATE TABLE kept (i INTEGER PRIMARY KEY, place TEXT NOT NULL, sub TEXT NOT NULL, "
                        "first INTEGER NOT NULL, last INTEGER NOT NULL, long INTEGER NOT NULL, "
                        "incident TEXT)")
        self.db.execute("CREATE INDEX kept_days ON kept (place, sub, long, first)")
        self.count = 0
        # The places and sub-event types with long spans kept: bounded by the gazetteer, not the input.
        self.with_long: set[tuple[str, str]] = set()
        # {i: (incident, whether its row's text is older)}, least recently used first
        self.recent: OrderedDict[int, tuple[Incident, bool]] = OrderedDict()

    def first_overlapping(self, incident: Incident) -> int | None:
        first, last = incident.date_start.toordinal(), incident.date_end.toordinal()
        key = (incident.place.id, incident.sub_event_type)
        [short] = self.db.execute(
            "SELECT min(i) FROM kept WHERE place = ? AND sub = ? AND long = 0 AND first BETWEEN ? AND ? "
            "AND last >= ?", (*key, first - SHORT_DAYS, last, first)).fetchone()
        if key not in self.with_long:
            return short
        [long] = self.db.execute(
            "SELECT min(i) FROM kept WHERE place = ? AND sub = ? AND long = 1 AND first <= ? AND last >= ?",
            (*key, last, first)).fetchone()
        return min((i for i in (short, long) if i is not None), default=None)

    def append(self, incident: Incident) -> None:
        first, last = incident.date_start.toordinal(), incident.date_end.toordinal()
        long = last - first > SHORT_DAYS
        if long:
            self.with_long.add((incident.place.id, incident.sub_event_type))
        self.db.execute("INSERT INTO kept VALUES (?, ?, ?, ?, ?, ?, NULL)",
                        (self.count, incident.place.id, incident.sub_event_type, first, last, long))
        self._keep(self.count, incident, changed=True)
        self.count += 1

    def __getitem__(self, i: int) -> Incident:
        if i in self.recent:
            self.recent.move_to_end(i)
            return self.recent[i][0]
        [text] = self.db.execute("SELECT incident FROM kept WHERE i = ?", (i,)).fetchone()
        incident = work.decode(json.loads(text), self.place)
        self._keep(i, incident, changed=False)
        return incident

    def __setitem__(self, i: int, incident: Incident) -> None:
        # Only the dates and what the reports add change: geo.joined keeps the place and sub-event type.
        before = self[i]
        if (before.date_start, before.date_end) != (incident.date_start, incident.date_end):
            first, last = incident.date_start.toordinal(), incident.date_end.toordinal()
            self.db.execute("UPDATE kept SET first = ?, last = ?, long = ? WHERE i = ?",
                            (first, last, last - first > SHORT_DAYS, i))
        self._keep(i, incident, changed=True)

    def _keep(self, i: int, incident: Incident, changed: bool) -> None:
        self.recent[i] = (incident, changed or self.recent.get(i, (None, False))[1])
        self.recent.move_to_end(i)
        if len(self.recent) > RECENT:
            self._write(*self.recent.popitem(last=False))

    def _write(self, i: int, kept: tuple[Incident, bool]) -> None:
        incident, changed = kept
        if changed:
            self.db.execute("UPDATE kept SET incident = ? WHERE i = ?",
                            (json.dumps(work.encode(incident), ensure_ascii=False), i))

    def __iter__(self) -> Iterator[Incident]:
        for block in self.blocks():
            yield from block

    def __len__(self) -> int:
        return self.count

    def blocks(self) -> Iterator[list[Incident]]:
        """The kept incidents, BLOCK at a time, in the order kept."""
        self.commit()  # they are read through a connection of their own
        db = sqlite3.connect(self.path)
        try:
            rows = db.execute("SELECT incident FROM kept ORDER BY i")
            while block := rows.fetchmany(BLOCK):
                yield [work.decode(json.loads(text), self.place) for (text,) in block]
        finally:
            db.close()

    def commit(self) -> None:
        """Write the incidents changed in memory, for other connections to read."""
        for i, kept in self.recent.items():
            self._write(i, kept)
        self.recent = OrderedDict((i, (incident, False)) for i, (incident, _) in self.recent.items())
        self.db.commit()

    def __enter__(self) -> "KeptTable":
        return self

    def __exit__(self, *_exc) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)

