"""Adaptive Voronoi balancing: scale-aware cells, a support test and a weight cap."""

from numbers import Integral, Real

import numpy as np
from sklearn import get_config
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state, gen_batches

from .._compat import Interval
from ..base import BaseBalancer, cap_weights
from ..utils._chunking import chunk_n_rows, reduce_distances


class AdaptiveVoronoiBalancer(BaseBalancer):
    """Voronoi balancing with scale-adaptive cells and pool-support trimming.

    The recommended default balancer. Like :class:`VoronoiBalancer`, every
    pool point votes for one sample of ``X`` and a sample's weight is its
    vote count, an estimate of the density ratio ``p_pool / p_X`` at that
    sample. Three changes make the estimate much closer to class balance:

    1. **Adaptive cells.** A pool point ``p`` votes for the sample ``s`` that
       minimises ``||p - s|| / r_s ** adaptivity``, where ``r_s`` is the
       distance from ``s`` to its ``n_neighbors``-th nearest other sample of
       ``X``. Samples in
       sparse regions of ``X`` (a rare class) get cells as large as their
       spacing, instead of losing the pool mass between them to a crowded
       neighbouring class.
    2. **Support test.** Pool points far from every sample of ``X`` (regions,
       e.g. classes, that ``X`` does not contain) do not vote. For a pool
       point, count the pool points closer to it than its nearest sample of
       ``X``; for a sample of ``X``, the pool points closer to it than its
       nearest other sample. Both estimate the local ratio of pool to ``X``
       density. A pool point votes only if its count is at most ``support``
       times the median count of the samples of ``X``, i.e. where ``X`` is
       at most ``support`` times rarer, relative to the pool, than it
       typically is. (Counts use ``n_support_references`` pool points drawn
       with ``random_state``; both sides add one to avoid zero counts.)
    3. **Weight cap.** Weights are capped at ``max_weight_ratio`` times the
       median positive weight, so a few stray samples cannot collect a whole
       absent region.

    Parameters
    ----------
    n_neighbors : int, default=3
        Which neighbour of a sample sets its cell scale ``r_s``.
    adaptivity : float, default=1.0
        Exponent of ``r_s`` in the cell assignment; 0 gives plain Voronoi
        cells, 1 cells proportional to the local spacing of ``X``.
    support : float or None, default=10.0
        Support test threshold (see above): the largest imbalance, relative
        to the typical sample of ``X``, that still counts as support. Larger
        keeps more of the pool. ``None`` lets every pool point vote.
    max_weight_ratio : float or None, default=20.0
        Cap on a weight relative to the median positive weight. ``None``
        disables the cap.
    n_support_references : int, default=2000
        Pool points used to count neighbours in the support test (all of the
        pool when it is smaller).
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X`` (e.g. ``PCA(50)``).
    random_state : int, RandomState instance or None, default=None
        Draws the support references when the pool is larger than
        ``n_support_references``.
    n_jobs : int, default=None
        Parallel jobs for the distance computations.

    Attributes
    ----------
    pool_ : ndarray of shape (n_pool_samples, n_components)
        The (transformed) pool; every point is a voter.
    support_references_ : ndarray of shape (n_references, n_components)
        The pool points the support test counts.
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
    VoronoiBalancer : Plain nearest-sample votes from the pool.
    TemperedBalancer : Trade balance for effective sample size.

    Notes
    -----
    Cost: two nearest-neighbour passes over the pool (scikit-learn's
    ``ArgKmin``): one against ``X`` for the votes (16 candidates per pool
    point, with an exactness check that redoes the rare undecided rows
    against all of ``X``) and one against the support references. Both run in
    batches within ``sklearn.get_config()["working_memory"]``.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import AdaptiveVoronoiBalancer
    >>> from skbalance.metrics import weighted_class_distribution
    >>> rng = np.random.RandomState(0)
    >>> pool = np.r_[rng.normal(0, 1, size=(500, 2)), rng.normal(6, 1, size=(500, 2))]
    >>> subset = np.r_[rng.normal(0, 1, size=(180, 2)), rng.normal(6, 1, size=(20, 2))]
    >>> y = np.r_[np.zeros(180), np.ones(20)]
    >>> w = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    >>> {k: round(v, 2) for k, v in weighted_class_distribution(y, w).items()}
    {0.0: 0.58, 1.0: 0.42}
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "n_neighbors": [Interval(Integral, 1, None, closed="left")],
        "adaptivity": [Interval(Real, 0, None, closed="left")],
        "support": [Interval(Real, 0, None, closed="neither"), None],
        "max_weight_ratio": [Interval(Real, 1, None, closed="left"), None],
        "n_support_references": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
        "n_jobs": [Integral, None],
    }

    #: Plain-nearest samples examined per pool point before the exactness check.
    _CANDIDATES = 16

    def __init__(
        self,
        n_neighbors=3,
        adaptivity=1.0,
        support=10.0,
        max_weight_ratio=20.0,
        n_support_references=2000,
        transformer=None,
        random_state=None,
        n_jobs=None,
    ):
        super().__init__(transformer=transformer)
        self.n_neighbors = n_neighbors
        self.adaptivity = adaptivity
        self.support = support
        self.max_weight_ratio = max_weight_ratio
        self.n_support_references = n_support_references
        self.random_state = random_state
        self.n_jobs = n_jobs

    def _fit(self, Z):
        self.pool_ = Z.copy()
        if Z.shape[0] <= self.n_support_references:
            self.support_references_ = self.pool_
        else:
            rng = check_random_state(self.random_state)
            rows = rng.choice(Z.shape[0], size=self.n_support_references, replace=False)
            self.support_references_ = Z[np.sort(rows)]

    def _subset_spacing(self, Z):
        """Distances from each sample to its nearest other samples (up to ``n_neighbors``).

        Column ``j`` holds the distance to the ``(j + 1)``-th nearest other
        sample; one neighbour query serves both the cell scales and the
        support test.
        """
        k = min(self.n_neighbors, Z.shape[0] - 1)
        dist, _ = NearestNeighbors(n_neighbors=k + 1, n_jobs=self.n_jobs).fit(Z).kneighbors(Z)
        return dist[:, 1:]

    def _cell_scales(self, spacing):
        """``r_s``: distance from each sample to its n_neighbors-th nearest other sample."""
        scales = spacing[:, -1]
        positive = scales[scales > 0]
        floor = positive.min() * 1e-3 if positive.size else 1.0
        return np.maximum(scales, floor) ** self.adaptivity

    def _batched_kneighbors(self, nn, X, n_neighbors):
        """``nn.kneighbors(X, n_neighbors)`` over row batches within working_memory."""
        # Half the budget: scikit-learn's ArgKmin keeps its own chunk buffers.
        budget = get_config()["working_memory"] / 2
        rows_per_batch = chunk_n_rows(row_bytes=16 * n_neighbors, max_n_rows=X.shape[0], working_memory=budget)
        for rows in gen_batches(X.shape[0], rows_per_batch):
            yield rows, nn.kneighbors(X[rows], n_neighbors=n_neighbors)

    def _assign(self, Z, scales):
        """Each pool point's adaptive-nearest sample and its plain nearest distance.

        Exact, but fast: the candidates are each pool point's ``_CANDIDATES``
        plain-nearest samples (scikit-learn's ``ArgKmin``). A sample farther
        than the last candidate, at distance at least ``d_K``, can win only if
        its scale exceeds ``d_K / best_ratio``; the undecided rows are compared
        with just those large-scale samples.
        """
        n_candidates = min(self._CANDIDATES, Z.shape[0])
        nn = NearestNeighbors(n_neighbors=n_candidates, n_jobs=self.n_jobs).fit(Z)
        n_pool = self.pool_.shape[0]
        owner = np.empty(n_pool, dtype=np.intp)
        nearest = np.empty(n_pool, dtype=np.float64)
        best_ratio = np.empty(n_pool, dtype=np.float64)
        # Smallest scale a sample beyond the candidates needs to beat the best.
        needed_scale = np.full(n_pool, np.inf)
        for rows, (dist, idx) in self._batched_kneighbors(nn, self.pool_, n_candidates):
            ratio = dist / scales[idx]
            best = ratio.argmin(axis=1)
            picked = np.arange(best.size)
            owner[rows] = idx[picked, best]
            nearest[rows] = dist[:, 0]
            best_ratio[rows] = ratio[picked, best]
            if n_candidates < Z.shape[0]:
                needed_scale[rows] = dist[:, -1] / np.maximum(best_ratio[rows], 1e-300)
        # Only samples with a large enough scale can beat a row's candidates;
        # usually few: compare the undecided rows with those samples only.
        unsure = scales.max() > needed_scale
        if unsure.any():
            contenders = np.flatnonzero(scales > needed_scale[unsure].min())
            contender_scales = scales[contenders]

            def reduce(chunk, start):
                chunk /= contender_scales  # in place: the chunk is ours
                return np.argmin(chunk, axis=1), chunk.min(axis=1)

            rows = np.flatnonzero(unsure)
            challenger = np.empty(rows.size, dtype=np.intp)
            challenger_ratio = np.empty(rows.size)
            # Copy the undecided pool rows batch by batch, never all at once.
            row_bytes = self.pool_.itemsize * self.pool_.shape[1] + 8 * contenders.size
            budget = get_config()["working_memory"] / 4
            for batch in gen_batches(rows.size, chunk_n_rows(row_bytes, rows.size, working_memory=budget)):
                parts = reduce_distances(self.pool_[rows[batch]], Z[contenders], reduce, n_jobs=self.n_jobs)
                challenger[batch] = contenders[np.concatenate([p[0] for p in parts])]
                challenger_ratio[batch] = np.concatenate([p[1] for p in parts])
            current = best_ratio[rows]
            better = (challenger_ratio < current) | (
                (challenger_ratio == current) & (challenger < owner[rows])
            )
            owner[rows[better]] = challenger[better]
        return owner, nearest

    def _count_closer_references(self, points, radius):
        """For each point, how many support references lie strictly within ``radius``."""

        def reduce(dist, start):
            return (dist < radius[start : start + dist.shape[0], None]).sum(axis=1)

        chunks = reduce_distances(points, self.support_references_, reduce, n_jobs=self.n_jobs)
        return np.concatenate(chunks)

    def _in_support(self, Z, nearest, gaps):
        """Pool points around which X is present at a typical enough density ratio.

        A pool point passes if at most ``limit`` references are strictly
        closer than its nearest sample, i.e. if its ``(limit + 1)``-th nearest
        reference is at least that far: one ``ArgKmin`` query per pool point.
        """
        typical = np.median(self._count_closer_references(Z, gaps))
        limit = int(np.floor(self.support * (typical + 1) - 1))
        n_refs = self.support_references_.shape[0]
        if limit < 0:
            return np.zeros(self.pool_.shape[0], dtype=bool)
        if limit >= n_refs:
            return np.ones(self.pool_.shape[0], dtype=bool)
        nn = NearestNeighbors(n_neighbors=limit + 1, n_jobs=self.n_jobs).fit(self.support_references_)
        keep = np.empty(self.pool_.shape[0], dtype=bool)
        for rows, (dist, _) in self._batched_kneighbors(nn, self.pool_, limit + 1):
            keep[rows] = dist[:, limit] >= nearest[rows]
        return keep

    def _compute_weights(self, Z):
        spacing = self._subset_spacing(Z)
        owner, nearest = self._assign(Z, self._cell_scales(spacing))
        if self.support is not None:
            owner = owner[self._in_support(Z, nearest, gaps=spacing[:, 0])]
        votes = np.bincount(owner, minlength=Z.shape[0]).astype(np.float64)
        if not votes.any():
            # No pool point passed the support test: no information, no reweighting.
            return np.ones(Z.shape[0])
        return cap_weights(votes, self.max_weight_ratio)
