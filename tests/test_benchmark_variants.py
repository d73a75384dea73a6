"""``benchmarks/variants.py``: the variants of the recommended balancer and the per-pool-point diagnostic."""

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_digits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import variants
from balance_quality import TASKS, load, meets_target

from skbalance import AdaptiveVoronoiBalancer
from skbalance.experiments import run_comparison


@pytest.fixture(scope="module")
def digits_split():
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    rng = np.random.RandomState(0)
    order = rng.permutation(len(y))
    pool, rest = order[:900], order[900:]
    # An unbalanced subset of two classes: 3s, and a few 2s.
    subset = np.r_[rest[y[rest] == 3], rest[y[rest] == 2][:8]]
    return X[pool], X[subset]


def test_variants_keep_their_settings_through_clone():
    balancer = variants.variant(variants.FillHoles, {"support": 1.5}, fill=0.5)
    copy = clone(balancer)
    assert type(copy) is type(balancer)
    assert copy.fill == 0.5 and copy.support == 1.5
    assert variants.FillHoles.fill == 0.7  # the base class is untouched


NEUTRAL = {
    "failing votes, no penalty": (variants.FailingVotes, {"lam": 0.0, "gamma": 0.0}),
    "generous to sparse, delta 0": (variants.GenerousToSparse, {"delta": 0.0}),
    "outlyingness, beta 0": (variants.Outlyingness, {"beta": 0.0}),
    "ratio gate, infinite": (variants.RatioGate, {"gate": np.inf}),
    "co-vote cap, huge": (variants.CoVoteSmoothing, {"cap": 1e12}),
    "fill, never": (variants.FillHoles, {"fill": 1.01}),
    "ratio-estimate cap, infinite": (variants.RatioEstimateCap, {"cap": np.inf}),
    "cell scale cap, infinite": (variants.CappedScales, {"cap": np.inf}),
    "support radius cap, infinite": (variants.CappedScales, {"what": "support", "cap": np.inf}),
    "local max cap, infinite": (variants.LocalCap, {"cap": 1e12}),
    "local median cap, infinite": (variants.LocalCap, {"stat": "median", "cap": 1e12}),
    "coverage, no sample needed": (variants.CoarseCoverage, {"min_samples": 0}),
    "agreement of one vote": (variants.VoteAgreement, {"agree": 1}),
    "agreement of one vote, after regions": (variants.VoteAgreement, {"agree": 1, "after": True}),
    "one draw of regions": (variants.BaggedRegions, {"n_draws": 1}),
    "support count of the point alone": (variants.SmoothedSupport, {"n_pool_neighbours": 0}),
    "vote radius, infinite": (variants.VoteRadius, {"radius": np.inf}),
    "sharpen, power 1": (variants.Sharpened, {"power": 1.0}),
}
#: Variants neutral only where no cap binds: compared with the defaults without caps.
UNCAPPED = {"max_weight_ratio": None, "min_ess_fraction": None}
NEUTRAL_UNCAPPED = {
    "redistribute, nothing capped": (variants.Redistribute, {"m": 3}),
}


@pytest.mark.parametrize("name", list(NEUTRAL))
def test_neutral_settings_give_the_default_weights(digits_split, name):
    """Each variant's hook is wired into the balancer: at its neutral setting the weights are the defaults'."""
    pool, subset = digits_split
    cls, settings = NEUTRAL[name]
    expected = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    got = variants.variant(cls, {"random_state": 0}, **settings).fit(pool).compute_sample_weight(subset)
    np.testing.assert_allclose(got, expected)


@pytest.mark.parametrize("name", list(NEUTRAL_UNCAPPED))
def test_redistribution_without_caps_gives_the_uncapped_weights(digits_split, name):
    pool, subset = digits_split
    cls, settings = NEUTRAL_UNCAPPED[name]
    expected = AdaptiveVoronoiBalancer(random_state=0, **UNCAPPED).fit(pool).compute_sample_weight(subset)
    got = variants.variant(cls, {"random_state": 0, **UNCAPPED}, **settings).fit(pool).compute_sample_weight(subset)
    np.testing.assert_allclose(got, expected)


def test_redistribution_keeps_the_capped_mass(digits_split):
    """What the caps take from the weights is handed to neighbours: the total stays the votes' total."""
    pool, subset = digits_split
    balancer = variants.variant(variants.Redistribute, {"random_state": 0}, m=3).fit(pool)
    Z = balancer._apply_transformer(subset)
    owners, passes = balancer._passing_votes(Z)
    votes = variants._count_votes(owners, passes, len(subset))
    capped = balancer._weights_from_votes(votes)
    assert capped.sum() < votes.sum()  # the caps bind on this subset
    got = variants.Redistribute._compute_weights(balancer, Z)
    np.testing.assert_allclose(got.sum(), votes.sum())


def test_ratio_estimate_weights_are_the_sample_counts(digits_split):
    pool, subset = digits_split
    balancer = variants.variant(variants.RatioEstimateWeights, {"random_state": 0, **UNCAPPED}, k=3).fit(pool)
    got = balancer.compute_sample_weight(subset)
    Z = balancer._apply_transformer(subset)
    counts = balancer._sample_counts(Z, balancer._subset_spacing(Z)[:, 2])  # the 3rd nearest other sample
    np.testing.assert_allclose(got, counts * len(subset) / counts.sum())


def test_variants_change_the_weights(digits_split):
    """Away from the neutral setting the hooks act (the comparison above could not fail otherwise)."""
    pool, subset = digits_split
    expected = AdaptiveVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    changed = ["failing -0.3", "sparse delta 0.5", "co-vote median", "fill 0.5", "cell scale cap 1.5",
               "support radius cap 1.5", "local max cap 2, 3", "local median cap 2, 5", "local median 5",
               "redistribute 3", "smooth 3", "coverage 100, 2", "agree 3", "agree 2, after regions", "bagged regions 3",
               "smoothed support 10", "vote radius 1", "ratio estimate 8", "sharpen 1.25"]
    balancers = {name: variants.VARIANTS[name][1]() for name in changed}
    # On this subset a cap at 2 x the k-NN ratio estimate never binds; at 1/2 x it does.
    balancers["ratio-estimate cap 0.5"] = variants.variant(variants.RatioEstimateCap, cap=0.5)
    for name, balancer in balancers.items():
        got = clone(balancer).set_params(random_state=0).fit(pool).compute_sample_weight(subset)
        assert not np.allclose(got, expected), name


def test_report_agrees_with_the_balance_quality_protocol(tmp_path):
    output = tmp_path / "variants.md"
    variants.main(["--data", "digits", "--n-splits", "1", "--variants", "fill 0.7", "--output", str(output)])
    report = output.read_text()
    # The command as one pastes it: a variant name with a space stays one argument.
    assert "python benchmarks/variants.py --data digits --n-splits 1 --variants 'fill 0.7'" in report

    X, y, pool_fraction, _ = load("digits", None)
    records = run_comparison(X, y, {"a": AdaptiveVoronoiBalancer()}, tasks=TASKS, seeds=[0], pool_fraction=pool_fraction)
    met = sum(map(meets_target, records))
    rare = [r for r in records if "10%" in r.task]
    row = re.search(r"^\| defaults \| [^|]+ \| (\d+)/(\d+) \| (\d+)/(\d+) \|", report, flags=re.MULTILINE)
    assert row is not None, report
    assert [int(g) for g in row.groups()] == [met, len(TASKS), sum(map(meets_target, rare)), len(rare)]
    assert re.search(r"^\| fill 0\.7 \| ", report, flags=re.MULTILINE)
    # The diagnostic recomputes the default weights from the votes: same task-splits meet the target.
    fate = re.search(r"^\| digits \|.*\| (\d+)/(\d+) \| (\d+)/(\d+) \|$", report, flags=re.MULTILINE)
    assert fate is not None, report
    assert [int(fate.group(1)), int(fate.group(2))] == [sum(map(meets_target, rare)), len(rare)]
    assert int(fate.group(4)) == len(rare)


def test_groups_split_the_variants():
    groups = [set(names) for names in variants.GROUPS.values()]
    assert set().union(*groups) == set(variants.VARIANTS) - {"defaults"}
    assert sum(map(len, groups)) == len(variants.VARIANTS) - 1


def test_mnist_needs_its_folder(tmp_path):
    with pytest.raises(SystemExit, match="mnist-dir"):
        variants.main(["--data", "mnist", "--n-splits", "1", "--output", str(tmp_path / "x.md")])


@pytest.mark.parametrize("settings", [{}, {"support_neighbors": None}])
def test_hooks_follow_the_support_test_of_either_mode(digits_split, settings):
    """The variants that re-state the support test use the balancer's own (several radii or one)."""
    pool, subset = digits_split
    expected = AdaptiveVoronoiBalancer(random_state=0, **settings).fit(pool).compute_sample_weight(subset)
    for cls, neutral in [(variants.SmoothedSupport, {"n_pool_neighbours": 0}), (variants.Outlyingness, {"beta": 0.0})]:
        got = variants.variant(cls, {"random_state": 0, **settings}, **neutral).fit(pool).compute_sample_weight(subset)
        np.testing.assert_allclose(got, expected, err_msg=cls.__name__)


def test_previous_defaults_are_the_single_neighbour_test_with_a_ratio_cap():
    balancer = variants.VARIANTS["previous defaults"][1]()
    assert balancer.support_neighbors is None and balancer.max_weight_ratio == 20
