"""``skbalance weights``: balance a subset file against a pool file."""

import sys

from ._common import Job, weights_summary
from ._io import check_output, write_result


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "weights",
        help="weights that balance a subset file against an unlabeled pool file",
        description=(
            "Fit a balancer on the pool's rows and weight the subset's rows; write the "
            "subset with a 'weight' column (CSV, TSV, Parquet) or the weights alone "
            "(.npy). Without --output, CSV goes to standard output. A short report "
            "(rows read, effective sample size, weight distribution, time) goes to "
            "standard error."
        ),
    )
    parser.add_argument(
        "--pool",
        required=True,
        metavar="FILE",
        help="the unlabeled pool (.csv, .tsv, .parquet, .npy)",
    )
    parser.add_argument(
        "--subset",
        required=True,
        metavar="FILE",
        help="the rows to weight, same features",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="where to write the weighted subset"
    )
    add_balancer_arguments(parser)
    parser.add_argument(
        "--columns",
        nargs="+",
        metavar="NAME",
        help="feature columns (default: every numeric column)",
    )
    parser.add_argument(
        "--weight-column",
        default="weight",
        help="name of the added column (default: weight)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress or report"
    )
    parser.set_defaults(run=run)
    return parser


def add_balancer_arguments(parser):
    parser.add_argument(
        "--balancer",
        default="recommended",
        metavar="NAME",
        help="recommended (default) or a balancer's short name: voronoi, kde, "
        "adaptive_voronoi, ...",
    )
    parser.add_argument(
        "--param",
        action="append",
        metavar="NAME=VALUE",
        help="a balancer parameter (repeatable)",
    )
    parser.add_argument(
        "--image-shape",
        metavar="HxW",
        help="rows are flattened images of this shape, e.g. 28x28",
    )
    parser.add_argument("--random-state", type=int, default=0, help="seed (default: 0)")


def run(args):
    output = None if args.output is None else check_output(args.output)
    job = Job(args, exclude=(args.weight_column,))
    weights = job.weights()
    write_result(
        output, job.subset_frame, job.subset_array, {args.weight_column: weights}
    )
    if not args.quiet:
        written = output or "standard output"
        names = job.names
        shown_names = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        lines = [
            f"pool: {args.pool}, {job.pool.shape[0]:,} rows; subset: {args.subset}, "
            + f"{job.subset.shape[0]:,} rows",
            f"features: {len(names)} ({shown_names})",
            f"balancer: {' '.join(repr(job.balancer).split())}",
            *weights_summary(weights),
            f"written: {written}; time {job.progress.elapsed:.1f} s",
        ]
        print("\n".join(lines), file=sys.stderr)
    return 0
