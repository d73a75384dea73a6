"""The uniform baseline."""

import numpy as np

from ..base import BaseBalancer


class UniformBalancer(BaseBalancer):
    """Give every sample the weight 1: the no-balancing baseline.

    Parameters
    ----------
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X``; irrelevant to the
        result but accepted so every balancer has the same interface.

    Attributes
    ----------
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
    VoronoiBalancer : Weights by the pool mass of each sample's Voronoi cell.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import UniformBalancer
    >>> X = np.random.RandomState(0).normal(size=(20, 2))
    >>> UniformBalancer().fit(X).compute_sample_weight(X[:3])
    array([1., 1., 1.])
    """

    #: The pool is only validated: a dask pool is never loaded.
    _supports_dask_pool = True

    def _compute_weights(self, Z):
        return np.ones(Z.shape[0])
