"""Adaptive Voronoi balancing: scale-aware cells, support tests and weight caps."""

from numbers import Integral, Real

import numpy as np

from .._compat import Interval, StrOptions, validate_params
from ..base import BaseBalancer
from ..utils._chunking import map_batches, row_batches
from ..utils._dask import is_dask_array, map_row_blocks, sample_rows
from ..utils._gemm import (
    robust_center,
    row_counts,
    shifted_rows,
    shifted_targets,
    smallest_k,
)
from ..utils._regions import lloyd_centers, nearest_centers
from ..utils._weights import cap_weights, cap_weights_to_ess

#: Most regions of the region test (a larger pool gets larger regions).
_MAX_REGIONS = 1000

#: The regions are fitted on the whole pool up to this many points, then on a random
#: sample of this many (or of 20 per region, if more).
_REGION_POINTS = 20_000
_POINTS_PER_REGION = 20

#: Lloyd iterations of the regions (from random pool points): compact groups of
#: neighbours are all the region test needs, not a converged clustering.
_REGION_ITERATIONS = 2

#: Relative margin under which a squared distance counts as equal to a radius: ties in
#: discrete data (e.g. pixels) must not depend on GEMM rounding.
_TIE_RTOL = 1e-5

#: Relative margin by which a density bound decides a support test outright.
_DECIDED_RTOL = 1e-9

#: The support test's counts gather the entries below each row's last radius while
#: they are at most this share of the block (their indices and values cost about 16
#: times the bytes of a block entry each, so the gathering stays within the block's
#: memory); above it, they count once per radius.
_GATHERED_SHARE = 16


class AdaptiveVoronoiBalancer(BaseBalancer):
    """Voronoi balancing with scale-adaptive cells and support tests.

    The recommended balancer (see :func:`skbalance.balancers.default_balancer`).
    Like :class:`VoronoiBalancer`, every pool point votes for samples of
    ``X`` and a sample's weight is its vote count, an estimate of the
    density ratio ``p_pool / p_X`` at that sample. Five changes make the
    estimate much closer to class balance:

    1. **Adaptive cells.** A pool point ``p`` votes for the samples ``s`` with
       the smallest ``||p - s|| / r_s ** adaptivity``, where ``r_s`` is the
       distance from ``s`` to its ``n_neighbors``-th nearest other sample,
       among its ``n_candidates`` nearest samples. Samples in sparse regions
       of ``X`` (a rare class) get cells as large as their spacing, instead
       of losing the pool mass between them to a crowded neighbouring class.
    2. **Shared votes.** Each pool point splits one vote equally between its
       ``n_votes`` adaptive-nearest samples, which smooths the vote counts.
    3. **Support test, per sample.** Pool points in regions that ``X`` does
       not cover (e.g. classes absent from ``X``) must not vote. Around a
       pool point, count the pool points within its distances to its 1st,
       2nd, ... ``n_support_neighbors``-th nearest samples of ``X``; around a
       sample, those within its distances to its nearest other samples. The
       geometric means of these counts estimate the local ratio of pool to
       ``X`` density on each side. A pool point's vote for ``s`` counts only
       if its ratio is at most ``support_ratio`` times that of ``s``: it must
       be covered by ``X`` about as densely as ``s``'s own neighbourhood is.
       Comparing with the sample voted for, not with a global value, keeps a
       rare class's whole region (its samples are sparse too) while it drops
       an absent class next to a crowded one. Counts are taken among
       ``n_references`` pool points (one is added on both sides, so no count
       is zero).
    4. **Support test, per region.** The pool is split into regions of about
       ``region_size`` points (two Lloyd iterations of k-means). A region's
       votes count only if at least ``region_pass_fraction`` of them pass
       the per-sample test: an absent class's region fails as a whole,
       including its points at the border with a present class, which pass
       the per-sample test about as often as points of a rare present class
       do.
       If you know what share of the pool the set's classes make up,
       ``pool_share`` lowers the tests' threshold for each set until no
       more than that share of the votes pass.
    5. **Weight caps.** The largest weights are capped just enough that
       Kish's effective sample size is at least ``min_ess_fraction`` of the
       samples, so that a few samples never carry the whole weight; an
       optional cap, ``max_weight_ratio`` times the median positive weight,
       bounds every weight relative to the typical one.

    Parameters
    ----------
    n_neighbors : int, default=3
        Which neighbour of a sample sets its cell scale ``r_s``.
    adaptivity : float, default=1.0
        Exponent of ``r_s`` in the cell assignment; 0 gives plain Voronoi
        cells, 1 cells proportional to the local spacing of ``X``.
    n_votes : int, default=3
        Samples each pool point shares its vote between (at most the number
        of samples); 1 gives one vote to the adaptive-nearest sample.
    n_candidates : int or "all", default=32
        Locality of the cells: a pool point votes only among its
        ``n_candidates`` nearest samples (in plain distance), so that one
        isolated sample with a large scale cannot collect distant pool
        regions. ``"all"`` lets every sample compete (exact adaptive cells;
        slower).
    support_ratio : float or None, default=2.0
        Threshold of the per-sample support test: how many times more
        sparsely than the sample it votes for a pool point may be covered by
        ``X``. Larger keeps more of the pool. ``None`` turns both support
        tests off: every pool point votes.
    n_support_neighbors : int, default=8
        Neighbours whose distances the support test counts within (1 uses
        the nearest alone; more give a steadier statistic). Capped at the
        number of other samples.
    n_references : int, default=2000
        Pool points, drawn with ``random_state``, among which the support
        test counts (the whole pool when it is smaller).
    region_size : int or None, default=40
        Pool points per region of the region test: the pool gets
        ``n_pool_samples // region_size`` regions (at most 1,000).
        ``None``, or a pool of fewer than ``2 * region_size`` points, turns
        the region test off.
    region_pass_fraction : float, default=0.4
        Share of a region's votes that must pass the per-sample support test
        for any of them to count.
    pool_share : float in (0, 1] or None, default=None
        The share of the pool taken by the classes of the set to weight, if
        you know it (e.g. 0.2 for a subset holding 2 of the pool's 10 equally
        common classes). Given, the support tests' threshold is lowered from
        ``support_ratio`` (which must then not be ``None``), for each set
        weighted, until no more than that share of the pool's votes pass
        both tests: the smallest threshold at which ``pool_share`` of them
        do, if that is below ``support_ratio``. It helps where classes absent
        from the set look like present ones, whose votes a fixed threshold
        lets through. A share too high changes little (the test is never
        looser than with ``support_ratio`` alone), one too low drops votes
        of present classes too. Only weighting uses it, so
        ``set_params(pool_share=...)`` on a fitted balancer applies to the
        next set weighted.
    max_weight_ratio : float or None, default=None
        Cap on a weight relative to the median positive weight, applied
        before the ESS floor; ``None`` disables it. Balancing a class at share
        ``p`` of two takes weights ``(1 - p) / p`` times the other class's (9
        at 10%, 19 at 5%), so a cap below that keeps such a class
        under-weighted.
    min_ess_fraction : float in (0, 1] or None, default=0.25
        Floor on Kish's effective sample size ``(sum w)^2 / sum w^2`` as a
        fraction of the number of samples, reached by capping the largest
        weights; weights that meet it are unchanged, and when fewer samples
        than that have a positive weight, all positive weights become equal.
        Perfectly balanced weights of a class at share ``p`` of two have ESS
        ``4 p (1 - p)`` (0.36 at 10%, 0.19 at 5%): for minorities of a few
        percent lower it, or set it to ``None`` to disable the floor.
    transformer : transformer object, default=None
        Fitted on the pool and applied to every ``X`` (e.g. ``PCA(50)`` or
        :class:`~skbalance.feature_extraction.ImageScatteringFeatures`).
    random_state : int, RandomState instance or None, default=None
        Draws the support test's references and the regions' initial centres.
    n_jobs : int or None, default=None
        Threads over row batches of the pool and of the samples (``None``:
        one; ``-1``: all cores). BLAS threads each batch's GEMMs either way.
    verbose : int, default=0
        Progress of the passes over the pool on stderr: about every 10% with
        1, every batch with 2. A dask pool is computed by dask: use
        ``dask.diagnostics.ProgressBar`` there.

    Attributes
    ----------
    pool_ : ndarray or dask array of shape (n_pool_samples, n_components)
        The (transformed) pool; every point is a voter. A dask pool stays
        lazy and votes block by block.
    references_ : ndarray of shape (n_references, n_components)
        The pool points the support test counts among.
    region_centers_ : ndarray of shape (n_regions, n_components) or None
        Centres of the pool's regions; a pool point's region is its nearest
        centre (``None`` when the region test is off). Two Lloyd iterations
        from random pool points, on a sample of a large or dask pool.
    pool_regions_ : ndarray of shape (n_pool_samples,) or None
        Each pool point's region, for an in-memory pool (``None`` for a dask
        pool, whose blocks are assigned when weighting, or without regions).
    center_ : ndarray of shape (n_components,)
        Coordinate-wise median of the references; distances are computed on
        data centred there, which keeps float32 arithmetic accurate and an
        outlying pool point from spoiling it.
    unit_ : float
        1, or the power of two that data of extreme magnitude are divided
        by (see :class:`~skbalance.base.BaseBalancer`).
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
    default_balancer : The recommended configuration, with a representation for images.

    Notes
    -----
    Cost: :meth:`fit` runs two Lloyd iterations on (a sample of) the pool
    and assigns each pool point its region (three GEMMs against the region
    centres). Weighting takes two GEMMs over the pool,
    against ``X`` (the votes) and against the references (the support
    test), in row batches within ``sklearn.get_config()["working_memory"]``,
    in the pool's dtype (float32 stays float32) on centred data; the rest
    is linear in the batch size.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import AdaptiveVoronoiBalancer
    >>> from skbalance.metrics import weighted_class_distribution
    >>> rng = np.random.RandomState(0)
    >>> pool = np.r_[rng.normal(0, 1, size=(500, 2)), rng.normal(6, 1, size=(500, 2))]
    >>> subset = np.r_[rng.normal(0, 1, size=(180, 2)), rng.normal(6, 1, size=(20, 2))]
    >>> y = np.r_[np.zeros(180), np.ones(20)]
    >>> balancer = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    >>> w = balancer.compute_sample_weight(subset)
    >>> {k: round(v, 2) for k, v in weighted_class_distribution(y, w).items()}
    {0.0: 0.5, 1.0: 0.5}
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "n_neighbors": [Interval(Integral, 1, None, closed="left")],
        "adaptivity": [Interval(Real, 0, None, closed="left")],
        "n_votes": [Interval(Integral, 1, None, closed="left")],
        "n_candidates": [
            Interval(Integral, 1, None, closed="left"),
            StrOptions({"all"}),
        ],
        "support_ratio": [Interval(Real, 0, None, closed="neither"), None],
        "n_support_neighbors": [Interval(Integral, 1, None, closed="left")],
        "n_references": [Interval(Integral, 1, None, closed="left")],
        "region_size": [Interval(Integral, 1, None, closed="left"), None],
        "region_pass_fraction": [Interval(Real, 0, 1, closed="right")],
        "pool_share": [Interval(Real, 0, 1, closed="right"), None],
        "max_weight_ratio": [Interval(Real, 1, None, closed="left"), None],
        "min_ess_fraction": [Interval(Real, 0, 1, closed="right"), None],
        "random_state": ["random_state"],
        "n_jobs": [Integral, None],
        "verbose": ["verbose"],
    }

    _supports_dask_pool = True
    _rescales_extreme_magnitudes = True

    def __init__(
        self,
        n_neighbors=3,
        adaptivity=1.0,
        n_votes=3,
        n_candidates=32,
        support_ratio=2.0,
        n_support_neighbors=8,
        n_references=2000,
        region_size=40,
        region_pass_fraction=0.4,
        pool_share=None,
        max_weight_ratio=None,
        min_ess_fraction=0.25,
        transformer=None,
        random_state=None,
        n_jobs=None,
        verbose=0,
    ):
        super().__init__(transformer=transformer)
        self.n_neighbors = n_neighbors
        self.adaptivity = adaptivity
        self.n_votes = n_votes
        self.n_candidates = n_candidates
        self.support_ratio = support_ratio
        self.n_support_neighbors = n_support_neighbors
        self.n_references = n_references
        self.region_size = region_size
        self.region_pass_fraction = region_pass_fraction
        self.pool_share = pool_share
        self.max_weight_ratio = max_weight_ratio
        self.min_ess_fraction = min_ess_fraction
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.verbose = verbose

    # ----------------------------------------------------------------- fit
    def _keeps_pool(self, Z):
        return True

    def _fit(self, Z):
        self._check_pool_share()
        # A dask pool stays lazy: its blocks vote in compute_sample_weight.
        self.pool_ = Z
        self.references_ = sample_rows(self.pool_, self.n_references, self.random_state)
        self.center_ = robust_center(self.references_)
        self.region_centers_ = self._fit_regions(self.pool_)
        # An in-memory pool's regions are found once here; a dask pool's block by block.
        lazy = self.region_centers_ is None or is_dask_array(self.pool_)
        self.pool_regions_ = None if lazy else self._regions_of(self.pool_)

    def _fit_regions(self, pool):
        """Centres of regions of about ``region_size`` pool points (``None``: test off).

        Two Lloyd iterations from random points of (a sample of) the pool.
        """
        if self.support_ratio is None or self.region_size is None:
            return None
        n_regions = min(pool.shape[0] // self.region_size, _MAX_REGIONS)
        if n_regions < 2:
            return None
        n_points = max(_REGION_POINTS, _POINTS_PER_REGION * n_regions)
        points = sample_rows(pool, n_points, self.random_state)
        return lloyd_centers(
            points,
            n_regions,
            _REGION_ITERATIONS,
            self.center_,
            random_state=self.random_state,
            n_jobs=self.n_jobs,
        )

    def _regions_of(self, pool):
        """Each row's region: the index of its nearest region centre."""
        return nearest_centers(pool, self.region_centers_, self.center_, self.n_jobs)

    # -------------------------------------------------------------- weights
    def coverage(self, X):
        """Share of each pool point's vote that counts when weighting ``X``.

        1 where the pool point passes both support tests for all the
        samples it votes for, 0 where it fails them (e.g. a class that
        ``X`` lacks). The weights of ``X`` are the votes this coverage keeps:
        a low mean coverage says that much of the pool is unlike ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The set to weight, as for :meth:`compute_sample_weight`.

        Returns
        -------
        coverage : ndarray of shape (n_pool_samples,), dtype float64
            Values in ``[0, 1]``, in the pool's row order.
        """
        Z = self._validated_transformed(X)
        if Z.shape[0] == 1:
            return np.ones(self.n_pool_samples_)
        _, passes = self._votes(self._to_unit(Z, "X"))
        return passes.mean(axis=1)

    def _compute_weights(self, Z):
        owners, passes = self._votes(Z)
        votes = np.bincount(owners[passes], minlength=Z.shape[0]) / owners.shape[1]
        if not votes.any():
            # No pool point passed the support test: no information, no reweighting.
            return np.ones(Z.shape[0])
        return cap_weights_to_ess(
            cap_weights(votes, self.max_weight_ratio), self.min_ess_fraction
        )

    def _check_pool_share(self):
        """``pool_share`` (it may be set after fit) must be usable."""
        if self.pool_share is None:
            return
        validate_params(self)  # fit's check, for a pool_share set after fit
        if self.support_ratio is None:
            raise ValueError(
                "pool_share sets the support test's threshold, but support_ratio=None "
                "turns the test off; set support_ratio to a number, or pool_share=None."
            )

    def _votes(self, Z):
        """Every pool point's owners among ``Z`` and which of its votes count.

        Returns ``owners`` and ``passes``, both of shape ``(n_pool, n_votes)``.
        """
        self._check_pool_share()
        sample_distances, sample_density = self._sample_statistics(Z)
        scales = self._cell_scales(sample_distances)
        args = (Z, scales, sample_density)
        if is_dask_array(self.pool_):
            blocks = map_row_blocks(self._block_votes, self.pool_, *args)
            owners, passes, regions = _concatenate_blocks(blocks)
        else:
            owners, passes, regions = self._block_votes(
                self.pool_, *args, pool_regions=self.pool_regions_
            )
        if self.pool_share is not None:  # passes holds each vote's ratio
            return owners, self._share_passes(passes, regions)
        if regions is not None:
            passes = self._region_passes(passes, regions)
        return owners, passes

    def _n_radii(self, Z):
        """Radii of the support test: ``n_support_neighbors``, at most the others."""
        return min(self.n_support_neighbors, Z.shape[0] - 1)

    def _sample_statistics(self, Z):
        """Each sample's nearest-neighbour distances and its pool density statistic.

        Returns ``distances`` of shape ``(n_samples, k)``, column ``j`` the
        distance to the ``(j + 1)``-th nearest other sample (``k`` covers the
        cell scale, ``n_neighbors``, and the support test's radii,
        ``n_support_neighbors``, at most the other samples), and ``density``
        of shape ``(n_samples,)``: the geometric mean of ``1 + count`` over
        the radii, ``count`` the references strictly within one (``None``
        without the support test). One GEMM per row batch against the samples
        and the references side by side.
        """
        n_samples = Z.shape[0]
        n_radii = 0 if self.support_ratio is None else self._n_radii(Z)
        k = min(max(self.n_neighbors, n_radii), n_samples - 1)
        targets = self._targets(Z, Z.dtype, n_samples, with_references=n_radii > 0)

        def batch_statistics(rows):
            batch, norms = shifted_rows(Z[rows], self.center_, Z.dtype)
            partial = batch @ targets.T
            own = partial[:, :n_samples]
            own[np.arange(own.shape[0]), np.arange(rows.start, rows.stop)] = -np.inf
            nearest = np.sort(np.partition(own, k, axis=1)[:, : k + 1], axis=1)
            squared = nearest[:, 1:] + norms[:, None]  # the sample itself dropped
            distances = np.sqrt(np.maximum(squared, 0))
            if not n_radii:
                return distances, None
            radii = distances[:, :n_radii]
            return distances, _counts_within(partial[:, n_samples:], norms, radii)

        batches = self._row_batches(n_samples, targets.shape[0], Z.dtype.itemsize)
        distances, counts = zip(*map_batches(batch_statistics, batches, self.n_jobs))
        density = None if not n_radii else _geometric_mean(np.concatenate(counts) + 1.0)
        return np.concatenate(distances), density

    def _cell_scales(self, sample_distances):
        """``r_s ** adaptivity``, ``r_s`` the ``n_neighbors``-th neighbour distance.

        Zero spacings (duplicate samples) are floored at a thousandth of the
        smallest positive one.
        """
        scales = sample_distances[
            :, min(self.n_neighbors, sample_distances.shape[1]) - 1
        ]
        positive = scales[scales > 0]
        floor = positive.min() * 1e-3 if positive.size else 1.0
        return np.maximum(scales, floor) ** self.adaptivity

    def _row_batches(self, n_rows, n_columns, itemsize):
        """Row batches whose distance blocks (and temporaries) fit in working_memory."""
        return row_batches(n_rows, 3 * itemsize * n_columns + 16 * self.n_votes)

    def _targets(self, Z, dtype, n_columns, with_references):
        """GEMM targets: the samples (padded to ``n_columns``), then the references.

        Rows ``[-2 (t - center), ||t - center||^2]`` in ``dtype`` (see
        :func:`~skbalance.utils._gemm.shifted_targets`); the references only
        ``with_references`` (the support test).
        """
        targets = shifted_targets(Z, self.center_, dtype, n_columns)
        if not with_references:
            return targets
        references = shifted_targets(self.references_, self.center_, dtype)
        return np.concatenate([targets, references])

    def _block_votes(self, pool, Z, scales, sample_density, pool_regions=None):
        """One block of pool rows: owners, which votes pass the sample test, regions.

        Returns ``owners`` and ``passes`` of shape ``(n_rows, n_votes)`` and
        ``regions`` of shape ``(n_rows,)`` (``None`` without the region test):
        the rows of ``pool_regions`` when given, else predicted. Per row batch
        (in ``n_jobs`` threads) one GEMM against the samples and the references
        side by side (see :mod:`skbalance.utils._gemm`).
        """
        n_radii = 0 if sample_density is None else self._n_radii(Z)
        n_samples = Z.shape[0]
        n_votes = min(self.n_votes, n_samples)
        if self.n_candidates == "all":
            n_candidates = n_samples
        else:
            n_candidates = min(max(self.n_candidates, n_votes, n_radii), n_samples)
        # The samples' columns are padded to a multiple of n_candidates.
        n_columns = -(-n_samples // n_candidates) * n_candidates
        targets = self._targets(
            Z, pool.dtype, n_columns, with_references=sample_density is not None
        )

        def batch_votes(rows):
            block = pool[rows]
            batch, norms = shifted_rows(block, self.center_, pool.dtype)
            partial = batch @ targets.T  # ||p - t||^2 - ||p||^2
            owners, radii = self._owners_and_radii(
                partial[:, :n_columns], norms, scales, n_candidates, n_votes, n_radii
            )
            if sample_density is None:
                passes = np.ones(owners.shape, dtype=bool)
            elif self.pool_share is not None:  # each vote's ratio: the test comes later
                density = _density_of_rows(
                    partial[:, n_columns:], _thresholds(norms, radii, partial.dtype)
                )
                passes = density[:, None] / sample_density[owners]
            else:
                passes = _density_within(
                    partial[:, n_columns:],
                    _thresholds(norms, radii, partial.dtype),
                    self.support_ratio * sample_density[owners],
                )
            regions = None if pool_regions is None else pool_regions[rows]
            return owners, passes, regions

        if pool_regions is None and self.region_centers_ is not None:
            # A dask block: its regions in one call (per-call overhead, not per batch).
            pool_regions = self._regions_of(pool)

        batches = self._row_batches(
            pool.shape[0], targets.shape[0], pool.dtype.itemsize
        )
        return _concatenate_blocks(map_batches(batch_votes, batches, self.n_jobs))

    def _owners_and_radii(self, partial, norms, scales, n_candidates, n_votes, n_radii):
        """Each row's ``n_votes`` owners and its ``n_radii`` nearest distances.

        ``partial`` holds ``||p - s||^2 - ||p||^2`` for the samples (padded
        columns last). Returns ``owners`` of shape ``(n_rows, n_votes)``,
        sorted by ``distance / scale`` (ties: lower sample index first), and
        ``radii`` of shape ``(n_rows, n_radii)``: the sorted distances to the
        nearest samples. Only each row's ``n_candidates`` plain-nearest
        samples compete.
        """
        n_samples = scales.shape[0]
        exact = self.n_candidates == "all"
        candidates = smallest_k(
            partial[:, :n_samples] if exact else partial, n_candidates
        )
        squared = np.take_along_axis(partial, candidates, axis=1) + norms[:, None]
        distances = np.sqrt(np.maximum(squared, 0))
        owners = _top_k(distances / scales[candidates], candidates, n_votes)
        if not n_radii:
            return owners, np.empty((partial.shape[0], 0))
        nearest = np.partition(distances, n_radii - 1, axis=1)[:, :n_radii]
        return owners, np.sort(nearest, axis=1).astype(np.float64, copy=False)

    def _share_passes(self, ratios, regions):
        """Which votes count when ``pool_share`` sets the tests' threshold.

        ``ratios`` holds each vote's ratio of the pool point's density
        statistic to its owner's: the vote passes the per-sample test at any
        ``support_ratio`` from that ratio up. The region test passes a region
        from the ratio at which ``region_pass_fraction`` of its votes pass. So
        each vote counts from the larger of the two on, and the threshold is
        the smallest that lets ``pool_share`` of all votes count, or
        ``support_ratio`` if that is smaller.
        """
        critical = ratios
        if regions is not None:
            critical = np.maximum(
                ratios, self._region_ratios(ratios, regions)[regions, None]
            )
        flat = critical.ravel()
        rank = int(np.ceil(self.pool_share * flat.size * (1 - 1e-12))) - 1
        threshold = min(np.partition(flat, rank)[rank], self.support_ratio)
        return critical <= threshold

    def _region_ratios(self, ratios, regions):
        """Per region, the least ``support_ratio`` at which its region test passes."""
        n_regions = self.region_centers_.shape[0]
        n_votes = ratios.shape[1]
        sizes = np.bincount(regions, minlength=n_regions) * n_votes
        order = np.lexsort((ratios.ravel(), np.repeat(regions, n_votes)))
        ordered = ratios.ravel()[order]
        starts = np.cumsum(sizes) - sizes
        # The region passes once region_pass_fraction of its votes do.
        need = np.ceil(self.region_pass_fraction * sizes * (1 - 1e-12)).astype(np.intp)
        critical = np.full(n_regions, np.inf)
        used = sizes > 0
        critical[used] = ordered[starts[used] + np.maximum(need[used], 1) - 1]
        return critical

    def _region_passes(self, passes, regions):
        """``passes`` without the votes of regions where too few of them pass.

        A region keeps its votes where at least ``region_pass_fraction`` pass.
        """
        n_regions = self.region_centers_.shape[0]
        sizes = np.bincount(regions, minlength=n_regions)
        shares = np.bincount(
            regions, weights=passes.mean(axis=1), minlength=n_regions
        ) / np.maximum(sizes, 1)
        return passes & (shares[regions] >= self.region_pass_fraction)[:, None]


def _thresholds(norms, radii, dtype):
    """Per-row bounds on ``partial`` (``||p - r||^2 - ||p||^2``) for ``radii``.

    Below a bound means strictly within the radius: a reference at a radius
    (up to rounding, ``_TIE_RTOL``) is not within it.
    """
    squared_radii = np.asarray(radii, dtype=np.float64) ** 2 * (1 - _TIE_RTOL)
    return (squared_radii - norms[:, None]).astype(dtype)


def _counts_below(partial, thresholds):
    """``(n_rows, m)``: per row, the entries of ``partial`` below each of its bounds."""
    counts = np.empty(thresholds.shape, dtype=np.intp)
    for j in range(thresholds.shape[1]):
        counts[:, j] = row_counts(partial < thresholds[:, j : j + 1])
    return counts


def _counts_within(partial, norms, radii):
    """``(n_rows, m)``: per row, the references strictly within each of its ``m`` radii.

    ``partial`` holds ``||p - r||^2 - ||p||^2`` against the references.
    """
    return _counts_below(partial, _thresholds(norms, radii, partial.dtype))


def _density_within(partial, thresholds, limits):
    """``(n_rows, n_votes)``: whether each row's pool density is at most each limit.

    The pool density is the geometric mean of ``1 + count`` over the row's
    sorted ``thresholds`` (``count``: the references below it). It lies
    between its values at the first and the last threshold, so a row whose
    two extreme counts already put it below all its ``limits`` or above all
    of them is decided without counting at the others (with a relative
    margin far above the rounding of the geometric mean: the answer is the
    full computation's). Rows of an absent class, many references within
    their wide radii, are mostly decided so; the other rows count at every
    threshold among the entries below their last one (see
    :func:`_counts_below_sorted`).
    """
    below_last = partial < thresholds[:, -1:]
    low = _counts_below(partial, thresholds[:, :1])[:, 0] + 1.0
    high = row_counts(below_last) + 1.0
    below_all = high < limits.min(axis=1) * (1 - _DECIDED_RTOL)
    above_all = low > limits.max(axis=1) * (1 + _DECIDED_RTOL)
    passes = np.repeat(below_all[:, None], limits.shape[1], axis=1)
    open_rows = np.flatnonzero(~(below_all | above_all))
    if open_rows.size:
        density = _densities(partial, thresholds, below_last, high, open_rows)
        passes[open_rows] = density[:, None] <= limits[open_rows]
    return passes


def _density_of_rows(partial, thresholds):
    """``(n_rows,)``: each row's pool density (as in :func:`_density_within`)."""
    below_last = partial < thresholds[:, -1:]
    high = row_counts(below_last) + 1.0
    rows = np.arange(partial.shape[0])
    return _densities(partial, thresholds, below_last, high, rows)


def _densities(partial, thresholds, below_last, high, rows):
    """The pool density of ``rows``: geometric mean of ``1 + count`` per threshold.

    ``high`` is ``1 +`` each row's count below its last threshold, ``below_last``
    the entries that make it.
    """
    if np.sum(high[rows] - 1) <= partial.size // _GATHERED_SHARE:
        counts = _counts_below_sorted(partial, thresholds, below_last, rows)
    else:  # most entries to gather: one count per threshold is no slower
        counts = _counts_below(partial[rows], thresholds[rows])
    return _geometric_mean(counts + 1.0)


def _counts_below_sorted(partial, thresholds, below_last, rows):
    """``_counts_below(partial[rows], thresholds[rows])`` for sorted thresholds.

    ``below_last`` is ``partial < thresholds[:, -1:]``. Only the entries below
    a row's last (largest) threshold can be below any of them; those few are
    gathered once, and each counts at every threshold from the first one
    above it on: one pass over the mask instead of one count per threshold.
    """
    n_thresholds = thresholds.shape[1]
    # One flat index array (2-D np.nonzero is several times slower).
    row, column = np.divmod(np.flatnonzero(below_last[rows]), partial.shape[1])
    values = partial[rows[row], column]
    # Thresholds at or below each value: it counts at every later threshold.
    first = row_counts(thresholds[rows[row]] <= values[:, None])
    counts = np.bincount(
        row * n_thresholds + first, minlength=rows.size * n_thresholds
    ).reshape(rows.size, n_thresholds)
    return np.cumsum(counts, axis=1)


def _geometric_mean(values):
    """Row-wise geometric mean (one column: the column itself, so ties stay exact)."""
    return values[:, 0] if values.shape[1] == 1 else np.exp(np.log(values).mean(axis=1))


def _concatenate_blocks(blocks):
    """Stack per-block ``(owners, passes, regions)`` row-wise (``None`` stays)."""
    owners, passes, regions = zip(*blocks)
    return (
        np.concatenate(owners),
        np.concatenate(passes),
        None if regions[0] is None else np.concatenate(regions),
    )


def _top_k(ratios, indices, k):
    """Per row, the ``indices`` of the ``k`` smallest ``ratios``, sorted.

    Ties go to the smaller index.

    Ratios are compared at float32 precision, so that exact ties (e.g. a pool
    point that is a sample's ``n_neighbors``-th neighbour, ratio 1, for two
    samples) do not depend on float64 rounding, which varies with memory
    layout.
    """
    order = np.lexsort((indices, ratios.astype(np.float32)), axis=-1)[:, :k]
    return np.take_along_axis(indices, order, axis=1)
