import numpy as np
import pytest
import sklearn
from numpy.testing import assert_allclose
from scipy.special import softmax
from scipy.stats import multivariate_normal
from sklearn.neighbors import KernelDensity

from skbalance import DensityBalancer, KDEBalancer
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


@pytest.mark.filterwarnings("ignore:Could not adhere to working_memory")
def test_pairwise_work_is_chunked_exactly(two_blobs):
    pool, subset, _ = two_blobs
    for balancer in (KDEBalancer(), DensityBalancer()):
        expected = balancer.fit(pool).compute_sample_weight(subset)
        with sklearn.config_context(working_memory=0.001):
            assert_allclose(
                balancer.fit(pool).compute_sample_weight(subset), expected, rtol=1e-10
            )


def test_select_bandwidth_rules():
    X = np.random.RandomState(0).normal(scale=3.0, size=(500, 2))
    scott = select_bandwidth(X, "scott")
    assert scott == pytest.approx(np.sqrt(np.mean(X.var(axis=0))) * 500 ** (-1 / 6))
    assert select_bandwidth(X, "silverman") == pytest.approx(
        np.sqrt(np.mean(X.var(axis=0))) * (500 * 4 / 4) ** (-1 / 6)
    )
    assert select_bandwidth(X * 2, "nn") == pytest.approx(2 * select_bandwidth(X, "nn"))
    assert select_bandwidth(np.ones((5, 2)), "nn") == 1.0
    assert select_bandwidth(np.ones((5, 2)), "scott") == 1.0
    with pytest.raises(ValueError, match="bandwidth"):
        select_bandwidth(X, "wide")


@pytest.mark.parametrize("make", [KDEBalancer, DensityBalancer])
def test_n_jobs_gives_the_same_weights(two_blobs, make):
    pool, subset = two_blobs[0], two_blobs[1]
    serial = make().fit(pool).compute_sample_weight(subset)
    parallel = make(n_jobs=2).fit(pool).compute_sample_weight(subset)
    assert_allclose(parallel, serial, rtol=1e-10)


@pytest.mark.parametrize("make", [KDEBalancer, DensityBalancer])
def test_n_jobs_must_be_an_integer(two_blobs, make):
    with pytest.raises(ValueError, match="n_jobs"):
        make(n_jobs="all").fit(two_blobs[0])


def test_kernel_logsum_underflow_rows_are_exact():
    from scipy.special import logsumexp

    from skbalance.utils._kernels import gaussian_kernel_logsum

    rng = np.random.RandomState(0)
    X, Y = rng.normal(size=(5, 3)), rng.normal(size=(40, 3))
    X[0] += 50.0  # far from every y: its kernel mass underflows without the shift
    for dtype in (np.float32, np.float64):
        got = gaussian_kernel_logsum(X.astype(dtype), Y.astype(dtype), 0.3)
        expected = logsumexp(
            -((X[:, None, :] - Y[None]) ** 2).sum(-1) / (2 * 0.3**2), axis=1
        )
        # float32 GEMMs carry ~1e-7 relative error in ||x||^2 (here up to 50^2 * 3).
        tolerance = (
            {"rtol": 1e-3, "atol": 1e-3} if dtype == np.float32 else {"rtol": 1e-10}
        )
        assert_allclose(got, expected, **tolerance)


@pytest.mark.parametrize("n_samples", [2, 3, 500, 4001])
def test_median_nn_distance_equals_brute_force(n_samples):
    from sklearn.metrics import pairwise_distances

    rng = np.random.RandomState(n_samples)
    X = rng.normal(10, 1, size=(n_samples, 5))
    rows = np.unique(np.linspace(0, n_samples - 1, min(n_samples, 2000)).astype(int))
    dist = pairwise_distances(X[rows], X)
    dist[np.arange(rows.size), rows] = np.inf  # not itself
    expected = np.median(dist.min(axis=1))
    assert median_nn_distance(X) == pytest.approx(expected, rel=1e-9)
    assert median_nn_distance(X.astype(np.float32)) == pytest.approx(expected, rel=1e-4)
    with sklearn.config_context(working_memory=0.01):  # many batches
        assert median_nn_distance(X) == pytest.approx(expected, rel=1e-9)
