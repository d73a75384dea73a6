import numpy as np
import pytest
import sklearn
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from skbalance import (
    AdaptiveVoronoiBalancer,
    BalancedEstimator,
    DensityBalancer,
    Pool,
    UniformBalancer,
    VoronoiBalancer,
)


def _data(seed=0):
    rng = np.random.RandomState(seed)
    pool = np.r_[rng.normal(-2, 1, size=(300, 2)), rng.normal(2, 1, size=(300, 2))]
    X = np.r_[rng.normal(-2, 1, size=(180, 2)), rng.normal(2, 1, size=(20, 2))]
    y = np.r_[np.zeros(180, dtype=int), np.ones(20, dtype=int)]
    return pool, X, y


# Balancer weights depend on the rows themselves, so fitting with integer
# weights is not the same as repeating rows; everything else must pass.
EXPECTED = {
    "check_sample_weight_equivalence_on_dense_data": "balancer weights depend on rows",
    "check_sample_weights_invariance": "balancer weights depend on the rows",
}


@parametrize_with_checks(
    [
        BalancedEstimator(LogisticRegression()),
        BalancedEstimator(LinearRegression(), UniformBalancer()),
    ],
    expected_failed_checks=lambda est: (
        {} if isinstance(est.balancer, UniformBalancer) else EXPECTED
    ),
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_weights_come_from_the_pool_fitted_balancer():
    pool, X, y = _data()
    model = BalancedEstimator(
        LogisticRegression(), VoronoiBalancer(), pool=Pool(pool)
    ).fit(X, y)
    expected = VoronoiBalancer().fit(pool).compute_sample_weight(X)
    assert_allclose(model.sample_weight_, expected)
    assert model.sample_weight_[y == 1].sum() == pytest.approx(
        model.sample_weight_[y == 0].sum(), rel=0.3
    )


def test_user_sample_weight_is_multiplied():
    pool, X, y = _data()
    user = np.linspace(0.5, 2.0, len(y))
    model = BalancedEstimator(LogisticRegression(), VoronoiBalancer(), pool=Pool(pool))
    model.fit(X, y, sample_weight=user)
    assert_allclose(
        model.sample_weight_,
        VoronoiBalancer().fit(pool).compute_sample_weight(X) * user,
    )
    with pytest.raises(ValueError, match="non-negative"):
        model.fit(X, y, sample_weight=-user)


def test_default_balancer_depends_on_pool():
    pool, X, y = _data()
    assert isinstance(
        BalancedEstimator(LogisticRegression()).fit(X, y).balancer_, DensityBalancer
    )
    assert isinstance(
        BalancedEstimator(LogisticRegression(), pool=Pool(pool)).fit(X, y).balancer_,
        AdaptiveVoronoiBalancer,
    )


def test_frozen_balancer_is_not_refitted():
    pool, X, y = _data()
    fitted = VoronoiBalancer().fit(pool)
    model = BalancedEstimator(LogisticRegression(), FrozenEstimator(fitted)).fit(X, y)
    assert_allclose(model.sample_weight_, fitted.compute_sample_weight(X))


def test_unlabeled_convention():
    pool, X, y = _data()
    X_all = np.r_[pool, X]
    y_all = np.r_[np.full(len(pool), -1), y]
    model = BalancedEstimator(
        LogisticRegression(), VoronoiBalancer(), pool="unlabeled"
    ).fit(X_all, y_all)
    assert_array_equal(model.classes_, [0, 1])
    assert_allclose(
        model.sample_weight_, VoronoiBalancer().fit(pool).compute_sample_weight(X)
    )
    with pytest.raises(ValueError, match="unlabeled"):
        BalancedEstimator(LogisticRegression(), pool="unlabeled").fit(
            pool, np.full(len(pool), -1)
        )


def test_pool_is_shared_not_copied_by_clone_and_search():
    pool, X, y = _data()
    handle = Pool(pool)
    model = BalancedEstimator(LogisticRegression(), VoronoiBalancer(), pool=handle)
    assert clone(model).pool is handle
    search = GridSearchCV(
        model,
        {"balancer__n_references": [100, 300], "estimator__C": [0.1, 1.0]},
        scoring="balanced_accuracy",
        cv=3,
    ).fit(X, y)
    assert search.best_estimator_.pool is handle
    assert set(search.best_params_) == {"balancer__n_references", "estimator__C"}
    assert not pool.flags.writeable is False  # the caller's array stays writable


def test_grid_search_over_balancer_and_its_transformer_in_a_pipeline():
    from sklearn.decomposition import PCA

    pool, X, y = _data()
    pipe = make_pipeline(
        StandardScaler(),
        BalancedEstimator(LogisticRegression(), VoronoiBalancer(), pool=Pool(pool)),
    )
    grid = {
        "balancedestimator__balancer": [VoronoiBalancer(), AdaptiveVoronoiBalancer()],
        "balancedestimator__balancer__transformer": [None, PCA(1)],
        "balancedestimator__estimator__C": [0.1, 1.0],
    }
    search = GridSearchCV(pipe, grid, scoring="balanced_accuracy", cv=3).fit(X, y)
    assert search.best_score_ > 0.8
    assert len(search.cv_results_["params"]) == 8


def test_balanced_beats_unbalanced_on_minority_recall():
    pool, X, y = _data()
    rng = np.random.RandomState(1)
    X_test = np.r_[rng.normal(-2, 1, size=(200, 2)), rng.normal(2, 1, size=(200, 2))]
    y_test = np.r_[np.zeros(200), np.ones(200)]
    plain = LogisticRegression().fit(X, y)
    balanced = BalancedEstimator(LogisticRegression(), pool=Pool(pool)).fit(X, y)
    recall = lambda m: (m.predict(X_test)[y_test == 1] == 1).mean()
    assert recall(balanced) >= recall(plain)


def test_delegation_and_not_fitted():
    from sklearn.exceptions import NotFittedError

    pool, X, y = _data()
    model = BalancedEstimator(LogisticRegression(), pool=Pool(pool))
    with pytest.raises(NotFittedError):
        model.predict(X)
    model.fit(X, y)
    assert model.predict_proba(X).shape == (len(X), 2)
    assert model.decision_function(X).shape == (len(X),)
    assert 0 <= model.score(X, y) <= 1
    assert not hasattr(BalancedEstimator(LinearRegression()), "predict_proba")


def test_metadata_routing_on_and_off():
    pool, X, y = _data()
    user = np.linspace(0.5, 2.0, len(y))
    balancer_weights = VoronoiBalancer().fit(pool).compute_sample_weight(X)
    with sklearn.config_context(enable_metadata_routing=True):
        model = BalancedEstimator(
            LogisticRegression(), VoronoiBalancer(), pool=Pool(pool)
        ).set_fit_request(sample_weight=True)
        make_pipeline(model).fit(X, y, sample_weight=user)
        assert_allclose(model.sample_weight_, balancer_weights * user)
        model.set_score_request(sample_weight=True)
        pipe = make_pipeline(
            StandardScaler().set_fit_request(sample_weight=False), model
        )
        scores = cross_val_score(pipe, X, y, params={"sample_weight": user}, cv=3)
        assert scores.shape == (3,) and np.all(np.isfinite(scores))
        unrequested = BalancedEstimator(
            LogisticRegression(), VoronoiBalancer(), pool=Pool(pool)
        )
        with pytest.raises(ValueError, match="sample_weight"):
            make_pipeline(unrequested).fit(X, y, sample_weight=user)
    # Routing off (the default): sample_weight reaches the meta-estimator by step name.
    assert not sklearn.get_config()["enable_metadata_routing"]
    model = BalancedEstimator(LogisticRegression(), VoronoiBalancer(), pool=Pool(pool))
    make_pipeline(model).fit(X, y, balancedestimator__sample_weight=user)
    assert_allclose(model.sample_weight_, balancer_weights * user)


def test_invalid_parameters():
    pool, X, y = _data()
    with pytest.raises(ValueError, match="pool"):
        BalancedEstimator(LogisticRegression(), pool=pool).fit(X, y)
    with pytest.raises(ValueError, match="balancer"):
        BalancedEstimator(LogisticRegression(), balancer="voronoi").fit(X, y)
