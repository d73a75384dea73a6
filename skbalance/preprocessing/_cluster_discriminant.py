"""A metric learned from the data's own clusters: discriminant analysis of k-means."""

import warnings
from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning

from .._compat import Interval
from ._discriminant import DiscriminantProjection


class ClusterDiscriminantAnalysis(DiscriminantProjection):
    """Project onto the directions that separate the data's own clusters.

    A label-free metric for distance-based balancers. The data is cut into
    ``n_clusters`` groups by k-means, and linear discriminant analysis with
    those groups as classes finds the directions along which the groups lie
    apart, scaled so that the spread *within* a group is the same along every
    direction (regularised, so that no direction counts without bound).
    Distances after the projection count a difference along a direction that
    separates groups of the data more than one along which points of one group
    vary anyway (noise columns, nuisance variation).

    It suits tabular data, where no column's scale is more natural than
    another's: :class:`UnitScaler` (``method="rank"``) puts the columns on an
    equal footing and this transformer decides, from the pool, how much each
    direction counts. :func:`~skbalance.default_balancer` applies it that way,
    ``UnitScaler(method="rank", then=ClusterDiscriminantAnalysis())``, to
    columns in unrelated units only: features that share a unit (pixels,
    embeddings) keep their own distances, which balanced better on the
    benchmark's image sets. For images the default uses
    :class:`LocalityPreservingProjection`, the same contrast with each row's
    nearest neighbours as the groups, which keeps small modes of the data
    apart that 40 clusters lump together.

    Parameters
    ----------
    n_clusters : int, default=40
        Number of k-means clusters (at most half the rows). The projection
        has at most ``n_clusters - 1`` directions (``1``: none, the features
        are only centred).
    n_components : int or None, default=None
        Number of directions kept; ``None`` keeps all that the data supports
        (at most ``min(n_features, n_clusters - 1)``).
    regularization : float > 0, default=0.1
        Added, times the total covariance, to the within-cluster covariance
        before the directions are scaled. It bounds how much any direction
        can count: its spread after the projection is at most
        ``1 / sqrt(regularization)`` (about 3.2), so a column that is nearly
        constant within every cluster (a flag, a rounded value) cannot swamp
        the others.
    random_state : int, RandomState instance or None, default=None
        Seeds k-means.

    Attributes
    ----------
    mean_ : ndarray of shape (`n_features_in_`,)
        Mean of the rows the projection was learned from.
    components_ : ndarray of shape (`n_components_`, `n_features_in_`)
        The discriminant directions, each scaled to unit (regularised)
        within-cluster spread, most separating first. When the data has fewer
        than two distinct clusters (e.g. identical rows), the identity: the
        features are only centred.
    n_components_ : int
        Number of output features.
    n_features_in_ : int
        Number of features seen in :meth:`fit`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen in :meth:`fit`, when ``X`` has string column names.

    See Also
    --------
    sklearn.discriminant_analysis.LinearDiscriminantAnalysis : The same with
        labels.
    UnitScaler : Brings columns in unrelated units to one unit first.
    LocalityPreservingProjection : The same contrast with neighbourhoods as
        the groups.

    Notes
    -----
    Learned from at most 20,000 evenly spaced rows of ``X``, with two
    ``n_features x n_features`` covariance matrices and their generalised
    eigendecomposition: meant for tens to a few thousand features (reduce
    wider data first, e.g. with ``PCA`` or ``TruncatedSVD``). The idea is
    discriminant analysis of k-means clusters as in adaptive dimension
    reduction (Ding and Li, "Adaptive dimension reduction using discriminant
    analysis and K-means clustering", ICML 2007), here one pass used as a
    metric.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.preprocessing import ClusterDiscriminantAnalysis
    >>> rng = np.random.RandomState(0)
    >>> groups = rng.randint(0, 4, size=400)
    >>> structured = groups[:, None] * 3.0 + rng.normal(size=(400, 2))
    >>> noise = rng.normal(size=(400, 3))
    >>> X = np.c_[structured, noise]
    >>> cda = ClusterDiscriminantAnalysis(n_clusters=8, random_state=0).fit(X)
    >>> cda.n_components_
    5
    >>> # The most separating direction lies along the structured columns.
    >>> weights = np.abs(cda.components_[0]) / np.abs(cda.components_[0]).sum()
    >>> bool(weights[:2].sum() > 0.9)
    True
    """

    _parameter_constraints = {
        "n_clusters": [Interval(Integral, 1, None, closed="left")],
        "n_components": [Interval(Integral, 1, None, closed="left"), None],
        "regularization": [Interval(Real, 0, None, closed="neither")],
        "random_state": ["random_state"],
    }

    def __init__(
        self, n_clusters=40, n_components=None, regularization=0.1, random_state=None
    ):
        self.n_clusters = n_clusters
        self.n_components = n_components
        self.regularization = regularization
        self.random_state = random_state

    def _within_covariance(self, X):
        """The covariance within ``X``'s k-means clusters, and how many directions.

        ``None`` without two clusters.
        """
        n_clusters = min(self.n_clusters, X.shape[0] // 2)
        if n_clusters < 2:
            return None
        with warnings.catch_warnings():
            # Duplicate rows: k-means finds fewer distinct clusters, said below.
            warnings.simplefilter("ignore", ConvergenceWarning)
            labels = KMeans(
                n_clusters=n_clusters, n_init=1, random_state=self.random_state
            ).fit_predict(X)
        labels, counts = np.unique(labels, return_inverse=True, return_counts=True)[1:]
        if counts.size < 2:
            return None
        members = sparse.csr_matrix(
            (np.ones(X.shape[0]), (labels, np.arange(X.shape[0]))),
            shape=(counts.size, X.shape[0]),
        )
        means = (members @ X) / counts[:, None]
        within = X - means[labels]
        # The between-cluster covariance has at most one direction fewer than
        # there are clusters.
        return within.T @ within / X.shape[0], counts.size - 1
