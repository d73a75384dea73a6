"""How much of the recommended balancer's error do classes absent from the subset cause?

The balance-quality protocol's pair tasks (two class pairs per split, each
mixed balanced, 2:1 and 10%/90% both ways), weighted twice by the recommended
balancer: fitted on the whole pool, which holds every class, and fitted on the
pool cut to the task's two classes. The second uses the labels, which no
balancer has; it shows what a perfect support test (one that kept exactly the
pool points of the subset's classes) would give. In between, the whole-pool
balancer is told the share of the pool that the task's classes make up
(``pool_share``), which a user may know without labels. Where the two differ, the
error comes from the votes of absent classes; where both miss, from the
representation (the two classes overlap in it). Another column is the floor:
the error of weights that give each class exactly its share of the pool, which
is what a label-free balancer estimates (a pool whose classes differ in size,
as MNIST's own do, leaves that much error however good the balancer).

Usage (from the repository root)::

    python benchmarks/absent_classes.py --mnist-dir ../shared/data/mnist \
        --fashion-mnist-dir ../fashion-mnist/package \
        --output docs/results/absent_classes.md

Without a data folder the sets that need it are not run.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _datasets
import balance_quality as bq
from _report import command_line, provenance, write_or_print

from skbalance.experiments import draw_subset, split_pool
from skbalance.metrics import balance_error, effective_sample_size

#: The pool shares given to ``pool_share``, as multiples of the true one (a user's
#: estimate may be off either way), by their column heads.
SHARE_FACTORS = {
    "at 2/3 of the share": 2 / 3,
    "exact": 1.0,
    "at 3/2 of the share": 3 / 2,
}


def run_dataset(name, data_dirs, n_splits):
    """Per pair task-split, met and error from: the whole pool; the pool cut to the
    task's classes; the floor (error only); the whole pool told each multiple
    (``SHARE_FACTORS``) of the share of the task's classes."""
    X, y, image_shape = _datasets.load(name, data_dirs)
    records = []
    for split in range(n_splits):
        pool, held_out = split_pool(
            len(y), bq.pool_fraction(len(y)), random_state=split
        )
        counted, _ = bq.tasks(y, split, name)
        pair_tasks = [t for t in counted if len(t.fractions) == 2]
        whole = bq.make_balancer(bq.RECOMMENDED, split, image_shape).fit(X[pool])
        cut = {}
        for task in pair_tasks:
            classes = tuple(sorted(task.fractions))
            if classes not in cut:
                own = pool[np.isin(y[pool], classes)]
                balancer = bq.make_balancer(bq.RECOMMENDED, split, image_shape)
                cut[classes] = balancer.fit(X[own])
            rows = draw_subset(y, held_out, task.fractions, random_state=split)
            share = float(np.isin(y[pool], classes).mean())
            subset, labels, task_classes = X[rows], y[rows], list(task.fractions)
            record = weighed(whole, subset, labels, task_classes)
            record += weighed(cut[classes], subset, labels, task_classes)
            record.append(pool_share_error(labels, y[pool], task_classes))
            for factor in SHARE_FACTORS.values():
                pool_share = min(1.0, factor * share)
                record += weighed(whole, subset, labels, task_classes, pool_share)
            records.append(tuple(record))
    return np.array(records, dtype=float)


def weighed(balancer, X_subset, y_subset, classes, pool_share=None):
    """``[met, error]`` of the fitted ``balancer``'s weights for the subset.

    ``pool_share`` is a parameter of weighting only: set, it needs no refit.
    """
    balancer.set_params(pool_share=pool_share)
    weights = balancer.compute_sample_weight(X_subset)
    error = balance_error(y_subset, weights, classes=classes)
    ess = effective_sample_size(weights) / len(y_subset)
    return [bq.meets_target(error, ess), error]


def pool_share_error(y_subset, y_pool, classes):
    """Balance error of weights giving each class its share of the pool exactly."""
    labels, subset_counts = np.unique(y_subset, return_counts=True)
    pool_counts = np.array([np.sum(y_pool == label) for label in labels])
    weights = (pool_counts / subset_counts)[np.searchsorted(labels, y_subset)]
    return balance_error(y_subset, weights, classes=classes)


def met_and_error(met, error):
    """Two table cells: task-splits met of all, mean error."""
    return f"{int(met.sum())}/{met.size} | {error.mean():.3f}"


def rows(name, records):
    """The set's row of each table: absent classes, then ``pool_share``."""
    whole_met, whole_error, cut_met, cut_error, floor = records[:, :5].T
    absent = int(np.sum((whole_met == 0) & (cut_met == 1)))
    told = [
        met_and_error(records[:, 5 + 2 * i], records[:, 6 + 2 * i])
        for i in range(len(SHARE_FACTORS))
    ]
    absent_row = (
        f"| {name} | {met_and_error(whole_met, whole_error)} "
        f"| {met_and_error(cut_met, cut_error)} | {absent} "
        f"| {floor.mean():.3f} | {floor.max():.3f} |"
    )
    share_row = (
        f"| {name} | {met_and_error(whole_met, whole_error)} | {' | '.join(told)} |"
    )
    return absent_row, share_row


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    _datasets.add_data_arguments(parser)
    parser.add_argument("--output", default=None, help="write the report here")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    data_dirs = _datasets.data_dirs(args)
    absent_lines, share_lines, skipped = [], [], []
    sets = _datasets.runnable(_datasets.FAMILIES, args.datasets, data_dirs, skipped)
    for family, name in sets:
        records = run_dataset(name, data_dirs, args.n_splits)
        absent_line, share_line = rows(f"{name} ({family})", records)
        absent_lines.append(absent_line)
        share_lines.append(share_line)
        print(absent_line, share_line, sep="\n", flush=True)
    share_columns = " | ".join(
        f"`pool_share` {head}: met | mean error" for head in SHARE_FACTORS
    )
    text = f"""# Absent classes: how much of the error they cause

{provenance(command_line(__file__, argv), time.perf_counter() - start)}

The balance-quality report's pair tasks ({args.n_splits} splits x 8: two class pairs,
each balanced, 2:1 and 10%/90% both ways), weighted by
`{bq.RECOMMENDED}` fitted on the whole pool (every class) and on the pool cut to the
task's two classes (using the labels, which a balancer never has: what a perfect
support test would keep). "met": balance error <= {bq.TARGET_ERROR:.2f} with an
effective sample size >= {bq.TARGET_ESS:.0%} of the subset. "misses from absent
classes": the task-splits that miss with the whole pool and meet the target with the
cut one. "floor": the error of weights that give each class exactly its share of the
pool (labels again), the best a label-free balancer can do; it is above 0 only where
the pool's classes differ in size.

| dataset (family) | whole pool: met | mean error | pool of the subset's classes: met | mean error | misses from absent classes | floor: mean error | floor: max error |
|---|---|---|---|---|---|---|---|
{chr(10).join(absent_lines)}

## Telling the balancer the share

The same whole-pool balancer, told the share of the pool that the task's two classes
make up (`pool_share`, a parameter of weighting only), as a user who knows it would:
exactly, and misstated by the factors shown (capped at 1).

| dataset (family) | default test: met | mean error | {share_columns} |
|---|---|---|{"---|---|" * len(SHARE_FACTORS)}
{chr(10).join(share_lines)}
"""
    write_or_print(args.output, text, not_run=skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
