"""The one place that says which balancer skbalance recommends."""

from sklearn.decomposition import PCA
from sklearn.pipeline import make_pipeline

from ..feature_extraction import ImageScatteringFeatures
from ..feature_extraction._scattering import scattering_layout
from ..preprocessing import (
    ClusterDiscriminantAnalysis,
    LocalityPreservingProjection,
    UnitScaler,
)
from ._adaptive_voronoi import AdaptiveVoronoiBalancer
from ._density import DensityBalancer

#: Principal components kept of the scattering coefficients of images (fewer when
#: the images are so small that they have fewer coefficients).
IMAGE_COMPONENTS = 50


def default_balancer(random_state=None, image_shape=None, separate_pool=True):
    """The recommended balancer, unfitted.

    Every part of skbalance that picks a balancer for the user
    (:class:`~skbalance.BalancedEstimator`, the label-free samplers, the
    command line) asks this function, so the recommendation lives in one
    place.

    - Features (tabular data, embeddings, flattened pixels without
      ``image_shape``): :class:`AdaptiveVoronoiBalancer` behind a
      :class:`~skbalance.preprocessing.UnitScaler` fitted on the pool. It
      leaves features that share one unit (pixels, embeddings) as they are.
      Columns in unrelated units (tabular data) it maps to their ranks in the
      pool, then (``then=``) projects with
      :class:`~skbalance.preprocessing.ClusterDiscriminantAnalysis` onto the
      directions that separate the pool's own k-means clusters, so that noise
      columns and variation within a group count less than what tells groups
      apart.
    - Images (``image_shape`` given): the same balancer on a representation
      that compares shapes rather than pixels, wavelet scattering
      coefficients (:class:`~skbalance.feature_extraction.ImageScatteringFeatures`:
      stable to small shifts and deformations of the strokes, but keeping
      their thickness and size) reduced to 50 principal components of the
      pool, then projected with
      :class:`~skbalance.preprocessing.LocalityPreservingProjection` onto the
      directions along which neighbouring shapes of the pool stay close while
      the pool as a whole spreads, so that what tells a group of similar
      shapes from another counts more than how neighbours differ. Prefer it
      whenever the rows are images: neighbours in pixel space are too often
      of another class.
    - No separate pool (``separate_pool=False``: the data is weighted against
      itself, as the label-free samplers do): :class:`DensityBalancer`, which
      flattens the data's own density. (Pool-referenced balancers such as
      the Voronoi family give uniform weights when the pool is the data.)

    The choice and its evidence (tuning and confirmation families of
    datasets) are in the documentation's results page.

    Parameters
    ----------
    random_state : int, RandomState instance or None, default=None
        Seeds the balancer and its representation (the k-means or PCA
        inside).
    image_shape : tuple of int or None, default=None
        ``(height, width)`` or ``(height, width, channels)`` when each row is
        a flattened image; ``None`` for any other features.
    separate_pool : bool, default=True
        Whether the balancer will be fitted on a separate unlabeled pool
        (``False``: on the data it weights).

    Returns
    -------
    balancer : BaseBalancer
        Unfitted.

    Examples
    --------
    >>> from skbalance.balancers import default_balancer
    >>> default_balancer(random_state=0)
    AdaptiveVoronoiBalancer(random_state=0,
                            transformer=UnitScaler(method='rank',
                                                   then=ClusterDiscriminantAnalysis(random_state=0)))
    >>> default_balancer(image_shape=(28, 28)).transformer.steps[0][1]
    ImageScatteringFeatures(image_shape=(28, 28))
    """
    if not separate_pool:
        return DensityBalancer()
    if image_shape is None:
        transformer = UnitScaler(
            method="rank", then=ClusterDiscriminantAnalysis(random_state=random_state)
        )
    else:
        features = ImageScatteringFeatures(image_shape=tuple(image_shape))
        n_features = scattering_layout(
            features.image_shape, features.n_scales, features.n_orientations
        )[2]
        transformer = make_pipeline(
            features,
            PCA(
                n_components=min(IMAGE_COMPONENTS, n_features),
                random_state=random_state,
            ),
            LocalityPreservingProjection(),
        )
    return AdaptiveVoronoiBalancer(transformer=transformer, random_state=random_state)
