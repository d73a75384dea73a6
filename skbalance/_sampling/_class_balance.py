"""Template shared by the supervised class-balance samplers (over and under)."""

from collections.abc import Mapping

import numpy as np
from imblearn.base import BaseSampler
from imblearn.utils import check_sampling_strategy
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_consistent_length, validate_data

from .._compat import fit_context
from ..utils._containers import take_rows
from ..utils._dask import is_dask_collection
from ..utils._memory import check_output_size
from ._targets import label_indicator, multilabel_targets, resolve_strategy


class BaseClassBalanceSampler(BaseSampler):
    """Labels to an indicator matrix, targets, row selection, reports.

    A subclass sets ``_kind`` (``"over"`` or ``"under"``) and implements
    ``_select(Y, counts, targets, targeted, bg_column, rng)``, returning the
    row indices of the output, and ``_describe(keys, counts, targets, after,
    n_rows)`` for its own fitted attributes.
    """

    _kind = None

    def _targets(self, y, Y, classes, counts, targeted, multilabel):
        strategy = self.sampling_strategy
        if not multilabel and (
            self.background_class is None or isinstance(strategy, Mapping)
        ):
            strategy = resolve_strategy(strategy, y)
            per_class = check_sampling_strategy(
                strategy, np.asarray(y).ravel(), f"{self._kind}-sampling"
            )
            targets = counts.astype(np.float64).copy()
            for cls, n in per_class.items():
                column = np.searchsorted(classes, cls)
                targets[column] = counts[column] + n if self._kind == "over" else n
            return targets
        return multilabel_targets(
            self.sampling_strategy, counts, targeted, Y, kind=self._kind
        )

    @fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Decide which rows the resampled set holds.

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
        if is_dask_collection(X) or is_dask_collection(y):
            # Out of core: the decision needs the labels only (computed, one value
            # per row); the features stay lazy and are never read here.
            features = _lazy_features(self, X)
            y = np.asarray(y.compute()) if is_dask_collection(y) else y
            if len(y) != features.shape[0]:
                raise ValueError(
                    f"X has {features.shape[0]} rows but y has {len(y)} labels."
                )
        else:
            features = validate_data(
                self, X, reset=True, accept_sparse=["csr", "csc"], dtype=None
            )
            check_consistent_length(X, y)
        Y, classes, multilabel = label_indicator(y, type(self).__name__)
        counts = Y.sum(axis=0)
        targeted = np.ones(classes.size, dtype=bool)
        bg_column = None
        if self.background_class is not None:
            matches = np.flatnonzero(classes == self.background_class)
            if matches.size == 0:
                raise ValueError(
                    f"background_class={self.background_class!r} is not a class of y."
                )
            bg_column = int(matches[0])
            targeted[bg_column] = False
        targets = self._targets(y, Y, classes, counts, targeted, multilabel)
        if bg_column is not None:
            targets[bg_column] = counts[bg_column]
        if self._kind == "over":
            # Every copy raises at least one class: at least the largest deficit
            # (all deficits for single-label y) copies, each a row of X and of y.
            deficits = np.maximum(np.ceil(targets - counts), 0)
            copies = deficits.sum() if not multilabel else deficits.max(initial=0)
            # (A lazy X's rows are not materialised here: only indices and labels.)
            x_bytes = 0 if isinstance(features, _Shape) else features.dtype.itemsize
            row_bytes = x_bytes * features.shape[1] + Y.shape[1] + 8
            check_output_size(
                Y.shape[0] + copies,
                row_bytes,
                f"sampling_strategy={self.sampling_strategy!r}",
            )
        rng = check_random_state(self.random_state)
        self.sample_indices_ = self._select(
            Y, counts, targets, targeted, bg_column, rng
        )
        keys = classes.tolist()
        after = Y[self.sample_indices_].sum(axis=0)
        self.class_counts_before_ = {k: int(v) for k, v in zip(keys, counts)}
        self.class_counts_after_ = {k: int(v) for k, v in zip(keys, after)}
        self.class_targets_ = {k: float(v) for k, v in zip(keys, targets)}
        self.multilabel_ = multilabel
        self._describe(keys, counts, targets, after, Y.shape[0])
        return self

    def fit_resample(self, X, y):
        """Return the resampled rows of ``X`` and ``y``, in the caller's containers.

        Parameters
        ----------
        X : array-like, sparse matrix, DataFrame or dask array of shape \
                (n_samples, n_features)
            A dask array stays lazy: the result selects its rows lazily (the
            same rows as in memory for the same ``random_state``); only the
            labels are computed.
        y : array-like of shape (n_samples,) or (n_samples, n_classes)

        Returns
        -------
        X_resampled, y_resampled
            Rows selected by ``sample_indices_``; multi-hot rows unchanged.
        """
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


class _Shape:
    """The shape of a lazy collection, as ``validate_data`` would record it."""

    def __init__(self, n_rows, n_columns):
        self.shape = (n_rows, n_columns)


def _lazy_features(sampler, X):
    """Record a dask array's feature count without reading it."""
    if not hasattr(X, "chunks"):  # a dask DataFrame or Series
        raise TypeError(
            "dask DataFrames have no row positions to select by; pass "
            "frame.to_dask_array(lengths=True) (and the labels likewise)."
        )
    if X.ndim != 2:
        raise ValueError(f"Expected a 2D dask array for X, got {X.ndim}D.")
    sampler.n_features_in_ = X.shape[1]
    return _Shape(*X.shape)
