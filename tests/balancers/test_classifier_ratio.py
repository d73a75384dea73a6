import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier

from skbalance import (
    ClassifierRatioBalancer,
)
from skbalance.metrics import weighted_class_distribution


def test_classifier_ratio_equals_hand_computed_odds(two_blobs):
    pool, subset, _ = two_blobs
    w = ClassifierRatioBalancer().fit(pool).compute_sample_weight(subset)
    features = np.r_[pool, subset]
    target = np.r_[np.zeros(len(pool)), np.ones(len(subset))]
    weight = np.r_[
        np.full(len(pool), 0.5 / len(pool)), np.full(len(subset), 0.5 / len(subset))
    ] * len(features)
    p = (
        LogisticRegression(C=0.1, max_iter=1000)
        .fit(features, target, sample_weight=weight)
        .predict_proba(subset)[:, 1]
    )
    p = np.clip(p, 1e-3, 1 - 1e-3)
    odds = (1 - p) / p
    assert_allclose(w, odds / odds.mean(), rtol=1e-6)


def test_classifier_ratio_balances_two_blobs(two_blobs):
    pool, subset, y = two_blobs
    w = ClassifierRatioBalancer().fit(pool).compute_sample_weight(subset)
    assert weighted_class_distribution(y, w)[1] == pytest.approx(0.5, abs=0.1)


def test_cross_fitting_stops_memorisation(two_blobs):
    # A 1-nearest-neighbour classifier memorises X: in-sample, every sample
    # is "certainly X" and the weights stay flat. Cross-fitted, each sample is
    # judged by its neighbours in the pool and the other folds.
    pool, subset, y = two_blobs
    memoriser = KNeighborsClassifier(n_neighbors=1)
    in_sample = (
        ClassifierRatioBalancer(memoriser).fit(pool).compute_sample_weight(subset)
    )
    crossed = (
        ClassifierRatioBalancer(memoriser, cv=5, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert_allclose(in_sample, 1.0)
    assert crossed.std() > 0.5
    assert (
        weighted_class_distribution(y, crossed)[1]
        > weighted_class_distribution(y, in_sample)[1] + 0.02
    )


def test_classifier_without_sample_weight(two_blobs):
    pool, subset, y = two_blobs
    w = (
        ClassifierRatioBalancer(
            KNeighborsClassifier(n_neighbors=30), cv=5, random_state=0
        )
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert weighted_class_distribution(y, w)[1] > 0.3


def test_forest_classifier_runs(two_blobs):
    pool, subset, _ = two_blobs
    forest = RandomForestClassifier(n_estimators=10, min_samples_leaf=5)
    w = (
        ClassifierRatioBalancer(forest, cv=3, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert np.isfinite(w).all() and w.mean() == pytest.approx(1.0)


def test_cross_fitting_folds_follow_rows(two_blobs):
    pool, subset, _ = two_blobs
    b = ClassifierRatioBalancer(cv=4, random_state=0).fit(pool)
    folds = b._fold_ids(subset)
    perm = np.random.RandomState(0).permutation(len(subset))
    np.testing.assert_array_equal(b._fold_ids(subset[perm]), folds[perm])
    assert np.bincount(folds).tolist() == [25, 25, 25, 25]


def test_classifier_ratio_max_pool_samples(two_blobs):
    pool, subset, _ = two_blobs
    capped = ClassifierRatioBalancer(max_pool_samples=60, random_state=0).fit(pool)
    assert capped.pool_.shape == (60, pool.shape[1])
    rows = np.sort(
        np.random.RandomState(0).choice(pool.shape[0], size=60, replace=False)
    )
    np.testing.assert_array_equal(capped.pool_, pool[rows])
    direct = ClassifierRatioBalancer(max_pool_samples=None, random_state=0).fit(
        pool[rows]
    )
    np.testing.assert_allclose(
        capped.compute_sample_weight(subset), direct.compute_sample_weight(subset)
    )
    whole = ClassifierRatioBalancer(max_pool_samples=None).fit(pool)
    assert whole.pool_.shape == pool.shape and not np.shares_memory(whole.pool_, pool)


@pytest.mark.parametrize(
    "param, value",
    [
        ("estimator", "logreg"),
        ("cv", 1),
        ("clip", 0.7),
        ("max_pool_samples", 1),
        ("max_pool_samples", "all"),
    ],
)
def test_classifier_ratio_invalid(two_blobs, param, value):
    pool, _, _ = two_blobs
    with pytest.raises(ValueError, match=param):
        ClassifierRatioBalancer(**{param: value}).fit(pool)
