"""Base class shared by every skbalance balancer.

A balancer learns from an unlabeled *pool* in :meth:`BaseBalancer.fit` and
re-weights any set with the same features in
:meth:`BaseBalancer.compute_sample_weight`. The template methods here validate
input, fit and apply the optional ``transformer``, call the balancer's own
math (``_fit`` and ``_compute_weights``) and normalise the result to mean 1.
A concrete balancer implements only those two hooks.
"""

from contextlib import contextmanager

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, clone
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from ._compat import HasMethods, fit_context
from .utils._dask import check_dask_pool, is_dask_array, sample_rows, transform_blocks
from .utils._gemm import ORDINARY_MAGNITUDES, power_of_two_unit
from .utils._progress import progress
from .utils._weights import normalize_weights

FLOAT_DTYPES = (np.float64, np.float32)

#: Rows of a dask pool that a balancer's ``transformer`` is fitted on (a random sample).
DASK_TRANSFORMER_SAMPLES = 100_000


class BaseBalancer(BaseEstimator):
    """Base class for label-free balancers.

    Subclasses implement ``_fit(Z)`` (learn from the transformed pool) and
    ``_compute_weights(Z)`` (return raw non-negative weights for the
    transformed set ``Z``). Everything else, input validation, the
    ``transformer``, fitted-state checks and the normalisation of the weights
    to mean 1, lives here.

    Parameters
    ----------
    transformer : transformer object, default=None
        Any scikit-learn transformer (e.g. ``PCA(50)``). It is cloned, fitted
        on the pool in :meth:`fit` and applied to every ``X`` before the
        balancer's math. ``None`` uses the features as they are.

    Attributes
    ----------
    transformer_ : transformer object or None
        The fitted clone of ``transformer``.
    unit_ : float
        What the (transformed) data are divided by before the balancer's
        math: 1, except for data of extreme magnitude (their squared
        distances would overflow or underflow), where it is the power of two
        that brings the pool's magnitude back into range (dividing by it is
        exact: distance-based weights are unchanged); fitted arrays are then
        in this unit.
    n_features_in_ : int
        Number of features seen in :meth:`fit`.
    n_pool_samples_ : int
        Number of pool samples seen in :meth:`fit`.
    """

    _parameter_constraints = {
        "transformer": [HasMethods(["fit", "transform"]), None],
    }

    #: Smallest pool the balancer can learn from.
    _min_pool_samples = 1

    #: Whether ``fit`` accepts a dask array pool (then ``_fit`` receives it lazily).
    _supports_dask_pool = False

    #: Whether data of extreme magnitude (squared distances would overflow or
    #: underflow) are divided by a power of two, ``unit_``, before the balancer's math.
    _rescales_extreme_magnitudes = False

    def __init__(self, transformer=None):
        self.transformer = transformer

    # ------------------------------------------------------------------ API
    @fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y=None):
        """Learn from the unlabeled pool ``X``.

        Parameters
        ----------
        X : array-like of shape (n_pool, n_features)
            The unlabeled pool. Dense numeric data, or a sparse matrix when
            ``transformer`` makes it dense (e.g. ``TruncatedSVD``); sparse input
            without one is refused with a ``TypeError`` that says so. Every
            skbalance balancer also takes a ``dask.array`` pool
            (``pip install "skbalance[dask]"``): the pairwise balancers read it
            block by block and never load it; the
            classifier and mixture balancers load a random sample of at
            most ``max_pool_samples`` rows.
        y : None
            Ignored. Accepted for Pipeline and cross-validation compatibility:
            balancers never look at labels.

        Returns
        -------
        self : object
            The fitted balancer.
        """
        if is_dask_array(X):
            return self._fit_dask_pool(X)
        self._check_not_sparse(X, self.transformer)
        X = validate_data(
            self,
            X,
            reset=True,
            dtype=FLOAT_DTYPES,
            accept_sparse=self.transformer is not None,
            ensure_min_samples=self._min_pool_samples,
        )
        if self.transformer is None:
            self.transformer_ = None
            Z = X
        else:
            # One pass over the pool: fit_transform, not fit then transform.
            self.transformer_ = clone(self.transformer)
            with _pool_named_in_errors(X):
                Z = self.transformer_.fit_transform(X)
            Z = _checked_transformed(Z)
        self.n_pool_samples_ = Z.shape[0]
        self._fit_unit(Z)
        Z = self._to_unit(Z, "the pool")
        if self._keeps_pool(Z) and np.may_share_memory(Z, X):
            Z = Z.copy()  # the caller's array (or a view of it): never keep it
        with progress(getattr(self, "verbose", 0), f"{type(self).__name__}.fit"):
            self._fit(Z)
        return self

    def _fit_dask_pool(self, X):
        """Fit on a dask array pool without loading it (balancers that support it)."""
        if not self._supports_dask_pool:
            able = ", ".join(_dask_capable_balancers())
            raise TypeError(
                f"{type(self).__name__} does not accept a dask array pool. Balancers "
                f"that do: {able}. If the pool fits in memory, pass X.compute()."
            )
        X = check_dask_pool(X, self._min_pool_samples)
        self.n_features_in_ = X.shape[1]
        self.n_pool_samples_ = X.shape[0]
        if self.transformer is None:
            self.transformer_ = None
        else:
            # Fitted on a random sample of the pool, then applied block by block.
            seed = getattr(self, "random_state", None)
            sample = sample_rows(X, DASK_TRANSFORMER_SAMPLES, seed)
            with _pool_named_in_errors(sample):
                self.transformer_ = clone(self.transformer).fit(sample)
            X = transform_blocks(X, self.transformer_)
        self._fit_unit(X)
        self._fit(self._to_unit(X, "the pool"))
        return self

    def compute_sample_weight(self, X):
        """Weights that balance ``X`` with respect to the fitted pool.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The set to re-weight: the pool itself or any other set with the
            same features.

        Returns
        -------
        sample_weight : ndarray of shape (n_samples,), dtype float64
            Finite, non-negative weights with mean 1, ready for
            ``estimator.fit(X, y, sample_weight=sample_weight)``.
        """
        Z = self._validated_transformed(X)
        if Z.shape[0] == 1:
            return np.ones(1)
        Z = self._to_unit(Z, "X")
        with progress(
            getattr(self, "verbose", 0), f"{type(self).__name__}.compute_sample_weight"
        ):
            return normalize_weights(self._compute_weights(Z))

    def fit_compute_sample_weight(self, X, y=None):
        """Fit on ``X`` as the pool, then weight ``X`` itself.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data that serves both as the pool and as the set to weight.
        y : None
            Ignored.

        Returns
        -------
        sample_weight : ndarray of shape (n_samples,), dtype float64
            Weights with mean 1.
        """
        return self.fit(X, y).compute_sample_weight(X)

    # --------------------------------------------------------------- hooks
    def _keeps_pool(self, Z):
        """Whether ``_fit`` will keep the in-memory pool ``Z`` itself (no copy).

        ``fit`` then hands ``_fit`` an array that shares no memory with the
        caller's input: a copy where the input would be kept, but not of a
        transformer's new output (a second copy of a large pool costs a pass
        and its size in memory). Balancers that keep only a sample or a summary
        of the pool return ``False`` and copy nothing.
        """
        return False

    def _fit(self, Z):
        """Learn from the transformed pool ``Z``; store attributes ending in ``_``."""

    def _compute_weights(self, Z):  # pragma: no cover - abstract
        raise NotImplementedError

    # ------------------------------------------------------------- helpers
    def _fit_unit(self, Z):
        """Set ``unit_``: 1, or a power of two near an extreme pool magnitude.

        Data of ordinary magnitude keep their units (``unit_ = 1``, the fitted
        attributes in the data's own units); only magnitudes whose squared
        distances could overflow or underflow ``Z``'s float type are rescaled.
        """
        self.unit_ = 1.0
        if self._rescales_extreme_magnitudes:
            # Only as far as needed: the pool's magnitude moves to the nearest edge
            # of the ordinary range, so that other data (X) move as little as can be.
            unit = power_of_two_unit(Z)
            low, high = ORDINARY_MAGNITUDES[np.dtype(Z.dtype)]
            if unit < low:
                self.unit_ = unit / low
            elif unit > high:
                self.unit_ = unit / high

    def _to_unit(self, Z, name):
        """``Z / unit_`` (exact), refused when its squared distances would overflow."""
        if self.unit_ != 1.0:
            Z = Z / np.asarray(self.unit_, dtype=Z.dtype)
        if self._rescales_extreme_magnitudes and not is_dask_array(Z):
            _check_distances_representable(Z, name)
        return Z

    def _validated_transformed(self, X):
        """``X`` checked against the fitted pool's features, then transformed."""
        check_is_fitted(self)
        self._check_not_sparse(X, self.transformer_)
        X = validate_data(
            self,
            X,
            reset=False,
            dtype=FLOAT_DTYPES,
            accept_sparse=self.transformer_ is not None,
        )
        return self._apply_transformer(X)

    def _check_not_sparse(self, X, transformer):
        """Sparse input needs a transformer that makes it dense (e.g. TruncatedSVD)."""
        if transformer is None and sparse.issparse(X):
            raise TypeError(
                f"{type(self).__name__} compares dense rows and got a sparse matrix. "
                "Pass transformer=TruncatedSVD(n_components=100) (fitted on the pool, "
                "it hands the balancer a dense projection), or X.toarray() if X is "
                "small."
            )

    def _apply_transformer(self, X):
        if self.transformer_ is None:
            return X
        return _checked_transformed(self.transformer_.transform(X))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = False
        tags.input_tags.allow_nan = False
        tags.input_tags.sparse = False
        return tags


@contextmanager
def _pool_named_in_errors(X):
    """A transformer that refuses the pool says so, with the pool's shape.

    Its own message alone names its parameters, not the pool (e.g. a ``PCA`` of
    50 components fitted on 20 images), and the user may never have set them.
    """
    try:
        yield
    except ValueError as error:
        raise ValueError(
            f"The balancer's transformer could not be fitted on the pool "
            f"({X.shape[0]} rows x {X.shape[1]} features): {error}"
        ) from error


def _checked_transformed(Z):
    """A transformer's output as the dense float array the balancers compare."""
    return check_array(
        Z, dtype=FLOAT_DTYPES, accept_sparse=False, input_name="transformed X"
    )


def _dask_capable_balancers():
    """Names of skbalance's own balancers that take a dask array pool (sorted)."""
    found, todo = set(), [BaseBalancer]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls._supports_dask_pool and cls.__module__.startswith(
            "skbalance.balancers."
        ):
            found.add(cls.__name__)
    return sorted(found)


#: Largest magnitude (in units of the pool's typical one) whose squared distances,
#: summed over features, stay finite: float32 overflows near 3e38, float64 near 1.8e308.
_LARGEST_IN_UNITS = {np.dtype(np.float32): 1e17, np.dtype(np.float64): 1e150}


def _check_distances_representable(Z, name):
    """Refuse data whose squared distances overflow ``Z``'s float type."""
    # max |Z| without a temporary the size of Z
    largest = max(Z.max(), -Z.min()) if Z.size else 0.0
    limit = _LARGEST_IN_UNITS[Z.dtype]
    if not largest < limit:
        advice = " Pass float64 data, or" if Z.dtype == np.float32 else ""
        raise ValueError(
            f"{name} holds values {float(largest):.3g} times the pool's typical "
            f"magnitude: squared distances overflow {Z.dtype}.{advice} rescale or "
            "clip the outlying feature (e.g. transformer=UnitScaler() or a log)."
        )
