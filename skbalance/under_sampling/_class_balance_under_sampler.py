"""Class-balance undersampling for 1-D and multi-label targets."""

from collections.abc import Mapping
from numbers import Real

import numpy as np

from .._compat import Interval, StrOptions
from .._sampling import STRATEGY_WORDS, BaseClassBalanceSampler


class ClassBalanceUnderSampler(BaseClassBalanceSampler):
    """Undersample towards a uniform class distribution, for 1-D and multi-label ``y``.

    Rows are kept, never copied. Classes are served from the rarest to the
    most common: each keeps rows that contain it until it reaches its target
    count, preferring rows with few other labels and drawing at random among
    equals; the rows no class asked for are dropped. A class below its
    target keeps all its rows, so every row of a rare class survives. With
    1-D ``y`` this is imbalanced-learn's ``RandomUnderSampler`` (each class
    keeps a random ``target`` of its rows); in multi-label data a row kept
    for a rare class also counts for its other classes, so common classes
    may stay above target.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        ``"auto"``/``"not minority"``: every class but the smallest is
        lowered to the smallest class's count; ``"majority"``,
        ``"not majority"``, ``"all"``; a float (two classes only): the
        majority's target is ``n_minority / float``; a dict ``{class: target
        count}`` (label column indices for an indicator ``y``); or a
        callable ``y -> dict``. The background class never counts as the
        smallest class.
    background_class : label or None, default=None
        A dominant class that is never a reason to keep a row: its rows stay
        only when they carry another class that needs them.
    random_state : int, RandomState instance or None, default=None
        Breaks ties between equally preferred rows.

    Attributes
    ----------
    sample_indices_ : ndarray of shape (n_samples_out,)
        Kept rows, in ascending order.
    class_counts_before_, class_counts_after_ : dict
        ``{class: number of samples containing it}`` in the input and output.
    class_targets_ : dict
        ``{class: target count}`` from ``sampling_strategy``.
    sampling_strategy_ : dict
        ``{class: number of samples kept}`` (imbalanced-learn's meaning for
        under-samplers).
    n_dropped_ : int
        Number of dropped rows.
    multilabel_ : bool
        Whether ``y`` was a label-indicator matrix.
    n_features_in_ : int
        Number of features seen.

    See Also
    --------
    ClassBalanceOverSampler : The over-sampling counterpart.
    imblearn.under_sampling.RandomUnderSampler : 1-D random undersampling.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.under_sampling import ClassBalanceUnderSampler
    >>> X = np.arange(12).reshape(6, 2)
    >>> Y = np.array([[1, 0, 0], [1, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1]])
    >>> sampler = ClassBalanceUnderSampler(random_state=0)
    >>> X_res, Y_res = sampler.fit_resample(X, Y)
    >>> sampler.class_counts_before_, sampler.class_counts_after_
    ({0: 4, 1: 2, 2: 1}, {0: 1, 1: 1, 2: 1})
    """

    _parameter_constraints = {
        "sampling_strategy": [
            Interval(Real, 0, 1, closed="right"),
            StrOptions(STRATEGY_WORDS),
            Mapping,
            callable,
        ],
        "background_class": "no_validation",
        "random_state": ["random_state"],
    }

    _kind = "under"

    def __init__(
        self, *, sampling_strategy="auto", background_class=None, random_state=None
    ):
        self.sampling_strategy = sampling_strategy
        self.background_class = background_class
        self.random_state = random_state

    def _select(self, Y, counts, targets, targeted, bg_column, rng):
        # Preference key: fewer labels first, random among equals (one float, so
        # argpartition picks the best rows in linear time).
        key = Y.sum(axis=1) + rng.random_sample(Y.shape[0])
        kept = np.zeros(Y.shape[0], dtype=bool)
        current = np.zeros(counts.size, dtype=np.int64)
        for c in np.argsort(counts, kind="stable"):
            if c == bg_column or counts[c] == 0:
                continue
            missing = int(np.ceil(targets[c])) - int(current[c])
            if missing <= 0:
                continue
            rows = np.flatnonzero(Y[:, c] & ~kept)
            if missing < rows.size:
                rows = rows[np.argpartition(key[rows], missing - 1)[:missing]]
            kept[rows] = True
            current += Y[rows].sum(axis=0)
        return np.flatnonzero(kept)

    def _describe(self, keys, counts, targets, after, n_rows):
        self.sampling_strategy_ = {k: int(v) for k, v in zip(keys, after)}
        self.n_dropped_ = int(n_rows - self.sample_indices_.size)
