"""Cluster balancing: every mixture component carries the same total weight."""

from numbers import Integral

import numpy as np
from sklearn.mixture import GaussianMixture

from .._compat import Interval, StrOptions
from ..base import BaseBalancer
from ..utils._dask import sample_rows


class ClusterBalancer(BaseBalancer):
    """Give every Gaussian-mixture component the same total weight.

    A Gaussian mixture with ``n_clusters`` components assigns each sample to
    a component; a sample's weight is ``1 / (number of samples of X in its
    component)``, so every occupied component carries equal total weight.

    By default the mixture is fitted on the pool in :meth:`fit`, which is
    cheap to reuse and independent of the subset's imbalance. The original
    experiment fitted it on the subset itself: ``fit_on="subset"`` does that,
    refitting a mixture on every ``X`` passed to :meth:`compute_sample_weight`.

    Parameters
    ----------
    n_clusters : int, default=10
        Number of mixture components.
    fit_on : {"pool", "subset"}, default="pool"
        Where the mixture is fitted (see above).
    covariance_type : {"full", "tied", "diag", "spherical"}, default="full"
        Covariance structure of the components, as in
        :class:`sklearn.mixture.GaussianMixture`.
    max_pool_samples : int or None, default=100_000
        With ``fit_on="pool"``, the mixture is fitted on at most this many
        pool points, drawn at random (a uniform sample of the pool estimates
        the same mixture). ``None`` uses the whole pool. A ``dask.array``
        pool is read only at the drawn rows.
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X`` before the mixture.
    random_state : int, RandomState instance or None, default=None
        Seeds the mixture's initialisation and the draw of
        ``max_pool_samples`` pool points.
    verbose : int, default=0
        Passed to :class:`~sklearn.mixture.GaussianMixture`: its EM progress
        on stdout (fits on raw high-dimensional pools can take a while).

    Attributes
    ----------
    mixture_ : GaussianMixture or None
        The mixture fitted on the pool (``None`` with ``fit_on="subset"``).
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
    sklearn.mixture.GaussianMixture : The mixture model used.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import ClusterBalancer
    >>> rng = np.random.RandomState(0)
    >>> pool = np.r_[rng.normal(0, 0.1, size=(50, 2)), rng.normal(3, 0.1, size=(50, 2))]
    >>> subset = np.r_[pool[:30], pool[50:60]]  # 30 vs 10
    >>> balancer = ClusterBalancer(n_clusters=2, random_state=0).fit(pool)
    >>> w = balancer.compute_sample_weight(subset)
    >>> float(w[:30].sum()), float(w[30:].sum())
    (20.0, 20.0)
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "n_clusters": [Interval(Integral, 1, None, closed="left")],
        "fit_on": [StrOptions({"pool", "subset"})],
        "covariance_type": [StrOptions({"full", "tied", "diag", "spherical"})],
        "max_pool_samples": [Interval(Integral, 1, None, closed="left"), None],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        n_clusters=10,
        fit_on="pool",
        covariance_type="full",
        max_pool_samples=100_000,
        transformer=None,
        random_state=None,
        verbose=0,
    ):
        super().__init__(transformer=transformer)
        self.n_clusters = n_clusters
        self.fit_on = fit_on
        self.covariance_type = covariance_type
        self.max_pool_samples = max_pool_samples
        self.verbose = verbose
        self.random_state = random_state

    _supports_dask_pool = True
    _rescales_extreme_magnitudes = True

    def _mixture(self, n_components):
        return GaussianMixture(
            n_components=n_components,
            covariance_type=self.covariance_type,
            random_state=self.random_state,
            verbose=self.verbose,
        )

    def _fit(self, Z):
        if self.fit_on == "subset":
            self.mixture_ = None
            return
        if Z.shape[0] < self.n_clusters:
            raise ValueError(
                f"n_clusters={self.n_clusters} needs at least as many pool samples; "
                f"got n_samples = {Z.shape[0]}."
            )
        if (
            self.max_pool_samples is not None
            and self.max_pool_samples < self.n_clusters
        ):
            raise ValueError(
                f"max_pool_samples={self.max_pool_samples} keeps fewer pool samples "
                f"than n_clusters={self.n_clusters}; raise max_pool_samples or lower "
                "n_clusters."
            )
        self.mixture_ = self._mixture(self.n_clusters).fit(
            sample_rows(Z, self.max_pool_samples, self.random_state)
        )

    def _compute_weights(self, Z):
        if self.mixture_ is None:
            n_components = min(self.n_clusters, Z.shape[0])
            labels = self._mixture(n_components).fit_predict(Z)
        else:
            labels = self.mixture_.predict(Z)
        counts = np.bincount(labels)
        return 1.0 / counts[labels]
