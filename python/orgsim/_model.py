"""Models and scenarios: loaded from files or built from plain dicts."""

import json
import os
import warnings as _warnings

import pandas as pd

from . import _core
from ._result import Result


def _fspath(path):
    return os.fspath(path)


def _warn(handle):
    for text in handle.warnings:
        _warnings.warn(text.rstrip("\n"), stacklevel=3)


def _plain(value):
    # numpy scalars and arrays in a dict become plain numbers and lists.
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"not a scenario value: {value!r} ({type(value).__name__})")


class Model:
    """An organization: departments, roles and their weighted dependencies.

    Get one with load_model(path). `roles`, `dependencies` and `departments` are
    pandas DataFrames; run(), scenario() and rank() are the things to do with it.
    """

    def __init__(self, handle):
        self._h = handle  # a _core.ScenarioHandle: the bare model as a scenario
        _warn(handle)
        self._roles = None
        self._dependencies = None

    @property
    def name(self):
        """The model's name (its `name:` field)."""
        return self._h.model_name

    @property
    def file(self):
        """The model file it was read from."""
        return self._h.model_file

    @property
    def cx_baseline(self):
        """CX score when nothing is degraded."""
        return self._h.cx_baseline

    @property
    def warnings(self):
        """Validation warnings, as `file:line:col: warning: ...` text."""
        return list(self._h.warnings)

    @property
    def roles(self):
        """DataFrame, one row per role in file order: id, name, department, recovery,
        touchpoint, description."""
        if self._roles is None:
            self._roles = pd.DataFrame(self._h.roles())
        return self._roles

    @property
    def dependencies(self):
        """DataFrame, one row per dependency: role depends on depends_on with weight."""
        if self._dependencies is None:
            self._dependencies = pd.DataFrame(self._h.dependencies())
        return self._dependencies

    @property
    def departments(self):
        """DataFrame of the departments: id, name."""
        return pd.DataFrame(self._h.departments(), columns=["id", "name"])

    def __len__(self):
        return self._h.role_count

    def __repr__(self):
        return f"<orgsim.Model {self.name!r}: {len(self)} roles ({self.file})>"

    def scenario(self, fields, file="<dict>"):
        """A Scenario of this model from a dict with the fields of a scenario file
        (name, steps, failures, changes, initial; `model` may be left out).

        Checked as a file is: raises InputError naming the field, e.g.
        `<dict>:6:18: error: ...`. `file` names the dict in messages and in batch rows.
        Cheap: build thousands in a loop and pass them to batch().
        """
        return Scenario(fields, model=self, file=file)

    def run(self, scenario=None, **options):
        """Runs a scenario of this model (a Scenario, a dict, or None: nothing failed)
        and returns a Result. Options as Scenario.run()."""
        if scenario is None:
            return Scenario._of(self._h).run(**options)
        if isinstance(scenario, dict):
            scenario = self.scenario(scenario)
        if not isinstance(scenario, Scenario):
            raise TypeError("scenario: expected an orgsim.Scenario, a dict or None, got "
                            + type(scenario).__name__)
        return scenario.run(**options)

    def rank(self, degrade=0.5, exact=False, jobs=0):
        """Every role by the CX points its failure alone (degraded by `degrade`) would
        cost: the DataFrame of `orgsim rank --csv` (rank, role_id, role_name,
        department, cx_points, share_of_worst; with exact=True also exact_cx_points
        and differs: the clamped model, one solve per role on `jobs` threads).
        The run record is in df.attrs["run_record"].
        Time complexity: one sparse solve; exact: one per role."""
        return _rank_frame(self._h, degrade, exact, jobs)


def _rank_frame(handle, degrade, exact, jobs):
    import io

    text = _core.rank_csv(handle, float(degrade), bool(exact), int(jobs))
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    record = ["orgsim_version", "model_sha256", "tables_sha256", "scenario_sha256", "seed",
              "samples"]
    frame.attrs["run_record"] = {k: frame[k].iloc[0] if len(frame) else None for k in record}
    return frame.drop(columns=record)


class Scenario:
    """A what-if: a model, failures injected into it, structural changes, a horizon.

    From a file: load_scenario(path). From a dict with the same fields as the YAML:
    Scenario({"model": "path/model.yaml", "failures": [...]}) or, sharing a model
    already loaded (much faster in a loop), model.scenario({...}).
    Scenarios pickle small (a path, or the dict's text and the model's path), so they
    can be sent to Dask workers, which load each model once.
    """

    def __init__(self, fields, model=None, file="<dict>"):
        if not isinstance(fields, dict):
            raise TypeError("fields: expected a dict with the fields of a scenario file, got "
                            + type(fields).__name__)
        fields = dict(fields)
        if model is None:
            if "model" not in fields:
                raise _core.InputError(f"{file}: error: missing field 'model' (the model file), "
                                 "or pass model=")
            model = load_model(fields["model"])
        elif not isinstance(model, Model):
            model = load_model(model)
        fields.setdefault("model", model.file)
        fields.setdefault("name", "Scenario")
        text = json.dumps(fields, indent=1, default=_plain)
        self._init(_core.parse(text, file, model._h), text=text, model=model)

    @classmethod
    def _of(cls, handle, text=None, model=None):
        self = cls.__new__(cls)
        self._init(handle, text=text, model=model)
        return self

    def _init(self, handle, text, model):
        self._h = handle
        self._text = text  # the dict as JSON text; None for a file
        self._model = model
        _warn(handle)

    @property
    def name(self):
        return self._h.name

    @property
    def file(self):
        """The scenario file, or the name given to a dict ("<dict>")."""
        return self._h.file

    @property
    def steps(self):
        """The horizon: steps simulated (states 0..steps)."""
        return self._h.steps

    @property
    def warnings(self):
        return list(self._h.warnings)

    @property
    def failures(self):
        """DataFrame of the failures: role, degrade, from, to (None: to the end)."""
        return pd.DataFrame(self._h.failures(), columns=["role", "degrade", "from", "to"])

    @property
    def model(self):
        """The model the scenario names (before its changes)."""
        if self._model is None:
            self._model = Model(self._h.model_only())
        return self._model

    def __repr__(self):
        return f"<orgsim.Scenario {self.name!r} ({self.file})>"

    def __reduce__(self):
        if self._text is None:
            return (_scenario_from_file, (self.file,))
        # The model's absolute path: the process that unpickles may run in another folder.
        return (_scenario_from_text,
                (self._text, self.file, os.path.abspath(self._h.model_file)))

    def run(self, steps=None, static=False, samples=0, seed=None, threshold=None, jobs=0,
            top=10, paths=5, loops=True, record_q=True):
        """Runs the scenario, as `orgsim run --json` does, and returns a Result.

        steps: override the scenario's horizon. static: the static fixed point
        q = min(1, A q + c) instead of the dynamic run q(k+1) = q(k) + K (A q(k) + c(k) - q(k)).
        samples, seed, threshold, jobs: Monte Carlo over the scenario's distributions
        (`--samples --seed --threshold --jobs`; jobs 0: every core; the figures do not
        depend on it). top: most degraded roles listed; paths: impact paths searched
        (0: none, and no loops). record_q: keep every role's q at every step.
        Runs without the GIL. Time complexity: O(steps x (roles + dependencies)) per run.
        """
        if seed is not None and not samples:
            raise ValueError("seed: needs samples > 0 (a Monte Carlo run)")
        result, seconds = _core.run(self._h, steps, bool(static), int(samples),
                                    int(seed or 0), threshold, int(jobs), int(top), int(paths),
                                    bool(loops), bool(record_q))
        return Result(result, seconds)

    def rank(self, degrade=0.5, exact=False, jobs=0):
        """As Model.rank(), on the model after this scenario's changes."""
        return _rank_frame(self._h, degrade, exact, jobs)


def load_model(path, strict=False):
    """Reads and checks a model file (YAML, or a model with CSV tables) and returns a
    Model. A scenario file gives the model it names. Raises InputError with the
    command line's `file:line:col: error: ...` lines; strict=True makes warnings errors."""
    return Model(_core.load(_fspath(path), strict))


def load_scenario(path, strict=False):
    """Reads and checks a scenario file (and the model it names) and returns a
    Scenario. A bare model file gives a scenario with no failures."""
    return Scenario._of(_core.load(_fspath(path), strict))


# Unpickling (Dask workers): each process loads a model file once.
_models = {}


def _cached_model(path):
    key = os.path.abspath(path)
    model = _models.get(key)
    if model is None:
        model = _models[key] = load_model(path)
    return model


def _scenario_from_file(path):
    return load_scenario(path)


def _scenario_from_text(text, file, model_file):
    model = _cached_model(model_file)
    return Scenario._of(_core.parse(text, file, model._h), text=text, model=model)
