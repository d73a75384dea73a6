"""Scaling of the pairwise balancers with the pool size, against a bare GEMM.

For pools of N rows (synthetic Gaussian mixtures, float32) in D dimensions and
a subset of M = 2000 rows, each balancer is fitted on the pool and weights the
subset. Timed in rounds, each round a bare ``pool @ subset.T`` GEMM of the same
shapes and dtype (the floor of distance-based work; batched into a reused buffer,
see ``bare_gemm``) and the balancer's calls back to back: the ratios to the GEMM are
per round (median and range), so a drift of the machine's speed hits both. Peak
extra memory of the first fit and weight calls is measured with tracemalloc (which
sees numpy's buffers). A last table times the
recommended balancer's weighting with ``n_jobs=2`` against one thread, in the
same way.

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
    """``n`` rows of one mixture of 10 Gaussians (its centres fixed), drawn with ``seed``.

    The pool and the subset come from the same mixture, so the subset covers the
    pool as in use (a subset from another mixture fails every support test).
    """
    centers = np.random.RandomState(0).normal(scale=4.0, size=(10, d))
    rng = np.random.RandomState(seed)
    centers = centers.astype(np.float32)
    labels = rng.randint(10, size=n)
    X = centers[labels]
    X += rng.standard_normal(size=(n, d)).astype(np.float32)
    return X


def seconds(call):
    gc.collect()
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


#: Bytes of GEMM output per batch of the bare GEMM (cache-sized, as the balancers' batches).
GEMM_BATCH_BYTES = 16 * 2**20


def bare_gemm(pool, subset):
    """A call computing every entry of ``pool @ subset.T``, the floor of pairwise work.

    Batches of pool rows (about 16 MiB of output each) are multiplied into one
    reused buffer, as the balancers do: the arithmetic of the product without the
    page faults of allocating a fresh N x M result, which made a plain
    ``pool @ subset.T`` at D = 50 take anywhere from 1x to 9x its arithmetic from
    one call to the next.
    """
    targets = np.ascontiguousarray(subset.T)
    rows = max(256, GEMM_BATCH_BYTES // (pool.dtype.itemsize * subset.shape[0]))
    buffer = np.empty((min(rows, pool.shape[0]), subset.shape[0]), dtype=pool.dtype)

    def gemm():
        for start in range(0, pool.shape[0], rows):
            block = pool[start : start + rows]
            np.matmul(block, targets, out=buffer[: block.shape[0]])

    return gemm


def traced(call):
    """Seconds and peak MiB allocated (tracemalloc, which sees numpy's buffers)."""
    gc.collect()
    tracemalloc.start()
    try:
        elapsed = seconds(call)
        return elapsed, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(make, pool, subset, rounds=3, budget=10.0):
    """Per round: the GEMM, a fit and a weight call. Ratios to the GEMM, peak MiB.

    Rounds stop once the balancer's calls took ``budget`` seconds in all (the
    largest shapes get one round). The first round's calls are traced for their
    peak memory.
    """
    gemm = bare_gemm(pool, subset)
    gemm()  # first touch
    fit_ratios, weight_ratios, fits, weights, gemms = [], [], [], [], []
    fit_peak = weight_peak = None
    while len(fits) < rounds and sum(fits) + sum(weights) < budget:
        gemms.append(seconds(gemm))
        balancer = make()
        fit = lambda b=balancer: b.fit(pool)
        weight = lambda b=balancer: b.compute_sample_weight(subset)
        if fit_peak is None:
            fit_seconds, fit_peak = traced(fit)
            weight_seconds, weight_peak = traced(weight)
        else:
            fit_seconds, weight_seconds = seconds(fit), seconds(weight)
        fits.append(fit_seconds)
        weights.append(weight_seconds)
        fit_ratios.append(fits[-1] / gemms[-1])
        weight_ratios.append(weights[-1] / gemms[-1])
    return {
        "gemm": float(np.median(gemms)),
        "fit": float(np.median(fits)),
        "weight": float(np.median(weights)),
        "fit_ratio": np.array(fit_ratios),
        "weight_ratio": np.array(weight_ratios),
        "rounds": len(fits),
        "fit_peak": fit_peak,
        "peak": weight_peak,
    }


def threads(pool, subset, rounds):
    """Median weight seconds with one thread and with n_jobs=2, and their ratios."""
    one = default_balancer(random_state=0).fit(pool)
    two = default_balancer(random_state=0).set_params(n_jobs=2).fit(pool)
    ratios, t1, t2 = [], [], []
    for i in range(rounds):
        order = [(one, t1), (two, t2)] if i % 2 == 0 else [(two, t2), (one, t1)]
        for balancer, times in order:
            times.append(seconds(lambda b=balancer: b.compute_sample_weight(subset)))
        ratios.append(t2[-1] / t1[-1])
    return float(np.median(t1)), float(np.median(t2)), np.array(ratios)


def spread(ratios):
    return f"{np.median(ratios):.1f} ({ratios.min():.1f}-{ratios.max():.1f})"


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
        "--repeats", type=int, default=3, help="most rounds timed per shape"
    )
    parser.add_argument(
        "--thread-size",
        type=int,
        default=60_000,
        help="pool size of the n_jobs comparison",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=10.0,
        help="no further round once the balancer's calls took this long (s)",
    )
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)

    rows, thread_rows = [], []
    start = time.perf_counter()
    for d in args.dims:
        subset = make_data(args.subset, d, seed=1)
        for n in args.sizes:
            pool = make_data(n, d, seed=0)
            for name in args.balancers:
                r = measure(BALANCERS[name], pool, subset, args.repeats, args.budget)
                rows.append({"name": name, "n": n, "d": d, **r})
                print(
                    f"D={d} N={n} {name}: fit {r['fit']:.2f}s ({spread(r['fit_ratio'])}x)"
                    f" weight {r['weight']:.2f}s ({spread(r['weight_ratio'])}x GEMM "
                    f"{r['gemm']:.3f}s), peak {r['fit_peak']:.0f} / {r['peak']:.0f} MiB",
                    file=sys.stderr,
                )
            if n == args.thread_size:
                one, two, ratios = threads(pool, subset, args.repeats)
                thread_rows.append((n, d, one, two, ratios))
            del pool
            gc.collect()
    elapsed = time.perf_counter() - start

    command = command_line(__file__, argv)
    table = "\n".join(
        f"| {r['name']} | {r['n']:,} | {r['d']} | {r['fit']:.2f} | "
        f"{spread(r['fit_ratio'])} | {r['weight']:.2f} | {spread(r['weight_ratio'])} | "
        f"{r['gemm']:.3f} | {r['rounds']} | {r['fit_peak']:.0f} | {r['peak']:.0f} |"
        for r in rows
    )
    thread_table = "\n".join(
        f"| {n:,} | {d} | {one:.2f} | {two:.2f} | {np.median(ratios):.2f} "
        f"({ratios.min():.2f}-{ratios.max():.2f}) |"
        for n, d, one, two, ratios in thread_rows
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
`sklearn.get_config()["working_memory"]` = {sklearn.get_config()["working_memory"]} MiB;
total run time {elapsed:.0f} s.

Pool: N rows of a 10-component Gaussian mixture in D dimensions, float32; subset M =
{args.subset} other rows of the same mixture (as a subset drawn from the pool's population
would be: the support test then decides pool points as in use). Each round times a bare
GEMM, every entry of `pool @ subset.T` in the same dtype, computed in batches of pool rows (about 16 MiB of output each) into one reused
buffer as the balancers batch their work (a plain `pool @ subset.T` pays the page faults of a
fresh N x M result, which at D = 50 made it vary from 1x to 9x its arithmetic between calls),
then the balancer's `fit` and `compute_sample_weight`, back to back (up to
{args.repeats} rounds, none more once the balancer's calls took {args.budget:g} s in all).
Seconds are medians over the rounds; "/ GEMM" is the median of the per-round ratios, with
their range. "fit MiB" and "weight MiB": peak memory allocated during the first `fit`
and `compute_sample_weight` calls (tracemalloc; the float32 pool itself, 4 N D bytes, is allocated
before), to compare with working_memory + O(N + M) and, for a fit that keeps the pool,
one copy of it. "recommended" is
`default_balancer()`: `AdaptiveVoronoiBalancer` behind a `UnitScaler`.

| balancer | N | D | fit s | fit / GEMM | weight s | weight / GEMM | GEMM s | rounds | fit MiB | weight MiB |
|---|---|---|---|---|---|---|---|---|---|---|
{table}

Threads: the recommended balancer's weighting with `n_jobs=2` against one thread (BLAS
threads each GEMM in both; with `n_jobs=2` the batches run in two threads with
single-threaded BLAS). Rounds alternate which goes first; ratio = `n_jobs=2` / one thread.

| N | D | one thread s | n_jobs=2 s | ratio |
|---|---|---|---|---|
{thread_table}

![weight time vs pool size]({Path(str(stem) + ".png").name if stem else "scaling.png"})
"""
    if args.output:
        write_report(args.output, report)
        plot(rows, str(stem) + ".png", args.dims)
    print(report)


if __name__ == "__main__":
    main()
