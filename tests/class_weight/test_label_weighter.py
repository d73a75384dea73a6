import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose
from sklearn.exceptions import NotFittedError
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.estimator_checks import check_estimator

from skbalance import LabelWeighter
from skbalance.metrics import balance_error


@settings(max_examples=40, deadline=None)
@given(y=arrays(np.int64, st.integers(1, 80), elements=st.integers(-2, 5)))
def test_balanced_equals_sklearn_for_1d(y):
    w = LabelWeighter().fit_compute_sample_weight(y)
    expected = compute_sample_weight("balanced", y)
    assert_allclose(w, expected / expected.mean())
    assert balance_error(y, w) == pytest.approx(0.0, abs=1e-12)


def test_string_labels():
    y = np.array(["cat", "cat", "dog"])
    b = LabelWeighter().fit(y)
    assert b.class_weight_ == pytest.approx({"cat": 0.75, "dog": 1.5})


def test_sqrt_hand_computed():
    y = np.array([0] * 4 + [1])
    w = LabelWeighter(method="sqrt").fit_compute_sample_weight(y)
    raw = np.r_[np.full(4, 0.5), 1.0]
    assert_allclose(w, raw / raw.mean())


def test_effective_number_hand_computed_and_limits():
    y = np.array([0] * 9 + [1])
    b = LabelWeighter(method="effective_number", beta=0.9).fit(y)
    assert b.class_weight_[0] == pytest.approx(0.1 / (1 - 0.9**9))
    assert b.class_weight_[1] == pytest.approx(1.0)
    flat = LabelWeighter(method="effective_number", beta=0.0).fit_compute_sample_weight(
        y
    )
    assert_allclose(flat, 1.0)
    near_inverse = LabelWeighter(
        method="effective_number", beta=1 - 1e-9
    ).fit_compute_sample_weight(y)
    assert balance_error(y, near_inverse) < 1e-6


def test_repeat_factor_multilabel_mean_and_max():
    # f = [3/4, 2/4], t = 0.9: r = [max(1, sqrt(1.2)), max(1, sqrt(1.8))]
    Y = np.array([[1, 0], [1, 0], [1, 1], [0, 1]])
    r = np.array([np.sqrt(0.9 / 0.75), np.sqrt(0.9 / 0.5)])
    mean = LabelWeighter(
        method="repeat_factor", threshold=0.9, aggregate="mean"
    ).fit_compute_sample_weight(Y)
    raw = np.array([r[0], r[0], r.mean(), r[1]])
    assert_allclose(mean, raw / raw.mean())
    mx = LabelWeighter(method="repeat_factor", threshold=0.9).fit_compute_sample_weight(
        Y
    )  # max: the default
    raw = np.array([r[0], r[0], r[1], r[1]])
    assert_allclose(mx, raw / raw.mean())


def test_repeat_factor_frequent_classes_not_repeated():
    Y = np.array([[1, 1], [1, 0], [1, 0], [0, 1]])
    b = LabelWeighter(method="repeat_factor", threshold=0.1).fit(Y)
    assert b.class_weight_ == {0: 1.0, 1: 1.0}


def test_multilabel_sample_without_labels_gets_smallest_weight():
    Y = np.array([[1, 0], [1, 0], [0, 1], [0, 0]])
    b = LabelWeighter().fit(Y)
    w = b.compute_sample_weight(Y)
    assert w[3] == pytest.approx(w[0])
    assert b.multilabel_ and b.class_counts_.tolist() == [2, 1]


def test_errors():
    with pytest.raises(NotFittedError):
        LabelWeighter().compute_sample_weight([0, 1])
    b = LabelWeighter().fit([0, 1, 1])
    with pytest.raises(ValueError, match="not seen in fit"):
        b.compute_sample_weight([0, 2])
    with pytest.raises(ValueError, match="fitted on 1-D"):
        b.compute_sample_weight(np.array([[1, 0], [0, 1]]))
    with pytest.raises(ValueError, match="empty"):
        LabelWeighter().fit([])
    with pytest.raises(ValueError, match="class labels"):
        LabelWeighter().fit([0.5, 1.5, 2.25])
    with pytest.raises(ValueError, match="indicator"):
        LabelWeighter().fit(np.array([[0, 2], [1, 3]]))
    with pytest.raises(ValueError, match="method"):
        LabelWeighter(method="inverse").fit([0, 1])
    with pytest.raises(ValueError, match="beta"):
        LabelWeighter(beta=1.0).fit([0, 1])


def test_sklearn_checks_that_apply_to_a_label_transformer_pass():
    """Like LabelEncoder it takes ``y`` alone: its tags say so (no 2-D ``X``,
    labels required), and scikit-learn then runs the checks that apply."""
    tags = LabelWeighter().__sklearn_tags__()
    assert not tags.input_tags.two_d_array and tags.target_tags.required
    results = check_estimator(LabelWeighter(), on_fail=None)
    assert results and all(r["status"] != "failed" for r in results)
