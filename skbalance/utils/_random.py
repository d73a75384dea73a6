"""Randomness helpers: seeding an estimator's ``random_state``, stochastic rounding."""

import numpy as np
from sklearn.base import clone


def with_random_state(estimator, seed, only_unset=False):
    """An unfitted clone of ``estimator`` with ``random_state=seed`` if it takes one.

    With ``only_unset=True``, an estimator whose ``random_state`` is already
    set keeps it (used to seed an inner estimator from its wrapper). Nested
    estimators (a ``transformer`` pipeline's steps) get ``seed`` where their
    ``random_state`` is unset, so that one seed makes the whole fit repeatable.

    Examples
    --------
    >>> from skbalance import UniformBalancer, VoronoiBalancer
    >>> from skbalance.utils._random import with_random_state
    >>> with_random_state(VoronoiBalancer(), 3).random_state
    3
    >>> with_random_state(UniformBalancer(), 3)
    UniformBalancer()
    >>> seeded = VoronoiBalancer(random_state=5)
    >>> with_random_state(seeded, 3, only_unset=True).random_state
    5
    >>> from sklearn.decomposition import PCA
    >>> with_random_state(VoronoiBalancer(transformer=PCA(2)), 3).transformer
    PCA(n_components=2, random_state=3)
    """
    estimator = clone(estimator)
    params = estimator.get_params(deep=True)
    nested = {
        name: seed
        for name, value in params.items()
        if name.endswith("__random_state") and value is None
    }
    if "random_state" in params and not (
        only_unset and params["random_state"] is not None
    ):
        nested["random_state"] = seed
    return estimator.set_params(**nested) if nested else estimator


def stochastic_round(values, rng):
    """Round each value down or up with probability equal to its fractional part.

    The expected result equals ``values``.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._random import stochastic_round
    >>> stochastic_round(np.array([1.0, 2.0]), np.random.RandomState(0))
    array([1, 2])
    """
    floor = np.floor(values)
    return (floor + (rng.random_sample(values.shape) < values - floor)).astype(np.intp)
