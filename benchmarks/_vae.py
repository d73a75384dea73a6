"""A small variational autoencoder for the seed comparison's latent-space protocol.

The original experiment balanced MNIST in the 8-dimensional latent space of a
VAE (a convolutional encoder trained on the 60k training images). This module
trains a fully connected VAE of the same latent size on the *pool* of a split
(labels are never used) and encodes images as posterior means. PyTorch is
needed (``pip install ".[torch]"``); only the benchmarks use it.
"""

import numpy as np


def fit_vae_encoder(X, n_latent=8, epochs=30, batch_size=128, learning_rate=1e-3, random_state=0):
    """Train a VAE on ``X`` (values in [0, 1]) and return an ``encode(X) -> means`` function.

    Encoder ``D -> 256 -> 128 -> (mean, log std)`` with the log std squashed by
    ``tanh`` as in the original; decoder ``n_latent -> 128 -> 256 -> D`` with a
    Bernoulli likelihood; Adam, one pass over ``X`` per epoch. Deterministic
    for a given ``random_state`` on one machine (CPU).
    """
    import torch
    from torch import nn

    torch.manual_seed(random_state)
    generator = torch.Generator().manual_seed(random_state)
    n_features = X.shape[1]
    encoder = nn.Sequential(
        nn.Linear(n_features, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 2 * n_latent)
    )
    decoder = nn.Sequential(
        nn.Linear(n_latent, 128), nn.ReLU(), nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, n_features)
    )
    optimizer = torch.optim.Adam([*encoder.parameters(), *decoder.parameters()], lr=learning_rate)
    data = torch.as_tensor(np.asarray(X), dtype=torch.float32)

    def posterior(batch):
        out = encoder(batch)
        return out[:, :n_latent], torch.tanh(out[:, n_latent:])

    for _ in range(epochs):
        order = torch.randperm(len(data), generator=generator)
        for start in range(0, len(data), batch_size):
            batch = data[order[start : start + batch_size]]
            mean, log_std = posterior(batch)
            z = mean + torch.exp(log_std) * torch.randn(mean.shape, generator=generator)
            reconstruction = nn.functional.binary_cross_entropy_with_logits(decoder(z), batch, reduction="sum")
            kl = (0.5 * (mean**2 + torch.exp(2 * log_std)) - log_std - 0.5).sum()
            loss = (reconstruction + kl) / len(batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    def encode(images):
        with torch.no_grad():
            mean, _ = posterior(torch.as_tensor(np.asarray(images), dtype=torch.float32))
        return mean.numpy().astype(np.float64)

    return encode
