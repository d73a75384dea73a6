"""What the image transformers share: the image shape and the check of ``X``."""

from numbers import Integral

import numpy as np
from sklearn.base import (
    BaseEstimator,
    ClassNamePrefixFeaturesOutMixin,
    TransformerMixin,
)
from sklearn.utils.validation import validate_data

from .._compat import fit_context


def image_shape_of(image_shape):
    """``image_shape`` as a tuple, or a ``ValueError`` saying what it must be."""
    shape = tuple(image_shape)
    positive = all(isinstance(s, Integral) and s >= 1 for s in shape)
    if len(shape) not in (2, 3) or not positive:
        raise ValueError(
            "image_shape must be (height, width) or (height, width, channels) of "
            f"positive integers; got {image_shape!r}."
        )
    return shape


class ImageTransformer(
    ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator
):
    """Stateless transformers of flattened images (rows of ``image_shape`` pixels).

    :meth:`fit` validates the parameters and ``X``, then calls the subclass's
    ``_fit_shape(shape)``, which sets ``n_features_out_`` and whatever else
    the image shape alone determines; the output features are named after the
    class (``imagescatteringfeatures0``, ...).
    """

    @fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Check ``X`` against ``image_shape``; nothing is learned from the images.

        Parameters
        ----------
        X : array-like of shape (n_samples, height * width [* channels])
            Flattened images.
        y : None
            Ignored.

        Returns
        -------
        self : object
        """
        _, shape = self._validate_images(X, reset=True)
        self._fit_shape(shape)
        return self

    @property
    def _n_features_out(self):
        return self.n_features_out_

    def _validate_images(self, X, reset):
        """``(X, shape)``: ``X`` validated, float, with one image per row."""
        shape = image_shape_of(self.image_shape)
        X = validate_data(self, X, reset=reset, dtype=(np.float64, np.float32))
        if reset and X.shape[1] != int(np.prod(shape)):
            raise ValueError(
                f"X has {X.shape[1]} features per row but image_shape={shape} "
                f"holds {int(np.prod(shape))} pixels."
            )
        return X, shape
