import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.under_sampling import RandomUnderSampler
from numpy.testing import assert_array_equal

from skbalance import ClassBalanceUnderSampler


def _one_d():
    rng = np.random.RandomState(0)
    y = np.r_[np.zeros(60, dtype=int), np.ones(15, dtype=int), np.full(4, 2)]
    return rng.normal(size=(y.size, 2)), y


def _multilabel(n=300):
    rng = np.random.RandomState(0)
    Y = (rng.random_sample((n, 5)) < [0.8, 0.3, 0.1, 0.05, 0.02]).astype(int)
    return rng.normal(size=(n, 3)), Y


def test_1d_matches_random_under_sampler_counts():
    X, y = _one_d()
    sampler = ClassBalanceUnderSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    _, y_rus = RandomUnderSampler(random_state=0).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == np.bincount(y_rus).tolist() == [4, 4, 4]
    assert_array_equal(X_res, X[sampler.sample_indices_])
    assert sampler.n_dropped_ == len(y) - 12
    assert np.bincount(
        ClassBalanceUnderSampler(sampling_strategy={0: 30}).fit_resample(X, y)[1]
    ).tolist() == [30, 15, 4]
    assert np.bincount(
        ClassBalanceUnderSampler(sampling_strategy="majority").fit_resample(X, y)[1]
    ).tolist() == [4, 15, 4]


def test_multilabel_keeps_every_rare_row_and_improves_balance():
    X, Y = _multilabel()
    sampler = ClassBalanceUnderSampler(random_state=0)
    _X_res, Y_res = sampler.fit_resample(X, Y)
    rarest = int(np.argmin(Y.sum(axis=0)))
    assert Y_res[:, rarest].sum() == Y[:, rarest].sum()
    assert_array_equal(Y_res, Y[sampler.sample_indices_])
    before, after = Y.sum(axis=0), Y_res.sum(axis=0)
    assert after.max() / after.min() < before.max() / before.min() / 3
    assert list(sampler.class_counts_after_.values()) == after.tolist()


def test_background_class_is_never_a_reason_to_keep():
    X, Y = _multilabel()
    sampler = ClassBalanceUnderSampler(background_class=0, random_state=0).fit(X, Y)
    kept = Y[sampler.sample_indices_]
    assert kept[:, 1:].any(axis=1).all()


def test_errors():
    X, y = _one_d()
    with pytest.raises(ValueError, match="at least 2 classes"):
        ClassBalanceUnderSampler().fit(X, np.zeros(len(y)))
    with pytest.raises(ValueError, match="background_class"):
        ClassBalanceUnderSampler(background_class=9).fit(X, y)
    X2, Y = _multilabel()
    with pytest.raises(ValueError, match="cannot add"):
        ClassBalanceUnderSampler(sampling_strategy={4: 10_000}).fit(X2, Y)
    with pytest.raises(ValueError, match="sampling_strategy"):
        ClassBalanceUnderSampler(sampling_strategy="rare").fit(X, y)


def test_pandas_round_trip():
    X, Y = _multilabel()
    frame = pd.DataFrame(X, columns=list("abc"), index=np.arange(1000, 1300))
    X_res, _Y_res = ClassBalanceUnderSampler(random_state=0).fit_resample(
        frame, pd.DataFrame(Y)
    )
    assert isinstance(X_res, pd.DataFrame) and list(X_res.columns) == list("abc")
    assert X_res.index.min() >= 1000


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(5, 80))
def test_property_no_class_below_target(seed, n):
    rng = np.random.RandomState(seed)
    Y = (rng.random_sample((n, 4)) < [0.7, 0.3, 0.15, 0.1]).astype(int)
    Y[0] = 1
    X = rng.normal(size=(n, 2))
    X_copy = X.copy()
    sampler = ClassBalanceUnderSampler(random_state=seed).fit(X, Y)
    after = Y[sampler.sample_indices_].sum(axis=0)
    targets = np.array(list(sampler.class_targets_.values()))
    assert np.all(after >= np.minimum(np.ceil(targets), Y.sum(axis=0)))
    assert np.unique(sampler.sample_indices_).size == sampler.sample_indices_.size
    assert_array_equal(X, X_copy)
