"""The benchmarks' VAE encoder (``benchmarks/_vae.py``; needs PyTorch)."""

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytestmark = pytest.mark.slow
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from _vae import fit_vae_encoder


@pytest.mark.parametrize("architecture", ["dense", "conv"])
def test_encoder_gives_deterministic_latent_means(architecture):
    X = np.random.RandomState(0).uniform(size=(64, 784))
    first, second = (
        fit_vae_encoder(
            X, epochs=1, batch_size=32, architecture=architecture, random_state=0
        )(X)
        for _ in range(2)
    )
    assert first.shape == (64, 8) and np.isfinite(first).all()
    np.testing.assert_array_equal(first, second)


def test_conv_needs_28_by_28_images():
    with pytest.raises(ValueError, match="conv"):
        fit_vae_encoder(np.zeros((10, 64)), epochs=1, architecture="conv")
