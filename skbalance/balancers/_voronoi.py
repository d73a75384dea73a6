"""Voronoi balancing with the pool as the reference distribution."""

from numbers import Integral

import numpy as np
from sklearn.utils import check_random_state

from .._compat import Interval
from ..base import BaseBalancer
from ..utils._dask import is_dask_array, map_row_blocks
from ..utils._kernels import nearest_votes


class VoronoiBalancer(BaseBalancer):
    """Weight each sample by the pool mass of its Voronoi cell.

    Reference points stand for the pool's distribution. Each reference votes
    for its nearest sample of ``X``; a sample's weight is its number of votes,
    i.e. the share of the pool that falls into its Voronoi cell. Regions that
    ``X`` over-represents relative to the pool split the pool mass among many
    samples and receive less weight per sample.

    The original experiment drew one reference per subset point from a VAE's
    N(0, I) prior; here the references are the (transformed) pool points
    themselves, or ``n_references`` of them drawn without replacement.

    Parameters
    ----------
    n_references : int, default=None
        Number of pool points used as references. ``None`` uses the whole
        pool. Must not exceed the pool size.
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X`` before the neighbour
        search (e.g. ``PCA(50)``).
    random_state : int, RandomState instance or None, default=None
        Draws the reference subset when ``n_references`` is set.
    n_jobs : int, default=None
        Pool batches processed in parallel threads (``None``: one at a time;
        BLAS threads each batch's GEMM either way; ``-1``: all cores).
    verbose : int, default=0
        Progress of the passes over the pool on stderr (rows done, elapsed
        time): about every 10% with 1, every batch with 2. A dask pool is
        computed by dask: use ``dask.diagnostics.ProgressBar`` there.

    Attributes
    ----------
    references_ : ndarray or dask array of shape (n_references, n_components)
        The reference points, in the transformed space (the lazy pool itself
        for a dask pool with ``n_references=None``).
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
    BoxVoronoiBalancer : References drawn from the subset's bounding box.
    SmoothVoronoiBalancer : Each reference votes for a fraction of the subset.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import VoronoiBalancer
    >>> pool = np.array([[0.0], [0.1], [0.9], [1.0]])
    >>> subset = np.array([[0.0], [0.05], [1.0]])  # the left cluster doubled
    >>> VoronoiBalancer().fit(pool).compute_sample_weight(subset)
    array([0.75, 0.75, 1.5 ])
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "n_references": [Interval(Integral, 1, None, closed="left"), None],
        "random_state": ["random_state"],
        "n_jobs": [Integral, None],
        "verbose": ["verbose"],
    }

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

    _supports_dask_pool = True
    _rescales_extreme_magnitudes = True

    def _keeps_pool(self, Z):
        return self.n_references is None  # else a sample of rows, a copy

    def _fit(self, Z):
        if self.n_references is None:
            # A dask pool stays lazy: its blocks vote in compute_sample_weight.
            self.references_ = Z
            return
        if self.n_references > Z.shape[0]:
            raise ValueError(
                f"n_references={self.n_references} exceeds the number of pool "
                f"samples ({Z.shape[0]})."
            )
        rng = check_random_state(self.random_state)
        rows = rng.choice(Z.shape[0], size=self.n_references, replace=False)
        self.references_ = (
            np.asarray(Z[np.sort(rows)].compute()) if is_dask_array(Z) else Z[rows]
        )

    def _compute_weights(self, Z):
        if is_dask_array(self.references_):
            parts = map_row_blocks(nearest_votes, self.references_, Z, 1, self.n_jobs)
            return np.sum(parts, axis=0)
        return nearest_votes(self.references_, Z, n_votes=1, n_jobs=self.n_jobs)
