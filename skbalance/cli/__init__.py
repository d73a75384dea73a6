"""The ``skbalance`` command: ``compare``, ``weights``, ``resample`` and ``plot``.

Every user error (a missing file, a bad argument, an input the estimators refuse)
ends with one line on stderr and exit status 2, never a traceback; set
``SKBALANCE_DEBUG=1`` to see the traceback.
"""

import argparse
import os
import sys

from .. import __version__
from . import _compare, _plot, _resample, _weights
from ._errors import CLIError, one_line

__all__ = ["build_parser", "main"]


def build_parser():
    """The ``skbalance`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="skbalance",
        description="Label-free dataset balancing (scikit-learn compatible).",
    )
    parser.add_argument(
        "--version", action="version", version=f"skbalance {__version__}"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (_weights, _resample, _plot, _compare):
        module.add_parser(subparsers)
    return parser


def main(argv=None):
    """Entry point of the ``skbalance`` console command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (CLIError, ValueError, TypeError, OSError, MemoryError) as exc:
        if os.environ.get("SKBALANCE_DEBUG"):
            raise
        print(f"skbalance {args.command}: error: {one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"skbalance {args.command}: interrupted", file=sys.stderr)
        return 130
