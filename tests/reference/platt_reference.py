# Reference values for tests/test_calibration.cpp's [platt] cases, computed once with
# Debian's python3-sklearn 1.2.1 (scipy 1.10.1, numpy, float64):
#   /usr/bin/python3 tests/reference/platt_reference.py
# scikit-learn's _sigmoid_calibration(scores, y) returns (A, B) for
# p = 1 / (1 + exp(A z + B)); Digit Lab's a and b (p = sigmoid(a z + b)) are -A and -B.
# A second, independent minimisation (scipy's Nelder-Mead at tight tolerances, then BFGS
# from there) of the same smoothed-target loss checks that both agree.
import numpy as np
from scipy.optimize import minimize
from sklearn.calibration import _sigmoid_calibration

# The same twelve digits and four classes as the temperature test, held as float32.
z = np.array([[ 3.1, -0.4,  0.2, -1.0], [ 0.5,  2.2, -0.3,  0.1], [-1.2,  0.4,  2.8,  0.0],
              [ 0.3,  0.1, -0.5,  1.9], [ 2.4,  1.9, -0.2, -0.8], [-0.6,  2.7,  0.9, -1.1],
              [ 0.2, -0.3,  1.1,  1.4], [ 1.7, -1.5,  0.6,  0.8], [-0.9,  0.3, -0.1,  2.5],
              [ 1.2,  1.5,  0.4, -0.2], [ 0.0,  0.9,  3.3, -0.7], [ 2.0, -0.2, -0.6,  0.5]],
             dtype=np.float32).astype(np.float64)
y = np.array([0, 1, 2, 1, 1, 1, 2, 0, 3, 0, 2, 3])

def smoothed_loss(ab, f, pos):
    n1, n0 = pos.sum(), (~pos).sum()
    t = np.where(pos, (n1 + 1) / (n1 + 2), 1 / (n0 + 2))
    u = ab[0] * f + ab[1]
    return np.sum(np.logaddexp(0, u) - t * u)

def check(f, pos):
    A, B = _sigmoid_calibration(f, pos.astype(int))
    r = minimize(smoothed_loss, [1.0, 0.0], args=(f, pos), method='Nelder-Mead',
                 options={'xatol': 1e-12, 'fatol': 1e-14, 'maxiter': 20000})
    r = minimize(smoothed_loss, r.x, args=(f, pos), method='BFGS', options={'gtol': 1e-12})
    return -A, -B, r.x[0], r.x[1]

fits = []
for k in range(4):
    a, b, a2, b2 = check(z[:, k], y == k)
    fits.append((a, b))
    print(f'class {k}: sklearn a={a:.10f} b={b:.10f}   own minimiser a={a2:.10f} b={b2:.10f}')

# One binary problem with overlap: eight scores, positives marked.
f = np.array([-2.0, -1.3, -0.4, 0.1, 0.3, 0.9, 1.6, 2.2], dtype=np.float32).astype(np.float64)
pos = np.array([0, 0, 1, 0, 1, 0, 1, 1], dtype=bool)
a, b, a2, b2 = check(f, pos)
print(f'binary: sklearn a={a:.10f} b={b:.10f}   own minimiser a={a2:.10f} b={b2:.10f}')

# The calibrated, normalised probabilities of the twelve digits, and where the arg-max moves.
p = np.column_stack([1 / (1 + np.exp(-(a * z[:, k] + b))) for k, (a, b) in enumerate(fits)])
p /= p.sum(axis=1, keepdims=True)
np.set_printoptions(precision=10, suppress=True)
print('normalised rows:\n', p)
print('arg-max of z:', z.argmax(axis=1), ' after Platt:', p.argmax(axis=1))

# How close each answer is to the minimum: the smoothed loss's gradient there.
def gradient(ab, f, pos):
    n1, n0 = pos.sum(), (~pos).sum()
    t = np.where(pos, (n1 + 1) / (n1 + 2), 1 / (n0 + 2))
    d = 1 / (1 + np.exp(-(ab[0] * f + ab[1]))) - t
    return np.array([np.sum(d * f), np.sum(d)])
a, b, a2, b2 = check(f, pos)
print('binary gradient, sklearn:', gradient((a, b), f, pos), ' own minimiser:', gradient((a2, b2), f, pos))
