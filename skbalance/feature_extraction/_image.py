"""Histograms of oriented gradients: a representation of images for the balancers."""

from numbers import Integral

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.utils.validation import check_is_fitted

from .._compat import Interval, StrOptions
from ._base import ImageTransformer, image_shape_of

#: Cells per image side that ``cell_size="auto"`` aims for (4-pixel cells at 28 x 28).
_CELLS_PER_SIDE = 7

#: L2-Hys: block histograms are clipped at this value after a first L2 normalisation.
_HYS_CLIP = 0.2

#: Rows transformed at a time (bounds the temporary arrays to a few MiB per row block).
_BATCH_ROWS = 1024


class ImageGradientFeatures(ImageTransformer):
    """Histograms of oriented gradients (HOG) of flattened images.

    Distances between raw pixels mix up what an image shows with where its
    strokes lie and how thick or bright they are: two threes written a few
    pixels apart are far apart in pixel space. The gradient orientations of
    small cells, normalised over blocks of cells (Dalal and Triggs' HOG),
    keep the shapes and drop most of that variation, so that neighbours in
    this representation are much more often of the same class. That is what
    the neighbour-based balancers need: use it as their ``transformer`` for
    images, usually followed by a PCA (see
    :func:`skbalance.balancers.default_balancer`).

    Each image is cut into square cells of ``cell_size`` pixels; every pixel
    adds its gradient magnitude to the histogram of its cell, split between
    the two nearest of ``n_orientations`` unsigned orientation bins. Blocks
    of ``block_size`` x ``block_size`` cells (overlapping by all but one cell)
    are L2-normalised, clipped at 0.2 and normalised again (L2-Hys); the
    output is the square root of the concatenated block histograms (a
    Hellinger map, so that Euclidean distances compare the histograms
    well). Stateless: :meth:`fit` only checks the input.

    Parameters
    ----------
    image_shape : tuple of int
        ``(height, width)`` of a grayscale image or ``(height, width,
        channels)`` of a channels-last colour image; each row of ``X`` is one
        image flattened in C order. For colour images each pixel uses the
        channel with the largest gradient.
    n_orientations : int, default=9
        Orientation bins over 180 degrees.
    cell_size : int or "auto", default="auto"
        Side of a cell in pixels; ``"auto"`` gives about 7 cells per side
        (4 pixels at 28 x 28, 1 pixel at 8 x 8). Pixels beyond the last whole
        cell are ignored.
    block_size : int, default=2
        Side of a normalisation block in cells (at most the cells per side).

    Attributes
    ----------
    n_features_in_ : int
        Number of pixels (times channels) per image.
    n_features_out_ : int
        Number of output features.
    cell_size_ : int
        The cell side used.

    See Also
    --------
    skbalance.balancers.default_balancer : Uses it for ``image_shape=...``.

    References
    ----------
    .. [1] N. Dalal and B. Triggs, "Histograms of Oriented Gradients for Human
       Detection", CVPR 2005.

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skbalance.feature_extraction import ImageGradientFeatures
    >>> X = load_digits().data / 16
    >>> features = ImageGradientFeatures(image_shape=(8, 8)).fit_transform(X)
    >>> features.shape
    (1797, 1764)
    """

    _parameter_constraints = {
        "image_shape": [tuple, list],
        "n_orientations": [Interval(Integral, 1, None, closed="left")],
        "cell_size": [Interval(Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "block_size": [Interval(Integral, 1, None, closed="left")],
    }

    def __init__(self, image_shape, n_orientations=9, cell_size="auto", block_size=2):
        self.image_shape = image_shape
        self.n_orientations = n_orientations
        self.cell_size = cell_size
        self.block_size = block_size

    def _fit_shape(self, shape):
        """The cell size and the output width for images of this shape."""
        height, width = shape[:2]
        self.cell_size_ = self._cell_size(height, width)
        cells_h, cells_w = height // self.cell_size_, width // self.cell_size_
        if min(cells_h, cells_w) < self.block_size:
            raise ValueError(
                f"block_size={self.block_size} cells does not fit in a {cells_h} x "
                f"{cells_w} grid of cells (image_shape={tuple(shape)}, cell_size="
                f"{self.cell_size_})."
            )
        blocks = (cells_h - self.block_size + 1) * (cells_w - self.block_size + 1)
        self.n_features_out_ = blocks * self.block_size**2 * self.n_orientations

    def transform(self, X):
        """Gradient-orientation histograms of the images in ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, height * width [* channels])

        Returns
        -------
        features : ndarray of shape (n_samples, n_features_out_)
            In the input's float dtype (float32 stays float32).
        """
        check_is_fitted(self, "n_features_out_")
        X, _ = self._validate_images(X, reset=False)
        out = np.empty((X.shape[0], self.n_features_out_), dtype=X.dtype)
        for start in range(0, X.shape[0], _BATCH_ROWS):
            rows = slice(start, start + _BATCH_ROWS)
            out[rows] = self._histograms(X[rows])
        return out

    # ------------------------------------------------------------- helpers
    def _cell_size(self, height, width):
        if self.cell_size == "auto":
            return max(1, round(min(height, width) / _CELLS_PER_SIDE))
        return int(self.cell_size)

    def _histograms(self, X):
        shape = image_shape_of(self.image_shape)
        images = X.reshape((X.shape[0], *shape))
        gx, gy = _gradients(images)
        if len(shape) == 3:  # the channel with the largest gradient at each pixel
            strongest = np.argmax(gx * gx + gy * gy, axis=-1)[..., None]
            gx = np.take_along_axis(gx, strongest, axis=-1)[..., 0]
            gy = np.take_along_axis(gy, strongest, axis=-1)[..., 0]
        cells = _cell_histograms(gx, gy, self.cell_size_, self.n_orientations)
        b = self.block_size
        # (n, blocks_h, blocks_w, bins, b, b)
        blocks = sliding_window_view(cells, (b, b), axis=(1, 2))
        blocks = blocks.reshape(*blocks.shape[:3], -1)
        blocks = _l2_hys(blocks)
        return np.sqrt(blocks.reshape(X.shape[0], -1)).astype(X.dtype, copy=False)


def _gradients(images):
    """Central differences along x and y (zero on the border rows and columns)."""
    gx = np.zeros_like(images)
    gy = np.zeros_like(images)
    gx[:, :, 1:-1] = images[:, :, 2:] - images[:, :, :-2]
    gy[:, 1:-1] = images[:, 2:] - images[:, :-2]
    return gx, gy


def _cell_histograms(gx, gy, cell, n_bins):
    """``(n, cells_h, cells_w, n_bins)``: magnitude-weighted orientation histograms.

    Each pixel's magnitude is split linearly between its two nearest
    orientation bins (unsigned orientations, bins wrap around at 180 degrees).
    """
    n, height, width = gx.shape
    cells_h, cells_w = height // cell, width // cell
    gx = gx[:, : cells_h * cell, : cells_w * cell]
    gy = gy[:, : cells_h * cell, : cells_w * cell]
    magnitude = np.hypot(gx, gy).astype(np.float64)
    position = np.mod(np.arctan2(gy, gx), np.pi) * (n_bins / np.pi)
    low = np.floor(position)
    upper_share = position - low
    low = low.astype(np.intp) % n_bins
    high = (low + 1) % n_bins
    # Flat index of each pixel's cell, then of the (cell, bin) pair.
    rows = np.arange(cells_h * cell) // cell
    columns = np.arange(cells_w * cell) // cell
    cell_index = (rows[:, None] * cells_w + columns[None, :]).ravel()
    image_offset = (np.arange(n) * (cells_h * cells_w))[:, None]
    base = ((image_offset + cell_index[None, :]) * n_bins).ravel()
    size = n * cells_h * cells_w * n_bins
    magnitude = magnitude.reshape(n, -1).ravel()
    share = upper_share.reshape(n, -1).ravel()
    low, high = low.reshape(n, -1).ravel(), high.reshape(n, -1).ravel()
    histogram = np.bincount(base + low, magnitude * (1 - share), size)
    histogram += np.bincount(base + high, magnitude * share, size)
    return histogram.reshape(n, cells_h, cells_w, n_bins)


def _l2_hys(blocks, eps=1e-6):
    """L2-normalise the last axis, clip at :data:`_HYS_CLIP`, normalise again."""
    blocks = blocks / _norms(blocks, eps)
    np.minimum(blocks, _HYS_CLIP, out=blocks)
    return blocks / _norms(blocks, eps)


def _norms(blocks, eps):
    """``sqrt(||b||^2 + eps)`` over the last axis, kept as a length-1 axis."""
    return np.sqrt(np.einsum("...i,...i->...", blocks, blocks) + eps)[..., None]
