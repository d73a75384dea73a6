"""What the two label-free discriminant projections share (their common base)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.neighbors import KNeighborsClassifier

from skbalance.preprocessing import (
    ClusterDiscriminantAnalysis,
    LocalityPreservingProjection,
)

#: Each projection, and how much more often 1-NN finds a row of its own group
#: after it than before on ``groups_and_noise(n_noise=12)`` (0.82 before; 0.875
#: after the cluster metric, 0.858 after the neighbourhood one).
PROJECTIONS = {
    "cluster": (ClusterDiscriminantAnalysis(n_clusters=12, random_state=0), 0.04),
    "neighbourhood": (LocalityPreservingProjection(), 0.02),
}


@pytest.fixture(params=list(PROJECTIONS))
def projection(request):
    return clone(PROJECTIONS[request.param][0])


def groups_and_noise(n=1200, n_noise=6, seed=0):
    """Four groups apart in two columns, then columns of pure noise."""
    rng = np.random.RandomState(seed)
    groups = rng.randint(0, 4, size=n)
    centres = np.array([[0, 0], [3, 0], [0, 3], [3, 3]], dtype=float)
    structured = centres[groups] + rng.normal(scale=0.6, size=(n, 2))
    noise = rng.normal(scale=1.5, size=(n, n_noise))
    return np.c_[structured, noise], groups


@pytest.mark.parametrize("name", list(PROJECTIONS))
def test_noise_columns_count_less_than_columns_that_separate_groups(name):
    estimator, gain = PROJECTIONS[name]
    X, groups = groups_and_noise(n_noise=12)
    fitted = clone(estimator).fit(X)
    # The two leading directions lie along the two structured columns: most of
    # their variance comes from those (a random direction's share would be
    # about 2 / 14).
    contributions = (fitted.components_[:2] * X.std(axis=0)) ** 2
    assert (contributions[:, :2].sum(axis=1) > 0.75 * contributions.sum(axis=1)).all()
    # So nearest neighbours are of the same group more often after the projection.
    train, test = slice(0, 800), slice(800, None)

    def accuracy(Z):
        knn = KNeighborsClassifier(n_neighbors=1).fit(Z[train], groups[train])
        return knn.score(Z[test], groups[test])

    assert accuracy(fitted.transform(X)) > accuracy(X) + gain


def test_a_column_alike_rows_share_cannot_swamp_the_others(projection):
    # A 0/1 flag, far apart: k-means splits the data by it and every row's
    # neighbours share its value. Without regularisation its direction would be
    # scaled by 1 / (its nearly zero spread between alike rows).
    X, _ = groups_and_noise(n=1000)
    flag = (np.arange(1000) % 2).astype(float)
    rng = np.random.RandomState(1)
    for noise in (0.0, 1e-9):
        Xf = np.c_[X, 100 * flag + noise * rng.normal(size=1000)]
        Z = clone(projection).fit_transform(Xf)
        assert Z.shape[1] == Xf.shape[1]
        assert Z.std(axis=0).max() <= 1 / np.sqrt(0.1) + 1e-9


def test_n_components_keeps_the_leading_directions(projection):
    X, _ = groups_and_noise()
    full = clone(projection).fit(X)
    assert full.n_components_ == X.shape[1]
    two = clone(projection).set_params(n_components=2)
    Z = two.fit_transform(X)
    assert Z.shape == (X.shape[0], 2) and two.n_components_ == 2
    assert_allclose(Z, full.transform(X)[:, :2])
    prefix = type(projection).__name__.lower()
    assert_array_equal(two.get_feature_names_out(), [f"{prefix}0", f"{prefix}1"])


@pytest.mark.parametrize("unit", [1e-170, 1e-30, 1e30, 1e155])
def test_the_projection_does_not_depend_on_the_unit(projection, unit):
    X, _ = groups_and_noise(n=400)
    expected = clone(projection).fit_transform(X)
    Z = clone(projection).fit_transform(X * unit)
    assert np.isfinite(Z).all()
    assert_allclose(Z, expected, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(
    "X", [np.ones((50, 3)), np.arange(3.0).reshape(1, 3)], ids=["identical", "one row"]
)
def test_with_nothing_to_tell_apart_the_features_are_only_centred(projection, X):
    fitted = clone(projection).fit(X)
    assert_allclose(fitted.components_, np.eye(3))
    assert_allclose(fitted.transform(X), X - X.mean(axis=0))


def test_deterministic_float32_kept_and_input_not_modified(projection):
    X, _ = groups_and_noise(n=600)
    X32 = X.astype(np.float32)
    before = X32.copy()
    a = clone(projection).fit_transform(X32)
    b = clone(projection).fit_transform(X32)
    assert a.dtype == np.float32
    assert_array_equal(a, b)
    assert_array_equal(X32, before)


def test_a_large_set_is_learned_from_evenly_spaced_rows(projection):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(30_000, 3)) + rng.randint(0, 3, size=(30_000, 1)) * 4.0
    rows = np.linspace(0, 29_999, 20_000).astype(np.intp)
    big = clone(projection).fit(X)
    small = clone(projection).fit(X[rows])
    assert_allclose(big.components_, small.components_)
    assert_allclose(big.mean_, small.mean_)


@pytest.mark.parametrize(
    "params", [{"n_components": 0}, {"regularization": 0}, {"regularization": -1.0}]
)
def test_bad_shared_parameters_are_refused(projection, params):
    X, _ = groups_and_noise(n=100)
    name = type(projection).__name__
    with pytest.raises(ValueError, match=f"parameter of {name}"):
        clone(projection).set_params(**params).fit(X)


def test_bad_input_is_refused(projection):
    X, _ = groups_and_noise(n=100)
    with pytest.raises(ValueError, match="NaN"):
        clone(projection).fit(np.where(X > 2, np.nan, X))
    with pytest.raises(ValueError, match="infinity"):
        clone(projection).fit(np.where(X > 2, np.inf, X))
    with pytest.raises(ValueError, match="0 sample"):
        clone(projection).fit(X[:0])
    fitted = clone(projection).fit(X)
    with pytest.raises(ValueError, match="features"):
        fitted.transform(X[:, :3])


@settings(max_examples=40, deadline=None)
@given(
    X=arrays(
        np.float64,
        st.tuples(st.integers(1, 60), st.integers(1, 6)),
        # Few distinct values: duplicate rows, constant columns, tied clusters
        # and neighbours.
        elements=st.sampled_from([0.0, 1.0, -2.5, 1e-9, 3e6]),
    ),
    unit=st.sampled_from([1e-150, 1.0, 1e150]),
    name=st.sampled_from(list(PROJECTIONS)),
)
def test_any_finite_data_gives_a_finite_repeatable_projection(X, unit, name):
    X = X * unit
    estimator = PROJECTIONS[name][0]
    a = clone(estimator).fit(X)
    Z = a.transform(X)
    assert Z.shape == (X.shape[0], a.n_components_)
    assert 1 <= a.n_components_ <= X.shape[1]
    assert np.isfinite(Z).all()
    # Regularised: no direction spreads more than 1 / sqrt(regularization)
    # (unless there was nothing to tell apart and the features are only centred).
    only_centred = np.array_equal(a.components_, np.eye(X.shape[1]))
    assert only_centred or (Z.std(axis=0) <= 1 / np.sqrt(0.1) * (1 + 1e-6)).all()
    b = clone(estimator).fit(X)
    assert_array_equal(b.transform(X), Z)
