import os
from pathlib import Path

import numpy as np
import pytest

MNIST_DIR = Path(
    os.environ.get(
        "SKBALANCE_MNIST_DIR",
        Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "mnist",
    )
)


@pytest.fixture
def two_blobs():
    """A pool of two equal, well separated blobs and a 90/10 subset of them."""
    rng = np.random.RandomState(0)
    pool = np.r_[rng.normal(0, 0.3, size=(200, 2)), rng.normal(4, 0.3, size=(200, 2))]
    subset = np.r_[rng.normal(0, 0.3, size=(90, 2)), rng.normal(4, 0.3, size=(10, 2))]
    y = np.r_[np.zeros(90, dtype=int), np.ones(10, dtype=int)]
    return pool, subset, y


@pytest.fixture
def mnist_dir():
    if not (MNIST_DIR / "t10k-images-idx3-ubyte.gz").exists():
        pytest.skip(f"MNIST IDX files not found in {MNIST_DIR}")
    return MNIST_DIR


# CI runs hypothesis derandomized, so a landing never depends on the luck of
# the draw; local runs keep exploring new examples.
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
