"""Resampler speed against imbalanced-learn, measured side by side in one run.

Data: ``n_samples`` x ``n_features`` float64 rows, three classes at 90% / 9% /
1%. Each sampler's ``fit_resample`` is timed ``--repeats`` times, the runs of
the competing samplers interleaved, and the best time kept (the machine is
noisy; the best run is the least disturbed). The ratio ours / imbalanced-learn
is what the docs report; below 1 means ours is faster.

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


def best_time(make, X, y, repeats):
    times = []
    for _ in range(repeats):
        sampler = make()
        start = time.perf_counter()
        _X_res, y_res = sampler.fit_resample(X, y)
        times.append(time.perf_counter() - start)
    return min(times), np.bincount(y_res).tolist()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=1_000_000)
    parser.add_argument("--n-features", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)

    rng = np.random.RandomState(0)
    X = rng.normal(size=(args.n_samples, args.n_features))
    y = rng.choice(3, size=args.n_samples, p=[0.90, 0.09, 0.01])

    contenders = {
        "imblearn RandomOverSampler": lambda: RandomOverSampler(random_state=0),
        "skbalance ClassBalanceOverSampler (interclass)": lambda: (
            ClassBalanceOverSampler(random_state=0)
        ),
        "skbalance ClassBalanceOverSampler (global)": lambda: ClassBalanceOverSampler(
            allocation="global", random_state=0
        ),
        "imblearn RandomUnderSampler": lambda: RandomUnderSampler(random_state=0),
        "skbalance ClassBalanceUnderSampler": lambda: ClassBalanceUnderSampler(
            random_state=0
        ),
    }
    baseline = {
        "imblearn RandomOverSampler": "imblearn RandomOverSampler",
        "skbalance ClassBalanceOverSampler (interclass)": "imblearn RandomOverSampler",
        "skbalance ClassBalanceOverSampler (global)": "imblearn RandomOverSampler",
        "imblearn RandomUnderSampler": "imblearn RandomUnderSampler",
        "skbalance ClassBalanceUnderSampler": "imblearn RandomUnderSampler",
    }
    results = {name: [] for name in contenders}
    counts = {}
    for _ in range(args.repeats):  # interleave the contenders
        for name, make in contenders.items():
            seconds, counts[name] = best_time(make, X, y, 1)
            results[name].append(seconds)
    rows = "\n".join(
        f"| {name} | {min(t):.3f} | {min(t) / min(results[baseline[name]]):.2f} ({baseline[name].split()[1]}) | {counts[name]} |"
        for name, t in results.items()
    )
    command = command_line(__file__, argv)
    report = f"""# Resampler speed vs imbalanced-learn

Produced by

```
{command}
```

skbalance {skbalance.__version__}, imbalanced-learn {imblearn.__version__}, scikit-learn
{sklearn.__version__}, numpy {np.__version__}, Python {platform.python_version()}, {cores()}.

Data: {args.n_samples:,} x {args.n_features} float64, classes at 90% / 9% / 1%. Best of
{args.repeats} interleaved runs of `fit_resample` each. Ratio = time / the imbalanced-learn
sampler doing the same job (below 1: faster). The oversamplers raise every class to the majority
count (`interclass` exactly, as RandomOverSampler does; `global` rounds repeat factors
stochastically); the undersamplers lower every class to the minority count.

| sampler | best seconds | ratio to imbalanced-learn | class counts after |
|---|---|---|---|
{rows}
"""
    if args.output:
        write_report(args.output, report)
    print(report)


if __name__ == "__main__":
    main()
