"""Labels as an indicator matrix; per-class targets in imbalanced-learn's vocabulary.

Shared by :class:`~skbalance.ClassBalanceOverSampler`,
:class:`~skbalance.ClassBalanceUnderSampler` and
:class:`~skbalance.LabelWeighter`, for 1-D labels and multi-label indicator
matrices alike.
"""

from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_array, column_or_1d

STRATEGY_WORDS = {"auto", "minority", "majority", "not minority", "not majority", "all"}


def label_indicator(y, owner="This estimator", classes=None, min_classes=2):
    """``(Y, classes, multilabel)``: a boolean (n_samples, n_classes) indicator.

    ``y`` is a 1-D label vector (binary or multiclass; a single column is
    taken as 1-D) or a binary label-indicator matrix (multi-label);
    ``classes`` are the labels, or the column indices of an indicator matrix.

    Parameters
    ----------
    y : array-like of shape (n_samples,) or (n_samples, n_classes)
    owner : str, default="This estimator"
        Named in the error messages.
    classes : array-like, default=None
        The classes to encode against (those seen in an earlier ``fit``);
        labels outside them raise. ``None`` takes the classes of ``y``.
    min_classes : int, default=2
        Fewest classes ``y`` must hold.

    Examples
    --------
    >>> from skbalance._sampling import label_indicator
    >>> Y, classes, multilabel = label_indicator(["b", "a", "b"])
    >>> Y.astype(int).tolist(), classes.tolist(), multilabel
    ([[0, 1], [1, 0], [0, 1]], ['a', 'b'], False)
    """
    if sparse.issparse(y):  # a sparse label-indicator matrix
        y = y.toarray()
    y_array = np.asarray(y)
    if y_array.ndim == 2 and y_array.shape[1] > 1:
        kind = type_of_target(y_array)
        if kind != "multilabel-indicator":
            raise ValueError(
                "A 2-D y must be a binary label-indicator matrix (multi-label); "
                f"got {kind!r}."
            )
        Y = check_array(y_array, input_name="y") > 0
        if classes is not None and len(classes) != Y.shape[1]:
            raise ValueError(
                f"y has {Y.shape[1]} label columns, expected {len(classes)}."
            )
        return Y, np.arange(Y.shape[1]), True
    y_1d = column_or_1d(y_array, warn=False)
    if y_1d.shape[0] == 0:
        raise ValueError("y is empty; at least one sample is required.")
    kind = type_of_target(y_1d)
    if kind not in ("binary", "multiclass"):
        raise ValueError(f"y must hold class labels; got a {kind!r} target.")
    found = np.unique(y_1d)
    if classes is None:
        classes = found
    else:
        classes = np.asarray(classes)
        unknown = np.setdiff1d(found, classes)
        if unknown.size:
            raise ValueError(f"y contains classes not seen in fit: {unknown.tolist()}.")
    if classes.size < min_classes:
        raise ValueError(
            f"{owner} needs at least {min_classes} classes in y; got {classes.size}."
        )
    Y = np.zeros((y_1d.size, classes.size), dtype=bool)
    Y[np.arange(y_1d.size), np.searchsorted(classes, y_1d)] = True
    return Y, classes, False


def multilabel_targets(sampling_strategy, counts, targeted, y, kind):
    """Target count per class (column), in imbalanced-learn's vocabulary.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable
    counts : ndarray of shape (n_classes,)
        Samples containing each class.
    targeted : ndarray of bool, shape (n_classes,)
        Classes that may be resampled (all but the background class).
    y : array-like
        Passed to a callable ``sampling_strategy``.
    kind : {"over", "under"}
        Over-sampling raises classes to the largest eligible count;
        under-sampling lowers them to the smallest.
    """
    n_classes = counts.size
    sampling_strategy = resolve_strategy(sampling_strategy, y)
    if isinstance(sampling_strategy, Mapping):
        targets = counts.astype(np.float64).copy()
        for cls, target in sampling_strategy.items():
            if not (isinstance(cls, Integral) and 0 <= cls < n_classes):
                raise ValueError(
                    "sampling_strategy keys must be label columns "
                    f"0..{n_classes - 1}; got {cls!r}."
                )
            if kind == "over" and target < counts[cls]:
                raise ValueError(
                    f"sampling_strategy asks {target} samples for class {cls}, "
                    "which already "
                    f"has {counts[cls]}; oversampling cannot remove samples."
                )
            if kind == "under" and target > counts[cls]:
                raise ValueError(
                    f"sampling_strategy asks {target} samples for class {cls}, "
                    "which has only "
                    f"{counts[cls]}; undersampling cannot add samples."
                )
            targets[cls] = target
        return targets
    eligible = np.flatnonzero(targeted & (counts > 0))
    if eligible.size == 0:
        raise ValueError(
            "No class to balance: every class is absent or the background class."
        )
    majority = eligible[np.argmax(counts[eligible])]
    minority = eligible[np.argmin(counts[eligible])]
    reference = counts[majority] if kind == "over" else counts[minority]
    targets = counts.astype(np.float64).copy()
    if isinstance(sampling_strategy, Real) and not isinstance(sampling_strategy, bool):
        if eligible.size != 2:
            raise ValueError(
                "A float sampling_strategy is only defined for two classes; "
                f"y has {eligible.size} classes to balance."
            )
        if kind == "over":
            targets[minority] = max(
                counts[minority], sampling_strategy * counts[majority]
            )
        else:
            targets[majority] = min(
                counts[majority], counts[minority] / sampling_strategy
            )
        return targets
    default = "not majority" if kind == "over" else "not minority"
    word = default if sampling_strategy == "auto" else sampling_strategy
    chosen = {
        "minority": [minority],
        "majority": [majority],
        "not minority": [c for c in eligible if c != minority],
        "not majority": [c for c in eligible if c != majority],
        "all": list(eligible),
    }[word]
    targets[chosen] = reference
    return targets


def check_target_count(cls, target):
    """Refuse a per-class target that is not a finite, non-negative number."""
    if isinstance(target, bool) or not isinstance(target, Real):
        raise TypeError(
            f"sampling_strategy's target for class {cls!r} must be a number; got "
            f"{target!r} ({type(target).__name__})."
        )
    if not (np.isfinite(target) and target >= 0):
        raise ValueError(
            f"sampling_strategy's target for class {cls!r} must be a finite count "
            f">= 0; got {target!r}."
        )


def resolve_strategy(sampling_strategy, y):
    """``sampling_strategy`` with a callable called on ``y``, its targets checked.

    A callable must return a dict; a dict's targets must be finite counts.
    """
    if callable(sampling_strategy):
        sampling_strategy = sampling_strategy(y)
        if not isinstance(sampling_strategy, Mapping):
            raise TypeError(
                "A callable sampling_strategy must return a dict "
                "{class: target count}; it returned a "
                f"{type(sampling_strategy).__name__}."
            )
    if isinstance(sampling_strategy, Mapping):
        for cls, target in sampling_strategy.items():
            check_target_count(cls, target)
    return sampling_strategy
