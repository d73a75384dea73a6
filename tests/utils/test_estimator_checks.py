"""The balancer check suite catches broken balancers (so its checks can fail)."""

import numpy as np
import pytest

from skbalance import UniformBalancer, VoronoiBalancer
from skbalance.base import BaseBalancer
from skbalance.utils import estimator_checks as ec


class MutatingBalancer(BaseBalancer):
    def fit(self, X, y=None):
        X[0, 0] = 0.0 if isinstance(X, np.ndarray) else X
        return super().fit(X, y)

    def _compute_weights(self, Z):
        return np.ones(len(Z))


class OrderDependentBalancer(BaseBalancer):
    def _compute_weights(self, Z):
        return np.arange(1, len(Z) + 1, dtype=float)


class RandomBalancer(BaseBalancer):
    def __init__(self, transformer=None, random_state=None):
        super().__init__(transformer=transformer)
        self.random_state = random_state

    def _compute_weights(self, Z):
        return np.random.rand(len(Z))  # ignores random_state


class LabelUsingBalancer(BaseBalancer):
    def fit(self, X, y=None):
        self.offset_ = 0.0 if y is None else 1.0
        return super().fit(X)

    def _compute_weights(self, Z):
        return np.abs(Z[:, 0]) + self.offset_


class NoValidationBalancer(BaseBalancer):
    def fit(self, X, y=None):
        self.n_features_in_ = np.asarray(X).shape[1]
        return self

    def compute_sample_weight(self, X):
        return np.ones(len(X))


@pytest.mark.parametrize(
    "balancer, check, message",
    [
        (
            MutatingBalancer(),
            ec.check_balancer_does_not_mutate_input,
            "modified the pool",
        ),
        (
            OrderDependentBalancer(),
            ec.check_balancer_permutation_equivariance,
            "permutation",
        ),
        (RandomBalancer(), ec.check_balancer_deterministic, "differ"),
        (LabelUsingBalancer(), ec.check_balancer_ignores_y, "uses y"),
        (NoValidationBalancer(), ec.check_balancer_nan_inf, "did not raise"),
        (NoValidationBalancer(), ec.check_balancer_not_fitted, "did not raise"),
        (NoValidationBalancer(), ec.check_balancer_feature_mismatch, "did not raise"),
        (NoValidationBalancer(), ec.check_balancer_empty_input, "did not raise"),
    ],
)
def test_check_detects_broken_balancer(balancer, check, message):
    with pytest.raises(AssertionError, match=message):
        check(type(balancer).__name__, balancer)


def test_check_balancer_passes_and_reports_skips():
    assert ec.check_balancer(UniformBalancer()) == []


def test_check_balancer_raises_on_first_failure():
    with pytest.raises(AssertionError, match="permutation"):
        ec.check_balancer(OrderDependentBalancer())


def test_make_balancer_data_has_no_distance_ties():
    from scipy.spatial.distance import pdist

    pool, subset = ec.make_balancer_data()
    d = pdist(np.r_[pool, subset])
    assert np.unique(d).size == d.size


def test_parametrize_with_checks_ids():
    mark = ec.parametrize_with_checks([VoronoiBalancer()])
    ids = mark.kwargs["ids"]
    assert len(ids) == len(list(ec._yield_balancer_checks(VoronoiBalancer())))
    assert all(i.startswith("VoronoiBalancer()-check_balancer_") for i in ids)
