"""A metric learned from the data's neighbourhoods: locality preserving projection."""

from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.neighbors import NearestNeighbors

from .._compat import Interval
from ..utils._memory import check_output_size
from ._discriminant import DiscriminantProjection

#: Bytes each link of the neighbour graph takes at its peak: the neighbour's index
#: from the search and, in the sparse graph, its index and weight.
_LINK_BYTES = 24


class LocalityPreservingProjection(DiscriminantProjection):
    """Project onto the directions along which neighbours stay close.

    A label-free metric for distance-based balancers. Each row is linked to
    its ``n_neighbors`` nearest other rows, and the projection keeps the
    directions along which the data spreads widely while linked rows differ
    little, scaled so that the spread *between neighbours* is the same along
    every direction (regularised, so that no direction counts without bound).
    Distances after the projection count a difference along which the data is
    organised (it changes slowly from neighbour to neighbour but varies over
    the whole set: one group of similar rows against another) more than one
    along which even neighbouring rows vary (noise, nuisance variation).

    Unlike :class:`ClusterDiscriminantAnalysis`, which contrasts the data's
    k-means clusters, it needs no number of groups and follows structure at
    the scale of a row's neighbourhood, so that small modes of the data (a
    way of writing a digit, a style) keep their own directions.
    :func:`~skbalance.default_balancer` applies it to the 50 principal
    components of images' scattering coefficients
    (``default_balancer(image_shape=...)``).

    Parameters
    ----------
    n_neighbors : int, default=10
        Nearest other rows each row is linked to (at most the number of rows
        minus one).
    n_components : int or None, default=None
        Number of directions kept; ``None`` keeps all that the data supports
        (at most ``n_features``).
    regularization : float > 0, default=0.1
        Added, times the total covariance, to the covariance of neighbours'
        differences before the directions are scaled. It bounds how much any
        direction can count: its spread after the projection is at most
        ``1 / sqrt(regularization)`` (about 3.2), so a column that neighbours
        nearly always share (a flag, a rounded value) cannot swamp the others.

    Attributes
    ----------
    mean_ : ndarray of shape (`n_features_in_`,)
        Mean of the rows the projection was learned from.
    components_ : ndarray of shape (`n_components_`, `n_features_in_`)
        The directions, each scaled to unit (regularised) spread between
        neighbours, best preserved first. When no column varies (or there is
        a single row), the identity: the features are only centred.
    n_components_ : int
        Number of output features.
    n_features_in_ : int
        Number of features seen in :meth:`fit`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen in :meth:`fit`, when ``X`` has string column names.

    See Also
    --------
    ClusterDiscriminantAnalysis : The same contrast with k-means clusters as
        the groups.
    sklearn.manifold.SpectralEmbedding : A non-linear embedding from the same
        neighbour graph (no ``transform`` of new rows).

    Notes
    -----
    The neighbour graph's Laplacian gives the covariance of linked rows'
    differences, ``S_n = sum over links (x_i - x_j)(x_i - x_j)^T / (2 n k)``;
    the directions are the generalised eigenvectors of ``S_t - S_n`` against
    ``S_n + regularization * S_t`` (``S_t`` the total covariance), most
    separating first. This is the locality preserving projection of He and
    Niyogi ("Locality Preserving Projections", NIPS 2003) with unit weights
    on a k-nearest-neighbour graph, regularised and scaled for use as a
    metric. Learned from at most 20,000 evenly spaced rows of ``X``; the
    neighbours are found by :class:`sklearn.neighbors.NearestNeighbors`
    (within scikit-learn's ``working_memory``), then two ``n_features x
    n_features`` covariance matrices are decomposed: meant for tens to a few
    hundred features (reduce wider data first, e.g. with ``PCA``).

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.preprocessing import LocalityPreservingProjection
    >>> rng = np.random.RandomState(0)
    >>> groups = rng.randint(0, 4, size=400)
    >>> structured = groups[:, None] * 3.0 + rng.normal(size=(400, 2))
    >>> noise = rng.normal(size=(400, 3))
    >>> X = np.c_[structured, noise]
    >>> lpp = LocalityPreservingProjection().fit(X)
    >>> lpp.n_components_
    5
    >>> # The best preserved direction lies along the structured columns.
    >>> weights = np.abs(lpp.components_[0]) / np.abs(lpp.components_[0]).sum()
    >>> bool(weights[:2].sum() > 0.9)
    True
    """

    _parameter_constraints = {
        "n_neighbors": [Interval(Integral, 1, None, closed="left")],
        "n_components": [Interval(Integral, 1, None, closed="left"), None],
        "regularization": [Interval(Real, 0, None, closed="neither")],
    }

    def __init__(self, n_neighbors=10, n_components=None, regularization=0.1):
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.regularization = regularization

    def _within_covariance(self, X):
        """The covariance of linked rows' differences, and how many directions.

        ``X`` is centred (the Laplacian's quadratic form then stays small).
        ``None`` for a single row.
        """
        n_samples = X.shape[0]
        n_neighbors = min(self.n_neighbors, n_samples - 1)
        if n_neighbors < 1:
            return None
        check_output_size(
            n_samples * n_neighbors,
            _LINK_BYTES,
            f"n_neighbors={self.n_neighbors} links each of {n_samples:,} rows to "
            f"{n_neighbors:,} others: that",
            unit="links",
        )
        neighbors = (
            NearestNeighbors(n_neighbors=n_neighbors)
            .fit(X)
            .kneighbors(return_distance=False)
        )
        graph = sparse.csr_matrix(
            (
                np.ones(neighbors.size),
                neighbors.ravel(),
                np.arange(0, neighbors.size + 1, n_neighbors),
            ),
            shape=(n_samples, n_samples),
        )
        # sum over links (x_i - x_j)(x_i - x_j)^T, with each row's degree the
        # links it makes (n_neighbors) plus those made to it.
        degree = n_neighbors + np.asarray(graph.sum(axis=0)).ravel()
        cross = X.T @ (graph @ X)
        scatter = (X * degree[:, None]).T @ X - cross - cross.T
        return scatter / (2 * n_samples * n_neighbors), X.shape[1]
