"""polars in, polars out, column names kept, across balancers and resamplers."""

import numpy as np
import pytest

pl = pytest.importorskip("polars")

from skbalance import (
    AdaptiveVoronoiBalancer,
    BalancedEstimator,
    BalancerOverSampler,
    BalancerUnderSampler,
    ClassBalanceOverSampler,
    GenerativeOverSampler,
    MixUpOverSampler,
    VoronoiBalancer,
)


def _frames():
    rng = np.random.RandomState(0)
    X = np.r_[rng.normal(0, 1, size=(90, 3)), rng.normal(5, 1, size=(10, 3))]
    y = np.r_[np.zeros(90, dtype=int), np.ones(10, dtype=int)]
    return (
        X,
        y,
        pl.DataFrame({"a": X[:, 0], "b": X[:, 1], "c": X[:, 2]}),
        pl.Series("label", y),
    )


def test_balancers_take_polars():
    X, _, frame, _ = _frames()
    for balancer in (VoronoiBalancer(), AdaptiveVoronoiBalancer(random_state=0)):
        fitted = balancer.fit(frame)
        assert list(fitted.feature_names_in_) == ["a", "b", "c"]
        np.testing.assert_allclose(
            fitted.compute_sample_weight(frame),
            type(balancer)(**balancer.get_params()).fit(X).compute_sample_weight(X),
        )


@pytest.mark.parametrize(
    "sampler",
    [
        BalancerOverSampler(random_state=0),
        BalancerUnderSampler(random_state=0),
        ClassBalanceOverSampler(random_state=0),
        MixUpOverSampler(random_state=0),
        GenerativeOverSampler(random_state=0),
    ],
    ids=lambda s: type(s).__name__,
)
def test_resamplers_return_polars(sampler):
    X, y, frame, series = _frames()
    X_res, y_res = sampler.fit_resample(frame, series)
    assert isinstance(X_res, pl.DataFrame) and X_res.columns == ["a", "b", "c"]
    assert isinstance(y_res, pl.Series) and y_res.name == "label"
    assert X_res.height == y_res.len()
    _, y_np = type(sampler)(**sampler.get_params()).fit_resample(X, y)
    np.testing.assert_array_equal(y_res.to_numpy(), y_np)


def test_meta_estimator_takes_polars():
    from sklearn.linear_model import LogisticRegression

    _, _, frame, series = _frames()
    model = BalancedEstimator(LogisticRegression()).fit(frame, series)
    assert list(model.feature_names_in_) == ["a", "b", "c"]
    assert model.predict(frame).shape == (100,)
