"""Skip doctests of modules whose optional dependency is not installed."""

import importlib.util

collect_ignore = []
for module, dependency in [
    ("skbalance/torch_sampler.py", "torch"),
    ("skbalance/display.py", "matplotlib"),
]:
    if importlib.util.find_spec(dependency) is None:
        collect_ignore.append(module)
