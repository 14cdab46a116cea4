"""What one run produced, as numpy arrays, a dict and DataFrames."""

import json

import pandas as pd


class Result:
    """One run of a scenario (Scenario.run, Model.run).

    cx       numpy array, CX score at states 0..steps (a read-only view, no copy)
    q        numpy array (steps + 1) x roles, each role's inoperability at each state
             (column order: role_ids); a static run gives one row, the fixed point
    summary  dict with the keys of `orgsim run --json` (docs/schema/run.schema.json)
    paths    DataFrame of the strongest impact paths; loops: of the feedback loops
    record   the run record: version, input files and their SHA-256, seed, samples
    samples  DataFrame of the Monte Carlo samples (cx_min, cx_final), or None
    run_seconds  the time the C++ run itself took
    """

    def __init__(self, core, run_seconds):
        self._r = core
        self._summary = None
        #: Seconds the C++ run took (app::run_scenario), without the binding around it.
        self.run_seconds = run_seconds

    @property
    def cx(self):
        return self._r.cx

    @property
    def q(self):
        return self._r.q

    @property
    def role_ids(self):
        """The role ids, in the order of q's columns (the model's order)."""
        return self._r.role_ids

    @property
    def summary(self):
        # Parsed from the very text `orgsim run --json` prints (17 significant digits),
        # so every number is the same double.
        if self._summary is None:
            self._summary = json.loads(self._r.json())
        return self._summary

    def json(self):
        """The run as the JSON text `orgsim run --json` writes."""
        return self._r.json()

    @property
    def record(self):
        """The run record (summary["run_record"], without parsing the summary)."""
        return self._r.record()

    @property
    def paths(self):
        """One row per impact path, strongest first: roles (list of ids, failed role
        first), gain, degrade, touchpoint, cx_points, share (of the linear CX drop)."""
        return pd.DataFrame(self._r.paths(), columns=["roles", "gain", "degrade", "touchpoint",
                                                      "cx_points", "share"])

    @property
    def loops(self):
        """One row per feedback loop through a failed role: roles, gain, amplifies,
        amplification (1 / (1 - gain))."""
        return pd.DataFrame(self._r.loops(), columns=["roles", "gain", "amplifies",
                                                      "amplification"])

    @property
    def samples(self):
        if self._r.samples_cx_min is None:
            return None
        return pd.DataFrame({"cx_min": self._r.samples_cx_min,
                             "cx_final": self._r.samples_cx_final})

    def __repr__(self):
        cx = self.cx
        return (f"<orgsim.Result: {len(cx) - 1} steps, CX {cx[0]:.2f} -> min {cx.min():.2f},"
                f" final {cx[-1]:.2f}>")
