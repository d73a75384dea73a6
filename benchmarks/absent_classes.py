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
representation (the two classes overlap in it). A third column is the floor:
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


def run_dataset(name, data_dirs, n_splits):
    """Per pair task-split: met and error from the whole pool, the whole pool
    told the share of the task's classes, the pool cut to them; then the floor."""
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
            record = []
            for balancer, pool_share in (
                (whole, None),
                (whole, share),  # a parameter of weighting only: no refit
                (cut[classes], None),
            ):
                balancer.set_params(pool_share=pool_share)
                weights = balancer.compute_sample_weight(X[rows])
                error = balance_error(y[rows], weights, classes=list(task.fractions))
                ess = effective_sample_size(weights) / rows.size
                record += [bq.meets_target(error, ess), error]
            record.append(pool_share_error(y[rows], y[pool], list(task.fractions)))
            records.append(tuple(record))
    return np.array(records, dtype=float)


def pool_share_error(y_subset, y_pool, classes):
    """Balance error of weights giving each class its share of the pool exactly."""
    labels, subset_counts = np.unique(y_subset, return_counts=True)
    pool_counts = np.array([np.sum(y_pool == label) for label in labels])
    weights = (pool_counts / subset_counts)[np.searchsorted(labels, y_subset)]
    return balance_error(y_subset, weights, classes=classes)


def row(name, records):
    n = len(records)
    whole_met, whole_error, told_met, told_error, cut_met, cut_error, floor = records.T
    absent = int(np.sum((whole_met == 0) & (cut_met == 1)))
    return (
        f"| {name} | {int(whole_met.sum())}/{n} | {whole_error.mean():.3f} "
        f"| {int(told_met.sum())}/{n} | {told_error.mean():.3f} "
        f"| {int(cut_met.sum())}/{n} | {cut_error.mean():.3f} | {absent} "
        f"| {floor.mean():.3f} | {floor.max():.3f} |"
    )


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    _datasets.add_data_arguments(parser)
    parser.add_argument("--datasets", nargs="+", default=None, help="only these sets")
    parser.add_argument("--n-splits", type=int, default=5)
    parser.add_argument("--output", default=None, help="write the report here")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    data_dirs = _datasets.data_dirs(args)
    lines, skipped = [], []
    sets = _datasets.runnable(_datasets.FAMILIES, args.datasets, data_dirs, skipped)
    for family, name in sets:
        records = run_dataset(name, data_dirs, args.n_splits)
        lines.append(row(f"{name} ({family})", records))
        print(lines[-1], flush=True)
    text = f"""# Absent classes: how much of the error they cause

{provenance(command_line(__file__, argv), time.perf_counter() - start)}

The balance-quality report's pair tasks ({args.n_splits} splits x 8: two class pairs,
each balanced, 2:1 and 10%/90% both ways), weighted by
`{bq.RECOMMENDED}` fitted on the whole pool (every class), the same told the share
of the pool that the task's two classes make up (`pool_share`: what a user who knows
that share can pass), and fitted on the pool cut to the task's two classes (using the
labels, which a balancer never has: what a perfect support test would keep). "met": balance error <= {bq.TARGET_ERROR:.2f} with an
effective sample size >= {bq.TARGET_ESS:.0%} of the subset. The last column counts the
task-splits that miss with the whole pool and meet the target with the cut one: the
misses that the votes of absent classes cause. "floor": the error of weights that give
each class exactly its share of the pool (labels again), the best a label-free
balancer can do; it is above 0 only where the pool's classes differ in size.

| dataset (family) | whole pool: met | mean error | whole pool, `pool_share` given: met | mean error | pool of the subset's classes: met | mean error | misses from absent classes | floor: mean error | floor: max error |
|---|---|---|---|---|---|---|---|---|---|
{chr(10).join(lines)}
"""
    write_or_print(args.output, text, not_run=skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
