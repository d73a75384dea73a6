"""``skbalance plot``: the BalanceDisplay figure of a subset's weights, as a PNG."""

import sys

from ._common import Job, weights_summary
from ._errors import CLIError
from ._io import check_output
from ._weights import add_balancer_arguments


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "plot",
        help="plot a subset's weights (and class shares, with --label) to a PNG",
        description=(
            "Fit a balancer on the pool, weight the subset and draw skbalance's "
            "BalanceDisplay: class shares before and after (with --label, never used "
            "to fit) and the weight distribution. Needs matplotlib."
        ),
    )
    parser.add_argument("--pool", required=True, metavar="FILE")
    parser.add_argument("--subset", required=True, metavar="FILE")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.png")
    parser.add_argument(
        "--label",
        metavar="COLUMN",
        help="the subset's label column, to show class shares",
    )
    add_balancer_arguments(parser)
    parser.add_argument(
        "--columns",
        nargs="+",
        metavar="NAME",
        help="feature columns (default: numeric)",
    )
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.set_defaults(run=run)
    return parser


def run(args):
    output = check_output(args.output, suffixes=(".png", ".pdf", ".svg"))
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError as exc:
        raise CLIError('plot needs matplotlib: pip install "skbalance[plot]"') from exc
    from ..display import BalanceDisplay

    job = Job(args, exclude=() if args.label is None else (args.label,))
    y = None
    if args.label is not None:
        if job.subset_frame is None or args.label not in job.subset_frame.columns:
            raise CLIError(f"{args.subset}: no column {args.label!r}")
        y = job.subset_frame[args.label].to_numpy()
    weights = job.weights()
    display = BalanceDisplay.from_weights(weights, y)
    display.figure_.savefig(output, dpi=120, bbox_inches="tight")
    if not args.quiet:
        lines = weights_summary(weights)
        if y is not None:
            lines.append(
                f"balance error: {display.balance_error_before_:.3f} -> "
                f"{display.balance_error_after_:.3f}"
            )
        lines.append(f"written: {output}; time {job.progress.elapsed:.1f} s")
        print("\n".join(lines), file=sys.stderr)
    return 0
