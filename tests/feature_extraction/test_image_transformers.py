"""What every image transformer does: check its input, batch, clone, pickle."""

import pickle

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.datasets import load_digits
from sklearn.exceptions import NotFittedError

from skbalance.feature_extraction import ImageGradientFeatures, ImageScatteringFeatures

TRANSFORMERS = [ImageGradientFeatures, ImageScatteringFeatures]


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return X / 16.0, y


@pytest.mark.parametrize("cls", TRANSFORMERS)
def test_rows_are_independent_and_batches_agree(cls, digits):
    X, _ = digits
    features = cls(image_shape=(8, 8)).fit(X)
    all_rows = features.transform(X)  # more rows than one internal batch
    assert_allclose(features.transform(X[1500:1510]), all_rows[1500:1510], rtol=1e-5)


@pytest.mark.parametrize("cls", TRANSFORMERS)
def test_input_is_not_modified_and_estimator_is_clonable_and_picklable(cls, digits):
    X, _ = digits
    before = X[:5].copy()
    features = cls(image_shape=(8, 8)).fit(X[:5])
    features.transform(X[:5])
    assert_allclose(X[:5], before)
    restored = pickle.loads(pickle.dumps(features))
    assert_allclose(restored.transform(X[:5]), features.transform(X[:5]))
    assert clone(features).get_params() == features.get_params()
    names = features.get_feature_names_out()
    assert names.shape == (features.n_features_out_,)
    assert names[0] == f"{cls.__name__.lower()}0"


@pytest.mark.parametrize("cls", TRANSFORMERS)
@pytest.mark.parametrize(
    "params, match",
    [
        ({"image_shape": (8, 9)}, "72 pixels"),
        ({"image_shape": (8,)}, "image_shape must be"),
        ({"image_shape": (8, 0)}, "image_shape must be"),
        ({"image_shape": (8, 8), "n_orientations": 0}, "n_orientations"),
        ({"image_shape": "8x8"}, "image_shape"),
    ],
)
def test_bad_parameters(cls, digits, params, match):
    X, _ = digits
    with pytest.raises(ValueError, match=match):
        cls(**params).fit(X)


@pytest.mark.parametrize("cls", TRANSFORMERS)
def test_bad_input(cls, digits):
    X, _ = digits
    features = cls(image_shape=(8, 8))
    with pytest.raises(NotFittedError):
        features.transform(X)
    with pytest.raises(NotFittedError):
        features.get_feature_names_out()
    with pytest.raises(ValueError, match="NaN"):
        features.fit(np.where(X == 0, np.nan, X))
    with pytest.raises(ValueError, match="infinity"):
        features.fit(np.where(X == 0, np.inf, X))
    fitted = features.fit(X)
    with pytest.raises(ValueError, match="features"):
        fitted.transform(X[:, :10])
    with pytest.raises(ValueError, match="convert"):
        features.fit(np.array([["a"] * 64]))
