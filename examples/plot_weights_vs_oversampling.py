"""
Class weights, oversampling, or both
====================================

Seed 003's question on scikit-learn's digits: with 2% of one class in training,
is it better to weight the loss, to oversample, or to do both? A fixed
``LogisticRegression`` is trained four ways and scored on a balanced test set.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score

from skbalance import ClassBalanceOverSampler, LabelWeighter

X, y = load_digits(return_X_y=True)
X = X / 16.0
rng = np.random.RandomState(0)
zeros, sixes = (
    rng.permutation(np.flatnonzero(y == 0)),
    rng.permutation(np.flatnonzero(y == 6)),
)
train = np.r_[zeros[:120], sixes[:3]]  # 2.4% sixes
test = np.r_[zeros[120:], sixes[3:]]
X_train, y_train = X[train], (y[train] == 6).astype(int)
X_test, y_test = X[test], (y[test] == 6).astype(int)

scores = {}
scores["none"] = LogisticRegression(max_iter=1000).fit(X_train, y_train)
w = LabelWeighter().fit_compute_sample_weight(y_train)
scores["class weights"] = LogisticRegression(max_iter=1000).fit(
    X_train, y_train, sample_weight=w
)
X_over, y_over = ClassBalanceOverSampler(random_state=0).fit_resample(X_train, y_train)
scores["oversampling"] = LogisticRegression(max_iter=1000).fit(X_over, y_over)
w_over = LabelWeighter().fit_compute_sample_weight(y_over)
scores["both"] = LogisticRegression(max_iter=1000).fit(
    X_over, y_over, sample_weight=w_over
)

results = {
    name: balanced_accuracy_score(y_test, model.predict(X_test))
    for name, model in scores.items()
}
for name, value in results.items():
    print(f"{name:14s} balanced accuracy {value:.3f}")

fig, ax = plt.subplots(figsize=(5, 3))
ax.bar(list(results), list(results.values()))
ax.set_ylim(0.4, 1.0)
ax.set_ylabel("balanced accuracy (test)")
ax.set_title("0 vs 6 on digits, 2% sixes in training")
fig.tight_layout()
