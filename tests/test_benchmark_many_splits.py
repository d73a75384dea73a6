"""``benchmarks/many_splits.py``: the recommended balancer's target count over many splits."""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import many_splits
from balance_quality import TASKS, load, meets_target

from skbalance import AdaptiveVoronoiBalancer
from skbalance.experiments import run_comparison


def test_report_counts_the_task_splits_that_meet_the_target(tmp_path):
    output = tmp_path / "splits.md"
    many_splits.main(["--data", "digits", "--n-splits", "2", "--output", str(output)])
    report = output.read_text()
    assert "python benchmarks/many_splits.py --data digits --n-splits 2" in report

    X, y, pool_fraction, _ = load("digits", None)
    records = run_comparison(X, y, {"a": AdaptiveVoronoiBalancer()}, tasks=TASKS, seeds=[0, 1], pool_fraction=pool_fraction)
    met = sum(map(meets_target, records))
    row = re.search(r"^\| digits \| (\d+)/(\d+) \(\d+%\) \| - \| (\d+)/(\d+)", report, flags=re.MULTILINE)
    assert row is not None, report
    assert [int(g) for g in row.groups()] == [met, 2 * len(TASKS), met, 2 * len(TASKS)]
    assert "without `overlap`" not in report  # only digits was run


def test_a_variant_is_fitted_instead_of_the_defaults(tmp_path):
    output = tmp_path / "splits.md"
    many_splits.main(["--data", "digits", "--n-splits", "1", "--variant", "sharpen 1.25", "--output", str(output)])
    report = output.read_text()
    assert report.startswith("# A variant of the recommended balancer (sharpen 1.25)")
    assert "--variant 'sharpen 1.25'" in report

    X, y, pool_fraction, _ = load("digits", None)
    balancer = many_splits.VARIANTS["sharpen 1.25"][1]()
    records = run_comparison(X, y, {"a": balancer}, tasks=TASKS, seeds=[0], pool_fraction=pool_fraction)
    errors = [f"{r.balance_error:.3f}" for r in records]
    defaults = run_comparison(X, y, {"a": AdaptiveVoronoiBalancer()}, tasks=TASKS, seeds=[0], pool_fraction=pool_fraction)
    assert errors != [f"{r.balance_error:.3f}" for r in defaults]  # the variant is not the defaults
    assert f"| digits | {sum(map(meets_target, records))}/{len(TASKS)} (" in report
    mean = sum(r.balance_error for r in records) / len(records)
    assert f"| {mean:.3f} |" in report


def test_first_split_moves_the_seeds(tmp_path):
    output = tmp_path / "splits.md"
    many_splits.main(["--data", "digits", "--n-splits", "1", "--first-split", "30", "--output", str(output)])
    report = output.read_text()
    assert "on splits\n(seeds) 30–30 of each dataset" in report
    X, y, pool_fraction, _ = load("digits", None)
    records = run_comparison(X, y, {"a": AdaptiveVoronoiBalancer()}, tasks=TASKS, seeds=[30], pool_fraction=pool_fraction)
    met = sum(map(meets_target, records))
    # Every split is past the ones the defaults were chosen on.
    assert f"| digits | - | {met}/{len(TASKS)} (" in report
    with pytest.raises(SystemExit, match="first-split"):
        many_splits.main(["--data", "digits", "--first-split", "-1", "--output", str(output)])


def test_meets_target_needs_both_error_and_ess():
    class Record:
        def __init__(self, error, ess):
            self.balance_error, self.ess_fraction = error, ess

    assert meets_target(Record(0.10, 0.20))
    assert not meets_target(Record(0.11, 0.50))
    assert not meets_target(Record(0.01, 0.19))


def test_mnist_needs_its_folder(tmp_path):
    with pytest.raises(SystemExit, match="mnist-dir"):
        many_splits.main(["--data", "mnist", "--output", str(tmp_path / "x.md")])
