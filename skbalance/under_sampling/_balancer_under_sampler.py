"""Label-free undersampling: keep rows with probabilities from a balancer's weights."""

import numpy as np

from .._sampling import BaseLabelFreeSampler


def keep_probabilities(weights, n_samples):
    """``min(1, w_i * scale)``; the largest weight is kept for sure by default.

    With ``n_samples`` the scale is found by bisection so that the expected
    number of kept rows is ``n_samples``.
    """
    if n_samples is None:
        return weights / weights.max()
    if n_samples > weights.size:
        raise ValueError(
            f"n_samples={n_samples} exceeds the number of rows ({weights.size}); "
            "undersampling never adds rows."
        )
    if n_samples >= np.count_nonzero(weights):
        return np.where(weights > 0, 1.0, 0.0)
    low, high = 0.0, 1.0 / weights[weights > 0].min()
    for _ in range(100):
        mid = 0.5 * (low + high)
        low, high = (
            (mid, high)
            if np.minimum(1.0, weights * mid).sum() < n_samples
            else (low, mid)
        )
    return np.minimum(1.0, weights * high)


class BalancerUnderSampler(BaseLabelFreeSampler):
    """Undersample by keeping rows with probabilities proportional to weights.

    Label-free: a balancer (by default :class:`DensityBalancer`, which
    flattens the density of ``X``) is fitted on ``X`` and weights it; row ``i`` is
    kept with probability
    ``min(1, w_i * scale)``, so over-represented regions are thinned and
    the rows with the largest weights are all kept. ``y`` is carried along
    untouched; at least one row is always kept.

    Parameters
    ----------
    balancer : balancer, default=None
        Supplies the weights. Cloned and fitted on ``X`` (a
        ``FrozenEstimator`` stays as it is: use one for a balancer fitted on
        a separate pool). ``None`` uses
        ``default_balancer(separate_pool=False)``, a ``DensityBalancer``.
    n_samples : int, default=None
        Expected number of rows kept. ``None`` keeps the row with the
        largest weight for sure (``scale = 1 / max(w)``).
    random_state : int, RandomState instance or None, default=None
        Drives the keep/drop draws.

    Attributes
    ----------
    balancer_ : balancer
        The fitted balancer.
    sample_weight_ : ndarray of shape (n_samples,)
        The balancer's weights for ``X`` (mean 1).
    sample_indices_ : ndarray of shape (`n_samples_out_`,)
        Kept rows of ``X``, in ascending order.
    weight_tv_distance_ : float
        Total variation distance between the kept rows' frequencies and the
        weights (0 is a perfect match).
    n_samples_out_ : int
        Number of kept rows.
    n_features_in_ : int
        Number of features seen in :meth:`fit_resample`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen, when ``X`` has string column names.

    See Also
    --------
    BalancerOverSampler : Repeat rows instead; never drops one.
    imblearn.under_sampling.RandomUnderSampler : The supervised counterpart.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import ClusterBalancer
    >>> from skbalance.under_sampling import BalancerUnderSampler
    >>> rng = np.random.RandomState(0)
    >>> X = np.r_[rng.normal(0, 1, size=(90, 2)), rng.normal(8, 1, size=(10, 2))]
    >>> y = np.r_[np.zeros(90, dtype=int), np.ones(10, dtype=int)]
    >>> balancer = ClusterBalancer(n_clusters=2, random_state=0)
    >>> X_res, y_res = BalancerUnderSampler(balancer, random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res)  # the crowded cluster thinned
    array([12, 10])
    """

    def _sample_indices(self, weights, rng):
        keep = rng.random_sample(weights.size) < keep_probabilities(
            weights, self.n_samples
        )
        if not keep.any():
            keep[np.argmax(weights)] = True
        return np.flatnonzero(keep)
