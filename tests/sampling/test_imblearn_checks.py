"""Every resampler passes imbalanced-learn's (and scikit-learn's) check suite."""

import pytest
from imblearn.utils.estimator_checks import (
    parametrize_with_checks as imblearn_parametrize_with_checks,
)

from skbalance import (
    BalancerOverSampler,
    BalancerUnderSampler,
    ClassBalanceOverSampler,
    ClassBalanceUnderSampler,
    GenerativeOverSampler,
    MixUpOverSampler,
)

LABEL_FREE = {
    # A label-free sampler never looks at y, so it has no reason to refuse a
    # single class.
    "check_samplers_one_label": "label-free: y is passed through, one class is fine",
    "check_target_type": "label-free: continuous (regression) y is passed through",
    "check_samplers_fit": "label-free: no per-class sampling_strategy_ to report",
    # Balancers need dense features; sparse input is refused with a clear
    # TypeError (tested in test_label_free_samplers.py).
    "check_samplers_pandas_sparse": "sparse input refused with a TypeError",
}


def parametrize_with_checks(estimators, **kwargs):
    """imbalanced-learn's decorator, with its checks listed.

    imbalanced-learn hands pytest a generator, which pytest deprecates; the
    same checks are passed as a list.
    """
    mark = imblearn_parametrize_with_checks(estimators, **kwargs)
    names, checks = mark.args
    return pytest.mark.parametrize(names, list(checks), **mark.kwargs)


@parametrize_with_checks(
    [BalancerOverSampler(random_state=0), BalancerUnderSampler(random_state=0)],
    expected_failed_checks=lambda est: LABEL_FREE,
)
def test_imblearn_compatible(estimator, check):
    check(estimator)


@parametrize_with_checks(
    [
        MixUpOverSampler(random_state=0),
        MixUpOverSampler(alpha=1.0, n_neighbors=3, random_state=0),
        GenerativeOverSampler(random_state=0),
    ],
    expected_failed_checks=lambda est: (
        {}
        if isinstance(est, MixUpOverSampler)  # mixes sparse rows
        else {"check_samplers_pandas_sparse": "sparse input refused with a TypeError"}
    ),
)
def test_synthetic_oversamplers_imblearn_compatible(estimator, check):
    check(estimator)


@parametrize_with_checks(
    [
        ClassBalanceOverSampler(random_state=0),
        ClassBalanceOverSampler(allocation="global", random_state=0),
        ClassBalanceOverSampler(minimize_duplicates=False, random_state=0),
    ],
    expected_failed_checks=lambda est: {
        "check_target_type": "multi-label indicator y is supported on purpose",
    },
)
def test_class_balance_sampler_imblearn_compatible(estimator, check):
    check(estimator)


@parametrize_with_checks(
    [ClassBalanceUnderSampler(random_state=0)],
    expected_failed_checks=lambda est: {
        "check_target_type": "multi-label indicator y is supported on purpose"
    },
)
def test_class_balance_under_sampler_imblearn_compatible(estimator, check):
    check(estimator)
