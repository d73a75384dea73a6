import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.neighbors import KNeighborsClassifier
from sklearn.utils.estimator_checks import parametrize_with_checks

from skbalance.preprocessing import ClusterDiscriminantAnalysis


@parametrize_with_checks(
    [
        ClusterDiscriminantAnalysis(random_state=0),
        ClusterDiscriminantAnalysis(n_clusters=5, n_components=2, random_state=0),
    ]
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def _groups_and_noise(n=1200, n_noise=6, seed=0):
    """Four groups apart in two columns, then columns of pure noise."""
    rng = np.random.RandomState(seed)
    groups = rng.randint(0, 4, size=n)
    centres = np.array([[0, 0], [3, 0], [0, 3], [3, 3]], dtype=float)
    structured = centres[groups] + rng.normal(scale=0.6, size=(n, 2))
    noise = rng.normal(scale=1.5, size=(n, n_noise))
    return np.c_[structured, noise], groups


def test_noise_columns_count_less_than_columns_that_separate_groups():
    X, groups = _groups_and_noise(n_noise=12)
    cda = ClusterDiscriminantAnalysis(n_clusters=12, random_state=0).fit(X)
    # The two most separating directions lie along the two structured columns:
    # most of their variance comes from those (98% and 84%; a random direction's
    # share would be about 2 / 14).
    contributions = (cda.components_[:2] * X.std(axis=0)) ** 2
    assert (contributions[:, :2].sum(axis=1) > 0.75 * contributions.sum(axis=1)).all()
    # So nearest neighbours are of the same group more often after the projection.
    train, test = slice(0, 800), slice(800, None)

    def accuracy(Z):
        knn = KNeighborsClassifier(n_neighbors=1).fit(Z[train], groups[train])
        return knn.score(Z[test], groups[test])

    assert accuracy(cda.transform(X)) > accuracy(X) + 0.04  # 0.875 against 0.82


def test_regularised_within_cluster_spread_is_one_along_every_direction():
    X, _ = _groups_and_noise()
    cda = ClusterDiscriminantAnalysis(n_clusters=12, random_state=0).fit(X)
    from sklearn.cluster import KMeans

    # The clusters k-means found (same seed, same rows in the same power-of-two unit).
    unit = 2.0 ** np.round(np.log2(np.abs(X).max()))
    labels = KMeans(12, n_init=1, random_state=0).fit_predict(X / unit)
    Z = cda.transform(X)
    within = Z - np.array([Z[labels == k].mean(axis=0) for k in range(12)])[labels]
    # within variance + regularization * total variance = 1 along every direction
    assert_allclose(within.var(axis=0) + 0.1 * Z.var(axis=0), 1.0, rtol=1e-6)


def test_a_column_nearly_constant_within_clusters_cannot_swamp_the_others():
    # A 0/1 flag that k-means splits the data by: without regularisation its
    # direction would be scaled by 1 / (its tiny within-cluster spread).
    X, _ = _groups_and_noise(n=1000)
    flag = (np.arange(1000) % 2).astype(float)
    rng = np.random.RandomState(1)
    for noise in (0.0, 1e-9):
        Xf = np.c_[X, 10 * flag + noise * rng.normal(size=1000)]
        Z = ClusterDiscriminantAnalysis(n_clusters=12, random_state=0).fit_transform(Xf)
        assert Z.shape[1] == Xf.shape[1]
        assert Z.std(axis=0).max() <= 1 / np.sqrt(0.1) + 1e-9


def test_n_components_keeps_the_most_separating_directions():
    X, _ = _groups_and_noise()
    full = ClusterDiscriminantAnalysis(n_clusters=12, random_state=0).fit(X)
    assert full.n_components_ == X.shape[1]  # min(n_features, n_clusters - 1)
    two = ClusterDiscriminantAnalysis(n_clusters=12, n_components=2, random_state=0)
    Z = two.fit_transform(X)
    assert Z.shape == (X.shape[0], 2) and two.n_components_ == 2
    assert_allclose(Z, full.transform(X)[:, :2])
    few = ClusterDiscriminantAnalysis(n_clusters=3, random_state=0).fit(X)
    assert few.n_components_ == 2  # at most n_clusters - 1 directions
    names = two.get_feature_names_out()
    assert_array_equal(
        names, ["clusterdiscriminantanalysis0", "clusterdiscriminantanalysis1"]
    )


@pytest.mark.parametrize("unit", [1e-170, 1e-30, 1e30, 1e155])
def test_the_projection_does_not_depend_on_the_unit(unit):
    X, _ = _groups_and_noise(n=400)
    expected = ClusterDiscriminantAnalysis(random_state=0).fit_transform(X)
    Z = ClusterDiscriminantAnalysis(random_state=0).fit_transform(X * unit)
    assert np.isfinite(Z).all()
    assert_allclose(Z, expected, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(
    "X",
    [np.ones((50, 3)), np.arange(3.0).reshape(1, 3), np.arange(9.0).reshape(3, 3)],
    ids=["identical rows", "one row", "three rows"],
)
def test_without_two_clusters_the_features_are_only_centred(X):
    cda = ClusterDiscriminantAnalysis(random_state=0).fit(X)
    assert_allclose(cda.components_, np.eye(3))
    assert_allclose(cda.transform(X), X - X.mean(axis=0))


def test_deterministic_float32_kept_and_input_not_modified():
    X, _ = _groups_and_noise(n=600)
    X32 = X.astype(np.float32)
    before = X32.copy()
    a = ClusterDiscriminantAnalysis(random_state=3).fit_transform(X32)
    b = ClusterDiscriminantAnalysis(random_state=3).fit_transform(X32)
    assert a.dtype == np.float32
    assert_array_equal(a, b)
    assert_array_equal(X32, before)


def test_a_large_set_is_learned_from_evenly_spaced_rows():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(30_000, 3)) + rng.randint(0, 3, size=(30_000, 1)) * 4.0
    rows = np.linspace(0, 29_999, 20_000).astype(np.intp)
    big = ClusterDiscriminantAnalysis(n_clusters=6, random_state=0).fit(X)
    small = ClusterDiscriminantAnalysis(n_clusters=6, random_state=0).fit(X[rows])
    assert_allclose(big.components_, small.components_)
    assert_allclose(big.mean_, small.mean_)


@pytest.mark.parametrize(
    "params",
    [
        {"n_clusters": 0},
        {"n_components": 0},
        {"n_clusters": 2.5},
        {"regularization": 0},
    ],
)
def test_bad_parameters_are_refused(params):
    X, _ = _groups_and_noise(n=100)
    with pytest.raises(ValueError, match="parameter of ClusterDiscriminantAnalysis"):
        ClusterDiscriminantAnalysis(**params).fit(X)


def test_bad_input_is_refused():
    X, _ = _groups_and_noise(n=100)
    with pytest.raises(ValueError, match="NaN"):
        ClusterDiscriminantAnalysis().fit(np.where(X > 2, np.nan, X))
    cda = ClusterDiscriminantAnalysis(random_state=0).fit(X)
    with pytest.raises(ValueError, match="features"):
        cda.transform(X[:, :3])


@settings(max_examples=40, deadline=None)
@given(
    X=arrays(
        np.float64,
        st.tuples(st.integers(1, 60), st.integers(1, 6)),
        # Few distinct values: duplicate rows, constant columns, tied clusters.
        elements=st.sampled_from([0.0, 1.0, -2.5, 1e-9, 3e6]),
    ),
    unit=st.sampled_from([1e-150, 1.0, 1e150]),
)
def test_any_finite_data_gives_a_finite_repeatable_projection(X, unit):
    X = X * unit
    a = ClusterDiscriminantAnalysis(n_clusters=8, random_state=0).fit(X)
    Z = a.transform(X)
    assert Z.shape == (X.shape[0], a.n_components_)
    assert 1 <= a.n_components_ <= X.shape[1]
    assert np.isfinite(Z).all()
    # Regularised: no direction spreads more than 1 / sqrt(regularization)
    # (unless no two clusters were found and the features are only centred).
    only_centred = np.array_equal(a.components_, np.eye(X.shape[1]))
    assert only_centred or (Z.std(axis=0) <= 1 / np.sqrt(0.1) * (1 + 1e-6)).all()
    b = ClusterDiscriminantAnalysis(n_clusters=8, random_state=0).fit(X)
    assert_array_equal(b.transform(X), Z)
