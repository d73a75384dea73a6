"""What every image transformer does: check its input, batch, clone, pickle."""

import pickle

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.datasets import load_digits
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import check_estimator

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


def _causes(exception):
    while exception is not None:
        yield exception
        exception = exception.__cause__ or exception.__context__


@pytest.mark.parametrize("cls", TRANSFORMERS)
def test_sklearn_checks_fail_only_on_the_image_width(cls):
    """scikit-learn's checks pass except where their data are not images.

    The checks generate ``X`` of 1 to 10 features, which an image
    transformer refuses unless it is ``image_shape``'s pixel count, so the
    checks that fit on such data fail there. Every other check must pass,
    and every failure must be that refusal and nothing else.
    """
    shape = (2, 2) if cls is ImageScatteringFeatures else (8, 8)
    results = check_estimator(cls(image_shape=shape), on_fail=None)
    passed = {r["check_name"] for r in results if r["status"] == "passed"}
    assert {
        "check_estimators_unfitted",
        "check_transformers_unfitted",
        "check_no_attributes_set_in_init",
        "check_do_not_raise_errors_in_init_or_set_params",
        "check_estimators_empty_data_messages",
        "check_estimator_sparse_array",
        "check_complex_data",
        "check_get_params_invariance",
        "check_set_params",
        "check_fit1d",
        "check_parameters_default_constructible",
    } <= passed
    width_refusal = f"features per row but image_shape={shape} holds"
    for result in results:
        if result["status"] == "failed":
            messages = [str(e) for e in _causes(result["exception"])]
            assert any(width_refusal in m for m in messages), (
                result["check_name"],
                messages,
            )


@pytest.mark.parametrize("cls", TRANSFORMERS)
def test_what_the_width_bound_sklearn_checks_check(cls, digits, tmp_path):
    """The checks above that cannot run, run here on images of the right width."""
    X = digits[0][:40]
    features = cls(image_shape=(8, 8))
    params = features.get_params()
    assert features.fit(X) is features  # fit returns self
    assert features.get_params() == params  # fit does not overwrite parameters
    assert features.n_features_in_ == 64
    out = features.transform(X)
    state = dict(features.__dict__)
    # Row order, a subset, a second fit, and each input container: same rows.
    order = np.random.RandomState(0).permutation(len(X))
    assert_allclose(features.transform(X[order]), out[order], rtol=1e-5, atol=1e-6)
    assert_allclose(features.transform(X[5:9]), out[5:9], rtol=1e-5, atol=1e-6)
    assert_allclose(clone(features).fit(X).transform(X), out, rtol=1e-6)
    assert_allclose(features.transform(np.asfortranarray(X)), out, rtol=1e-6)
    assert_allclose(features.transform(X.tolist()), out, rtol=1e-6)
    path = tmp_path / "X.npy"
    np.save(path, X)
    readonly = np.load(path, mmap_mode="r")
    assert_allclose(features.transform(readonly), out, rtol=1e-6)
    assert features.transform(X.astype(np.float32)).dtype == np.float32
    # transform sets and replaces nothing
    assert features.__dict__.keys() == state.keys()
    assert all(features.__dict__[k] is v for k, v in state.items())
    assert_allclose(features.fit_transform(X), out, rtol=1e-6)
    with pytest.raises(ValueError, match="2D array"):
        features.transform(X[0])
