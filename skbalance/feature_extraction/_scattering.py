"""Wavelet scattering coefficients: a representation of images for the balancers."""

from numbers import Integral

import numpy as np
import scipy.fft
from sklearn.utils.validation import check_is_fitted

from .._compat import Interval, StrOptions
from ._base import ImageTransformer, image_shape_of

#: Bytes of the largest temporary array (the wavelet responses of a batch of images):
#: small batches stay in the processor's cache, which makes them faster (40 rows at
#: 28 x 28).
_BATCH_BYTES = 4 * 2**20

#: Width of a wavelet's Gaussian envelope at scale 1 (Morlet wavelets of Mallat's
#: scattering networks; the envelope at scale ``2**j`` is ``2**j`` times wider).
_SIGMA = 0.8

#: Parts of a wavelet's spectrum below this fraction of its peak are left out.
_NEGLIGIBLE = 1e-6

#: Centre frequency of the wavelets at scale 1, in radians per pixel.
_XI = 3 * np.pi / 4


class ImageScatteringFeatures(ImageTransformer):
    """First-order wavelet scattering coefficients of flattened images.

    Each image is convolved with Morlet wavelets at ``n_scales`` dyadic
    scales and ``n_orientations`` orientations; the modulus of each response
    (how much the image varies at that scale and orientation, wherever the
    stroke lies within the wavelet) is averaged by a Gaussian window of width
    about ``2**n_scales`` pixels on a coarse grid, together with the image's
    own local average. These are the first-order coefficients of Mallat's
    scattering transform (Bruna and Mallat, 2013): stable to small shifts
    and deformations of the strokes, like
    :class:`ImageGradientFeatures`, but unlike block-normalised gradient
    histograms they keep how thick, bright or large the strokes are, so that
    the same shape drawn in different styles stays apart. The output is the
    signed square root of the coefficients (so that Euclidean distances are
    not dominated by the strongest responses), usually followed by a PCA
    (see :func:`skbalance.balancers.default_balancer`). Stateless:
    :meth:`fit` only checks the input and builds the filters.

    Parameters
    ----------
    image_shape : tuple of int
        ``(height, width)`` of a grayscale image or ``(height, width,
        channels)`` of a channels-last colour image; each row of ``X`` is one
        image flattened in C order. Colour channels are transformed one by
        one and their coefficients concatenated.
    n_scales : int or "auto", default="auto"
        Dyadic scales of the wavelets (``J``): scales 1, 2, ...,
        ``2**(n_scales - 1)`` pixels, averaged over windows of about
        ``2**n_scales`` pixels spaced ``2**n_scales`` apart. ``"auto"`` takes
        the largest that still leaves a grid of at least 2 x 2 averages (3 at
        28 x 28 pixels, 2 at 8 x 8).
    n_orientations : int, default=8
        Orientations of the wavelets over 180 degrees.

    Attributes
    ----------
    n_scales_ : int
        The number of scales used.
    grid_shape_ : tuple of int
        ``(rows, columns)`` of the averaging grid.
    n_features_out_ : int
        ``(1 + n_scales_ * n_orientations) * rows * columns * channels``.
    n_features_in_ : int
        Pixels per image (times channels).

    See Also
    --------
    ImageGradientFeatures : Histograms of oriented gradients.

    Notes
    -----
    The wavelets and their padding follow Kymatio's 2-D scattering (Andreux et
    al., 2020): each image is padded by reflection, the wavelet responses are
    computed with FFTs and sampled at a stride of their own scale before the
    modulus is averaged. Transforming costs several times as much as
    :class:`ImageGradientFeatures` (FFTs at every scale); the fit times of the
    documentation's balance-quality report include it.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.feature_extraction import ImageScatteringFeatures
    >>> rng = np.random.RandomState(0)
    >>> X = rng.rand(5, 28 * 28)
    >>> scattering = ImageScatteringFeatures(image_shape=(28, 28)).fit(X)
    >>> scattering.n_scales_, scattering.grid_shape_
    (3, (3, 3))
    >>> scattering.transform(X).shape
    (5, 225)
    """

    _parameter_constraints = {
        "image_shape": ["array-like"],
        "n_scales": [Interval(Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "n_orientations": [Interval(Integral, 1, None, closed="left")],
    }

    def __init__(self, image_shape, n_scales="auto", n_orientations=8):
        self.image_shape = image_shape
        self.n_scales = n_scales
        self.n_orientations = n_orientations

    def _fit_shape(self, shape):
        """The output layout and the filters for images of this shape."""
        self.n_scales_, self.grid_shape_, self.n_features_out_ = scattering_layout(
            shape, self.n_scales, self.n_orientations
        )
        height, width = shape[:2]
        self._filters = _Filters(height, width, self.n_scales_, self.n_orientations)

    def transform(self, X):
        """Scattering coefficients of the images in ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, height * width [* channels])

        Returns
        -------
        features : ndarray of shape (n_samples, n_features_out_)
            In the input's float dtype (float32 stays float32).
        """
        check_is_fitted(self, "n_features_out_")
        X, shape = self._validate_images(X, reset=False)
        out = np.empty((X.shape[0], self.n_features_out_), dtype=X.dtype)
        channels = shape[2] if len(shape) == 3 else 1
        row_bytes = channels * self._filters.response_bytes
        batch = max(1, _BATCH_BYTES // row_bytes)
        workspace = {}  # the batches' temporaries, allocated once
        for start in range(0, X.shape[0], batch):
            rows = slice(start, start + batch)
            images = X[rows].reshape((-1, *shape))
            if len(shape) == 3:  # channels first, each channel an image of its own
                images = np.moveaxis(images, -1, 1).reshape(-1, *shape[:2])
            coefficients = self._filters.scatter(images, workspace)
            out[rows] = coefficients.reshape(X[rows].shape[0], -1)
        return out


def scattering_layout(image_shape, n_scales, n_orientations):
    """``(n_scales, grid_shape, n_features_out)`` of the scattering of these images.

    What :meth:`ImageScatteringFeatures.fit` sets, without any data: a
    ``ValueError`` names the problem when the images are too small for the
    scales asked for.
    """
    shape = image_shape_of(image_shape)
    height, width = shape[:2]
    if min(height, width) < 2:
        raise ValueError(
            "Images must be at least 2 x 2 pixels for scattering; got "
            f"image_shape={shape}."
        )
    if n_scales == "auto":  # the largest that leaves 2 averages per side
        n_scales = max(1, int(np.log2(min(height, width) / 2)))
    step = 2**n_scales
    grid = (height // step, width // step)
    if min(grid) < 1:
        raise ValueError(
            f"n_scales={n_scales} averages over {step} pixels, more than the image's "
            f"side (image_shape={shape}); use at most "
            f"{int(np.log2(min(height, width)))}."
        )
    channels = shape[2] if len(shape) == 3 else 1
    n_features = (1 + n_scales * n_orientations) * grid[0] * grid[1] * channels
    return n_scales, grid, n_features


class _Filters:
    """Morlet wavelets in Fourier space and the Gaussian averages, for one image size.

    Images are padded by reflection to ``(M, N)`` (see :func:`_axis`).
    """

    def __init__(self, height, width, n_scales, n_orientations):
        J = n_scales
        self.size = (height, width)
        self.n_orientations = n_orientations
        (M, top, self.row_averages), (N, left, self.column_averages) = (
            _axis(size, J) for size in (height, width)
        )
        self.padding = (top, left)
        self.padded = (M, N)
        #: Bytes of one image's wavelet responses at the finest scale (complex64).
        self.response_bytes = n_orientations * M * N * 8
        angles = (n_orientations // 2 - 1 - np.arange(n_orientations)) * (
            np.pi / n_orientations
        )
        slant = 4.0 / n_orientations
        # The response at scale j is sampled every 2**j pixels, so its spectrum is
        # the full one folded: the sum of its (2**j)**2 blocks. blocks[j] holds
        # each block's offsets and the wavelets' part there (n_orientations,
        # M / 2**j, N / 2**j), divided by 4**j; blocks where the wavelets vanish
        # are left out.
        self.blocks = []
        for j in range(J):
            wavelets = np.stack(
                [
                    np.real(
                        np.fft.fft2(_morlet(M, N, _SIGMA * 2**j, a, _XI / 2**j, slant))
                    )
                    for a in angles
                ]
            )
            k = 2**j
            m, n = M // k, N // k
            largest = np.abs(wavelets).max()
            self.blocks.append(
                [
                    (a * m, b * n, (part / k**2).astype(np.float32))
                    for a in range(k)
                    for b in range(k)
                    if np.abs(
                        part := wavelets[:, a * m : (a + 1) * m, b * n : (b + 1) * n]
                    ).max()
                    > _NEGLIGIBLE * largest
                ]
            )

    def scatter(self, images, workspace):
        """``(n, 1 + J * L, rows, columns)`` signed square roots of the coefficients.

        ``workspace`` (a dict, empty at first) keeps the temporaries from one
        batch to the next: a batch's first allocation of them costs more than
        its arithmetic (fresh pages from the system).
        """
        (ph, pw), (M, N) = self.padding, self.padded
        height, width = self.size
        padded = np.pad(
            images.astype(np.float32, copy=False),
            ((0, 0), (ph, M - height - ph), (pw, N - width - pw)),
            mode="reflect",
        )

        def buffer(name, shape, dtype):
            if name not in workspace:  # the first batch is the largest
                workspace[name] = np.empty(shape, dtype=dtype)
            return workspace[name][: shape[0]]

        count, paths = len(images), self.n_orientations
        spectrum = scipy.fft.fft2(padded)[:, None]
        averages = [
            _average(padded[:, None], self.row_averages[0], self.column_averages[0])
        ]
        for j, blocks in enumerate(self.blocks):
            m, n = M // 2**j, N // 2**j
            response = buffer(f"response{j}", (count, paths, m, n), np.complex64)
            term = buffer(f"term{j}", (count, paths, m, n), np.complex64)
            for index, (row, column, wavelets) in enumerate(blocks):
                block = spectrum[..., row : row + m, column : column + n]
                np.multiply(block, wavelets, out=response if index == 0 else term)
                if index > 0:
                    np.add(response, term, out=response)
            response = scipy.fft.ifft2(response, overwrite_x=True)
            modulus = np.abs(
                response, out=buffer(f"modulus{j}", response.shape, np.float32)
            )
            averages.append(
                _average(modulus, self.row_averages[j], self.column_averages[j])
            )
        coefficients = np.concatenate(averages, axis=1)
        return np.sign(coefficients) * np.sqrt(np.abs(coefficients))


def _axis(size, n_scales):
    """One image axis: ``(padded, before, windows)``.

    The axis is padded by reflection to ``padded`` pixels, ``before`` of them
    ahead of the image: the smallest multiple of ``2**n_scales`` at least
    ``2**n_scales`` longer than the image, so that the circular convolutions
    do not wrap one border onto the other. ``windows[j]`` (``(size //
    2**n_scales, padded // 2**j)``) averages a map sampled every ``2**j``
    pixels on positions spaced ``2**n_scales`` apart, centred on the image.
    """
    step = 2**n_scales
    padded = -(-(size + step) // step) * step
    before = (padded - size) // 2
    count = size // step
    centres = before + size / 2 + step * (np.arange(count) - (count - 1) / 2)
    sigma = _SIGMA * 2 ** (n_scales - 1)
    windows = [_gaussian_rows(centres, padded, 2**j, sigma) for j in range(n_scales)]
    return padded, before, windows


def _gabor(M, N, sigma, theta, xi, slant=1.0):
    """A Gabor filter on an ``M`` x ``N`` periodic grid (origin at index 0)."""
    rotation = np.array(
        [[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]
    )
    curvature = rotation @ np.diag([1.0, slant**2]) @ rotation.T / (2 * sigma**2)
    # Sum over the nearest periodic copies so that the filter wraps around smoothly:
    # (5, 1, M, 1) and (1, 5, 1, N) broadcast to (5, 5, M, N).
    copies = np.arange(-2, 3)
    xx = (np.arange(M)[None, :] + M * copies[:, None])[:, None, :, None]
    yy = (np.arange(N)[None, :] + N * copies[:, None])[None, :, None, :]
    quadratic = (
        curvature[0, 0] * xx**2
        + 2 * curvature[0, 1] * xx * yy
        + curvature[1, 1] * yy**2
    )
    phase = xi * (xx * np.cos(theta) + yy * np.sin(theta))
    values = np.exp(-quadratic + 1j * phase).sum(axis=(0, 1))
    return values / (2 * np.pi * sigma**2 / slant)


def _morlet(M, N, sigma, theta, xi, slant):
    """A Morlet wavelet: a Gabor filter minus its envelope scaled to zero mean."""
    wave = _gabor(M, N, sigma, theta, xi, slant)
    envelope = _gabor(M, N, sigma, theta, 0.0, slant)
    return wave - wave.sum() / envelope.sum() * envelope


def _gaussian_rows(centres, size, stride, sigma):
    """``(len(centres), size // stride)``: normalised periodic Gaussian windows."""
    positions = stride * np.arange(size // stride)
    distance = (centres[:, None] - positions[None, :] + size / 2) % size - size / 2
    window = np.exp(-(distance**2) / (2 * sigma**2))
    return (window / window.sum(axis=1, keepdims=True)).astype(np.float32)


def _average(maps, row_windows, column_windows):
    """Gaussian averages of ``maps`` (n, paths, m, n') on the output grid."""
    return row_windows @ maps @ column_windows.T
