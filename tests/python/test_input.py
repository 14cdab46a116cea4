"""Loading: models as DataFrames, scenarios from dicts, and errors that carry the
command line's `file:line:col: error: ...` lines."""

import pickle
import subprocess

import pandas as pd
import pytest

import orgsim
from conftest import DEMO


@pytest.fixture(scope="module")
def model():
    return orgsim.load_model(DEMO / "model.yaml")


def test_model_tables_are_data_frames(model):
    assert isinstance(model.roles, pd.DataFrame)
    assert list(model.roles.columns) == ["id", "name", "department", "recovery", "touchpoint",
                                         "description"]
    assert len(model.roles) == len(model) == 32
    assert list(model.dependencies.columns) == ["role", "depends_on", "weight"]
    row = model.dependencies.query("role == 'checkout' and depends_on == 'payments'")
    assert row["weight"].tolist() == [0.35]
    assert model.departments.iloc[0].tolist() == ["leadership", "Top management"]
    assert model.cx_baseline == 85.0 and model.name == "Contact center"


def test_bad_dict_raises_input_error_naming_the_field(model):
    with pytest.raises(orgsim.InputError) as caught:
        model.scenario({"failures": [{"role": "payments", "degrade": 1.5, "form": 3}]})
    assert str(caught.value) == (
        "<dict>:5:15: error: degrade must be in (0, 1], got 1.5\n"
        '       "degrade": 1.5,\n'
        "                  ^\n"
        "<dict>:6:4: error: unknown field 'form' in failure; did you mean 'from'?\n"
        '       "form": 3\n'
        "       ^\n")
    assert isinstance(caught.value, orgsim.Error)


def test_numpy_values_in_a_dict_are_plain_numbers(model):
    import numpy as np

    s = model.scenario({"steps": np.int64(12), "failures": [
        {"role": "payments", "degrade": np.float64(0.5), "to": np.int32(4)}]})
    assert s.steps == 12 and s.failures["to"].tolist() == [4]


def test_unknown_role_in_dict_suggests_one(model):
    with pytest.raises(orgsim.InputError, match="unknown role 'paymnts'; did you mean 'payments'"):
        model.scenario({"failures": [{"role": "paymnts", "degrade": 0.5}]}, file="mine")


def test_dict_without_a_model_names_the_field():
    with pytest.raises(orgsim.InputError, match="missing field 'model'"):
        orgsim.Scenario({"failures": []})


def test_dict_with_a_model_path_loads_it():
    s = orgsim.Scenario({"model": str(DEMO / "model.yaml"),
                         "failures": [{"role": "payroll", "degrade": 0.4}]})
    assert s.failures.iloc[0].tolist()[:3] == ["payroll", 0.4, 0]
    assert s.model.name == "Contact center"


def test_file_errors_equal_the_cli_errors(orgsim_binary, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"name: typo\nmodel: {DEMO / 'model.yaml'}\nfailures:\n  - {{role: payrol, degrade: 0.5}}\n")
    with pytest.raises(orgsim.InputError) as caught:
        orgsim.load_scenario(bad)
    assert str(caught.value).startswith(
        f"{bad}:4:12: error: unknown role 'payrol'; did you mean 'payroll'?")
    done = subprocess.run([orgsim_binary, "run", str(bad)], capture_output=True, text=True)
    assert done.returncode == 2
    assert str(caught.value) in done.stderr


def test_missing_file_is_an_input_error():
    with pytest.raises(orgsim.InputError, match="nope.yaml"):
        orgsim.load_model("nope.yaml")


def test_scenarios_pickle_small_and_come_back(model):
    s = model.scenario({"name": "p", "failures": [{"role": "payments", "degrade": 0.5}]})
    again = pickle.loads(pickle.dumps(s))
    assert again.name == "p" and again.failures.equals(s.failures)
    f = orgsim.load_scenario(DEMO / "slow-payments.yaml")
    assert len(pickle.dumps(f)) < 300
    assert pickle.loads(pickle.dumps(f)).run().summary == f.run().summary


def test_rank_equals_cli_rank_csv(cli, model, tmp_path):
    import io

    expected = pd.read_csv(io.StringIO(cli("rank", DEMO / "model.yaml", "--csv", "-",
                                           "--degrade", 0.3)))
    got = model.rank(degrade=0.3)
    record = got.attrs["run_record"]
    pd.testing.assert_frame_equal(got, expected.drop(columns=list(record)), check_exact=True)
    assert record["model_sha256"] == expected["model_sha256"][0]
    exact = model.rank(degrade=0.3, exact=True, jobs=2)
    assert "exact_cx_points" in exact.columns and "differs" in exact.columns


def test_help_lists_the_api():
    doc = orgsim.__doc__
    for name in ["load_model", "load_scenario", "batch", "InputError", "orgsim.dask"]:
        assert name in doc
    for f in [orgsim.load_model, orgsim.load_scenario, orgsim.batch, orgsim.Model.run,
              orgsim.Model.rank, orgsim.Scenario.run, orgsim.Model.scenario]:
        assert f.__doc__
