"""Model.run and Scenario.run against `orgsim run --json`: the same document, every
number the same double (JSON with 17 significant digits reads back exactly)."""

import json

import numpy as np
import pytest

import orgsim
from conftest import DEMO, demo_scenarios

SCENARIOS = demo_scenarios()


def cli_json(cli, scenario, *options):
    return json.loads(cli("run", scenario, "--json", "-", *options))


def test_the_demo_has_scenarios():
    assert len(SCENARIOS) >= 10


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_dynamic_run_equals_cli_json(cli, path):
    result = orgsim.load_scenario(path).run()
    expected = cli_json(cli, path)
    assert result.summary == expected
    # The arrays hold the same doubles as the document.
    assert np.array_equal(result.cx, np.array(expected["cx"]["trajectory"]))
    q = np.array([role["trajectory"] for role in expected["roles"]]).T
    assert np.array_equal(result.q, q)
    assert result.role_ids == [role["id"] for role in expected["roles"]]
    assert result.record == expected["run_record"]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_static_run_equals_cli_json(cli, path):
    result = orgsim.load_scenario(path).run(static=True)
    expected = cli_json(cli, path, "--static")
    assert result.summary == expected
    # One state: the fixed point, each role's final q.
    assert np.array_equal(result.q[0], np.array([r["final"] for r in expected["roles"]]))


@pytest.mark.parametrize("name", ["uncertain-payments", "slow-payments"])
def test_monte_carlo_equals_cli_json(cli, name):
    path = DEMO / f"{name}.yaml"
    result = orgsim.load_scenario(path).run(samples=300, seed=42, threshold=80, jobs=2)
    expected = cli_json(cli, path, "--samples", 300, "--seed", 42, "--threshold", 80)
    assert result.summary == expected
    per_sample = expected["monte_carlo"]["per_sample"]
    assert np.array_equal(result.samples["cx_min"], per_sample["cx_min"])
    assert result.record["seed"] == 42 and result.record["samples"] == 300


def test_options_equal_cli_options(cli):
    path = DEMO / "slow-payments.yaml"
    result = orgsim.load_scenario(path).run(steps=12, top=3, paths=2)
    assert result.summary == cli_json(cli, path, "--steps", 12, "--top", 3, "--paths", 2)


def test_cx_is_a_read_only_view_that_keeps_the_run_alive():
    cx = orgsim.load_scenario(DEMO / "slow-payments.yaml").run().cx
    assert not cx.flags.writeable and not cx.flags.owndata
    assert cx[0] == 85.0  # the Result was dropped; the view still reads it


def test_paths_and_loops_are_the_json_lists():
    result = orgsim.load_scenario(DEMO / "slow-payments.yaml").run()
    paths = result.summary["impact_paths"]["paths"]
    assert list(result.paths["roles"]) == [p["roles"] for p in paths]
    assert list(result.paths["cx_points"]) == [p["cx_points"] for p in paths]
    loops = result.summary["feedback_loops"]
    assert list(result.loops["gain"]) == [loop["gain"] for loop in loops]


def test_a_dict_scenario_runs_as_its_file():
    # slow-payments.yaml as a dict: the same numbers; only the file names differ.
    model = orgsim.load_model(DEMO / "model.yaml")
    from_dict = model.run({"name": "Slow payment processing", "steps": 40,
                           "failures": [{"role": "payments", "degrade": 0.5, "from": 0,
                                         "to": 10}]})
    from_file = orgsim.load_scenario(DEMO / "slow-payments.yaml").run()
    assert np.array_equal(from_dict.cx, from_file.cx)
    assert np.array_equal(from_dict.q, from_file.q)
    assert from_dict.summary["impact_paths"] == from_file.summary["impact_paths"]
    assert from_dict.summary["scenario"]["file"] == "<dict>"


def test_model_run_without_a_scenario_changes_nothing():
    result = orgsim.load_model(DEMO / "model.yaml").run()
    assert np.all(result.cx == result.cx[0])
    assert np.all(result.q == 0.0)


def test_bad_options_raise_value_error():
    s = orgsim.load_scenario(DEMO / "slow-payments.yaml")
    with pytest.raises(ValueError, match="samples"):
        s.run(samples=0, seed=1)
    with pytest.raises(ValueError, match="threshold"):
        s.run(threshold=80)


def test_threads_run_side_by_side_with_the_same_numbers():
    # Runs release the GIL; one Scenario may run on several threads at once.
    from concurrent.futures import ThreadPoolExecutor

    s = orgsim.load_scenario(DEMO / "slow-payments.yaml")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: s.run(), range(8)))
    assert all(r.summary == results[0].summary for r in results)


def test_the_readme_example_prints_what_the_readme_shows():
    """README.md's "From Python" example (docs/examples/first_steps.py) runs as written."""
    import pathlib
    import subprocess
    import sys

    root = pathlib.Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "docs/examples/first_steps.py"], cwd=root,
                          capture_output=True, text=True, check=True)
    readme = (root / "README.md").read_text()
    command = "$ PYTHONPATH=build/python /usr/bin/python3 docs/examples/first_steps.py\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    assert done.stdout == shown
