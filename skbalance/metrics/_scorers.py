"""Scorers for model selection over balancers (labels of the evaluation set known)."""

import numpy as np

from ._balance import balance_error, effective_sample_size


def _weights(estimator, X):
    """Weights an estimator gives ``X``: a balancer's or a BalancedEstimator's."""
    if hasattr(estimator, "compute_sample_weight"):
        return estimator.compute_sample_weight(X)
    balancer = getattr(estimator, "balancer_", None)
    if balancer is None and hasattr(estimator, "steps"):  # a Pipeline ending in one
        from sklearn.pipeline import Pipeline

        if isinstance(estimator, Pipeline):
            Xt = X
            for _, step in estimator.steps[:-1]:
                if step is not None and step != "passthrough":
                    Xt = step.transform(Xt)
            return _weights(estimator.steps[-1][1], Xt)
    if balancer is None:
        raise TypeError(
            f"{type(estimator).__name__} has neither compute_sample_weight nor a "
            "fitted "
            "balancer_; balance scorers need a balancer or a BalancedEstimator."
        )
    return balancer.compute_sample_weight(X)


def balance_scorer(estimator, X, y):
    """Negative balance error of the weights ``estimator`` gives ``X`` (higher: better).

    Use as ``scoring=balance_scorer`` in ``GridSearchCV`` / ``cross_val_score``
    when the labels of the evaluation rows are known. ``estimator`` is a
    fitted balancer, a fitted :class:`~skbalance.BalancedEstimator`, or a
    Pipeline ending in either.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import VoronoiBalancer
    >>> from skbalance.metrics import balance_scorer
    >>> pool = np.array([[0.0], [0.1], [0.9], [1.0]])
    >>> X, y = np.array([[0.0], [0.05], [1.0]]), np.array([0, 0, 1])
    >>> balance_scorer(VoronoiBalancer().fit(pool), X, y)
    -0.0
    """
    return -balance_error(y, _weights(estimator, X))


def ess_scorer(estimator, X, y=None):
    """Effective sample size fraction of the weights ``estimator`` gives ``X``.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import UniformBalancer
    >>> from skbalance.metrics import ess_scorer
    >>> X = np.random.RandomState(0).normal(size=(5, 2))
    >>> ess_scorer(UniformBalancer().fit(X), X)
    1.0
    """
    weights = _weights(estimator, X)
    return effective_sample_size(weights) / np.asarray(weights).size
