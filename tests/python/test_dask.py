"""orgsim.dask.batch on a local two-process cluster: the rows of orgsim.batch."""

import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

import orgsim
import orgsim.dask


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def same_rows(got, expected):
    assert list(got.columns) == orgsim.BATCH_COLUMNS
    pd.testing.assert_frame_equal(got.drop(columns="runtime_ms"),
                                  expected.drop(columns="runtime_ms"), check_exact=True)


def test_thousand_generated_scenarios_equal_orgsim_batch(client, generated):
    got = orgsim.dask.batch([generated / "scenarios"], client)
    assert len(got) == 1000
    same_rows(got, orgsim.batch(generated / "scenarios", jobs=2))


def test_models_are_loaded_once_per_worker(client, generated):
    orgsim.dask.batch([generated / "scenarios"], client, chunk_size=50)
    loaded = client.run(lambda: len(orgsim.dask._models()))
    assert sorted(loaded.values()) == [1, 1]


def test_dict_scenarios_and_monte_carlo(client, generated):
    model = orgsim.load_model(generated / "model.yaml")
    scenarios = [model.scenario({"name": r, "failures": [{"role": r, "degrade": 0.3}]}, file=r)
                 for r in model.roles["id"][:40]]
    same_rows(orgsim.dask.batch(scenarios, client, samples=5, seed=1),
              orgsim.batch(scenarios, samples=5, seed=1))


def test_relative_paths_are_the_clients(client, generated, monkeypatch):
    # The workers started in another folder; rows still name the files as given.
    monkeypatch.chdir(generated)
    got = orgsim.dask.batch(["scenarios"], client, chunk_size=200)
    assert got["file"].iloc[0] == "scenarios/s0001.yaml"
    same_rows(got, orgsim.batch(["scenarios"]))
