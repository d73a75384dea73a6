"""Classifier-based density ratio: tell the pool from X, turn the odds into weights."""

import warnings
from numbers import Integral, Real

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.utils import check_random_state
from sklearn.utils.validation import has_fit_parameter

from .._compat import HasMethods, Interval
from ..base import BaseBalancer
from ..utils._dask import sample_rows
from ..utils._progress import report
from ..utils._random import with_random_state


class ClassifierRatioBalancer(BaseBalancer):
    """Weight by the density ratio ``p_pool / p_X`` estimated with a classifier.

    A probabilistic classifier learns to tell pool points (label 0) from the
    samples of ``X`` (label 1), with both sides given equal total weight.
    Its odds ``P(pool | x) / P(X | x)`` estimate ``p_pool(x) / p_X(x)``, the
    weight that makes ``X`` look like the pool. With ``cv`` folds, every
    sample is scored by a classifier that did not see it (cross-fitting), so
    a flexible classifier cannot memorise ``X``. Probabilities are clipped to
    ``[clip, 1 - clip]`` before taking odds.

    Parameters
    ----------
    estimator : classifier, default=None
        Any classifier with ``predict_proba``. When its ``fit`` accepts
        ``sample_weight``, pool and ``X`` get equal total weight. ``None`` uses
        ``LogisticRegression(C=0.1, max_iter=1000)``.
    cv : int or None, default=None
        Number of cross-fitting folds over ``X``; ``None`` fits one
        classifier on everything and scores ``X`` in-sample, which suits the
        default, strongly regularised linear model. Use folds with a flexible
        classifier (trees, neighbours) that could memorise ``X``.
    clip : float, default=1e-3
        Probability clipping, which bounds the largest weight ratio.
    max_pool_samples : int or None, default=100_000
        The classifier learns from at most this many pool points, drawn at
        random in :meth:`fit` (pool points carry equal total weight however
        many there are, so the ratio estimate is unchanged; its precision is
        bounded by the size of ``X`` anyway). ``None`` keeps the whole pool.
        A ``dask.array`` pool is read only at the drawn rows.
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X`` (e.g. ``PCA(50)``).
    random_state : int, RandomState instance or None, default=None
        Draws the pool points kept by ``max_pool_samples`` and the direction
        that deals the samples to the cross-fitting folds; also set on the
        estimator when it has a ``random_state`` parameter that is ``None``.
    verbose : int, default=0
        Report each cross-fitting fold on stderr.

    Attributes
    ----------
    pool_ : ndarray of shape (n_kept_pool_samples, n_components)
        The (transformed) pool points the classifier learns from.
    transformer_ : transformer object or None
        The fitted clone of ``transformer``.
    n_features_in_ : int
        Number of features seen in :meth:`fit`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen in :meth:`fit`, when ``X`` has string column names.
    n_pool_samples_ : int
        Number of pool samples seen in :meth:`fit`.

    See Also
    --------
    KDEBalancer : The same ratio from two kernel density estimates.

    References
    ----------
    .. [1] Sugiyama, Suzuki and Kanamori, "Density Ratio Estimation in Machine
       Learning", Cambridge University Press, 2012 (probabilistic
       classification approach).

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import ClassifierRatioBalancer
    >>> from skbalance.metrics import weighted_class_distribution
    >>> rng = np.random.RandomState(0)
    >>> pool = np.r_[rng.normal(0, 1, size=(500, 2)), rng.normal(4, 1, size=(500, 2))]
    >>> subset = np.r_[rng.normal(0, 1, size=(180, 2)), rng.normal(4, 1, size=(20, 2))]
    >>> y = np.r_[np.zeros(180), np.ones(20)]
    >>> balancer = ClassifierRatioBalancer(random_state=0).fit(pool)
    >>> w = balancer.compute_sample_weight(subset)
    >>> {k: round(v, 2) for k, v in weighted_class_distribution(y, w).items()}
    {0.0: 0.5, 1.0: 0.5}
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "estimator": [HasMethods(["fit", "predict_proba"]), None],
        "cv": [Interval(Integral, 2, None, closed="left"), None],
        "clip": [Interval(Real, 0, 0.5, closed="neither")],
        "max_pool_samples": [Interval(Integral, 2, None, closed="left"), None],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
    }

    _min_pool_samples = 2

    _supports_dask_pool = True
    _rescales_extreme_magnitudes = True

    def __init__(
        self,
        estimator=None,
        cv=None,
        clip=1e-3,
        max_pool_samples=100_000,
        transformer=None,
        random_state=None,
        verbose=0,
    ):
        super().__init__(transformer=transformer)
        self.estimator = estimator
        self.cv = cv
        self.clip = clip
        self.max_pool_samples = max_pool_samples
        self.random_state = random_state
        self.verbose = verbose

    def _keeps_pool(self, Z):
        # A larger pool is sampled (a copy of some rows).
        return self.max_pool_samples is None or Z.shape[0] <= self.max_pool_samples

    def _fit(self, Z):
        self.pool_ = sample_rows(Z, self.max_pool_samples, self.random_state)

    def _make_estimator(self):
        if self.estimator is None:
            return LogisticRegression(C=0.1, max_iter=1000)
        return with_random_state(self.estimator, self.random_state, only_unset=True)

    def _odds(self, X_train, X_eval):
        """Fit pool-vs-``X_train`` and return ``P(pool) / P(X)`` at ``X_eval``."""
        n_pool, n_train = self.pool_.shape[0], X_train.shape[0]
        features = np.concatenate([self.pool_, X_train])
        target = np.r_[np.zeros(n_pool), np.ones(n_train)]
        weight = np.r_[np.full(n_pool, 0.5 / n_pool), np.full(n_train, 0.5 / n_train)]
        weight *= features.shape[0]
        classifier = self._make_estimator()
        if has_fit_parameter(classifier, "sample_weight"):
            classifier.fit(features, target, sample_weight=weight)
        else:
            # Unweighted fit: the odds are off by the constant n_train / n_pool,
            # which the normalisation to mean 1 removes.
            classifier.fit(features, target)
        column = list(classifier.classes_).index(1.0)
        proba = np.clip(
            classifier.predict_proba(X_eval)[:, column], self.clip, 1 - self.clip
        )
        return (1 - proba) / proba

    def _compute_weights(self, Z):
        if self.cv is not None and Z.shape[0] < 2 * self.cv:
            warnings.warn(
                f"cv={self.cv} needs at least {2 * self.cv} samples to cross-fit; X "
                f"has {Z.shape[0]}: the classifier is fitted on all of X and scores "
                "it in-sample.",
                UserWarning,
                stacklevel=3,
            )
        if self.cv is None or Z.shape[0] < 2 * self.cv:
            return self._odds(Z, Z)
        odds = np.empty(Z.shape[0])
        folds = self._fold_ids(Z)
        for fold in range(self.cv):
            test = folds == fold
            odds[test] = self._odds(Z[~test], Z[test])
            report(fold + 1, self.cv, "folds")
        return odds

    def _fold_ids(self, Z):
        """Cross-fitting folds that depend on the rows' values, not their order.

        Rows are ranked along a random direction and dealt to the folds in
        turn, so permuting ``X`` permutes the folds with it (the weights are
        permutation equivariant) and every fold spans the whole data.
        """
        direction = check_random_state(self.random_state).normal(size=Z.shape[1])
        ranks = np.empty(Z.shape[0], dtype=np.intp)
        ranks[np.argsort(Z @ direction, kind="stable")] = np.arange(Z.shape[0])
        return ranks % self.cv
