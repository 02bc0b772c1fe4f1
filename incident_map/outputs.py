"""A run's outputs, built from the result cache by a child process: the assembler.

The assembler is given the processed articles' result keys a block at a time, in input order; it reads
their results from the cache, decodes and merges them, and once told the input is through, writes the
outputs (the formats by `processes` processes at once). In a run with several workers it starts with the
run, so that decoding and merging overlap with processing instead of following it; otherwise it starts at
the end. Either way the main process's memory does not grow with the outputs (which grow with the
distinct incidents found).
"""

import json
import multiprocessing
import sys
from collections.abc import Iterable
from pathlib import Path

from geo import Merger

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
        merger = Merger()
        while (block := keys.get()) is not None:
            for text in cache.stored_texts(results, block):
                merger.add(work.decode(values, place) for values in json.loads(text))
        incidents = merger.merged
        written = maps.write_outputs(to_frame(incidents), out, formats=formats, offline=offline,
                                     processes=processes)
        answer.send((written, len(incidents)))
    except Exception as error:  # the run's to report (a full disk), with the usual message
        answer.send(error)
