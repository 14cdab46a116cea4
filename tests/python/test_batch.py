"""orgsim.batch against `orgsim batch`: the same columns and rows, every figure the
same double; runtime_ms is a measurement and differs from run to run."""

import pandas as pd
import pytest

import orgsim
from conftest import DEMO, ROOT


def cli_batch(cli, tmp_path, *args):
    out = tmp_path / "results.csv"
    cli("batch", *args, "-o", out, "--quiet", check=False)  # exit 2 with error rows
    return pd.read_csv(out)


def same_rows(got, expected):
    assert list(got.columns) == orgsim.BATCH_COLUMNS == list(expected.columns)
    pd.testing.assert_frame_equal(got.drop(columns="runtime_ms"),
                                  expected.drop(columns="runtime_ms"), check_exact=True)


def test_batch_equals_cli_batch(cli, tmp_path):
    same_rows(orgsim.batch([DEMO], jobs=2), cli_batch(cli, tmp_path, DEMO, "--jobs", 2))


def test_monte_carlo_batch_equals_cli_batch(cli, tmp_path):
    got = orgsim.batch(DEMO, jobs=2, samples=50, seed=7, threshold=82)
    same_rows(got, cli_batch(cli, tmp_path, DEMO, "--samples", 50, "--seed", 7,
                             "--threshold", 82))
    assert got["samples"].eq(50).all() and got["cx_min_p95"].notna().all()


def test_error_rows_equal_cli_error_rows(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(f"name: a\nmodel: {DEMO / 'model.yaml'}\nfailures:\n"
                                   "  - {role: payments, degrade: 0.5}\n")
    (folder / "b.yaml").write_text(f"name: b\nmodel: {DEMO / 'model.yaml'}\nfailures:\n"
                                   "  - {role: nobody, degrade: 0.5}\n")
    got = orgsim.batch(folder)
    same_rows(got, cli_batch(cli, tmp_path, folder))
    assert got["status"].tolist() == ["ok", "error"]
    assert "unknown role 'nobody'" in got["error"][1]


def test_scenario_objects_give_the_rows_of_their_files():
    files = orgsim.find_scenarios(DEMO)
    from_objects = orgsim.batch([orgsim.load_scenario(f) for f in files], jobs=2)
    same_rows(from_objects, orgsim.batch(files))


def test_dict_scenarios_in_a_loop(generated):
    model = orgsim.load_model(generated / "model.yaml")
    roles = model.roles["id"][:20]
    rows = orgsim.batch([model.scenario({"name": f"{r} at half", "failures":
                                         [{"role": r, "degrade": 0.5, "to": 5}]}, file=r)
                         for r in roles])
    assert rows["file"].tolist() == roles.tolist()
    assert rows["status"].eq("ok").all()
    assert (rows["cx_min"] <= rows["cx_baseline"]).all()


def test_two_shards_merged_equal_one_run(cli, tmp_path):
    # The route without Python: `orgsim batch --shard i/n`, then the README's merge.
    shards = []
    for i in (1, 2):
        out = tmp_path / f"results-{i}.csv"
        cli("batch", DEMO, "-o", out, "--shard", f"{i}/2", "--quiet")
        shards.append(pd.read_csv(out))
    merged = pd.concat(shards).sort_values("file").reset_index(drop=True)
    same_rows(merged, orgsim.batch(DEMO))


def test_mixed_items_are_refused():
    with pytest.raises(TypeError, match="not a mix"):
        orgsim.batch([DEMO, orgsim.load_scenario(DEMO / "slow-payments.yaml")])


def test_a_missing_path_is_a_value_error():
    with pytest.raises(ValueError, match="no such file or folder"):
        orgsim.batch(ROOT / "no-such-folder")
