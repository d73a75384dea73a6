"""Variants of the recommended balancer against its defaults, and where its 10%/90% error comes from.

The exploration behind the balancers page, as a script: each variant changes
one step of ``AdaptiveVoronoiBalancer`` by overriding one of its private
hooks (this is research code, not an API; the settings are class attributes,
so that ``clone`` keeps them) and is fitted with the balance-quality
benchmark's tasks, pools and subsets on splits 0 .. n-1, next to the
defaults. The report counts the task-splits meeting the target (balance error
<= 0.10 with ESS >= 0.20) on all nine tasks and on the 10%/90% tasks alone.

A second part labels every pool point of the default balancer by class (the
task's rare class, its common class, or a class absent from the subset) on
the 10%/90% tasks: how each group's votes fare (to samples of its own class,
to the other class, failing the support test), and an oracle that drops every
absent-class vote that passes (the labels are used only there, to diagnose).

Usage (from the repository root; without ``--mnist-dir`` MNIST is left out)::

    python benchmarks/variants.py --mnist-dir ../shared/data/mnist --output docs/results/variants.md
    python benchmarks/variants.py --mnist-dir ../shared/data/mnist --group caps --output docs/results/variants_caps.md
    python benchmarks/variants.py --mnist-dir ../shared/data/mnist --group parameters --output docs/results/variants_parameters.md
    python benchmarks/variants.py --mnist-dir ../shared/data/mnist --group earlier --output docs/results/variants_earlier.md
"""

import argparse
import sys
import time

import numpy as np
from scipy.sparse import coo_matrix
from sklearn.decomposition import PCA
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state

from _report import command_line, provenance, write_report  # benchmarks/ is on sys.path when a script runs
from balance_quality import TASKS, load, meets_target, task_splits
from skbalance import AdaptiveVoronoiBalancer
from skbalance.balancers._adaptive_voronoi import _count_votes
from skbalance.experiments import run_comparison
from skbalance.metrics import balance_error, effective_sample_size

DATASETS = ("mnist", "digits", "synthetic")
RARE_TASKS = tuple(task for task in TASKS if "10%" in task.name)
#: Splits of the first column (all nine tasks): the protocol of the balancers page's "162 task-splits".
FIRST_SPLITS = 6


class _PoolNeighbours(AdaptiveVoronoiBalancer):
    """Keeps each pool point's ``n_pool_neighbours`` nearest other pool points (``pool_neighbours_``)."""

    n_pool_neighbours = 10

    def _fit(self, Z):
        super()._fit(Z)
        nn = NearestNeighbors(n_neighbors=self.n_pool_neighbours + 1).fit(self.pool_)
        self.pool_neighbours_ = nn.kneighbors(self.pool_, return_distance=False)[:, 1:]

    def _neighbour_pass_share(self, passes):
        """Per pool point: the share of its pool neighbours' votes that pass the per-sample test."""
        return passes.mean(axis=1)[self.pool_neighbours_].mean(axis=1)


class PointRegions(_PoolNeighbours):
    """Region test on each pool point's own nearest pool points instead of k-means regions."""

    on_top = False  # True: on top of the k-means region test

    def _region_passes(self, passes, regions):
        own = passes & (self._neighbour_pass_share(passes) >= self.region_support)[:, None]
        return super()._region_passes(own, regions) if self.on_top else own


class FillHoles(_PoolNeighbours):
    """A failing vote counts when at least ``fill`` of the pool point's neighbours' votes pass."""

    fill = 0.7

    def _region_passes(self, passes, regions):
        filled = passes | (self._neighbour_pass_share(passes) >= self.fill)[:, None]
        return super()._region_passes(filled, regions)


class GenerousToSparse(AdaptiveVoronoiBalancer):
    """Support threshold ``count(s) * (count(s) / median count) ** delta``: larger for sparse samples."""

    delta = 0.25

    def _sample_counts(self, Z, gaps):
        counts = super()._sample_counts(Z, gaps)
        return counts * (counts / np.median(counts)) ** self.delta


def _outlyingness(points, Z, neighbours):
    """Distance from each point to the centroid of its samples ``Z[neighbours]``, over the mean distance to them."""
    samples = Z[neighbours]
    to_centroid = ((points - samples.mean(axis=1)) ** 2).sum(axis=1)
    to_samples = ((points[:, None, :] - samples) ** 2).sum(axis=2).mean(axis=1)
    return np.sqrt(to_centroid / np.maximum(to_samples, np.finfo(float).tiny))


class Outlyingness(AdaptiveVoronoiBalancer):
    """A pool point's outlyingness from its 8 nearest samples, relative to the samples' median.

    ``beta`` adds ``beta * log(relative outlyingness)`` to the test's log-count
    statistic; with ``tau`` set instead, a vote also needs a relative
    outlyingness of at most ``tau``.
    """

    k_out, beta, tau = 8, 1.0, None

    def _passing_votes(self, Z):
        self._samples = np.asarray(Z, dtype=np.float64)
        k = min(self.k_out, Z.shape[0] - 1)
        self._sample_nn = NearestNeighbors(n_neighbors=k).fit(self._samples)
        own = NearestNeighbors(n_neighbors=k + 1).fit(self._samples).kneighbors(return_distance=False)
        self._typical = np.median(_outlyingness(self._samples, self._samples, own[:, :k]))
        return super()._passing_votes(Z)

    def _supported_votes(self, pool, owners, reach, sample_counts):
        points = np.asarray(pool, dtype=np.float64)
        relative = _outlyingness(points, self._samples, self._sample_nn.kneighbors(points, return_distance=False))
        relative /= self._typical
        if self.tau is not None:
            return super()._supported_votes(pool, owners, reach, sample_counts) & (relative <= self.tau)[:, None]
        # The test's statistic, log(count(p) / count(s)), plus beta * log(relative outlyingness).
        pool_counts = self._support_counts(pool, reach)
        return (pool_counts * relative**self.beta)[:, None] <= self.support * sample_counts[owners]


class FailingVotes(AdaptiveVoronoiBalancer):
    """A sample's passing votes lowered (``lam > 0``) or raised (``lam < 0``) by ``lam`` times its failing ones.

    With ``gamma``, multiplied by (passing share) ** gamma instead.
    """

    lam, gamma = 0.1, 0.0

    def _compute_weights(self, Z):
        owners, passes = self._passing_votes(Z)
        passing = _count_votes(owners, passes, Z.shape[0])
        failing = _count_votes(owners, ~passes, Z.shape[0])
        votes = np.maximum(passing - self.lam * failing, 0)
        if self.gamma:
            votes = votes * (passing / np.maximum(passing + failing, np.finfo(float).tiny)) ** self.gamma
        return self._weights_from_votes(votes)


class RatioGate(AdaptiveVoronoiBalancer):
    """A pool point's vote shared only among owners whose ``||p - s|| / r_s`` is within ``gate`` times its best.

    The other shares go to the best owner.
    """

    gate = 2.0

    def _assign(self, pool, Z, scales, n_votes=1, n_candidates=None, k_reach=1):
        owners, reach = super()._assign(pool, Z, scales, n_votes, n_candidates, k_reach)
        if owners.shape[1] > 1:
            distance = np.linalg.norm(np.asarray(pool, dtype=np.float64)[:, None, :] - Z[owners], axis=2)
            ratios = distance / scales[owners]
            owners = np.where(ratios > self.gate * ratios[:, :1], owners[:, :1], owners)
        return owners, reach


def _weighted_median(values, weights):
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return values[order][np.searchsorted(cumulative, 0.5 * cumulative[-1])]


class CoVoteSmoothing(AdaptiveVoronoiBalancer):
    """Each weight against the weighted median of the votes of the samples it shares passing votes with.

    Link weight: the number of pool points whose passing votes go to both;
    the sample itself counts with its strongest link's weight. ``cap``: a cap
    at ``cap`` times that median; ``None``: the median is the weight.
    """

    cap = 2.0

    def _compute_weights(self, Z):
        owners, passes = self._passing_votes(Z)
        n = Z.shape[0]
        votes = _count_votes(owners, passes, n)
        if not votes.any():
            return self._weights_from_votes(votes)
        pairs = [
            (owners[both, a], owners[both, b])
            for a in range(owners.shape[1])
            for b in range(owners.shape[1])
            if a != b
            for both in [passes[:, a] & passes[:, b]]
        ]
        rows, columns = (np.concatenate(side) for side in zip(*pairs))
        links = coo_matrix((np.ones(rows.size), (rows, columns)), shape=(n, n)).tocsr()
        median = votes.copy()
        for s in range(n):
            linked = slice(links.indptr[s], links.indptr[s + 1])
            if links.indices[linked].size:
                strength = links.data[linked]
                median[s] = _weighted_median(
                    np.r_[votes[links.indices[linked]], votes[s]], np.r_[strength, strength.max()]
                )
        weights = np.where(votes > 0, median, 0) if self.cap is None else np.minimum(votes, self.cap * median)
        return self._weights_from_votes(weights)


class SelfRestricted(AdaptiveVoronoiBalancer):
    """The support test counts only the support references that pass it themselves (a first pass)."""

    def _passing_votes(self, Z):
        spacing = self._subset_spacing(Z)
        references = self.support_references_
        k_reach, gaps = self._support_gaps(spacing)
        owners, reach = self._assign(references, Z, self._cell_scales(spacing), self.n_votes, self.n_candidates, k_reach)
        counts = self._sample_counts(Z, gaps)
        kept = self._supported_votes(references, owners, reach, counts).mean(axis=1) >= 0.5
        if kept.sum() < 10:
            return super()._passing_votes(Z)
        self.support_references_ = references[kept]
        try:
            return super()._passing_votes(Z)
        finally:
            self.support_references_ = references


def _sample_neighbours(Z, m):
    """Indices of each sample's ``m`` nearest other samples (fewer in a small subset)."""
    m = min(m, Z.shape[0] - 1)
    return NearestNeighbors(n_neighbors=m + 1).fit(Z).kneighbors(Z, return_distance=False)[:, 1:]


class RatioEstimateCap(AdaptiveVoronoiBalancer):
    """Each sample's votes capped at ``cap`` times its k-NN ratio estimate.

    The estimate: ``n_pool * (count(s) + 1) / (n_references * k)``, the pool
    mass of a cell holding one of the ``k`` samples within the sample's
    k-th neighbour distance (``k = n_neighbors``).
    """

    cap = 3.0

    def _compute_weights(self, Z):
        owners, passes = self._passing_votes(Z)
        votes = _count_votes(owners, passes, Z.shape[0])
        k, gap = self._nth_gap(self._subset_spacing(Z))
        counts = self._support_counts(Z, gap)
        estimate = self.pool_.shape[0] * counts / (self.support_references_.shape[0] * k)
        return self._weights_from_votes(np.minimum(votes, self.cap * estimate))


class CappedScales(AdaptiveVoronoiBalancer):
    """A sample's cell scale (``what="cells"``) or support radius (``"support"``) capped locally.

    The cap: ``cap`` times the median of the same quantity over the sample's
    ``m`` nearest samples; against isolated samples that collect absent classes.
    """

    what, cap, m = "cells", 1.5, 8

    def _local_cap(self, values):
        return np.minimum(values, self.cap * np.median(values[self._neighbours], axis=1))

    def _subset_spacing(self, Z):
        self._neighbours = _sample_neighbours(Z, self.m)
        return super()._subset_spacing(Z)

    def _cell_scales(self, spacing):
        scales = super()._cell_scales(spacing)
        return self._local_cap(scales) if self.what == "cells" else scales

    def _sample_counts(self, Z, gaps):
        return super()._sample_counts(Z, self._local_cap(gaps) if self.what == "support" else gaps)


class LocalCap(AdaptiveVoronoiBalancer):
    """Each sample's votes against the largest (``stat="max"``) or median votes of its ``m`` nearest samples.

    A cap at ``cap`` times that statistic (none where it is 0); with ``cap=None`` (median only),
    the median of the sample's own and its neighbours' votes is the weight.
    """

    stat, cap, m = "max", 2.0, 5

    def _compute_weights(self, Z):
        owners, passes = self._passing_votes(Z)
        votes = _count_votes(owners, passes, Z.shape[0])
        neighbours = _sample_neighbours(Z, self.m)
        if self.cap is None:
            median = np.median(np.c_[votes, votes[neighbours]], axis=1)
            return self._weights_from_votes(np.where(votes > 0, median, 0))
        local = votes[neighbours].max(axis=1) if self.stat == "max" else np.median(votes[neighbours], axis=1)
        # Neighbours without votes say nothing about the sample's: no cap there.
        return self._weights_from_votes(np.where(local > 0, np.minimum(votes, self.cap * local), votes))


class Redistribute(AdaptiveVoronoiBalancer):
    """What the caps take from a weight goes to the sample's ``m`` nearest samples, in equal parts.

    With ``smooth=True`` instead, every weight becomes the mean of its own
    and its ``m`` nearest samples' capped weights.
    """

    m, smooth = 3, False

    def _compute_weights(self, Z):
        owners, passes = self._passing_votes(Z)
        votes = _count_votes(owners, passes, Z.shape[0])
        weights = self._weights_from_votes(votes)
        if not votes.any():
            return weights
        neighbours = _sample_neighbours(Z, self.m)
        if self.smooth:
            return np.c_[weights, weights[neighbours]].mean(axis=1)
        # The caps keep the vote scale, so the excess is in votes too.
        excess = np.maximum(votes - weights, 0)
        return weights + np.bincount(
            neighbours.ravel(), weights=np.repeat(excess / neighbours.shape[1], neighbours.shape[1]),
            minlength=Z.shape[0],
        )


class CoarseCoverage(AdaptiveVoronoiBalancer):
    """A vote counts only if its coarse k-means region (``coverage_size`` pool points) holds ``min_samples`` samples."""

    coverage_size, min_samples = 200, 2

    def _fit(self, Z):
        super()._fit(Z)
        region_size, self.region_size = self.region_size, self.coverage_size
        try:
            self._coarse = self._fit_regions(self.pool_)
        finally:
            self.region_size = region_size
        self._coarse_pool = self._coarse.predict(self.pool_)

    def _passing_votes(self, Z):
        owners, passes = super()._passing_votes(Z)
        n_regions = self._coarse.cluster_centers_.shape[0]
        covered = np.bincount(self._coarse.predict(Z), minlength=n_regions) >= self.min_samples
        return owners, passes & covered[self._coarse_pool][:, None]


class VoteAgreement(AdaptiveVoronoiBalancer):
    """A pool point's votes count only if at least ``agree`` of them pass, before or after the region test."""

    agree, after = 2, False

    def _agreed(self, passes):
        return passes & (passes.sum(axis=1) >= self.agree)[:, None]

    def _region_passes(self, passes, regions):
        if self.after:
            return self._agreed(super()._region_passes(passes, regions))
        return super()._region_passes(self._agreed(passes), regions)


class BaggedRegions(AdaptiveVoronoiBalancer):
    """Votes averaged over ``n_draws`` draws of the k-means regions (the first is the fitted one)."""

    n_draws = 3

    def _fit(self, Z):
        super()._fit(Z)
        seeds = check_random_state(self.random_state).randint(np.iinfo(np.int32).max, size=self.n_draws - 1)
        self._draws = [(self.regions_, self.pool_regions_)]
        if self.regions_ is None or self.pool_regions_ is None:
            return  # no region test (or a dask pool): nothing to draw
        random_state = self.random_state
        try:
            for seed in seeds:
                self.random_state = int(seed)
                regions = self._fit_regions(self.pool_)
                self._draws.append((regions, regions.predict(self.pool_)))
        finally:
            self.random_state = random_state

    def _compute_weights(self, Z):
        votes = np.zeros(Z.shape[0])
        try:
            for regions, pool_regions in self._draws:
                self.regions_, self.pool_regions_ = regions, pool_regions
                owners, passes = self._passing_votes(Z)
                votes += _count_votes(owners, passes, Z.shape[0])
        finally:
            self.regions_, self.pool_regions_ = self._draws[0]
        return self._weights_from_votes(votes / len(self._draws))


class SmoothedSupport(_PoolNeighbours):
    """A pool point's support count: the geometric mean over itself and its ``n_pool_neighbours`` nearest pool points."""

    n_pool_neighbours = 10

    def _passing_votes(self, Z):
        spacing = self._subset_spacing(Z)
        k_reach, gaps = self._support_gaps(spacing)
        scales = self._cell_scales(spacing)
        owners, reach = self._assign(self.pool_, Z, scales, self.n_votes, self.n_candidates, k_reach)
        counts = self._support_counts(self.pool_, reach)
        neighbours = self.pool_neighbours_[:, : self.n_pool_neighbours]
        products = np.prod(np.c_[counts, counts[neighbours]], axis=1)
        sample_counts = self._sample_counts(Z, gaps)
        passes = products[:, None] <= (self.support * sample_counts[owners]) ** (neighbours.shape[1] + 1)
        if self.pool_regions_ is not None:
            passes = self._region_passes(passes, self.pool_regions_)
        return owners, passes


class VoteRadius(AdaptiveVoronoiBalancer):
    """A vote for sample ``s`` also needs ``||p - s|| <= radius * r_s`` (``r_s``: its ``n_neighbors``-th neighbour distance)."""

    radius = 2.0

    def _passing_votes(self, Z):
        self._samples, self._gaps = Z, self._nth_gap(self._subset_spacing(Z))[1]
        return super()._passing_votes(Z)

    def _supported_votes(self, pool, owners, reach, sample_counts):
        distance = np.linalg.norm(np.asarray(pool, dtype=np.float64)[:, None, :] - self._samples[owners], axis=2)
        within = distance <= self.radius * self._gaps[owners]
        return super()._supported_votes(pool, owners, reach, sample_counts) & within


class RatioEstimateWeights(AdaptiveVoronoiBalancer):
    """The k-NN ratio estimate as the weight: ``count + 1`` of support references within the ``k``-th nearest other sample."""

    k = 3

    def _compute_weights(self, Z):
        k = min(self.k, Z.shape[0] - 1)
        spacing = NearestNeighbors(n_neighbors=k + 1).fit(Z).kneighbors(Z)[0][:, 1:]
        return self._weights_from_votes(self._sample_counts(Z, spacing[:, -1]))


class Sharpened(AdaptiveVoronoiBalancer):
    """The votes raised to ``power`` before the caps (``power > 1`` sharpens)."""

    power = 1.25

    def _weights_from_votes(self, votes):
        return super()._weights_from_votes(votes**self.power)


def variant(cls, params=None, **settings):
    """An unfitted ``cls`` with class-level ``settings`` (a subclass, so ``clone`` keeps them) and ``params``."""
    return type(cls.__name__, (cls,), settings)(**(params or {}))


#: name -> (what it changes, balancer); the defaults first.
VARIANTS = {
    "defaults": ("`AdaptiveVoronoiBalancer()`", lambda: AdaptiveVoronoiBalancer()),
    "point regions 20": ("region test on each pool point's 20 nearest pool points", lambda: variant(PointRegions, n_pool_neighbours=20)),
    "point regions 40": ("region test on each pool point's 40 nearest pool points", lambda: variant(PointRegions, n_pool_neighbours=40)),
    "point regions 40, 0.5": ("region test on each pool point's 40 nearest pool points, `region_support=0.5`", lambda: variant(PointRegions, {"region_support": 0.5}, n_pool_neighbours=40)),
    "point regions 40 + k-means": ("region test on each pool point's 40 nearest pool points, and the k-means one", lambda: variant(PointRegions, n_pool_neighbours=40, on_top=True)),
    "fill 0.5": ("a failing vote counts when ≥ 50% of its 10 nearest pool points' votes pass", lambda: variant(FillHoles, fill=0.5)),
    "fill 0.7": ("a failing vote counts when ≥ 70% of its 10 nearest pool points' votes pass", lambda: variant(FillHoles, fill=0.7)),
    "fill 0.9": ("a failing vote counts when ≥ 90% of its 10 nearest pool points' votes pass", lambda: variant(FillHoles, fill=0.9)),
    "sparse delta 0.25": ("support threshold × (count(s) / median) ** 0.25", lambda: variant(GenerousToSparse, delta=0.25)),
    "sparse delta 0.5": ("support threshold × (count(s) / median) ** 0.5", lambda: variant(GenerousToSparse, delta=0.5)),
    "outlyingness beta 1": ("+ log relative outlyingness (8 nearest samples) in the statistic", lambda: variant(Outlyingness, beta=1.0)),
    "outlyingness beta 2": ("+ 2 × log relative outlyingness (8 nearest samples) in the statistic", lambda: variant(Outlyingness, beta=2.0)),
    "outlyingness tau 1.5": ("a vote also needs a relative outlyingness (8 nearest samples) ≤ 1.5", lambda: variant(Outlyingness, tau=1.5)),
    "outlyingness tau 2": ("a vote also needs a relative outlyingness (8 nearest samples) ≤ 2", lambda: variant(Outlyingness, tau=2.0)),
    "failing -0.1": ("passing votes − 0.1 × failing votes", lambda: variant(FailingVotes, lam=0.1)),
    "failing -0.3": ("passing votes − 0.3 × failing votes", lambda: variant(FailingVotes, lam=0.3)),
    "failing share 1": ("passing votes × passing share", lambda: variant(FailingVotes, lam=0.0, gamma=1.0)),
    "failing share 2": ("passing votes × passing share²", lambda: variant(FailingVotes, lam=0.0, gamma=2.0)),
    "failing +0.05": ("passing votes + 0.05 × failing votes", lambda: variant(FailingVotes, lam=-0.05)),
    "failing +0.1": ("passing votes + 0.1 × failing votes", lambda: variant(FailingVotes, lam=-0.1)),
    "failing +0.2": ("passing votes + 0.2 × failing votes", lambda: variant(FailingVotes, lam=-0.2)),
    "ratio gate 1.5": ("vote shares only to owners within 1.5 × the best ratio", lambda: variant(RatioGate, gate=1.5)),
    "ratio gate 2": ("vote shares only to owners within 2 × the best ratio", lambda: variant(RatioGate, gate=2.0)),
    "ratio gate 3": ("vote shares only to owners within 3 × the best ratio", lambda: variant(RatioGate, gate=3.0)),
    "co-vote cap 1.5": ("weight capped at 1.5 × the co-voting samples' weighted median", lambda: variant(CoVoteSmoothing, cap=1.5)),
    "co-vote cap 2": ("weight capped at 2 × the co-voting samples' weighted median", lambda: variant(CoVoteSmoothing, cap=2.0)),
    "co-vote cap 3": ("weight capped at 3 × the co-voting samples' weighted median", lambda: variant(CoVoteSmoothing, cap=3.0)),
    "co-vote median": ("the co-voting samples' weighted median as the weight", lambda: variant(CoVoteSmoothing, cap=None)),
    "self-restricted": ("count only support references that pass themselves", lambda: variant(SelfRestricted)),
    "self-restricted, support 1.5": ("count only support references that pass themselves, `support=1.5`", lambda: variant(SelfRestricted, {"support": 1.5})),
    # Parameters only.
    "max_weight_ratio 20": ("`max_weight_ratio=20` (before the ESS floor)", lambda: AdaptiveVoronoiBalancer(max_weight_ratio=20)),
    "max_weight_ratio 50": ("`max_weight_ratio=50` (before the ESS floor)", lambda: AdaptiveVoronoiBalancer(max_weight_ratio=50)),
    "adaptivity 0.5": ("`adaptivity=0.5`", lambda: AdaptiveVoronoiBalancer(adaptivity=0.5)),
    "adaptivity 0.75": ("`adaptivity=0.75`", lambda: AdaptiveVoronoiBalancer(adaptivity=0.75)),
    "n_neighbors 2": ("`n_neighbors=2`", lambda: AdaptiveVoronoiBalancer(n_neighbors=2)),
    "n_votes 5": ("`n_votes=5`", lambda: AdaptiveVoronoiBalancer(n_votes=5)),
    "8000 references": ("`n_support_references=8000`", lambda: AdaptiveVoronoiBalancer(n_support_references=8000)),
    "PCA(0.8)": ("`transformer=PCA(0.8)`", lambda: AdaptiveVoronoiBalancer(transformer=PCA(0.8))),
}
#: The variants of ``--group parameters`` (the others override a hook: ``--group hooks``).
PARAMETER_VARIANTS = [
    "max_weight_ratio 20", "max_weight_ratio 50", "adaptivity 0.5", "adaptivity 0.75",
    "n_neighbors 2", "n_votes 5", "8000 references", "PCA(0.8)",
]
#: The variants of ``--group caps``: other caps of the weights, and coverage tests.
_CAPS = {
    "ratio-estimate cap 2": ("votes capped at 2 × the sample's k-NN ratio estimate", lambda: variant(RatioEstimateCap, cap=2.0)),
    "ratio-estimate cap 3": ("votes capped at 3 × the sample's k-NN ratio estimate", lambda: variant(RatioEstimateCap, cap=3.0)),
    "ratio-estimate cap 5": ("votes capped at 5 × the sample's k-NN ratio estimate", lambda: variant(RatioEstimateCap, cap=5.0)),
    "cell scale cap 1.2": ("cell scale capped at 1.2 × the median of its 8 nearest samples'", lambda: variant(CappedScales, cap=1.2)),
    "cell scale cap 1.5": ("cell scale capped at 1.5 × the median of its 8 nearest samples'", lambda: variant(CappedScales, cap=1.5)),
    "cell scale cap 2": ("cell scale capped at 2 × the median of its 8 nearest samples'", lambda: variant(CappedScales, cap=2.0)),
    "support radius cap 1.5": ("support-test radius of a sample capped at 1.5 × the median of its 8 nearest samples'", lambda: variant(CappedScales, what="support", cap=1.5)),
    "local max cap 1.5, 5": ("votes capped at 1.5 × the most votes among the 5 nearest samples", lambda: variant(LocalCap, cap=1.5, m=5)),
    "local max cap 2, 3": ("votes capped at 2 × the most votes among the 3 nearest samples", lambda: variant(LocalCap, cap=2.0, m=3)),
    "local max cap 2, 8": ("votes capped at 2 × the most votes among the 8 nearest samples", lambda: variant(LocalCap, cap=2.0, m=8)),
    "local median cap 2, 5": ("votes capped at 2 × the median votes of the 5 nearest samples", lambda: variant(LocalCap, stat="median", cap=2.0, m=5)),
    "local median cap 3, 10": ("votes capped at 3 × the median votes of the 10 nearest samples", lambda: variant(LocalCap, stat="median", cap=3.0, m=10)),
    "local median 5": ("the median votes of the sample and its 5 nearest samples as the weight", lambda: variant(LocalCap, stat="median", cap=None, m=5)),
    "redistribute 3": ("what the caps take goes to the 3 nearest samples", lambda: variant(Redistribute, m=3)),
    "redistribute 8": ("what the caps take goes to the 8 nearest samples", lambda: variant(Redistribute, m=8)),
    "smooth 3": ("each weight the mean of its own and its 3 nearest samples' (after the caps)", lambda: variant(Redistribute, m=3, smooth=True)),
    "coverage 100, 2": ("a vote counts only if its k-means region of ~100 pool points holds ≥ 2 samples", lambda: variant(CoarseCoverage, coverage_size=100, min_samples=2)),
    "coverage 200, 2": ("a vote counts only if its k-means region of ~200 pool points holds ≥ 2 samples", lambda: variant(CoarseCoverage, coverage_size=200, min_samples=2)),
    "coverage 400, 3": ("a vote counts only if its k-means region of ~400 pool points holds ≥ 3 samples", lambda: variant(CoarseCoverage, coverage_size=400, min_samples=3)),
    "agree 2": ("a pool point's votes count only if ≥ 2 of 3 pass the per-sample test (then the region test)", lambda: variant(VoteAgreement, agree=2)),
    "agree 3": ("a pool point's votes count only if all 3 pass the per-sample test (then the region test)", lambda: variant(VoteAgreement, agree=3)),
    "agree 2, after regions": ("a pool point's votes count only if ≥ 2 of 3 pass both tests", lambda: variant(VoteAgreement, agree=2, after=True)),
    "bagged regions 3": ("votes averaged over 3 draws of the k-means regions", lambda: variant(BaggedRegions, n_draws=3)),
    "bagged regions 7": ("votes averaged over 7 draws of the k-means regions", lambda: variant(BaggedRegions, n_draws=7)),
}
VARIANTS.update(_CAPS)
CAP_VARIANTS = list(_CAPS)
#: The variants of ``--group earlier``: measured in earlier rounds against earlier defaults, re-measured here.
_EARLIER = {
    "support 1.25": ("`support=1.25`", lambda: AdaptiveVoronoiBalancer(support=1.25)),
    "support 1.5": ("`support=1.5`", lambda: AdaptiveVoronoiBalancer(support=1.5)),
    "adaptivity 1.5": ("`adaptivity=1.5`", lambda: AdaptiveVoronoiBalancer(adaptivity=1.5)),
    "adaptivity 2": ("`adaptivity=2`", lambda: AdaptiveVoronoiBalancer(adaptivity=2.0)),
    "1000 references": ("`n_support_references=1000`", lambda: AdaptiveVoronoiBalancer(n_support_references=1000)),
    "16 candidates": ("`n_candidates=16`", lambda: AdaptiveVoronoiBalancer(n_candidates=16)),
    "exact cells": ("`n_candidates=None`: every sample competes for every pool point", lambda: AdaptiveVoronoiBalancer(n_candidates=None)),
    "no ESS floor": ("`min_ess_fraction=None`", lambda: AdaptiveVoronoiBalancer(min_ess_fraction=None)),
    "ESS floor 0.2": ("`min_ess_fraction=0.2`", lambda: AdaptiveVoronoiBalancer(min_ess_fraction=0.2)),
    "ESS floor 0.3": ("`min_ess_fraction=0.3`", lambda: AdaptiveVoronoiBalancer(min_ess_fraction=0.3)),
    "PCA(0.9)": ("`transformer=PCA(0.9)`", lambda: AdaptiveVoronoiBalancer(transformer=PCA(0.9))),
    "PCA(0.95)": ("`transformer=PCA(0.95)`", lambda: AdaptiveVoronoiBalancer(transformer=PCA(0.95))),
    "support_neighbors None": ("`support_neighbors=None`: support test on the counts at the 3rd neighbour alone", lambda: AdaptiveVoronoiBalancer(support_neighbors=None)),
    "support_neighbors 5": ("`support_neighbors=5`: geometric mean of the counts at the 1st-5th neighbour", lambda: AdaptiveVoronoiBalancer(support_neighbors=5)),
    "support_neighbors 12": ("`support_neighbors=12`: geometric mean of the counts at the 1st-12th neighbour", lambda: AdaptiveVoronoiBalancer(support_neighbors=12)),
    "smoothed support 10": ("a pool point's support count: geometric mean with its 10 nearest pool points'", lambda: variant(SmoothedSupport, n_pool_neighbours=10)),
    "vote radius 1": ("a vote also needs ‖p − s‖ ≤ r_s", lambda: variant(VoteRadius, radius=1.0)),
    "vote radius 1.5": ("a vote also needs ‖p − s‖ ≤ 1.5 r_s", lambda: variant(VoteRadius, radius=1.5)),
    "vote radius 2": ("a vote also needs ‖p − s‖ ≤ 2 r_s", lambda: variant(VoteRadius, radius=2.0)),
    "ratio estimate 3": ("the k-NN ratio estimate (3rd nearest other sample) as the weight", lambda: variant(RatioEstimateWeights, k=3)),
    "ratio estimate 8": ("the k-NN ratio estimate (8th nearest other sample) as the weight", lambda: variant(RatioEstimateWeights, k=8)),
    "sharpen 1.25": ("votes ** 1.25 before the caps", lambda: variant(Sharpened, power=1.25)),
}
VARIANTS.update(_EARLIER)
EARLIER_VARIANTS = list(_EARLIER)
#: ``--group candidates``: candidates for the defaults, and earlier defaults (``many_splits.py --variant``).
_CANDIDATES = {
    "previous defaults": (
        "the defaults before `support_neighbors=8, max_weight_ratio=None`: `support_neighbors=None, max_weight_ratio=20`",
        lambda: AdaptiveVoronoiBalancer(support_neighbors=None, max_weight_ratio=20),
    ),
}
VARIANTS.update(_CANDIDATES)
GROUPS = {
    "hooks": [
        name
        for name in VARIANTS
        if name != "defaults" and name not in [*PARAMETER_VARIANTS, *CAP_VARIANTS, *EARLIER_VARIANTS, *_CANDIDATES]
    ],
    "caps": CAP_VARIANTS,
    "earlier": EARLIER_VARIANTS,
    "candidates": list(_CANDIDATES),
    "parameters": PARAMETER_VARIANTS,
}


def met(records):
    return sum(map(meets_target, records))


def variant_rows(results, names):
    """One row per variant: task-splits meeting the target under the three protocols, and per dataset."""
    lines = []
    for name in names:
        mine = [r for records in results.values() for r in records[name]]
        first = [r for r in mine if r.seed < FIRST_SPLITS]
        rare = [r for r in mine if r.task in {t.name for t in RARE_TASKS}]
        errors = np.array([r.balance_error for r in mine])
        ess = np.array([r.ess_fraction for r in mine])
        per_dataset = " | ".join(f"{met(records[name])}/{len(records[name])}" for records in results.values())
        lines.append(
            f"| {name} | {VARIANTS[name][0]} | {met(first)}/{len(first)} | {met(rare)}/{len(rare)} "
            f"| {met(mine)}/{len(mine)} | {per_dataset} | {errors.mean():.3f} | {errors.max():.3f} | {ess.mean():.2f} |"
        )
    return "\n".join(lines)


def pool_point_fates(X, y, pool_fraction, seeds):
    """Default balancer, 10%/90% tasks: mean shares of each group's votes, rare share without leak, oracle."""
    shares, targets = [], {"defaults": [], "oracle": []}
    fitted = {}
    for seed, pool, task, subset in task_splits(y, seeds, pool_fraction, RARE_TASKS):
        if seed not in fitted:
            fitted[seed] = AdaptiveVoronoiBalancer(random_state=seed).fit(X[pool])
        balancer = fitted[seed]
        Z = balancer._apply_transformer(X[subset])
        owners, passes = balancer._passing_votes(Z)
        rare, common = task.fractions  # the 10% class comes first
        voted = y[subset][owners]
        row = []
        for cls in (rare, common):
            mask = y[pool] == cls
            own = passes[mask] & (voted[mask] == cls)
            other = passes[mask] & (voted[mask] != cls)
            row += [own.mean(), other.mean(), 1 - own.mean() - other.mean()]
        absent = ~np.isin(y[pool], [rare, common])
        row.append(passes[absent].mean())
        present = passes & ~absent[:, None]
        votes = _count_votes(owners, present, len(subset))
        row.append(votes[y[subset] == rare].sum() / votes.sum())
        shares.append(row)
        for name, mask in (("defaults", passes), ("oracle", present)):
            weights = balancer._weights_from_votes(_count_votes(owners, mask, len(subset)))
            error = balance_error(y[subset], weights, classes=list(task.fractions))
            targets[name].append(error <= 0.10 and effective_sample_size(weights) / len(subset) >= 0.20)
    return np.mean(shares, axis=0), {name: (sum(v), len(v)) for name, v in targets.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist-dir", default=None, help="MNIST folder; MNIST is left out without it")
    parser.add_argument("--data", nargs="+", choices=DATASETS, default=None, help="datasets (default: all three)")
    parser.add_argument("--n-splits", type=int, default=12, help="splits (seeds 0 .. n-1) per dataset")
    parser.add_argument("--variants", nargs="+", choices=[n for n in VARIANTS if n != "defaults"], default=None,
                        help="variants (default: those of --group); the defaults are always measured")
    parser.add_argument("--group", choices=list(GROUPS), default="hooks",
                        help="hooks: variants overriding a step of the balancer; caps: other caps of the weights "
                        "and coverage tests (also hooks); earlier: variants of earlier rounds, re-measured; candidates: combinations of the best; parameters: "
                        "other parameter values")
    parser.add_argument("--output", default="docs/results/variants.md")
    args = parser.parse_args(argv)
    if args.n_splits < 1:
        raise SystemExit("--n-splits must be at least 1")
    names = ["defaults", *(args.variants or GROUPS[args.group])]
    datasets = args.data or [d for d in DATASETS if d != "mnist" or args.mnist_dir]

    start = time.perf_counter()
    results, fates, descriptions = {}, {}, {}
    for dataset in datasets:
        X, y, pool_fraction, descriptions[dataset] = load(dataset, args.mnist_dir)
        results[dataset] = {}
        for name in names:
            print(f"{dataset}: {name}", file=sys.stderr, flush=True)
            results[dataset][name] = run_comparison(
                X, y, {name: VARIANTS[name][1]()}, tasks=TASKS, seeds=range(args.n_splits), pool_fraction=pool_fraction
            )
        fates[dataset] = pool_point_fates(X, y, pool_fraction, range(min(args.n_splits, FIRST_SPLITS)))
    elapsed = time.perf_counter() - start

    last = args.n_splits - 1
    first = min(args.n_splits, FIRST_SPLITS) - 1
    fate_lines = "\n".join(
        f"| {dataset} | {s[0]:.2f} | {s[1]:.2f} | {s[2]:.2f} | {s[3]:.2f} | {s[4]:.2f} | {s[5]:.2f} | {s[6]:.2f} "
        f"| {s[7]:.3f} | {t['defaults'][0]}/{t['defaults'][1]} | {t['oracle'][0]}/{t['oracle'][1]} |"
        for dataset, (s, t) in fates.items()
    )
    data_lines = "\n".join(f"- {dataset}: {descriptions[dataset]}." for dataset in datasets)
    report = f"""# Variants of the recommended balancer

{provenance(command_line(__file__, argv), elapsed)}

Each variant changes one step of `AdaptiveVoronoiBalancer` (defaults otherwise; the script's
docstrings say how) and is fitted with the tasks, pools and subsets of the
[balance-quality reports](balance_quality_digits.md), `random_state` = the split. Target:
balance error ≤ 0.10 with ESS ≥ 0.20. None of these variants is shipped; the
[balancers page](../balancers.md) says why each was tried.

{data_lines}

## Task-splits meeting the target

Columns: all nine tasks on splits 0–{first}; the four 10%/90% tasks on splits 0–{last}; all
nine tasks on splits 0–{last}, in all and per dataset; mean and max error and mean ESS over those.

| variant | what it changes | all tasks, 0–{first} | 10%/90%, 0–{last} | all tasks, 0–{last} | {" | ".join(datasets)} | mean error | max error | mean ESS |
|---|---|---|---|---|{"---|" * len(datasets)}---|---|---|
{variant_rows(results, names)}

## Where the 10%/90% error comes from

The default balancer on the 10%/90% tasks, splits 0–{first}, every pool point labelled by its
class (the labels are used only here): the shares of each group's votes that go to samples of
its own class, to the other class, or fail the support test (both tests); the share of the
absent classes' votes that pass; the rare class's share of the weight without any absent-class
vote (before the caps); and the task-splits meeting the target with the defaults and with an
oracle that drops every passing absent-class vote (caps unchanged).

| dataset | rare: own | rare: other | rare: fail | common: own | common: other | common: fail | absent: pass | rare share without leak | met, defaults | met, oracle |
|---|---|---|---|---|---|---|---|---|---|---|
{fate_lines}
"""
    write_report(args.output, report)
    print(report)


if __name__ == "__main__":
    main()
