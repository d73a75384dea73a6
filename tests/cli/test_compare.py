import json

import pytest

from skbalance.cli import main
from skbalance.experiments import ORIGINAL_TASKS


def test_cli_table_csv_json(capsys, tmp_path):
    assert main(["compare", "--balancers", "uniform", "voronoi", "--seeds", "0"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("Each cell: the weighted class shares")
    assert "| Task | uniform | voronoi |" in table
    assert "| balancer | fit on the pool (s) | weight one subset (s) |" in table
    assert "2 (10%), 3 (90%)" in table and "err" in table and "ess" in table

    out = tmp_path / "r.json"
    main(
        [
            "compare",
            "--balancers",
            "kde",
            "--seeds",
            "0",
            "1",
            "--format",
            "json",
            "--output",
            str(out),
        ]
    )
    records = json.loads(out.read_text())
    assert len(records) == 2 * len(ORIGINAL_TASKS)
    assert set(records[0]) >= {
        "task",
        "seed",
        "balancer",
        "shares",
        "balance_error",
        "ess_fraction",
    }

    main(["compare", "--balancers", "uniform", "--seeds", "0", "--format", "csv"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("task,seed,balancer") and len(lines) == 1 + len(
        ORIGINAL_TASKS
    )


def test_cli_errors(capsys):
    with pytest.raises(SystemExit):
        main(["compare", "--balancers", "nope"])
    capsys.readouterr()
    assert main(["compare", "--data", "mnist"]) == 2
    assert capsys.readouterr().err.strip() == (
        "skbalance compare: error: --data mnist needs --mnist-dir DIR"
    )


def test_cli_mnist(mnist_dir, capsys):
    main(
        [
            "compare",
            "--mnist-dir",
            str(mnist_dir),
            "--balancers",
            "uniform",
            "voronoi",
            "--seeds",
            "0",
        ]
    )
    out = capsys.readouterr().out
    assert "| Task | uniform | voronoi |" in out


@pytest.mark.slow
def test_console_script_installed():
    import shutil
    import subprocess
    import sys

    exe = shutil.which("skbalance")
    cmd = [exe] if exe else [sys.executable, "-m", "skbalance"]
    result = subprocess.run(
        cmd + ["compare", "--help"], capture_output=True, text=True, check=True
    )
    assert "--mnist-dir" in result.stdout
