"""scikit-learn's side of bench/run.sh: the tutorial's best pipeline on the 60,000
MNIST training digits, timed the way `digitlab bench` times ours, printed as one JSON
object. Run with one thread (bench/run.sh sets OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1):
    /usr/bin/python3 bench/sklearn_bench.py MNIST_DIR [max_iter] [subset] [target_accuracy]

With target_accuracy (our settled-accuracy rule's test accuracy, from `digitlab bench`),
it also measures scikit-learn's time to that accuracy: scikit-learn has no such rule, so
the same pipeline is fitted again from scratch with max_iter 25, 50, 75, ... until its
test accuracy reaches the target; the time is the preprocessing plus that one fit.

It prints which BLAS numpy uses (threadpoolctl) to stderr and refuses to give a figure
on netlib's reference BLAS: numpy's products run about 7x slower there, and a reference
that slow would flatter every ratio against it. scripts/setup.sh --sklearn installs
OpenBLAS. Passes are counted as scipy's L-BFGS calls the loss and gradient.
"""
import gzip
import json
import os
import resource
import sys
import time

import numpy as np
import threadpoolctl
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.linear_model._linear_loss import LinearModelLoss
from sklearn._loss.loss import HalfMultinomialLoss
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures
from sklearn.utils.class_weight import compute_class_weight


def idx(folder, name):
    with gzip.open(os.path.join(folder, name + ".gz")) as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * k: 8 + 4 * k], "big") for k in range(ndim)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)


blas = [lib for lib in threadpoolctl.threadpool_info() if lib["user_api"] == "blas"]
for lib in blas:
    print(f"sklearn_bench: numpy's BLAS is {lib['internal_api']} ({lib.get('architecture')}, "
          f"{lib['num_threads']} thread(s)), {lib['filepath']}", file=sys.stderr)
if not blas:
    # threadpoolctl knows OpenBLAS, MKL and BLIS; netlib's libblas3 is none of them.
    sys.exit("sklearn_bench: numpy runs on the reference BLAS (threadpoolctl finds no OpenBLAS, MKL or BLIS), "
             "several times slower than a real one: no reference figure. Run scripts/setup.sh --sklearn "
             "(it installs libopenblas0-pthread) and check update-alternatives --display libblas.so.3-x86_64-linux-gnu")
if any(lib["num_threads"] != 1 for lib in blas):
    sys.exit("sklearn_bench: the reference runs on one thread: set OPENBLAS_NUM_THREADS=1 (bench/run.sh does)")

folder = sys.argv[1]
max_iter = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
subset = int(sys.argv[3]) if len(sys.argv) > 3 else 60000
target_accuracy = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] not in ("", "null") else None
X_train = idx(folder, "train-images-idx3-ubyte").reshape(60000, -1)[:subset].astype(np.float64)
y_train = idx(folder, "train-labels-idx1-ubyte")[:subset].astype(int)
X_test = idx(folder, "t10k-images-idx3-ubyte").reshape(10000, -1).astype(np.float64)
y_test = idx(folder, "t10k-labels-idx1-ubyte").astype(int)

start = time.perf_counter()
scaler = MinMaxScaler().fit(X_train)
pca_start = time.perf_counter()
pca = PCA(n_components=30).fit(scaler.transform(X_train))
pca_seconds = time.perf_counter() - pca_start
poly = PolynomialFeatures(degree=2, include_bias=False)
F_train = poly.fit_transform(pca.transform(scaler.transform(X_train)))
preprocess_seconds = time.perf_counter() - start
model = LogisticRegression(C=1.0, class_weight="balanced", tol=1e-4, max_iter=max_iter)
# Count the passes: every call scipy's L-BFGS makes for the loss and its gradient.
passes = 0
loss_gradient = LinearModelLoss.loss_gradient


def counted(self, *args, **kwargs):
    global passes
    passes += 1
    return loss_gradient(self, *args, **kwargs)


LinearModelLoss.loss_gradient = counted
lr_start = time.perf_counter()
model.fit(F_train, y_train)
lr_seconds = time.perf_counter() - lr_start
LinearModelLoss.loss_gradient = loss_gradient
fit_seconds = time.perf_counter() - start
F_test = poly.transform(pca.transform(scaler.transform(X_test)))
accuracy = float((model.predict(F_test) == y_test).mean())

# One full gradient pass of the same objective lbfgs minimizes, at the fitted weights.
loss = LinearModelLoss(base_loss=HalfMultinomialLoss(n_classes=10), fit_intercept=True)
weights = compute_class_weight("balanced", classes=np.arange(10), y=y_train)[y_train]
coef = np.hstack([model.coef_, model.intercept_[:, None]]).ravel(order="F")
best = float("inf")
for _ in range(5):
    t = time.perf_counter()
    loss.loss_gradient(coef, F_train, y_train.astype(np.float64), weights, l2_reg_strength=1.0, n_threads=1)
    best = min(best, time.perf_counter() - t)
flops = 4.0 * F_train.shape[0] * F_train.shape[1] * 10

settled_seconds = settled_accuracy = settled_max_iter = None
if target_accuracy is not None:
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    warnings.simplefilter("ignore", ConvergenceWarning)  # every short fit stops at its max_iter, as asked
    for steps in range(25, max_iter + 1, 25):
        t = time.perf_counter()
        short = LogisticRegression(C=1.0, class_weight="balanced", tol=1e-4, max_iter=steps).fit(F_train, y_train)
        seconds = preprocess_seconds + time.perf_counter() - t
        reached = float((short.predict(F_test) == y_test).mean())
        print(f"sklearn_bench: max_iter {steps}: {100 * reached:.2f}% in {seconds:.1f} s "
              f"(target {100 * target_accuracy:.2f}%)", file=sys.stderr)
        if reached >= target_accuracy:
            settled_seconds, settled_accuracy, settled_max_iter = seconds, reached, steps
            break

print(json.dumps({
    "fit_seconds": fit_seconds, "accuracy": accuracy, "pca_seconds": pca_seconds,
    "gradient_ms": best * 1e3, "gradient_gflops": flops / best / 1e9,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    "iterations": int(model.n_iter_[0]), "train_size": int(F_train.shape[0]), "features": int(F_train.shape[1]),
    # lbfgs stops at max_iter (with a ConvergenceWarning) or when its tolerances are met.
    "status": "max_iter" if int(model.n_iter_[0]) >= max_iter else "converged",
    "passes": passes, "pass_ms": lr_seconds / max(1, passes) * 1e3,
    # scikit-learn has no settled-accuracy rule: these are its time to our settled model's
    # accuracy (target_accuracy), max_iter raised in steps of 25 (see the top of this file).
    "settled_seconds": settled_seconds, "settled_accuracy": settled_accuracy, "settled_max_iter": settled_max_iter,
    "settled_target": target_accuracy,
    "blas": [{k: lib.get(k) for k in ("internal_api", "architecture", "num_threads", "version")} for lib in blas],
}))
