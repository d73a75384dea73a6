"""Density balancing: each sample's share of the kernel mass at its own location."""

from numbers import Integral, Real

import numpy as np

from .._compat import Interval, StrOptions
from ..base import BaseBalancer
from ..utils._bandwidth import BANDWIDTH_RULES, check_bandwidth, select_bandwidth
from ..utils._kernels import gaussian_kernel_logsum


class DensityBalancer(BaseBalancer):
    """Weight each sample by its "ownership" of its own location.

    Each sample ``t`` gets the softmax, over all samples ``i`` of ``X``, of
    ``temperature * log N(x_t; x_i, sigma^2 I)``, evaluated at ``i = t``.
    With a shared isotropic ``sigma`` the normalising constants cancel and
    the ownership is ``1 / sum_i exp(-temperature * ||x_t - x_i||^2 /
    (2 sigma^2))``: a sample alone in its region owns it (weight near 1),
    samples in crowded regions share it and get less weight. The pairwise sum
    is computed in chunks within ``working_memory``.

    The original experiment used the per-sample posterior standard
    deviations of a VAE as ``sigma_i``; without a VAE the bandwidth is one
    isotropic ``sigma`` derived from the pool (or given). By default the effective
    kernel width ``sigma / sqrt(temperature)`` is the pool's data-driven
    ``"auto"`` bandwidth (see :func:`skbalance.utils.select_bandwidth`).

    Parameters
    ----------
    temperature : float, default=0.01
        Scales the log densities inside the softmax; smaller values spread
        each sample's kernel wider (effective width ``sigma / sqrt(temperature)``).
    bandwidth : float, {"auto", "nn", "scott", "silverman"} or None, default=None
        ``sigma``. ``None`` means ``"auto"``. A rule names the effective kernel width
        ``sigma / sqrt(temperature)`` instead, computed on the (transformed)
        pool in :meth:`fit` (see :func:`skbalance.utils.select_bandwidth`).
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X``.
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
    bandwidth_ : float
        The ``sigma`` in use.
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
    KDEBalancer : Ratio of the pool density to the subset density.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import DensityBalancer
    >>> rng = np.random.RandomState(0)
    >>> X = np.r_[rng.normal(0, 0.1, size=(90, 2)), rng.normal(3, 0.1, size=(10, 2))]
    >>> w = DensityBalancer().fit(X).compute_sample_weight(X)
    >>> round(float(w[90:].sum() / w.sum()), 2)  # the minority's share, 0.1 before
    0.51
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "temperature": [Interval(Real, 0, None, closed="neither")],
        "bandwidth": [
            Interval(Real, 0, None, closed="neither"),
            StrOptions(set(BANDWIDTH_RULES)),
            None,
        ],
        "n_jobs": [Integral, None],
        "verbose": ["verbose"],
    }

    _min_pool_samples = 2
    #: Only the bandwidth rule reads the pool (block by block for a dask pool).
    _supports_dask_pool = True

    def __init__(
        self, temperature=0.01, bandwidth=None, transformer=None, n_jobs=None, verbose=0
    ):
        super().__init__(transformer=transformer)
        self.temperature = temperature
        self.bandwidth = bandwidth
        self.n_jobs = n_jobs
        self.verbose = verbose

    def _fit(self, Z):
        if isinstance(self.bandwidth, Real):
            self.bandwidth_ = check_bandwidth(Z, float(self.bandwidth), "bandwidth")
        else:
            width = select_bandwidth(
                Z, "auto" if self.bandwidth is None else self.bandwidth
            )
            self.bandwidth_ = width * np.sqrt(self.temperature)

    def _compute_weights(self, Z):
        kernel_width = self.bandwidth_ / np.sqrt(self.temperature)
        return np.exp(-gaussian_kernel_logsum(Z, Z, kernel_width, n_jobs=self.n_jobs))
