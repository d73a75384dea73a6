"""Scaling of the pairwise balancers with the pool size, against a bare GEMM.

For pools of N rows (synthetic Gaussian mixtures, float32) in D dimensions and
a subset of M = 2000 rows, each balancer is fitted on the pool and weights the
subset. Measured in the same run, per shape: fit time, weight time (best of
up to three calls), peak extra memory of the first weight call (tracemalloc,
which sees numpy's buffers), and the ratio of the weight time to a bare ``pool @ subset.T`` GEMM of the
same shapes and dtype (the physical floor for distance-based work).

Usage (from the repository root; matplotlib for the plot)::

    python benchmarks/scaling.py --output docs/results/scaling.md
"""

import argparse
import gc
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import sklearn
from _report import (
    command_line,
    cores,
    write_report,
)  # benchmarks/ is on sys.path when a script runs
from threadpoolctl import threadpool_info

import skbalance
from skbalance import (
    AdaptiveVoronoiBalancer,
    DensityBalancer,
    KDEBalancer,
    VoronoiBalancer,
    default_balancer,
)

BALANCERS = {
    "voronoi": lambda: VoronoiBalancer(),
    "adaptive_voronoi": lambda: AdaptiveVoronoiBalancer(random_state=0),
    "recommended": lambda: default_balancer(random_state=0),
    "kde": lambda: KDEBalancer(),
    "density": lambda: DensityBalancer(),
}


def make_data(n, d, seed):
    rng = np.random.RandomState(seed)
    centers = rng.normal(scale=4.0, size=(10, d)).astype(np.float32)
    labels = rng.randint(10, size=n)
    X = centers[labels]
    X += rng.standard_normal(size=(n, d)).astype(np.float32)
    return X


def gemm_seconds(pool, subset, repeats=3):
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        pool @ subset.T
        best = min(best, time.perf_counter() - start)
    return best


def measure(make, pool, subset, repeats=3, budget=10.0):
    """Fit time, best weight time, weight calls timed, and peak memory (MiB) of the first call.

    The weight call is timed up to ``repeats`` times, as long as the calls so
    far took less than ``budget`` seconds in all: the small shapes get a
    best-of-three (this 2-core machine is noisy), the big ones one call.
    """
    gc.collect()
    start = time.perf_counter()
    balancer = make().fit(pool)
    fit = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    balancer.compute_sample_weight(subset)
    times = [time.perf_counter() - start]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    while len(times) < repeats and sum(times) < budget:
        gc.collect()
        start = time.perf_counter()
        balancer.compute_sample_weight(subset)
        times.append(time.perf_counter() - start)
    return fit, min(times), len(times), peak / 2**20


def plot(rows, path, dims):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(dims), figsize=(6 * len(dims), 4.2), squeeze=False)
    for ax, d in zip(axes.ravel(), dims):
        for name in list(BALANCERS) + ["GEMM"]:
            pts = sorted(
                (r["n"], r["weight"] if name != "GEMM" else r["gemm"])
                for r in rows
                if r["d"] == d
                and (r["name"] == name or (name == "GEMM" and r["name"] == "voronoi"))
            )
            if pts:
                ax.loglog(*zip(*pts), "o-" if name != "GEMM" else "k--", label=name)
        ax.set_xlabel("pool rows N")
        ax.set_ylabel("weight time (s), subset M = 2000")
        ax.set_title(f"D = {d}")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="+", type=int, default=[10_000, 60_000, 250_000, 1_000_000]
    )
    parser.add_argument("--dims", nargs="+", type=int, default=[50, 784])
    parser.add_argument("--subset", type=int, default=2000)
    parser.add_argument(
        "--balancers", nargs="+", default=list(BALANCERS), choices=list(BALANCERS)
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="most weight calls timed per shape (best counts)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=10.0,
        help="no further weight call once the calls took this long (s)",
    )
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)

    rows = []
    for d in args.dims:
        subset = make_data(args.subset, d, seed=1)
        for n in args.sizes:
            pool = make_data(n, d, seed=0)
            gemm = gemm_seconds(pool, subset)
            for name in args.balancers:
                fit, weight, calls, peak = measure(
                    BALANCERS[name], pool, subset, args.repeats, args.budget
                )
                rows.append(
                    {
                        "name": name,
                        "n": n,
                        "d": d,
                        "fit": fit,
                        "weight": weight,
                        "calls": calls,
                        "gemm": gemm,
                        "peak": peak,
                    }
                )
                print(
                    f"D={d} N={n} {name}: fit {fit:.2f}s weight {weight:.2f}s "
                    f"({weight / gemm:.1f}x GEMM {gemm:.3f}s), peak {peak:.0f} MiB",
                    file=sys.stderr,
                )
            del pool
            gc.collect()

    command = command_line(__file__, argv)
    table = "\n".join(
        f"| {r['name']} | {r['n']:,} | {r['d']} | {r['fit']:.2f} | {r['weight']:.2f} | {r['calls']} | {r['gemm']:.3f} | "
        f"{r['weight'] / r['gemm']:.1f} | {r['peak']:.0f} |"
        for r in rows
    )
    blas = ", ".join(
        sorted(
            {
                f"{i['internal_api']} {i.get('version', '')} ({i['num_threads']} threads)"
                for i in threadpool_info()
            }
        )
    )
    stem = Path(args.output).with_suffix("") if args.output else None
    report = f"""# Scaling with the pool size

Produced by

```
{command}
```

skbalance {skbalance.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__},
Python {platform.python_version()}, {cores()}, BLAS: {blas}.
`sklearn.get_config()["working_memory"]` = {sklearn.get_config()["working_memory"]} MiB.

Pool: N rows of a 10-component Gaussian mixture in D dimensions, float32; subset M =
{args.subset} rows. "weight s": the best of "calls" timed `compute_sample_weight` calls (up to
{args.repeats}, no further call once they took {args.budget:g} s in all; the machine is noisy, so
small shapes get a best-of-{args.repeats}). "GEMM s": best of three bare `pool @ subset.T` of the
same shapes and dtype, timed in the same run. "peak MiB": peak memory allocated during the first
`compute_sample_weight` call (tracemalloc), to compare with working_memory + O(N + M).

| balancer | N | D | fit s | weight s | calls | GEMM s | weight / GEMM | peak MiB |
|---|---|---|---|---|---|---|---|---|
{table}

![weight time vs pool size]({Path(str(stem) + ".png").name if stem else "scaling.png"})
"""
    if args.output:
        write_report(args.output, report)
        plot(rows, str(stem) + ".png", args.dims)
    print(report)


if __name__ == "__main__":
    main()
