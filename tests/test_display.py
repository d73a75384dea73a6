import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from skbalance import UniformBalancer, VoronoiBalancer
from skbalance.display import BalanceDisplay
from skbalance.metrics import balance_error


def _data():
    rng = np.random.RandomState(0)
    pool = np.r_[rng.normal(-2, 1, size=(300, 2)), rng.normal(2, 1, size=(300, 2))]
    X = np.r_[rng.normal(-2, 1, size=(90, 2)), rng.normal(2, 1, size=(10, 2))]
    y = np.r_[np.zeros(90, dtype=int), np.ones(10, dtype=int)]
    return pool, X, y


def test_from_estimator_with_labels():
    pool, X, y = _data()
    balancer = VoronoiBalancer().fit(pool)
    display = BalanceDisplay.from_estimator(balancer, X, y)
    w = balancer.compute_sample_weight(X)
    assert display.balance_error_before_ == pytest.approx(0.4)
    assert display.balance_error_after_ == pytest.approx(balance_error(y, w))
    assert display.axes_.size == 2
    bars = display.axes_[0].patches
    assert len(bars) == 4 and bars[0].get_height() == pytest.approx(0.9)
    assert "ESS" in display.axes_[1].get_title()


def test_from_weights_without_labels_and_given_axes():
    import matplotlib.pyplot as plt

    display = BalanceDisplay.from_weights(np.ones(10))
    assert display.axes_.size == 1 and display.shares_before_ is None
    assert display.ess_ == pytest.approx(10.0)
    _, axes = plt.subplots(1, 2)
    pool, X, y = _data()
    shown = BalanceDisplay.from_estimator(UniformBalancer().fit(pool), X, y, ax=axes)
    assert shown.figure_ is axes[0].figure
    with pytest.raises(ValueError, match="2 Axes"):
        BalanceDisplay.from_weights(
            np.ones(10), y=np.r_[np.zeros(5), np.ones(5)], ax=axes[0]
        )
    plt.close("all")
