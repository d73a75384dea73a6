"""``skbalance compare``: the original experiment's protocol for every balancer."""

import numpy as np

from ..experiments import FORMATTERS, ORIGINAL_TASKS, run_comparison, summarize
from ._common import balancer_names, progress_shown
from ._errors import CLIError
from ._io import check_output

LEGEND = (
    "Each cell: the weighted class shares (mean over splits), err = the balance error "
    "(max over the task's classes of |share - 1/K|, the mean of each split's error, so "
    "it can exceed the error of the mean shares) and ess = the effective sample size "
    "as "
    "a fraction of the subset. Lower err is better; uniform is the unweighted subset."
)


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "compare",
        help="run the original experiment's protocol for every balancer",
        description=(
            "Split a labelled dataset into an unlabeled pool and a held-out part, "
            "draw the original experiment's unbalanced two-digit subsets from the "
            "held-out part, fit every balancer on the pool and report the weighted "
            "class shares, the balance error and the effective sample size."
        ),
    )
    choices = sorted(balancer_names())
    parser.add_argument(
        "--balancers",
        nargs="+",
        choices=choices,
        default=None,
        metavar="NAME",
        help=f"balancers to run (default: all): {', '.join(choices)}",
    )
    parser.add_argument(
        "--data",
        choices=["digits", "mnist"],
        default=None,
        help="dataset: scikit-learn's load_digits (default) or MNIST "
        "(needs --mnist-dir)",
    )
    parser.add_argument(
        "--mnist-dir",
        default=None,
        metavar="DIR",
        help="folder with MNIST's t10k-images-idx3-ubyte[.gz] and "
        "t10k-labels-idx1-ubyte[.gz]; implies --data mnist",
    )
    parser.add_argument(
        "--seeds",
        nargs="+",
        type=int,
        default=[0, 1, 2],
        help="random splits (default: 0 1 2)",
    )
    parser.add_argument(
        "--pool-fraction",
        type=float,
        default=None,
        help="share of the data used as the pool, in (0, 1) "
        "(default: 0.5 on digits, 0.8 on MNIST)",
    )
    parser.add_argument(
        "--format", choices=sorted(FORMATTERS), default="table", help="output format"
    )
    parser.add_argument(
        "--output", default=None, help="write to this file instead of stdout"
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="progress on stderr (on a terminal by default)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress")
    parser.set_defaults(run=run)
    return parser


def _load(args):
    if args.mnist_dir is not None:
        from ..datasets import load_mnist

        try:
            return load_mnist(args.mnist_dir, subset="t10k")
        except FileNotFoundError as exc:
            raise CLIError(str(exc)) from exc
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    return X / 16.0, y


def timing_table(records, names):
    rows = {r["balancer"]: r for r in summarize(records)}
    lines = [
        "| balancer | fit on the pool (s) | weight one subset (s) |",
        "|---|---|---|",
    ]
    for name in names:
        mine = [r for r in summarize(records) if r["balancer"] == name]
        fit = np.mean([r["fit_seconds"] for r in mine])
        weight = np.mean([r["weight_seconds"] for r in mine])
        lines.append(f"| {name} | {fit:.2f} | {weight:.3f} |")
    del rows
    return "\n".join(lines)


def run(args):
    if args.data == "mnist" and args.mnist_dir is None:
        raise CLIError("--data mnist needs --mnist-dir DIR")
    if args.data == "digits" and args.mnist_dir is not None:
        raise CLIError("--mnist-dir cannot be combined with --data digits")
    if args.pool_fraction is not None and not 0 < args.pool_fraction < 1:
        raise CLIError(f"--pool-fraction must be in (0, 1), got {args.pool_fraction}")
    if args.output is not None:
        check_output(args.output, suffixes=(".md", ".txt", ".csv", ".json"))
    X, y = _load(args)
    pool_fraction = args.pool_fraction
    if pool_fraction is None:
        pool_fraction = 0.8 if args.mnist_dir is not None else 0.5
    available = balancer_names()
    names = args.balancers or sorted(available, key=lambda n: (n != "uniform", n))
    balancers = {name: available[name]() for name in names}
    verbose = args.verbose or (progress_shown(args) and 1)
    records = run_comparison(
        X,
        np.asarray(y),
        balancers,
        tasks=ORIGINAL_TASKS,
        seeds=args.seeds,
        pool_fraction=pool_fraction,
        verbose=0 if args.quiet else verbose,
    )
    text = FORMATTERS[args.format](records)
    if args.format == "table":
        timing = timing_table(records, names)
        text = f"{LEGEND}\n\n{text}\n\nMean time per balancer:\n\n{timing}"
    if args.output:
        with open(args.output, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 0
