import numpy as np
import pytest
import sklearn
from numpy.testing import assert_allclose

from skbalance import AdaptiveVoronoiBalancer, VoronoiBalancer
from skbalance.metrics import (
    balance_error,
    effective_sample_size,
    weighted_class_distribution,
)


def _blobs(n_pool=(400, 400, 400), n_subset=(150, 50, 0), seed=0):
    """Three pool blobs; the subset has a majority blob, a minority blob and an
    absent one, which lies next to the majority blob."""
    rng = np.random.RandomState(seed)
    centers = [np.zeros(2), np.array([8.0, 0.0]), np.array([-4.0, 3.0])]
    pool = np.concatenate(
        [rng.normal(c, 1.0, size=(n, 2)) for c, n in zip(centers, n_pool)]
    )
    subset = np.concatenate(
        [rng.normal(c, 1.0, size=(n, 2)) for c, n in zip(centers, n_subset)]
    )
    y = np.repeat(np.arange(3), n_subset)
    return pool, subset, y


def test_beats_plain_voronoi_with_an_absent_region():
    pool, subset, y = _blobs()
    plain = balance_error(
        y, VoronoiBalancer().fit(pool).compute_sample_weight(subset), classes=[0, 1]
    )
    adaptive = balance_error(
        y,
        AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset),
        classes=[0, 1],
    )
    assert adaptive < plain
    assert adaptive < 0.1


def test_plain_settings_reduce_to_voronoi():
    pool, subset, _ = _blobs()
    plain = AdaptiveVoronoiBalancer(
        adaptivity=0.0,
        n_votes=1,
        support_ratio=None,
        max_weight_ratio=None,
        min_ess_fraction=None,
    )
    assert_allclose(
        plain.fit(pool).compute_sample_weight(subset),
        VoronoiBalancer().fit(pool).compute_sample_weight(subset),
    )


def test_support_test_drops_absent_region_votes():
    pool, subset, _ = _blobs()
    b = AdaptiveVoronoiBalancer(region_size=None, random_state=0).fit(pool)
    kept = b.coverage(subset)
    absent = np.arange(len(pool)) >= 800
    minority = (np.arange(len(pool)) >= 400) & ~absent
    majority = np.arange(len(pool)) < 400
    # Present blobs keep most votes, and the rare blob (50 samples vs 150)
    # as large a share as the crowded one: the test is relative to each sample.
    assert kept[majority].mean() > 0.6
    assert kept[minority].mean() > kept[majority].mean() - 0.05
    assert kept[absent].mean() < 0.05


def test_coverage_is_one_without_support_test_and_matches_the_weights():
    pool, subset, _ = _blobs()
    off = AdaptiveVoronoiBalancer(support_ratio=None).fit(pool)
    np.testing.assert_array_equal(off.coverage(subset), np.ones(len(pool)))
    on = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    coverage = on.coverage(subset)
    assert (
        coverage.shape == (len(pool),) and coverage.min() >= 0 and coverage.max() <= 1
    )
    assert 0 < coverage.mean() < 1
    assert on.coverage(subset[:1]).shape == (len(pool),)


def test_votes_are_shared_between_n_votes_samples():
    from sklearn.metrics import pairwise_distances

    pool, subset, _ = _blobs()
    b = AdaptiveVoronoiBalancer(
        n_votes=3,
        n_candidates="all",
        support_ratio=None,
        max_weight_ratio=None,
        min_ess_fraction=None,
    ).fit(pool)
    scales = np.sort(pairwise_distances(subset), axis=1)[:, 3]
    owners = np.argsort(
        pairwise_distances(pool, subset) / scales, axis=1, kind="stable"
    )[:, :3]
    expected = np.bincount(owners.ravel(), minlength=len(subset)) / 3
    assert_allclose(b.compute_sample_weight(subset), expected / expected.mean())


def test_n_votes_larger_than_the_subset():
    pool, subset, _ = _blobs()
    w = (
        AdaptiveVoronoiBalancer(n_votes=50, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset[:4])
    )
    assert w.shape == (4,) and np.isfinite(w).all() and w.min() >= 0


def test_weight_cap():
    pool, subset, _ = _blobs()
    w = (
        AdaptiveVoronoiBalancer(max_weight_ratio=2.0, support_ratio=None)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    positive = w[w > 0]
    assert positive.max() <= 2.0 * np.median(positive) + 1e-9


@pytest.mark.parametrize("floor", [0.25, 0.5, 0.9])
def test_ess_floor_caps_only_the_largest_weights(floor):
    pool, subset, _ = _blobs(n_subset=(150, 12, 0))
    free = (
        AdaptiveVoronoiBalancer(min_ess_fraction=None, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    w = (
        AdaptiveVoronoiBalancer(min_ess_fraction=floor, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert effective_sample_size(free) < floor * len(subset)  # the floor binds here
    assert effective_sample_size(w) >= floor * len(subset) * (1 - 1e-6)
    # Capping from the top keeps the order of the weights and their zeros.
    assert ((w > 0) == (free > 0)).all()
    order = np.argsort(free, kind="stable")
    assert (np.diff(w[order]) >= -1e-9 * w.max()).all()


def test_ess_floor_leaves_weights_that_meet_it():
    pool, subset, _ = _blobs()
    free = (
        AdaptiveVoronoiBalancer(min_ess_fraction=None, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert effective_sample_size(free) > 0.25 * len(subset)
    w = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    assert_allclose(w, free)


def test_support_references_subsampled_deterministically():
    pool, _, _ = _blobs()
    a = AdaptiveVoronoiBalancer(n_references=100, random_state=0).fit(pool)
    b = AdaptiveVoronoiBalancer(n_references=100, random_state=0).fit(pool)
    assert a.references_.shape == (100, 2)
    assert_allclose(a.references_, b.references_)


def test_duplicate_subset_points_do_not_divide_by_zero():
    pool, subset, _ = _blobs()
    doubled = np.r_[subset, subset[:5]]
    w = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(doubled)
    assert np.all(np.isfinite(w))


def test_two_samples():
    pool, subset, _ = _blobs()
    w = AdaptiveVoronoiBalancer().fit(pool).compute_sample_weight(subset[[0, 190]])
    assert w.shape == (2,) and np.isfinite(w).all()


@pytest.mark.parametrize(
    "param, value",
    [
        ("n_neighbors", 0),
        ("adaptivity", -1.0),
        ("n_votes", 0),
        ("n_candidates", 0),
        ("n_candidates", "exact"),
        ("support_ratio", 0.0),
        ("max_weight_ratio", 0.5),
        ("min_ess_fraction", 0.0),
        ("min_ess_fraction", 1.5),
        ("n_references", 0),
        ("region_size", 0),
        ("region_pass_fraction", 0.0),
        ("region_pass_fraction", 1.5),
        ("n_support_neighbors", 0),
        ("n_support_neighbors", 2.5),
        ("n_support_neighbors", None),
        ("pool_share", 0.0),
        ("pool_share", 1.5),
        ("pool_share", True),
    ],
)
def test_invalid_parameters(param, value):
    pool, _, _ = _blobs()
    with pytest.raises(ValueError, match=param):
        AdaptiveVoronoiBalancer(**{param: value}).fit(pool)


def test_long_tail_of_three_present_blobs():
    pool, subset, y = _blobs(n_subset=(200, 60, 25))
    w = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    assert balance_error(y, w) < balance_error(y) / 3
    assert min(weighted_class_distribution(y, w).values()) > 0.2


def _brute_force_weights(balancer, pool, subset):
    """The balancer's weights from dense distance matrices (region test, caps off)."""
    from sklearn.metrics import pairwise_distances

    k, m = balancer.n_neighbors, balancer.n_support_neighbors
    sample_dist = np.sort(pairwise_distances(subset), axis=1)[:, 1:]
    scales = sample_dist[:, k - 1] ** balancer.adaptivity
    dist = pairwise_distances(pool, subset)
    ratio = dist / scales
    if balancer.n_candidates != "all":
        # Only the n_candidates plain-nearest samples compete.
        far = np.argsort(dist, axis=1, kind="stable")[:, balancer.n_candidates :]
        np.put_along_axis(ratio, far, np.inf, axis=1)
    owners = np.argsort(ratio, axis=1, kind="stable")[:, : balancer.n_votes]

    def density(points, radii):
        # Within a radius means closer by more than a relative 1e-5 in squared distance.
        to_references = pairwise_distances(
            points, balancer.references_, metric="sqeuclidean"
        )
        inside = [
            (to_references < radii[:, [j]] ** 2 * (1 - 1e-5)).sum(axis=1) + 1.0
            for j in range(m)
        ]
        counts = np.stack(inside, axis=1)
        # (One radius: the count itself, so that ties with support_ratio stay exact.)
        return counts[:, 0] if m == 1 else np.exp(np.log(counts).mean(axis=1))

    pool_density = density(pool, np.sort(dist, axis=1)[:, :m])
    sample_density = density(subset, sample_dist[:, :m])
    ratios = pool_density[:, None] / sample_density[owners]
    if balancer.pool_share is None:
        passes = (
            pool_density[:, None] <= balancer.support_ratio * sample_density[owners]
        )
    else:
        passes = _share_passes(ratios, balancer)
    votes = np.bincount(owners[passes], minlength=len(subset)) / balancer.n_votes
    return votes / votes.mean()


def _share_passes(ratios, balancer):
    """Which votes count under ``pool_share``, one region and one vote at a time."""
    critical = ratios.copy()
    regions = balancer.pool_regions_
    if regions is not None:
        for region in np.unique(regions):
            members = regions == region
            values = np.sort(ratios[members].ravel())
            # The least threshold at which region_pass_fraction of them pass.
            for value in values:
                if np.mean(values <= value) >= balancer.region_pass_fraction:
                    break
            critical[members] = np.maximum(critical[members], value)
    # The least threshold at which pool_share of all votes pass, at most support_ratio.
    for value in np.sort(critical.ravel()):
        if np.mean(critical <= value) >= balancer.pool_share:
            return critical <= min(value, balancer.support_ratio)
    raise AssertionError("unreachable: the largest value passes every vote")


@pytest.mark.parametrize("n_votes", [1, 3])
@pytest.mark.parametrize("n_candidates", ["all", 5])
@pytest.mark.parametrize("n_support_neighbors", [1, 3])
def test_fast_assignment_and_support_equal_brute_force(
    n_votes, n_candidates, n_support_neighbors
):
    rng = np.random.RandomState(3)
    # Very uneven spacing, so that the exactness fallback is exercised.
    subset = np.r_[rng.normal(0, 0.01, size=(60, 2)), rng.normal(5, 2.0, size=(40, 2))]
    pool = rng.normal(2, 3, size=(2000, 2))
    b = AdaptiveVoronoiBalancer(
        n_votes=n_votes,
        n_candidates=n_candidates,
        n_support_neighbors=n_support_neighbors,
        region_size=None,
        min_ess_fraction=None,
        random_state=0,
    ).fit(pool)
    assert_allclose(
        b.compute_sample_weight(subset), _brute_force_weights(b, pool, subset)
    )


def test_weights_do_not_depend_on_memory_layout_or_dtype_rounding():
    # Subset drawn from the pool: exact ties (ratio 1) must not be broken by rounding.
    pool, _, _ = _blobs()
    subset = pool[::7]
    expected = (
        AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    )
    fortran = AdaptiveVoronoiBalancer(random_state=0).fit(np.asfortranarray(pool))
    assert_allclose(fortran.compute_sample_weight(np.asfortranarray(subset)), expected)


def test_float32_pool_stays_float32_and_matches_float64():
    pool, subset, y = _blobs()
    w64 = (
        AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    )
    b32 = AdaptiveVoronoiBalancer(random_state=0).fit(pool.astype(np.float32))
    assert b32.pool_.dtype == np.float32
    w32 = b32.compute_sample_weight(subset.astype(np.float32))
    # float32 distances may flip a rare near-tie; class totals are unaffected.
    assert (
        abs(
            balance_error(y, w32, classes=[0, 1])
            - balance_error(y, w64, classes=[0, 1])
        )
        < 0.01
    )
    assert np.mean(np.isclose(w32, w64, rtol=1e-3)) > 0.95


def test_n_jobs_and_small_working_memory_give_the_same_weights():
    import sklearn

    pool, subset, _ = _blobs()
    expected = (
        AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    )
    assert_allclose(
        AdaptiveVoronoiBalancer(random_state=0, n_jobs=2)
        .fit(pool)
        .compute_sample_weight(subset),
        expected,
    )
    with sklearn.config_context(working_memory=0.05):  # many small batches
        assert_allclose(
            AdaptiveVoronoiBalancer(random_state=0)
            .fit(pool)
            .compute_sample_weight(subset),
            expected,
        )


def test_region_test_drops_regions_whose_votes_mostly_fail():
    # Two far-apart pool blobs; the subset covers one densely and has a single stray
    # sample in the other. A far pool point's vote for the stray sample passes the
    # per-sample test, its two votes for the distant blob do not: a third passes.
    rng = np.random.RandomState(0)
    pool = np.r_[rng.normal(0, 1, size=(400, 2)), rng.normal(20, 1, size=(400, 2))]
    subset = np.r_[rng.normal(0, 1, size=(100, 2)), [[20.0, 20.0]]]
    far = np.arange(len(pool)) >= 400

    def coverage(fraction):
        b = AdaptiveVoronoiBalancer(
            region_size=100, region_pass_fraction=fraction, random_state=0
        )
        return b.fit(pool).coverage(subset)

    assert_allclose(coverage(1e-9)[far].mean(), 1 / 3)  # every region counts
    default = coverage(0.4)
    assert (
        default[far] == 0
    ).all()  # a third is under 0.4: every vote of those regions drops
    assert default[~far].mean() > 0.9  # the covered blob keeps its votes
    assert (
        coverage(1.0)[~far].mean() < default[~far].mean()
    )  # only all-passing regions count


def _beside_an_absent_class(seed, distance, n_absent):
    """10-d blobs: a crowded present class (150 samples, 400 pool points), a rare
    one 8 away (30 and 400) and an absent one (``n_absent`` pool points)
    ``distance`` from the crowded one. Returns pool, subset, y and the absent mask."""
    rng = np.random.RandomState(seed)
    centers = np.zeros((3, 10))
    centers[1, 0], centers[2, 1] = 8.0, distance
    sizes = (400, 400, n_absent)
    pool = np.concatenate(
        [rng.normal(c, 1.0, size=(n, 10)) for c, n in zip(centers, sizes)]
    )
    subset = np.r_[
        rng.normal(centers[0], 1.0, size=(150, 10)),
        rng.normal(centers[1], 1.0, size=(30, 10)),
    ]
    y = np.repeat([0, 1], [150, 30])
    return pool, subset, y, np.arange(len(pool)) >= 800


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_region_test_removes_an_absent_class_at_the_border(seed):
    # 10-d blobs: a crowded present class, a rare one (30 vs 150 samples) and, 4
    # standard deviations from the crowded one, an absent class with four times its
    # pool points.
    # Absent points at the border pass the per-sample test; their regions do not.
    pool, subset, y, absent = _beside_an_absent_class(seed, 4.0, 1600)
    on = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    off = AdaptiveVoronoiBalancer(region_size=None, random_state=0).fit(pool)
    # Which votes of each pool point count: per-sample test, then the region test.
    kept_on, kept_off = (b.coverage(subset) for b in (on, off))
    assert (
        kept_off[absent].mean() > 0.05
    )  # the per-sample test alone lets part of it through
    assert kept_on[absent].mean() < kept_off[absent].mean() / 2
    assert kept_on[~absent].mean() > kept_off[~absent].mean() - 0.03
    error_on, error_off = (
        balance_error(y, b.compute_sample_weight(subset)) for b in (on, off)
    )
    assert error_on < error_off and error_on < 0.06  # 0.054 at seed 1, 0.003-0.01 else


def test_regions_of_a_small_pool_or_without_support_test_are_off():
    pool, _subset, _ = _blobs()
    assert (
        AdaptiveVoronoiBalancer(region_size=40).fit(pool[:79]).region_centers_ is None
    )  # < 2 regions
    off = AdaptiveVoronoiBalancer(support_ratio=None).fit(pool)
    assert off.region_centers_ is None
    assert AdaptiveVoronoiBalancer(region_size=None).fit(pool).region_centers_ is None
    b = AdaptiveVoronoiBalancer(region_size=40, random_state=0).fit(pool)
    assert b.region_centers_.shape == (len(pool) // 40, 2)
    # An in-memory pool's regions are assigned once, in fit: each its nearest centre.
    distances = ((pool[:, None, :] - b.region_centers_[None]) ** 2).sum(axis=2)
    np.testing.assert_array_equal(b.pool_regions_, distances.argmin(axis=1))
    assert AdaptiveVoronoiBalancer(region_size=None).fit(pool).pool_regions_ is None


def test_more_support_neighbours_than_samples():
    pool, subset, _ = _blobs()
    w = (
        AdaptiveVoronoiBalancer(random_state=0)
        .fit(pool)
        .compute_sample_weight(subset[:4])
    )
    assert w.shape == (4,) and np.all(np.isfinite(w)) and w.sum() > 0


def test_no_ratio_cap_by_default():
    # A 4% minority needs weights about 24 times the majority's: a cap of 20 would bind.
    pool, subset, y = _blobs(n_subset=(300, 12, 0))
    default = (
        AdaptiveVoronoiBalancer(min_ess_fraction=None, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    capped = AdaptiveVoronoiBalancer(
        max_weight_ratio=20.0, min_ess_fraction=None, random_state=0
    )
    w20 = capped.fit(pool).compute_sample_weight(subset)
    assert default.max() > 20 * np.median(default[default > 0])
    assert balance_error(y, default, classes=[0, 1]) < balance_error(
        y, w20, classes=[0, 1]
    )


@pytest.mark.parametrize("gathered_share", [1, 16, 10**9])
@pytest.mark.parametrize("n_radii", [1, 2, 3, 8])
def test_support_decision_by_bounds_equals_full_count(
    n_radii, gathered_share, monkeypatch
):
    # Rows decided by their extreme counts alone get the full computation's answer,
    # including limits that equal a row's density exactly; the open rows' counts are
    # the same whether gathered below the last radius (share 1: always) or counted
    # once per radius (a huge share: never gathered).
    from skbalance.balancers import _adaptive_voronoi
    from skbalance.balancers._adaptive_voronoi import (
        _counts_below,
        _density_within,
        _geometric_mean,
    )

    monkeypatch.setattr(_adaptive_voronoi, "_GATHERED_SHARE", gathered_share)

    rng = np.random.RandomState(n_radii)
    partial = rng.randint(0, 40, size=(300, 50)).astype(np.float32)
    thresholds = np.sort(rng.randint(0, 40, size=(300, n_radii)), axis=1)
    thresholds = thresholds.astype(np.float32)
    density = _geometric_mean(_counts_below(partial, thresholds) + 1.0)
    limits = density[:, None] * rng.choice([0.5, 1.0, 2.0], size=(300, 3))
    limits[::7] = rng.uniform(1, 40, size=(len(limits[::7]), 3))
    expected = density[:, None] <= limits
    assert expected.any() and not expected.all()
    np.testing.assert_array_equal(
        _density_within(partial, thresholds, limits), expected
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sample_statistics_are_nearest_neighbours_and_reference_counts(dtype):
    # One GEMM pass gives each sample's distances to its nearest other samples
    # (duplicates at distance 0, the sample itself left out) and its density
    # statistic, the geometric mean of 1 + references within each radius.
    from sklearn.neighbors import NearestNeighbors

    pool, subset, _ = _blobs()
    subset = np.r_[subset, subset[:3]].astype(dtype)  # three duplicated samples
    b = AdaptiveVoronoiBalancer(random_state=0).fit(pool.astype(dtype))
    with sklearn.config_context(working_memory=0.05):  # several row batches
        distances, density = b._sample_statistics(subset)
    k = max(b.n_neighbors, b.n_support_neighbors)
    expected, _ = NearestNeighbors(n_neighbors=k + 1).fit(subset).kneighbors(subset)
    assert_allclose(distances, expected[:, 1:], rtol=1e-4, atol=1e-3)
    assert (distances[-3:, 0] <= 1e-3).all() and (distances[:3, 0] <= 1e-3).all()
    references = b.references_.astype(np.float64)
    within = np.linalg.norm(
        subset[:, None, None, :].astype(np.float64) - references[None, None], axis=3
    ) < distances[:, :, None] * (1 - 1e-4)
    counts = within.sum(axis=2)
    # Counts may differ only for references at a radius (rounding).
    assert_allclose(density, np.exp(np.log(counts + 1.0).mean(axis=1)), rtol=0.05)
    off = AdaptiveVoronoiBalancer(support_ratio=None, random_state=0).fit(pool)
    distances, density = off._sample_statistics(subset.astype(np.float64))
    assert density is None and distances.shape == (len(subset), off.n_neighbors)


@pytest.mark.parametrize("region_size", [None, 100])
@pytest.mark.parametrize("pool_share", [0.2, 0.5, 0.9])
def test_pool_share_threshold_equals_brute_force(region_size, pool_share):
    rng = np.random.RandomState(4)
    subset = np.r_[rng.normal(0, 1, size=(50, 2)), rng.normal(4, 1, size=(20, 2))]
    pool = rng.normal(2, 3, size=(1500, 2))
    b = AdaptiveVoronoiBalancer(
        region_size=region_size,
        pool_share=pool_share,
        min_ess_fraction=None,
        random_state=0,
    ).fit(pool)
    assert_allclose(
        b.compute_sample_weight(subset), _brute_force_weights(b, pool, subset)
    )
    # pool_share of the votes count (a little more at ties), or fewer when the fixed
    # test is stricter.
    fixed = b.set_params(pool_share=None).coverage(subset).mean()
    share = b.set_params(pool_share=pool_share).coverage(subset).mean()
    assert share == pytest.approx(min(pool_share, fixed), abs=0.02)
    assert share <= fixed


def test_pool_share_above_the_fixed_tests_coverage_changes_nothing():
    pool, subset, _ = _blobs()
    fixed = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    assert fixed.coverage(subset).mean() < 0.8
    for share in (0.8, 1.0):
        b = AdaptiveVoronoiBalancer(pool_share=share, random_state=0).fit(pool)
        assert_allclose(b.coverage(subset), fixed.coverage(subset))
        assert_allclose(
            b.compute_sample_weight(subset), fixed.compute_sample_weight(subset)
        )


def test_pool_share_keeps_the_present_blobs_and_drops_the_absent_one():
    pool, subset, _ = _blobs()
    b = AdaptiveVoronoiBalancer(pool_share=800 / 1200, random_state=0).fit(pool)
    kept = b.coverage(subset)
    absent = np.arange(len(pool)) >= 800
    assert kept[absent].mean() < 0.05
    assert kept[~absent].mean() > 0.95


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pool_share_balances_beside_an_absent_class_that_looks_present(seed):
    # An absent class 2.5 standard deviations from the crowded present one, with as
    # many pool points as the two present classes together: with a fixed threshold
    # many of its votes pass and over-weight the crowded class.
    pool, subset, y, _ = _beside_an_absent_class(seed, 2.5, 800)
    fixed = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    error_fixed = balance_error(y, fixed.compute_sample_weight(subset))
    fixed.set_params(pool_share=0.5)  # weighting only: no refit needed
    error_share = balance_error(y, fixed.compute_sample_weight(subset))
    # 0.149 -> 0.089, 0.174 -> 0.090, 0.107 -> 0.042 at seeds 0, 1, 2.
    assert error_share < 0.7 * error_fixed and error_share < 0.1


def test_pool_share_set_after_fit_equals_pool_share_at_construction():
    pool, subset, _ = _blobs()
    after = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    after.set_params(pool_share=0.6)
    before = AdaptiveVoronoiBalancer(pool_share=0.6, random_state=0).fit(pool)
    assert_allclose(
        after.compute_sample_weight(subset), before.compute_sample_weight(subset)
    )


def test_pool_share_needs_the_support_test_and_a_share():
    pool, subset, _ = _blobs()
    with pytest.raises(ValueError, match="support_ratio=None"):
        AdaptiveVoronoiBalancer(support_ratio=None, pool_share=0.5).fit(pool)
    b = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    for bad in (0, 2.0, "half", True):
        b.set_params(pool_share=bad)  # set after fit: checked when weighting
        with pytest.raises(
            ValueError,
            match=r"'pool_share' parameter of AdaptiveVoronoiBalancer must be a float "
            r"in the range \(0\.0, 1\.0\] or None",
        ):
            b.compute_sample_weight(subset)
    b.set_params(pool_share=0.5, support_ratio=None)
    with pytest.raises(ValueError, match="support_ratio=None"):
        b.coverage(subset)
