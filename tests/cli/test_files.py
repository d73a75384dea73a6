"""``skbalance weights``, ``resample`` and ``plot`` on files, and their error paths."""

import time

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits

from skbalance import ClassBalanceOverSampler, VoronoiBalancer, default_balancer
from skbalance.cli import main
from skbalance.cli._common import Progress

pd = pytest.importorskip("pandas")

COLUMNS = [f"p{i}" for i in range(64)]


@pytest.fixture
def files(tmp_path):
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    rng = np.random.RandomState(0)
    order = rng.permutation(len(X))
    pool, rest = order[:900], order[900:]
    subset = np.r_[rng.choice(rest[y[rest] == 2], 9, replace=False), rest[y[rest] == 3]]
    pd.DataFrame(X[pool], columns=COLUMNS).to_csv(tmp_path / "pool.csv", index=False)
    frame = pd.DataFrame(X[subset], columns=COLUMNS)
    frame.insert(0, "name", [f"row{i}" for i in range(len(subset))])  # not numeric
    frame["label"] = y[subset]
    frame.to_csv(tmp_path / "subset.csv", index=False)
    np.save(tmp_path / "pool.npy", X[pool])
    np.save(tmp_path / "subset.npy", X[subset])
    return tmp_path, X[pool], X[subset], y[subset]


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def run_weights(capsys, path, *extra, output="out.csv"):
    """``skbalance weights`` on the fixture's CSV pair, writing ``path / output``."""
    files = ["--pool", path / "pool.csv", "--subset", path / "subset.csv"]
    return run(capsys, "weights", *files, "-o", path / output, *extra)


def test_weights_of_a_csv_pair(files, capsys):
    path, pool, subset, _ = files
    status, _, err = run_weights(
        capsys, path, "--columns", *COLUMNS, "--image-shape", "8x8"
    )
    assert status == 0
    out = pd.read_csv(path / "out.csv")
    # The subset as it was (every column kept, in order), with a weight column.
    assert list(out.columns) == ["name", *COLUMNS, "label", "weight"]
    expected = default_balancer(random_state=0, image_shape=(8, 8)).fit(pool)
    assert_allclose(out["weight"], expected.compute_sample_weight(subset))
    # The report: rows, the effective sample size, the weights' spread, the time.
    assert "900 rows; subset:" in err and "99 rows" in err
    assert "effective sample size:" in err and "quartiles" in err and "time" in err


def test_default_features_are_the_numeric_columns_and_stdout_is_csv(files, capsys):
    path, pool, subset, _ = files
    pd.DataFrame(pool, columns=COLUMNS).assign(label=0).to_csv(
        path / "pool_labelled.csv", index=False
    )
    status, out, err = run(
        capsys,
        "weights",
        "--pool",
        path / "pool.csv",
        "--subset",
        path / "subset.csv",
        "--quiet",
    )
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].endswith(",label,weight") and len(lines) == 1 + len(subset)
    # The pool's numeric columns are the features: the subset's label is not one.
    weights = np.array([float(line.rsplit(",", 1)[1]) for line in lines[1:]])
    assert_allclose(
        weights,
        default_balancer(random_state=0).fit(pool).compute_sample_weight(subset),
    )


def test_npy_files_and_a_named_balancer_with_parameters(files, capsys):
    path, pool, subset, _ = files
    status, _, _ = run(
        capsys,
        "weights",
        "--pool",
        path / "pool.npy",
        "--subset",
        path / "subset.npy",
        "--balancer",
        "voronoi",
        "--param",
        "n_references=500",
        "-o",
        path / "w.npy",
    )
    assert status == 0
    expected = VoronoiBalancer(n_references=500, random_state=0).fit(pool)
    assert_allclose(np.load(path / "w.npy"), expected.compute_sample_weight(subset))


def test_parquet(files, capsys):
    pytest.importorskip("pyarrow")
    path, pool, subset, _ = files
    pd.DataFrame(pool, columns=COLUMNS).to_parquet(path / "pool.parquet")
    pd.DataFrame(subset, columns=COLUMNS).to_parquet(path / "subset.parquet")
    status, _, _ = run(
        capsys,
        "weights",
        "--pool",
        path / "pool.parquet",
        "--subset",
        path / "subset.parquet",
        "-o",
        path / "out.parquet",
    )
    assert status == 0 and "weight" in pd.read_parquet(path / "out.parquet")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"--pool": "missing.csv"}, "missing.csv: no such file"),
        ({"--pool": "subset.data"}, "unknown format .data"),
        ({"-o": "nofolder/out.csv"}, "nofolder does not exist"),
        ({"-o": "out.xlsx"}, "cannot write .xlsx"),
        ({"--param": "n_votes=0"}, "'n_votes' parameter"),
        ({"--param": "nope=1"}, "--param nope: AdaptiveVoronoiBalancer has no such"),
        ({"--param": "n_votes"}, "expected NAME=VALUE"),
        ({"--balancer": "magic"}, "--balancer 'magic': choose recommended or one of"),
        ({"--image-shape": "8by8"}, "expected HxW or HxWxC"),
        ({"--image-shape": "9x9"}, "image_shape=(9, 9) holds 81 pixels"),
        ({"--balancer": "kde", "--image-shape": "8x8"}, "recommended balancer only"),
        ({"--columns": "nope"}, "no column 'nope'"),
        ({"--pool": "subset.csv", "--columns": "name"}, "column 'name' is not numeric"),
        (
            {"--subset": "short.csv"},
            "no column 'p2', 'p3', 'p4', 'p5', 'p6' and 57 more",
        ),
        ({"--subset": "nan.csv"}, "NaN"),
        ({"--subset": "empty.csv"}, "cannot read it as a table"),
    ],
)
def test_user_errors_are_one_line_without_traceback(files, capsys, changes, message):
    path = files[0]
    short = pd.DataFrame(np.ones((3, 2)), columns=["p0", "p1"])
    short.to_csv(path / "short.csv", index=False)
    with_nan = pd.read_csv(path / "subset.csv")
    with_nan.loc[0, "p10"] = np.nan
    with_nan.to_csv(path / "nan.csv", index=False)
    (path / "empty.csv").write_text("")
    (path / "subset.data").write_text("x")
    options = {"--pool": "pool.csv", "--subset": "subset.csv", **changes}
    argv = ["weights"]
    for flag, value in options.items():
        is_file = flag in ("--pool", "--subset", "-o")
        argv += [flag, path / value if is_file else value]
    status, _, err = run(capsys, *argv, "--quiet")
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("skbalance weights: error: ")
    assert message in err and "Traceback" not in err


def test_output_is_checked_before_the_work(files, capsys, monkeypatch):
    path = files[0]
    fitted = []
    monkeypatch.setattr(
        "skbalance.balancers.AdaptiveVoronoiBalancer.fit",
        lambda self, X, y=None: fitted.append(1),
    )
    status, _, err = run_weights(capsys, path, output="missing/out.csv")
    assert status == 2 and not fitted and "does not exist" in err


def test_progress_lines_on_a_terminal(files, capsys, monkeypatch):
    path = files[0]
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    status, _, err = run_weights(capsys, path)
    assert status == 0
    assert "[skbalance" in err and "pool rows" in err  # step lines
    assert "[AdaptiveVoronoiBalancer.fit]" in err or "AdaptiveVoronoiBalancer" in err


def test_progress_lines_carry_the_elapsed_time():
    import io

    stream = io.StringIO()
    progress = Progress(True, stream)
    progress("read the pool")
    time.sleep(0.01)
    assert (
        stream.getvalue().startswith("[skbalance ")
        and "s] read the pool" in stream.getvalue()
    )
    Progress(False, stream)("hidden")
    assert "hidden" not in stream.getvalue()


def test_resample_over_and_under(files, capsys):
    path = files[0]
    status, _, err = run(
        capsys,
        "resample",
        "--input",
        path / "subset.csv",
        "--label",
        "label",
        "-o",
        path / "over.csv",
    )
    assert status == 0
    over = pd.read_csv(path / "over.csv")
    assert over["label"].value_counts().to_dict() == {2: 90, 3: 90}
    assert "2: 9 -> 90" in err
    # Every original row is kept (oversampling never drops one).
    original = pd.read_csv(path / "subset.csv")
    assert set(original["name"]) <= set(over["name"])
    status, _, _ = run(
        capsys,
        "resample",
        "--input",
        path / "subset.csv",
        "--label",
        "label",
        "--under",
        "--sampling-strategy",
        '{"3": 20}',
        "-o",
        path / "under.csv",
    )
    assert status == 0
    assert pd.read_csv(path / "under.csv")["label"].value_counts().to_dict() == {
        3: 20,
        2: 9,
    }


def test_resample_multilabel_columns(tmp_path, capsys):
    rng = np.random.RandomState(0)
    Y = (rng.random_sample((200, 3)) < [0.8, 0.3, 0.1]).astype(int)
    frame = pd.DataFrame(rng.normal(size=(200, 2)), columns=["a", "b"])
    frame[["cat", "dog", "bird"]] = Y
    frame.to_csv(tmp_path / "tags.csv", index=False)
    status, _, err = run(
        capsys,
        "resample",
        "--input",
        tmp_path / "tags.csv",
        "--label",
        "cat",
        "dog",
        "bird",
        "-o",
        tmp_path / "out.csv",
    )
    assert status == 0 and "bird:" in err
    expected = ClassBalanceOverSampler(random_state=0).fit(frame[["a", "b"]], Y)
    out = pd.read_csv(tmp_path / "out.csv")
    assert out[["cat", "dog", "bird"]].sum().tolist() == list(
        expected.class_counts_after_.values()
    )


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--label", "nope"], "no column 'nope'"),
        (["--label", "label", "--sampling-strategy", "{bad"], "not a JSON dict"),
        (["--label", "label", "--sampling-strategy", '{"7": 5}'], "no class '7'"),
        (["--label", "label", "--sampling-strategy", "rare"], "sampling_strategy"),
    ],
)
def test_resample_errors(files, capsys, arguments, message):
    path = files[0]
    status, _, err = run(
        capsys,
        "resample",
        "--input",
        path / "subset.csv",
        *arguments,
        "-o",
        path / "r.csv",
    )
    assert status == 2 and message in err and err.count("\n") == 1


def test_plot_writes_a_png(files, capsys):
    pytest.importorskip("matplotlib")
    path = files[0]
    status, _, err = run(
        capsys,
        "plot",
        "--pool",
        path / "pool.csv",
        "--subset",
        path / "subset.csv",
        "--label",
        "label",
        "-o",
        path / "fig.png",
    )
    assert status == 0
    assert (path / "fig.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "balance error: 0.409 ->" in err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("skbalance 0.")
