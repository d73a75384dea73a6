import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.neighbors import KernelDensity

from skbalance import KDEBalancer
from skbalance.metrics import weighted_class_distribution
from skbalance.utils import median_nn_distance, select_bandwidth


def test_kde_matches_sklearn_kernel_density_ratio(two_blobs):
    pool, subset, _ = two_blobs
    w = (
        KDEBalancer(bandwidth=0.4, subset_bandwidth=0.7)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    log_ratio = KernelDensity(bandwidth=0.4).fit(pool).score_samples(
        subset
    ) - KernelDensity(bandwidth=0.7).fit(subset).score_samples(subset)
    expected = np.exp(log_ratio - log_ratio.max())
    assert_allclose(w, expected / expected.mean(), rtol=1e-6)


def test_kde_default_bandwidths_follow_the_pool(two_blobs):
    pool, subset, y = two_blobs
    b = KDEBalancer().fit(pool)
    assert b.bandwidth_ == pytest.approx(select_bandwidth(pool, "auto"))
    assert b.bandwidth_ >= median_nn_distance(pool)
    assert (
        weighted_class_distribution(y, b.compute_sample_weight(subset))[1] > 0.4
    )  # uniform: 0.1


def test_kde_at_the_blob_scale_balances(two_blobs):
    pool, subset, y = two_blobs
    w = KDEBalancer(bandwidth=0.3).fit(pool).compute_sample_weight(subset)
    assert weighted_class_distribution(y, w)[1] == pytest.approx(0.5, abs=0.1)


def test_kde_no_overflow_with_tiny_bandwidth(two_blobs):
    pool, subset, _ = two_blobs
    w = KDEBalancer(bandwidth=1e-3).fit(pool).compute_sample_weight(subset)
    assert np.all(np.isfinite(w)) and w.max() > 0


@pytest.mark.parametrize("bad", [0.0, -1.0, "wide"])
def test_kde_invalid_bandwidth(two_blobs, bad):
    pool, _, _ = two_blobs
    with pytest.raises(ValueError, match="bandwidth"):
        KDEBalancer(bandwidth=bad).fit(pool)
