"""Many scenarios, one row each: the rows of `orgsim batch` as a DataFrame."""

import io
import os

import pandas as pd

from . import _core

#: The columns of `orgsim batch`'s CSV, in order.
BATCH_COLUMNS = _core.batch_header().strip().split(",")


def _frame(rows):
    """The CSV records as pandas reads the file `orgsim batch` writes."""
    return pd.read_csv(io.StringIO(_core.batch_header() + "".join(rows)))


def _is_path(item):
    return isinstance(item, (str, os.PathLike))


def _sampling(samples, seed, threshold):
    if samples is None and (seed is not None or threshold is not None):
        raise ValueError("seed, threshold: need samples (a Monte Carlo batch)")
    return samples, int(seed or 0), threshold


def find_scenarios(paths):
    """The scenario files `orgsim batch PATH...` would run: the files given and every
    .yaml with a `model:` line under the folders given, sorted, without duplicates."""
    if _is_path(paths):
        paths = [paths]
    return _core.find_scenarios([os.fspath(p) for p in paths])


def batch(paths_or_scenarios, jobs=0, samples=None, seed=None, threshold=None):
    """Runs many scenarios and returns one row per scenario, with exactly the columns
    of `orgsim batch`'s CSV (BATCH_COLUMNS), read as pandas reads that file.

    paths_or_scenarios: scenario files and folders (searched as `orgsim batch` does;
    rows sorted by file), or Scenario objects (rows in the order given).
    jobs: threads (0: one per core). samples, seed, threshold: Monte Carlo columns,
    as `--samples --seed --threshold`. A scenario that fails gives a status=error
    row with its `file:line:col` message. Runs without the GIL.
    """
    from ._model import Scenario

    if _is_path(paths_or_scenarios) or isinstance(paths_or_scenarios, Scenario):
        paths_or_scenarios = [paths_or_scenarios]
    items = list(paths_or_scenarios)
    sampling = _sampling(samples, seed, threshold)
    if all(_is_path(i) for i in items):
        return _frame(_core.batch_paths([os.fspath(i) for i in items], int(jobs), *sampling))
    if all(isinstance(i, Scenario) for i in items):
        return _frame(_core.batch_scenarios([i._h for i in items], int(jobs), *sampling))
    raise TypeError("paths_or_scenarios: give file and folder paths, or Scenario objects, "
                    "not a mix")
