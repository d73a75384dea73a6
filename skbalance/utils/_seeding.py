"""Seed an estimator's ``random_state`` when it has one."""

from sklearn.base import clone


def with_random_state(estimator, seed):
    """An unfitted clone of ``estimator`` with ``random_state=seed`` if it takes one.

    Examples
    --------
    >>> from skbalance import UniformBalancer, VoronoiBalancer
    >>> from skbalance.utils._seeding import with_random_state
    >>> with_random_state(VoronoiBalancer(), 3).random_state
    3
    >>> with_random_state(UniformBalancer(), 3)
    UniformBalancer()
    """
    estimator = clone(estimator)
    if "random_state" in estimator.get_params(deep=False):
        estimator.set_params(random_state=seed)
    return estimator
