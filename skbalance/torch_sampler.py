"""A PyTorch ``Sampler`` that draws balanced indices afresh every epoch.

PyTorch is an optional dependency: ``pip install "skbalance[torch]"``.
"""

import numpy as np

try:
    import torch
    from torch.utils.data import Sampler
except ImportError as exc:  # pragma: no cover - exercised only without torch
    raise ImportError(
        "skbalance.torch_sampler needs PyTorch; install it with "
        '`pip install "skbalance[torch]"` (or any torch build of your own).'
    ) from exc

from .balancers import default_balancer
from .class_weight import LabelWeighter
from .utils._memory import check_output_size
from .utils._weights import normalize_weights

__all__ = ["BalancedSampler"]

#: The most categories ``torch.multinomial`` draws from (2 ** 24).
_MULTINOMIAL_CATEGORIES = 2**24


class BalancedSampler(Sampler):
    """Draw dataset indices with probability proportional to per-sample weights.

    Pass it to ``DataLoader(dataset, sampler=BalancedSampler(...))``. Every
    epoch (every ``iter``) draws a new set of ``num_samples`` indices, so with
    undersampling each epoch sees different rows of the majority. Weights
    come from anywhere: :meth:`from_balancer` (label-free, e.g. a balancer
    fitted on an unlabeled pool), :meth:`from_labels` (class or multi-label
    balance from known labels) or a plain array.

    Parameters
    ----------
    weights : array-like of shape (n_samples,)
        Non-negative, finite, not all zero.
    num_samples : int, default=None
        Indices per epoch; ``None`` means ``n_samples``.
    replacement : bool, default=True
        Draw with replacement. Without it, ``num_samples`` may not exceed
        the number of rows with positive weight.
    generator : torch.Generator, default=None
        Source of randomness; seed it for reproducible epochs.

    Examples
    --------
    >>> import numpy as np
    >>> import torch
    >>> from skbalance.torch_sampler import BalancedSampler
    >>> y = np.r_[np.zeros(90, dtype=int), np.ones(10, dtype=int)]
    >>> generator = torch.Generator().manual_seed(0)
    >>> sampler = BalancedSampler.from_labels(y, generator=generator)
    >>> drawn = y[list(sampler)]
    >>> len(drawn), bool(abs(drawn.mean() - 0.5) < 0.15)
    (100, True)
    """

    def __init__(self, weights, num_samples=None, replacement=True, generator=None):
        weights = np.asarray(weights, dtype=np.float64)
        if weights.ndim != 1:
            raise ValueError(
                f"weights must be 1-D (one weight per row); got shape {weights.shape}."
            )
        if weights.size == 0:
            raise ValueError("weights is empty; the dataset needs at least one sample.")
        weights = normalize_weights(weights)
        if num_samples is None:
            num_samples = weights.size
        if (
            not isinstance(num_samples, (int, np.integer))
            or isinstance(num_samples, bool)
            or num_samples < 1
        ):
            raise ValueError(
                f"num_samples must be a positive integer, got {num_samples!r}."
            )
        check_output_size(num_samples, 8, f"num_samples={num_samples}")
        if not replacement and num_samples > np.count_nonzero(weights):
            raise ValueError(
                f"num_samples={num_samples} exceeds the {np.count_nonzero(weights)} "
                "rows with "
                "positive weight; use replacement=True or fewer samples."
            )
        if generator is not None and not isinstance(generator, torch.Generator):
            raise TypeError(
                f"generator must be a torch.Generator, got {type(generator).__name__}."
            )
        self.weights = torch.as_tensor(weights, dtype=torch.double)
        self.num_samples = int(num_samples)
        self.replacement = bool(replacement)
        self.generator = generator

    @classmethod
    def from_balancer(cls, balancer, X, **kwargs):
        """Weights from a fitted balancer's ``compute_sample_weight(X)``.

        Parameters
        ----------
        balancer : fitted balancer
            E.g. ``default_balancer().fit(pool)``.
        X : array-like of shape (n_samples, n_features)
            Features of the dataset, in its order.
        **kwargs
            ``num_samples``, ``replacement``, ``generator``.
        """
        return cls(balancer.compute_sample_weight(X), **kwargs)

    @classmethod
    def from_pool(cls, pool, X, image_shape=None, random_state=None, **kwargs):
        """Weights of ``X`` from the recommended balancer fitted on ``pool``.

        ``default_balancer(random_state, image_shape)`` is fitted on the
        unlabeled ``pool`` and weights ``X``.

        Parameters
        ----------
        pool : array-like of shape (n_pool, n_features)
            Unlabeled data with the features of ``X``.
        X : array-like of shape (n_samples, n_features)
            Features of the dataset, in its order.
        image_shape : tuple of int or None, default=None
            Shape of one image when the rows are flattened images.
        random_state : int, RandomState instance or None, default=None
            Seeds the balancer.
        **kwargs
            ``num_samples``, ``replacement``, ``generator``.
        """
        balancer = default_balancer(random_state=random_state, image_shape=image_shape)
        return cls.from_balancer(balancer.fit(pool), X, **kwargs)

    @classmethod
    def from_labels(cls, y, method="balanced", **kwargs):
        """Weights from labels (1-D or a multi-label indicator matrix).

        Parameters
        ----------
        y : array-like of shape (n_samples,) or (n_samples, n_classes)
        method : str, default="balanced"
            Any method of :class:`~skbalance.LabelWeighter`.
        **kwargs
            ``num_samples``, ``replacement``, ``generator``; other keys go to
            :class:`~skbalance.LabelWeighter` (e.g. ``beta``, ``threshold``).
        """
        own = {
            k: kwargs.pop(k)
            for k in ("num_samples", "replacement", "generator")
            if k in kwargs
        }
        weights = LabelWeighter(method=method, **kwargs).fit_compute_sample_weight(y)
        return cls(weights, **own)

    def __iter__(self):
        if self.weights.numel() <= _MULTINOMIAL_CATEGORIES:
            drawn = torch.multinomial(
                self.weights,
                self.num_samples,
                self.replacement,
                generator=self.generator,
            )
        elif self.replacement:
            # Inverse CDF: any number of categories.
            cumulative = torch.cumsum(self.weights, 0)
            uniform = torch.rand(
                self.num_samples, dtype=torch.double, generator=self.generator
            )
            drawn = torch.searchsorted(cumulative, uniform * cumulative[-1], right=True)
            drawn = drawn.clamp_(max=self.weights.numel() - 1)
        else:
            # Efraimidis-Spirakis: the rows with the largest u ** (1 / w) keys.
            uniform = torch.rand(
                self.weights.numel(), dtype=torch.double, generator=self.generator
            )
            keys = torch.where(
                self.weights > 0, torch.log(uniform) / self.weights, -torch.inf
            )
            drawn = torch.topk(keys, self.num_samples).indices
        yield from drawn.tolist()

    def __len__(self):
        return self.num_samples
