import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.estimator_checks import parametrize_with_checks
from test_discriminant import groups_and_noise

from skbalance.preprocessing import LocalityPreservingProjection
from skbalance.utils import _memory


@parametrize_with_checks(
    [
        LocalityPreservingProjection(),
        LocalityPreservingProjection(n_neighbors=3, n_components=2),
    ]
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_regularised_spread_between_neighbours_is_one_along_every_direction():
    X, _ = groups_and_noise(n=600)
    lpp = LocalityPreservingProjection(n_neighbors=5).fit(X)
    # The links: each row's 5 nearest other rows (found in the unit and centring
    # the projection is learned in; distances, hence neighbours, are the same).
    links = NearestNeighbors(n_neighbors=5).fit(X).kneighbors(return_distance=False)
    Z = lpp.transform(X)
    differences = (Z[:, None, :] - Z[links]).reshape(-1, Z.shape[1])
    between_neighbours = (differences**2).mean(axis=0) / 2
    # spread between neighbours + regularization * total spread = 1 everywhere
    assert_allclose(between_neighbours + 0.1 * Z.var(axis=0), 1.0, rtol=1e-6)


def test_fewer_rows_than_neighbours_link_every_other_row():
    X = np.array([[0.0, 0.0], [1.0, 0.1], [2.0, -0.1], [3.0, 0.05]])
    few = LocalityPreservingProjection(n_neighbors=10).fit(X)
    exact = LocalityPreservingProjection(n_neighbors=3).fit(X)
    assert_allclose(few.components_, exact.components_)


def test_row_order_does_not_matter_and_input_is_not_modified():
    X, _ = groups_and_noise(n=600)
    X32 = X.astype(np.float32)
    before = X32.copy()
    order = np.random.RandomState(0).permutation(600)
    a = LocalityPreservingProjection().fit(X32)
    b = LocalityPreservingProjection().fit(X32[order])
    assert a.transform(X32).dtype == np.float32
    assert_allclose(a.components_, b.components_, rtol=1e-6, atol=1e-8)
    assert_array_equal(X32, before)


@pytest.mark.parametrize("n_neighbors", [0, 2.5])
def test_bad_neighbour_counts_are_refused(n_neighbors):
    X, _ = groups_and_noise(n=100)
    with pytest.raises(ValueError, match="parameter of LocalityPreservingProjection"):
        LocalityPreservingProjection(n_neighbors=n_neighbors).fit(X)


def test_a_neighbour_graph_too_large_for_memory_is_refused_up_front(monkeypatch):
    X, _ = groups_and_noise(n=1000)
    # 1,000 rows x 999 neighbours x 24 bytes is about 23 MiB.
    monkeypatch.setattr(_memory, "available_memory", lambda: 2**20)
    with pytest.raises(ValueError, match=r"n_neighbors=5000 links each of 1,000 rows"):
        LocalityPreservingProjection(n_neighbors=5000).fit(X)
    LocalityPreservingProjection(n_neighbors=10).fit(X)  # 0.2 MiB: fine
