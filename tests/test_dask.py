"""Pools as dask arrays: block-by-block statistics equal the in-memory path."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

da = pytest.importorskip("dask.array")

from skbalance import (
    AdaptiveVoronoiBalancer,
    BoxVoronoiBalancer,
    ClassifierRatioBalancer,
    ClusterBalancer,
    DensityBalancer,
    KDEBalancer,
    SmoothVoronoiBalancer,
    TemperedBalancer,
    UniformBalancer,
    VoronoiBalancer,
)
from skbalance.base import BaseBalancer
from skbalance.utils import median_nn_distance, select_bandwidth


def _data(n=3000, d=4):
    rng = np.random.RandomState(0)
    pool = np.r_[
        rng.normal(-2, 1, size=(n // 2, d)), rng.normal(2, 1, size=(n - n // 2, d))
    ]
    subset = np.r_[rng.normal(-2, 1, size=(90, d)), rng.normal(2, 1, size=(10, d))]
    return pool, subset


@pytest.mark.parametrize(
    "balancer",
    [
        VoronoiBalancer(),
        VoronoiBalancer(n_references=500, random_state=0),
        KDEBalancer(),
        KDEBalancer(bandwidth="scott"),
        KDEBalancer(bandwidth=0.7, subset_bandwidth=0.5),
        AdaptiveVoronoiBalancer(
            random_state=0
        ),  # 2000 support references drawn from 3000 rows
        AdaptiveVoronoiBalancer(
            n_references=5000, random_state=0
        ),  # the whole pool is the reference set
        AdaptiveVoronoiBalancer(
            n_candidates="all", support_ratio=None, n_votes=1
        ),  # exact cells, no support test
        AdaptiveVoronoiBalancer(
            n_support_neighbors=8, random_state=0
        ),  # the support test at several radii
        AdaptiveVoronoiBalancer(
            pool_share=0.5, random_state=0
        ),  # the threshold from every block's votes
        UniformBalancer(),
        BoxVoronoiBalancer(random_state=0),
        SmoothVoronoiBalancer(random_state=0),
        DensityBalancer(),
        DensityBalancer(bandwidth="scott"),
        ClassifierRatioBalancer(),
        ClassifierRatioBalancer(
            max_pool_samples=500, random_state=0
        ),  # only 500 rows are read
        ClusterBalancer(n_clusters=3, covariance_type="diag", random_state=0),
        ClusterBalancer(n_clusters=3, max_pool_samples=400, random_state=0),
        ClusterBalancer(n_clusters=2, fit_on="subset", random_state=0),
        TemperedBalancer(random_state=0),  # seeds its default inner balancer
        TemperedBalancer(KDEBalancer(), power=0.3),
    ],
    ids=repr,
)
def test_dask_pool_equals_in_memory(balancer):
    pool, subset = _data()
    lazy = da.from_array(pool, chunks=(450, 2))  # uneven row blocks, split columns
    expected = balancer.fit(pool).compute_sample_weight(subset)
    assert_allclose(
        balancer.fit(lazy).compute_sample_weight(subset), expected, rtol=1e-10
    )


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_median_nn_distance_on_dask_is_the_in_memory_kernel(dtype):
    pool, _ = _data()
    pool = pool.astype(dtype)
    assert median_nn_distance(
        da.from_array(pool, chunks=(450, 2))
    ) == median_nn_distance(pool)


@pytest.mark.parametrize("rule", ["nn", "scott", "silverman", "auto"])
def test_bandwidth_rules_on_dask(rule):
    pool, _ = _data()
    assert select_bandwidth(da.from_array(pool, chunks=700), rule) == pytest.approx(
        select_bandwidth(pool, rule)
    )


@pytest.mark.slow
def test_lazily_generated_million_row_pool():
    pool = (
        da.random.RandomState(0)
        .standard_normal((1_000_000, 6), chunks=(125_000, 6))
        .astype(np.float32)
    )
    subset = np.random.RandomState(1).normal(size=(200, 6)).astype(np.float32)
    subset[:100] += 3.0  # half the subset far from the pool's bulk
    balancer = VoronoiBalancer().fit(pool)
    assert isinstance(balancer.references_, da.Array), "the pool must stay lazy"
    w = balancer.compute_sample_weight(subset)
    assert w.shape == (200,) and np.isfinite(w).all() and w.mean() == pytest.approx(1.0)
    assert w[100:].sum() > w[:100].sum()  # the bulk's samples carry more pool mass
    assert balancer.n_pool_samples_ == 1_000_000
    # The classifier reads only a random sample of the lazy pool.
    ratio = ClassifierRatioBalancer(max_pool_samples=5000, random_state=0).fit(pool)
    assert ratio.pool_.shape == (5000, 6) and ratio.n_pool_samples_ == 1_000_000
    w = ratio.compute_sample_weight(subset)
    assert w[100:].sum() > w[:100].sum()


def test_dask_errors():
    pool, subset = _data()
    bad = pool.copy()
    bad[5, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        VoronoiBalancer().fit(da.from_array(bad, chunks=500))

    class InMemoryOnly(BaseBalancer):
        """A third-party balancer that does not declare dask support."""

        def _fit(self, Z):
            pass

        def _compute_weights(self, Z):
            return np.ones(Z.shape[0])

    with pytest.raises(
        TypeError,
        match="InMemoryOnly does not accept a dask array pool.*AdaptiveVoronoiBalancer",
    ):
        InMemoryOnly().fit(da.from_array(pool, chunks=500))
    with pytest.raises(
        TypeError, match="InMemoryOnly does not accept a dask array pool"
    ):
        TemperedBalancer(InMemoryOnly()).fit(da.from_array(pool, chunks=500))
    with pytest.raises(ValueError, match="2D"):
        VoronoiBalancer().fit(da.from_array(pool[:, 0], chunks=500))
    with pytest.raises(ValueError, match="features"):
        VoronoiBalancer().fit(da.from_array(pool, chunks=500)).compute_sample_weight(
            subset[:, :2]
        )


def test_adaptive_voronoi_keeps_a_dask_pool_lazy():
    pool, _subset = _data()
    balancer = AdaptiveVoronoiBalancer(random_state=0).fit(
        da.from_array(pool, chunks=700)
    )
    assert isinstance(balancer.pool_, da.Array), "the pool must stay lazy"
    assert isinstance(balancer.references_, np.ndarray)
    assert balancer.references_.shape == (2000, pool.shape[1])
    assert balancer.pool_regions_ is None, (
        "a dask pool's regions are assigned block by block"
    )


def test_dtype_checks_never_compute_a_dask_pool():
    import dask

    from skbalance.utils._gemm import gemm_dtype

    def never():
        raise AssertionError("the dask array was computed")

    lazy = da.from_delayed(dask.delayed(never)(), shape=(10, 2), dtype=np.float32)
    assert gemm_dtype(lazy) is np.float32
    assert gemm_dtype(lazy, np.zeros((2, 2))) is np.float64


def test_a_transformer_is_fitted_on_a_sample_and_applied_block_by_block():
    from sklearn.decomposition import PCA

    pool, subset = _data()
    lazy = da.from_array(pool, chunks=500)
    # A pool smaller than the transformer's sample: the same fit as in memory.
    balancer = VoronoiBalancer(transformer=PCA(2, random_state=0)).fit(lazy)
    assert isinstance(balancer.references_, da.Array)
    in_memory = VoronoiBalancer(transformer=PCA(2, random_state=0)).fit(pool)
    assert_allclose(
        balancer.compute_sample_weight(subset), in_memory.compute_sample_weight(subset)
    )
    # The recommended balancer (a UnitScaler inside) takes a dask pool too, also
    # when the columns are in unrelated units (ranks, then a cluster metric).
    from skbalance import default_balancer

    for units in ([1.0] * pool.shape[1], [1e3] + [1.0] * (pool.shape[1] - 1)):
        lazy_default = default_balancer(random_state=0).fit(lazy * units)
        assert (lazy_default.transformer_.ranker_ is None) == (units[0] == 1.0)
        assert_allclose(
            lazy_default.compute_sample_weight(subset * units),
            default_balancer(random_state=0)
            .fit(pool * units)
            .compute_sample_weight(subset * units),
        )


@pytest.mark.parametrize("sampler", ["over", "under"])
@pytest.mark.parametrize("lazy_labels", [True, False])
def test_class_balance_samplers_resample_a_dask_array_lazily(sampler, lazy_labels):
    from skbalance import ClassBalanceOverSampler, ClassBalanceUnderSampler

    cls = ClassBalanceOverSampler if sampler == "over" else ClassBalanceUnderSampler
    rng = np.random.RandomState(0)
    X = rng.normal(size=(5000, 4))
    y = rng.choice(3, size=5000, p=[0.8, 0.15, 0.05])
    lazy_X = da.from_array(X, chunks=1000)
    X_res, y_res = cls(random_state=0).fit_resample(
        lazy_X, da.from_array(y, chunks=1000) if lazy_labels else y
    )
    assert isinstance(X_res, da.Array), "the features stay lazy"
    expected_X, expected_y = cls(random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(X_res.compute(), expected_X)
    labels = y_res.compute() if lazy_labels else y_res
    np.testing.assert_array_equal(labels, expected_y)


def test_label_free_samplers_say_that_x_must_be_in_memory():
    from skbalance import BalancerOverSampler

    X = da.from_array(np.random.RandomState(0).normal(size=(100, 2)), chunks=50)
    with pytest.raises(TypeError, match="must be in memory"):
        BalancerOverSampler().fit_resample(X, np.zeros(100))
