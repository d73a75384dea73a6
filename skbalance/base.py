"""Base class shared by every skbalance balancer.

A balancer learns from an unlabeled *pool* in :meth:`BaseBalancer.fit` and
re-weights any set with the same features in
:meth:`BaseBalancer.compute_sample_weight`. The template methods here validate
input, fit and apply the optional ``transformer``, call the balancer's own
math (``_fit`` and ``_compute_weights``) and normalise the result to mean 1.
A concrete balancer implements only those two hooks.
"""

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from ._compat import HasMethods, fit_context
from .utils._dask import check_dask_pool, is_dask_array
from .utils._progress import progress

FLOAT_DTYPES = (np.float64, np.float32)


def normalize_weights(weights):
    """Scale non-negative raw weights to mean 1, as float64.

    Parameters
    ----------
    weights : array-like of shape (n_samples,)
        Raw, finite, non-negative weights with a positive sum.

    Returns
    -------
    weights : ndarray of shape (n_samples,), dtype float64
        ``weights * n_samples / weights.sum()``.

    Raises
    ------
    ValueError
        If the weights are not finite, negative somewhere or all zero.

    Examples
    --------
    >>> from skbalance.base import normalize_weights
    >>> normalize_weights([1, 3])
    array([0.5, 1.5])
    """
    weights = np.asarray(weights, dtype=np.float64).ravel()
    if weights.size == 0:
        return weights
    if not np.all(np.isfinite(weights)):
        raise ValueError(
            "The balancer produced non-finite weights; check the input scale "
            "and the balancer's bandwidth/temperature parameters."
        )
    if np.any(weights < 0):
        raise ValueError("The balancer produced negative weights.")
    total = weights.sum()
    if not total > 0:
        raise ValueError("The balancer produced weights that are all zero.")
    return weights * (weights.size / total)


def cap_weights(weights, max_weight_ratio):
    """Cap weights at ``max_weight_ratio`` times their median positive value.

    Parameters
    ----------
    weights : ndarray of shape (n_samples,)
        Non-negative weights.
    max_weight_ratio : float or None
        ``None`` returns the weights unchanged.

    Returns
    -------
    capped : ndarray of shape (n_samples,)
        A new array.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.base import cap_weights
    >>> cap_weights(np.array([0.0, 1.0, 1.0, 10.0]), 2.0)
    array([0., 1., 1., 2.])
    """
    weights = np.array(weights, dtype=np.float64)
    positive = weights[weights > 0]
    if max_weight_ratio is None or positive.size == 0:
        return weights
    return np.minimum(weights, max_weight_ratio * np.median(positive))


def cap_weights_to_ess(weights, min_ess_fraction):
    """Cap the largest weights just enough that Kish's ESS is at least ``min_ess_fraction * n``.

    Kish's effective sample size ``(sum w)^2 / sum w^2`` never decreases as
    the cap ``c`` in ``minimum(w, c)`` is lowered, so the largest cap that
    reaches the target is found by (geometric) bisection. When the target cannot be
    reached (fewer than ``min_ess_fraction * n`` positive weights), every
    positive weight becomes equal, the flattest weights with the same zeros.

    Parameters
    ----------
    weights : ndarray of shape (n_samples,)
        Non-negative weights, not all zero.
    min_ess_fraction : float in (0, 1] or None
        ``None`` returns the weights unchanged.

    Returns
    -------
    capped : ndarray of shape (n_samples,)
        A new array.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.base import cap_weights_to_ess
    >>> from skbalance.metrics import effective_sample_size
    >>> w = cap_weights_to_ess(np.array([1.0, 1.0, 1.0, 1.0, 20.0]), 0.5)
    >>> round(effective_sample_size(w) / w.size, 3), bool(w[4] < 20)
    (0.5, True)
    """
    weights = np.array(weights, dtype=np.float64)
    if min_ess_fraction is None or not weights.any():
        return weights
    target = min_ess_fraction * weights.size

    def ess(cap):
        # Scaled by the cap (ESS is scale-free): the largest entry is 1, so the sum of
        # squares cannot underflow however small the weights are.
        with np.errstate(over="ignore"):
            scaled = np.minimum(weights / cap, 1.0)
        return scaled.sum() ** 2 / np.dot(scaled, scaled)

    if ess(weights.max()) >= target:
        return weights
    low, high = weights[weights > 0].min(), weights.max()  # ess(low) is the largest reachable
    if ess(low) < target:
        return np.minimum(weights, low)
    # Geometric bisection: weights may span many orders of magnitude.
    for _ in range(200):
        if high <= low * (1 + 1e-12):
            break
        middle = np.sqrt(low) * np.sqrt(high)
        if ess(middle) >= target:
            low = middle
        else:
            high = middle
    return np.minimum(weights, low)


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
    """

    _parameter_constraints = {
        "transformer": [HasMethods(["fit", "transform"]), None],
    }

    #: Smallest pool the balancer can learn from.
    _min_pool_samples = 1

    #: Whether ``fit`` accepts a dask array pool (then ``_fit`` receives it lazily).
    _supports_dask_pool = False

    def __init__(self, transformer=None):
        self.transformer = transformer

    # ------------------------------------------------------------------ API
    @fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y=None):
        """Learn from the unlabeled pool ``X``.

        Parameters
        ----------
        X : array-like of shape (n_pool, n_features)
            The unlabeled pool. Dense numeric data; sparse input is refused
            with a ``TypeError``. Every skbalance balancer also takes a
            ``dask.array`` pool (``pip install "skbalance[dask]"``): the
            pairwise balancers read it block by block and never load it; the
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
        X = validate_data(
            self,
            X,
            reset=True,
            dtype=FLOAT_DTYPES,
            ensure_min_samples=self._min_pool_samples,
        )
        if self.transformer is None:
            self.transformer_ = None
            Z = X
        else:
            self.transformer_ = clone(self.transformer).fit(X)
            Z = self._apply_transformer(X)
        self.n_pool_samples_ = Z.shape[0]
        with progress(getattr(self, "verbose", 0), f"{type(self).__name__}.fit"):
            self._fit(Z)
        return self

    def _fit_dask_pool(self, X):
        """Fit on a dask array pool without loading it (balancers that support it)."""
        if not self._supports_dask_pool:
            from .utils.discovery import all_balancers

            able = ", ".join(name for name, cls in all_balancers() if cls._supports_dask_pool)
            raise TypeError(
                f"{type(self).__name__} does not accept a dask array pool. Balancers "
                f"that do: {able}. If the pool fits in memory, pass X.compute()."
            )
        if self.transformer is not None:
            raise TypeError(
                "A transformer cannot be fitted on a dask array pool here; transform "
                "the dask array first (e.g. with dask-ml) and pass transformer=None."
            )
        X = check_dask_pool(X, self._min_pool_samples)
        self.n_features_in_ = X.shape[1]
        self.n_pool_samples_ = X.shape[0]
        self.transformer_ = None
        self._fit(X)
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
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=FLOAT_DTYPES)
        Z = self._apply_transformer(X)
        if Z.shape[0] == 1:
            return np.ones(1)
        with progress(getattr(self, "verbose", 0), f"{type(self).__name__}.compute_sample_weight"):
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
    def _fit(self, Z):
        """Learn from the transformed pool ``Z``; store attributes ending in ``_``."""

    def _compute_weights(self, Z):  # pragma: no cover - abstract
        raise NotImplementedError

    # ------------------------------------------------------------- helpers
    def _apply_transformer(self, X):
        if self.transformer_ is None:
            return X
        Z = self.transformer_.transform(X)
        return check_array(
            Z,
            dtype=FLOAT_DTYPES,
            accept_sparse=False,
            input_name="transformed X",
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = False
        tags.input_tags.allow_nan = False
        tags.input_tags.sparse = False
        return tags
