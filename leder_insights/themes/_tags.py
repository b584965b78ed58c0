"""scikit-learn estimator tags shared by the theme classifiers."""
from __future__ import annotations


class MultiLabelTextTagsMixin:
    """Declare: input is a 1-d sequence of strings, output is multi-label (one column per theme).

    Put it first in the bases, before ``ClassifierMixin`` and ``BaseEstimator``.
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = False
        tags.classifier_tags.multi_label = True
        return tags


__all__ = ["MultiLabelTextTagsMixin"]
