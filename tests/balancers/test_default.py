import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression

from skbalance import (
    AdaptiveVoronoiBalancer,
    BalancedEstimator,
    BalancerOverSampler,
    DensityBalancer,
    Pool,
    TemperedBalancer,
    default_balancer,
)
from skbalance.feature_extraction import ImageScatteringFeatures
from skbalance.metrics import balance_error
from skbalance.preprocessing import (
    ClusterDiscriminantAnalysis,
    LocalityPreservingProjection,
    UnitScaler,
)


def test_features_get_the_adaptive_balancer_behind_ranks_and_a_cluster_metric():
    balancer = default_balancer(random_state=3)
    assert isinstance(balancer, AdaptiveVoronoiBalancer)
    assert balancer.random_state == 3
    scaler = balancer.transformer
    assert isinstance(scaler, UnitScaler) and scaler.method == "rank"
    assert isinstance(scaler.then, ClusterDiscriminantAnalysis)
    assert scaler.then.random_state == 3


def test_images_get_scattering_features_a_seeded_pca_and_a_neighbourhood_metric():
    balancer = default_balancer(random_state=1, image_shape=[28, 28])
    features, pca, metric = (step for _, step in balancer.transformer.steps)
    assert isinstance(features, ImageScatteringFeatures)
    assert features.image_shape == (28, 28)
    assert pca.n_components == 50 and pca.random_state == 1
    assert isinstance(metric, LocalityPreservingProjection)


def test_images_too_small_for_50_components_keep_all_they_have():
    # 4 x 4 images have 36 scattering coefficients: the PCA keeps them all.
    rng = np.random.RandomState(0)
    balancer = default_balancer(random_state=0, image_shape=(4, 4))
    assert balancer.transformer.steps[1][1].n_components == 36
    weights = balancer.fit(rng.rand(200, 16)).compute_sample_weight(rng.rand(20, 16))
    assert np.isfinite(weights).all() and weights.shape == (20,)


def test_images_smaller_than_2_pixels_are_refused_when_asked_for():
    with pytest.raises(ValueError, match="at least 2 x 2 pixels"):
        default_balancer(image_shape=(1, 30))


def test_without_a_separate_pool_the_data_flattens_its_own_density():
    assert isinstance(default_balancer(separate_pool=False), DensityBalancer)


def test_every_call_returns_a_new_unfitted_balancer():
    a, b = default_balancer(), default_balancer()
    assert a is not b and a.transformer is not b.transformer
    assert not hasattr(a, "pool_")


def test_units_do_not_matter_for_non_image_features():
    # The same three features in two sets of unrelated units: the same weights.
    rng = np.random.RandomState(0)
    pool = np.r_[rng.normal(0, 1, size=(300, 3)), rng.normal(5, 1, size=(300, 3))]
    subset = np.r_[rng.normal(0, 1, size=(90, 3)), rng.normal(5, 1, size=(10, 3))]
    weights = []
    for scale in ([1.0, 1000.0, 0.1], [10.0, 1.0, 0.001]):
        balancer = default_balancer(random_state=0).fit(pool * scale)
        assert balancer.transformer_.scaled_
        weights.append(balancer.compute_sample_weight(subset * scale))
    np.testing.assert_allclose(weights[0], weights[1], rtol=1e-6)


def test_monotone_re_expressions_of_tabular_columns_do_not_matter():
    # Columns in unrelated units are compared by their ranks in the pool: a log,
    # a cube or another unit of a column gives the same weights (exactly, for
    # subsets of the pool's rows, whose ranks are quantiles of the pool).
    rng = np.random.RandomState(0)
    pool = np.r_[rng.normal(0, 1, size=(300, 3)), rng.normal(3, 1, size=(300, 3))]
    pool = pool * [1.0, 1000.0, 1.0] + [0.0, 0.0, 10.0]
    subset = pool[np.r_[rng.choice(300, 90, replace=False), 300 + np.arange(10)]]
    weights = []
    for f in (
        lambda X: X,
        lambda X: np.c_[X[:, 0] ** 3, X[:, 1] * 1e-6, np.log(X[:, 2])],
    ):
        balancer = default_balancer(random_state=0).fit(f(pool))
        assert balancer.transformer_.ranker_ is not None
        weights.append(balancer.compute_sample_weight(f(subset)))
    np.testing.assert_allclose(weights[0], weights[1], rtol=1e-6)
    assert weights[0][-10:].sum() > 0.3 * weights[0].sum()  # the 10% class


@pytest.mark.parametrize("seed", range(5))
def test_a_random_ten_percent_minority_of_digits_is_balanced(seed):
    # The README's first recipe: half of the digits as the pool, then 9 twos drawn at
    # random and all ~90 threes of the other half.
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    rng = np.random.RandomState(seed)
    order = rng.permutation(len(X))
    pool, rest = order[:900], order[900:]
    subset = np.r_[rng.choice(rest[y[rest] == 2], 9, replace=False), rest[y[rest] == 3]]
    balancer = default_balancer(random_state=seed, image_shape=(8, 8)).fit(X[pool])
    w = balancer.compute_sample_weight(X[subset])
    assert balance_error(y[subset]) > 0.39
    assert balance_error(y[subset], w) <= 0.10


def test_the_library_uses_it_where_it_chooses():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] > 0).astype(int)
    with_pool = BalancedEstimator(LogisticRegression(), pool=Pool(X)).fit(X, y)
    assert repr(with_pool.balancer_) == repr(default_balancer().fit(X))
    without = BalancedEstimator(LogisticRegression()).fit(X, y)
    assert isinstance(without.balancer_, DensityBalancer)
    sampler = BalancerOverSampler(random_state=0).fit(X, y)
    assert isinstance(sampler.balancer_, DensityBalancer)
    tempered = TemperedBalancer(random_state=0).fit(X)
    assert repr(tempered.balancer_) == repr(default_balancer(random_state=0))
    frozen = FrozenEstimator(default_balancer().fit(X))
    assert BalancerOverSampler(frozen).fit(X, y).balancer_ is not None


@pytest.mark.parametrize("image_shape", [(8,), (8, 8, 3, 1), "8x8"])
def test_bad_image_shape(image_shape):
    X = load_digits().data
    with pytest.raises(ValueError, match="image_shape"):
        default_balancer(image_shape=image_shape).fit(X)
