"""How well the recommended balancer's support test keeps classes absent from the subset out.

On the 10%/90% tasks of the balance-quality benchmark (same data, splits and
subsets), every pool point of ``AdaptiveVoronoiBalancer()`` is labelled by
what it is (a pool point of the task's rare class, of its common class, or of
a class absent from the subset) and the report gives, per group: the share
of the group whose votes pass the support test, where the passing votes go
(rare or common class), and how well the support statistic (log of the pool
point's neighbour count over that of the sample it votes for; the geometric
means over the ``support_neighbors`` nearest) separates the
group from the absent classes (ROC AUC; 1 = perfectly, 0.5 = not at all).
The labels are used only to score; the balancer never sees them.

It reads the balancer's per-pool-point votes through private methods of
``AdaptiveVoronoiBalancer`` (a diagnostic, not an API), in one function.

Usage (from the repository root)::

    python benchmarks/support_test.py --mnist-dir ../shared/data/mnist

Datasets whose files are missing (MNIST without ``--mnist-dir``) are skipped.
"""

import argparse
import time
from pathlib import Path

import numpy as np
from _report import command_line, write_report  # benchmarks/ is on sys.path when a script runs
from balance_quality import TASKS, load, task_splits
from sklearn.metrics import roc_auc_score

from skbalance import AdaptiveVoronoiBalancer

RARE_TASKS = [task for task in TASKS if "10%" in task.name]
GROUPS = ("rare class", "common class", "absent classes")


def pool_votes(balancer, X):
    """Per pool point: its first-choice sample, per-sample support statistic, and which of its votes count.

    The votes are the ones ``AdaptiveVoronoiBalancer._compute_weights`` counts
    (before the caps): a vote counts if it passes the per-sample test and,
    when the region test is on, its region passes too.
    """
    Z = balancer._apply_transformer(X)
    owners, passes = balancer._passing_votes(Z)
    # The per-sample statistic behind the test (its inputs are not kept by the balancer).
    spacing = balancer._subset_spacing(Z)
    scales = balancer._cell_scales(spacing)
    k_reach, gaps = balancer._support_gaps(spacing)
    sample_counts = balancer._sample_counts(Z, gaps)
    _, reach = balancer._assign(balancer.pool_, Z, scales, balancer.n_votes, balancer.n_candidates, k_reach)
    pool_counts = balancer._support_counts(balancer.pool_, reach)
    statistic = np.log(pool_counts) - np.log(sample_counts[owners[:, 0]])
    return owners, statistic, passes


#: The recommended balancer with both support tests (its defaults) and with the per-sample test only.
VARIANTS = {"defaults (per-sample and region test)": {}, "per-sample test only (`region_size=None`)": {"region_size": None}}


def measure(X, y, seeds, pool_fraction, params):
    """Per group: pass rate, vote mass to the rare / common class, AUC against the absent classes."""
    rows = {g: {"pass": [], "to_rare": [], "to_common": [], "auc": []} for g in GROUPS}
    fitted = {}
    for seed, pool, task, subset in task_splits(y, seeds, pool_fraction, RARE_TASKS):
        if seed not in fitted:  # one fit per split, as in the balance-quality benchmark
            fitted[seed] = AdaptiveVoronoiBalancer(random_state=seed, **params).fit(X[pool])
        balancer = fitted[seed]
        rare, common = task.fractions  # the 10% class comes first
        owners, statistic, passes = pool_votes(balancer, X[subset])
        voted = y[subset][owners]
        members = {
            "rare class": y[pool] == rare,
            "common class": y[pool] == common,
            "absent classes": ~np.isin(y[pool], [rare, common]),
        }
        absent = members["absent classes"]
        for group, mask in members.items():
            # Each pool point's vote is split equally between its owners: count passing shares.
            rows[group]["pass"].append(passes[mask].mean())
            rows[group]["to_rare"].append(np.sum(passes[mask] & (voted[mask] == rare)) / owners.shape[1])
            rows[group]["to_common"].append(np.sum(passes[mask] & (voted[mask] == common)) / owners.shape[1])
            if group != "absent classes":
                labels = np.r_[np.zeros(mask.sum()), np.ones(absent.sum())]
                rows[group]["auc"].append(roc_auc_score(labels, np.r_[statistic[mask], statistic[absent]]))
    return rows


def table(rows):
    header = (
        "| pool points of | votes passing | passing votes to the rare class | to the common class "
        "| AUC against absent classes |"
    )
    lines = [header, "|---|---|---|---|---|"]
    total_rare = sum(np.sum(rows[g]["to_rare"]) for g in GROUPS)
    total_common = sum(np.sum(rows[g]["to_common"]) for g in GROUPS)
    for group in GROUPS:
        r = rows[group]
        auc = f"{np.mean(r['auc']):.2f}" if r["auc"] else "n/a"
        lines.append(
            f"| {group} | {np.mean(r['pass']):.0%} | {np.sum(r['to_rare']) / total_rare:.0%} "
            f"| {np.sum(r['to_common']) / total_common:.0%} | {auc} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist-dir", default=None)
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--output", default="docs/results/support_test.md")
    args = parser.parse_args(argv)

    sections = []
    start = time.perf_counter()
    for name in ("mnist", "digits", "synthetic"):
        if name == "mnist" and args.mnist_dir is None:
            continue
        X, y, pool_fraction, description = load(name, args.mnist_dir)
        tables = "\n".join(
            f"{variant}:\n\n{table(measure(X, y, args.seeds, pool_fraction, params))}\n"
            for variant, params in VARIANTS.items()
        )
        sections.append(f"## {name}\n\n{description}.\n\n{tables}")
        print(sections[-1], flush=True)
    elapsed = time.perf_counter() - start

    report = f"""# Support test: rare class vs absent classes

Produced by

```
{command_line(__file__, argv)}
```

in {elapsed:.0f} s. `AdaptiveVoronoiBalancer()`, with its defaults and with the per-sample
support test only, on the 10%/90% tasks of the
balance-quality benchmark ({'; '.join(t.name for t in RARE_TASKS)}), splits (seeds)
{', '.join(map(str, args.seeds))}. Each pool point splits one vote between its
{AdaptiveVoronoiBalancer().n_votes} adaptive-nearest samples; a vote counts if it passes the
per-sample support test and (defaults) its region passes the region test. *Votes passing*: the share of the group's votes that count. *Passing votes to the
rare / common class*: where the counted votes of all pool points go, by group (each column sums
to 100%). *AUC*: how well the per-sample support statistic (log pool count of the point minus that of
the sample it votes for first; each count the geometric mean of the counts within the 1st to
{AdaptiveVoronoiBalancer().support_neighbors}th neighbour distances, `support_neighbors`) ranks the group's pool points below those of the absent classes.

{chr(10).join(sections)}"""
    write_report(Path(args.output), report)


if __name__ == "__main__":
    main()
