"""orgsim.dask: `orgsim batch` on a Dask cluster (dask.distributed).

    >>> from dask.distributed import Client
    >>> import orgsim.dask
    >>> client = Client("tcp://scheduler:8786")          # or Client(LocalCluster(...))
    >>> rows = orgsim.dask.batch(["org1k/scenarios"], client)

Returns the same DataFrame as orgsim.batch, row for row. Tasks carry scenario file
paths (or small pickled Scenario objects: a dict's text and its model's path), never
models: each worker process loads a model file once and keeps it (app::ModelCache), so
every worker needs the files at the same absolute paths (relative ones are taken from
the client's folder; a shared file system, or a copy).
docs/research.md shows how to start `dask scheduler` and `dask worker` on several
machines and under Slurm.
"""

import math
import os

from . import _core
from ._batch import _frame, _is_path, _sampling, find_scenarios
from ._model import Scenario

# One per worker process, for its lifetime: models loaded once, not per task.
_worker_models = None


def _models():
    global _worker_models
    if _worker_models is None:
        _worker_models = _core.ModelCache()
    return _worker_models


def _run_chunk(items, samples, seed, threshold):
    """On a worker: CSV records of `items` (scenario file paths or Scenario objects),
    in order, one thread (a worker runs as many tasks as it has threads)."""
    rows = []
    for item in items:
        if isinstance(item, tuple):  # (the path as given: the file column, the path to open)
            rows += _core.batch_files([item[1]], _models(), 1, samples, seed, threshold,
                                      [item[0]])
        else:
            rows += _core.batch_scenarios([item._h], 1, samples, seed, threshold)
    return rows


def _shippable(item):
    # A file travels as its path as given (the row's file column) and as an absolute
    # path (a worker's folder is not the client's), and the worker's model cache serves
    # it; a Scenario read from a file travels the same way; a dict's Scenario travels as
    # its text (orgsim.Scenario.__reduce__).
    if isinstance(item, Scenario):
        if item._text is not None:
            return item
        item = item.file
    return (item, os.path.abspath(item))


def batch(files_or_scenarios, client, samples=None, seed=None, threshold=None,
          chunk_size=None):
    """orgsim.batch on the workers of `client` (a dask.distributed.Client).

    files_or_scenarios: scenario files and folders (found and sorted on the client, as
    `orgsim batch` does), or Scenario objects (rows in the order given).
    samples, seed, threshold: the Monte Carlo columns, as in orgsim.batch.
    chunk_size: scenarios per task; default: about four tasks per worker thread, at
    most 1,000 scenarios each. Returns a DataFrame with the columns of `orgsim batch`.
    """
    sampling = _sampling(samples, seed, threshold)
    if _is_path(files_or_scenarios) or isinstance(files_or_scenarios, Scenario):
        files_or_scenarios = [files_or_scenarios]
    items = list(files_or_scenarios)
    if all(_is_path(i) for i in items):
        items = [_shippable(f) for f in find_scenarios([os.fspath(i) for i in items])]
    elif all(isinstance(i, Scenario) for i in items):
        items = [_shippable(i) for i in items]
    else:
        raise TypeError("files_or_scenarios: give file and folder paths, or Scenario "
                        "objects, not a mix")
    if not items:
        return _frame([])
    if chunk_size is None:
        threads = max(1, sum(client.nthreads().values()))
        chunk_size = min(1000, max(1, math.ceil(len(items) / (4 * threads))))
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    chunks = [items[i:i + chunk_size] for i in range(0, len(items), chunk_size)]
    futures = client.map(_run_chunk, chunks, samples=sampling[0], seed=sampling[1],
                         threshold=sampling[2], pure=False)
    rows = []
    for part in client.gather(futures):
        rows += part
    return _frame(rows)
