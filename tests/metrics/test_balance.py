import numpy as np
import pytest
from sklearn.utils.class_weight import compute_sample_weight

from skbalance.metrics import (
    balance_error,
    effective_sample_size,
    weighted_class_distribution,
)


def test_weighted_class_distribution_hand_computed():
    assert weighted_class_distribution([0, 0, 1]) == pytest.approx({0: 2 / 3, 1: 1 / 3})
    assert weighted_class_distribution(["a", "b", "b"], [3, 1, 2]) == pytest.approx(
        {"a": 0.5, "b": 0.5}
    )
    assert weighted_class_distribution([5, 1, 5], [0.0, 1.0, 3.0]) == pytest.approx(
        {1: 0.25, 5: 0.75}
    )


def test_distribution_keys_are_plain_python():
    keys = list(weighted_class_distribution(np.array([2, 3, 3])))
    assert keys == [2, 3] and all(type(k) is int for k in keys)


def test_balance_error_hand_computed():
    assert balance_error([0, 0, 0, 1]) == pytest.approx(0.25)
    assert balance_error([0, 1, 2], [2, 1, 1]) == pytest.approx(0.5 - 1 / 3)
    assert balance_error([0, 0, 1, 1]) == 0.0


def test_balance_error_counts_missing_classes():
    assert balance_error([0, 0], classes=[0, 1]) == pytest.approx(0.5)


def test_sklearn_balanced_weights_have_zero_error():
    y = np.r_[np.zeros(90), np.ones(10), np.full(3, 2)]
    assert balance_error(y, compute_sample_weight("balanced", y)) == pytest.approx(
        0.0, abs=1e-12
    )


def test_effective_sample_size_hand_computed():
    assert effective_sample_size([1, 1, 1, 1]) == 4.0
    assert effective_sample_size([5, 0, 0]) == 1.0
    assert effective_sample_size([1, 1, 2]) == pytest.approx(16 / 6)
    assert effective_sample_size(np.full(7, 3.3)) == pytest.approx(7.0)


def test_effective_sample_size_tiny_and_huge_weights():
    # Found by hypothesis: sum(w ** 2) underflowed to 0 for weights ~1e-258.
    assert effective_sample_size(np.full(30, 3e-258)) == pytest.approx(30.0)
    assert effective_sample_size(np.full(30, 1e300)) == pytest.approx(30.0)


@pytest.mark.parametrize(
    "weights, message",
    [
        ([1, np.nan], "NaN"),
        ([1, -1], "negative"),
        ([0, 0], "zero"),
        ([1, 2, 3], "inconsistent"),
    ],
)
def test_bad_weights_rejected(weights, message):
    with pytest.raises(ValueError, match=message):
        weighted_class_distribution([0, 1], weights)


def test_empty_rejected():
    with pytest.raises(ValueError, match="empty"):
        balance_error([])
    with pytest.raises(ValueError, match="empty"):
        effective_sample_size([])
