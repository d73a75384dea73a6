"""The benchmark scripts run end to end on small inputs and write their reports."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BENCHMARKS.exists(), reason="not a source checkout"),
]


def run(script, *args, tmp_path):
    output = tmp_path / "report.md"
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args, "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output.read_text()


def test_balance_quality_on_the_sets_that_need_no_mnist(tmp_path):
    report = run(
        "balance_quality.py",
        "--datasets",
        "digits",
        "clusters-B",
        "--n-splits",
        "1",
        tmp_path=tmp_path,
    )
    assert "python benchmarks/balance_quality.py --datasets digits clusters-B" in report
    assert "## Tuning family" in report and "## Confirmation family" in report
    # One split: 9 counted task-splits per set and balancer.
    assert "| digits | recommended | " in report and "/9 |" in report
    assert (
        "Not run (no `--mnist-dir`)" not in report
    )  # only sets without MNIST asked for


def test_balance_quality_candidates_are_public_api_expressions(tmp_path):
    report = run(
        "balance_quality.py",
        "--datasets",
        "clusters-A",
        "--n-splits",
        "1",
        "--candidate",
        "VoronoiBalancer()",
        tmp_path=tmp_path,
    )
    assert "| clusters-A | `VoronoiBalancer()` |" in report


def test_resampler_speed_reports_paired_ratios(tmp_path):
    report = run(
        "resampler_speed.py", "--n-samples", "20000", "--rounds", "3", tmp_path=tmp_path
    )
    assert "| ClassBalanceUnderSampler | RandomUnderSampler |" in report
    assert "median ratio" in report and "verdict" in report


def test_seed_comparison_on_digits(tmp_path):
    report = run("compare_seed.py", "--seeds", "0", tmp_path=tmp_path)
    assert "| recommended" not in report.split("## Side by side")[0]
    assert "recommended |" in report and "tasks where ours ≤ original" in report
