"""
A balanced PyTorch DataLoader
=============================

``BalancedSampler`` draws indices with probability proportional to per-sample
weights, afresh every epoch. Here the weights come from a label-free balancer
fitted on an unlabeled pool; the batches end up about balanced although no
label was used.
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, TensorDataset

from skbalance import AdaptiveVoronoiBalancer
from skbalance.torch_sampler import BalancedSampler

X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
pool = X[:900]
rest = np.arange(900, len(X))
subset = np.r_[rest[y[rest] == 2][:9], rest[y[rest] == 3]]

balancer = AdaptiveVoronoiBalancer(random_state=0).fit(pool)
sampler = BalancedSampler.from_balancer(
    balancer, X[subset], generator=torch.Generator().manual_seed(0)
)
loader = DataLoader(
    TensorDataset(torch.as_tensor(X[subset]), torch.as_tensor(y[subset])),
    batch_size=32,
    sampler=sampler,
)

shares = []
for epoch in range(20):
    labels = torch.cat([batch_y for _, batch_y in loader]).numpy()
    shares.append(np.mean(labels == 2))
print(
    f"share of 2s: {np.mean(y[subset] == 2):.2f} in the subset, "
    f"{np.mean(shares):.2f} per epoch on average"
)

fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(shares, "o-", label="per epoch")
ax.axhline(np.mean(y[subset] == 2), color="grey", ls=":", label="subset")
ax.set_xlabel("epoch")
ax.set_ylabel("share of 2s drawn")
ax.legend()
fig.tight_layout()
