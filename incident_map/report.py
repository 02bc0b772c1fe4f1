"""OUT/run.json: what became of every input record, and the same news on standard error.

Entries are spooled to a temporary file as they come, so a run over millions of records keeps only the
totals in memory; run.json is written from the spool at the end, atomically like every output.
"""

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import tqdm

from geo.inputs import Record
from maps.atomic import atomic_write

STATUSES = ("processed", "skipped", "failed")
# One encoder for every entry: json.dumps with options builds a new one per call.
_encode = json.JSONEncoder(ensure_ascii=False).encode


class Report:
    def __init__(self) -> None:
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.totals: Counter[str] = Counter({status: 0 for status in STATUSES})

    def add(self, record: Record, status: str, reason: str | None, incidents: int = 0) -> None:
        entry = {"input": record.input, "record": record.number, "id": record.id, "status": status,
                 "reason": reason, "incidents": incidents}
        self.spool.write(_encode(entry) + "\n")
        self.totals[status] += 1
        if reason:
            # tqdm.write keeps a progress bar, when there is one, below the message.
            tqdm.tqdm.write(f"{record.input} record {record.number}: {status}: {reason}", file=sys.stderr)

    def write(self, path: Path) -> None:
        """run.json: {"records": [entry, ...], "totals": {status: count}}, one record a line."""

        def write_spool(tmp: Path) -> None:
            self.spool.seek(0)
            with tmp.open("w", encoding="utf-8") as out:
                out.write('{"records": [')
                for index, line in enumerate(self.spool):
                    out.write(("\n" if index == 0 else ",\n") + line.rstrip("\n"))
                out.write('\n],\n"totals": ' + json.dumps(dict(self.totals)) + "}\n")

        atomic_write(path, write_spool)

    def close(self) -> None:
        self.spool.close()
