"""Shared plumbing of the benchmark scripts: the command that produced a report, and writing it."""

import sys
from pathlib import Path


def command_line(script, argv):
    """``python benchmarks/<script> <args>``, as the report states it.

    ``argv`` is what ``main`` received (``None`` means the process arguments).
    """
    args = sys.argv[1:] if argv is None else argv
    return " ".join(["python", f"benchmarks/{Path(script).name}", *args])


def write_report(path, text):
    """Write ``text`` to ``path``, creating its folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
