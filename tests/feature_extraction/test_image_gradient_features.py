import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits

from skbalance.feature_extraction import ImageGradientFeatures


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return X / 16.0, y


def test_output_shape_and_dtype(digits):
    X, _ = digits
    features = ImageGradientFeatures(image_shape=(8, 8)).fit(X)
    out = features.transform(X[:10])
    # 8 cells per side of 1 pixel, 7 x 7 blocks of 2 x 2 cells, 9 bins each.
    assert out.shape == (10, 7 * 7 * 4 * 9) == (10, features.n_features_out_)
    assert out.dtype == np.float64
    assert features.transform(X[:10].astype(np.float32)).dtype == np.float32
    assert np.isfinite(out).all() and out.min() >= 0
    assert features.get_feature_names_out().shape == (features.n_features_out_,)


def test_hand_computed_single_edge():
    # A vertical edge: horizontal gradients only, all in the 0-degree bin.
    image = np.zeros((4, 4))
    image[:, 2:] = 1.0
    features = ImageGradientFeatures(
        image_shape=(4, 4), n_orientations=4, cell_size=2, block_size=1
    )
    out = features.fit_transform(image.reshape(1, -1)).reshape(2, 2, 4)
    # Each cell's histogram is L2-normalised, clipped at 0.2, renormalised and
    # square-rooted: a single non-zero bin ends at 1, the others at 0.
    assert_allclose(out[..., 0], 1.0, atol=1e-3)
    assert_allclose(out[..., 1:], 0.0, atol=1e-6)


def test_invariant_to_brightness_and_contrast(digits):
    X, _ = digits
    features = ImageGradientFeatures(image_shape=(8, 8)).fit(X)
    base = features.transform(X[:20])
    assert_allclose(features.transform(3 * X[:20] + 0.5), base, atol=1e-3)


def test_colour_images_with_equal_channels_equal_grayscale(digits):
    X, _ = digits
    rgb = np.repeat(X[:5].reshape(5, 8, 8, 1), 3, axis=3).reshape(5, -1)
    grey = ImageGradientFeatures(image_shape=(8, 8)).fit_transform(X[:5])
    colour = ImageGradientFeatures(image_shape=(8, 8, 3)).fit_transform(rgb)
    assert_allclose(colour, grey)


def test_a_shifted_stroke_stays_closer_than_another_shape():
    # A thin vertical bar, the same bar one pixel to the right and a horizontal bar
    # (16 x 16, 2-pixel cells). In pixel space the shifted bar shares no pixel with
    # the original: it is as far as the horizontal bar (farther, even). Its gradients
    # have the same orientation in the same cells.
    def bar(vertical, position):
        image = np.zeros((16, 16))
        if vertical:
            image[2:14, position] = 1.0
        else:
            image[position, 2:14] = 1.0
        return image.ravel()

    X = np.stack([bar(True, 5), bar(True, 6), bar(False, 5)])
    pixels = np.linalg.norm(X[0] - X[1]), np.linalg.norm(X[0] - X[2])
    assert pixels[0] >= pixels[1] - 1e-9
    F = ImageGradientFeatures(image_shape=(16, 16)).fit_transform(X)
    assert np.linalg.norm(F[0] - F[1]) < 0.5 * np.linalg.norm(F[0] - F[2])


@pytest.mark.parametrize(
    "params, match",
    [
        ({"image_shape": (8, 8), "block_size": 9}, "block_size"),
        ({"image_shape": (8, 8), "cell_size": "big"}, "cell_size"),
    ],
)
def test_bad_parameters(digits, params, match):
    X, _ = digits
    with pytest.raises(ValueError, match=match):
        ImageGradientFeatures(**params).fit(X)
