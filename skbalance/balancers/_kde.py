"""Kernel density ratio balancing: weight = p_pool(x) / p_subset(x)."""

from numbers import Integral, Real

import numpy as np

from .._compat import Interval, StrOptions
from ..base import BaseBalancer
from ..utils._bandwidth import BANDWIDTH_RULES, check_bandwidth, select_bandwidth
from ..utils._dask import is_dask_array, map_row_blocks
from ..utils._kernels import gaussian_kernel_logsum


def gaussian_kde_log_density(X, data, bandwidth, n_jobs=None):
    """Log density of a Gaussian KDE on ``data`` (ndarray or dask) at rows of ``X``."""
    n_samples, n_features = data.shape
    # log(2 pi h^2) as 2 log h: h**2 would overflow or underflow for extreme h.
    log_norm = np.log(n_samples) + 0.5 * n_features * (
        np.log(2 * np.pi) + 2 * np.log(bandwidth)
    )
    if is_dask_array(data):
        parts = map_row_blocks(
            lambda block, X, h: gaussian_kernel_logsum(X, block, h, n_jobs=n_jobs),
            data,
            X,
            bandwidth,
        )
        return np.logaddexp.reduce(np.stack(parts), axis=0) - log_norm
    return gaussian_kernel_logsum(X, data, bandwidth, n_jobs=n_jobs) - log_norm


class KDEBalancer(BaseBalancer):
    """Weight each sample by the density ratio ``p_pool(x) / p_subset(x)``.

    ``p_pool`` is a Gaussian kernel density estimate on the pool (fitted in
    :meth:`fit`), ``p_subset`` one on the set being weighted. The ratio is
    computed in log space and shifted by its maximum before exponentiating,
    so it never overflows. Samples from regions the subset over-represents
    relative to the pool get small weights.

    Differences from the original experiment: there, ``p_pool`` was the VAE's
    N(0, I) prior and ``p_subset`` a KDE with bandwidth 1.0 in the unit-scale
    latent space. Here both densities are KDEs in the feature space, and both
    bandwidths default to one data-driven bandwidth computed on the pool
    (``"auto"``), so the ratio is not distorted by unequal smoothing.
    ``subset_bandwidth=1.0`` restores the original subset bandwidth.

    Parameters
    ----------
    bandwidth : float or {"auto", "nn", "scott", "silverman"}, default="auto"
        Bandwidth of the pool KDE. A rule is computed on the (transformed)
        pool: ``"nn"`` is the median nearest-neighbour distance, ``"scott"``
        and ``"silverman"`` the classical factors times the root-mean feature
        standard deviation, ``"auto"`` the larger of ``"nn"`` and
        ``"scott"`` (see :func:`skbalance.utils.select_bandwidth`).
    subset_bandwidth : float, {"auto", "nn", "scott", "silverman"} or None, default=None
        Bandwidth of the subset KDE. ``None`` uses the pool bandwidth; a rule
        is computed on the subset.
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X`` before the densities.
    n_jobs : int, default=None
        Batches of the kernel sums processed in parallel threads (``None``:
        one at a time; BLAS threads each batch's GEMM either way; ``-1``: all
        cores).
    verbose : int, default=0
        Progress of the passes over the pool on stderr (rows done, elapsed
        time): about every 10% with 1, every batch with 2. A dask pool is
        computed by dask: use ``dask.diagnostics.ProgressBar`` there.

    Attributes
    ----------
    pool_ : ndarray or dask array of shape (n_pool_samples, n_components)
        The (transformed) pool the pool density is estimated on (kept lazy
        for a dask pool).
    bandwidth_ : float
        The pool bandwidth in use.
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
    sklearn.neighbors.KernelDensity : Kernel density estimation.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import KDEBalancer
    >>> rng = np.random.RandomState(0)
    >>> pool = np.r_[rng.normal(0, 0.3, (200, 1)), rng.normal(3, 0.3, (200, 1))]
    >>> subset = np.r_[rng.normal(0, 0.3, (90, 1)), rng.normal(3, 0.3, (10, 1))]
    >>> w = KDEBalancer().fit(pool).compute_sample_weight(subset)
    >>> round(float(w[90:].sum() / w.sum()), 2)  # the minority's share, 0.1 before
    0.51
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "bandwidth": [
            Interval(Real, 0, None, closed="neither"),
            StrOptions(set(BANDWIDTH_RULES)),
        ],
        "subset_bandwidth": [
            Interval(Real, 0, None, closed="neither"),
            StrOptions(set(BANDWIDTH_RULES)),
            None,
        ],
        "n_jobs": [Integral, None],
        "verbose": ["verbose"],
    }

    _min_pool_samples = 2
    _supports_dask_pool = True

    def __init__(
        self,
        bandwidth="auto",
        subset_bandwidth=None,
        transformer=None,
        n_jobs=None,
        verbose=0,
    ):
        super().__init__(transformer=transformer)
        self.bandwidth = bandwidth
        self.subset_bandwidth = subset_bandwidth
        self.n_jobs = n_jobs
        self.verbose = verbose

    def _keeps_pool(self, Z):
        return True

    def _fit(self, Z):
        self.pool_ = Z
        self.bandwidth_ = check_bandwidth(
            Z, select_bandwidth(Z, self.bandwidth), "bandwidth"
        )

    def _compute_weights(self, Z):
        if self.subset_bandwidth is None:
            subset_bandwidth = self.bandwidth_
        else:
            subset_bandwidth = check_bandwidth(
                Z, select_bandwidth(Z, self.subset_bandwidth), "subset_bandwidth"
            )
        log_ratio = gaussian_kde_log_density(
            Z, self.pool_, self.bandwidth_, n_jobs=self.n_jobs
        )
        log_ratio -= gaussian_kde_log_density(
            Z, Z, subset_bandwidth, n_jobs=self.n_jobs
        )
        return np.exp(log_ratio - log_ratio.max())
