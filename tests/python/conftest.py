"""Shared fixtures: the repository, the `orgsim` binary the module is compared with,
and a folder of generated scenarios. ctest sets PYTHONPATH to build/python and
ORGSIM_BINARY; numpy, pandas, dask and pytest are required, never skipped (setup
installs them), so a missing one fails the suite."""

import os
import pathlib
import subprocess

import numpy  # noqa: F401  (a missing numpy fails here, loudly)
import pandas  # noqa: F401
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "scenarios" / "contact-center"


def demo_scenarios():
    """The demo's scenario files (those with a `model:` line), sorted."""
    return sorted(p for p in DEMO.glob("*.yaml")
                  if any(line.startswith("model:") for line in p.read_text().splitlines()))


@pytest.fixture(scope="session")
def orgsim_binary():
    path = os.environ.get("ORGSIM_BINARY", str(ROOT / "build" / "orgsim"))
    assert os.access(path, os.X_OK), f"ORGSIM_BINARY: no orgsim program at {path}"
    return path


@pytest.fixture(scope="session")
def cli(orgsim_binary):
    """Runs `orgsim ARGS...` and returns its stdout; fails on a non-zero exit."""

    def run(*args, check=True):
        done = subprocess.run([orgsim_binary, *map(str, args)], capture_output=True,
                              text=True, cwd=ROOT)
        if check:
            assert done.returncode == 0, done.stderr
        return done.stdout

    return run


@pytest.fixture(scope="session")
def generated(tmp_path_factory, cli):
    """1,000 generated scenarios of a 100-role model (`orgsim generate`)."""
    out = tmp_path_factory.mktemp("generated") / "org"
    cli("generate", "--roles", 100, "--departments", 6, "--seed", 3, "--scenarios", 1000,
        "-o", out)
    return out
