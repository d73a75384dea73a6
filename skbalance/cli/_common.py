"""What the subcommands share: the balancer, progress lines, the weights summary."""

import ast
import sys
import time

import numpy as np

from ..balancers import default_balancer
from ..experiments import short_name
from ..metrics import effective_sample_size
from ..utils.discovery import all_balancers
from ._errors import CLIError


def balancer_names():
    """``{short name: class}`` of every balancer (``voronoi``, ``kde``, ...)."""
    return {short_name(name): cls for name, cls in all_balancers()}


def parse_image_shape(text):
    """``"28x28"`` or ``"32x32x3"`` -> a tuple of ints."""
    try:
        shape = tuple(int(part) for part in text.lower().split("x"))
    except ValueError as exc:
        raise CLIError(
            f"--image-shape {text!r}: expected HxW or HxWxC, e.g. 28x28"
        ) from exc
    if len(shape) not in (2, 3) or min(shape) < 1:
        raise CLIError(f"--image-shape {text!r}: expected HxW or HxWxC, e.g. 28x28")
    return shape


def parse_params(pairs):
    """``["k=3", "transformer=None"]`` -> ``{"k": 3, "transformer": None}``."""
    params = {}
    for pair in pairs or ():
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise CLIError(f"--param {pair!r}: expected NAME=VALUE")
        try:
            params[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            params[key] = value  # a plain string, e.g. bandwidth=auto
    return params


def make_balancer(name, params, random_state, image_shape, verbose):
    """The balancer a command uses: the recommended one, or a named one."""
    if name == "recommended":
        balancer = default_balancer(random_state=random_state, image_shape=image_shape)
    else:
        available = balancer_names()
        if name not in available:
            raise CLIError(
                f"--balancer {name!r}: choose recommended or one of "
                f"{', '.join(sorted(available))}"
            )
        if image_shape is not None:
            raise CLIError("--image-shape applies to the recommended balancer only")
        balancer = available[name]()
        if "random_state" in balancer.get_params():
            balancer.set_params(random_state=random_state)
    valid = balancer.get_params()
    unknown = [key for key in params if key not in valid]
    if unknown:
        raise CLIError(
            f"--param {unknown[0]}: {type(balancer).__name__} has no such parameter "
            f"(it has {', '.join(sorted(k for k in valid if '__' not in k))})"
        )
    balancer.set_params(**params)
    if verbose and "verbose" in valid:
        balancer.set_params(verbose=1)
    return balancer


class Progress:
    """One line per step on stderr (when shown), each with the time it took."""

    def __init__(self, shown, stream=None):
        self.shown = shown
        self.stream = sys.stderr if stream is None else stream
        self.start = time.perf_counter()

    def __call__(self, message):
        if self.shown:
            elapsed = time.perf_counter() - self.start
            print(
                f"[skbalance {elapsed:6.1f} s] {message}", file=self.stream, flush=True
            )

    @property
    def elapsed(self):
        return time.perf_counter() - self.start


def progress_shown(args):
    """Progress is on by default on a terminal; ``--quiet`` turns it off."""
    return not args.quiet and sys.stderr.isatty()


def weights_summary(weights):
    """Lines describing a weight vector: ESS, quantiles, zero weights."""
    ess = effective_sample_size(weights)
    q = np.quantile(weights, [0, 0.25, 0.5, 0.75, 1])
    zeros = np.mean(weights == 0)
    share = ess / weights.size
    quantiles = "min {:.3g}, quartiles {:.3g} / {:.3g} / {:.3g}, max {:.3g}".format(*q)
    return [
        f"effective sample size: {ess:,.1f} of {weights.size:,} rows ({share:.0%})",
        f"weights (mean 1): {quantiles}",
        f"rows with weight 0: {zeros:.0%}",
    ]


class Job:
    """What ``weights`` and ``plot`` share: the balancer, the pool and the subset."""

    def __init__(self, args, exclude=()):
        from ._io import features, read_table, subset_columns

        image_shape = (
            None if args.image_shape is None else parse_image_shape(args.image_shape)
        )
        shown = progress_shown(args)
        self.progress = Progress(shown)
        self.balancer = make_balancer(
            args.balancer,
            parse_params(args.param),
            args.random_state,
            image_shape,
            shown,
        )
        pool_frame, pool_array = read_table(args.pool)
        self.subset_frame, self.subset_array = read_table(args.subset)
        self.pool, self.names = features(
            pool_frame, pool_array, args.columns, exclude, args.pool
        )
        self.subset, _ = features(
            self.subset_frame,
            self.subset_array,
            subset_columns(args.columns, self.names, self.subset_frame),
            exclude,
            args.subset,
        )
        self.progress(
            f"read {self.pool.shape[0]:,} pool rows and {self.subset.shape[0]:,} "
            f"subset rows, {self.pool.shape[1]} features"
        )

    def weights(self):
        """Fit the balancer on the pool and weight the subset."""
        self.balancer.fit(self.pool)
        self.progress(f"fitted {type(self.balancer).__name__} on the pool")
        weights = self.balancer.compute_sample_weight(self.subset)
        self.progress("weighted the subset")
        return weights
