"""What the label-free discriminant projections share: fit's frame and transform.

A subclass says which pairs of rows count as alike (the members of one k-means
cluster, neighbours in the data) through their covariance, ``_within_covariance``;
this base finds the directions along which the rows spread much overall but
little between alike rows, scales them to unit (regularised) spread between
alike rows, and projects onto them.
"""

import numpy as np
from scipy import linalg
from sklearn.base import (
    BaseEstimator,
    ClassNamePrefixFeaturesOutMixin,
    TransformerMixin,
)
from sklearn.utils import gen_batches
from sklearn.utils.validation import check_is_fitted, validate_data

from .._compat import fit_context
from ..utils._chunking import evenly_spaced_rows

#: Rows the directions are learned from (evenly spaced rows of a larger ``X``):
#: more rows cost more than the balancer's fit and move the directions little.
_MAX_SAMPLES = 20_000

#: Spreads of the regularised within covariance below this fraction of the
#: largest are taken as zero (combinations of exactly collinear columns).
_RELATIVE_TOLERANCE = 1e-10

#: Rows projected at a time by ``transform``.
_BATCH_ROWS = 8192


def discriminant_scalings(total_cov, within_cov, regularization, max_directions):
    """Columns: the directions of large total against small within spread.

    The generalised eigenvectors of ``total_cov - within_cov`` against the
    regularised within covariance, ``within_cov + regularization * total_cov``,
    most separating first, each scaled to unit regularised within variance;
    at most ``max_directions``. ``None`` when no column varies.
    """
    n_features = total_cov.shape[0]
    # Constant columns carry nothing: they get no weight (and would make the
    # within covariance singular).
    live = np.flatnonzero(np.diag(total_cov) > 0)
    if live.size == 0:
        return None
    total_cov = total_cov[np.ix_(live, live)]
    within_cov = within_cov[np.ix_(live, live)]
    regularised = within_cov + regularization * total_cov
    # Whiten the regularised within covariance, dropping the combinations of
    # columns it gives no spread (exactly collinear columns: constant
    # combinations, nothing to separate), then take the between covariance's
    # eigenvectors in that whitened space.
    spreads, axes = linalg.eigh(regularised)
    kept = spreads > _RELATIVE_TOLERANCE * spreads.max()
    whiten = axes[:, kept] / np.sqrt(spreads[kept])
    _, vectors = linalg.eigh(whiten.T @ (total_cov - within_cov) @ whiten)
    n_directions = min(max_directions, int(kept.sum()))
    scalings = np.zeros((n_features, n_directions))
    scalings[live] = whiten @ vectors[:, ::-1][:, :n_directions]
    # Eigenvectors have no sign: the largest entry of each is made positive, so
    # that data in another unit gives the same projection.
    largest = np.argmax(np.abs(scalings), axis=0)
    scalings *= np.sign(scalings[largest, np.arange(n_directions)])
    return scalings


class DiscriminantProjection(
    ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator
):
    """Base: a subclass defines ``_within_covariance(X)``, the rest is here.

    ``_within_covariance`` gets the rows centred (float64, in a power-of-two
    unit where the largest magnitude is about 1) and returns ``(within_cov,
    max_directions)``, or ``None`` when the rows hold no two groups to tell
    apart (the features are then only centred). Subclasses declare
    ``n_components`` and ``regularization`` among their parameters.
    """

    @fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Learn the projection from ``X``.

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
        # the directions are found in a unit where the largest value is about 1,
        # and scaled back, so that the projection does not depend on X's unit.
        # The unit is a power of two, so the division is exact and the
        # projection of X in another power-of-two unit is the same up to
        # rounding of the mean.
        largest = np.max(np.abs(X))
        unit = 2.0 ** np.round(np.log2(largest)) if largest > 0 else 1.0
        centred = X / unit
        centred -= centred.mean(axis=0)
        within = self._within_covariance(centred)
        scalings = None
        if within is not None:
            total_cov = centred.T @ centred / X.shape[0]
            scalings = discriminant_scalings(
                total_cov, within[0], self.regularization, within[1]
            )
        if scalings is None:  # nothing to tell apart: no directions
            scalings = np.eye(X.shape[1])
        else:
            scalings = scalings / unit
        if self.n_components is not None:
            scalings = scalings[:, : self.n_components]
        self.components_ = np.ascontiguousarray(scalings.T)
        self.n_components_ = self.components_.shape[0]
        return self

    def transform(self, X):
        """Project ``X`` onto the learned directions.

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
