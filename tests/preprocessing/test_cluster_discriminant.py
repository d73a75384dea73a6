import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.cluster import KMeans
from sklearn.utils.estimator_checks import parametrize_with_checks
from test_discriminant import groups_and_noise

from skbalance.preprocessing import ClusterDiscriminantAnalysis


@parametrize_with_checks(
    [
        ClusterDiscriminantAnalysis(random_state=0),
        ClusterDiscriminantAnalysis(n_clusters=5, n_components=2, random_state=0),
    ]
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_regularised_within_cluster_spread_is_one_along_every_direction():
    X, _ = groups_and_noise()
    cda = ClusterDiscriminantAnalysis(n_clusters=12, random_state=0).fit(X)
    # The clusters k-means found (same seed, same rows in the same power-of-two unit).
    unit = 2.0 ** np.round(np.log2(np.abs(X).max()))
    labels = KMeans(12, n_init=1, random_state=0).fit_predict(X / unit)
    Z = cda.transform(X)
    within = Z - np.array([Z[labels == k].mean(axis=0) for k in range(12)])[labels]
    # within variance + regularization * total variance = 1 along every direction
    assert_allclose(within.var(axis=0) + 0.1 * Z.var(axis=0), 1.0, rtol=1e-6)


def test_at_most_one_direction_fewer_than_clusters():
    X, _ = groups_and_noise()
    few = ClusterDiscriminantAnalysis(n_clusters=3, random_state=0).fit(X)
    assert few.n_components_ == 2


def test_three_rows_make_one_cluster_and_the_features_are_only_centred():
    X = np.arange(9.0).reshape(3, 3)
    cda = ClusterDiscriminantAnalysis(random_state=0).fit(X)
    assert_allclose(cda.components_, np.eye(3))
    assert_allclose(cda.transform(X), X - X.mean(axis=0))


@pytest.mark.parametrize("params", [{"n_clusters": 0}, {"n_clusters": 2.5}])
def test_bad_cluster_counts_are_refused(params):
    X, _ = groups_and_noise(n=100)
    with pytest.raises(ValueError, match="parameter of ClusterDiscriminantAnalysis"):
        ClusterDiscriminantAnalysis(**params).fit(X)
