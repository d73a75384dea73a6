"""Sample-weight arithmetic of the balancers: normalising to mean 1 and capping."""

import numpy as np


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
    >>> from skbalance.utils._weights import normalize_weights
    >>> normalize_weights([1, 3])
    array([0.5, 1.5])
    """
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 1:
        raise ValueError(
            f"weights must be 1-D (one weight per sample); got shape {weights.shape}."
        )
    if weights.size == 0:
        return weights
    if not np.all(np.isfinite(weights)):
        raise ValueError(
            "The balancer produced non-finite weights; check the input scale "
            "and the balancer's bandwidth/temperature parameters."
        )
    if np.any(weights < 0):
        raise ValueError("The balancer produced negative weights.")
    largest = weights.max()
    if not largest > 0:
        raise ValueError("The balancer produced weights that are all zero.")
    with np.errstate(over="ignore"):
        total = weights.sum()
    if not (np.isfinite(total) and total > 1e-290):
        # Weights near 1e308 (the sum overflows) or subnormal ones (the scale
        # factor overflows): scaled by the largest weight first.
        weights = weights / largest
        total = weights.sum()
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
    >>> from skbalance.utils._weights import cap_weights
    >>> cap_weights(np.array([0.0, 1.0, 1.0, 10.0]), 2.0)
    array([0., 1., 1., 2.])
    """
    weights = np.array(weights, dtype=np.float64)
    positive = weights[weights > 0]
    if max_weight_ratio is None or positive.size == 0:
        return weights
    return np.minimum(weights, max_weight_ratio * np.median(positive))


def cap_weights_to_ess(weights, min_ess_fraction):
    """Cap the largest weights so that Kish's ESS is at least ``min_ess_fraction * n``.

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
    >>> from skbalance.utils._weights import cap_weights_to_ess
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
    low, high = (
        weights[weights > 0].min(),
        weights.max(),
    )  # ess(low) is the largest reachable
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
