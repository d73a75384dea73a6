import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import softmax
from scipy.stats import multivariate_normal

from skbalance import DensityBalancer
from skbalance.utils import select_bandwidth


def test_density_matches_softmax_definition(two_blobs):
    _, subset, _ = two_blobs
    sigma, temperature = 0.2, 0.05
    w = (
        DensityBalancer(temperature=temperature, bandwidth=sigma)
        .fit(subset)
        .compute_sample_weight(subset)
    )
    n = len(subset)
    # ownership_t = softmax_i(T * log N(x_t; x_i, sigma^2 I))[t]
    logpdf = np.array(
        [
            multivariate_normal(mean=subset[i], cov=sigma**2).logpdf(subset)
            for i in range(n)
        ]
    ).T  # [t, i]
    ownership = softmax(temperature * logpdf, axis=1)[np.arange(n), np.arange(n)]
    assert_allclose(w, ownership / ownership.mean(), rtol=1e-8)


def test_density_default_width_is_pool_nn_distance(two_blobs):
    pool, _, _ = two_blobs
    b = DensityBalancer(temperature=0.04).fit(pool)
    assert b.bandwidth_ / np.sqrt(0.04) == pytest.approx(select_bandwidth(pool, "auto"))


def test_density_raises_isolated_points(two_blobs):
    pool, subset, y = two_blobs
    w = DensityBalancer().fit(pool).compute_sample_weight(subset)
    assert w[y == 1].mean() > w[y == 0].mean()
