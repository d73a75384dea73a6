"""Voronoi balancing with references drawn from the subset's bounding box."""

from numbers import Integral

from sklearn.utils import check_random_state

from .._compat import Interval
from ..base import BaseBalancer
from ..utils._gemm import power_of_two_unit
from ..utils._kernels import nearest_votes
from ..utils._memory import check_output_size


def draw_box_references(Z, n_references, random_state):
    """Draw points uniformly from the axis-aligned bounding box of ``Z``.

    Parameters
    ----------
    Z : ndarray of shape (n_samples, n_features)
    n_references : int or None
        Number of points; ``None`` draws one per row of ``Z``.
    random_state : int, RandomState instance or None

    Returns
    -------
    references : ndarray of shape (n_references, n_features), dtype of ``Z``
    """
    rng = check_random_state(random_state)
    n = Z.shape[0] if n_references is None else int(n_references)
    low, high = Z.min(axis=0), Z.max(axis=0)
    return rng.uniform(low, high, size=(n, Z.shape[1])).astype(Z.dtype, copy=False)


class BoxVoronoiBalancer(BaseBalancer):
    """Voronoi balancing with references drawn uniformly from a bounding box.

    Reference points are drawn uniformly from the axis-aligned bounding box of
    the set being weighted (one per sample by default); each votes for its
    nearest sample, and a sample's weight is its vote count. Uniform references
    make every region of the box equally important, so dense clusters of ``X``
    share their votes and sparse ones keep them. The pool is used only to fit
    the ``transformer``.

    Parameters
    ----------
    n_references : int, default=None
        Number of box references per call; ``None`` draws one per sample of
        ``X``, as the original experiment did.
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X`` before the box and the
        neighbour search (e.g. ``PCA(50)``).
    random_state : int, RandomState instance or None, default=None
        Draws the references. With an int, every call to
        :meth:`compute_sample_weight` on the same ``X`` gives the same weights.
    n_jobs : int, default=None
        Pool batches processed in parallel threads (``None``: one at a time;
        BLAS threads each batch's GEMM either way; ``-1``: all cores).
    verbose : int, default=0
        Progress of the passes over the references on stderr.

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
    VoronoiBalancer : Pool points as references.
    SmoothVoronoiBalancer : Each reference votes for a fraction of the samples.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import BoxVoronoiBalancer
    >>> rng = np.random.RandomState(0)
    >>> X = np.r_[rng.normal(0, 0.1, size=(90, 2)), rng.normal(3, 0.1, size=(10, 2))]
    >>> balancer = BoxVoronoiBalancer(n_references=2000, random_state=0).fit(X)
    >>> w = balancer.compute_sample_weight(X)
    >>> round(float(w[90:].sum() / w.sum()), 1)  # the small cluster's share was 0.1
    0.5
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "n_references": [Interval(Integral, 1, None, closed="left"), None],
        "random_state": ["random_state"],
        "n_jobs": [Integral, None],
        "verbose": ["verbose"],
    }

    #: The box comes from the weighted set, not the pool: a dask pool is never loaded.
    _supports_dask_pool = True

    def __init__(
        self,
        n_references=None,
        transformer=None,
        random_state=None,
        n_jobs=None,
        verbose=0,
    ):
        super().__init__(transformer=transformer)
        self.n_references = n_references
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.verbose = verbose

    def _n_votes(self, n_samples):
        """Number of nearest samples that share one reference's vote."""
        return 1

    def _compute_weights(self, Z):
        if self.n_references is not None:
            row_bytes = Z.dtype.itemsize * Z.shape[1]
            check_output_size(
                self.n_references, row_bytes, f"n_references={self.n_references}"
            )
        # The pool plays no part: X's own magnitude sets the unit (a power of two,
        # so the votes are exactly those computed in the data's units).
        Z = Z / power_of_two_unit(Z)
        references = draw_box_references(Z, self.n_references, self.random_state)
        n_votes = self._n_votes(Z.shape[0])
        return nearest_votes(references, Z, n_votes=n_votes, n_jobs=self.n_jobs)
