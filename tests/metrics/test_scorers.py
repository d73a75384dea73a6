import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skbalance import (
    BalancedEstimator,
    Pool,
    SmoothVoronoiBalancer,
    UniformBalancer,
    VoronoiBalancer,
)
from skbalance.metrics import balance_error, balance_scorer, ess_scorer


def _data():
    rng = np.random.RandomState(0)
    pool = np.r_[rng.normal(-2, 1, size=(300, 2)), rng.normal(2, 1, size=(300, 2))]
    X = np.r_[rng.normal(-2, 1, size=(180, 2)), rng.normal(2, 1, size=(20, 2))]
    y = np.r_[np.zeros(180, dtype=int), np.ones(20, dtype=int)]
    return pool, X, y


def test_scorer_on_balancer_and_meta_estimator_and_pipeline():
    pool, X, y = _data()
    balancer = VoronoiBalancer().fit(pool)
    expected = -balance_error(y, balancer.compute_sample_weight(X))
    assert balance_scorer(balancer, X, y) == pytest.approx(expected)
    model = BalancedEstimator(
        LogisticRegression(), VoronoiBalancer(), pool=Pool(pool)
    ).fit(X, y)
    assert balance_scorer(model, X, y) == pytest.approx(expected)
    assert balance_scorer(UniformBalancer().fit(pool), X, y) == pytest.approx(-0.4)
    assert 0 < ess_scorer(balancer, X) < 1
    with pytest.raises(TypeError, match="balancer"):
        balance_scorer(LogisticRegression().fit(X, y), X, y)


def test_grid_search_with_classifier_and_balance_scores():
    pool, X, y = _data()
    pipe = make_pipeline(
        StandardScaler(),
        BalancedEstimator(
            LogisticRegression(), SmoothVoronoiBalancer(random_state=0), pool=Pool(pool)
        ),
    )
    search = GridSearchCV(
        pipe,
        {"balancedestimator__balancer__n_votes": [0.01, 0.5, 1.0]},
        scoring={
            "balanced_accuracy": "balanced_accuracy",
            "balance": balance_scorer,
            "ess": ess_scorer,
        },
        refit="balance",
        cv=3,
    ).fit(X, y)
    # n_votes=1.0 makes every weight equal (the subset's own 0.4 imbalance, the
    # best ESS); the least smoothing balances best.
    balance = search.cv_results_["mean_test_balance"]
    ess = search.cv_results_["mean_test_ess"]
    assert balance[2] == pytest.approx(-0.4, abs=0.01) and np.argmax(ess) == 2
    assert np.argmax(balance) == 0
    assert search.best_params_["balancedestimator__balancer__n_votes"] == 0.01
    scores = cross_validate(pipe, X, y, scoring={"balance": balance_scorer}, cv=3)
    assert np.all(scores["test_balance"] <= 0)
