"""A small variational autoencoder for the seed comparison's latent-space protocol.

The original experiment balanced MNIST in the 8-dimensional latent space of a
VAE (a convolutional encoder trained on the 60k training images). This module
trains a VAE of the same latent size, fully connected or convolutional, on the
*pool* of a split (labels are never used) and encodes images as posterior
means. PyTorch is
needed (``pip install ".[torch]"``); only the benchmarks use it.
"""

import numpy as np


def fit_vae_encoder(
    X,
    n_latent=8,
    epochs=30,
    batch_size=128,
    learning_rate=1e-3,
    architecture="dense",
    random_state=0,
):
    """Train a VAE on ``X`` (values in [0, 1]) and return an ``encode(X) -> means`` function.

    ``architecture="dense"``: encoder ``D -> 256 -> 128 -> (mean, log std)``,
    decoder ``n_latent -> 128 -> 256 -> D``. ``"conv"`` (28 x 28 images only):
    encoder two stride-2 4x4 convolutions (32, 64 channels) then ``256 ->
    (mean, log std)``, decoder the mirror image with transposed convolutions.
    Both squash the log std by ``tanh`` as in the original and use a Bernoulli
    likelihood; Adam, one pass over ``X`` per epoch. Deterministic for a given
    ``random_state`` on one machine (CPU).
    """
    import torch
    from torch import nn

    torch.manual_seed(random_state)
    generator = torch.Generator().manual_seed(random_state)
    encoder, decoder = _networks(nn, X.shape[1], n_latent, architecture)
    optimizer = torch.optim.Adam(
        [*encoder.parameters(), *decoder.parameters()], lr=learning_rate
    )
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
            reconstruction = nn.functional.binary_cross_entropy_with_logits(
                decoder(z), batch, reduction="sum"
            )
            kl = (0.5 * (mean**2 + torch.exp(2 * log_std)) - log_std - 0.5).sum()
            loss = (reconstruction + kl) / len(batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    def encode(images):
        images = torch.as_tensor(np.asarray(images), dtype=torch.float32)
        with torch.no_grad():
            means = [
                posterior(images[start : start + 1000])[0].numpy()
                for start in range(0, len(images), 1000)
            ]
        return np.concatenate(means).astype(np.float64)

    return encode


def _networks(nn, n_features, n_latent, architecture):
    """The encoder and decoder modules of one architecture."""
    if architecture == "dense":
        encoder = nn.Sequential(
            nn.Linear(n_features, 256),
            nn.ReLU(),
            nn.Linear(256, 128),
            nn.ReLU(),
            nn.Linear(128, 2 * n_latent),
        )
        decoder = nn.Sequential(
            nn.Linear(n_latent, 128),
            nn.ReLU(),
            nn.Linear(128, 256),
            nn.ReLU(),
            nn.Linear(256, n_features),
        )
        return encoder, decoder
    if architecture != "conv" or n_features != 28 * 28:
        raise ValueError(
            f"architecture must be 'dense', or 'conv' for 28 x 28 images; got {architecture!r}"
        )
    encoder = nn.Sequential(
        nn.Unflatten(1, (1, 28, 28)),
        nn.Conv2d(1, 32, 4, 2, 1),
        nn.ReLU(),  # 14 x 14
        nn.Conv2d(32, 64, 4, 2, 1),
        nn.ReLU(),  # 7 x 7
        nn.Flatten(),
        nn.Linear(64 * 49, 256),
        nn.ReLU(),
        nn.Linear(256, 2 * n_latent),
    )
    decoder = nn.Sequential(
        nn.Linear(n_latent, 256),
        nn.ReLU(),
        nn.Linear(256, 64 * 49),
        nn.ReLU(),
        nn.Unflatten(1, (64, 7, 7)),
        nn.ConvTranspose2d(64, 32, 4, 2, 1),
        nn.ReLU(),
        nn.ConvTranspose2d(32, 1, 4, 2, 1),
        nn.Flatten(),
    )
    return encoder, decoder
