"""Shared plumbing of the benchmark scripts: the command that produced a report, the machine, writing it."""

import os
import platform
import shlex
import sys
from pathlib import Path

import numpy as np
import sklearn

import skbalance


def command_line(script, argv):
    """``python benchmarks/<script> <args>``, as the report states it.

    ``argv`` is what ``main`` received (``None`` means the process arguments).
    """
    args = sys.argv[1:] if argv is None else argv
    return shlex.join(["python", f"benchmarks/{Path(script).name}", *args])


def write_report(path, text):
    """Write ``text`` to ``path``, creating its folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def write_or_print(path, text, not_run=()):
    """Write the report to ``path`` (print it when ``None``), naming the sets not run."""
    if not_run:
        text += f"\nNot run: {', '.join(not_run)}.\n"
    if path:
        write_report(path, text)
    else:
        print(text)


def cores():
    """``"N cores"``: the CPUs this process sees."""
    return f"{os.cpu_count()} cores"


def provenance(command, elapsed):
    """A report's opening: the command that produced it, the versions and machine, the run time."""
    return f"""Produced by

```
{command}
```

skbalance {skbalance.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__},
Python {platform.python_version()}, {platform.machine()}, {cores()}; total run time {elapsed:.0f} s."""
