import numpy as np
import pytest

torch = pytest.importorskip("torch")

from torch.utils.data import DataLoader, TensorDataset

from skbalance import AdaptiveVoronoiBalancer
from skbalance.torch_sampler import BalancedSampler


def _labels():
    return np.r_[np.zeros(180, dtype=int), np.ones(20, dtype=int)]


def test_epochs_are_balanced_and_fresh():
    y = _labels()
    sampler = BalancedSampler.from_labels(y, generator=torch.Generator().manual_seed(0))
    first, second = list(sampler), list(sampler)
    assert len(first) == len(sampler) == 200
    assert first != second  # a new draw every epoch
    shares = [y[list(sampler)].mean() for _ in range(20)]
    assert abs(np.mean(shares) - 0.5) < 0.03


def test_reproducible_with_seeded_generator():
    y = _labels()
    a = list(BalancedSampler.from_labels(y, generator=torch.Generator().manual_seed(3)))
    b = list(BalancedSampler.from_labels(y, generator=torch.Generator().manual_seed(3)))
    assert a == b


def test_without_replacement_and_num_samples():
    y = _labels()
    sampler = BalancedSampler.from_labels(
        y, num_samples=40, replacement=False, generator=torch.Generator().manual_seed(0)
    )
    drawn = list(sampler)
    assert len(drawn) == 40 and len(set(drawn)) == 40
    with pytest.raises(ValueError, match="exceeds"):
        BalancedSampler(
            np.r_[np.ones(5), np.zeros(5)], num_samples=6, replacement=False
        )


def test_multilabel_and_effective_number():
    Y = np.array([[1, 0], [1, 0], [1, 0], [1, 1], [0, 1]])
    sampler = BalancedSampler.from_labels(Y, method="effective_number", beta=0.9)
    assert len(sampler) == 5


def test_from_balancer_in_a_dataloader():
    rng = np.random.RandomState(0)
    pool = np.r_[rng.normal(-2, 1, size=(300, 2)), rng.normal(2, 1, size=(300, 2))]
    X = np.r_[rng.normal(-2, 1, size=(180, 2)), rng.normal(2, 1, size=(20, 2))]
    y = _labels()
    sampler = BalancedSampler.from_balancer(
        AdaptiveVoronoiBalancer(random_state=0).fit(pool),
        X,
        generator=torch.Generator().manual_seed(0),
    )
    loader = DataLoader(
        TensorDataset(torch.as_tensor(X), torch.as_tensor(y)),
        batch_size=50,
        sampler=sampler,
    )
    labels = torch.cat([batch_y for _, batch_y in loader]).numpy()
    assert labels.size == 200 and labels.mean() > 0.3


@pytest.mark.parametrize(
    "weights, kwargs, error, message",
    [
        ([], {}, ValueError, "empty"),
        ([1.0, np.nan], {}, ValueError, "non-finite"),
        ([1.0, -1.0], {}, ValueError, "negative"),
        ([0.0, 0.0], {}, ValueError, "zero"),
        ([1.0, 1.0], {"num_samples": 0}, ValueError, "num_samples"),
        ([1.0, 1.0], {"generator": 42}, TypeError, "generator"),
    ],
)
def test_bad_input(weights, kwargs, error, message):
    with pytest.raises(error, match=message):
        BalancedSampler(weights, **kwargs)
