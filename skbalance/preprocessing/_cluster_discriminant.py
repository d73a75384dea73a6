"""A metric learned from the data's own clusters: discriminant analysis of k-means."""

import warnings
from numbers import Integral, Real

import numpy as np
from scipy import linalg, sparse
from sklearn.base import (
    BaseEstimator,
    ClassNamePrefixFeaturesOutMixin,
    TransformerMixin,
)
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import gen_batches
from sklearn.utils.validation import check_is_fitted, validate_data

from .._compat import Interval, fit_context
from ..utils._chunking import evenly_spaced_rows

#: Rows the clusters and the discriminant directions are learned from (evenly
#: spaced rows of a larger ``X``): k-means of more rows costs more than the
#: balancer's fit and moves 40 centres little.
_MAX_SAMPLES = 20_000

#: Spreads of the regularised within-cluster covariance below this fraction of the
#: largest are taken as zero (combinations of exactly collinear columns).
_RELATIVE_TOLERANCE = 1e-10

#: Rows projected at a time by ``transform``.
_BATCH_ROWS = 8192


class ClusterDiscriminantAnalysis(
    ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator
):
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
    benchmark's image sets. For images it follows the scattering coefficients
    and their principal components instead
    (``default_balancer(image_shape=...)``).

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

    @fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Find the clusters of ``X`` and the directions that separate them.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : object
        """
        X = validate_data(self, X, reset=True, dtype=(np.float64, np.float32))
        X = evenly_spaced_rows(X, _MAX_SAMPLES).astype(np.float64, copy=False)
        self.mean_ = X.mean(axis=0)
        # Squared distances and variances must neither underflow nor overflow:
        # the clusters and directions are found in a unit where the largest
        # value is about 1, and the directions scaled back, so that the
        # projection does not depend on X's unit. The unit is a power of two,
        # so the division is exact and the projection of X in another
        # power-of-two unit is the same up to rounding of the mean.
        largest = np.max(np.abs(X))
        unit = 2.0 ** np.round(np.log2(largest)) if largest > 0 else 1.0
        scalings = self._discriminant_scalings(X / unit)
        if scalings is None:  # fewer than two distinct clusters: no directions
            scalings = np.eye(X.shape[1])
        else:
            scalings = scalings / unit
        if self.n_components is not None:
            scalings = scalings[:, : self.n_components]
        self.components_ = np.ascontiguousarray(scalings.T)
        self.n_components_ = self.components_.shape[0]
        return self

    def _discriminant_scalings(self, X):
        """Columns: the discriminant directions of ``X``'s k-means clusters.

        The generalised eigenvectors of the between-cluster covariance against
        the regularised within-cluster one, ``Sw + regularization * St``
        (``St`` the total covariance), most separating first, each scaled to
        unit regularised within-cluster variance. ``None`` without two
        clusters.
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
        centred = X - X.mean(axis=0)
        members = sparse.csr_matrix(
            (np.ones(X.shape[0]), (labels, np.arange(X.shape[0]))),
            shape=(counts.size, X.shape[0]),
        )
        means = (members @ centred) / counts[:, None]
        within = centred - means[labels]
        total_cov = centred.T @ centred / X.shape[0]
        within_cov = within.T @ within / X.shape[0]
        # Constant columns carry nothing: they get no weight (and would make
        # the within-cluster covariance singular).
        live = np.flatnonzero(np.diag(total_cov) > 0)
        if live.size == 0:
            return None
        total_cov = total_cov[np.ix_(live, live)]
        between_cov = total_cov - within_cov[np.ix_(live, live)]
        regularised = within_cov[np.ix_(live, live)] + self.regularization * total_cov
        # Whiten the regularised within-cluster covariance, dropping the
        # combinations of columns it gives no spread (exactly collinear
        # columns: constant combinations, nothing to separate), then take the
        # between-cluster covariance's eigenvectors in that whitened space.
        spreads, axes = linalg.eigh(regularised)
        kept = spreads > _RELATIVE_TOLERANCE * spreads.max()
        whiten = axes[:, kept] / np.sqrt(spreads[kept])
        _, vectors = linalg.eigh(whiten.T @ between_cov @ whiten)
        n_directions = min(counts.size - 1, int(kept.sum()))
        scalings = np.zeros((X.shape[1], n_directions))
        scalings[live] = whiten @ vectors[:, ::-1][:, :n_directions]
        # Eigenvectors have no sign: the largest entry of each is made positive,
        # so that data in another unit gives the same projection.
        largest = np.argmax(np.abs(scalings), axis=0)
        scalings *= np.sign(scalings[largest, np.arange(n_directions)])
        return scalings

    def transform(self, X):
        """Project ``X`` onto the discriminant directions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_)
            In the input's float dtype.
        """
        check_is_fitted(self, "components_")
        X = validate_data(self, X, reset=False, dtype=(np.float64, np.float32))
        components = self.components_.T.astype(X.dtype, copy=False)
        mean = self.mean_.astype(X.dtype, copy=False)
        out = np.empty((X.shape[0], self.n_components_), dtype=X.dtype)
        for rows in gen_batches(X.shape[0], _BATCH_ROWS):
            out[rows] = (X[rows] - mean) @ components
        return out

    @property
    def _n_features_out(self):
        return self.n_components_
