"""Shared loop of the synthetic oversamplers: new rows per class, appended."""

from abc import abstractmethod

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from scipy import sparse
from sklearn.utils import check_random_state

from ..utils._containers import is_polars, pandas_to_polars, polars_to_pandas
from ..utils._memory import check_output_size


class BaseSyntheticOverSampler(BaseOverSampler):
    """Template: for each class in ``sampling_strategy_``, ``_generate`` new rows.

    The originals come first, untouched; the synthetic rows of each class
    follow. Input must be dense.
    """

    def fit_resample(self, X, y, **params):
        """Resample; polars in, polars out (pandas and arrays as imbalanced-learn)."""
        if not (is_polars(X) or is_polars(y)):
            return super().fit_resample(X, y, **params)
        X_res, y_res = super().fit_resample(
            polars_to_pandas(X), polars_to_pandas(y), **params
        )
        return pandas_to_polars(X_res, X), pandas_to_polars(y_res, y)

    #: Whether ``_generate`` works on sparse rows (CSR in, CSR out).
    _accepts_sparse = False

    def _check_X_y(self, X, y, accept_sparse=None):
        if sparse.issparse(X) and not self._accepts_sparse:
            raise TypeError(
                f"{type(self).__name__} needs dense X (its density models do); got a "
                "sparse matrix. Reduce it first, e.g. TruncatedSVD(n_components=100), "
                "or use MixUpOverSampler, which mixes sparse rows."
            )
        return super()._check_X_y(
            X, y, accept_sparse=["csr"] if self._accepts_sparse else False
        )

    def _fit_resample(self, X, y):
        n_new = sum(self.sampling_strategy_.values())
        check_output_size(
            X.shape[0] + n_new,
            X.dtype.itemsize * X.shape[1] + 8,
            f"sampling_strategy={self.sampling_strategy!r}",
        )
        rng = check_random_state(self.random_state)
        self._start_fit()
        if not np.issubdtype(X.dtype, np.floating):
            # Mixed or sampled rows of boolean or integer features are fractional:
            # the output is float64 (the originals convert exactly).
            X = X.astype(np.float64)
        X_parts, y_parts = [X], [y]
        for cls, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            new = self._generate(cls, X[y == cls], n_new, rng)
            if not sparse.issparse(new):
                new = np.asarray(new)
            X_parts.append(new.astype(X.dtype, copy=False))
            y_parts.append(np.full(n_new, cls, dtype=y.dtype))
        stack = sparse.vstack if sparse.issparse(X) else np.vstack
        X_res = stack(X_parts)
        return (X_res.tocsr() if sparse.issparse(X_res) else X_res), np.concatenate(
            y_parts
        )

    def _start_fit(self):
        """Reset per-fit state before the classes are generated."""

    @abstractmethod
    def _generate(self, cls, X_class, n_new, rng):
        """``n_new`` synthetic rows for class ``cls`` from its rows ``X_class``."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = self._accepts_sparse
        return tags
