"""orgsim: how a failure in one role travels through an organization to its customers.

orgsim models the roles of a company as a weighted dependency graph and propagates a
failure of one role to the customer-facing roles and into a customer-experience (CX)
score (the Inoperability Input-Output Model; docs/model.md has the math). This module
is a thin binding over orgsim's C++ application layer: the numbers are the ones
`orgsim run --json` and `orgsim batch` write, to the last bit.

    >>> import orgsim
    >>> model = orgsim.load_model("scenarios/contact-center/model.yaml")
    >>> s = model.scenario({"name": "Payments at half", "steps": 30,
    ...     "failures": [{"role": "payments", "degrade": 0.5, "from": 0, "to": 10}]})
    >>> r = model.run(s)
    >>> r.summary["cx"]["min"], r.cx.shape, r.q.shape      # dict, numpy, numpy
    >>> model.rank(degrade=0.5).head()                      # pandas DataFrame
    >>> orgsim.batch(["scenarios/contact-center"], jobs=2)  # `orgsim batch` as a DataFrame

Functions:   load_model, load_scenario, batch, find_scenarios
Classes:     Model, Scenario, Result
Errors:      Error (any orgsim error), InputError (a wrong input file or dict: its text
             holds the same `file:line:col: error: ...` lines as the command line)
Submodule:   orgsim.dask.batch(files_or_scenarios, client): batch on a Dask cluster

Long calls (loading, runs, batches) release the GIL, so threads run them side by side.
docs/research.md is the guide (pandas, Monte Carlo, Dask, Slurm).
"""

from ._core import Error, InputError, version as __version__
from ._model import Model, Scenario, load_model, load_scenario
from ._result import Result
from ._batch import batch, find_scenarios, BATCH_COLUMNS

__all__ = [
    "Error",
    "InputError",
    "Model",
    "Scenario",
    "Result",
    "load_model",
    "load_scenario",
    "batch",
    "find_scenarios",
    "BATCH_COLUMNS",
]

# Shown as orgsim.Error and orgsim.InputError in tracebacks and help().
Error.__module__ = "orgsim"
InputError.__module__ = "orgsim"
