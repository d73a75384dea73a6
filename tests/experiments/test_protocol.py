import numpy as np
import pytest

from skbalance import UniformBalancer, VoronoiBalancer
from skbalance.experiments import (
    ORIGINAL_TASKS,
    Task,
    draw_subset,
    run_comparison,
    short_name,
    split_pool,
)


def test_split_pool_partitions():
    pool, held = split_pool(100, 0.8, random_state=0)
    assert len(pool) == 80 and len(held) == 20
    assert np.intersect1d(pool, held).size == 0
    assert np.union1d(pool, held).tolist() == list(range(100))
    with pytest.raises(ValueError, match="pool_fraction"):
        split_pool(100, 1.0)


def test_draw_subset_fractions():
    y = np.repeat([1, 2, 3], 100)
    rows = draw_subset(y, np.arange(300), {2: 0.1, 3: 0.9}, random_state=0)
    assert np.bincount(y[rows], minlength=4).tolist() == [0, 0, 10, 90]
    with pytest.raises(ValueError, match="no held-out"):
        draw_subset(y, np.arange(300), {7: 0.5})
    with pytest.raises(ValueError, match="fraction"):
        draw_subset(y, np.arange(300), {2: 1.5})


def test_short_names():
    assert [
        short_name(n) for n in ("BoxVoronoiBalancer", "KDEBalancer", "UniformBalancer")
    ] == [
        "box_voronoi",
        "kde",
        "uniform",
    ]


def test_run_comparison_uniform_shares_equal_subset_shares():
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    records = run_comparison(
        X / 16,
        y,
        {"uniform": UniformBalancer(), "voronoi": VoronoiBalancer()},
        seeds=[0, 1],
    )
    assert len(records) == 2 * 2 * len(ORIGINAL_TASKS)
    for r in records:
        if r.balancer == "uniform":
            assert r.ess_fraction == pytest.approx(1.0)
    ten_ninety = [
        r for r in records if r.task == "2 (10%), 3 (90%)" and r.balancer == "uniform"
    ]
    assert all(r.shares[2] == pytest.approx(0.1, abs=0.03) for r in ten_ninety)


def test_task_is_hashable_by_name():
    assert Task("a", {1: 0.5}).name == "a"
