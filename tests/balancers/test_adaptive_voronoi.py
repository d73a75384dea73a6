import numpy as np
import pytest
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
    pool = np.concatenate([rng.normal(c, 1.0, size=(n, 2)) for c, n in zip(centers, n_pool)])
    subset = np.concatenate([rng.normal(c, 1.0, size=(n, 2)) for c, n in zip(centers, n_subset)])
    y = np.repeat(np.arange(3), n_subset)
    return pool, subset, y


def test_beats_plain_voronoi_with_an_absent_region():
    pool, subset, y = _blobs()
    plain = balance_error(y, VoronoiBalancer().fit(pool).compute_sample_weight(subset), classes=[0, 1])
    adaptive = balance_error(
        y, AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset), classes=[0, 1]
    )
    assert adaptive < plain
    assert adaptive < 0.1


def test_plain_settings_reduce_to_voronoi():
    pool, subset, _ = _blobs()
    plain = AdaptiveVoronoiBalancer(
        adaptivity=0.0, n_votes=1, support=None, max_weight_ratio=None, min_ess_fraction=None
    )
    assert_allclose(
        plain.fit(pool).compute_sample_weight(subset),
        VoronoiBalancer().fit(pool).compute_sample_weight(subset),
    )


def test_support_test_drops_absent_region_votes():
    pool, subset, _ = _blobs()
    b = AdaptiveVoronoiBalancer(max_weight_ratio=None, random_state=0).fit(pool)
    spacing = b._subset_spacing(subset)
    k_reach, gaps = b._support_gaps(spacing)  # the balancer's own test: the same neighbours on both sides
    owners, reach = b._assign(pool, subset, b._cell_scales(spacing), n_votes=3, n_candidates=16, k_reach=k_reach)
    kept = b._supported_votes(pool, owners, reach, b._sample_counts(subset, gaps)).mean(axis=1)
    absent = np.arange(len(pool)) >= 800
    minority = (np.arange(len(pool)) >= 400) & ~absent
    majority = np.arange(len(pool)) < 400
    # Present blobs keep most votes, and the rare blob (50 samples vs 150)
    # as large a share as the crowded one: the test is relative to each sample.
    assert kept[majority].mean() > 0.6
    assert kept[minority].mean() > kept[majority].mean() - 0.05
    assert kept[absent].mean() < 0.05


def test_votes_are_shared_between_n_votes_samples():
    pool, subset, _ = _blobs()
    b = AdaptiveVoronoiBalancer(n_votes=3, support=None, max_weight_ratio=None, min_ess_fraction=None).fit(pool)
    spacing = b._subset_spacing(subset)
    owners, _ = b._assign(pool, subset, b._cell_scales(spacing), n_votes=3, n_candidates=b.n_candidates)
    assert owners.shape == (len(pool), 3)
    assert (np.diff(np.sort(owners, axis=1), axis=1) > 0).all()  # three distinct samples
    expected = np.bincount(owners.ravel(), minlength=len(subset)) / 3
    assert_allclose(b.compute_sample_weight(subset), expected / expected.mean())


def test_n_votes_larger_than_the_subset():
    pool, subset, _ = _blobs()
    w = AdaptiveVoronoiBalancer(n_votes=50, random_state=0).fit(pool).compute_sample_weight(subset[:4])
    assert w.shape == (4,) and np.isfinite(w).all() and w.min() >= 0


def test_weight_cap():
    pool, subset, _ = _blobs()
    w = AdaptiveVoronoiBalancer(max_weight_ratio=2.0, support=None).fit(pool).compute_sample_weight(subset)
    positive = w[w > 0]
    assert positive.max() <= 2.0 * np.median(positive) + 1e-9


@pytest.mark.parametrize("floor", [0.25, 0.5, 0.9])
def test_ess_floor_caps_only_the_largest_weights(floor):
    pool, subset, _ = _blobs(n_subset=(150, 12, 0))
    free = AdaptiveVoronoiBalancer(min_ess_fraction=None, random_state=0).fit(pool).compute_sample_weight(subset)
    w = AdaptiveVoronoiBalancer(min_ess_fraction=floor, random_state=0).fit(pool).compute_sample_weight(subset)
    assert effective_sample_size(free) < floor * len(subset)  # the floor binds here
    assert effective_sample_size(w) >= floor * len(subset) * (1 - 1e-6)
    # Capping from the top keeps the order of the weights and their zeros.
    assert ((w > 0) == (free > 0)).all()
    order = np.argsort(free, kind="stable")
    assert (np.diff(w[order]) >= -1e-9 * w.max()).all()


def test_ess_floor_leaves_weights_that_meet_it():
    pool, subset, _ = _blobs()
    free = AdaptiveVoronoiBalancer(min_ess_fraction=None, random_state=0).fit(pool).compute_sample_weight(subset)
    assert effective_sample_size(free) > 0.25 * len(subset)
    w = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    assert_allclose(w, free)


def test_support_references_subsampled_deterministically():
    pool, _, _ = _blobs()
    a = AdaptiveVoronoiBalancer(n_support_references=100, random_state=0).fit(pool)
    b = AdaptiveVoronoiBalancer(n_support_references=100, random_state=0).fit(pool)
    assert a.support_references_.shape == (100, 2)
    assert_allclose(a.support_references_, b.support_references_)


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
        ("support", 0.0),
        ("max_weight_ratio", 0.5),
        ("min_ess_fraction", 0.0),
        ("min_ess_fraction", 1.5),
        ("n_support_references", 0),
        ("region_size", 0),
        ("region_support", 0.0),
        ("region_support", 1.5),
        ("support_neighbors", 0),
        ("support_neighbors", 2.5),
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


@pytest.mark.parametrize("n_votes", [1, 3])
@pytest.mark.parametrize("n_candidates", [None, 5])
def test_fast_assignment_and_support_equal_brute_force(n_votes, n_candidates):
    from sklearn.metrics import pairwise_distances

    rng = np.random.RandomState(3)
    # Very uneven spacing, so that the exactness fallback is exercised.
    subset = np.r_[rng.normal(0, 0.01, size=(60, 2)), rng.normal(5, 2.0, size=(40, 2))]
    pool = rng.normal(2, 3, size=(2000, 2))
    # The support test at the n_neighbors-th neighbour alone (support_neighbors has its own test).
    b = AdaptiveVoronoiBalancer(support_neighbors=None, random_state=0).fit(pool)
    spacing = b._subset_spacing(subset)
    scales = b._cell_scales(spacing)
    owners, reach = b._assign(pool, subset, scales, n_votes=n_votes, n_candidates=n_candidates, k_reach=3)
    dist = pairwise_distances(pool, subset)
    ratio = dist / scales
    if n_candidates is not None:
        # Only the n_candidates plain-nearest samples compete.
        far = np.argsort(dist, axis=1, kind="stable")[:, n_candidates:]
        np.put_along_axis(ratio, far, np.inf, axis=1)
    np.testing.assert_array_equal(owners, np.argsort(ratio, axis=1, kind="stable")[:, :n_votes])
    # The support test works at the third neighbour (n_neighbors=3) on both sides.
    assert_allclose(reach, np.sort(dist, axis=1)[:, 2])
    kept = b._supported_votes(pool, owners, reach, b._sample_counts(subset, spacing[:, -1]))
    gaps = np.sort(pairwise_distances(subset), axis=1)[:, 3]
    sample_counts = (pairwise_distances(subset, b.support_references_) < gaps[:, None]).sum(axis=1)
    counts = (pairwise_distances(pool, b.support_references_) < reach[:, None]).sum(axis=1)
    np.testing.assert_array_equal(kept, counts[:, None] + 1 <= b.support * (sample_counts[owners] + 1))


def test_weights_do_not_depend_on_memory_layout_or_dtype_rounding():
    # Subset drawn from the pool: exact ties (ratio 1) must not be broken by rounding.
    pool, _, _ = _blobs()
    subset = pool[::7]
    expected = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    fortran = AdaptiveVoronoiBalancer(random_state=0).fit(np.asfortranarray(pool))
    assert_allclose(fortran.compute_sample_weight(np.asfortranarray(subset)), expected)


def test_float32_pool_stays_float32_and_matches_float64():
    pool, subset, y = _blobs()
    w64 = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    b32 = AdaptiveVoronoiBalancer(random_state=0).fit(pool.astype(np.float32))
    assert b32.pool_.dtype == np.float32
    w32 = b32.compute_sample_weight(subset.astype(np.float32))
    # float32 distances may flip a rare near-tie; class totals are unaffected.
    assert abs(balance_error(y, w32, classes=[0, 1]) - balance_error(y, w64, classes=[0, 1])) < 0.01
    assert np.mean(np.isclose(w32, w64, rtol=1e-3)) > 0.95


def test_n_jobs_and_small_working_memory_give_the_same_weights():
    import sklearn

    pool, subset, _ = _blobs()
    expected = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    assert_allclose(AdaptiveVoronoiBalancer(random_state=0, n_jobs=2).fit(pool).compute_sample_weight(subset), expected)
    with sklearn.config_context(working_memory=0.05):  # many small batches
        assert_allclose(AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset), expected)


def test_region_test_drops_regions_whose_votes_mostly_fail():
    # 100 pool points // region_size 33: three regions (only their count matters here).
    b = AdaptiveVoronoiBalancer(region_size=33, region_support=0.4, random_state=0)
    b.fit(np.zeros((100, 2)) + np.arange(100)[:, None])
    assert b.regions_.cluster_centers_.shape[0] == 3
    passes = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1], [1, 0, 0], [0, 0, 0]], dtype=bool)
    regions = np.array([0, 0, 1, 1, 2, 2])
    kept = b._region_passes(passes, regions)
    # Region 0 passes half of its votes (>= 0.4): its passing votes count, its failing ones do not.
    np.testing.assert_array_equal(kept[:2], passes[:2])
    # Region 1 passes exactly half too; region 2 only 1/6 (< 0.4): every vote of it is dropped.
    np.testing.assert_array_equal(kept[2:4], passes[2:4])
    assert not kept[4:].any()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_region_test_removes_an_absent_class_at_the_border(seed):
    # 10-d blobs: a crowded present class, a rare one (30 vs 150 samples) and, 4 standard
    # deviations from the crowded one, an absent class with four times its pool points.
    # Absent points at the border pass the per-sample test; their regions do not.
    rng = np.random.RandomState(seed)
    centers = np.zeros((3, 10))
    centers[1, 0], centers[2, 1] = 8.0, 4.0
    pool = np.concatenate([rng.normal(c, 1.0, size=(n, 10)) for c, n in zip(centers, (400, 400, 1600))])
    subset = np.r_[rng.normal(centers[0], 1.0, size=(150, 10)), rng.normal(centers[1], 1.0, size=(30, 10))]
    y = np.repeat([0, 1], [150, 30])
    absent = np.arange(len(pool)) >= 800
    on = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    off = AdaptiveVoronoiBalancer(region_size=None, random_state=0).fit(pool)
    # Which votes of each pool point count: per-sample test, then the region test when on.
    kept_on, kept_off = (b._passing_votes(subset)[1].mean(axis=1) for b in (on, off))
    assert kept_off[absent].mean() > 0.05  # the per-sample test alone lets part of it through
    assert kept_on[absent].mean() < kept_off[absent].mean() / 2
    assert kept_on[~absent].mean() > kept_off[~absent].mean() - 0.03
    error_on, error_off = (balance_error(y, b.compute_sample_weight(subset)) for b in (on, off))
    assert error_on < error_off and error_on < 0.05


def test_regions_of_a_small_pool_or_without_support_test_are_off():
    pool, _subset, _ = _blobs()
    assert AdaptiveVoronoiBalancer(region_size=40).fit(pool[:79]).regions_ is None  # < 2 regions
    assert AdaptiveVoronoiBalancer(support=None).fit(pool).regions_ is None
    assert AdaptiveVoronoiBalancer(region_size=None).fit(pool).regions_ is None
    b = AdaptiveVoronoiBalancer(region_size=40, random_state=0).fit(pool)
    assert b.regions_.cluster_centers_.shape == (len(pool) // 40, 2)
    # An in-memory pool's regions are assigned once, in fit.
    np.testing.assert_array_equal(b.pool_regions_, b.regions_.predict(pool))
    assert AdaptiveVoronoiBalancer(region_size=None).fit(pool).pool_regions_ is None


def test_support_neighbors_average_the_counts_of_the_first_neighbours():
    """``support_neighbors=m``: the test on geometric means of the counts at the 1st .. m-th neighbours."""
    from sklearn.metrics import pairwise_distances

    pool, subset, _ = _blobs()
    b = AdaptiveVoronoiBalancer(support_neighbors=5, region_size=None, random_state=0).fit(pool)
    owners, passes = b._passing_votes(subset)
    subset_dist = np.sort(pairwise_distances(subset), axis=1)[:, 1:6]
    pool_dist = np.sort(pairwise_distances(pool, subset), axis=1)[:, :5]

    def geometric_mean_counts(points, radii):
        dist = pairwise_distances(points, b.support_references_)
        counts = np.stack([(dist < radii[:, [j]]).sum(axis=1) + 1.0 for j in range(radii.shape[1])], axis=1)
        return np.exp(np.log(counts).mean(axis=1))

    expected = geometric_mean_counts(pool, pool_dist)[:, None] <= b.support * geometric_mean_counts(subset, subset_dist)[owners]
    np.testing.assert_array_equal(passes, expected)
    # The cell scales still come from the n_neighbors-th neighbour.
    assert_allclose(b._cell_scales(b._subset_spacing(subset)), subset_dist[:, 2])


def test_support_neighbors_of_one_is_the_test_at_the_first_neighbour():
    pool, subset, _ = _blobs()
    one = AdaptiveVoronoiBalancer(n_neighbors=1, support_neighbors=1, random_state=0).fit(pool)
    plain = AdaptiveVoronoiBalancer(n_neighbors=1, support_neighbors=None, random_state=0).fit(pool)
    assert_allclose(one.compute_sample_weight(subset), plain.compute_sample_weight(subset))


def test_support_neighbors_default_to_eight_and_change_the_weights():
    pool, subset, y = _blobs()
    default = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    eight = AdaptiveVoronoiBalancer(support_neighbors=8, random_state=0).fit(pool).compute_sample_weight(subset)
    single = AdaptiveVoronoiBalancer(support_neighbors=None, random_state=0).fit(pool).compute_sample_weight(subset)
    np.testing.assert_array_equal(default, eight)
    assert not np.allclose(single, default)
    assert balance_error(y, default, classes=[0, 1]) < 0.1
    # More neighbours than the subset has: capped at the other samples.
    w = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset[:4])
    assert w.shape == (4,) and np.all(np.isfinite(w)) and w.sum() > 0


def test_counts_within_several_radii_match_one_radius_at_a_time():
    pool, subset, _ = _blobs()
    balancer = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
    radii = np.random.RandomState(0).uniform(0.5, 2.5, size=(len(subset), 3))
    got = balancer._count_closer_references(subset, radii)
    assert got.shape == radii.shape
    for j in range(3):
        np.testing.assert_array_equal(got[:, j], balancer._count_closer_references(subset, radii[:, j]))


def test_no_ratio_cap_by_default():
    # A 4% minority needs weights about 24 times the majority's: a cap of 20 would bind.
    pool, subset, y = _blobs(n_subset=(300, 12, 0))
    default = AdaptiveVoronoiBalancer(min_ess_fraction=None, random_state=0).fit(pool).compute_sample_weight(subset)
    capped = AdaptiveVoronoiBalancer(max_weight_ratio=20.0, min_ess_fraction=None, random_state=0)
    w20 = capped.fit(pool).compute_sample_weight(subset)
    assert default.max() > 20 * np.median(default[default > 0])
    assert balance_error(y, default, classes=[0, 1]) < balance_error(y, w20, classes=[0, 1])
