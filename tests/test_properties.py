"""Hypothesis property tests for every balancer and the metrics."""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose
from sklearn.utils.class_weight import compute_sample_weight

from skbalance import (
    AdaptiveVoronoiBalancer,
    BoxVoronoiBalancer,
    DensityBalancer,
    KDEBalancer,
    SmoothVoronoiBalancer,
    VoronoiBalancer,
)
from skbalance.metrics import balance_error, effective_sample_size
from skbalance.utils.discovery import all_balancers


def _adaptive_with_pool_share():
    return AdaptiveVoronoiBalancer(pool_share=0.5)


_adaptive_with_pool_share.__name__ = "AdaptiveVoronoiBalancer(pool_share=0.5)"

#: Every balancer class, and settings that take another path through the code.
BALANCERS = [cls for _, cls in all_balancers()] + [_adaptive_with_pool_share]
SCALE_FREE = [
    VoronoiBalancer,
    BoxVoronoiBalancer,
    SmoothVoronoiBalancer,
    KDEBalancer,
    DensityBalancer,
]

SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _make(cls, seed=0):
    balancer = cls()
    if "random_state" in balancer.get_params():
        balancer.set_params(random_state=seed)
    return balancer


@st.composite
def continuous_data(draw):
    """Pool and subset of continuous Gaussian-mixture data (ties have probability 0)."""
    seed = draw(st.integers(0, 2**31 - 1))
    n_features = draw(st.integers(1, 5))
    n_pool = draw(st.integers(12, 60))
    n_subset = draw(st.integers(2, 40))
    scale = draw(st.floats(1e-2, 1e2))
    rng = np.random.RandomState(seed)
    centers = rng.normal(scale=3.0, size=(3, n_features))
    pool = (
        centers[rng.randint(3, size=n_pool)] + rng.normal(size=(n_pool, n_features))
    ) * scale
    subset = (
        centers[rng.randint(3, size=n_subset)] + rng.normal(size=(n_subset, n_features))
    ) * scale
    return pool, subset, seed


@st.composite
def arbitrary_data(draw):
    """Any bounded float data, duplicates and constant columns included.

    Magnitudes below 1e-50 become 0: a pool of zeros and 1e-268 against a subset
    at 1 overflows squared distances, which balancers refuse with a ValueError
    (tests/test_robustness.py), not a property of the weights.
    """
    n_features = draw(st.integers(1, 4))
    elements = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False).map(
        lambda x: 0.0 if abs(x) < 1e-50 else x
    )
    pool = draw(
        arrays(np.float64, (draw(st.integers(12, 40)), n_features), elements=elements)
    )
    subset = draw(
        arrays(np.float64, (draw(st.integers(1, 30)), n_features), elements=elements)
    )
    return pool, subset


@pytest.mark.parametrize("cls", BALANCERS, ids=lambda c: c.__name__)
@SETTINGS
@given(data=arbitrary_data())
def test_weights_finite_nonnegative_mean_one(cls, data):
    pool, subset = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. GaussianMixture on duplicate points
        w = _make(cls).fit(pool).compute_sample_weight(subset)
    assert w.shape == (len(subset),) and w.dtype == np.float64
    assert np.all(np.isfinite(w)) and np.all(w >= 0)
    assert_allclose(w.mean(), 1.0, rtol=1e-9)


@pytest.mark.parametrize("cls", BALANCERS, ids=lambda c: c.__name__)
@SETTINGS
@given(data=continuous_data())
def test_permutation_equivariance(cls, data):
    pool, subset, seed = data
    perm = np.random.RandomState(seed).permutation(len(subset))
    fitted = _make(cls).fit(pool)
    assert_allclose(
        fitted.compute_sample_weight(subset[perm]),
        fitted.compute_sample_weight(subset)[perm],
        rtol=1e-6,
        atol=1e-9,
    )


@pytest.mark.parametrize("cls", BALANCERS, ids=lambda c: c.__name__)
@SETTINGS
@given(data=continuous_data())
def test_deterministic_under_random_state(cls, data):
    pool, subset, seed = data
    first = _make(cls, seed).fit(pool).compute_sample_weight(subset)
    second = _make(cls, seed).fit(pool).compute_sample_weight(subset)
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("cls", SCALE_FREE, ids=lambda c: c.__name__)
@SETTINGS
@given(data=continuous_data(), factor=st.floats(1e-2, 1e2))
def test_scale_invariance(cls, data, factor):
    pool, subset, seed = data
    w = _make(cls, seed).fit(pool).compute_sample_weight(subset)
    w_scaled = (
        _make(cls, seed).fit(pool * factor).compute_sample_weight(subset * factor)
    )
    assert_allclose(w_scaled, w, rtol=1e-5, atol=1e-8)


@SETTINGS
@given(y=arrays(np.int64, st.integers(1, 60), elements=st.integers(0, 4)))
def test_balanced_class_weights_have_zero_error(y):
    assert balance_error(y, compute_sample_weight("balanced", y)) == pytest.approx(
        0.0, abs=1e-12
    )


@SETTINGS
@given(
    y=arrays(np.int64, 30, elements=st.integers(0, 3)),
    w=arrays(np.float64, 30, elements=st.floats(0, 1e6)),
)
def test_metric_ranges(y, w):
    if w.sum() == 0:
        w = w + 1.0
    k = np.unique(y).size
    assert 0.0 <= balance_error(y, w) <= 1 - 1 / k + 1e-12
    assert 1.0 - 1e-9 <= effective_sample_size(w) <= len(w) + 1e-9


@SETTINGS
@given(
    weights=arrays(np.float64, st.integers(1, 60), elements=st.floats(0, 1e6)),
    fraction=st.floats(0.01, 1.0),
)
def test_ess_floor_cap_is_the_largest_cap_that_reaches_the_target(weights, fraction):
    from skbalance.utils._weights import cap_weights_to_ess

    capped = cap_weights_to_ess(weights, fraction)
    assert np.all(capped <= weights) and np.array_equal(capped > 0, weights > 0)
    if not weights.any():
        return
    target = fraction * weights.size
    reachable = np.count_nonzero(weights)  # ESS of equal positive weights
    ess = effective_sample_size(capped)
    if reachable < target * (1 - 1e-9):
        positive = capped[capped > 0]
        assert_allclose(positive, positive[0])  # the flattest weights
    else:
        assert ess >= target * (1 - 1e-9)
        if effective_sample_size(weights) < target:
            # Largest such cap: a slightly higher one misses the target.
            top = capped.max()
            assert effective_sample_size(
                np.minimum(weights, top * (1 + 1e-6))
            ) < target or np.all(np.minimum(weights, top * (1 + 1e-6)) == capped)
        else:
            assert_allclose(capped, weights)
