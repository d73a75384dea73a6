"""Seed an estimator's ``random_state`` when it has one."""

from sklearn.base import clone


def with_random_state(estimator, seed, only_unset=False):
    """An unfitted clone of ``estimator`` with ``random_state=seed`` if it takes one.

    With ``only_unset=True``, an estimator whose ``random_state`` is already
    set keeps it (used to seed an inner estimator from its wrapper).

    Examples
    --------
    >>> from skbalance import UniformBalancer, VoronoiBalancer
    >>> from skbalance.utils._seeding import with_random_state
    >>> with_random_state(VoronoiBalancer(), 3).random_state
    3
    >>> with_random_state(UniformBalancer(), 3)
    UniformBalancer()
    >>> with_random_state(VoronoiBalancer(random_state=5), 3, only_unset=True).random_state
    5
    """
    estimator = clone(estimator)
    params = estimator.get_params(deep=False)
    if "random_state" in params and not (only_unset and params["random_state"] is not None):
        estimator.set_params(random_state=seed)
    return estimator
