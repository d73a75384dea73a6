"""Class-balance undersampling for 1-D and multi-label targets."""

from collections.abc import Mapping
from numbers import Real

import numpy as np
from imblearn.base import BaseSampler
from imblearn.utils import check_sampling_strategy
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_consistent_length, validate_data

from .._class_targets import STRATEGY_WORDS, label_indicator, multilabel_targets
from .._compat import Interval, StrOptions, fit_context
from .._label_free_sampler import take_rows


class ClassBalanceUnderSampler(BaseSampler):
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
    ClassBalanceSampler : The over-sampling counterpart.
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

    def __init__(self, *, sampling_strategy="auto", background_class=None, random_state=None):
        self.sampling_strategy = sampling_strategy
        self.background_class = background_class
        self.random_state = random_state

    def _targets(self, y, Y, classes, counts, targeted, multilabel):
        if not multilabel and (self.background_class is None or isinstance(self.sampling_strategy, Mapping)):
            keep = check_sampling_strategy(self.sampling_strategy, np.asarray(y).ravel(), "under-sampling")
            targets = counts.astype(np.float64).copy()
            for cls, n_keep in keep.items():
                targets[np.searchsorted(classes, cls)] = n_keep
            return targets
        return multilabel_targets(self.sampling_strategy, counts, targeted, Y, kind="under")

    @fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Decide which rows to keep.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Features (validated; not used to decide).
        y : array-like of shape (n_samples,) or (n_samples, n_classes)
            Class labels or a binary label-indicator matrix.

        Returns
        -------
        self : object
        """
        validate_data(self, X, reset=True, accept_sparse=["csr", "csc"], dtype=None)
        check_consistent_length(X, y)
        Y, classes, multilabel = label_indicator(y, type(self).__name__)
        counts = Y.sum(axis=0)
        targeted = np.ones(classes.size, dtype=bool)
        bg_column = None
        if self.background_class is not None:
            matches = np.flatnonzero(classes == self.background_class)
            if matches.size == 0:
                raise ValueError(f"background_class={self.background_class!r} is not a class of y.")
            bg_column = int(matches[0])
            targeted[bg_column] = False
        targets = self._targets(y, Y, classes, counts, targeted, multilabel)
        rng = check_random_state(self.random_state)
        # Preference key: fewer labels first, random among equals (one float, so
        # argpartition picks the best rows in linear time).
        key = Y.sum(axis=1) + rng.random_sample(Y.shape[0])
        kept = np.zeros(Y.shape[0], dtype=bool)
        current = np.zeros(classes.size, dtype=np.int64)
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
        self.sample_indices_ = np.flatnonzero(kept)
        after = Y[kept].sum(axis=0)
        keys = classes.tolist()
        self.class_counts_before_ = {k: int(v) for k, v in zip(keys, counts)}
        self.class_counts_after_ = {k: int(v) for k, v in zip(keys, after)}
        self.class_targets_ = {k: float(v) for k, v in zip(keys, targets)}
        self.sampling_strategy_ = {k: int(v) for k, v in zip(keys, after)}
        self.n_dropped_ = int(Y.shape[0] - kept.sum())
        self.multilabel_ = multilabel
        return self

    def fit_resample(self, X, y):
        """Return the kept rows of ``X`` and ``y``, in the caller's containers."""
        return self._fit_resample(X, y)

    def _fit_resample(self, X, y):
        self.fit(X, y)
        return take_rows(X, self.sample_indices_), take_rows(y, self.sample_indices_)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.target_tags.required = True
        if tags.sampler_tags is not None:
            tags.sampler_tags.sample_indices = True
        return tags
