"""The original experiment's protocol: balance unbalanced subsets using a pool.

A labelled dataset is split into a *pool* (labels hidden from the balancers)
and a held-out part; unbalanced subsets of a few classes are drawn from the
held-out part; every balancer is fitted on the pool and weights each subset;
the weighted class shares, the balance error and the effective sample size
are recorded.
"""

import json
import re
import sys
import time
from dataclasses import asdict, dataclass, field

import numpy as np
from sklearn.utils import check_random_state

from ..metrics import balance_error, effective_sample_size, weighted_class_distribution
from ..utils._random import with_random_state


@dataclass(frozen=True)
class Task:
    """An unbalanced subset: the fraction of each class's held-out samples kept.

    Parameters
    ----------
    name : str
        Row label in the results table.
    fractions : dict
        ``{class: fraction in (0, 1]}``.
    """

    name: str
    fractions: dict = field(hash=False)


#: The five mixes of the original results table.
ORIGINAL_TASKS = (
    Task("2, 3 (balanced)", {2: 1.0, 3: 1.0}),
    Task("2 (x2), 3 (x1)", {2: 1.0, 3: 0.5}),
    Task("5 (10%), 1 (90%)", {5: 0.1, 1: 0.9}),
    Task("2 (10%), 3 (90%)", {2: 0.1, 3: 0.9}),
    Task("3 (10%), 2 (90%)", {3: 0.1, 2: 0.9}),
)


def pair_tasks(a, b):
    """The original experiment's four mixes for the class pair ``(a, b)``.

    Balanced, 2:1, ``a`` at 10% vs ``b`` at 90%, and the reverse.

    Examples
    --------
    >>> from skbalance.experiments import pair_tasks
    >>> [t.name for t in pair_tasks(1, 5)]
    ['1, 5 (balanced)', '1 (x2), 5 (x1)', '1 (10%), 5 (90%)', '5 (10%), 1 (90%)']
    """
    return (
        Task(f"{a}, {b} (balanced)", {a: 1.0, b: 1.0}),
        Task(f"{a} (x2), {b} (x1)", {a: 1.0, b: 0.5}),
        Task(f"{a} (10%), {b} (90%)", {a: 0.1, b: 0.9}),
        Task(f"{b} (10%), {a} (90%)", {b: 0.1, a: 0.9}),
    )


def long_tail_task(classes, imbalance_ratio=20.0):
    """All ``classes`` with geometric fractions from 1 down to ``1 / imbalance_ratio``.

    Examples
    --------
    >>> from skbalance.experiments import long_tail_task
    >>> task = long_tail_task(range(3), imbalance_ratio=4)
    >>> task.name, task.fractions
    ('long tail (3 classes, 4:1)', {0: 1.0, 1: 0.5, 2: 0.25})
    """
    classes = list(classes)
    if len(classes) < 2:
        raise ValueError("a long-tail task needs at least two classes.")
    if imbalance_ratio < 1:
        raise ValueError(f"imbalance_ratio must be >= 1, got {imbalance_ratio}.")
    step = (1.0 / imbalance_ratio) ** (1.0 / (len(classes) - 1))
    fractions = {c: float(step**rank) for rank, c in enumerate(classes)}
    return Task(f"long tail ({len(classes)} classes, {imbalance_ratio:g}:1)", fractions)


def short_name(balancer_class_name):
    """``"BoxVoronoiBalancer"`` -> ``"box_voronoi"``.

    Examples
    --------
    >>> from skbalance.experiments import short_name
    >>> short_name("SmoothVoronoiBalancer")
    'smooth_voronoi'
    >>> short_name("KDEBalancer")
    'kde'
    """
    stem = re.sub(r"Balancer$", "", balancer_class_name)
    stem = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", stem)
    stem = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", stem)
    return stem.lower()


def split_pool(n_samples, pool_fraction, random_state=None):
    """Random split of ``range(n_samples)`` into pool and held-out indices."""
    if not 0 < pool_fraction < 1:
        raise ValueError(f"pool_fraction must be in (0, 1), got {pool_fraction}.")
    rng = check_random_state(random_state)
    order = rng.permutation(n_samples)
    n_pool = round(pool_fraction * n_samples)
    if n_pool in (0, n_samples):
        raise ValueError("pool_fraction leaves the pool or the held-out part empty.")
    return np.sort(order[:n_pool]), np.sort(order[n_pool:])


def draw_subset(y, candidates, fractions, random_state=None):
    """Indices of an unbalanced subset of ``candidates``.

    For each class ``c`` in ``fractions``, ``round(fraction * n_c)`` (at
    least one) of the ``n_c`` candidates with label ``c`` are drawn without
    replacement.
    """
    rng = check_random_state(random_state)
    y = np.asarray(y)
    picked = []
    for cls, fraction in fractions.items():
        if not 0 < fraction <= 1:
            raise ValueError(
                f"fraction for class {cls!r} must be in (0, 1], got {fraction}."
            )
        members = candidates[y[candidates] == cls]
        if members.size == 0:
            raise ValueError(f"class {cls!r} has no held-out samples.")
        n_take = max(1, round(fraction * members.size))
        picked.append(rng.choice(members, size=n_take, replace=False))
    return np.sort(np.concatenate(picked))


@dataclass
class Record:
    """One balancer on one task and split."""

    task: str
    seed: int
    balancer: str
    n_subset: int
    shares: dict
    balance_error: float
    ess_fraction: float
    fit_seconds: float
    weight_seconds: float


def run_comparison(
    X, y, balancers, tasks=ORIGINAL_TASKS, seeds=(0,), pool_fraction=0.5, verbose=0
):
    """Run the seed protocol for every balancer, task and split.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Features of a labelled dataset.
    y : ndarray of shape (n_samples,)
        Its labels; used only to draw the subsets and score the weights.
    balancers : dict
        ``{name: balancer}``; each is cloned, given ``random_state=seed`` when
        it has that parameter, and fitted on the pool of each split.
    tasks : sequence of Task, default=ORIGINAL_TASKS
    seeds : sequence of int, default=(0,)
        One random pool/held-out split (and subset draw) per seed.
    pool_fraction : float, default=0.5
        Share of the data used as the unlabeled pool.
    verbose : int, default=0
        Print progress to stderr when positive.

    Returns
    -------
    records : list of Record

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skbalance import UniformBalancer
    >>> from skbalance.experiments import run_comparison, ORIGINAL_TASKS
    >>> X, y = load_digits(return_X_y=True)
    >>> balancers = {"uniform": UniformBalancer()}
    >>> records = run_comparison(X / 16, y, balancers, tasks=ORIGINAL_TASKS[:1])
    >>> records[0].balance_error < 0.05
    True
    """
    X = np.asarray(X)
    y = np.asarray(y)
    records = []
    for seed in seeds:
        pool, held_out = split_pool(len(y), pool_fraction, random_state=seed)
        subsets = [
            draw_subset(y, held_out, task.fractions, random_state=seed)
            for task in tasks
        ]
        for name, template in balancers.items():
            balancer = with_random_state(template, seed)
            start = time.perf_counter()
            balancer.fit(X[pool])
            fit_seconds = time.perf_counter() - start
            for task, rows in zip(tasks, subsets):
                start = time.perf_counter()
                weights = balancer.compute_sample_weight(X[rows])
                weight_seconds = time.perf_counter() - start
                records.append(
                    Record(
                        task=task.name,
                        seed=int(seed),
                        balancer=name,
                        n_subset=int(rows.size),
                        shares=weighted_class_distribution(y[rows], weights),
                        balance_error=balance_error(
                            y[rows], weights, classes=list(task.fractions)
                        ),
                        ess_fraction=effective_sample_size(weights) / rows.size,
                        fit_seconds=fit_seconds,
                        weight_seconds=weight_seconds,
                    )
                )
            if verbose:
                print(
                    f"[skbalance compare] seed {seed}: {name} done "
                    f"(fit {fit_seconds:.2f}s)",
                    file=sys.stderr,
                )
    return records


def summarize(records):
    """Average the records over seeds, per (task, balancer).

    Returns
    -------
    rows : list of dict
        Keys ``task``, ``balancer``, ``n_seeds``, ``n_subset``, ``shares``
        (mean share per class), ``balance_error`` (mean), ``max_balance_error``,
        ``ess_fraction`` (mean), ``fit_seconds`` and ``weight_seconds`` (mean),
        in first-seen order.
    """
    groups = {}
    for record in records:
        groups.setdefault((record.task, record.balancer), []).append(record)
    rows = []
    for (task, balancer), group in groups.items():
        classes = sorted({c for r in group for c in r.shares})
        rows.append(
            {
                "task": task,
                "balancer": balancer,
                "n_seeds": len(group),
                "n_subset": float(np.mean([r.n_subset for r in group])),
                "shares": {
                    c: float(np.mean([r.shares.get(c, 0.0) for r in group]))
                    for c in classes
                },
                "balance_error": float(np.mean([r.balance_error for r in group])),
                "max_balance_error": float(np.max([r.balance_error for r in group])),
                "ess_fraction": float(np.mean([r.ess_fraction for r in group])),
                "fit_seconds": float(np.mean([r.fit_seconds for r in group])),
                "weight_seconds": float(np.mean([r.weight_seconds for r in group])),
            }
        )
    return rows


def _format_shares(shares):
    return "{" + ", ".join(f"{c}: {s:.3f}" for c, s in shares.items()) + "}"


def format_markdown(records):
    """Seed-style table: one row per task, one column per balancer.

    Each cell shows the mean weighted class shares, the mean balance error
    ("err") and the mean effective sample size as a fraction of the subset
    ("ess"), averaged over seeds.
    """
    rows = summarize(records)
    tasks = list(dict.fromkeys(r["task"] for r in rows))
    names = list(dict.fromkeys(r["balancer"] for r in rows))
    cell = {(r["task"], r["balancer"]): r for r in rows}
    lines = [
        "| Task | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for task in tasks:
        cells = []
        for name in names:
            r = cell.get((task, name))
            cells.append(
                ""
                if r is None
                else f"{_format_shares(r['shares'])} err {r['balance_error']:.3f} "
                f"ess {r['ess_fraction']:.2f}"
            )
        lines.append(f"| {task} | " + " | ".join(cells) + " |")
    mean_err = {
        name: np.mean([r["balance_error"] for r in rows if r["balancer"] == name])
        for name in names
    }
    lines.append(
        "| **mean error** | "
        + " | ".join(f"**{mean_err[n]:.3f}**" for n in names)
        + " |"
    )
    return "\n".join(lines)


def format_csv(records):
    """One line per record: task, seed, balancer, shares, metrics and timings."""
    header = (
        "task,seed,balancer,n_subset,shares,balance_error,ess_fraction,"
        "fit_seconds,weight_seconds"
    )
    lines = [header]
    for r in records:
        shares = ";".join(f"{c}={s:.6f}" for c, s in r.shares.items())
        lines.append(
            f'"{r.task}",{r.seed},{r.balancer},{r.n_subset},{shares},'
            f"{r.balance_error:.6f},{r.ess_fraction:.6f},{r.fit_seconds:.4f},"
            f"{r.weight_seconds:.4f}"
        )
    return "\n".join(lines)


def format_json(records):
    """The records as a JSON list (class keys become strings)."""
    payload = []
    for r in records:
        item = asdict(r)
        item["shares"] = {str(c): s for c, s in r.shares.items()}
        payload.append(item)
    return json.dumps(payload, indent=2)


FORMATTERS = {"table": format_markdown, "csv": format_csv, "json": format_json}
