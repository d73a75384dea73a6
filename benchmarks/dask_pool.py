"""A pool that never sits in memory: a lazily generated dask array on a local cluster.

Generates an N x D float32 Gaussian-mixture pool lazily with dask (never
materialised: N * D * 4 bytes would be needed otherwise) and runs balancers on
it, by default the recommended one, on a ``dask.distributed`` cluster of worker
processes on this machine (``--workers 0``: dask's threaded scheduler in this
process). Reports the time of ``fit`` and ``compute_sample_weight`` and the
peak memory of every worker process, and checks, on a slice that fits in
memory, that the dask path equals the in-memory path.

Usage (from the repository root)::

    python benchmarks/dask_pool.py --output docs/results/dask_pool.md
"""

import argparse
import platform
import resource
import sys
import time

import dask
import dask.array as da
import numpy as np
from _report import command_line, cores, write_report  # benchmarks/ is on sys.path
from sklearn import clone

import skbalance
from skbalance import (
    AdaptiveVoronoiBalancer,
    ClassifierRatioBalancer,
    ClusterBalancer,
    KDEBalancer,
    VoronoiBalancer,
    default_balancer,
)

BALANCERS = {
    "recommended": lambda: default_balancer(random_state=0),
    "voronoi": VoronoiBalancer,
    "kde": KDEBalancer,
    "adaptive_voronoi": lambda: AdaptiveVoronoiBalancer(random_state=0),
    "classifier_ratio": lambda: ClassifierRatioBalancer(random_state=0),
    "cluster": lambda: ClusterBalancer(random_state=0),
}


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


def peak_rss_mib():
    """This process's peak resident memory (MiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=10_000_000)
    parser.add_argument("--n-features", type=int, default=20)
    parser.add_argument("--chunk", type=int, default=250_000)
    parser.add_argument("--subset", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="0: threaded scheduler")
    parser.add_argument(
        "--balancers", nargs="+", choices=list(BALANCERS), default=["recommended"]
    )
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)

    client = cluster = None
    if args.workers:
        from distributed import Client, LocalCluster

        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
        scheduler = (
            f"a `dask.distributed` LocalCluster of {args.workers} worker processes"
        )
    else:
        scheduler = "dask's threaded scheduler"
    start_all = time.perf_counter()
    pool = lazy_pool(args.n_samples, args.n_features, args.chunk)
    subset = np.asarray(pool[: args.subset].compute()) + 0.1  # near the first rows
    rows = []
    for name in args.balancers:
        balancer = BALANCERS[name]()
        start = time.perf_counter()
        balancer.fit(pool)
        fit = time.perf_counter() - start
        start = time.perf_counter()
        w = balancer.compute_sample_weight(subset)
        weight = time.perf_counter() - start
        if client is not None:
            peaks = sorted(client.run(peak_rss_mib).values())
            memory = ", ".join(f"{p:,.0f}" for p in peaks)
        else:
            memory = f"{peak_rss_mib():,.0f} (one process)"
        small = pool[:200_000]
        lazy = clone(balancer).fit(small).compute_sample_weight(subset)
        eager = (
            clone(balancer)
            .fit(np.asarray(small.compute()))
            .compute_sample_weight(subset)
        )
        differ = np.count_nonzero(~np.isclose(lazy, eager, rtol=1e-6, atol=0))
        largest = np.abs(lazy - eager).max()
        rows.append(
            f"| {name} | {fit:.1f} | {weight:.1f} | {memory} | "
            f"{np.isfinite(w).all()} | {differ} of {len(w)} ({largest:.2g}) |"
        )
        print(rows[-1], file=sys.stderr)
    client_peak = peak_rss_mib()
    elapsed = time.perf_counter() - start_all
    if client is not None:
        client.close()
        cluster.close()
    command = command_line(__file__, argv)
    gib = args.n_samples * args.n_features * 4 / 2**30
    report = f"""# A pool that never sits in memory (dask)

Produced by

```
{command}
```

skbalance {skbalance.__version__}, dask {dask.__version__}, numpy {np.__version__},
Python {platform.python_version()}, {cores()}; {scheduler}; total run time
{elapsed:.0f} s.

Pool: {args.n_samples:,} x {args.n_features} float32 ({gib:.1f} GiB if materialised),
generated lazily in blocks of {args.chunk:,} rows on the workers; subset: {args.subset}
rows. "fit s" includes one pass over the pool to check that it is finite and, for the
recommended balancer, fitting its `UnitScaler` on a random sample of 100,000 rows,
drawing the support test's references and fitting the k-means regions on a sample;
"weight s" is the block-by-block pass (owners, support tests, regions). "peak MiB per
worker": each worker process's peak resident memory after the balancer ran (the client
process: {client_peak:,.0f} MiB, the subset and small per-block results only). "differ
from in-memory": on the first 200,000 rows, the weights of the dask path that differ from
the in-memory path's, and the largest difference: float32 GEMMs over blocks of another
size can round a near-tie of two distances the other way (a vote moves between two
neighbouring samples).

| balancer | fit s | weight s | peak MiB per worker | weights finite | differ from in-memory (largest) |
|---|---|---|---|---|---|
{chr(10).join(rows)}
"""
    if args.output:
        write_report(args.output, report)
    print(report)


if __name__ == "__main__":
    main()
