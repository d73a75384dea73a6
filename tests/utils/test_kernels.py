import numpy as np
import pytest
import sklearn
from numpy.testing import assert_allclose

from skbalance import DensityBalancer, KDEBalancer


def test_nearest_votes_chunking_is_exact(two_blobs):
    import sklearn

    from skbalance.utils._kernels import nearest_votes

    pool, subset, _ = two_blobs
    expected = nearest_votes(pool, subset, n_votes=3)
    with sklearn.config_context(working_memory=0.001):
        assert_allclose(nearest_votes(pool, subset, n_votes=3), expected)
    assert expected.sum() == pytest.approx(len(pool))


@pytest.mark.parametrize("n_votes", [1, 3])
def test_nearest_votes_equal_brute_force_in_float32_and_float64(two_blobs, n_votes):
    from sklearn.metrics import pairwise_distances

    from skbalance.utils._kernels import nearest_votes

    pool, subset, _ = two_blobs
    nearest = np.argsort(pairwise_distances(pool, subset), axis=1, kind="stable")[
        :, :n_votes
    ]
    expected = np.bincount(nearest.ravel(), minlength=len(subset)) / n_votes
    assert_allclose(nearest_votes(pool, subset, n_votes=n_votes), expected)
    assert_allclose(nearest_votes(pool, subset, n_votes=n_votes, n_jobs=2), expected)
    votes32 = nearest_votes(
        pool.astype(np.float32), subset.astype(np.float32), n_votes=n_votes
    )
    assert np.abs(votes32 - expected).sum() <= 0.01 * len(
        pool
    )  # float32 may flip a rare near-tie


@pytest.mark.filterwarnings("ignore:Could not adhere to working_memory")
def test_pairwise_work_is_chunked_exactly(two_blobs):
    pool, subset, _ = two_blobs
    for balancer in (KDEBalancer(), DensityBalancer()):
        expected = balancer.fit(pool).compute_sample_weight(subset)
        with sklearn.config_context(working_memory=0.001):
            assert_allclose(
                balancer.fit(pool).compute_sample_weight(subset), expected, rtol=1e-10
            )


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
