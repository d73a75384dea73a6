"""``skbalance resample``: class-balance over- or undersampling of a labelled file."""

import json
import sys

import numpy as np

from ..over_sampling import ClassBalanceOverSampler
from ..under_sampling import ClassBalanceUnderSampler
from ._common import Progress, progress_shown
from ._errors import CLIError
from ._io import check_output, listed_names, read_table, write_result

STRATEGY_HELP = (
    "imbalanced-learn's vocabulary: auto, minority, not minority, not majority, all, a "
    "float (two classes), or a JSON dict of target counts such as '{\"cat\": 500}'"
)


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "resample",
        help="over- or undersample a labelled file towards class balance",
        description=(
            "Copy rows of rare classes (default) or drop rows of common ones (--under) "
            "until the classes reach their targets; several --label columns of 0/1 "
            "make a multi-label indicator, balanced with few duplicates. Writes the "
            "resampled "
            "rows (CSV, TSV, Parquet) and reports the class counts before and after."
        ),
    )
    parser.add_argument(
        "--input",
        required=True,
        metavar="FILE",
        help="labelled rows (.csv, .tsv, .parquet)",
    )
    parser.add_argument(
        "--label",
        required=True,
        nargs="+",
        metavar="COLUMN",
        help="the label column (or several 0/1 columns)",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write the resampled rows",
    )
    parser.add_argument(
        "--under", action="store_true", help="undersample instead of oversampling"
    )
    parser.add_argument(
        "--sampling-strategy", default="auto", metavar="STRATEGY", help=STRATEGY_HELP
    )
    parser.add_argument(
        "--max-repeats",
        type=int,
        default=None,
        help="most copies of one row (oversampling)",
    )
    parser.add_argument("--random-state", type=int, default=0, help="seed (default: 0)")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress or report"
    )
    parser.set_defaults(run=run)
    return parser


def parse_strategy(text):
    """A ``--sampling-strategy`` value as imbalanced-learn takes it."""
    if text.strip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise CLIError(f"--sampling-strategy: not a JSON dict ({exc})") from exc
    try:
        return float(text)
    except ValueError:
        return text


def run(args):
    output = check_output(args.output, suffixes=(".csv", ".tsv", ".parquet", ".pq"))
    progress = Progress(progress_shown(args))
    frame, _ = read_table(args.input)
    if frame is None:
        raise CLIError(
            f"{args.input}: resample needs a table with a label column (CSV or Parquet)"
        )
    missing = [c for c in args.label if c not in frame.columns]
    if missing:
        raise CLIError(f"{args.input}: no column {listed_names(missing)}")
    y = (
        frame[args.label[0]].to_numpy()
        if len(args.label) == 1
        else frame[args.label].to_numpy()
    )
    strategy = parse_strategy(args.sampling_strategy)
    if isinstance(strategy, dict) and y.ndim == 1:
        strategy = {_label(key, y): value for key, value in strategy.items()}
    elif isinstance(strategy, dict):
        strategy = {
            args.label.index(key) if key in args.label else key: v
            for key, v in strategy.items()
        }
    if args.under:
        sampler = ClassBalanceUnderSampler(
            sampling_strategy=strategy, random_state=args.random_state
        )
    else:
        sampler = ClassBalanceOverSampler(
            sampling_strategy=strategy,
            max_repeats=args.max_repeats,
            random_state=args.random_state,
        )
    progress(f"read {frame.shape[0]:,} rows of {args.input}")
    # The samplers decide from the labels alone; the rows are taken from the table.
    sampler.fit(np.zeros((frame.shape[0], 1)), y)
    rows = frame.iloc[sampler.sample_indices_]
    write_result(output, rows.reset_index(drop=True), None, {})
    progress(f"wrote {rows.shape[0]:,} rows")
    if not args.quiet:
        names = args.label if y.ndim == 2 else None
        before, after = sampler.class_counts_before_, sampler.class_counts_after_
        counts = ", ".join(
            f"{names[k] if names else k}: {before[k]:,} -> {after[k]:,}" for k in before
        )
        print(
            f"{type(sampler).__name__}: {frame.shape[0]:,} rows -> {rows.shape[0]:,}\n"
            f"samples per class: {counts}\n"
            f"written: {output}; time {progress.elapsed:.1f} s",
            file=sys.stderr,
        )
    return 0


def _label(key, y):
    """A JSON key (always a string) as the label it names."""
    labels = np.unique(y)
    for label in labels:
        if str(label) == key:
            return label.item() if hasattr(label, "item") else label
    raise CLIError(
        f"--sampling-strategy: no class {key!r} "
        f"(classes: {', '.join(map(str, labels))})"
    )
