"""The risk benchmark's peer: scikit-learn's LogisticRegression(C=1.0, solver='lbfgs',
max_iter=1000) fits the same penalised logistic regression on the matrix that
`risk_benchmark --export=DIR` wrote, once dense and once as a scipy sparse matrix, and prints
each fit time (median of RUNS), its in-sample c-statistic and objective as JSON beside
Continuum's from DIR/fit.txt. Exits 1 when the c-statistics differ by more than 0.005."""
import json
import statistics
import sys
import time

import numpy as np
import scipy.sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

folder, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
rows, columns, continuum_c, continuum_objective = open(f"{folder}/fit.txt").read().split()
rows, columns = int(rows), int(columns)
indptr = np.fromfile(f"{folder}/indptr.i64", dtype=np.int64)
indices = np.fromfile(f"{folder}/indices.i32", dtype=np.int32)
values = np.fromfile(f"{folder}/values.f32", dtype=np.float32).astype(np.float64)
y = np.fromfile(f"{folder}/outcome.u8", dtype=np.uint8)
continuum = np.fromfile(f"{folder}/coefficients.f64", dtype=np.float64)
sparse = scipy.sparse.csr_matrix((values, indices, indptr), shape=(rows, columns))
dense = sparse.toarray()


def fit(x):
    """Median fit time in ms, the last model, its c-statistic and penalised objective."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        model = LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000).fit(x, y)
        times.append((time.perf_counter() - start) * 1000)
    eta = x @ model.coef_[0] + model.intercept_[0]
    p = 1 / (1 + np.exp(-eta))
    objective = np.sum(np.logaddexp(0, eta) - y * eta) + 0.5 * model.coef_[0] @ model.coef_[0]
    coefficients = np.concatenate([model.intercept_, model.coef_[0]])
    return {"fit_ms": statistics.median(times), "c_statistic": roc_auc_score(y, p),
            "objective": float(objective), "iterations": int(model.n_iter_[0]),
            "largest_coefficient_difference": float(np.max(np.abs(coefficients - continuum)))}


result = {"rows": rows, "columns": columns, "continuum_c_statistic": float(continuum_c),
          "continuum_objective": float(continuum_objective),
          "dense": fit(dense), "sparse": fit(sparse)}
print(json.dumps(result))
for form in ("dense", "sparse"):
    difference = abs(result[form]["c_statistic"] - result["continuum_c_statistic"])
    if difference > 0.005:
        sys.exit(f"c-statistics differ by {difference:.4f} ({form}), more than 0.005")
