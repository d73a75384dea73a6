"""Label-free oversampling: repeat rows as often as a balancer's weights say."""

import numpy as np

from .._sampling import BaseLabelFreeSampler
from ..utils._random import stochastic_round


def oversampling_counts(weights, n_samples, rng):
    """Multiplicities ``>= 1`` proportional to ``weights`` where they can be.

    Each row is repeated ``max(1, w_i * scale)`` times (stochastically
    rounded). With ``n_samples=None`` the scale gives the median positive
    weight one copy, so rows weighted above the median are repeated (as
    imbalanced-learn's ``RandomOverSampler`` raises minorities to the
    majority). Otherwise the scale is found by bisection so that the
    expected total is ``n_samples``.
    """
    positive = weights[weights > 0]
    if positive.size == 0:
        return np.ones(weights.size, dtype=np.intp)

    def expected(scale):
        return np.maximum(1.0, weights * scale).sum()

    if n_samples is None:
        scale = 1.0 / np.median(positive)
    else:
        if n_samples < weights.size:
            raise ValueError(
                f"n_samples={n_samples} is smaller than the number of rows "
                f"({weights.size}); oversampling never drops a row."
            )
        low, high = 0.0, 1.0
        while expected(high) < n_samples:
            high *= 2.0
        for _ in range(100):
            mid = 0.5 * (low + high)
            low, high = (mid, high) if expected(mid) < n_samples else (low, mid)
        scale = high
    return np.maximum(1, stochastic_round(weights * scale, rng))


class BalancerOverSampler(BaseLabelFreeSampler):
    """Oversample by repeating rows in proportion to a balancer's weights.

    Label-free: a balancer (by default :class:`DensityBalancer`, which
    flattens the density of ``X``) is fitted on ``X`` and weights it; each row
    is then repeated ``max(1, w_i * scale)`` times (stochastic rounding). Every
    row appears at
    least once, so no sample is ever lost; ``y`` is carried along untouched.
    Use it where an estimator cannot take ``sample_weight``.

    To learn the weights from a separate unlabeled pool, fit the balancer on
    the pool and pass it frozen: ``BalancerOverSampler(FrozenEstimator(
    default_balancer().fit(pool)))``.

    Parameters
    ----------
    balancer : balancer, default=None
        Supplies the weights. Cloned and fitted on ``X`` (a
        ``FrozenEstimator`` stays as it is: use one for a balancer fitted on
        a separate pool). ``None`` uses
        ``default_balancer(separate_pool=False)``, a ``DensityBalancer``.
    n_samples : int, default=None
        Expected size of the resampled set (at least the number of rows).
        ``None`` gives the median positive weight one copy.
    random_state : int, RandomState instance or None, default=None
        Drives the stochastic rounding.

    Attributes
    ----------
    balancer_ : balancer
        The fitted balancer.
    sample_weight_ : ndarray of shape (n_samples,)
        The balancer's weights for ``X`` (mean 1).
    sample_indices_ : ndarray of shape (`n_samples_out_`,)
        Rows of ``X`` in the resampled set, with repeats, in ascending order.
    weight_tv_distance_ : float
        Total variation distance between the resampled multiset's row
        frequencies and the weights (0 is a perfect match; rows with weights
        below the copy threshold raise it, since they are kept once).
    n_samples_out_ : int
        Size of the resampled set.
    n_features_in_ : int
        Number of features seen in :meth:`fit_resample`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen, when ``X`` has string column names.

    See Also
    --------
    BalancerUnderSampler : Keep rows with probability following the weights.
    imblearn.over_sampling.RandomOverSampler : The supervised counterpart.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import ClusterBalancer
    >>> from skbalance.over_sampling import BalancerOverSampler
    >>> rng = np.random.RandomState(0)
    >>> X = np.r_[rng.normal(0, 1, size=(90, 2)), rng.normal(8, 1, size=(10, 2))]
    >>> y = np.r_[np.zeros(90, dtype=int), np.ones(10, dtype=int)]
    >>> balancer = ClusterBalancer(n_clusters=2, random_state=0)
    >>> sampler = BalancerOverSampler(balancer, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res)  # every row kept, the isolated cluster repeated
    array([90, 90])
    >>> bool(set(sampler.sample_indices_) == set(range(100)))
    True
    """

    def _sample_indices(self, weights, rng):
        counts = oversampling_counts(weights, self.n_samples, rng)
        return np.repeat(np.arange(weights.size), counts)
