"""Reference figures for the Catch2 tests, from scikit-learn 1.2.1 (Debian's
python3-sklearn), run once offline:  MNIST_DIR=... /usr/bin/python3 sklearn_reference.py

Each figure printed here is written into a test with this file named as its source.
Run it again to check them; it is not part of the test run."""
import gzip, os, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split

np.set_printoptions(precision=10, suppress=False, linewidth=150)

def tiny_problem():
    # The same formula as tests/test_logreg.cpp's tiny_problem().
    i = np.arange(60)
    X = np.stack([np.sin(i), np.cos(1.3 * i), (i % 7) / 7.0], axis=1)
    y = np.where(X[:, 0] + 0.5 * X[:, 1] > 0.3, 2, np.where(X[:, 2] > 0.4, 1, 0))
    return X, y

X, y = tiny_problem()
print("tiny class counts", np.bincount(y))
for name, kw in [("multinomial", dict(multi_class="multinomial")),
                 ("multinomial_balanced_C0.5", dict(multi_class="multinomial", class_weight="balanced", C=0.5)),
                 ("ovr", dict(multi_class="ovr"))]:
    m = LogisticRegression(tol=1e-10, max_iter=100000, **kw).fit(X, y)
    print(name, "coef", m.coef_.tolist(), "intercept", m.intercept_.tolist(), "proba0", m.predict_proba(X[:1]).tolist())
yb = (y == 2).astype(int)
m = LogisticRegression(tol=1e-10, max_iter=100000).fit(X, yb)
print("binary coef", m.coef_.tolist(), "intercept", m.intercept_.tolist())

d = os.environ.get("MNIST_DIR")
if not d:
    sys.exit(0)
def idx(name):
    with gzip.open(os.path.join(d, name)) as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * k: 8 + 4 * k], "big") for k in range(ndim)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)
Xtr = idx("train-images-idx3-ubyte.gz").reshape(60000, -1).astype(np.float64)
ytr = idx("train-labels-idx1-ubyte.gz").astype(int)
Xte = idx("t10k-images-idx3-ubyte.gz").reshape(10000, -1).astype(np.float64)
yte = idx("t10k-labels-idx1-ubyte.gz").astype(int)
print("train counts", np.bincount(ytr).tolist(), "first labels", ytr[:10].tolist())
Xall = np.vstack([Xtr, Xte]); yall = np.concatenate([ytr, yte])
a, b, ya, yb2 = train_test_split(Xall, yall, test_size=0.2, random_state=42)
print("seed-42 test counts", np.bincount(yb2).tolist())

n = 3000
s = MinMaxScaler().fit(Xtr[:n])
m = LogisticRegression(tol=1e-8, max_iter=20000).fit(s.transform(Xtr[:n]), ytr[:n])
print("minmax first3000 converged: iters", m.n_iter_, "test accuracy", (m.predict(s.transform(Xte)) == yte).mean())
p = PCA(30, svd_solver="full").fit(s.transform(Xtr[:n]))
print("pca30 explained variance ratio sum", p.explained_variance_ratio_.sum(), "first3", p.explained_variance_ratio_[:3].tolist())
poly = PolynomialFeatures(2, include_bias=False)
Ftr = poly.fit_transform(p.transform(s.transform(Xtr[:n]))); Fte = poly.transform(p.transform(s.transform(Xte)))
m = LogisticRegression(tol=1e-8, max_iter=20000, class_weight="balanced").fit(Ftr, ytr[:n])
print("minmax+pca30+poly2 first3000 balanced converged: iters", m.n_iter_, "test accuracy", (m.predict(Fte) == yte).mean())
