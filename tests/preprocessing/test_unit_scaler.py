import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.utils.estimator_checks import parametrize_with_checks

from skbalance.preprocessing import ClusterDiscriminantAnalysis, UnitScaler


@parametrize_with_checks(
    [
        UnitScaler(),
        UnitScaler(method="rank"),
        UnitScaler(method="rank", then=ClusterDiscriminantAnalysis(random_state=0)),
    ]
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_features_in_one_unit_are_left_alone():
    rng = np.random.RandomState(0)
    # Pixels: most columns span the full ink range, a few are faint or empty.
    pixels = rng.uniform(size=(500, 20)) * np.r_[np.ones(15), [0.05, 0.01, 0.001, 0, 0]]
    scaler = UnitScaler().fit(pixels)
    assert not scaler.scaled_
    assert_allclose(scaler.transform(pixels), pixels)


def test_a_feature_in_a_larger_unit_gets_every_feature_scaled():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(500, 4)) * [1.0, 1.0, 1.0, 1000.0]
    scaler = UnitScaler().fit(X)
    assert scaler.scaled_
    spreads = np.percentile(scaler.transform(X), [1, 99], axis=0)
    assert_allclose(spreads[1] - spreads[0], 1.0)
    assert_allclose(scaler.inverse_transform(scaler.transform(X)), X)


def test_two_features_in_unrelated_units():
    X = np.random.RandomState(0).normal(size=(200, 2)) * [1.0, 1000.0]
    assert UnitScaler().fit(X).scaled_
    assert not UnitScaler(max_spread_ratio=2000).fit(X).scaled_


def test_spread_ignores_a_single_outlier():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(1000, 3)) * [1.0, 1000.0, 1.0]
    with_outlier = X.copy()
    with_outlier[0, 0] = 1e12
    a, b = UnitScaler().fit(X), UnitScaler().fit(with_outlier)
    assert_allclose(a.spread_, b.spread_, rtol=0.01)


def test_float32_stays_float32_and_input_is_not_modified():
    X = (np.random.RandomState(0).normal(size=(50, 3)) * [1, 1, 100]).astype(np.float32)
    before = X.copy()
    out = UnitScaler().fit_transform(X)
    assert out.dtype == np.float32
    assert_allclose(X, before)


@pytest.mark.parametrize("bad", [(99, 1), (1,), (-1, 50), (1, 101), ("a", "b")])
def test_bad_quantile_range(bad):
    with pytest.raises(ValueError, match="quantile_range"):
        UnitScaler(quantile_range=bad).fit(np.ones((5, 2)))


def test_bad_input():
    with pytest.raises(ValueError, match="NaN"):
        UnitScaler().fit([[1.0, np.nan], [2.0, 3.0]])
    scaler = UnitScaler().fit(np.ones((5, 2)))
    with pytest.raises(ValueError, match="features"):
        scaler.transform(np.ones((5, 3)))
    with pytest.raises(ValueError, match="max_spread_ratio"):
        UnitScaler(max_spread_ratio=0.5).fit(np.ones((5, 2)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("units", [[1.0, 1.0, 1.0], [1.0, 1e4, 1e-3]])
def test_transform_is_a_new_array_equal_to_the_quotient(dtype, units, monkeypatch):
    import skbalance.preprocessing._unit_scaler as module

    monkeypatch.setattr(module, "_BATCH_ROWS", 7)  # several batches
    X = (np.random.RandomState(0).normal(size=(50, 3)) * units).astype(dtype)
    scaler = UnitScaler().fit(X)
    out = scaler.transform(X)
    assert out.dtype == dtype and not np.shares_memory(out, X)
    np.testing.assert_array_equal(out, (X / scaler.scale_).astype(dtype))
    assert scaler.scaled_ == (units[1] != 1.0)


def test_a_large_set_is_measured_on_a_sample_of_its_rows():
    # 60,000 rows: the spreads come from 20,000 evenly spaced ones (one partial sort
    # of every row cost as much as a balancer's whole fit), within 2% of the full
    # columns' and exactly those of the sample.
    rng = np.random.RandomState(0)
    X = rng.lognormal(size=(60_000, 3)) * [1.0, 10.0, 1e4]
    scaler = UnitScaler().fit(X)
    full = np.subtract(*np.percentile(X, [99, 1], axis=0))
    assert_allclose(scaler.spread_, full, rtol=0.02)
    rows = np.linspace(0, len(X) - 1, 20_000).astype(np.intp)
    sample = np.subtract(*np.percentile(X[rows], [99, 1], axis=0))
    assert_allclose(scaler.spread_, sample)
    assert not np.allclose(scaler.spread_, full, rtol=1e-6)  # a sample, not every row


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_spreads_are_numpys_percentiles(dtype):
    # The percentiles come from one sort of the transposed columns (np.percentile
    # partitions along the strided axis, several times slower on wide data): the
    # same values, ties of integer-valued columns and a constant column included.
    rng = np.random.RandomState(0)
    X = np.c_[
        rng.normal(size=(501, 3)) * [1.0, 1e3, 1e-3],
        np.round(rng.normal(size=(501, 2)) * 3),
        np.full(501, 7.0),
    ].astype(dtype)
    before = X.copy()
    scaler = UnitScaler(quantile_range=(2.5, 97.0)).fit(X)
    expected = np.subtract(*np.percentile(X, [97.0, 2.5], axis=0))
    assert_allclose(scaler.spread_, expected, rtol=1e-6, atol=0)
    np.testing.assert_array_equal(X, before)  # sorted a copy, not X


@pytest.mark.parametrize("writeable", [True, False])
@pytest.mark.parametrize("order", ["C", "F"])
def test_fit_neither_sorts_nor_needs_to_write_the_input(order, writeable):
    # The columns are sorted to find the percentiles: a Fortran-ordered X's
    # transpose is contiguous already, and must still be copied, not sorted in
    # place (nor fail on read-only data, e.g. a DataFrame's memory).
    rng = np.random.RandomState(0)
    X = np.asarray(rng.normal(size=(200, 3)) * [1.0, 1e3, 1e-3], order=order)
    before = X.copy()
    X.setflags(write=writeable)
    scaler = UnitScaler().fit(X)
    np.testing.assert_array_equal(X, before)
    assert_allclose(
        scaler.spread_, np.subtract(*np.percentile(before, [99, 1], axis=0))
    )


def _unrelated_units(n_samples=400, seed=0):
    rng = np.random.RandomState(seed)
    return np.c_[
        rng.lognormal(sigma=2.0, size=n_samples), rng.normal(size=(n_samples, 2))
    ] * [
        1.0,
        1000.0,
        1.0,
    ]


def test_rank_maps_every_feature_to_its_rank_in_the_fitted_data():
    X = _unrelated_units()
    scaler = UnitScaler(method="rank").fit(X)
    assert scaler.scaled_ and scaler.ranker_ is not None
    assert_allclose(scaler.scale_, 1.0)
    ranks = scaler.transform(X)
    # With at most 1,000 rows every row is a quantile: ranks are exactly the
    # order statistics' positions, evenly spaced in [0, 1].
    for column in ranks.T:
        assert_allclose(np.sort(column), np.linspace(0, 1, len(X)), atol=1e-12)
    assert_allclose(scaler.inverse_transform(ranks), X, rtol=1e-9)


def test_ranks_do_not_depend_on_monotone_re_expressions_of_a_column():
    # A log, a cube or another unit of a column changes spreads, not ranks.
    X = _unrelated_units()
    re_expressed = np.c_[np.log(X[:, 0]), X[:, 1] ** 3, X[:, 2] * 1e-4 + 5]
    a = UnitScaler(method="rank").fit_transform(X)
    b = UnitScaler(method="rank").fit_transform(re_expressed)
    assert_allclose(a, b, atol=1e-12)
    # Spreads, by contrast, keep each column's shape.
    by_spread = UnitScaler().fit_transform(X)
    assert not np.allclose(by_spread, UnitScaler().fit_transform(re_expressed))


def test_rank_clips_values_beyond_the_fitted_range_and_keeps_float32():
    X = _unrelated_units().astype(np.float32)
    before = X.copy()
    scaler = UnitScaler(method="rank").fit(X)
    beyond = np.array([[X[:, 0].min() - 1, X[:, 1].max() * 10, 0.0]], np.float32)
    out = scaler.transform(beyond)
    assert out.dtype == np.float32
    assert out[0, 0] == 0.0 and out[0, 1] == 1.0 and 0 < out[0, 2] < 1
    np.testing.assert_array_equal(X, before)


def test_rank_leaves_features_in_one_unit_alone():
    rng = np.random.RandomState(0)
    pixels = rng.uniform(size=(300, 6)) * [1, 1, 1, 1, 0.05, 0]
    scaler = UnitScaler(method="rank").fit(pixels)
    assert not scaler.scaled_ and scaler.ranker_ is None
    np.testing.assert_array_equal(scaler.transform(pixels), pixels)


def test_rank_of_a_large_set_uses_the_same_rows_as_the_spreads():
    # Deterministic: the ranks come from the evenly spaced rows, no random sample.
    X = np.random.RandomState(0).lognormal(size=(30_000, 2)) * [1.0, 1e4]
    a = UnitScaler(method="rank").fit(X)
    b = UnitScaler(method="rank").fit(X)
    assert_allclose(a.ranker_.quantiles_, b.ranker_.quantiles_)
    assert a.ranker_.n_quantiles_ == 1000
    rows = np.linspace(0, len(X) - 1, 20_000).astype(np.intp)
    expected = np.percentile(X[rows], np.linspace(0, 100, 1000), axis=0)
    assert_allclose(a.ranker_.quantiles_, expected)


def test_bad_method():
    with pytest.raises(ValueError, match="method"):
        UnitScaler(method="quantile").fit(np.ones((5, 2)))


def test_then_is_applied_only_to_features_in_unrelated_units():
    rng = np.random.RandomState(0)
    then = ClusterDiscriminantAnalysis(n_clusters=6, random_state=0)
    pixels = rng.uniform(size=(300, 5))
    scaler = UnitScaler(method="rank", then=then).fit(pixels)
    assert scaler.then_ is None
    assert_allclose(scaler.transform(pixels), pixels)
    assert_allclose(scaler.inverse_transform(pixels), pixels)

    X = rng.normal(size=(300, 5)) * [1.0, 1.0, 1.0, 1.0, 1000.0]
    scaler = UnitScaler(method="rank", then=then).fit(X)
    assert scaler.scaled_ and scaler.then_ is not None and scaler.then is then
    ranks = UnitScaler(method="rank").fit_transform(X)
    expected = clone(then).fit(ranks)
    Z = scaler.transform(X)
    assert Z.shape == (300, expected.n_components_)
    assert_allclose(Z, expected.transform(ranks))
    names = scaler.get_feature_names_out()
    assert names[0] == "clusterdiscriminantanalysis0" and names.size == Z.shape[1]
    with pytest.raises(ValueError, match="cannot undo `then`"):
        scaler.inverse_transform(Z)


def test_then_must_be_a_transformer():
    X = np.random.RandomState(0).normal(size=(50, 2)) * [1.0, 1000.0]
    with pytest.raises(ValueError, match="then"):
        UnitScaler(then="cluster").fit(X)
