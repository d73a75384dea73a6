"""Dataset loaders used by the experiments (no data is bundled or downloaded)."""

from ._mnist import load_mnist, read_idx

__all__ = ["load_mnist", "read_idx"]
