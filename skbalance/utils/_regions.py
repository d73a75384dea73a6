"""Compact regions of a point set: a few Lloyd iterations on batched GEMMs.

The region test of :class:`~skbalance.AdaptiveVoronoiBalancer` needs groups of
a few dozen neighbouring pool points, not a converged clustering: two Lloyd
iterations from random points give regions as good for it as mini-batch
k-means run to its stopping rule, at a fraction of the cost. Distances are one
GEMM per row batch in the data's dtype (float32 stays float32), on data
shifted by a given centre (see :mod:`skbalance.utils._gemm`).
"""

import numpy as np
from scipy import sparse
from sklearn.utils import check_random_state

from ._chunking import map_batches, row_batches
from ._gemm import shifted_rows, shifted_targets


def nearest_centers(X, centers, center, n_jobs=None):
    """Index of the nearest of ``centers`` for every row of ``X``.

    Ties go to the lower index.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    centers : ndarray of shape (n_centers, n_features)
    center : ndarray of shape (n_features,)
        Point the data are shifted by (accuracy of the float32 expansion).
    n_jobs : int or None, default=None
        Threads over row batches.

    Returns
    -------
    labels : ndarray of shape (n_samples,), dtype intp

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._regions import nearest_centers
    >>> X = np.array([[0.0], [0.9], [2.2]])
    >>> nearest_centers(X, np.array([[0.0], [2.0]]), np.zeros(1))
    array([0, 0, 1])
    """
    if X.shape[0] == 0:
        return np.empty(0, dtype=np.intp)
    targets = shifted_targets(centers, center, X.dtype)

    def labels(rows):
        shifted, _ = shifted_rows(X[rows], center, X.dtype, norms=False)
        return np.argmin(shifted @ targets.T, axis=1)

    batches = row_batches(X.shape[0], 2 * X.dtype.itemsize * targets.shape[0])
    parts = map_batches(labels, batches, n_jobs)
    return np.concatenate(parts)


def lloyd_centers(points, n_centers, n_iter, center, random_state=None, n_jobs=None):
    """Centres after ``n_iter`` Lloyd iterations from ``n_centers`` random points.

    Each iteration assigns every point its nearest centre and moves each
    centre to the mean of its points; a centre without points stays.

    Parameters
    ----------
    points : ndarray of shape (n_points, n_features)
    n_centers : int
        At most ``n_points``.
    n_iter : int
    center : ndarray of shape (n_features,)
        Point the data are shifted by when computing distances.
    random_state : int, RandomState instance or None, default=None
        Draws the initial centres.
    n_jobs : int or None, default=None
        Threads over row batches of the assignments.

    Returns
    -------
    centers : ndarray of shape (n_centers, n_features), dtype float64

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._regions import lloyd_centers
    >>> points = np.array([[0.0], [1.0], [10.0], [11.0]])
    >>> c = lloyd_centers(points, 2, 2, np.zeros(1), random_state=0)
    >>> np.sort(c.ravel()).tolist()
    [0.5, 10.5]
    """
    rng = check_random_state(random_state)
    start = rng.choice(points.shape[0], size=n_centers, replace=False)
    centers = np.asarray(points[np.sort(start)], dtype=np.float64)
    n_points = points.shape[0]
    for _ in range(n_iter):
        labels = nearest_centers(points, centers, center, n_jobs)
        # Each centre's sum of its points: one sparse product with the one-hot
        # assignment, in the points' dtype (no sorted copy of the points).
        assignment = sparse.csr_matrix(
            (np.ones(n_points, dtype=points.dtype), (labels, np.arange(n_points))),
            shape=(n_centers, n_points),
        )
        sums = np.asarray(assignment @ points, dtype=np.float64)
        sizes = np.bincount(labels, minlength=n_centers)
        filled = np.flatnonzero(sizes)
        centers[filled] = sums[filled] / sizes[filled, None]
    return centers
