import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier

from skbalance import (
    AdaptiveVoronoiBalancer,
    ClassifierRatioBalancer,
    TemperedBalancer,
    UniformBalancer,
    VoronoiBalancer,
)
from skbalance.metrics import effective_sample_size, weighted_class_distribution


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


def test_tempering_trades_balance_for_ess(two_blobs):
    pool, subset, y = two_blobs
    shares, ess = [], []
    for power in (0.0, 0.5, 1.0):
        w = (
            TemperedBalancer(VoronoiBalancer(), power=power)
            .fit(pool)
            .compute_sample_weight(subset)
        )
        shares.append(weighted_class_distribution(y, w)[1])
        ess.append(effective_sample_size(w))
    assert shares[0] == pytest.approx(0.1)
    assert shares[0] < shares[1] < shares[2]
    assert ess[0] > ess[1] > ess[2]


def test_tempered_power_one_equals_inner(two_blobs):
    pool, subset, _ = two_blobs
    assert_allclose(
        TemperedBalancer(VoronoiBalancer(), power=1.0)
        .fit(pool)
        .compute_sample_weight(subset),
        VoronoiBalancer().fit(pool).compute_sample_weight(subset),
    )


def test_tempered_cap_and_clone(two_blobs):
    pool, subset, _ = two_blobs
    inner = VoronoiBalancer()
    b = TemperedBalancer(inner, power=1.0, max_weight_ratio=1.5).fit(pool)
    assert not hasattr(inner, "references_")
    w = b.compute_sample_weight(subset)
    assert w[w > 0].max() <= 1.5 * np.median(w[w > 0]) + 1e-9


def test_tempered_random_state_seeds_the_inner_balancer():
    rng = np.random.RandomState(0)
    pool, subset = (
        rng.normal(size=(2500, 3)),
        rng.normal(size=(60, 3)),
    )  # > 2000 support references: drawn
    first = TemperedBalancer(random_state=0).fit(pool)
    assert first.balancer_.random_state == 0
    np.testing.assert_array_equal(
        first.compute_sample_weight(subset),
        TemperedBalancer(random_state=0).fit(pool).compute_sample_weight(subset),
    )
    kept = TemperedBalancer(
        AdaptiveVoronoiBalancer(random_state=5), random_state=0
    ).fit(pool)
    assert kept.balancer_.random_state == 5
    assert TemperedBalancer(UniformBalancer(), random_state=0).fit(
        pool
    ).balancer_.get_params() == {"transformer": None}


def test_tempered_searchable_parameters():
    b = TemperedBalancer(VoronoiBalancer(n_references=10))
    b.set_params(balancer__n_references=20, power=0.25)
    assert b.balancer.n_references == 20 and b.power == 0.25


def test_tempered_ess_floor(two_blobs):
    pool, subset, _ = two_blobs
    inner = VoronoiBalancer()
    raw = TemperedBalancer(inner, power=1.0).fit(pool).compute_sample_weight(subset)
    floor = effective_sample_size(raw) / raw.size + 0.2
    w = (
        TemperedBalancer(inner, power=1.0, min_ess_fraction=floor)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert effective_sample_size(w) / w.size == pytest.approx(
        floor, rel=1e-6
    )  # just enough
    # The cap only lowers the largest weights: the order of the weights is kept.
    assert np.all(np.diff(w[np.argsort(raw, kind="stable")]) >= -1e-12)
    loose = (
        TemperedBalancer(inner, power=1.0, min_ess_fraction=0.01)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert_allclose(loose, raw)  # already above the floor: unchanged


@pytest.mark.parametrize(
    "param, value",
    [
        ("power", 1.5),
        ("power", -0.1),
        ("balancer", "voronoi"),
        ("max_weight_ratio", 0.5),
        ("min_ess_fraction", 0.0),
        ("min_ess_fraction", 1.5),
    ],
)
def test_tempered_invalid(two_blobs, param, value):
    pool, _, _ = two_blobs
    with pytest.raises(ValueError, match=param):
        TemperedBalancer(**{param: value}).fit(pool)
