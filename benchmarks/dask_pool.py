"""A pool that never sits in memory: a lazily generated dask array.

Generates an N x D float32 Gaussian-mixture pool lazily with dask (never
materialised: N * D * 4 bytes would be needed otherwise), fits the Voronoi, KDE
and adaptive Voronoi balancers on it and weights a subset, block by block, and the
classifier-ratio and cluster balancers, which read a random sample of
``max_pool_samples`` rows. Also checks, on a slice that fits in memory, that the dask
path equals the in-memory path.

Usage (from the repository root)::

    python benchmarks/dask_pool.py --n-samples 5000000 --output docs/results/dask_pool.md
"""

import argparse
import platform
import sys
import time

import dask
import dask.array as da
import numpy as np
from _report import (
    command_line,
    cores,
    write_report,
)  # benchmarks/ is on sys.path when a script runs
from sklearn import clone

import skbalance
from skbalance import (
    AdaptiveVoronoiBalancer,
    ClassifierRatioBalancer,
    ClusterBalancer,
    KDEBalancer,
    VoronoiBalancer,
)

BALANCERS = (
    VoronoiBalancer(),
    KDEBalancer(),
    AdaptiveVoronoiBalancer(random_state=0),
    ClassifierRatioBalancer(random_state=0),
    ClusterBalancer(random_state=0),
)


def lazy_pool(n, d, chunk, seed=0):
    rs = da.random.RandomState(seed)
    centers = (
        np.random.RandomState(seed).normal(scale=3.0, size=(10, d)).astype(np.float32)
    )
    labels = rs.randint(0, 10, size=n, chunks=chunk)
    noise = rs.standard_normal((n, d), chunks=(chunk, d)).astype(np.float32)
    means = da.map_blocks(
        lambda lab: centers[lab],
        labels,
        dtype=np.float32,
        new_axis=1,
        chunks=(labels.chunks[0], (d,)),
    )
    return noise + means


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=5_000_000)
    parser.add_argument("--n-features", type=int, default=20)
    parser.add_argument("--chunk", type=int, default=250_000)
    parser.add_argument("--subset", type=int, default=2000)
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)

    pool = lazy_pool(args.n_samples, args.n_features, args.chunk)
    subset = (
        np.asarray(pool[: args.subset].compute()) + 0.1
    )  # near the pool's first rows
    rows = []
    for balancer in BALANCERS:
        start = time.perf_counter()
        balancer.fit(pool)
        fit = time.perf_counter() - start
        start = time.perf_counter()
        w = balancer.compute_sample_weight(subset)
        weight = time.perf_counter() - start
        small = pool[:200_000]
        same = np.allclose(
            clone(balancer).fit(small).compute_sample_weight(subset),
            clone(balancer)
            .fit(np.asarray(small.compute()))
            .compute_sample_weight(subset),
            rtol=1e-6,
        )
        rows.append(
            f"| {type(balancer).__name__} | {fit:.1f} | {weight:.1f} | {np.isfinite(w).all()} | {same} |"
        )
        print(rows[-1], file=sys.stderr)
    command = command_line(__file__, argv)
    gib = args.n_samples * args.n_features * 4 / 2**30
    report = f"""# A pool that never sits in memory (dask)

Produced by

```
{command}
```

skbalance {skbalance.__version__}, dask {dask.__version__}, numpy {np.__version__},
Python {platform.python_version()}, {cores()}, dask's default (threaded) scheduler.

Pool: {args.n_samples:,} x {args.n_features} float32 ({gib:.1f} GiB if materialised), generated
lazily in blocks of {args.chunk:,} rows; subset: {args.subset} rows. "fit s" includes one pass
over the pool to check it is finite (and, for KDE, the bandwidth rule's passes; for adaptive
Voronoi, drawing its support references; for the classifier-ratio and cluster balancers,
reading their random sample of `max_pool_samples` = 100,000 rows, and for cluster, fitting
the mixture on it); "weight s" is the block-by-block vote / density pass (classifier ratio:
training the pool-vs-subset classifier). "equal" checks, on the first 200,000 rows, that the
dask path gives the same weights as the in-memory path.

| balancer | fit s | weight s | weights finite | dask == in-memory |
|---|---|---|---|---|
{chr(10).join(rows)}
"""
    if args.output:
        write_report(args.output, report)
    print(report)


if __name__ == "__main__":
    main()
