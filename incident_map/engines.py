"""Where the articles are processed: in this process, in local worker processes, or on a Dask cluster.

Every engine takes a block of articles and gives back their outcomes in the same order, so a run's
results do not depend on the engine or the number of workers. `submit` returns at once with a function
that waits for the outcomes: the caller submits the next block before it waits, keeping workers busy
while it stores and merges the previous block.
"""

import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from itertools import repeat

from geo import Article

from . import work

Pending = Callable[[], list[work.Outcome]]


class WorkerLost(Exception):
    """A worker died (killed, out of memory) while it held some of the block's articles."""


class SerialEngine:
    block = 64

    def submit(self, articles: list[Article], default_date: date | None) -> Pending:
        outcomes = [work.process(article, default_date) for article in articles]
        return lambda: outcomes

    def close(self) -> None:
        pass


class ProcessEngine:
    """N local worker processes, each with its own gazetteer."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.block = 64 * workers
        self.executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self.executor is None:
            if sys.platform != "linux":  # elsewhere fork is unsafe or absent: each worker opens its own
                spawn = multiprocessing.get_context("spawn")
                self.executor = ProcessPoolExecutor(self.workers, mp_context=spawn)
                return self.executor
            # Forked workers share the gazetteer this process has open instead of each reading their own
            # (its SQLite connection is per process, so each worker opens its own connection).
            work.gazetteer()
            self.executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        return self.executor

    def submit(self, articles: list[Article], default_date: date | None) -> Pending:
        chunk = max(1, len(articles) // (4 * self.workers))
        try:
            results = self._pool().map(work.process, articles, repeat(default_date), chunksize=chunk)
        except BrokenProcessPool as error:
            self._reset()
            raise WorkerLost(str(error)) from error

        def wait() -> list[work.Outcome]:
            try:
                return list(results)
            except BrokenProcessPool as error:
                self._reset()
                raise WorkerLost(str(error)) from error

        return wait

    def _reset(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
        self.executor = None


class DaskEngine:
    """A Dask cluster: the one at `scheduler` (an address such as tcp://10.0.0.5:8786), else a local one
    with `workers` worker processes. Every worker needs this package and a built gazetteer."""

    def __init__(self, workers: int, scheduler: str | None = None, processes: bool = True) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler is None:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                        dashboard_address=None)
        self.client = Client(scheduler or self.cluster)
        self.block = 256 * max(workers, len(self.client.scheduler_info()["workers"]))

    def submit(self, articles: list[Article], default_date: date | None) -> Pending:
        import dask.bag
        from distributed import KilledWorker

        threads = max(1, sum(self.client.nthreads().values()))
        bag = dask.bag.from_sequence(articles, npartitions=min(len(articles), 4 * threads))
        future = self.client.compute(bag.map(work.process, default_date=default_date))

        def wait() -> list[work.Outcome]:
            try:
                return future.result()
            except KilledWorker as error:
                raise WorkerLost(str(error)) from error

        return wait

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def engine(name: str, workers: int, scheduler: str | None = None):
    if name == "dask":
        return DaskEngine(workers, scheduler)
    return ProcessEngine(workers) if workers > 1 else SerialEngine()
