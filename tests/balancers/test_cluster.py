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
    w = (
        ClusterBalancer(n_clusters=2, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert w[y == 1].sum() == pytest.approx(w[y == 0].sum())


def test_fit_on_subset_refits_on_x(two_blobs):
    pool, subset, y = two_blobs
    b = ClusterBalancer(n_clusters=2, fit_on="subset", random_state=0).fit(pool)
    assert b.mixture_ is None
    w = b.compute_sample_weight(subset)
    assert w[y == 1].sum() == pytest.approx(w[y == 0].sum())


def test_fit_on_subset_with_fewer_samples_than_clusters(two_blobs):
    pool, subset, _ = two_blobs
    w = (
        ClusterBalancer(n_clusters=10, fit_on="subset", random_state=0)
        .fit(pool)
        .compute_sample_weight(subset[:4])
    )
    assert_allclose(w, 1.0)


def test_pool_smaller_than_n_clusters():
    with pytest.raises(ValueError, match="n_samples = 3"):
        ClusterBalancer(n_clusters=5).fit(np.random.RandomState(0).normal(size=(3, 2)))


def test_max_pool_samples_fits_the_mixture_on_a_random_sample(two_blobs):
    pool, subset, _ = two_blobs
    big = np.r_[pool, pool + 0.01]
    capped = ClusterBalancer(n_clusters=2, max_pool_samples=50, random_state=0).fit(big)
    assert capped.n_pool_samples_ == big.shape[0]
    # The same rows as fitting on the sample directly (drawn with the same seed).
    rows = np.sort(
        np.random.RandomState(0).choice(big.shape[0], size=50, replace=False)
    )
    direct = ClusterBalancer(n_clusters=2, max_pool_samples=None, random_state=0).fit(
        big[rows]
    )
    np.testing.assert_allclose(capped.mixture_.means_, direct.mixture_.means_)
    np.testing.assert_allclose(
        capped.compute_sample_weight(subset), direct.compute_sample_weight(subset)
    )
    # A pool no larger than the cap is used whole.
    whole = ClusterBalancer(
        n_clusters=2, max_pool_samples=big.shape[0], random_state=0
    ).fit(big)
    np.testing.assert_allclose(
        whole.mixture_.means_,
        ClusterBalancer(n_clusters=2, max_pool_samples=None, random_state=0)
        .fit(big)
        .mixture_.means_,
    )


@pytest.mark.parametrize(
    "param, value",
    [
        ("n_clusters", 0),
        ("fit_on", "test"),
        ("covariance_type", "dense"),
        ("max_pool_samples", 0),
        ("max_pool_samples", 2.5),
    ],
)
def test_invalid_parameters(two_blobs, param, value):
    pool, _, _ = two_blobs
    with pytest.raises(ValueError, match=param):
        ClusterBalancer(**{param: value}).fit(pool)


def test_verbose_is_passed_to_the_mixture(two_blobs, capsys):
    pool, subset, _ = two_blobs
    quiet = (
        ClusterBalancer(n_clusters=2, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert capsys.readouterr().out == ""
    loud = ClusterBalancer(n_clusters=2, random_state=0, verbose=1).fit(pool)
    assert loud.mixture_.verbose == 1 and "Initialization" in capsys.readouterr().out
    np.testing.assert_array_equal(loud.compute_sample_weight(subset), quiet)
