"""Extreme values, outliers, huge requests, malformed parameters and files.

Every public estimator either gives the right answer or refuses the input with
a ``ValueError``/``TypeError`` that names the problem, fast and without large
allocations. The table in ``docs/robustness.md`` lists these cases.
"""

import gzip
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from skbalance import (
    AdaptiveVoronoiBalancer,
    BalancedEstimator,
    BalancerOverSampler,
    BoxVoronoiBalancer,
    ClassBalanceOverSampler,
    ClassBalanceUnderSampler,
    ClassifierRatioBalancer,
    ClusterBalancer,
    DensityBalancer,
    GenerativeOverSampler,
    KDEBalancer,
    MixUpOverSampler,
    Pool,
    SmoothVoronoiBalancer,
    VoronoiBalancer,
)
from skbalance.datasets import read_idx
from skbalance.metrics import balance_error, weighted_class_distribution
from skbalance.utils._weights import normalize_weights
from skbalance.utils.discovery import all_balancers

BALANCERS = [cls for _, cls in all_balancers()]


def _make(cls):
    return cls(random_state=0) if "random_state" in cls().get_params() else cls()


def _blobs(seed=0):
    rng = np.random.RandomState(seed)
    pool = np.r_[rng.normal(0, 1, (150, 3)), rng.normal(5, 1, (150, 3))]
    return pool, np.r_[pool[:150:3], pool[150::15]]


# 1. Distance kernels at large spreads -----------------------------------------


def test_a_nanosecond_timestamp_column():
    rng = np.random.RandomState(0)
    t = (np.arange(300.0) * 86400 + 1.7e9) * 1e9
    pool = np.c_[t, rng.normal(size=300)]
    w = (
        AdaptiveVoronoiBalancer(random_state=0)
        .fit(pool)
        .compute_sample_weight(pool[:50])
    )
    assert w.shape == (50,) and np.isfinite(w).all()


@pytest.mark.parametrize("scale", [1e16, 1e100])
def test_smooth_voronoi_at_a_large_spread_gives_one_weight_per_row(scale):
    X = np.random.RandomState(0).normal(size=(51, 2)) * scale
    balancer = SmoothVoronoiBalancer(n_votes=0.1, random_state=0).fit(X)
    assert balancer.compute_sample_weight(X).shape == (51,)


# 2. One outlier row -----------------------------------------------------------


@pytest.mark.parametrize(
    "cls", [VoronoiBalancer, KDEBalancer, DensityBalancer, AdaptiveVoronoiBalancer]
)
@pytest.mark.parametrize("value", [1e4, 1e10, 1e100])
def test_an_outlying_row_counts_as_far_away_and_leaves_the_others(cls, value):
    # Moving one row far away must give the others the weights they get without it.
    pool, X = _blobs()
    balancer = _make(cls).fit(pool)
    others = np.arange(len(X)) != 3
    without = balancer.compute_sample_weight(X[others])
    X_out = X.copy()
    X_out[3, 0] = value
    w = balancer.compute_sample_weight(X_out)[others]
    assert_allclose(w / w.mean(), without / without.mean(), atol=1e-9)


def test_a_pool_outlier_does_not_spoil_the_precision_of_the_others():
    pool, X = _blobs()
    outlying = pool.copy()
    outlying[0, 0] = 1e12
    # The outlying pool point is one far-away voter: the vote counts are those of the
    # pool without it, plus its one vote.
    n = len(X)
    votes = VoronoiBalancer().fit(outlying).compute_sample_weight(X) * len(pool) / n
    without = (
        VoronoiBalancer().fit(pool[1:]).compute_sample_weight(X) * (len(pool) - 1) / n
    )
    difference = np.round(votes - without, 9)
    assert sorted(difference[difference != 0]) == [1.0]


# 3. Scale ---------------------------------------------------------------------


#: Their models, like the scikit-learn models they wrap (a regularised logistic
#: regression, a Gaussian mixture with a covariance floor), depend on the features'
#: scale.
SCALE_DEPENDENT = (ClassifierRatioBalancer, ClusterBalancer)


# The logistic regression does not converge on features of magnitude 1e60 (the edge of
# the range extreme data are brought back to); its weights stay finite.
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("cls", BALANCERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("scale", [1e-170, 1e-30, 1e30, 1e155])
def test_weights_do_not_depend_on_the_unit(cls, scale):
    pool, X = _blobs()
    w = _make(cls).fit(pool * scale).compute_sample_weight(X * scale)
    assert np.isfinite(w).all() and w.min() >= 0 and np.isclose(w.mean(), 1.0)
    if cls not in SCALE_DEPENDENT:
        expected = _make(cls).fit(pool).compute_sample_weight(X)
        assert_allclose(w, expected, rtol=1e-9, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(exponent=st.integers(-300, 300))
def test_voronoi_weights_are_unit_free_for_any_power_of_ten(exponent):
    pool, X = _blobs()
    expected = VoronoiBalancer().fit(pool).compute_sample_weight(X)
    scale = 10.0**exponent
    w = VoronoiBalancer().fit(pool * scale).compute_sample_weight(X * scale)
    assert_allclose(w, expected)


def test_distances_that_overflow_are_refused_by_name():
    pool, X = _blobs()
    balancer = VoronoiBalancer().fit(pool.astype(np.float32))
    X_far = X.astype(np.float32)
    X_far[0, 0] = 1e30  # float32 squares overflow
    with pytest.raises(ValueError, match="overflow float32"):
        balancer.compute_sample_weight(X_far)
    X_far = X.copy()
    X_far[0, 0] = 1e200  # float64 squares overflow
    with pytest.raises(ValueError, match="overflow float64"):
        VoronoiBalancer().fit(pool).compute_sample_weight(X_far)


# 4. Unbounded requests --------------------------------------------------------


def _multilabel(n=200, seed=0):
    rng = np.random.RandomState(seed)
    Y = (rng.random_sample((n, 4)) < [0.8, 0.3, 0.1, 0.05]).astype(int)
    return rng.normal(size=(n, 2)), Y


def _fast(call, limit=1.0):
    start = time.perf_counter()
    result = call()
    assert time.perf_counter() - start < limit
    return result


@pytest.mark.parametrize(
    "request_",
    [
        lambda: ClassBalanceOverSampler(sampling_strategy={1: 10**12}).fit(
            *_multilabel()
        ),
        lambda: BalancerOverSampler(n_samples=10**12).fit_resample(*_multilabel()),
        lambda: MixUpOverSampler(sampling_strategy={1: 10**12}).fit_resample(
            np.random.RandomState(0).normal(size=(40, 2)), np.r_[[0] * 30, [1] * 10]
        ),
        lambda: GenerativeOverSampler(sampling_strategy={1: 10**12}).fit_resample(
            np.random.RandomState(0).normal(size=(40, 2)), np.r_[[0] * 30, [1] * 10]
        ),
        lambda: (
            BoxVoronoiBalancer(n_references=10**12)
            .fit(_blobs()[0])
            .compute_sample_weight(_blobs()[1])
        ),
    ],
)
def test_requests_that_cannot_fit_in_memory_are_refused_up_front(request_):
    with pytest.raises(ValueError, match="GiB of memory available"):
        _fast(request_)


def test_a_large_multilabel_request_is_served_in_steps():
    X, Y = _multilabel()
    sampler = _fast(
        lambda: ClassBalanceOverSampler(sampling_strategy={1: 10**6}).fit(X, Y), 2.0
    )
    assert sampler.class_counts_after_[1] == 10**6


@pytest.mark.parametrize("target", [float("inf"), float("nan"), -5, "10"])
@pytest.mark.parametrize("sampler", [ClassBalanceOverSampler, ClassBalanceUnderSampler])
@pytest.mark.parametrize("multilabel", [True, False])
def test_malformed_targets_are_refused(target, sampler, multilabel):
    X, Y = _multilabel()
    y = Y if multilabel else Y[:, 1]
    with pytest.raises((ValueError, TypeError), match="sampling_strategy"):
        sampler(sampling_strategy={1: target}).fit(X, y)


@pytest.mark.parametrize("multilabel", [True, False])
def test_a_callable_strategy_must_return_a_dict(multilabel):
    X, Y = _multilabel()
    y = Y if multilabel else Y[:, 1]
    with pytest.raises(TypeError, match="must return a dict"):
        ClassBalanceOverSampler(sampling_strategy=lambda y: [1]).fit(X, y)


def test_torch_sampler_requests():
    torch_sampler = pytest.importorskip("skbalance.torch_sampler")
    with pytest.raises(ValueError, match="GiB of memory available"):
        torch_sampler.BalancedSampler(np.ones(10), num_samples=10**12)
    with pytest.raises(ValueError, match="1-D"):
        torch_sampler.BalancedSampler(np.ones((3, 2)))


# 5. Parameter ranges ----------------------------------------------------------


@pytest.mark.parametrize("cls", [KDEBalancer, DensityBalancer])
def test_tiny_bandwidths_are_refused_by_name_and_huge_ones_flatten(cls):
    pool, X = _blobs()
    with pytest.raises(ValueError, match="bandwidth=1e-300 is too small"):
        cls(bandwidth=1e-300).fit(pool).compute_sample_weight(X)
    assert_allclose(cls(bandwidth=1e300).fit(pool).compute_sample_weight(X), 1.0)


def test_subset_bandwidth_too_small():
    pool, X = _blobs()
    with pytest.raises(ValueError, match="subset_bandwidth=1e-300 is too small"):
        KDEBalancer(subset_bandwidth=1e-300).fit(pool).compute_sample_weight(X)


@pytest.mark.parametrize(
    "estimator",
    [
        AdaptiveVoronoiBalancer(n_votes=True),
        SmoothVoronoiBalancer(n_votes=True),
        VoronoiBalancer(n_references=True),
        ClusterBalancer(n_clusters=True),
        KDEBalancer(bandwidth=True),
    ],
    ids=repr,
)
def test_booleans_are_not_numbers(estimator):
    with pytest.raises(ValueError, match="Got True"):
        estimator.fit(_blobs()[0])


def test_mixup_refuses_a_boolean_neighbour_count():
    X, Y = _multilabel()
    with pytest.raises(ValueError, match="Got True"):
        MixUpOverSampler(n_neighbors=True).fit_resample(X, Y[:, 0])


def test_cluster_balancer_with_fewer_pool_samples_than_clusters():
    with pytest.raises(ValueError, match="max_pool_samples=2"):
        ClusterBalancer(max_pool_samples=2).fit(_blobs()[0])


def test_a_pool_too_small_for_the_transformer_is_named_in_the_error():
    # The image default reduces to 50 principal components: 20 images are too few.
    from skbalance import default_balancer

    pool = np.random.RandomState(0).rand(20, 64)
    balancer = default_balancer(random_state=0, image_shape=(8, 8))
    with pytest.raises(
        ValueError, match=r"pool \(20 rows x 64 features\).*n_components"
    ):
        balancer.fit(pool)
    # And the same for a dask pool, whose transformer is fitted on a sample.
    da = pytest.importorskip("dask.array")
    with pytest.raises(ValueError, match=r"pool \(20 rows x 64 features\)"):
        balancer.fit(da.from_array(pool, chunks=10))


# 7. BalancedEstimator ---------------------------------------------------------


def test_unlabeled_pool_needs_one_dimensional_labels():
    from sklearn.linear_model import LogisticRegression

    X, Y = _multilabel()
    with pytest.raises(ValueError, match="y must be 1-D"):
        BalancedEstimator(LogisticRegression(), pool="unlabeled").fit(X, Y[:, :2])


def test_reordered_dataframe_columns_are_refused():
    pd = pytest.importorskip("pandas")
    from sklearn.linear_model import LogisticRegression

    rng = np.random.RandomState(0)
    pool = pd.DataFrame(rng.normal(size=(100, 2)), columns=["a", "b"])
    X = pd.DataFrame(rng.normal(size=(30, 2)), columns=["a", "b"])
    y = (X["a"] > 0).astype(int)
    model = BalancedEstimator(LogisticRegression(), VoronoiBalancer(), pool=Pool(pool))
    model.fit(X, y)  # same order: fine
    with pytest.raises(ValueError, match="same order"):
        model.fit(X[["b", "a"]], y)


# 8. Weights helpers and metrics -----------------------------------------------


@pytest.mark.parametrize("value", [1e-320, 1e-300, 1e308])
def test_normalizing_extreme_weights(value):
    assert_allclose(normalize_weights(np.full(5, value)), 1.0)


def test_metric_inputs():
    with pytest.raises(ValueError, match="classes is empty"):
        balance_error([0, 1, 1], classes=[])
    with pytest.raises(ValueError, match="NaN labels"):
        balance_error([0.0, np.nan, 1.0])
    with pytest.raises(ValueError, match="sample_weight must be 1-D"):
        weighted_class_distribution([0, 1], [[1, 2], [3, 4]])
    with pytest.raises(TypeError, match="Pool needs"):
        Pool(None)


# 9. Loaders -------------------------------------------------------------------


def _idx(tmp_path, name, payload, compress=True):
    path = tmp_path / name
    path.write_bytes(gzip.compress(payload) if compress else payload)
    return path


HEADER = bytes([0, 0, 8, 1]) + (10).to_bytes(4, "big")


@pytest.mark.parametrize(
    "name, payload, compress, match",
    [
        ("bomb.gz", HEADER + bytes(50_000_000), True, "more data than"),
        ("short.gz", bytes([0, 0, 8, 1, 0]), True, "header is incomplete"),
        (
            "overflow.gz",
            bytes([0, 0, 8, 4]) + (2**32 - 1).to_bytes(4, "big") * 4,
            True,
            "header is corrupt",
        ),
        ("truncated.gz", HEADER + bytes(7), True, "truncated"),
        ("plain.gz", HEADER + bytes(10), False, "not a readable IDX file"),
        ("magic", bytes([1, 2, 3, 4]), False, "bad magic number"),
    ],
)
def test_malformed_idx_files_are_refused_fast(tmp_path, name, payload, compress, match):
    path = _idx(tmp_path, name, payload, compress)
    with pytest.raises(ValueError, match=match):
        _fast(lambda: read_idx(path))


def test_a_cut_gzip_stream(tmp_path):
    path = tmp_path / "cut.gz"
    path.write_bytes(gzip.compress(HEADER + bytes(range(10)))[:-10])
    with pytest.raises(ValueError, match="not a readable IDX file"):
        read_idx(path)


def test_a_good_idx_file(tmp_path):
    path = _idx(tmp_path, "good.gz", HEADER + bytes(range(10)))
    np.testing.assert_array_equal(read_idx(path), np.arange(10, dtype=np.uint8))


# 10. Small silent changes -----------------------------------------------------


@pytest.mark.parametrize(
    "sampler",
    [MixUpOverSampler(random_state=0), GenerativeOverSampler(random_state=0)],
    ids=lambda s: type(s).__name__,
)
def test_synthetic_rows_of_boolean_features_are_floats(sampler):
    rng = np.random.RandomState(0)
    X = rng.random_sample((60, 4)) < 0.33
    y = np.r_[np.zeros(50, dtype=int), np.ones(10, dtype=int)]
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res.dtype == np.float64
    np.testing.assert_array_equal(X_res[:60], X)


def test_classifier_ratio_says_when_it_cannot_cross_fit():
    rng = np.random.RandomState(0)
    balancer = ClassifierRatioBalancer(cv=5).fit(rng.normal(size=(50, 2)))
    with pytest.warns(UserWarning, match="cv=5 needs at least 10 samples"):
        balancer.compute_sample_weight(rng.normal(size=(9, 2)))


@pytest.mark.parametrize("sampler", [ClassBalanceOverSampler, ClassBalanceUnderSampler])
def test_class_balance_samplers_take_coo_features_and_sparse_labels(sampler):
    from scipy import sparse

    X, Y = _multilabel()
    X_res, Y_res = sampler(random_state=0).fit_resample(
        sparse.coo_matrix(X), sparse.csr_matrix(Y)
    )
    assert X_res.shape[0] == Y_res.shape[0]
    _, dense_Y = sampler(random_state=0).fit_resample(X, Y)
    np.testing.assert_array_equal(Y_res.toarray(), dense_Y)
