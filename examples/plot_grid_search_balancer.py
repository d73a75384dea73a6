"""
Searching a balancer's hyperparameters
======================================

``BalancedEstimator`` puts a balancer inside a model, so ``GridSearchCV`` can
search the balancer's parameters next to the classifier's. ``balance_scorer``
and ``ess_scorer`` report how balanced the weights are and how many samples
effectively count, next to the classifier's own score.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV

from skbalance import AdaptiveVoronoiBalancer, BalancedEstimator, Pool, TemperedBalancer
from skbalance.metrics import balance_scorer, ess_scorer

X, y = load_digits(return_X_y=True)
X = X / 16.0
pool = X[:900]  # labels of the pool are never used
rest = np.arange(900, len(X))
subset = np.r_[rest[y[rest] == 2][:9], rest[y[rest] == 3]]

model = BalancedEstimator(
    LogisticRegression(max_iter=1000),
    TemperedBalancer(AdaptiveVoronoiBalancer(random_state=0)),
    pool=Pool(pool),
)
powers = [0.0, 0.25, 0.5, 0.75, 1.0]
search = GridSearchCV(
    model,
    {"balancer__power": powers},
    scoring={
        "balanced_accuracy": "balanced_accuracy",
        "balance": balance_scorer,
        "ess": ess_scorer,
    },
    refit="balanced_accuracy",
    cv=3,
).fit(X[subset], y[subset])

results = search.cv_results_
fig, ax = plt.subplots(figsize=(5, 3.2))
ax.plot(results["mean_test_ess"], -results["mean_test_balance"], "o-")
for power, ess, err in zip(
    powers, results["mean_test_ess"], -results["mean_test_balance"]
):
    ax.annotate(f"power {power}", (ess, err), fontsize=8)
ax.set_xlabel("effective sample size / n")
ax.set_ylabel("balance error")
ax.set_title("Tempering trades balance for effective sample size")
fig.tight_layout()
print("best:", search.best_params_)
