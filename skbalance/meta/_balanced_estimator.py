"""Balance-then-fit: compute a balancer's weights and fit any estimator with them."""

import numpy as np
from sklearn import get_config
from sklearn.base import BaseEstimator, MetaEstimatorMixin, clone
from sklearn.utils.metadata_routing import (
    MetadataRouter,
    MethodMapping,
    process_routing,
)
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import (
    check_consistent_length,
    check_is_fitted,
    column_or_1d,
    validate_data,
)

from .._compat import HasMethods, StrOptions, fit_context
from ..balancers import default_balancer
from ._pool import Pool


def _estimator_has(attr):
    def check(self):
        if hasattr(self, "estimator_"):
            return hasattr(self.estimator_, attr)
        return hasattr(self.estimator, attr)

    return check


class BalancedEstimator(MetaEstimatorMixin, BaseEstimator):
    """Fit any estimator with the sample weights of a balancer.

    ``fit`` computes the balancer's weights for the training rows, multiplies
    them with a user ``sample_weight`` if given, and fits a clone of
    ``estimator`` with ``sample_weight=`` the product. ``predict``,
    ``predict_proba``, ``decision_function``, ``score`` and ``classes_`` are
    delegated to the fitted estimator.

    Where the balancer learns from (``pool``):

    - ``None``: the training rows themselves.
    - a :class:`Pool`: a separate unlabeled pool, held without copying
      across ``clone``, grid-search candidates and CV folds; the balancer is
      refitted on it in every ``fit`` (so its hyperparameters can be searched).
    - ``"unlabeled"``: scikit-learn's semi-supervised convention: rows whose
      label is ``unlabeled_label`` (default -1) form the pool and are not used
      to fit the estimator. (In cross-validation, scoring folds then contain
      unlabeled rows; prefer a :class:`Pool` there.)
    - A balancer wrapped in :class:`sklearn.frozen.FrozenEstimator` is used as
      it was fitted, whatever ``pool`` says.

    Parameters
    ----------
    estimator : estimator object
        Any estimator whose ``fit`` accepts ``sample_weight``.
    balancer : balancer, default=None
        Supplies the weights. ``None`` uses
        :func:`~skbalance.balancers.default_balancer`: the recommended balancer
        when a pool is given, and :class:`DensityBalancer` (which flattens the
        training rows' own density) when not: pool-referenced balancers give
        uniform weights on their own pool.
    pool : None, Pool or "unlabeled", default=None
        Where the balancer learns from (see above).
    unlabeled_label : int or str, default=-1
        The label of pool rows with ``pool="unlabeled"``.

    Attributes
    ----------
    estimator_ : estimator
        The fitted clone of ``estimator``.
    balancer_ : balancer
        The fitted balancer.
    sample_weight_ : ndarray of shape (n_labelled_samples,)
        The weights the estimator was fitted with.
    classes_ : ndarray
        Delegated to ``estimator_`` (classifiers).
    n_features_in_ : int
        Number of features seen in :meth:`fit`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen in :meth:`fit`, when ``X`` has string column
        names. (The inner estimator is fitted on the validated array.)

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skbalance import BalancedEstimator, Pool, AdaptiveVoronoiBalancer
    >>> rng = np.random.RandomState(0)
    >>> pool = rng.normal(size=(400, 2))
    >>> X = np.r_[rng.normal(size=(90, 2)) - 1, rng.normal(size=(10, 2)) + 1]
    >>> y = np.r_[np.zeros(90, dtype=int), np.ones(10, dtype=int)]
    >>> balancer = AdaptiveVoronoiBalancer()
    >>> model = BalancedEstimator(LogisticRegression(), balancer, pool=Pool(pool))
    >>> model.fit(X, y).predict(X[:3])
    array([0, 0, 0])
    >>> model.sample_weight_.shape
    (100,)
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit"])],
        "balancer": [HasMethods(["fit", "compute_sample_weight"]), None],
        "pool": [Pool, StrOptions({"unlabeled"}), None],
        "unlabeled_label": "no_validation",
    }

    def __init__(self, estimator, balancer=None, pool=None, unlabeled_label=-1):
        self.estimator = estimator
        self.balancer = balancer
        self.pool = pool
        self.unlabeled_label = unlabeled_label

    def _make_balancer(self, has_pool):
        if self.balancer is None:
            return default_balancer(separate_pool=has_pool)
        return clone(self.balancer)

    @fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Compute the balancer's weights and fit the estimator with them.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Multiplied with the balancer's weights.
        **fit_params : dict
            Passed to the estimator's ``fit``. With metadata routing enabled,
            only what the estimator requested is passed.

        Returns
        -------
        self : object
        """
        if get_config()["enable_metadata_routing"]:
            # sample_weight is always consumed here and passed on explicitly,
            # multiplied with the balancer's weights: only the rest is routed.
            routed = process_routing(self, "fit", **fit_params)
            estimator_params = dict(routed.estimator.fit)
        else:
            estimator_params = dict(fit_params)
        estimator_params.pop("sample_weight", None)

        frame = X if hasattr(X, "iloc") else None  # the caller's DataFrame, names kept
        X, y = validate_data(self, X, y, reset=True, multi_output=True, y_numeric=False)
        y_array = np.asarray(y)
        labelled = np.arange(len(y_array))
        if isinstance(self.pool, str):  # "unlabeled"
            if y_array.ndim != 1:
                raise ValueError(
                    "pool='unlabeled' marks pool rows by their label, so y must be "
                    f"1-D; got y of shape {y_array.shape}. Pass pool=Pool(X_unlabeled)."
                )
            is_pool = y_array == self.unlabeled_label
            if is_pool.all():
                raise ValueError(
                    "Every row is unlabeled; nothing to fit the estimator on."
                )
            labelled = np.flatnonzero(~is_pool)
            pool_X = X[is_pool] if is_pool.any() else None
        elif isinstance(self.pool, Pool):
            pool_X = self.pool.X
        else:
            pool_X = None
        X_fit, y_fit = X[labelled], y_array[labelled]
        # The balancer sees the caller's columns by name (a DataFrame pool whose
        # columns are in another order is refused, as scikit-learn refuses it).
        X_balance = X_fit if frame is None else frame.iloc[labelled]
        self.balancer_ = self._make_balancer(pool_X is not None)
        if pool_X is None:
            self.balancer_.fit(X_balance, None)
        elif isinstance(self.pool, str) and frame is not None:
            self.balancer_.fit(frame.iloc[np.flatnonzero(is_pool)], None)
        else:
            self.balancer_.fit(pool_X, None)
        weights = self.balancer_.compute_sample_weight(X_balance)
        if sample_weight is not None:
            sample_weight = column_or_1d(sample_weight).astype(np.float64)
            check_consistent_length(y_array, sample_weight)
            if not np.all(np.isfinite(sample_weight)) or np.any(sample_weight < 0):
                raise ValueError("sample_weight must be finite and non-negative.")
            weights = weights * sample_weight[labelled]
        self.sample_weight_ = weights
        self.estimator_ = clone(self.estimator).fit(
            X_fit, y_fit, sample_weight=weights, **estimator_params
        )
        return self

    def _validated(self, X):
        """``X`` checked against the features seen in fit, as the estimator saw it."""
        check_is_fitted(self, "estimator_")
        return validate_data(self, X, reset=False)

    @property
    def classes_(self):
        """Class labels of the fitted estimator."""
        check_is_fitted(self, "estimator_")
        return self.estimator_.classes_

    @available_if(_estimator_has("predict"))
    def predict(self, X, **params):
        """Predict with the fitted estimator."""
        X = self._validated(X)
        return self.estimator_.predict(X, **params)

    @available_if(_estimator_has("predict_proba"))
    def predict_proba(self, X):
        """Class probabilities from the fitted estimator."""
        X = self._validated(X)
        return self.estimator_.predict_proba(X)

    @available_if(_estimator_has("predict_log_proba"))
    def predict_log_proba(self, X):
        """Log class probabilities from the fitted estimator."""
        X = self._validated(X)
        return self.estimator_.predict_log_proba(X)

    @available_if(_estimator_has("decision_function"))
    def decision_function(self, X):
        """Decision function of the fitted estimator."""
        X = self._validated(X)
        return self.estimator_.decision_function(X)

    @available_if(_estimator_has("score"))
    def score(self, X, y, sample_weight=None):
        """Score of the fitted estimator (its own ``score`` method)."""
        X = self._validated(X)
        if sample_weight is None:
            return self.estimator_.score(X, y)
        return self.estimator_.score(X, y, sample_weight=sample_weight)

    def get_metadata_routing(self):
        """Routing: ``sample_weight`` is consumed here, the rest goes on."""
        return (
            MetadataRouter(owner=type(self).__name__)
            .add_self_request(self)
            .add(
                estimator=self.estimator,
                method_mapping=MethodMapping()
                .add(caller="fit", callee="fit")
                .add(caller="predict", callee="predict")
                .add(caller="score", callee="score"),
            )
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = self.estimator.__sklearn_tags__()
        tags.estimator_type = inner.estimator_type
        tags.classifier_tags = inner.classifier_tags
        tags.regressor_tags = inner.regressor_tags
        tags.target_tags.multi_output = inner.target_tags.multi_output
        tags.target_tags.required = True
        tags.input_tags.allow_nan = False
        tags.input_tags.sparse = False
        return tags
