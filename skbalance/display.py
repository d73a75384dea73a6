"""Visualise a weighting: class shares before/after, weight distribution, ESS.

matplotlib is an optional dependency (``pip install "skbalance[plot]"``),
imported only when plotting.
"""

import numpy as np

from .metrics import balance_error, effective_sample_size, weighted_class_distribution


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(
            "Plotting needs matplotlib; install it with "
            '`pip install "skbalance[plot]"`.'
        ) from exc
    return plt


class BalanceDisplay:
    """Balance visualisation, in the style of scikit-learn's ``*Display`` classes.

    Create it with :meth:`from_estimator` or :meth:`from_weights`; both call
    :meth:`plot`. With labels, the left panel compares each class's share of
    the total weight before (uniform weights) and after weighting; the right
    panel is a histogram of the weights, titled with the effective sample
    size.

    Parameters
    ----------
    sample_weight : ndarray of shape (n_samples,)
        The weights.
    y : ndarray of shape (n_samples,) or None
        Labels, when known.

    Attributes
    ----------
    ess_ : float
        Kish's effective sample size of the weights.
    shares_before_, shares_after_ : dict or None
        Class shares without and with the weights (``None`` without ``y``).
    balance_error_before_, balance_error_after_ : float or None
        Balance errors without and with the weights.
    figure_ : matplotlib Figure
    axes_ : ndarray of matplotlib Axes
        Set by :meth:`plot`.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import VoronoiBalancer
    >>> from skbalance.display import BalanceDisplay
    >>> rng = np.random.RandomState(0)
    >>> pool = rng.normal(size=(200, 2))
    >>> X, y = rng.normal(size=(50, 2)), rng.randint(2, size=50)
    >>> display = BalanceDisplay.from_estimator(VoronoiBalancer().fit(pool), X, y)
    >>> display.axes_.shape
    (2,)
    """

    def __init__(self, sample_weight, y=None):
        self.sample_weight = np.asarray(sample_weight, dtype=np.float64)
        self.y = None if y is None else np.asarray(y)
        self.ess_ = effective_sample_size(self.sample_weight)
        if self.y is None:
            self.shares_before_ = self.shares_after_ = None
            self.balance_error_before_ = self.balance_error_after_ = None
        else:
            self.shares_before_ = weighted_class_distribution(self.y)
            self.shares_after_ = weighted_class_distribution(self.y, self.sample_weight)
            self.balance_error_before_ = balance_error(self.y)
            self.balance_error_after_ = balance_error(self.y, self.sample_weight)

    @classmethod
    def from_weights(cls, sample_weight, y=None, *, ax=None):
        """Plot given weights (and labels, if known)."""
        return cls(sample_weight, y).plot(ax=ax)

    @classmethod
    def from_estimator(cls, balancer, X, y=None, *, ax=None):
        """Plot a fitted balancer's weights for ``X`` (and labels, if known)."""
        return cls(balancer.compute_sample_weight(X), y).plot(ax=ax)

    def plot(self, ax=None):
        """Draw the panels.

        Parameters
        ----------
        ax : array of two matplotlib Axes, or one Axes, default=None
            Where to draw; ``None`` makes a new figure (one panel without
            labels, two with).

        Returns
        -------
        self : BalanceDisplay
        """
        plt = _pyplot()
        n_panels = 1 if self.y is None else 2
        if ax is None:
            figure, axes = plt.subplots(
                1, n_panels, figsize=(5 * n_panels, 3.6), squeeze=False
            )
            axes = axes.ravel()
        else:
            axes = np.atleast_1d(ax).ravel()
            if axes.size != n_panels:
                raise ValueError(
                    f"ax must hold {n_panels} Axes for this display, got {axes.size}."
                )
            figure = axes[0].figure
        if self.y is not None:
            classes = list(self.shares_before_)
            positions = np.arange(len(classes))
            axes[0].bar(
                positions - 0.2,
                [self.shares_before_[c] for c in classes],
                width=0.4,
                label="unweighted",
            )
            axes[0].bar(
                positions + 0.2,
                [self.shares_after_[c] for c in classes],
                width=0.4,
                label="weighted",
            )
            axes[0].axhline(
                1.0 / len(classes), color="k", lw=0.8, ls=":", label="balanced"
            )
            axes[0].set_xticks(positions, [str(c) for c in classes])
            axes[0].set_xlabel("class")
            axes[0].set_ylabel("share of total weight")
            axes[0].set_title(
                f"balance error {self.balance_error_before_:.3f} → "
                f"{self.balance_error_after_:.3f}"
            )
            axes[0].legend(fontsize=8)
        hist_ax = axes[-1]
        hist_ax.hist(
            self.sample_weight, bins=min(50, max(5, self.sample_weight.size // 5))
        )
        hist_ax.set_xlabel("sample weight")
        hist_ax.set_ylabel("samples")
        hist_ax.set_title(
            f"ESS {self.ess_:.1f} of {self.sample_weight.size} "
            f"({self.ess_ / self.sample_weight.size:.0%})"
        )
        figure.tight_layout()
        self.figure_, self.axes_ = figure, axes
        return self
