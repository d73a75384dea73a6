"""``python -m skbalance``: the command line (see :mod:`skbalance.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
