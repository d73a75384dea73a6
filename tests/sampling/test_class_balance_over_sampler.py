import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import RandomOverSampler
from numpy.testing import assert_array_equal

from skbalance import ClassBalanceOverSampler


def _one_d(seed=0):
    rng = np.random.RandomState(seed)
    y = np.r_[np.zeros(60, dtype=int), np.ones(15, dtype=int), np.full(4, 2)]
    return rng.normal(size=(y.size, 2)), y


def _multilabel(seed=0, n=200, n_classes=5):
    rng = np.random.RandomState(seed)
    freq = np.array([0.8, 0.3, 0.1, 0.05, 0.02])[:n_classes]
    Y = (rng.random_sample((n, n_classes)) < freq).astype(int)
    return rng.normal(size=(n, 3)), Y


def test_interclass_1d_matches_random_over_sampler_counts():
    X, y = _one_d()
    sampler = ClassBalanceOverSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    _, y_ros = RandomOverSampler(random_state=0).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == np.bincount(y_ros).tolist() == [60, 60, 60]
    assert_array_equal(X_res[: len(X)], X)
    assert_array_equal(X_res, X[sampler.sample_indices_])
    assert sampler.sampling_strategy_ == {1: 45, 2: 56}


def test_minimize_duplicates_spreads_copies_evenly():
    X, y = _one_d()
    sampler = ClassBalanceOverSampler(random_state=0).fit(X, y)
    appearances = np.bincount(sampler.sample_indices_, minlength=len(y))
    rare = appearances[y == 2]
    assert rare.max() - rare.min() <= 1 and rare.sum() == 60
    assert sampler.max_repeats_ == 15  # ceil(60 / 4)
    loose = ClassBalanceOverSampler(minimize_duplicates=False, random_state=0).fit(X, y)
    assert loose.max_repeats_ >= sampler.max_repeats_


def test_global_strategy_is_close_to_targets():
    X, y = _one_d()
    _, y_res = ClassBalanceOverSampler(
        allocation="global", random_state=0
    ).fit_resample(X, y)
    counts = np.bincount(y_res)
    assert counts[0] == 60 and abs(counts[1] - 60) <= 8 and abs(counts[2] - 60) <= 4


def test_sampling_strategy_vocabulary_1d():
    X, y = _one_d()
    assert np.bincount(
        ClassBalanceOverSampler(sampling_strategy="minority").fit_resample(X, y)[1]
    ).tolist() == [60, 15, 60]
    assert np.bincount(
        ClassBalanceOverSampler(sampling_strategy={1: 20, 2: 10}).fit_resample(X, y)[1]
    ).tolist() == [60, 20, 10]
    binary = y < 2
    assert np.bincount(
        ClassBalanceOverSampler(sampling_strategy=0.5).fit_resample(
            X[binary], y[binary]
        )[1]
    ).tolist() == [60, 30]
    assert np.bincount(
        ClassBalanceOverSampler(sampling_strategy=lambda y: {2: 8}).fit_resample(X, y)[
            1
        ]
    ).tolist() == [60, 15, 8]


def test_multilabel_rows_are_never_collapsed_or_truncated():
    X, Y = _multilabel()
    sampler = ClassBalanceOverSampler(random_state=0)
    _X_res, Y_res = sampler.fit_resample(X, Y)
    assert Y_res.shape[1] == Y.shape[1] and Y_res.sum(axis=1).max() > 1
    assert_array_equal(Y_res, Y[sampler.sample_indices_])
    assert len(sampler.sample_indices_) == len(Y) + sampler.n_duplicates_
    assert list(sampler.class_counts_after_.values()) == Y_res.sum(axis=0).tolist()


def _spread(counts):
    counts = np.asarray(list(counts.values()), dtype=float)
    return counts.max() / counts.min()


@pytest.mark.parametrize("strategy", ["interclass", "global"])
def test_multilabel_balance_improves(strategy):
    X, Y = _multilabel()
    sampler = ClassBalanceOverSampler(
        allocation=strategy, background_class=0, random_state=0
    ).fit(X, Y)
    before = {k: v for k, v in sampler.class_counts_before_.items() if k != 0}
    after = {k: v for k, v in sampler.class_counts_after_.items() if k != 0}
    assert _spread(after) < _spread(before) / 3
    assert all(after[k] >= before[k] for k in before)


def test_background_class_is_never_added_on_purpose():
    X, Y = _multilabel()
    sampler = ClassBalanceOverSampler(background_class=0, random_state=0).fit(X, Y)
    copied = sampler.sample_indices_[len(Y) :]
    assert np.all(Y[copied, 1:].any(axis=1)), (
        "a copied row must carry a non-background class"
    )
    assert sampler.class_targets_[0] == sampler.class_counts_before_[0]
    only_background = np.flatnonzero((Y[:, 0] == 1) & (Y[:, 1:].sum(axis=1) == 0))
    assert not np.isin(copied, only_background).any()


def test_background_class_1d():
    X, y = _one_d()
    sampler = ClassBalanceOverSampler(background_class=0, random_state=0).fit(X, y)
    assert sampler.class_counts_after_ == {0: 60, 1: 15, 2: 15}


def test_max_repeats_limits_duplicates():
    X, Y = _multilabel()
    sampler = ClassBalanceOverSampler(max_repeats=3, random_state=0).fit(X, Y)
    assert sampler.max_repeats_ <= 3
    glob = ClassBalanceOverSampler(
        allocation="global", max_repeats=2, random_state=0
    ).fit(X, Y)
    assert glob.max_repeats_ <= 2


def test_errors():
    X, y = _one_d()
    with pytest.raises(ValueError, match="background_class"):
        ClassBalanceOverSampler(background_class=7).fit(X, y)
    with pytest.raises(ValueError, match="binary"):
        ClassBalanceOverSampler(sampling_strategy=0.5).fit(X, y)
    with pytest.raises(ValueError, match="at least 2 classes"):
        ClassBalanceOverSampler().fit(X, np.zeros(len(y)))
    X2, Y = _multilabel()
    with pytest.raises(ValueError, match="label columns"):
        ClassBalanceOverSampler(sampling_strategy={9: 10}).fit(X2, Y)
    with pytest.raises(ValueError, match="two classes"):
        ClassBalanceOverSampler(sampling_strategy=0.5).fit(X2, Y)
    with pytest.raises(ValueError, match="cannot remove"):
        ClassBalanceOverSampler(sampling_strategy={0: 1}).fit(X2, Y)
    with pytest.raises(ValueError, match="indicator"):
        ClassBalanceOverSampler().fit(X2, Y + Y[:, ::-1])
    with pytest.raises(ValueError, match="sampling_strategy"):
        ClassBalanceOverSampler(sampling_strategy="rare").fit(X, y)


def test_pandas_in_pandas_out():
    X, Y = _multilabel()
    frame = pd.DataFrame(X, columns=list("abc"))
    labels = pd.DataFrame(Y, columns=[f"l{i}" for i in range(Y.shape[1])])
    X_res, Y_res = ClassBalanceOverSampler(random_state=0).fit_resample(frame, labels)
    assert isinstance(X_res, pd.DataFrame) and isinstance(Y_res, pd.DataFrame)
    assert list(Y_res.columns) == list(labels.columns)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(5, 80),
    strategy=st.sampled_from(["interclass", "global"]),
    minimize=st.booleans(),
)
def test_property_no_row_lost_and_counts_consistent(seed, n, strategy, minimize):
    rng = np.random.RandomState(seed)
    Y = (rng.random_sample((n, 4)) < [0.7, 0.3, 0.15, 0.1]).astype(int)
    Y[0] = 1  # every class present at least once
    X = rng.normal(size=(n, 2))
    X_copy, Y_copy = X.copy(), Y.copy()
    sampler = ClassBalanceOverSampler(
        allocation=strategy, minimize_duplicates=minimize, random_state=seed
    )
    _X_res, Y_res = sampler.fit_resample(X, Y)
    assert_array_equal(X, X_copy)
    assert_array_equal(Y, Y_copy)
    assert_array_equal(sampler.sample_indices_[:n], np.arange(n))
    assert_array_equal(Y_res, Y[sampler.sample_indices_])
    before, after = Y.sum(axis=0), Y_res.sum(axis=0)
    assert np.all(after >= before)
    again = ClassBalanceOverSampler(
        allocation=strategy, minimize_duplicates=minimize, random_state=seed
    ).fit(X, Y)
    assert_array_equal(again.sample_indices_, sampler.sample_indices_)
