"""``benchmarks/support_test.py``: its support statistic is the one the balancer tests."""

import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_digits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from support_test import pool_votes

from skbalance import AdaptiveVoronoiBalancer


@pytest.mark.parametrize("support_neighbors", [8, None])
def test_statistic_decides_the_first_vote_of_the_per_sample_test(support_neighbors):
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    order = np.random.RandomState(0).permutation(len(y))
    pool, rest = order[:900], order[900:]
    subset = np.r_[rest[y[rest] == 3], rest[y[rest] == 2][:8]]
    balancer = AdaptiveVoronoiBalancer(support_neighbors=support_neighbors, region_size=None, random_state=0)
    balancer.fit(X[pool])
    owners, statistic, passes = pool_votes(balancer, X[subset])
    assert owners.shape == passes.shape == (len(pool), balancer.n_votes) and statistic.shape == (len(pool),)
    # Without the region test a first vote counts exactly when the statistic is at most log(support).
    decided = np.abs(statistic - np.log(balancer.support)) > 1e-9
    assert 0 < passes[:, 0].mean() < 1
    np.testing.assert_array_equal(passes[decided, 0], statistic[decided] <= np.log(balancer.support))
