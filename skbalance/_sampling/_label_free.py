"""Shared machinery of the label-free resamplers (balancer weights -> dataset)."""

from abc import abstractmethod
from numbers import Integral

import numpy as np
from imblearn.base import BaseSampler
from sklearn.base import clone
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_consistent_length, validate_data

from .._compat import HasMethods, Interval, fit_context
from ..balancers import default_balancer
from ..base import FLOAT_DTYPES
from ..utils._containers import take_rows
from ..utils._dask import is_dask_collection
from ..utils._memory import check_output_size


def total_variation(counts, weights):
    """Total variation distance between two non-negative vectors, each normalised.

    Examples
    --------
    >>> from skbalance._sampling._label_free import total_variation
    >>> total_variation([1, 1], [1, 1])
    0.0
    >>> total_variation([1, 0], [0, 1])
    1.0
    """
    p = np.asarray(counts, dtype=np.float64)
    q = np.asarray(weights, dtype=np.float64)
    return float(0.5 * np.abs(p / p.sum() - q / q.sum()).sum())


class BaseLabelFreeSampler(BaseSampler):
    """Template for resamplers driven by a balancer's weights, never by ``y``.

    ``fit_resample`` validates ``X``, fits a clone of ``balancer`` on ``X``
    (a balancer already fitted on a pool is used as it is when wrapped in
    :class:`sklearn.frozen.FrozenEstimator`; balancers that use the pool as
    their reference distribution, such as the Voronoi, KDE and classifier
    ones, give uniform weights when fitted on ``X`` itself, so pass them
    frozen), computes the weights, asks the
    subclass for row indices (``_sample_indices``) and returns those rows of
    ``X`` and ``y`` in the caller's containers. ``y`` may be anything with one
    entry (or row) per sample, multi-label indicator matrices included.
    """

    _parameter_constraints = {
        "balancer": [HasMethods(["fit", "compute_sample_weight"]), None],
        "n_samples": [Interval(Integral, 1, None, closed="left"), None],
        "random_state": ["random_state"],
    }

    def __init__(self, balancer=None, n_samples=None, random_state=None):
        self.balancer = balancer
        self.n_samples = n_samples
        self.random_state = random_state

    def _make_balancer(self):
        if self.balancer is None:
            return default_balancer(separate_pool=False)
        return clone(self.balancer)

    def _fit_weights(self, X, y):
        if is_dask_collection(X):
            raise TypeError(
                f"{type(self).__name__} weights all rows of X together, so X must be "
                "in memory (X.compute()); ClassBalanceOverSampler and "
                "ClassBalanceUnderSampler resample dask arrays lazily."
            )
        # Sparse rows go on to the balancer, which takes them when its transformer
        # makes them dense and says what to do when not.
        features = validate_data(
            self, X, reset=True, dtype=FLOAT_DTYPES, accept_sparse=["csr", "csc"]
        )
        if self.n_samples is not None:
            row_bytes = features.dtype.itemsize * features.shape[1] + 8
            check_output_size(self.n_samples, row_bytes, f"n_samples={self.n_samples}")
        if y is not None:
            check_consistent_length(features, y)
        self.balancer_ = self._make_balancer()
        self.balancer_.fit(features, None)
        self.sample_weight_ = self.balancer_.compute_sample_weight(features)
        return self.sample_weight_

    @fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y=None):
        """Fit the balancer and draw the resampling indices.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data to resample.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs), default=None
            Passed through untouched; never used to decide.

        Returns
        -------
        self : object
        """
        weights = self._fit_weights(X, y)
        rng = check_random_state(self.random_state)
        self.sample_indices_ = self._sample_indices(weights, rng)
        counts = np.bincount(self.sample_indices_, minlength=weights.size)
        self.weight_tv_distance_ = total_variation(counts, weights)
        self.n_samples_out_ = int(self.sample_indices_.size)
        return self

    def fit_resample(self, X, y=None):
        """Resample ``X`` (and ``y`` alongside) following the balancer's weights.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Data to resample.
        y : array-like, Series or DataFrame, default=None
            Passed through untouched (rows selected with ``X``); never used to
            decide. Multi-label indicator matrices are fine.

        Returns
        -------
        X_resampled : same container as ``X``
            The selected rows, in ascending order of original position.
        y_resampled : same container as ``y``
            Only when ``y`` is given.
        """
        return self._fit_resample(X, y)

    def _fit_resample(self, X, y):
        self.fit(X, y)
        X_res = take_rows(X, self.sample_indices_)
        if y is None:
            return X_res
        return X_res, take_rows(y, self.sample_indices_)

    @abstractmethod
    def _sample_indices(self, weights, rng):
        """Row indices (with repeats) realising ``weights``."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        tags.input_tags.allow_nan = False
        tags.target_tags.required = False
        if tags.sampler_tags is not None:
            tags.sampler_tags.sample_indices = True
        return tags
