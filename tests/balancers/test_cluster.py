import numpy as np
import pytest
from numpy.testing import assert_allclose

from skbalance import ClusterBalancer


def test_every_component_carries_equal_weight(two_blobs):
    pool, subset, _ = two_blobs
    b = ClusterBalancer(n_clusters=4, random_state=0).fit(pool)
    w = b.compute_sample_weight(subset)
    labels = b.mixture_.predict(subset)
    totals = np.bincount(labels, weights=w)
    occupied = totals[np.bincount(labels) > 0]
    assert_allclose(occupied, occupied[0])


def test_two_blobs_balanced_exactly(two_blobs):
    pool, subset, y = two_blobs
    w = ClusterBalancer(n_clusters=2, random_state=0).fit(pool).compute_sample_weight(subset)
    assert w[y == 1].sum() == pytest.approx(w[y == 0].sum())


def test_fit_on_subset_refits_on_x(two_blobs):
    pool, subset, y = two_blobs
    b = ClusterBalancer(n_clusters=2, fit_on="subset", random_state=0).fit(pool)
    assert b.mixture_ is None
    w = b.compute_sample_weight(subset)
    assert w[y == 1].sum() == pytest.approx(w[y == 0].sum())


def test_fit_on_subset_with_fewer_samples_than_clusters(two_blobs):
    pool, subset, _ = two_blobs
    w = ClusterBalancer(n_clusters=10, fit_on="subset", random_state=0).fit(pool).compute_sample_weight(subset[:4])
    assert_allclose(w, 1.0)


def test_pool_smaller_than_n_clusters():
    with pytest.raises(ValueError, match="n_samples = 3"):
        ClusterBalancer(n_clusters=5).fit(np.random.RandomState(0).normal(size=(3, 2)))


@pytest.mark.parametrize("param, value", [("n_clusters", 0), ("fit_on", "test"), ("covariance_type", "dense")])
def test_invalid_parameters(two_blobs, param, value):
    pool, _, _ = two_blobs
    with pytest.raises(ValueError, match=param):
        ClusterBalancer(**{param: value}).fit(pool)
