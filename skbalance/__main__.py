"""Command line: ``skbalance compare`` (also ``python -m skbalance compare``)."""

import argparse
import sys

import numpy as np

from .experiments import FORMATTERS, ORIGINAL_TASKS, run_comparison, short_name
from .utils.discovery import all_balancers


def _balancer_choices():
    return {short_name(name): cls for name, cls in all_balancers()}


def _load(args):
    if args.mnist_dir is not None:
        from .datasets import load_mnist

        return load_mnist(args.mnist_dir, subset="t10k")
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    return X / 16.0, y


def build_parser():
    """The ``skbalance`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="skbalance",
        description="Label-free dataset balancing (scikit-learn compatible).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    compare = sub.add_parser(
        "compare",
        help="run the original experiment's protocol for every balancer",
        description=(
            "Split a labelled dataset into an unlabeled pool and a held-out part, "
            "draw the original experiment's unbalanced two-digit subsets from the "
            "held-out part, fit every balancer on the pool and report the weighted "
            "class shares, the balance error and the effective sample size."
        ),
    )
    choices = sorted(_balancer_choices())
    compare.add_argument(
        "--balancers",
        nargs="+",
        choices=choices,
        default=None,
        metavar="NAME",
        help=f"balancers to run (default: all): {', '.join(choices)}",
    )
    compare.add_argument(
        "--data",
        choices=["digits", "mnist"],
        default=None,
        help="dataset: scikit-learn's load_digits (default) or MNIST "
        "(needs --mnist-dir)",
    )
    compare.add_argument(
        "--mnist-dir",
        default=None,
        metavar="DIR",
        help="folder with the MNIST IDX files t10k-images-idx3-ubyte[.gz] and "
        "t10k-labels-idx1-ubyte[.gz]; implies --data mnist",
    )
    compare.add_argument(
        "--seeds",
        nargs="+",
        type=int,
        default=[0, 1, 2],
        help="random splits (default: 0 1 2)",
    )
    compare.add_argument(
        "--pool-fraction",
        type=float,
        default=None,
        help="share of the data used as the pool "
        "(default: 0.5 on digits, 0.8 on MNIST)",
    )
    compare.add_argument(
        "--format", choices=sorted(FORMATTERS), default="table", help="output format"
    )
    compare.add_argument(
        "--output", default=None, help="write to this file instead of stdout"
    )
    compare.add_argument(
        "-v", "--verbose", action="count", default=0, help="progress on stderr"
    )
    return parser


def compare(args):
    """Run ``skbalance compare``; returns the process exit code."""
    if args.data == "mnist" and args.mnist_dir is None:
        raise SystemExit("skbalance compare: --data mnist needs --mnist-dir DIR")
    if args.data == "digits" and args.mnist_dir is not None:
        raise SystemExit(
            "skbalance compare: --mnist-dir cannot be combined with --data digits"
        )
    X, y = _load(args)
    pool_fraction = args.pool_fraction
    if pool_fraction is None:
        pool_fraction = 0.8 if args.mnist_dir is not None else 0.5
    available = _balancer_choices()
    names = args.balancers or sorted(available, key=lambda n: (n != "uniform", n))
    balancers = {name: available[name]() for name in names}
    records = run_comparison(
        X,
        np.asarray(y),
        balancers,
        tasks=ORIGINAL_TASKS,
        seeds=args.seeds,
        pool_fraction=pool_fraction,
        verbose=args.verbose,
    )
    text = FORMATTERS[args.format](records)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 0


def main(argv=None):
    """Entry point of the ``skbalance`` console command."""
    args = build_parser().parse_args(argv)
    if args.command == "compare":
        return compare(args)
    return 2  # pragma: no cover - argparse enforces a command


if __name__ == "__main__":
    sys.exit(main())
