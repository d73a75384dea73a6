"""A shared, read-only handle on an unlabeled pool, safe to pass as a parameter."""

import numpy as np


class Pool:
    """An unlabeled pool that estimators can hold as a parameter without copying it.

    scikit-learn's :func:`~sklearn.base.clone` deep-copies plain array
    parameters, so a pool stored directly on an estimator would be copied
    for every candidate of a grid search and every fold of a
    cross-validation. A ``Pool`` is cloned as itself: all clones share the
    same read-only data. It is never split by cross-validation, since it is a
    parameter, not a row-aligned argument.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n_pool, n_features)
        The pool. Kept as given (DataFrames stay DataFrames); an ndarray is
        held through a read-only view, so the caller's array stays writable.

    Attributes
    ----------
    X : array-like
        The data.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.base import clone
    >>> from skbalance import BalancedEstimator, Pool
    >>> from sklearn.linear_model import LogisticRegression
    >>> pool = Pool(np.random.RandomState(0).normal(size=(100, 2)))
    >>> model = BalancedEstimator(LogisticRegression(), pool=pool)
    >>> clone(model).pool is pool
    True
    """

    def __init__(self, X):
        if X is None or not hasattr(X, "__len__") or isinstance(X, (str, bytes)):
            raise TypeError(
                "Pool needs the pool's rows: an array-like, DataFrame or dask array "
                f"of shape (n_pool, n_features); got {type(X).__name__}."
            )
        if isinstance(X, np.ndarray):
            X = X.view()
            X.setflags(write=False)
        self.X = X

    def __sklearn_clone__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __len__(self):
        return len(self.X)

    def __repr__(self):
        shape = getattr(self.X, "shape", (len(self.X),))
        return f"Pool(shape={tuple(shape)})"
