"""Find every public balancer, like :func:`sklearn.utils.discovery.all_estimators`."""

import inspect


def all_balancers():
    """Every public balancer class in skbalance.

    Returns
    -------
    balancers : list of (str, type)
        ``(name, class)`` pairs sorted by name.

    Examples
    --------
    >>> from skbalance.utils.discovery import all_balancers
    >>> names = [name for name, _ in all_balancers()]
    >>> "VoronoiBalancer" in names
    True
    """
    from .. import balancers
    from ..base import BaseBalancer

    found = []
    for name in balancers.__all__:
        cls = getattr(balancers, name)
        if (
            inspect.isclass(cls)
            and issubclass(cls, BaseBalancer)
            and not inspect.isabstract(cls)
        ):
            found.append((name, cls))
    return sorted(found)
