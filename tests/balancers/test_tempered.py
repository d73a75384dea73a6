import numpy as np
import pytest
from numpy.testing import assert_allclose

from skbalance import (
    AdaptiveVoronoiBalancer,
    TemperedBalancer,
    UniformBalancer,
    VoronoiBalancer,
)
from skbalance.metrics import effective_sample_size, weighted_class_distribution


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
