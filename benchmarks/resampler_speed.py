"""Resampler speed against imbalanced-learn, measured side by side in one run.

Data: ``n_samples`` x ``n_features`` float64 rows, three classes at 90% / 9% /
1%. Each of our samplers is paired with the imbalanced-learn sampler doing the
same job; every round times both ``fit_resample`` calls back to back (which
goes first alternates), so that a drift of the machine's speed hits both. The
report gives, per pair, the median of the per-round ratios ours /
imbalanced-learn and their range; a range that spans 1 is reported as too
noisy to conclude.

Usage (from the repository root)::

    python benchmarks/resampler_speed.py --output docs/results/resampler_speed.md
"""

import argparse
import platform
import time

import imblearn
import numpy as np
import sklearn
from _report import (
    command_line,
    cores,
    write_report,
)  # benchmarks/ is on sys.path when a script runs
from imblearn.over_sampling import RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler

import skbalance
from skbalance import ClassBalanceOverSampler, ClassBalanceUnderSampler


def timed(make, X, y):
    """Seconds of one ``fit_resample`` and the class counts it gives."""
    sampler = make()
    start = time.perf_counter()
    _X_res, y_res = sampler.fit_resample(X, y)
    return time.perf_counter() - start, np.bincount(y_res).tolist()


def paired_ratios(ours, theirs, X, y, rounds):
    """Per round, ours / theirs timed back to back (the order alternates)."""
    ratios, times, counts = [], {"ours": [], "theirs": []}, {}
    for i in range(rounds):
        order = [("ours", ours), ("theirs", theirs)]
        if i % 2:
            order.reverse()
        seconds = {}
        for name, make in order:
            seconds[name], counts[name] = timed(make, X, y)
            times[name].append(seconds[name])
        ratios.append(seconds["ours"] / seconds["theirs"])
    return np.array(ratios), times, counts


def verdict(ratios):
    if ratios.max() < 1:
        return "faster in every round"
    if ratios.min() > 1:
        return "slower in every round"
    return "range spans 1: too noisy to conclude"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=1_000_000)
    parser.add_argument("--n-features", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)

    rng = np.random.RandomState(0)
    X = rng.normal(size=(args.n_samples, args.n_features))
    y = rng.choice(3, size=args.n_samples, p=[0.90, 0.09, 0.01])

    over = lambda: RandomOverSampler(random_state=0)
    under = lambda: RandomUnderSampler(random_state=0)
    pairs = [
        (
            "ClassBalanceOverSampler (interclass)",
            lambda: ClassBalanceOverSampler(random_state=0),
            "RandomOverSampler",
            over,
        ),
        (
            "ClassBalanceOverSampler (global)",
            lambda: ClassBalanceOverSampler(allocation="global", random_state=0),
            "RandomOverSampler",
            over,
        ),
        (
            "ClassBalanceUnderSampler",
            lambda: ClassBalanceUnderSampler(random_state=0),
            "RandomUnderSampler",
            under,
        ),
    ]
    start = time.perf_counter()
    timed(over, X, y)  # warm-up: first-touch of the data, imports
    lines = []
    for ours_name, ours, theirs_name, theirs in pairs:
        ratios, times, counts = paired_ratios(ours, theirs, X, y, args.rounds)
        lines.append(
            f"| {ours_name} | {theirs_name} | {np.median(times['ours']):.3f} | "
            f"{np.median(times['theirs']):.3f} | **{np.median(ratios):.2f}** | "
            f"{ratios.min():.2f}-{ratios.max():.2f} | {verdict(ratios)} | "
            f"{counts['ours']} / {counts['theirs']} |"
        )
    elapsed = time.perf_counter() - start
    rows = "\n".join(lines)
    command = command_line(__file__, argv)
    report = f"""# Resampler speed vs imbalanced-learn

Produced by

```
{command}
```

skbalance {skbalance.__version__}, imbalanced-learn {imblearn.__version__}, scikit-learn
{sklearn.__version__}, numpy {np.__version__}, Python {platform.python_version()}, {cores()};
total run time {elapsed:.0f} s.

Data: {args.n_samples:,} x {args.n_features} float64, classes at 90% / 9% / 1%. Each pair is
timed in {args.rounds} rounds; a round runs both samplers' `fit_resample` back to back (which
goes first alternates). Ratio: ours / imbalanced-learn in each round (below 1: ours is
faster); the table gives the median ratio and the range over the rounds. The oversamplers
raise every class to the majority count (`interclass` exactly, as RandomOverSampler does;
`global` rounds repeat factors stochastically); the undersamplers lower every class to the
minority count.

| ours | imbalanced-learn | median s, ours | median s, theirs | median ratio | range | verdict | class counts after (ours / theirs) |
|---|---|---|---|---|---|---|---|
{rows}
"""
    if args.output:
        write_report(args.output, report)
    print(report)


if __name__ == "__main__":
    main()
