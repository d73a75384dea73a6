import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits

from skbalance.feature_extraction import ImageScatteringFeatures
from skbalance.feature_extraction._scattering import _morlet


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return X / 16.0, y


def _reference(image, n_scales, n_orientations):
    """First-order scattering by direct circular convolution in space."""
    height, width = image.shape
    step = 2**n_scales
    M = -(-(height + step) // step) * step
    N = -(-(width + step) // step) * step
    top, left = (M - height) // 2, (N - width) // 2
    padded = np.pad(
        image, ((top, M - height - top), (left, N - width - left)), "reflect"
    )
    row_centres = (
        top + height / 2 + step * (np.arange(height // step) - (height // step - 1) / 2)
    )
    column_centres = (
        left + width / 2 + step * (np.arange(width // step) - (width // step - 1) / 2)
    )
    sigma = 0.8 * 2 ** (n_scales - 1)

    def average(values, stride):
        rows = stride * np.arange(values.shape[0])
        columns = stride * np.arange(values.shape[1])
        out = np.empty((row_centres.size, column_centres.size))
        for a, r in enumerate(row_centres):
            for b, c in enumerate(column_centres):
                dr = (r - rows + M / 2) % M - M / 2
                dc = (c - columns + N / 2) % N - N / 2
                weights = np.exp(
                    -(dr[:, None] ** 2 + dc[None, :] ** 2) / (2 * sigma**2)
                )
                out[a, b] = np.sum(weights * values) / weights.sum()
        return out

    coefficients = [average(padded, 1)]
    for j in range(n_scales):
        stride = 2**j
        for k in range(n_orientations):
            angle = (n_orientations // 2 - 1 - k) * np.pi / n_orientations
            wavelet = _morlet(
                M, N, 0.8 * 2**j, angle, 0.75 * np.pi / 2**j, 4 / n_orientations
            )
            response = np.empty((M // stride, N // stride), dtype=complex)
            for p in range(0, M, stride):
                for q in range(0, N, stride):
                    shifted = wavelet[
                        (p - np.arange(M))[:, None] % M, (q - np.arange(N)) % N
                    ]
                    response[p // stride, q // stride] = np.sum(padded * shifted)
            coefficients.append(average(np.abs(response), stride))
    coefficients = np.stack(coefficients).ravel()
    return np.sign(coefficients) * np.sqrt(np.abs(coefficients))


@pytest.mark.parametrize(
    "shape, n_scales, n_orientations", [((10, 12), 2, 4), ((8, 8), 1, 3)]
)
def test_matches_direct_convolution(shape, n_scales, n_orientations):
    rng = np.random.RandomState(0)
    X = rng.rand(2, shape[0] * shape[1])
    features = ImageScatteringFeatures(
        image_shape=shape, n_scales=n_scales, n_orientations=n_orientations
    ).fit(X)
    out = features.transform(X)
    for row, image in zip(out, X):
        assert_allclose(
            row,
            _reference(image.reshape(shape), n_scales, n_orientations),
            rtol=1e-4,
            atol=1e-5,
        )


def test_output_shape_dtype_and_auto_scales(digits):
    X, _ = digits
    features = ImageScatteringFeatures(image_shape=(8, 8)).fit(X)
    # 8 x 8: two scales (averages over 4 pixels, a 2 x 2 grid), 8 orientations.
    assert (features.n_scales_, features.grid_shape_) == (2, (2, 2))
    out = features.transform(X[:10])
    assert out.shape == (10, (1 + 2 * 8) * 4) == (10, features.n_features_out_)
    assert out.dtype == np.float64
    assert features.transform(X[:10].astype(np.float32)).dtype == np.float32
    assert np.isfinite(out).all() and out.min() >= 0
    assert features.get_feature_names_out().shape == (features.n_features_out_,)
    big = ImageScatteringFeatures(image_shape=(28, 28)).fit(np.zeros((1, 784)))
    assert (big.n_scales_, big.grid_shape_) == (3, (3, 3))
    tiny = ImageScatteringFeatures(image_shape=(3, 2)).fit(np.ones((2, 6)))
    assert (tiny.n_scales_, tiny.grid_shape_) == (1, (1, 1))
    assert np.isfinite(tiny.transform(np.ones((2, 6)))).all()


def test_colour_channels_are_transformed_one_by_one(digits):
    X, _ = digits
    channels = [X[:5], X[5:10], X[10:15]]
    rgb = np.stack([c.reshape(5, 8, 8) for c in channels], axis=-1).reshape(5, -1)
    colour = ImageScatteringFeatures(image_shape=(8, 8, 3)).fit_transform(rgb)
    grey = ImageScatteringFeatures(image_shape=(8, 8))
    expected = np.hstack([grey.fit_transform(c) for c in channels])
    assert_allclose(colour, expected, rtol=1e-5, atol=1e-6)


def _bar(position, thickness=1, size=28):
    image = np.zeros((size, size))
    image[4:24, position : position + thickness] = 1.0
    return image.ravel()


def test_stable_to_a_shift_but_keeps_the_stroke_thickness():
    # In pixel space a thin bar shifted by one pixel shares no pixel with the
    # original and is as far from it as the bar drawn twice as thick; the
    # scattering coefficients barely move with the shift but tell the thick bar
    # apart.
    X = np.stack([_bar(13), _bar(14), _bar(13, thickness=2)])
    assert np.linalg.norm(X[0] - X[1]) >= np.linalg.norm(X[0] - X[2])
    F = ImageScatteringFeatures(image_shape=(28, 28)).fit_transform(X)
    assert np.linalg.norm(F[0] - F[1]) < 0.5 * np.linalg.norm(F[0] - F[2])


@pytest.mark.parametrize(
    "params, match",
    [
        ({"image_shape": (8, 8), "n_scales": 4}, "at most 3"),
        ({"image_shape": (8, 8), "n_scales": 0}, "n_scales"),
        ({"image_shape": (8, 8), "n_scales": "many"}, "n_scales"),
        ({"image_shape": (1, 64)}, "at least 2 x 2 pixels"),
    ],
)
def test_bad_parameters(digits, params, match):
    X, _ = digits
    with pytest.raises(ValueError, match=match):
        ImageScatteringFeatures(**params).fit(X)


@st.composite
def images(draw):
    """Flattened images of any size from 2 x 2 to 12 x 12, grey or colour."""
    shape = (draw(st.integers(2, 12)), draw(st.integers(2, 12)))
    if draw(st.booleans()):
        shape += (draw(st.integers(1, 3)),)
    n = draw(st.integers(1, 6))
    pixels = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
    X = draw(arrays(np.float64, (n, int(np.prod(shape))), elements=pixels))
    return X, shape


@settings(max_examples=30, deadline=None)
@given(data=images(), factor=st.floats(1e-3, 1e3), seed=st.integers(0, 2**31 - 1))
def test_rowwise_finite_and_positively_homogeneous(data, factor, seed):
    # Scattering is positively homogeneous (the modulus of a linear map, averaged):
    # scaling an image by c scales its coefficients by c, their square roots by
    # sqrt(c). Rows are transformed independently of each other.
    X, shape = data
    features = ImageScatteringFeatures(image_shape=shape).fit(X)
    out = features.transform(X)
    assert np.isfinite(out).all()
    order = np.random.RandomState(seed).permutation(len(X))
    assert_allclose(features.transform(X[order]), out[order], rtol=1e-5, atol=1e-6)
    # Float32 round-off (~1e-7 of the image's magnitude) becomes ~3e-4 of the
    # largest coefficient after the square root: coefficients that should be 0
    # (a wavelet on a flat image) are compared within that.
    scale = np.sqrt(factor)
    noise = 1e-3 * (np.abs(out).max() + 1e-12) * scale
    assert_allclose(features.transform(X * factor), out * scale, rtol=1e-3, atol=noise)
