import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.frozen import FrozenEstimator

from skbalance import (
    AdaptiveVoronoiBalancer,
    BalancerOverSampler,
    BalancerUnderSampler,
    ClusterBalancer,
    UniformBalancer,
)
from skbalance.base import BaseBalancer

SAMPLERS = [BalancerOverSampler, BalancerUnderSampler]


class FirstFeatureBalancer(BaseBalancer):
    """Weights proportional to the first feature (known weights for testing)."""

    def _compute_weights(self, Z):
        return Z[:, 0]


def _data(seed=0, n=100):
    rng = np.random.RandomState(seed)
    X = np.r_[
        rng.normal(0, 1, size=(n - n // 10, 3)), rng.normal(6, 1, size=(n // 10, 3))
    ]
    y = np.r_[np.zeros(n - n // 10, dtype=int), np.ones(n // 10, dtype=int)]
    return X, y


def test_oversampling_multiplicities_follow_weights():
    X = np.c_[[1.0, 1.0, 2.0, 4.0, 8.0], np.zeros(5)]
    sampler = BalancerOverSampler(FirstFeatureBalancer(), random_state=0)
    X_res = sampler.fit_resample(X)
    # Median weight gets one copy: multiplicities 1, 1, 1, 2, 4 (here exact).
    assert_array_equal(np.bincount(sampler.sample_indices_), [1, 1, 1, 2, 4])
    assert_array_equal(X_res, X[sampler.sample_indices_])
    assert sampler.weight_tv_distance_ == pytest.approx(
        0.5
        * (
            abs(1 / 9 - 1 / 16) * 2
            + abs(1 / 9 - 2 / 16)
            + abs(2 / 9 - 4 / 16)
            + abs(4 / 9 - 8 / 16)
        )
    )


def test_oversampling_to_a_target_size():
    X, y = _data()
    sampler = BalancerOverSampler(
        ClusterBalancer(n_clusters=2, random_state=0), n_samples=400, random_state=0
    )
    X_res, y_res = sampler.fit_resample(X, y)
    assert abs(len(X_res) - 400) <= 15
    assert set(sampler.sample_indices_) == set(range(len(X)))
    assert abs(np.mean(y_res) - 0.5) < 0.05


def test_undersampling_keeps_highest_weights_and_target_size():
    X, y = _data()
    sampler = BalancerUnderSampler(
        ClusterBalancer(n_clusters=2, random_state=0), random_state=0
    )
    _, y_res = sampler.fit_resample(X, y)
    assert np.sum(y_res == 1) == 10  # the rare cluster's rows all kept (probability 1)
    target = BalancerUnderSampler(
        ClusterBalancer(n_clusters=2, random_state=0), n_samples=40, random_state=0
    )
    target.fit(X, y)
    assert abs(target.n_samples_out_ - 40) <= 10


@pytest.mark.parametrize(
    "cls, n_samples, message",
    [
        (BalancerOverSampler, 10, "never drops"),
        (BalancerUnderSampler, 1000, "never adds"),
    ],
)
def test_impossible_sizes(cls, n_samples, message):
    X, y = _data()
    with pytest.raises(ValueError, match=message):
        cls(n_samples=n_samples).fit_resample(X, y)


@pytest.mark.parametrize("cls", SAMPLERS)
def test_y_passes_through_including_multilabel(cls):
    X, y = _data()
    multilabel = np.c_[y, 1 - y, np.arange(len(y)) % 2]
    sampler = cls(ClusterBalancer(n_clusters=2, random_state=0), random_state=0)
    X_res, Y_res = sampler.fit_resample(X, multilabel)
    assert Y_res.shape == (len(X_res), 3)
    assert_array_equal(Y_res, multilabel[sampler.sample_indices_])
    assert_array_equal(X_res, X[sampler.sample_indices_])


@pytest.mark.parametrize("cls", SAMPLERS)
def test_pandas_in_pandas_out(cls):
    X, y = _data()
    frame = pd.DataFrame(X, columns=["a", "b", "c"], index=np.arange(100, 200))
    series = pd.Series(y, index=frame.index, name="label")
    sampler = cls(ClusterBalancer(n_clusters=2, random_state=0), random_state=0)
    X_res, y_res = sampler.fit_resample(frame, series)
    assert isinstance(X_res, pd.DataFrame) and list(X_res.columns) == ["a", "b", "c"]
    assert isinstance(y_res, pd.Series) and y_res.name == "label"
    assert_array_equal(X_res.index, frame.index[sampler.sample_indices_])
    assert_array_equal(sampler.feature_names_in_, ["a", "b", "c"])


@pytest.mark.parametrize("cls", SAMPLERS)
def test_deterministic_and_no_mutation(cls):
    X, y = _data()
    X_copy, y_copy = X.copy(), y.copy()
    a = cls(random_state=3).fit(X, y).sample_indices_
    b = cls(random_state=3).fit(X, y).sample_indices_
    assert_array_equal(a, b)
    assert_array_equal(X, X_copy)
    assert_array_equal(y, y_copy)


def test_frozen_pool_balancer_is_used_as_is():
    X, y = _data()
    pool = np.r_[
        np.random.RandomState(1).normal(0, 1, size=(300, 3)),
        np.random.RandomState(2).normal(6, 1, size=(300, 3)),
    ]
    fitted = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    sampler = BalancerOverSampler(FrozenEstimator(fitted), random_state=0)
    sampler.fit(X, y)
    assert_allclose(sampler.sample_weight_, fitted.compute_sample_weight(X))
    assert np.bincount(y[sampler.sample_indices_])[1] > 50


def test_uniform_balancer_resamples_nothing():
    X, y = _data()
    over = BalancerOverSampler(UniformBalancer()).fit(X, y)
    assert_array_equal(over.sample_indices_, np.arange(len(X)))
    assert over.weight_tv_distance_ == 0.0


@pytest.mark.parametrize("cls", SAMPLERS)
def test_bad_input(cls):
    from scipy import sparse

    X, y = _data()
    with pytest.raises(TypeError, match="[Ss]parse"):
        cls().fit_resample(sparse.csr_matrix(X), y)
    X_nan = X.copy()
    X_nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        cls().fit_resample(X_nan, y)
    with pytest.raises(ValueError, match="inconsistent"):
        cls().fit_resample(X, y[:-1])
    with pytest.raises(ValueError, match="balancer"):
        cls(balancer="density").fit_resample(X, y)


@pytest.mark.parametrize("cls", SAMPLERS)
def test_in_imblearn_pipeline(cls):
    from imblearn.pipeline import make_pipeline
    from sklearn.linear_model import LogisticRegression

    X, y = _data()
    model = make_pipeline(cls(random_state=0), LogisticRegression()).fit(X, y)
    assert model.score(X, y) > 0.9


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(2, 60),
    n_samples_extra=st.integers(0, 100),
)
def test_oversampling_never_loses_a_row(seed, n, n_samples_extra):
    X = np.random.RandomState(seed).normal(size=(n, 2))
    y = np.arange(n)
    for sampler in (
        BalancerOverSampler(random_state=seed),
        BalancerOverSampler(n_samples=n + n_samples_extra, random_state=seed),
    ):
        _, y_res = sampler.fit_resample(X, y)
        assert set(y_res) == set(y)
        assert np.all(np.diff(sampler.sample_indices_) >= 0)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 60))
def test_undersampling_keeps_a_subset(seed, n):
    X = np.random.RandomState(seed).normal(size=(n, 2))
    sampler = BalancerUnderSampler(random_state=seed).fit(X)
    assert 1 <= sampler.n_samples_out_ <= n
    assert np.unique(sampler.sample_indices_).size == sampler.n_samples_out_
