"""Balance quality of every balancer: error, effective sample size and time.

Protocol: split a labelled dataset into an unlabeled pool and a held-out part;
draw unbalanced subsets from the held-out part; fit each balancer (default
parameters) on the pool and weight each subset. Tasks: the original
experiment's four mixes for the digit pairs (2, 3) and (1, 5) and a 10-class
long-tail subset (geometric class fractions, 20:1). Writes a Markdown report
and a plot (balance error vs effective sample size, with the tempering
trade-off curve of the recommended balancer) next to each other in ``docs/``.
The report also holds two diagnostics of the recommended balancer: its error
with the pool restricted to each task's classes (what the absent classes
cost) and with exact adaptive cells, and its weight cap against the seed
tasks and rarer (5%) minorities.

Usage (from the repository root; matplotlib is needed for the plot)::

    python benchmarks/balance_quality.py --data mnist --mnist-dir ../shared/data/mnist
    python benchmarks/balance_quality.py --data digits
    python benchmarks/balance_quality.py --data synthetic
    python benchmarks/balance_quality.py --data blobs
    python benchmarks/balance_quality.py --data overlap

``blobs`` and ``overlap`` were added after the first defaults were chosen, as
held-out checks: well separated classes, and classes that overlap (where no
label-free reweighting can balance fully).
"""

import argparse
import dataclasses
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from _report import (
    command_line,
    provenance,
    write_report,
)  # benchmarks/ is on sys.path when a script runs
from skbalance import AdaptiveVoronoiBalancer, TemperedBalancer
from skbalance.experiments import (
    long_tail_task,
    pair_tasks,
    run_comparison,
    short_name,
    summarize,
)
from skbalance.experiments import Task, draw_subset, split_pool
from skbalance.metrics import balance_error
from skbalance.utils.discovery import all_balancers

RECOMMENDED = "adaptive_voronoi"
TARGET_ERROR, TARGET_ESS = 0.10, 0.20
TASKS = (
    pair_tasks(2, 3)
    + pair_tasks(1, 5)
    + (long_tail_task(range(10), imbalance_ratio=20),)
)
#: Rarer minorities than the seed's 10%: 5% of one class's held-out samples next to all of another's.
RARE_TASKS = tuple(
    Task(f"{a} (5%), {b} (100%)", {a: 0.05, b: 1.0})
    for a, b in [(2, 3), (3, 2), (1, 5), (5, 1)]
)
#: The rare class's share in those tasks (perfectly balanced weights have ESS 4 p (1 - p) n).
RARE_SHARE = 0.05 / 1.05
#: The recommended balancer's two weight caps (max_weight_ratio, min_ess_fraction), against
#: both task sets; the first pair is the default, the third the caps' earlier default.
CAPS = ((None, 0.25), (None, None), (20.0, 0.25), (20.0, None), (50.0, None))
POWERS = (0.0, 0.25, 0.5, 0.75, 1.0)
ESS_FLOORS = (None, 0.2, 0.25, 0.3)  # 0.25 is the default


#: Generated datasets: (scikit-learn maker, its arguments, what the classes look like).
#: ``blobs`` and ``overlap`` were added after the first defaults were chosen, as held-out checks.
GENERATED = {
    "synthetic": (
        "make_classification",
        {
            "n_samples": 10000,
            "n_features": 30,
            "n_informative": 10,
            "n_redundant": 5,
            "n_classes": 10,
            "n_clusters_per_class": 2,
            "class_sep": 2.0,
            "random_state": 0,
        },
        "10 classes, each two Gaussian clusters",
    ),
    "blobs": (
        "make_blobs",
        {
            "n_samples": 10000,
            "n_features": 20,
            "centers": 10,
            "cluster_std": 2.0,
            "random_state": 1,
        },
        "10 well separated Gaussian classes",
    ),
    "overlap": (
        "make_classification",
        {
            "n_samples": 10000,
            "n_features": 50,
            "n_informative": 20,
            "n_redundant": 10,
            "n_classes": 10,
            "n_clusters_per_class": 3,
            "class_sep": 1.5,
            "random_state": 3,
        },
        "10 classes of three clusters each that overlap",
    ),
}


def load(name, mnist_dir):
    if name == "mnist":
        from skbalance.datasets import load_mnist

        if mnist_dir is None:
            raise SystemExit("--data mnist needs --mnist-dir")
        X, y = load_mnist(mnist_dir)
        return X, y, 0.8, "MNIST t10k: 10,000 images, 784 pixels scaled to [0, 1]"
    if name == "digits":
        from sklearn.datasets import load_digits

        X, y = load_digits(return_X_y=True)
        return (
            X / 16.0,
            y,
            0.5,
            "scikit-learn load_digits: 1,797 images, 64 pixels scaled to [0, 1]",
        )
    if name in GENERATED:
        import sklearn.datasets

        maker, kwargs, note = GENERATED[name]
        X, y = getattr(sklearn.datasets, maker)(**kwargs)
        call = ", ".join(f"{key}={value}" for key, value in kwargs.items())
        return X, y, 0.8, f"{maker}({call}): {note}"
    raise SystemExit(f"unknown dataset {name!r}")


def meets_target(record):
    """Whether one task-split's weights meet the target: error and ESS both."""
    return record.balance_error <= TARGET_ERROR and record.ess_fraction >= TARGET_ESS


def per_balancer(records, names):
    rows = []
    for name in names:
        mine = [r for r in records if r.balancer == name]
        errors = np.array([r.balance_error for r in mine])
        ess = np.array([r.ess_fraction for r in mine])
        worst = mine[int(errors.argmax())]
        rows.append(
            {
                "name": name,
                "mean_error": errors.mean(),
                "max_error": errors.max(),
                "worst": f"{worst.task}, seed {worst.seed}",
                "mean_ess": ess.mean(),
                "min_ess": ess.min(),
                "fit": np.mean([r.fit_seconds for r in mine]),
                "weight": np.mean([r.weight_seconds for r in mine]),
                "met": sum(map(meets_target, mine)),
                "n": len(mine),
            }
        )
    return sorted(rows, key=lambda r: r["mean_error"])


def pool_floors(y, seeds, pool_fraction):
    """``{(task, seed): error}`` of exact pool-matching weights.

    Weights equal to the true density ratio ``p_pool / p_subset`` give each
    class its share of the *pool* (among the task's classes); when the pool
    itself is unbalanced, that is the error a label-free balancer reaches by
    matching the pool exactly.
    """
    floors = {}
    for seed in seeds:
        pool, _ = split_pool(len(y), pool_fraction, random_state=seed)
        for task in TASKS:
            counts = np.array(
                [np.sum(y[pool] == c) for c in task.fractions], dtype=float
            )
            floors[(task.name, seed)] = float(
                np.max(np.abs(counts / counts.sum() - 1 / counts.size))
            )
    return floors


def task_floors(floors, task):
    """The pool floor of ``task`` on every split."""
    return [v for (name, _), v in floors.items() if name == task.name]


def mean_max(values):
    """``"mean (max)"`` table cell."""
    return f"{np.mean(values):.3f} ({np.max(values):.3f})"


def task_table(records, names, floors):
    summary = {(r["task"], r["balancer"]): r for r in summarize(records)}
    lines = [
        "| task | pool floor | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for task in TASKS:
        cells = [mean_max(task_floors(floors, task))] + [
            f"{summary[(task.name, n)]['balance_error']:.3f} ({summary[(task.name, n)]['max_balance_error']:.3f})"
            for n in names
        ]
        lines.append(f"| {task.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run_distinct(X, y, balancers, tasks, seeds, pool_fraction):
    """``run_comparison`` of ``{name: balancer}``, fitting each distinct configuration once.

    Balancers with the same ``repr`` (scikit-learn shows only the parameters
    that differ from the defaults, so ``AdaptiveVoronoiBalancer()`` and
    ``AdaptiveVoronoiBalancer(min_ess_fraction=0.25)`` are one configuration)
    share their records, copied under each name.
    """
    first = {}  # repr -> the first name with that configuration
    aliases = defaultdict(list)  # that name -> every name sharing its configuration
    for name, balancer in balancers.items():
        aliases[first.setdefault(repr(balancer), name)].append(name)
    records = run_comparison(
        X,
        y,
        {name: balancers[name] for name in aliases},
        tasks=tasks,
        seeds=seeds,
        pool_fraction=pool_fraction,
        verbose=1,
    )
    return [
        dataclasses.replace(r, balancer=alias)
        for r in records
        for alias in aliases[r.balancer]
    ]


def task_splits(y, seeds, pool_fraction, tasks):
    """``(seed, pool indices, task, subset indices)`` per split and task, drawn as ``run_comparison`` draws them."""
    for seed in seeds:
        pool, held_out = split_pool(len(y), pool_fraction, random_state=seed)
        for task in tasks:
            yield (
                seed,
                pool,
                task,
                draw_subset(y, held_out, task.fractions, random_state=seed),
            )


#: Diagnostic fits of the recommended balancer: (pool of the task's classes only?, parameters).
#: Exact cells (``n_candidates="all"``) show what the default's local cells cost and buy.
POOL_VARIANTS = {
    "pool of the task's classes only": (True, {}),
    "task's classes only, exact cells": (True, {"n_candidates": None}),
    "whole pool, exact cells": (False, {"n_candidates": None}),
}


def pool_variant_errors(X, y, seeds, pool_fraction):
    """``{variant: {task: [error per seed]}}`` of the recommended balancer in each of POOL_VARIANTS.

    Restricting the pool to the task's classes uses the pool's labels (no
    balancer can): it removes the pool points of classes absent from the
    subset, so what error remains comes from estimating the ratio between the
    task's own classes.
    """
    errors = {variant: {task.name: [] for task in TASKS} for variant in POOL_VARIANTS}
    for seed, pool, task, rows in task_splits(y, seeds, pool_fraction, TASKS):
        own = pool[np.isin(y[pool], list(task.fractions))]
        for variant, (restrict, params) in POOL_VARIANTS.items():
            balancer = AdaptiveVoronoiBalancer(random_state=seed, **params)
            weights = balancer.fit(X[own if restrict else pool]).compute_sample_weight(
                X[rows]
            )
            errors[variant][task.name].append(
                balance_error(y[rows], weights, classes=list(task.fractions))
            )
    return errors


def leakage_table(records, variants, floors):
    """Per task: the recommended balancer's error with the whole pool and in each pool variant."""
    lines = [
        "| task | pool floor | whole pool (default) | " + " | ".join(variants) + " |",
        "|---|---|---|" + "---|" * len(variants),
    ]
    for task in TASKS:
        full = [
            r.balance_error
            for r in records
            if r.balancer == RECOMMENDED and r.task == task.name
        ]
        cells = [task_floors(floors, task), full] + [
            errors[task.name] for errors in variants.values()
        ]
        lines.append(
            f"| {task.name} | " + " | ".join(mean_max(c) for c in cells) + " |"
        )
    return "\n".join(lines)


def cap_name(ratio, floor):
    """A row label for one (max_weight_ratio, min_ess_fraction) pair."""
    return f"max_weight_ratio={ratio}, min_ess_fraction={floor}"


def cap_table(cap_records, rare_records):
    """Per pair of weight caps: the seed tasks (error, ESS, target) next to the 5% tasks (error, ESS)."""
    names = [cap_name(*caps) for caps in CAPS]
    main_rows = {r["name"]: r for r in per_balancer(cap_records, names)}
    rare_rows = {r["name"]: r for r in per_balancer(rare_records, names)}
    header = (
        "| `max_weight_ratio` | `min_ess_fraction` | seed tasks: mean error | max error | min ESS "
        "| task-splits meeting target | 5% tasks: mean error | max error | mean ESS |"
    )
    lines = [header, "|---|---|---|---|---|---|---|---|---|"]
    default_caps = AdaptiveVoronoiBalancer().get_params()
    assert CAPS[0] == (
        default_caps["max_weight_ratio"],
        default_caps["min_ess_fraction"],
    ), "CAPS[0] must be the default"
    for i, (name, (ratio, floor)) in enumerate(zip(names, CAPS)):
        m, r = main_rows[name], rare_rows[name]
        default = " (default)" if i == 0 else ""
        lines.append(
            f"| {ratio}{default} | {floor}{default} | {m['mean_error']:.3f} | {m['max_error']:.3f} "
            f"| {m['min_ess']:.2f} | {m['met']}/{m['n']} | {r['mean_error']:.3f} | {r['max_error']:.3f} "
            f"| {r['mean_ess']:.2f} |"
        )
    return "\n".join(lines)


def missed(records, floors):
    """Table rows of the recommended balancer's task-splits that miss the target."""
    rows = [
        f"| {r.task} | {r.seed} | {r.balance_error:.3f} | {r.ess_fraction:.2f} | {floors[(r.task, r.seed)]:.3f} |"
        for r in records
        if r.balancer == RECOMMENDED and not meets_target(r)
    ]
    return "\n".join(rows) if rows else "| (none) | | | | |"


def plot(rows, curve, path, title):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 5))
    for r in rows:
        ax.scatter(r["mean_ess"], r["mean_error"], s=40)
        ax.annotate(
            r["name"],
            (r["mean_ess"], r["mean_error"]),
            textcoords="offset points",
            xytext=(4, 4),
            fontsize=8,
        )
    ess, err = zip(*[(c["mean_ess"], c["mean_error"]) for c in curve])
    ax.plot(
        ess,
        err,
        "k--",
        lw=1,
        label=f"{RECOMMENDED} tempered, power {POWERS[0]}..{POWERS[-1]}",
    )
    for power, c in zip(POWERS, curve):
        ax.annotate(
            f"{power:g}",
            (c["mean_ess"], c["mean_error"]),
            textcoords="offset points",
            xytext=(-10, -10),
            fontsize=7,
        )
    ax.axhline(TARGET_ERROR, color="grey", lw=0.8, ls=":")
    ax.axvline(TARGET_ESS, color="grey", lw=0.8, ls=":")
    ax.set_xlabel("effective sample size / n (mean over tasks and splits)")
    ax.set_ylabel("balance error (mean over tasks and splits)")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", choices=["mnist", "digits", *GENERATED], default="digits"
    )
    parser.add_argument("--mnist-dir", default=None)
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--output-dir", default="docs/results")
    parser.add_argument("--no-plot", action="store_true")
    args = parser.parse_args(argv)

    X, y, pool_fraction, description = load(args.data, args.mnist_dir)
    classes = {short_name(n): cls for n, cls in all_balancers()}
    names = sorted(classes, key=lambda n: (n != "uniform", n))
    start = time.perf_counter()
    tempered = {
        f"power {p:g}": TemperedBalancer(AdaptiveVoronoiBalancer(), power=p)
        for p in POWERS
    }
    floored = {
        f"floor {f}": AdaptiveVoronoiBalancer(min_ess_fraction=f) for f in ESS_FLOORS
    }
    capped = {
        cap_name(ratio, floor): AdaptiveVoronoiBalancer(
            max_weight_ratio=ratio, min_ess_fraction=floor
        )
        for ratio, floor in CAPS
    }
    # Every table on the seed tasks reads its own names from one set of records: the default
    # recommended balancer, the ESS floors and the caps repeat configurations.
    records = run_distinct(
        X,
        y,
        {**{n: classes[n]() for n in names}, **tempered, **floored, **capped},
        TASKS,
        args.seeds,
        pool_fraction,
    )
    rare_records = run_distinct(X, y, capped, RARE_TASKS, args.seeds, pool_fraction)
    variants = pool_variant_errors(X, y, args.seeds, pool_fraction)
    elapsed = time.perf_counter() - start

    rows = per_balancer(records, names)
    floors = pool_floors(y, args.seeds, pool_fraction)
    curve = per_balancer(records, list(tempered))
    curve = sorted(curve, key=lambda c: float(c["name"].split()[1]))
    floor_rows = per_balancer(records, list(floored))
    out = Path(args.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"balance_quality_{args.data}"
    command = command_line(__file__, argv)
    if not args.no_plot:
        plot(rows, curve, out / f"{stem}.png", f"{args.data}: {command}")

    rec = next(r for r in rows if r["name"] == RECOMMENDED)
    summary_lines = "\n".join(
        f"| {r['name']} | {r['mean_error']:.3f} | {r['max_error']:.3f} | {r['worst']} | "
        f"{r['mean_ess']:.2f} | {r['min_ess']:.2f} | {r['met']}/{r['n']} | {r['fit']:.2f} | {r['weight']:.3f} |"
        for r in rows
    )
    curve_lines, floor_lines = (
        "\n".join(
            f"| {c['name'].split()[1]} | {c['mean_error']:.3f} | {c['max_error']:.3f} | {c['mean_ess']:.2f} | "
            f"{c['min_ess']:.2f} | {c['met']}/{c['n']} |"
            for c in rows_
        )
        for rows_ in (curve, floor_rows)
    )
    report = f"""# Balance quality on {args.data}

{provenance(command, elapsed)}

- Data: {description}.
- Pool: a random {pool_fraction:.0%} (labels hidden); subsets from the other {1 - pool_fraction:.0%}.
  Splits (seeds): {", ".join(map(str, args.seeds))}. Every balancer has its **default parameters**,
  on the raw features.
- Tasks ({len(TASKS)}): {"; ".join(t.name for t in TASKS)}.
- Balance error: max over the task's classes of |weighted share − 1/K|. ESS: Kish's effective
  sample size / n. Target for the recommended balancer (`{RECOMMENDED}`): error ≤ {TARGET_ERROR}
  with ESS ≥ {TARGET_ESS} on every task and split: **{"met" if rec["met"] == rec["n"] else "not met"}**
  ({rec["met"]}/{rec["n"]} task-splits meet it; worst error {rec["max_error"]:.3f} on {rec["worst"]}).
- Pool floor: the error of weights that match the pool exactly (each class gets its share of the
  pool among the task's classes). A label-free balancer estimates the density ratio to the pool,
  so where the pool itself is unbalanced (a random 80% or 50% of a dataset whose classes differ
  in size) this part of the error is not the balancer's.

![balance error vs ESS]({stem}.png)

## Per balancer (sorted by mean error)

| balancer | mean error | max error | worst task | mean ESS | min ESS | task-splits meeting target | fit s | weight s |
|---|---|---|---|---|---|---|---|---|
{summary_lines}

## Task-splits where `{RECOMMENDED}` misses the target

| task | seed | error | ESS | pool floor |
|---|---|---|---|---|
{missed(records, floors)}

## Per task: mean balance error over splits (max in brackets)

{task_table(records, names, floors)}

## Where the error comes from: classes absent from the subset

The pool holds every class; a pair task's subset holds two. Fitting the recommended balancer on
only the pool points of the task's classes (a diagnostic that needs the pool's labels) removes
the absent classes; what error is left comes from estimating the density ratio between the
task's own classes from a few subset samples, and from the pool's own class balance (the pool
floor, which restricting the pool keeps). The last two columns use exact adaptive cells
(`n_candidates="all"`: every sample competes for every pool point, instead of the pool point's
{AdaptiveVoronoiBalancer().n_candidates} nearest samples). On the task's classes alone that is
what the default's local cells cost a rare class (near a crowded class, a pool point's nearest
samples are all of the crowded class); on the whole pool it is what they buy (isolated samples
with large cells collect absent classes). Mean balance error over splits (max in brackets).

{leakage_table(records, variants, floors)}

## Rarer minorities: the weight caps

`min_ess_fraction` (default 0.25) caps the largest weights just enough that the ESS is at least
that fraction of the subset; `max_weight_ratio` (default `None`, off; 20 before) caps each weight
at that multiple of the median positive weight first, so that a few samples at the edge of the
subset cannot collect a whole absent region. Both bound how far a rare class can be up-weighted: balancing
a class at share `p` of two needs weights `(1 − p) / p` times the other class's (9 at 10%, 19 at
5%), with an ESS of at most `4 p (1 − p)` n. The 5% tasks
({"; ".join(t.name for t in RARE_TASKS)}: 5% of one class's held-out samples next to all of
another's) show the trade-off. Perfectly balanced weights at a
{RARE_SHARE:.1%} share have an ESS of {4 * RARE_SHARE * (1 - RARE_SHARE):.2f} n, below the default
floor, so the ESS target does not apply there and the floor must be relaxed for such minorities.

{cap_table(records, rare_records)}

## Trade-off: `TemperedBalancer(AdaptiveVoronoiBalancer(), power=p)`

| power | mean error | max error | mean ESS | min ESS | task-splits meeting target |
|---|---|---|---|---|---|
{curve_lines}

## ESS floor: `AdaptiveVoronoiBalancer(min_ess_fraction=f)`

The largest weights are capped just enough that the ESS is at least `f` times the subset size
(unchanged where it already is); 0.25 is the default, `None` turns the floor off.

| f | mean error | max error | mean ESS | min ESS | task-splits meeting target |
|---|---|---|---|---|---|
{floor_lines}
"""
    write_report(out / f"{stem}.md", report)
    print(report)


if __name__ == "__main__":
    main()
