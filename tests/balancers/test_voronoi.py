import numpy as np
import pytest
from numpy.testing import assert_allclose

from skbalance import VoronoiBalancer
from skbalance.metrics import weighted_class_distribution


def test_voronoi_hand_computed():
    pool = np.array([[0.0], [0.1], [0.9], [1.0]])
    subset = np.array([[0.0], [0.05], [1.0]])
    # Votes: 0.0 -> 0.0, 0.1 -> 0.05, 0.9 -> 1.0, 1.0 -> 1.0.
    assert_allclose(
        VoronoiBalancer().fit(pool).compute_sample_weight(subset), [0.75, 0.75, 1.5]
    )


def test_voronoi_on_its_own_pool_is_uniform(two_blobs):
    pool, _, _ = two_blobs
    assert_allclose(VoronoiBalancer().fit_compute_sample_weight(pool), 1.0)


def test_voronoi_balances_two_blobs(two_blobs):
    pool, subset, y = two_blobs
    shares = weighted_class_distribution(
        y, VoronoiBalancer().fit(pool).compute_sample_weight(subset)
    )
    assert shares[1] == pytest.approx(0.5, abs=0.02)


def test_voronoi_n_references_subsample(two_blobs):
    pool, _subset, _ = two_blobs
    a = VoronoiBalancer(n_references=100, random_state=0).fit(pool)
    b = VoronoiBalancer(n_references=100, random_state=1).fit(pool)
    assert a.references_.shape == (100, 2)
    assert not np.array_equal(a.references_, b.references_)
    # Every reference is a pool row.
    assert all((pool == r).all(axis=1).any() for r in a.references_)


def test_voronoi_too_many_references(two_blobs):
    pool, _, _ = two_blobs
    with pytest.raises(ValueError, match="n_references=1000 exceeds"):
        VoronoiBalancer(n_references=1000).fit(pool)


@pytest.mark.parametrize("bad", [0, -3, 2.5, "all"])
def test_voronoi_invalid_n_references(two_blobs, bad):
    pool, _, _ = two_blobs
    with pytest.raises(ValueError, match="n_references"):
        VoronoiBalancer(n_references=bad).fit(pool)


def test_sparse_rows_need_a_transformer_that_makes_them_dense():
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD

    X = sparse.random(300, 40, density=0.1, format="csr", random_state=0)
    with pytest.raises(TypeError, match="TruncatedSVD"):
        VoronoiBalancer().fit(X)
    balancer = VoronoiBalancer(transformer=TruncatedSVD(5, random_state=0)).fit(X)
    dense = VoronoiBalancer(transformer=TruncatedSVD(5, random_state=0)).fit(
        X.toarray()
    )
    assert_allclose(
        balancer.compute_sample_weight(X[:50]),
        dense.compute_sample_weight(X[:50].toarray()),
    )
    with pytest.raises(TypeError, match="TruncatedSVD"):
        VoronoiBalancer().fit(X.toarray()).compute_sample_weight(X[:5])
